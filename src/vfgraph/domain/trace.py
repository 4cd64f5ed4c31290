"""Track and trace: walking the flow of resources through events and processes, as ValueFlows describes.

The walk follows the ValueFlows one-step rules (``previous`` for trace, ``next`` for track), with a visited
set, over a graph whose nodes are *states*:

- ``ResourceAt(r, seq)``: resource ``r`` as it stood at its ``seq``-th event. Every event a resource takes
  part in gets the next number of that resource (the per-resource breadcrumb, ``vfg:previousEvent``), so a
  resource that goes through the same kind of process again (a repair cycle) is followed in the order
  things happened instead of looping: tracing back from ``r`` at ``seq`` only considers events before it,
  tracking forward only events after it.
- ``EventAt(e)``: an economic event.
- ``ProcessVia(p, e)``: process ``p`` entered through event ``e`` (or as the start of the walk).

Trace (upstream, ``previous``):

- a resource comes from the events that *incremented* it before the cut-off: outputs into it (produce,
  raise, dropoff, modify, separate) and transfers or moves into it (its ``toResourceInventoriedAs``);
- an event comes from the process it is an output of, else from the resource it took from (inputs, and
  the source of transfers, moves and lowers) as that resource stood just before the event;
- a process entered through an output comes from its inputs, with the pairing rules: an input that is
  half of a pass-through pair (pickup/dropoff, accept/modify, combine/separate: actions with a
  ``vf:pairsWith`` or a ``vf:containedEffect``) is followed only from its own partner on the *same*
  resource; every other input (consume, use, work, cite) is followed from every output.

Track (downstream, ``next``) is the exact mirror: the same edges walked the other way.

Crossing organisations needs no special case: transfers link one agent's resource to the next agent's,
and a produce or a pickup whose provider and receiver differ is an implied transfer on the same edges.

The walk needs the events around resources and processes; it asks a :class:`FlowSource` for them one
*level* at a time (one round trip per level, never per node), then orders the result depth first.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from vfgraph.domain.actions import NOT_APPLICABLE, Action
from vfgraph.domain.quantities import Measure


class Direction(StrEnum):
    UPSTREAM = "UPSTREAM"  # trace
    DOWNSTREAM = "DOWNSTREAM"  # track


@dataclass(frozen=True, slots=True)
class FlowEvent:
    """What the walk and the footprint need to know about one economic event."""

    id: str
    action: Action
    provider: str
    receiver: str
    resource: str | None = None  # resourceInventoriedAs
    to_resource: str | None = None  # toResourceInventoriedAs
    resource_seq: int = 0
    to_resource_seq: int = 0
    input_of: str | None = None
    output_of: str | None = None
    quantity: Measure | None = None  # resourceQuantity
    effort: Measure | None = None  # effortQuantity
    conforms_to: str | None = None  # resourceConformsTo, else the resource's conformsTo
    ecological_provider: bool = False
    ecological_receiver: bool = False
    time: str | None = None  # hasPointInTime, else hasEnd, else hasBeginning (ISO 8601)
    visible: bool = True  # False: private to agents the viewer is not; walked through, shown redacted
    footprint_share: Decimal | None = None  # an output's declared weight in its process's footprint


# -- the behaviour of actions, as the walk reads it ------------------------------------------------


def increments_resource(e: FlowEvent) -> bool:
    """The event adds to its ``resourceInventoriedAs`` (produce, raise, dropoff, modify, separate)."""
    a = e.action
    return e.resource is not None and "increment" in (a.accounting_effect, a.onhand_effect)


def increments_to_resource(e: FlowEvent) -> bool:
    """The event adds to its ``toResourceInventoriedAs`` (transfers, move, copy)."""
    a = e.action
    effects = (a.accounting_effect, a.onhand_effect)
    return e.to_resource is not None and any(x in ("decrementIncrement", "incrementTo") for x in effects)


def takes_from_resource(e: FlowEvent) -> bool:
    """The flow leaves the event's ``resourceInventoriedAs`` (inputs, transfers out, move, lower)."""
    a = e.action
    if e.resource is None:
        return False
    return a.is_input or any(
        x in ("decrement", "decrementIncrement") for x in (a.accounting_effect, a.onhand_effect)
    )


def is_pass_through(a: Action) -> bool:
    """Half of a pair in which a resource goes through a process and comes back out the same."""
    return a.pairs_with != NOT_APPLICABLE or a.contained_effect in ("update", "remove")


def paired(inp: FlowEvent, out: FlowEvent) -> bool:
    """``inp`` and ``out`` are the two halves of one pass-through of the same resource."""
    if inp.resource is None or inp.resource != out.resource:
        return False
    a_in, a_out = inp.action, out.action
    if a_out.pairs_with != NOT_APPLICABLE:
        return a_out.pairs_with == a_in.id
    return a_out.contained_effect == "remove" and a_in.contained_effect == "update"


# -- states ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ResourceAt:
    id: str
    seq: int | None  # None: the resource as it is now (trace) or as it was created (track)


