"""Footprints: rolling indicator flows (emissions, water, work ...) up a trace, per unit of a resource.

An *indicator* is a ResourceSpecification (for example "GHG emissions" in kg CO2e). The rules, applied
exactly (docs/footprints.md explains them with the worked example):

1. An event counts toward indicator X when it conforms to X (its ``resourceConformsTo``, or its resource's
   ``conformsTo``); its amount is its resourceQuantity, or its effortQuantity for an effort-only event.
2. A process's total for X is its own events of X (inputs and outputs) plus what its other inputs carry:
   a consume of quantity q from resource S carries q times S's per-unit footprint; use and cite carry
   nothing; the halves of pass-through pairs carry nothing.
3. The total is shared among the process's *receiving outputs*: its product outputs (outputs that count
   toward no requested indicator and are not received by an ecological agent) and its pass-through
   outputs, in proportion to their quantities when they share a unit, equally otherwise. A process may
   declare other shares: when any of its receiving outputs carries a ``footprintShare`` (a weight, for
   example the output's economic value), the total is shared by those weights instead, and outputs
   without one take nothing.
4. A product output brings its quantity and its share into the resource it increments. A pass-through
   output (dropoff, modify, separate) brings only its share: the returning resource adds it to what it
   already carries, without adding quantity.
5. A resource's per-unit footprint is what its increments carried (production outputs, transfers in with
   the source's per-unit footprint, pass-through shares) divided by the quantity those increments brought
   in; raises bring quantity and carry nothing.

6. A resource received from a supplier who declared a per-unit footprint for what it sold (a PACT
   ProductFootprint taken by the ledger, docs/pact.md) carries that declaration instead of what the
   ledger can trace upstream of the supplier, for the indicators the declaration is about: a transfer
   (or a raise) whose provider is the supplier and whose resource conforms to the declared product brings
   q times the declared amount per unit. Its contribution is kept under the supplier footprint's IRI in
   place of a process, so the breakdown says where the figure came from.

Amounts are exact decimals. Each amount is kept with the process and agent it comes from, so a footprint
can be broken down by contributing process and organisation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from vfgraph.domain.quantities import ZERO, Measure
from vfgraph.domain.trace import (
    FlowEvent,
    FlowGraph,
    increments_resource,
    increments_to_resource,
    is_pass_through,
)
from vfgraph.errors import InvalidInput, UnitMismatch

# (indicator, process, agent): one contribution; the amounts of a footprint are kept per key.
Key = tuple[str, str, str]


@dataclass
class Amounts:
    """A linear combination of contributions (what something carries)."""

    by_key: dict[Key, Decimal] = field(default_factory=lambda: defaultdict(Decimal))

    def add(self, other: Amounts, factor: Decimal = Decimal(1)) -> None:
        for k, v in other.by_key.items():
            self.by_key[k] += v * factor

    def scaled(self, factor: Decimal) -> Amounts:
        out = Amounts()
        out.add(self, factor)
        return out

    def divided(self, divisor: Decimal) -> Amounts:
        """Each amount divided by ``divisor`` (exact where the quotient is, unlike a reciprocal)."""
        out = Amounts()
        for k, v in self.by_key.items():
            out.by_key[k] = v / divisor
        return out

    def without(self, indicators: Collection[str]) -> Amounts:
        """The same amounts less those of ``indicators``."""
        out = Amounts()
        for k, v in self.by_key.items():
            if k[0] not in indicators:
                out.by_key[k] += v
        return out

    def per_indicator(self) -> dict[str, Decimal]:
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for (indicator, _, _), v in self.by_key.items():
            totals[indicator] += v
        return dict(totals)


@dataclass(frozen=True, slots=True)
class Footprint:
    resource: str
    per_unit: dict[str, Decimal]  # indicator -> amount per one unit of the resource
    units: dict[str, str | None]  # indicator -> unit IRI of its amounts
    breakdown: dict[Key, Decimal]  # (indicator, process, agent) -> amount per unit


@dataclass(frozen=True, slots=True)
class Declared:
    """A supplier's declared footprint of one product, per unit of what it delivers (rule 6)."""

    supplier: str  # the agent that delivers
    product: str  # the ResourceSpecification the delivered resources conform to
    indicator: str  # the indicator the amount counts toward
    amount: Decimal  # per one ``unit`` of the delivered resource
    unit: str | None  # the unit IRI of the delivered quantities
    indicator_unit: str | None  # the unit IRI the amount is measured in
    source: str  # the IRI of the recorded supplier footprint (provenance, in place of a process)


