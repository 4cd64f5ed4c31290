"""The arithmetic of thresholds (docs/limits.md): periods, nesting and verdicts, exactly."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from vfgraph.domain.thresholds import CEILING, FLOOR, Link, Period, Status, duration_seconds, judge, resolve
from vfgraph.errors import InvalidInput


def at(month: int, day: int = 1, year: int = 2026) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("P1Y", 365 * 86400),
        ("P1M", 365 * 86400 // 12),
        ("P12M", 365 * 86400),
        ("P2W", 14 * 86400),
        ("P1DT12H", 36 * 3600),
        ("PT90M", 5400),
        ("PT1S", 1),
    ],
)
def test_durations_are_counted_in_seconds_with_a_365_day_year(text: str, seconds: int) -> None:
    assert duration_seconds(text) == seconds


@pytest.mark.parametrize("text", ["", "P", "PT", "1Y", "P1.5Y", "P0D", "one year"])
def test_malformed_or_empty_durations_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        duration_seconds(text)


def test_a_span_is_shared_in_proportion_to_the_part_of_it_the_window_covers() -> None:
    year = Period(at(1), at(1, year=2027))
    assert year.pro_rate(Decimal(365), at(1), at(2)) == 31
    assert year.pro_rate(Decimal(365), at(1), at(1, year=2027)) == 365
    # Only the part of the window inside the span counts.
    assert year.pro_rate(Decimal(365), at(12, 31), at(3, year=2027)) == 1
    assert year.pro_rate(Decimal(365), at(1, year=2027), at(2, year=2027)) is None


def test_a_recurring_period_scales_the_value_by_windows_length() -> None:
    yearly = Period(every="P1Y")
    assert yearly.pro_rate(Decimal(100), at(1), at(1, year=2028)) == 200
    assert yearly.pro_rate(Decimal(365), at(3), at(3, 2)) == 1
    # Within a span, only the part inside it.
    bounded = Period(at(1), at(7), every="P1M")
    assert bounded.pro_rate(Decimal(365), at(1), at(1, year=2030)) == 181 * 12  # 181 days, months of 365/12


def test_an_open_threshold_gives_its_whole_value_to_any_window_it_reaches() -> None:
    assert Period().pro_rate(Decimal(7), at(1), at(2)) == 7
    assert Period(begin=at(6)).pro_rate(Decimal(7), at(1), at(2)) is None
    assert Period(begin=at(6)).pro_rate(Decimal(7), at(1), at(7)) == 7


def test_shares_multiply_down_a_chain_and_a_fixed_quantity_replaces_what_is_above_it() -> None:
    assert resolve(Decimal(1000), [Link(share=Decimal("0.5")), Link(share=Decimal("0.4"))]) == 200
    assert resolve(Decimal(1000), [Link(quantity=Decimal(300)), Link(share=Decimal("0.5"))]) == 150
    assert resolve(Decimal(1000), [Link(share=Decimal("0.5")), Link(quantity=Decimal(7))]) == 7


def test_a_ceiling_is_overshot_only_above_its_allocation_and_a_floor_falls_short_only_below() -> None:
    assert judge(CEILING, Decimal(50), Decimal(40)).status is Status.OVERSHOOT
    assert judge(CEILING, Decimal(40), Decimal(40)).status is Status.WITHIN
    assert judge(FLOOR, Decimal(39), Decimal(40)).status is Status.SHORTFALL
    assert judge(FLOOR, Decimal(41), Decimal(40)).status is Status.WITHIN
    assert judge(CEILING, Decimal(50), Decimal(40)).ratio == Decimal("1.25")


def test_nothing_allocated_gives_no_ratio() -> None:
    assert judge(CEILING, Decimal(5), None) == judge(FLOOR, Decimal(5), None)
    assert judge(CEILING, Decimal(5), None).status is Status.NO_ALLOCATION
    zero = judge(CEILING, Decimal(5), Decimal(0))
    assert (zero.ratio, zero.status) == (None, Status.OVERSHOOT)