@dataclass(frozen=True, slots=True)
class EventAt:
    id: str


@dataclass(frozen=True, slots=True)
class ProcessVia:
    id: str
    via: str | None  # the event the walk came in through; None at the start


State = ResourceAt | EventAt | ProcessVia


def kind_of(state: State) -> str:
    if isinstance(state, ResourceAt):
        return "EconomicResource"
    if isinstance(state, EventAt):
        return "EconomicEvent"
    return "Process"


# -- the graph the walk reads ----------------------------------------------------------------------


class FlowSource(Protocol):
    """Where the walk gets its events: one call per level of the walk.

    ``events_around(resources, processes, events, direction, known)`` returns the events a walk in
    ``direction`` may step to from ``resources`` (upstream: the events that added to them; downstream: the
    events that took from them, see :func:`increments_resource`, :func:`increments_to_resource` and
    :func:`takes_from_resource`), every input and output of ``processes``, and the events whose ids are
    in ``events``; it may leave out the events in ``known`` (the walk has them). The store implements it
    with one Cypher statement; tests may implement it over a list.
    """

    def events_around(
        self,
        resources: Sequence[str],
        processes: Sequence[str],
        events: Sequence[str],
        direction: Direction,
        known: Collection[str],
    ) -> list[FlowEvent]: ...


@dataclass
class FlowGraph:
    """The events fetched so far, indexed the ways the walk looks them up."""

    events: dict[str, FlowEvent] = field(default_factory=dict)
    by_resource: dict[str, list[FlowEvent]] = field(default_factory=dict)
    by_process: dict[str, list[FlowEvent]] = field(default_factory=dict)
    fetched_resources: set[str] = field(default_factory=set)
    fetched_processes: set[str] = field(default_factory=set)
    round_trips: int = 0

    def add(self, events: Iterable[FlowEvent]) -> None:
        for e in events:
            if e.id in self.events:
                continue
            self.events[e.id] = e
            for r in {e.resource, e.to_resource} - {None}:
                self.by_resource.setdefault(str(r), []).append(e)
            for p in {e.input_of, e.output_of} - {None}:
                self.by_process.setdefault(str(p), []).append(e)

    def fetch(
        self,
        source: FlowSource,
        direction: Direction,
        needs: tuple[set[str], set[str], set[str]],
        known: Collection[str] = (),
    ) -> None:
        resources, processes, events = needs
        resources -= self.fetched_resources
        processes -= self.fetched_processes
        events = {e for e in events if e not in self.events}
        if not (resources or processes or events):
            return
        self.round_trips += 1
        self.add(source.events_around(sorted(resources), sorted(processes), sorted(events), direction, known))
        self.fetched_resources |= resources
        self.fetched_processes |= processes

    def seq_of(self, e: FlowEvent, resource: str) -> int:
        return e.to_resource_seq if e.to_resource == resource and e.resource != resource else e.resource_seq

    def increments_of(self, resource: str, before: int | None) -> list[FlowEvent]:
        """Events that added to ``resource`` before its ``before``-th event, oldest first."""
        found = [
            e
            for e in self.by_resource.get(resource, [])
            if (e.resource == resource and increments_resource(e))
            or (e.to_resource == resource and increments_to_resource(e))
        ]
        if before is not None:
            found = [e for e in found if self.seq_of(e, resource) < before]
        return sorted(found, key=lambda e: self.seq_of(e, resource))

    def takes_of(self, resource: str, after: int | None) -> list[FlowEvent]:
        """Events that took from ``resource`` after its ``after``-th event, oldest first."""
        found = [
            e for e in self.by_resource.get(resource, []) if e.resource == resource and takes_from_resource(e)
        ]
        if after is not None:
            found = [e for e in found if e.resource_seq > after]
        return sorted(found, key=lambda e: e.resource_seq)

    def inputs_of(self, process: str) -> list[FlowEvent]:
        return sorted((e for e in self.by_process.get(process, []) if e.input_of == process), key=_order)

    def outputs_of(self, process: str) -> list[FlowEvent]:
        return sorted((e for e in self.by_process.get(process, []) if e.output_of == process), key=_order)


def _order(e: FlowEvent) -> tuple[str, str]:
    return (e.time or "", e.id)


# -- one step --------------------------------------------------------------------------------------


def previous(state: State, g: FlowGraph) -> list[State]:
    """The states one step upstream (ValueFlows ``previous``), most recent first."""
    if isinstance(state, ResourceAt):
        return [EventAt(e.id) for e in reversed(g.increments_of(state.id, state.seq))]
    if isinstance(state, EventAt):
        e = g.events[state.id]
        if e.output_of is not None:
            return [ProcessVia(e.output_of, e.id)]
        if takes_from_resource(e):
            assert e.resource is not None
            return [ResourceAt(e.resource, e.resource_seq)]
        return []
    via = g.events.get(state.via) if state.via else None
    inputs = g.inputs_of(state.id)
    if via is not None:
        inputs = [
            i
            for i in inputs
            if not is_pass_through(i.action) or (is_pass_through(via.action) and paired(i, via))
        ]
    return [EventAt(e.id) for e in reversed(inputs)]


