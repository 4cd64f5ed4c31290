"""Reads of pending events (statements in :mod:`vfgraph.store.cypher.pending`), as :class:`Record` rows of
kind EconomicEvent, so the API shows a pending event with the fields of the event it would be."""

from __future__ import annotations

from collections.abc import Iterable

from vfgraph.domain.kinds import Kind
from vfgraph.store.cypher import pending as q
from vfgraph.store.driver import Row, Store
from vfgraph.store.reads import Record, Slice, Window


def _record(row: Row) -> Record:
    return Record(kind=Kind.ECONOMIC_EVENT, props=row["props"], refs=row["refs"])


def by_ids(store: Store, ids: Iterable[str]) -> dict[str, Record]:
    """The pending events among ``ids`` the store's viewer may see, by id."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {r.id: r for r in map(_record, store.rows(q.PENDING_BY_IDS, {"ids": wanted}))}


def page(store: Store, window: Window, status: str | None) -> Slice[Record]:
    """A page of the pending (or rejected, or both: None) events the store's viewer may see."""
    statement = q.PENDING_BACKWARD if window.backward else q.PENDING_FORWARD
    rows = store.rows(statement, {**window.params(), "status": status})
    return Slice.cut([_record(row) for row in rows], window)
