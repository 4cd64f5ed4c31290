"""Reads and writes of the linked-data export and import, each a statement of :mod:`vfgraph.store.cypher.ld`.

Reads return :class:`StoredRecord` rows (kind, properties, outgoing relationships), the shape
:func:`vfgraph.services.records.current_values` turns into field values. :func:`write_nodes`,
:func:`write_links` and :func:`set_breadcrumbs` store an import inside the caller's transaction, in batches
of ``batch`` rows per statement.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from vfgraph.domain.fields import FIELDS
from vfgraph.domain.kinds import Kind
from vfgraph.store.cypher import ld as q
from vfgraph.store.cypher.write import LABELS_OF
from vfgraph.store.driver import Row, Store, Tx

_KIND_BY_LABEL = {k.value: k for k in Kind}


@dataclass(frozen=True, slots=True)
class StoredRecord:
    """A record as stored: ``state`` has ``props`` and ``rels`` (``{rel, id}`` per relationship)."""

    kind: Kind
    state: Row

    @property
    def id(self) -> str:
        return str(self.state["props"]["id"])


@dataclass(frozen=True, slots=True)
class RecordRow:
    """One record to write: its node properties (None removes) and its relationships by type."""

    kind: Kind
    id: str
    props: Mapping[str, Any]
    rels: Mapping[str, Sequence[str]]
    created_at: str | None = None
    involved: Sequence[str] = ()


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def kind_of(labels: Iterable[str]) -> Kind | None:
    return next((_KIND_BY_LABEL[label] for label in labels if label in _KIND_BY_LABEL), None)


def page_of_kind(store: Store, kind: Kind, after: str, limit: int) -> list[StoredRecord]:
    """Up to ``limit`` records of ``kind`` whose id sorts after ``after`` ("" for the first page)."""
    rows = store.rows(q.PAGE_OF_KIND[kind], {"after": after, "limit": limit})
    return [StoredRecord(kind, row) for row in rows]


def records_by_ids(store: Store, ids: Iterable[str]) -> list[StoredRecord]:
    """The records among ``ids`` (unknown ids and external references are absent), in id order."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    found = []
    for row in store.rows(q.RECORDS_BY_IDS, {"ids": wanted}):
        kind = kind_of(row["labels"])
        if kind is not None:
            found.append(StoredRecord(kind, row))
    return sorted(found, key=lambda r: r.id)


def count_records(store: Store) -> int:
    n: int = store.rows(q.COUNT_RECORDS)[0]["n"]
    return n


def labels_of(tx: Tx, ids: Sequence[str], batch: int = 5000) -> dict[str, list[str]]:
    """The labels of the records among ``ids``, by id."""
    out: dict[str, list[str]] = {}
    for chunk in _chunks(sorted(ids), batch):
        for row in tx.rows(LABELS_OF, {"ids": list(chunk)}):
            out[row["id"]] = row["labels"]
    return out


def events_of_resources(tx: Tx, ids: Sequence[str], batch: int = 5000) -> list[StoredRecord]:
    """The stored events naming any of the resources ``ids`` (as resource or to-resource)."""
    seen: dict[str, StoredRecord] = {}
    for chunk in _chunks(sorted(ids), batch):
        for row in tx.rows(q.EVENTS_OF_RESOURCES, {"ids": list(chunk)}):
            record = StoredRecord(Kind.ECONOMIC_EVENT, row)
            seen[record.id] = record
    return list(seen.values())


@dataclass(frozen=True, slots=True)
class Writer:
    """Who imports (the caller's agent and key id, stored as createdBy/updatedBy) and when."""

    now: str
    agent: str | None = None
    key: str | None = None

    def params(self) -> dict[str, Any]:
        return {"now": self.now, "agent": self.agent, "key": self.key}


def write_nodes(
    tx: Tx,
    records: Sequence[RecordRow],
    *,
    externals: Sequence[str],
    existing: Sequence[str],
    writer: Writer,
    batch: int = 2000,
) -> None:
    """Store the nodes of ``records`` as stated, in the caller's transaction; relationships come later.

    ``externals`` are referenced IRIs that are neither imported nor stored (kept as ``:External`` nodes;
    merged, so one may be given again); ``existing`` the ids of ``records`` already stored, whose outgoing
    relationships are dropped, to be linked again as the file states them (:func:`write_links`).
    """
    for chunk in _chunks(sorted(externals), batch):
        tx.rows(q.MERGE_EXTERNALS, {"ids": list(chunk)})
    by_kind: dict[Kind, list[RecordRow]] = {}
    for r in records:
        by_kind.setdefault(r.kind, []).append(r)
    stored = set(existing)
    who = writer.params()
    for kind, rows in by_kind.items():
        ids = [r.id for r in rows]
        for id_chunk in _chunks(ids, batch):
            tx.rows(q.ADOPT_EXTERNALS[kind], {"ids": list(id_chunk), **who})
        for chunk in _chunks(rows, batch):
            params = [
                {"id": r.id, "props": dict(r.props), "createdAt": r.created_at, "involved": list(r.involved)}
                for r in chunk
            ]
            tx.rows(q.UPSERT_RECORDS[kind], {"rows": params, **who})
        again = [i for i in ids if i in stored]
        if again and kind in q.DROP_RELATIONSHIPS:
            for id_chunk in _chunks(again, batch):
                tx.rows(q.DROP_RELATIONSHIPS[kind], {"ids": list(id_chunk)})


def write_links(tx: Tx, links: Mapping[str, Sequence[tuple[str, str]]], batch: int = 2000) -> None:
    """Create relationships ``(from)-[rel]->(to)`` by type; both ends are stored records or externals."""
    for rel, pairs in links.items():
        for chunk in _chunks(pairs, batch):
            tx.rows(q.LINK[rel], {"rows": [{"from": a, "to": b} for a, b in chunk]})


def breadcrumbs_of(tx: Tx, resources: Sequence[str]) -> dict[str, tuple[int, str | None]]:
    """Each stored resource's event count and last event, by id (external references are absent)."""
    rows = tx.rows(q.RESOURCE_BREADCRUMBS, {"ids": list(resources)})
    return {row["id"]: (int(row["eventCount"]), row["lastEvent"]) for row in rows}


def set_breadcrumbs(
    tx: Tx, events: Sequence[Mapping[str, Any]], resources: Sequence[Mapping[str, Any]]
) -> None:
    """Set events' sequence numbers (``{id, resourceSeq, toResourceSeq}``) and resources' breadcrumbs
    (``{id, eventCount, lastEvent}``)."""
    if events:
        tx.rows(q.SET_EVENT_SEQUENCE, {"rows": list(events)})
    if resources:
        tx.rows(q.SET_RESOURCE_BREADCRUMBS, {"rows": list(resources)})


def relationship_types() -> frozenset[str]:
    """Every relationship type a record kind has (from the fields table)."""
    return frozenset(f.rel for fields in FIELDS.values() for f in fields if f.rel is not None)
