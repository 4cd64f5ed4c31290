"""Reads for track, trace and footprints (statements in :mod:`vfgraph.store.cypher.trace`)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from vfgraph.store.cypher import trace as cypher
from vfgraph.store.driver import Row, Store


def events_around(
    store: Store,
    resources: Sequence[str],
    processes: Sequence[str],
    events: Sequence[str],
    resource_actions: Sequence[str],
    to_resource_actions: Sequence[str],
    known: Collection[str],
) -> list[Row]:
    """The events around these records (one statement), as rows of plain values."""
    params = {
        "resources": list(resources),
        "processes": list(processes),
        "events": list(events),
        "resourceActions": list(resource_actions),
        "toResourceActions": list(to_resource_actions),
        "known": list(known),
    }
    return [row["event"] for row in store.rows(cypher.EVENTS_AROUND, params)]


def kind_of(store: Store, iri: str) -> Row | None:
    """The walkable kind of a record (EconomicResource, EconomicEvent or Process) and its quantity."""
    rows = store.rows(cypher.KIND_OF, {"id": iri})
    return rows[0] if rows else None
