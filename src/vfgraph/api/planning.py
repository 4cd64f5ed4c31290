"""The planning modules' root fields that are not a kind's own (those are derived: api/model.py):
``offers`` and ``requests``, which page through the open proposals (docs/planning.md, docs/signals.md)."""

from __future__ import annotations

import asyncio
from typing import Any

import strawberry

from vfgraph.api.context import Info, load_many, page_window
from vfgraph.api.nodes import ProposalRef, node
from vfgraph.api.pagination import Connection, to_connection
from vfgraph.api.types.signals import ProposalFilterParams
from vfgraph.domain.kinds import Kind
from vfgraph.domain.signals import ProposalFilter, Side
from vfgraph.services import signals
from vfgraph.store.reads import Slice


def _open_proposals(side: Side) -> Any:
    """``offers`` / ``requests``: a page of the open proposals of one side, filtered (docs/signals.md)."""

    async def resolve(
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: ProposalFilterParams | None = None,
    ) -> Connection[ProposalRef]:
        window = page_window(info, first, after, last, before)
        where = filter.rule() if filter is not None else ProposalFilter()
        ids = await asyncio.to_thread(signals.open_proposals, info.context.ledger, side, where, window)
        records = await load_many(info, Kind.PROPOSAL.value, ids.items)
        page = Slice(records, has_previous=ids.has_previous, has_next=ids.has_next)
        return to_connection(page, window, node)

    return strawberry.field(resolver=resolve)


@strawberry.type
class PlanningQuery:
    offers = _open_proposals("offer")
    requests = _open_proposals("request")
