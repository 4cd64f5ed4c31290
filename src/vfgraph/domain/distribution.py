"""Sharing an income among contributors by a value equation, exactly (plain Python, no I/O).

In the spirit of Sensorica's open value accounting: an equation is an ordered list of buckets; each bucket
hands out a fraction (``share``) of the income and has a rule that picks contributions among the economic
events found upstream of what earned the income (which actions count, an optional classification or
specification filter) and weighs each one (its effort, its resource quantity, or a fixed weight). Within a
bucket, each contributing agent (the event's provider) gets the bucket's amount in proportion to the
weight of its events.

Exactness: every part is computed as a fraction, then rounded to the income's quantum (the smaller of
0.01 and the income's own last decimal place) by the largest-remainder rule: each agent first gets its
part rounded down, and the quanta left over go one by one to the agents with the largest remainders
(ties: the agent IRI in order). So the parts add up exactly to the distributed amount, which is the income
times the shares of the buckets that found contributions (rounded half-even to the quantum); what is left
(buckets with no contribution, shares adding up to less than 1) stays with the income's receiver and is
reported as ``undistributed``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from vfgraph.domain.quantities import ZERO, Measure
from vfgraph.domain.trace import FlowEvent
from vfgraph.errors import UnitMismatch

WEIGHTINGS = ("effort", "resourceQuantity", "fixed")


@dataclass(frozen=True, slots=True)
class Bucket:
    """One bucket of an equation, as stored (``actions`` are action ids such as ``work``)."""

    id: str
    position: int
    name: str | None
    share: Decimal
    actions: frozenset[str]
    weighting: str
    fixed_weight: Decimal | None = None
    classified_as: frozenset[str] = frozenset()
    conforms_to: str | None = None

    def counts(self, e: FlowEvent, classifications: Iterable[str]) -> bool:
        """Whether the event is a contribution to this bucket."""
        if e.action.id not in self.actions:
            return False
        if self.classified_as and not (self.classified_as & set(classifications)):
            return False
        return not (self.conforms_to and e.conforms_to != self.conforms_to)

    def weight(self, e: FlowEvent) -> Measure | None:
        """The event's weight in this bucket (None: the event states nothing to weigh it by)."""
        if self.weighting == "effort":
            return e.effort
        if self.weighting == "resourceQuantity":
            return e.quantity
        return None if self.fixed_weight is None else Measure(self.fixed_weight, None)


@dataclass(frozen=True, slots=True)
class Contribution:
    event: FlowEvent
    bucket: Bucket
    weight: Measure


@dataclass
class Part:
    """What one agent receives, and the contributions behind it."""

    agent: str
    amount: Decimal = ZERO
    contributions: list[Contribution] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Distribution:
    income: str
    total: Measure  # the income's quantity
    distributed: Measure  # what the parts add up to
    undistributed: Measure  # what stays with the income's receiver
    parts: tuple[Part, ...]  # by amount, largest first, then by agent IRI


def quantum_of(income: Decimal) -> Decimal:
    """The step amounts are rounded to: 0.01, or finer when the income itself is finer."""
    exponent = income.as_tuple().exponent
    places = max(2, -exponent if isinstance(exponent, int) else 0)
    return Decimal(1).scaleb(-places)


def contributions(
    buckets: Sequence[Bucket],
    events: Iterable[FlowEvent],
    classifications: Mapping[str, Iterable[str]],
) -> dict[str, list[Contribution]]:
    """Per bucket id, the events its rule picks, with their weights (one unit of weight per bucket)."""
    events = list(events)
    out: dict[str, list[Contribution]] = {}
    for b in buckets:
        picked: list[Contribution] = []
        units: set[str | None] = set()
        for e in events:
            if not b.counts(e, classifications.get(e.id, ())):
                continue
            w = b.weight(e)
            if w is None or w.value <= ZERO:
                continue
            picked.append(Contribution(e, b, w))
            units.add(w.unit)
        if len(units) > 1:
            raise UnitMismatch(
                f"the contributions to bucket {b.position} are weighed in different units "
                f"({', '.join(sorted(str(u) for u in units))}); they cannot be added up",
                bucket=b.id,
            )
        out[b.id] = picked
    return out


def _largest_remainder(exact: Mapping[str, Fraction], total: Decimal, quantum: Decimal) -> dict[str, Decimal]:
    q = Fraction(quantum)
    floors = {a: Decimal(int(v / q)) * quantum for a, v in exact.items()}  # all parts are >= 0
    left = int((Fraction(total) - sum((Fraction(f) for f in floors.values()), Fraction(0))) / q)
    by_remainder = sorted(exact, key=lambda a: (-(exact[a] - Fraction(floors[a])), a))
    for a in by_remainder[: max(left, 0)]:
        floors[a] += quantum
    return floors


def distribute(
    income: str,
    amount: Measure,
    buckets: Sequence[Bucket],
    picked: Mapping[str, list[Contribution]],
) -> Distribution:
    """Split ``amount`` among the contributors ``picked`` per bucket (see the module docstring)."""
    exact: dict[str, Fraction] = {}
    parts: dict[str, Part] = {}
    distributed_share = Fraction(0)
    for b in sorted(buckets, key=lambda b: b.position):
        found = picked.get(b.id) or []
        if not found:
            continue
        bucket_amount = Fraction(amount.value) * Fraction(b.share)
        distributed_share += Fraction(b.share)
        weights: dict[str, Fraction] = {}
        for c in found:
            weights[c.event.provider] = weights.get(c.event.provider, Fraction(0)) + Fraction(c.weight.value)
            parts.setdefault(c.event.provider, Part(c.event.provider)).contributions.append(c)
        whole = sum(weights.values(), Fraction(0))
        for agent, w in weights.items():
            exact[agent] = exact.get(agent, Fraction(0)) + bucket_amount * w / whole
    quantum = quantum_of(amount.value)
    exact_total = Fraction(amount.value) * distributed_share
    total = Decimal(round(exact_total / Fraction(quantum))) * quantum  # round() on a Fraction: half-even
    for agent, value in _largest_remainder(exact, total, quantum).items():
        parts[agent].amount = value
    ordered = tuple(sorted(parts.values(), key=lambda p: (-p.amount, p.agent)))
    unit = amount.unit
    return Distribution(
        income=income,
        total=amount,
        distributed=Measure(total, unit),
        undistributed=Measure(amount.value - total, unit),
        parts=ordered,
    )
