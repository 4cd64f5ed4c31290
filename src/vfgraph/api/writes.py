"""What every mutation does around the ledger: run the (blocking) write off the event loop, then read the
written records back through the same read path as queries (so a response shows what a query would)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from vfgraph.api.context import Info, load_one
from vfgraph.api.nodes import node
from vfgraph.domain.kinds import Kind
from vfgraph.errors import NotFound

T = TypeVar("T")
P = ParamSpec("P")


async def write(info: Info, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run a ledger write, then forget what this request had read before it."""
    result = await asyncio.to_thread(fn, *args, **kwargs)
    info.context.loaders.clear()
    return result


async def read_back(info: Info, kind: Kind, iri: str) -> Any:
    """The API object of a record just written (NOT_FOUND if the caller cannot read it back)."""
    r = await load_one(info, kind.value, iri)
    if r is None:
        raise NotFound(f"{kind.value} {iri} was written but cannot be read back")
    return node(r)
