"""Track, trace and footprints: the use cases over :mod:`vfgraph.domain.trace` and ``domain.footprint``.

A walk reads the store one level at a time through :class:`StoreFlowSource`; the rules themselves are
pure Python in ``domain/``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from vfgraph.domain import footprint as fp
from vfgraph.domain.quantities import Measure
from vfgraph.domain.trace import (
    Direction,
    EventAt,
    FlowEvent,
    FlowGraph,
    Limits,
    ProcessVia,
    ResourceAt,
    State,
    Walk,
    increments_resource,
    increments_to_resource,
    takes_from_resource,
    walk,
)
from vfgraph.errors import InvalidInput, NotFound, TraceTooLarge
from vfgraph.store import pact as pact_store
from vfgraph.store import tracing as store
from vfgraph.store.driver import Row

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger


def _measure(row: Row, name: str) -> Measure | None:
    value = row.get(name + "Value")
    return None if value is None else Measure(Decimal(value), row.get(name + "Unit"))


class StoreFlowSource:
    """:class:`vfgraph.domain.trace.FlowSource` over Neo4j: one statement per call."""

    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger
        # Which actions step along a resource, by direction, read from the actions' behaviour.
        probe = {a: FlowEvent("", a, "", "", resource="r", to_resource="t") for a in ledger.actions.values()}
        self._steps = {
            Direction.UPSTREAM: (
                sorted(a.id for a, e in probe.items() if increments_resource(e)),
                sorted(a.id for a, e in probe.items() if increments_to_resource(e)),
            ),
            Direction.DOWNSTREAM: (sorted(a.id for a, e in probe.items() if takes_from_resource(e)), []),
        }

    def events_around(
        self,
        resources: Sequence[str],
        processes: Sequence[str],
        events: Sequence[str],
        direction: Direction,
        known: Collection[str],
    ) -> list[FlowEvent]:
        on_resource, on_to_resource = self._steps[direction]
        rows = store.events_around(
            self._ledger.store, resources, processes, events, on_resource, on_to_resource, known
        )
        return [self._event(r) for r in rows]

    def _event(self, r: Row) -> FlowEvent:
        return FlowEvent(
            id=r["id"],
            action=self._ledger.actions[r["action"]],
            provider=r["provider"],
            receiver=r["receiver"],
            resource=r.get("resource"),
            to_resource=r.get("toResource"),
            resource_seq=int(r.get("resourceSeq") or 0),
            to_resource_seq=int(r.get("toResourceSeq") or 0),
            input_of=r.get("inputOf"),
            output_of=r.get("outputOf"),
            quantity=_measure(r, "resourceQuantity"),
            effort=_measure(r, "effortQuantity"),
            conforms_to=r.get("conformsTo"),
            ecological_provider=bool(r.get("ecologicalProvider")),
            ecological_receiver=bool(r.get("ecologicalReceiver")),
            time=r.get("hasPointInTime") or r.get("hasEnd") or r.get("hasBeginning"),
            visible=bool(r.get("visible", True)),
            footprint_share=None if r.get("footprintShare") is None else Decimal(r["footprintShare"]),
        )


def start_state(ledger: Ledger, iri: str) -> State:
    row = store.kind_of(ledger.store, iri)
    if row is None or row["kind"] is None:
        raise NotFound(f"{iri} is not an economic resource, event or process", id=iri)
    kind: str = row["kind"]
    if kind == "EconomicResource":
        return ResourceAt(iri, None)
    if kind == "EconomicEvent":
        return EventAt(iri)
    return ProcessVia(iri, None)


@dataclass(frozen=True, slots=True)
class Filters:
    """Which events a walk may go through (all, when empty)."""

    actions: frozenset[str] = frozenset()
    agents: frozenset[str] = frozenset()
    start: str | None = None  # ISO 8601, inclusive
    end: str | None = None

    def keep(self, e: FlowEvent) -> bool:
        if self.actions and e.action.id not in self.actions:
            return False
        if self.agents and not ({e.provider, e.receiver} & self.agents):
            return False
        if self.start and (e.time or "") < self.start:
            return False
        return not (self.end and (e.time or "") > self.end)

    @property
    def empty(self) -> bool:
        return not (self.actions or self.agents or self.start or self.end)


def limits(ledger: Ledger, max_depth: int | None) -> Limits:
    s = ledger.settings
    depth = s.trace_default_depth if max_depth is None else max_depth
    if depth < 0 or depth > s.trace_max_depth:
        raise InvalidInput(f"maxDepth must be between 0 and {s.trace_max_depth}", maxDepth=depth)
    return Limits(max_depth=depth, max_nodes=s.trace_max_nodes)


def trace(
    ledger: Ledger,
    iri: str,
    direction: Direction,
    max_depth: int | None = None,
    filters: Filters | None = None,
) -> Walk:
    """Walk from a resource, event or process upstream (trace) or downstream (track)."""
    f = filters or Filters()
    return walk(
        start_state(ledger, iri),
        direction,
        StoreFlowSource(ledger),
        limits(ledger, max_depth),
        None if f.empty else f.keep,
    )


def reachable(ledger: Ledger, iri: str, direction: Direction) -> set[str]:
    """The IRIs of the resources, events and processes a trace or track from ``iri`` reaches."""
    return {record_id for _, record_id in trace(ledger, iri, direction).ids()}


@dataclass(frozen=True, slots=True)
class ResourceFootprint:
    footprint: fp.Footprint
    accounting_quantity: Measure | None


def footprint(ledger: Ledger, resource: str, indicators: Collection[str]) -> ResourceFootprint:
    """The resource's footprint per unit and in total for each indicator (docs/footprints.md)."""
    row = store.kind_of(ledger.store, resource)
    if row is None or row["kind"] != "EconomicResource":
        raise NotFound(f"{resource} is not an economic resource", id=resource)
    s = ledger.settings
    w = walk(
        ResourceAt(resource, None),
        Direction.UPSTREAM,
        StoreFlowSource(ledger),
        Limits(max_depth=s.trace_max_depth, max_nodes=s.trace_max_nodes),
    )
    if w.truncated:
        raise TraceTooLarge(
            f"the upstream graph of {resource} is larger than a footprint may read "
            f"({s.trace_max_nodes} states, {s.trace_max_depth} steps)",
            resource=resource,
        )
    return ResourceFootprint(
        footprint=fp.footprint(w.graph, resource, indicators, declared_footprints(ledger, w.graph)),
        accounting_quantity=_measure(row, "accountingQuantity"),
    )


def declared_footprints(ledger: Ledger, graph: FlowGraph) -> fp.Declarations:
    """The suppliers' footprints in force for what the graph's events deliver (docs/footprints.md, rule 6;
    taken from other PACT hosts, docs/pact.md): one statement for every (provider, product) pair met."""
    pairs = {
        (e.provider, e.conforms_to)
        for e in graph.events.values()
        if e.conforms_to is not None and e.provider != e.receiver and not e.action.is_input
    }
    found: dict[tuple[str, str], list[fp.Declared]] = {}
    for row in pact_store.declared_for(ledger.store, pairs):
        key = (row["agent"], row["resourceSpecification"])
        if any(d.indicator == row["indicator"] for d in found.get(key, [])):
            continue  # the latest taken one per indicator
        found.setdefault(key, []).append(
            fp.Declared(
                supplier=row["agent"],
                product=row["resourceSpecification"],
                indicator=row["indicator"],
                amount=Decimal(row["perUnit"]),
                unit=row["unit"],
                indicator_unit=row["indicatorUnit"],
                source=row["id"],
            )
        )
    return found