def following(state: State, g: FlowGraph) -> list[State]:
    """The states one step downstream (ValueFlows ``next``), soonest first."""
    if isinstance(state, ResourceAt):
        return [EventAt(e.id) for e in g.takes_of(state.id, state.seq)]
    if isinstance(state, EventAt):
        e = g.events[state.id]
        if e.input_of is not None:
            return [ProcessVia(e.input_of, e.id)]
        if increments_to_resource(e):
            assert e.to_resource is not None
            return [ResourceAt(e.to_resource, g.seq_of(e, e.to_resource))]
        if increments_resource(e):
            assert e.resource is not None
            return [ResourceAt(e.resource, e.resource_seq)]
        return []
    via = g.events.get(state.via) if state.via else None
    outputs = g.outputs_of(state.id)
    if via is not None and is_pass_through(via.action):
        outputs = [o for o in outputs if is_pass_through(o.action) and paired(via, o)]
    return [EventAt(e.id) for e in outputs]


def _needs(state: State, g: FlowGraph) -> tuple[set[str], set[str], set[str]]:
    """What must be fetched before ``state`` can be expanded."""
    if isinstance(state, ResourceAt):
        return (set() if state.id in g.fetched_resources else {state.id}, set(), set())
    if isinstance(state, ProcessVia):
        return (set(), set() if state.id in g.fetched_processes else {state.id}, set())
    return (set(), set(), set() if state.id in g.events else {state.id})


# -- the walk --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Limits:
    max_depth: int
    max_nodes: int


@dataclass(frozen=True, slots=True)
class Edge:
    """One step of the walk, always pointing the way the resources flowed (cause -> effect)."""

    source: State
    target: State
    depth: int  # steps from the start to the farther end


@dataclass
class Walk:
    """The result: items in the order of a depth-first walk, the steps between them, and limits hit."""

    start: State
    direction: Direction
    items: list[State]
    edges: list[Edge]
    depth: dict[State, int]
    graph: FlowGraph
    truncated: bool

    def ids(self) -> Iterator[tuple[str, str]]:
        """(kind, id) of each distinct record reached, in walk order."""
        seen: set[tuple[str, str]] = set()
        for s in self.items:
            key = (kind_of(s), s.id)
            if key not in seen:
                seen.add(key)
                yield key


EventFilter = Callable[[FlowEvent], bool]


def walk(
    start: State,
    direction: Direction,
    source: FlowSource,
    limits: Limits,
    keep: EventFilter | None = None,
) -> Walk:
    """Walk from ``start`` upstream or downstream; ``keep`` may refuse events (filters)."""
    g = FlowGraph()
    step = previous if direction is Direction.UPSTREAM else following

    def expand(state: State) -> list[State]:
        nxt = step(state, g)
        if keep is None:
            return nxt
        return [s for s in nxt if not isinstance(s, EventAt) or keep(g.events[s.id])]

    # Phase 1: breadth first, one fetch per level, to learn the reachable states and their distances.
    depth: dict[State, int] = {start: 0}
    frontier = [start]
    truncated = False
    g.fetch(source, direction, _needs(start, g))
    if isinstance(start, EventAt) and start.id not in g.events:
        return Walk(start, direction, [], [], {}, g, False)
    level = 0
    came_through: set[str] = set()  # the events that led to this level: the store need not send them again
    while frontier:
        needs: tuple[set[str], set[str], set[str]] = (set(), set(), set())
        for s in frontier:
            for acc, more in zip(needs, _needs(s, g), strict=True):
                acc |= more
        g.fetch(source, direction, needs, came_through)
        if level >= limits.max_depth:
            truncated = truncated or any(expand(s) for s in frontier)
            break
        level += 1
        nxt: list[State] = []
        came_through = {s.id for s in frontier if isinstance(s, EventAt)}
        for s in frontier:
            for t in expand(s):
                if t not in depth:
                    if len(depth) >= limits.max_nodes:
                        truncated = True
                        break
                    depth[t] = level
                    nxt.append(t)
        frontier = nxt
        if truncated and len(depth) >= limits.max_nodes:
            break

    # Phase 2: depth first over what was learned, for the ValueFlows order (each item before its causes
    # when tracing, before its consequences when tracking), with the steps as edges.
    items: list[State] = []
    edges: list[Edge] = []
    visited: set[State] = set()
    stack = [start]
    while stack:
        s = stack.pop()
        if s in visited:
            continue
        visited.add(s)
        items.append(s)
        children = [t for t in expand(s) if t in depth] if depth[s] < limits.max_depth else []
        for t in children:
            src, dst = (t, s) if direction is Direction.UPSTREAM else (s, t)
            edges.append(Edge(src, dst, max(depth[s], depth[t])))
        stack.extend(reversed(children))
    return Walk(start, direction, items, edges, depth, g, truncated)
