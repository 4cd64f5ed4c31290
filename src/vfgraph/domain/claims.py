"""What remains of a claim once its settlements are counted (plain arithmetic, no I/O).

A claim asks for a quantity: its ``resourceQuantity`` (goods, money), else its ``effortQuantity`` (hours).
Each settlement pays part of it with the quantity of the same name, in the same unit. vfgraph keeps two
derived measures on the claim, ``settledQuantity`` and ``remainingQuantity``, and marks the claim finished
when nothing remains (docs/contributions.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from vfgraph.domain.quantities import ZERO, Measure
from vfgraph.errors import ClaimOverSettled, UnitMismatch


@dataclass(frozen=True, slots=True)
class Totals:
    settled: Measure
    remaining: Measure

    @property
    def finished(self) -> bool:
        return self.remaining.value == ZERO


def claimed_quantity_name(resource: Measure | None, effort: Measure | None) -> str | None:
    """Which of a claim's quantities settlements pay off (None: the claim states no quantity)."""
    if resource is not None:
        return "resourceQuantity"
    if effort is not None:
        return "effortQuantity"
    return None


def totals(claim: str, claimed: Measure, payments: Iterable[Measure]) -> Totals:
    """The settled and remaining parts of ``claimed`` after ``payments``; refuses another unit, or paying
    more than was claimed."""
    settled = Measure(ZERO, claimed.unit)
    for p in payments:
        if p.unit != claimed.unit:
            raise UnitMismatch(
                f"a settlement of {claim} is in {p.unit}, but the claim is in {claimed.unit}",
                id=claim,
                unit=p.unit,
                expected=claimed.unit,
            )
        settled = settled + p
    remaining = claimed - settled
    if remaining.value < ZERO:
        raise ClaimOverSettled(
            f"the settlements of {claim} would pay {settled.value}, more than the {claimed.value} it claims",
            id=claim,
        )
    return Totals(settled=settled, remaining=remaining)
