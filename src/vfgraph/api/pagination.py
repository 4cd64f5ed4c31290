"""Relay pagination: opaque cursors, ``PageInfo``, and the generic ``<Type>Connection`` / ``<Type>Edge``.

A cursor is the base64 of ``cursor:<record id>``; records are paged in id order (see
:mod:`vfgraph.store.reads`). Strawberry names ``Connection[EconomicEvent]`` ``EconomicEventConnection``,
which is the vf-graphql name.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Generic, TypeVar

import strawberry

from vfgraph.errors import InvalidCursor
from vfgraph.store.reads import Record, Slice, Window

T = TypeVar("T")

_PREFIX = "cursor:"


def encode_cursor(record_id: str) -> str:
    return base64.urlsafe_b64encode((_PREFIX + record_id).encode()).decode("ascii")


def decode_cursor(cursor: str | None) -> str | None:
    """The record id inside a cursor this server issued; :class:`InvalidCursor` for anything else."""
    if cursor is None:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor.encode("ascii")).decode()
    except (binascii.Error, UnicodeError, ValueError):
        raise InvalidCursor(f"not a cursor issued by this server: {cursor!r}") from None
    if not text.startswith(_PREFIX) or len(text) == len(_PREFIX):
        raise InvalidCursor(f"not a cursor issued by this server: {cursor!r}")
    return text[len(_PREFIX) :]


@strawberry.type
class PageInfo:
    start_cursor: str | None
    end_cursor: str | None
    has_previous_page: bool
    has_next_page: bool
    total_count: int | None = None
    page_limit: int | None = None


@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo


def to_connection(page: Slice[Record], window: Window, make: Callable[[Record], T]) -> Connection[T]:
    """The connection for a page of records, each turned into its GraphQL type by ``make``."""
    edges = [Edge(node=make(r), cursor=encode_cursor(r.id)) for r in page.items]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
            has_previous_page=page.has_previous,
            has_next_page=page.has_next,
            page_limit=window.limit,
        ),
    )
