"""Signals: what is offered and requested, and which requests an agent could fill (docs/signals.md).

Reads only, as the ledger's caller: private records the caller may not see neither appear nor count.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from vfgraph.domain.signals import Match, ProposalFilter, Side, Subject, rank
from vfgraph.services.changes import Change
from vfgraph.store import signals as reads
from vfgraph.store.reads import Slice, Window

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger

# matches() ranks at most this many open requests (the soonest due), so that its cost stays bounded.
MATCH_CANDIDATES = 1000


def open_proposals(
    ledger: Ledger, side: Side, where: ProposalFilter, window: Window, now: datetime | None = None
) -> Slice[str]:
    """Ids of the open offers (``side="offer"``) or requests that ``where`` lets through."""
    return reads.open_proposals(ledger.store, side, where, window, now or datetime.now(UTC))


def matches(ledger: Ledger, agent: str, now: datetime | None = None) -> list[Match]:
    """The open requests ``agent`` could fill, best first, each with its reasons."""
    supplies = reads.agent_supply(ledger.store, agent)
    if not supplies:
        return []
    requests = reads.open_requests(
        ledger.store, agent, (s.spec for s in supplies), now or datetime.now(UTC), MATCH_CANDIDATES
    )
    return rank(requests, supplies)


def subject(ledger: Ledger, change: Change) -> Subject | None:
    """What the record a change names is about, as the ledger's caller sees it (None: hidden or gone)."""
    return reads.subject(ledger.store, change.kind, change.id)
