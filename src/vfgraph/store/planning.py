"""Typed reads of the planning layer: pages of open offers and requests (ids, in id order)."""

from __future__ import annotations

from vfgraph.store.cypher import planning as q
from vfgraph.store.driver import Store
from vfgraph.store.reads import Slice, Window

KINDS_OF_PROPOSAL = ("offers", "requests")


def open_proposals(store: Store, which: str, window: Window, now: str) -> Slice[str]:
    """A page of the ids of open offers (``which="offers"``) or requests, as of ``now`` (ISO, UTC)."""
    if which not in KINDS_OF_PROPOSAL:
        raise ValueError(f"not a kind of proposal list: {which!r}")
    statement = q.OPEN_PROPOSALS[(which, "DESC" if window.backward else "ASC")]
    rows = store.rows(statement, {**window.params(), "now": now})
    return Slice.cut([str(row["id"]) for row in rows], window)
