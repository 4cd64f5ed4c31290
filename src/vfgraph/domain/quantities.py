"""Exact decimal quantities.

ValueFlows quantities are measures (a number and a unit). vfgraph keeps the number as a
:class:`decimal.Decimal` from the GraphQL ``Decimal`` string to the Neo4j property (a string) and back, so
ten events of 0.1 leave exactly 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from vfgraph.errors import InvalidQuantity

ZERO = Decimal(0)
# Quantities beyond this many decimal places either way are refused: no real measure needs them, and
# unbounded exponents would make every sum arbitrarily slow.
MAX_EXPONENT = 30


def parse_decimal(value: object, what: str = "quantity") -> Decimal:
    """Read a decimal from a string, int or Decimal; floats are refused (they are not exact)."""
    if isinstance(value, (bool, float)):
        raise InvalidQuantity(f"{what}: {value!r} is not an exact decimal; send it as a string")
    try:
        d = Decimal(value) if isinstance(value, (str, int, Decimal)) else None
    except InvalidOperation:
        d = None
    if d is None or not d.is_finite():
        raise InvalidQuantity(f"{what}: {value!r} is not a decimal number")
    if d and not -MAX_EXPONENT <= d.adjusted() <= MAX_EXPONENT:
        raise InvalidQuantity(
            f"{what}: {value!r} is outside the range vfgraph stores (1e-{MAX_EXPONENT} to 1e{MAX_EXPONENT})"
        )
    return d


def format_decimal(d: Decimal) -> str:
    """The canonical string of a decimal: no exponent, no trailing zeros after the point."""
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True, slots=True)
class Measure:
    """A quantity: an exact number and the IRI of its unit (None when the unit is not known)."""

    value: Decimal
    unit: str | None

    def __add__(self, other: Measure) -> Measure:
        return Measure(self.value + other.value, self.unit or other.unit)

    def __sub__(self, other: Measure) -> Measure:
        return Measure(self.value - other.value, self.unit or other.unit)