# (supplier, product) -> the declarations for that pair, one per indicator
Declarations = Mapping[tuple[str, str], Sequence[Declared]]


@dataclass(frozen=True, slots=True)
class OutputFootprint:
    """The footprint per unit of a set of process outputs taken together (a product over a period)."""

    quantity: Measure  # what the outputs brought in, together
    per_unit: dict[str, Decimal]
    units: dict[str, str | None]
    breakdown: dict[Key, Decimal]


def _amount(e: FlowEvent) -> Measure | None:
    if e.quantity is not None:
        return e.quantity
    return e.effort


def _agent(e: FlowEvent) -> str:
    """The agent answerable for an indicator flow: the side that is not the ecosystem."""
    return e.receiver if e.ecological_provider and not e.ecological_receiver else e.provider


class Calculator:
    """Per-unit footprints over a traced :class:`FlowGraph` (every upstream event must be in it)."""

    def __init__(
        self, graph: FlowGraph, indicators: Collection[str], declared: Declarations | None = None
    ) -> None:
        self.g = graph
        self.indicators = frozenset(indicators)
        self.declared = declared or {}
        self.units: dict[str, str | None] = {}
        self._resource_memo: dict[tuple[str, int | None], Amounts] = {}
        self._process_memo: dict[str, Amounts] = {}
        self._busy: set[object] = set()

    # rule 1
    def indicator_of(self, e: FlowEvent) -> str | None:
        return e.conforms_to if e.conforms_to in self.indicators else None

    def _unit(self, indicator: str, unit: str | None) -> None:
        known = self.units.setdefault(indicator, unit)
        if known is None:
            self.units[indicator] = unit
        elif unit is not None and known != unit:
            raise UnitMismatch(
                f"the indicator {indicator} is measured in {known} and in {unit}; "
                "a footprint needs one unit per indicator",
                indicator=indicator,
            )

    def _own(self, e: FlowEvent, indicator: str, process: str) -> Amounts:
        m = _amount(e)
        out = Amounts()
        if m is None:
            return out
        self._unit(indicator, m.unit)
        out.by_key[(indicator, process, _agent(e))] += m.value
        return out

    # rule 6
    def supplied(self, e: FlowEvent) -> tuple[Amounts, frozenset[str]] | None:
        """What one unit received by ``e`` carries by its supplier's declarations, and the indicators
        they cover; None when no declaration applies."""
        if e.provider == e.receiver or e.conforms_to is None:
            return None
        found = [
            d for d in self.declared.get((e.provider, e.conforms_to), ()) if d.indicator in self.indicators
        ]
        if not found:
            return None
        out = Amounts()
        for d in found:
            if e.quantity is not None and d.unit is not None and e.quantity.unit not in (None, d.unit):
                raise UnitMismatch(
                    f"{d.source} declares a footprint per {d.unit}, but {e.id} delivers in {e.quantity.unit}",
                    event=e.id,
                    footprint=d.source,
                )
            self._unit(d.indicator, d.indicator_unit)
            out.by_key[(d.indicator, d.source, d.supplier)] += d.amount
        return out, frozenset(d.indicator for d in found)

    # rule 2
    def process_total(self, process: str) -> Amounts:
        if process in self._process_memo:
            return self._process_memo[process]
        if ("P", process) in self._busy:  # a causal loop in the data: contribute nothing twice
            return Amounts()
        self._busy.add(("P", process))
        total = Amounts()
        for e in self.g.by_process.get(process, []):
            indicator = self.indicator_of(e)
            if indicator is not None:
                total.add(self._own(e, indicator, process))
            elif e.input_of == process and e.action.id == "consume" and e.resource and e.quantity:
                total.add(self.per_unit(e.resource, e.resource_seq), e.quantity.value)
        self._busy.discard(("P", process))
        self._process_memo[process] = total
        return total

    # rule 3
    def receiving_outputs(self, process: str) -> list[FlowEvent]:
        return [
            e
            for e in self.g.by_process.get(process, [])
            if e.output_of == process
            and (
                is_pass_through(e.action)
                or (self.indicator_of(e) is None and not e.ecological_receiver and increments_resource(e))
            )
        ]

    def share(self, process: str, output: FlowEvent) -> Decimal:
        outs = self.receiving_outputs(process)
        if output not in outs:
            return ZERO
        declared = [o for o in outs if o.footprint_share is not None]
        if declared:  # the process declares its own shares: by weight, and undeclared outputs take none
            weights = sum((o.footprint_share for o in declared if o.footprint_share is not None), ZERO)
            mine = output.footprint_share or ZERO
            return mine / weights if weights else ZERO
        units = {o.quantity.unit for o in outs if o.quantity is not None}
        if len(units) == 1 and all(o.quantity is not None for o in outs):
            whole = sum((o.quantity.value for o in outs if o.quantity is not None), ZERO)
            if whole and output.quantity is not None:
                return output.quantity.value / whole
        return Decimal(1) / Decimal(len(outs))

    # rules 4 and 5
    def per_unit(self, resource: str, before: int | None) -> Amounts:
        key = (resource, before)
        if key in self._resource_memo:
            return self._resource_memo[key]
        if ("R", key) in self._busy:
            return Amounts()
        self._busy.add(("R", key))
        carried, quantity = Amounts(), ZERO
        for e in self.g.increments_of(resource, before):
            q = e.quantity.value if e.quantity is not None else ZERO
            if e.to_resource == resource and increments_to_resource(e):
                supplied = self.supplied(e)
                upstream = self.per_unit(e.resource, e.resource_seq) if e.resource is not None else Amounts()
                if supplied is not None:
                    carried.add(supplied[0], q)
                    upstream = upstream.without(supplied[1])
                carried.add(upstream, q)
                quantity += q
            elif e.output_of is not None:
                carried.add(self.process_total(e.output_of), self.share(e.output_of, e))
                if not is_pass_through(e.action):
                    quantity += q
            else:
                supplied = self.supplied(e)
                if supplied is not None:  # a raise of what a supplier delivered: its declaration
                    carried.add(supplied[0], q)
                quantity += q  # raise: quantity, nothing carried of its own
        result = carried.divided(quantity) if quantity else Amounts()
        self._busy.discard(("R", key))
        self._resource_memo[key] = result
        return result


