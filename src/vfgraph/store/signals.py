"""Typed reads for signals: open offers and requests, an agent's supply, open requests, change subjects.

Each function runs one statement of :mod:`vfgraph.store.cypher.signals` as the store's viewer.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from vfgraph.domain.filters import FILTERS, Where
from vfgraph.domain.kinds import Kind
from vfgraph.domain.signals import Holding, ProposalFilter, Request, Side, Subject, Supply, open_side
from vfgraph.store import reads
from vfgraph.store.cypher import signals as q
from vfgraph.store.driver import Store
from vfgraph.store.reads import Slice, Window


def open_proposals(
    store: Store, side: Side, where: ProposalFilter, window: Window, now: datetime
) -> Slice[str]:
    """A window of the ids of open offers (``side="offer"``) or requests, in id order: a page of proposals
    with the criteria of vf-graphql's ProposalFilterParams that make them open on that side."""
    criteria = Where.of(FILTERS["ProposalFilterParams"], {**where.criteria(), **open_side(side)})
    page = reads.list_page(store, Kind.PROPOSAL, window, criteria, now=now)
    return Slice([r.id for r in page.items], page.has_previous, page.has_next)


def agent_supply(store: Store, agent: str) -> list[Supply]:
    """What ``agent`` holds on hand and has produced, per resource specification."""
    return [
        Supply(
            spec=row["spec"],
            held=tuple(
                Holding(h["resource"], Decimal(h["value"]), h["unit"])
                for h in sorted(row["held"], key=lambda h: str(h["resource"]))
            ),
            made=int(row["made"]),
        )
        for row in store.rows(q.AGENT_SUPPLY, {"agent": agent})
    ]


def open_requests(store: Store, agent: str, specs: Iterable[str], now: datetime, limit: int) -> list[Request]:
    """Open intents for ``specs`` nobody provides yet, not ``agent``'s own; ``limit`` of them, soonest due."""
    wanted = sorted(set(specs))
    if not wanted:
        return []
    params = {"agent": agent, "specs": wanted, "now": now.isoformat(), "limit": limit}
    return [
        Request(
            id=row["id"],
            spec=row["spec"],
            quantity=Decimal(row["value"]) if row["value"] is not None else None,
            unit=row["unit"],
            due=row["due"],
        )
        for row in store.rows(q.OPEN_REQUESTS_FOR, params)
    ]


def subject(store: Store, kind: Kind, record_id: str) -> Subject | None:
    """What a changed record is about, or None when the viewer may not see it (or it is gone)."""
    statement = q.SUBJECT.get(kind)
    if statement is None:
        return None
    rows = store.rows(statement, {"id": record_id})
    if not rows:
        return None
    row = rows[0]
    return Subject(
        kind=kind,
        id=row["id"],
        specs=frozenset(row["specs"]),
        locations=frozenset(row["locations"]),
        agents=frozenset(row["agents"]),
    )
