"""Exact decimals from input to storage."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vfgraph.domain.quantities import Measure, format_decimal, parse_decimal
from vfgraph.errors import InvalidQuantity


def test_ten_tenths_add_up_to_exactly_one() -> None:
    total = Measure(Decimal(0), "kg")
    for _ in range(10):
        total = total + Measure(parse_decimal("0.1"), "kg")
    assert format_decimal(total.value) == "1"


@pytest.mark.parametrize(
    ("text", "canonical"),
    [("1.500", "1.5"), ("0", "0"), ("-0.0", "0"), ("1E+3", "1000"), ("12", "12"), ("0.000001", "0.000001")],
)
def test_decimals_are_stored_in_one_canonical_form(text: str, canonical: str) -> None:
    assert format_decimal(parse_decimal(text)) == canonical


@pytest.mark.parametrize("value", [0.1, True, "one", "Infinity", "NaN", "1e31", None])
def test_floats_and_non_numbers_are_refused(value: object) -> None:
    with pytest.raises(InvalidQuantity):
        parse_decimal(value)