def footprint(
    graph: FlowGraph, resource: str, indicators: Iterable[str], declared: Declarations | None = None
) -> Footprint:
    """The footprint per unit of ``resource`` as it is now, for each indicator."""
    with localcontext() as ctx:
        ctx.prec = 34
        calc = Calculator(graph, list(indicators), declared)
        amounts = calc.per_unit(resource, None)
        totals = amounts.per_indicator()
        return Footprint(
            resource=resource,
            per_unit={i: totals.get(i, ZERO) for i in calc.indicators},
            units=dict(calc.units),
            breakdown={k: v for k, v in amounts.by_key.items() if v},
        )


def outputs_footprint(
    graph: FlowGraph,
    outputs: Iterable[FlowEvent],
    indicators: Iterable[str],
    declared: Declarations | None = None,
) -> OutputFootprint:
    """The footprint per unit of what ``outputs`` (process outputs, all in one unit) brought in together:
    the sum of each one's share of its process's total (rules 2 and 3) over the sum of their quantities.

    A product over a period is the outputs of that product in the period; ``graph`` must hold every event
    upstream of their processes."""
    with localcontext() as ctx:
        ctx.prec = 34
        calc = Calculator(graph, list(indicators), declared)
        carried, quantity, unit = Amounts(), ZERO, None
        for e in outputs:
            if e.output_of is None or e.quantity is None:
                raise InvalidInput(f"{e.id} is not a process output with a quantity", event=e.id)
            if unit is not None and e.quantity.unit != unit:
                raise UnitMismatch(
                    f"the outputs are measured in {unit} and in {e.quantity.unit}; a product footprint "
                    "needs one unit",
                    event=e.id,
                )
            unit = e.quantity.unit
            carried.add(calc.process_total(e.output_of), calc.share(e.output_of, e))
            quantity += e.quantity.value
        amounts = carried.divided(quantity) if quantity else Amounts()
        totals = amounts.per_indicator()
        return OutputFootprint(
            quantity=Measure(quantity, unit),
            per_unit={i: totals.get(i, ZERO) for i in calc.indicators},
            units=dict(calc.units),
            breakdown={k: v for k, v in amounts.by_key.items() if v},
        )
