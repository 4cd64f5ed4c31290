"""``Query.search``: find agents, resources, processes and events by what a person would type.

An extension beyond vf-graphql, for the graph explorer's search box; the matching rules are in
:mod:`vfgraph.store.search`. Hits are kept only when the request's record loaders return them, so search
shows no more than reading the records by id would (one batched read per kind found).
"""

from __future__ import annotations

import asyncio

import strawberry

from vfgraph.api.context import Info, clamp, load_many
from vfgraph.errors import InvalidInput
from vfgraph.store import search as store_search
from vfgraph.store.cypher.read import AGENT


@strawberry.type(description="A record found by `search`, with what identifies it to a person.")
class SearchHit:
    id: strawberry.ID
    kind: str = strawberry.field(
        description="The record's class: Person, Organization, EcologicalAgent, EconomicResource, "
        "Process or EconomicEvent."
    )
    name: str | None
    tracking_identifier: str | None
    note: str | None
    action: str | None = strawberry.field(description="An event's action id (events have no name).")
    score: float = strawberry.field(description="Higher is a better match; exact id matches come first.")


async def search(info: Info, text: str, first: int | None) -> list[SearchHit]:
    settings = info.context.ledger.settings
    limit = settings.default_page_size if first is None else first
    if limit < 0:
        raise InvalidInput(f"first cannot be negative (got {limit})")
    if limit > settings.max_page_size:  # clamped, as connections are (docs/security.md)
        clamp(info, limit, settings.max_page_size)
        limit = settings.max_page_size
    hits = await asyncio.to_thread(store_search.search, info.context.ledger.store, text, limit)
    by_label: dict[str, list[str]] = {}
    for h in hits:
        by_label.setdefault(AGENT if h.kind.is_agent else h.kind.value, []).append(h.id)
    readable: set[str] = set()
    for label, ids in by_label.items():
        readable.update(r.id for r in await load_many(info, label, ids))
    return [
        SearchHit(
            id=strawberry.ID(h.id),
            kind=h.kind.value,
            name=h.name,
            tracking_identifier=h.tracking_identifier,
            note=h.note,
            action=h.action,
            score=h.score,
        )
        for h in hits
        if h.id in readable
    ]
