"""Track, trace and footprints in the API: ``trace``/``track`` item lists, ``traceGraph`` and ``footprint``.

The walks run in :mod:`vfgraph.services.tracing` (one Cypher round trip per level); the records they reach
are then loaded through the request's DataLoaders, one batch per kind.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from vfgraph.api.context import Info, load_many, load_one
from vfgraph.api.nodes import (
    AgentRef,
    EconomicEventRef,
    EconomicResourceRef,
    ProcessRef,
    ResourceSpecificationRef,
    TrackTraceItem,
    load_node,
    node,
)
from vfgraph.api.types.action import Action
from vfgraph.api.types.measurement import Measure
from vfgraph.domain.quantities import format_decimal
from vfgraph.domain.trace import Direction, EventAt, State, Walk, kind_of
from vfgraph.errors import NotFound
from vfgraph.services import tracing
from vfgraph.store.cypher.read import AGENT

if TYPE_CHECKING:
    from vfgraph.api.pact import PactFootprint

PactFootprintRef = Annotated["PactFootprint", strawberry.lazy("vfgraph.api.pact")]


@strawberry.enum(description="Which way a walk goes: UPSTREAM traces sources, DOWNSTREAM tracks uses.")
class TraceDirection(Enum):
    UPSTREAM = "UPSTREAM"
    DOWNSTREAM = "DOWNSTREAM"


async def items_of(info: Info, keyed: Sequence[tuple[str, str]]) -> list[TrackTraceItem]:
    """The records for (kind, id) pairs, in the order given, loaded one batch per kind."""
    found: dict[tuple[str, str], TrackTraceItem] = {}
    for kind in ("EconomicResource", "EconomicEvent", "Process"):
        ids = [i for k, i in keyed if k == kind]
        for r in await load_many(info, kind, ids) if ids else []:
            found[(kind, r.id)] = node(r)
    return [found[k] for k in keyed if k in found]


async def walk_items(info: Info, iri: str, direction: Direction) -> list[TrackTraceItem]:
    w = await asyncio.to_thread(tracing.trace, info.context.ledger, iri, direction)
    return await items_of(info, list(w.ids()))


@strawberry.type(description="A record reached by a walk, with its distance in steps from the start.")
class TraceNode:
    id: strawberry.ID
    kind: str = strawberry.field(description="EconomicResource, EconomicEvent or Process.")
    depth: int
    redacted: bool = strawberry.field(
        default=False,
        description="A private record the caller may not see: it keeps the chain connected, nothing more.",
    )

    # One field per kind (a node is exactly one of them), so clients select what they draw.
    @strawberry.field
    async def resource(self, info: Info) -> EconomicResourceRef | None:
        return (
            await load_node(info, "EconomicResource", str(self.id))
            if self.kind == "EconomicResource"
            else None
        )

    @strawberry.field
    async def event(self, info: Info) -> EconomicEventRef | None:
        return await load_node(info, "EconomicEvent", str(self.id)) if self.kind == "EconomicEvent" else None

    @strawberry.field
    async def process(self, info: Info) -> ProcessRef | None:
        return await load_node(info, "Process", str(self.id)) if self.kind == "Process" else None


@strawberry.type(description="One step of a walk, in the direction resources flowed (from cause to effect).")
class TraceEdge:
    from_: strawberry.ID = strawberry.field(name="from")
    to: strawberry.ID
    event: strawberry.ID = strawberry.field(description="The economic event this step goes through.")
    action_id: strawberry.Private[str | None]
    resource_quantity: Measure | None
    effort_quantity: Measure | None
    depth: int

    @strawberry.field
    def action(self, info: Info) -> Action | None:
        """The event's action (null when the event is private to others)."""
        return None if self.action_id is None else Action.of(info.context.action(self.action_id))


@strawberry.type(description="The graph a trace or track reaches, for clients that draw or audit it.")
class TraceGraph:
    start: strawberry.ID
    direction: TraceDirection
    max_depth: int
    nodes: list[TraceNode]
    edges: list[TraceEdge]
    truncated: bool = strawberry.field(
        description="True when the walk stopped at maxDepth or at the node limit with more to reach."
    )


def _measure(m: object) -> Measure | None:
    from vfgraph.domain.quantities import Measure as DomainMeasure

    if not isinstance(m, DomainMeasure):
        return None
    return Measure(unit_id=m.unit, has_numerical_value=m.value)


def graph_of(w: Walk, max_depth: int, hidden: set[str]) -> TraceGraph:
    """The API's view of a walk; records in ``hidden`` (private to others) come out redacted."""
    depth: dict[tuple[str, str], int] = {}
    for state, d in w.depth.items():
        key = (kind_of(state), state.id)
        depth[key] = min(d, depth.get(key, d))
    nodes = [
        TraceNode(id=strawberry.ID(i), kind=k, depth=depth[(k, i)], redacted=i in hidden) for k, i in w.ids()
    ]
    edges: dict[tuple[str, str], TraceEdge] = {}
    for e in w.edges:
        event_state: State = e.source if isinstance(e.source, EventAt) else e.target
        event = w.graph.events[event_state.id]
        key = (e.source.id, e.target.id)
        shown = event.id not in hidden
        if key not in edges:
            edges[key] = TraceEdge(
                from_=strawberry.ID(e.source.id),
                to=strawberry.ID(e.target.id),
                event=strawberry.ID(event.id),
                action_id=event.action.id if shown else None,
                resource_quantity=_measure(event.quantity) if shown else None,
                effort_quantity=_measure(event.effort) if shown else None,
                depth=e.depth,
            )
    return TraceGraph(
        start=strawberry.ID(w.start.id),
        direction=TraceDirection(w.direction.value),
        max_depth=max_depth,
        nodes=nodes,
        edges=list(edges.values()),
        truncated=w.truncated,
    )


async def trace_graph(
    info: Info,
    start: str,
    direction: TraceDirection,
    max_depth: int | None,
    actions: list[strawberry.ID] | None,
    agents: list[strawberry.ID] | None,
    start_time: datetime | None,
    end_time: datetime | None,
) -> TraceGraph:
    ledger = info.context.ledger
    for a in actions or []:
        info.context.action(str(a))  # unknown actions are an error, not an empty graph
    filters = tracing.Filters(
        actions=frozenset(str(a) for a in actions or []),
        agents=frozenset(str(a) for a in agents or []),
        start=_iso(start_time),
        end=_iso(end_time),
    )
    limits = tracing.limits(ledger, max_depth)
    w = await asyncio.to_thread(
        tracing.trace, ledger, start, Direction(direction.value), limits.max_depth, filters
    )
    return graph_of(w, limits.max_depth, await hidden_in(info, w))


async def hidden_in(info: Info, w: Walk) -> set[str]:
    """The records of a walk the caller may not see: events marked so by the walk's own read, resources
    and processes that the (privacy-checked) loaders do not return. One batch per kind."""
    hidden = {e.id for e in w.graph.events.values() if not e.visible}
    for kind in ("EconomicResource", "Process"):
        ids = [i for k, i in w.ids() if k == kind]
        if ids:
            seen = {r.id for r in await load_many(info, kind, ids)}
            hidden |= set(ids) - seen
    return hidden


def _iso(t: datetime | None) -> str | None:
    if t is None:
        return None
    return t.isoformat().replace("+00:00", "Z")


# -- footprints ------------------------------------------------------------------------------------


async def _specification(info: Info, spec_id: str) -> Any:
    found = await load_node(info, "ResourceSpecification", spec_id)
    if found is None:
        raise NotFound(f"no ResourceSpecification {spec_id}", id=spec_id)
    return found


@strawberry.type(description="An amount of one indicator (a ResourceSpecification such as kg CO2e).")
class IndicatorAmount:
    indicator_id: strawberry.Private[str]
    quantity: Measure

    @strawberry.field
    async def indicator(self, info: Info) -> ResourceSpecificationRef:
        return await _specification(info, self.indicator_id)


@strawberry.type(description="What one process, and the agent answerable for it, adds to a footprint.")
class FootprintContribution:
    indicator_id: strawberry.Private[str]
    process_id: strawberry.Private[str]
    agent_id: strawberry.Private[str]
    per_unit: Measure
    total: Measure

    @strawberry.field
    async def indicator(self, info: Info) -> ResourceSpecificationRef:
        return await _specification(info, self.indicator_id)

    @strawberry.field
    async def process(self, info: Info) -> ProcessRef | None:
        return await load_node(info, "Process", self.process_id)

    @strawberry.field
    async def agent(self, info: Info) -> AgentRef | None:
        """The agent answerable for the contribution (null when its process is private to others)."""
        from vfgraph.api.pact import supplier_footprint

        process = await load_one(info, "Process", self.process_id)
        if process is None and await supplier_footprint(info, self.process_id) is None:
            return None
        return await load_node(info, AGENT, self.agent_id)

    @strawberry.field
    async def supplier_footprint(self, info: Info) -> PactFootprintRef | None:
        """The supplier's PACT footprint the contribution comes from, in place of a process (docs/pact.md)."""
        from vfgraph.api.pact import supplier_footprint

        return await supplier_footprint(info, self.process_id)


@strawberry.type(
    description="Indicator amounts carried by a resource, rolled up its trace (docs/footprints.md)."
)
class Footprint:
    resource_id: strawberry.Private[str]
    per_unit: list[IndicatorAmount] = strawberry.field(description="Per one unit of the resource.")
    total: list[IndicatorAmount] = strawberry.field(description="For the resource's accounting quantity.")
    breakdown: list[FootprintContribution]

    @strawberry.field
    async def resource(self, info: Info) -> EconomicResourceRef:
        found = await load_node(info, "EconomicResource", self.resource_id)
        assert found is not None
        return found


def _exact(d: Decimal) -> Decimal:
    return Decimal(format_decimal(d))


async def footprint(info: Info, resource: str, indicators: list[strawberry.ID]) -> Footprint:
    result = await asyncio.to_thread(
        tracing.footprint, info.context.ledger, resource, [str(i) for i in indicators]
    )
    f = result.footprint
    held = result.accounting_quantity.value if result.accounting_quantity is not None else Decimal(0)

    def amount(value: Decimal, indicator: str) -> Measure:
        return Measure(unit_id=f.units.get(indicator), has_numerical_value=_exact(value))

    order = [str(i) for i in dict.fromkeys(indicators)]
    return Footprint(
        resource_id=resource,
        per_unit=[
            IndicatorAmount(indicator_id=i, quantity=amount(f.per_unit.get(i, Decimal(0)), i)) for i in order
        ],
        total=[
            IndicatorAmount(indicator_id=i, quantity=amount(f.per_unit.get(i, Decimal(0)) * held, i))
            for i in order
        ],
        breakdown=[
            FootprintContribution(
                indicator_id=i,
                process_id=p,
                agent_id=a,
                per_unit=amount(v, i),
                total=amount(v * held, i),
            )
            for (i, p, a), v in sorted(f.breakdown.items())
        ],
    )
