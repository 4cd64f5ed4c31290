"""Thresholds and allocations, as arithmetic: periods, nesting and the verdict (docs/limits.md).

A threshold states how much of an indicator a scope may emit or withdraw (a *ceiling*) or must reach (a
*floor*) over a period. Allocations share it out: each takes a ``share`` (a fraction of what is above it)
or a fixed ``quantity``, and allocations nest. Everything here is exact (:class:`decimal.Decimal`, 34
digits); nothing here reads the store.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, localcontext
from enum import StrEnum

from vfgraph.errors import InvalidInput

CEILING = "ceiling"
FLOOR = "floor"

# The length vfgraph counts for the calendar units of a period: a year of 365 days, and a month of a
# twelfth of that (so that twelve months make a year exactly). Weeks, days, hours ... are exact.
SECONDS_PER = {
    "Y": 365 * 86400,
    "M": 365 * 86400 // 12,
    "W": 7 * 86400,
    "D": 86400,
    "H": 3600,
    "TM": 60,
    "S": 1,
}

_DURATION = re.compile(
    r"^P(?:(?P<Y>\d+)Y)?(?:(?P<M>\d+)M)?(?:(?P<W>\d+)W)?(?:(?P<D>\d+)D)?"
    r"(?:T(?:(?P<H>\d+)H)?(?:(?P<TM>\d+)M)?(?:(?P<S>\d+)S)?)?$"
)


def duration_seconds(text: str) -> Decimal:
    """The length of an ISO 8601 duration (``P1Y``, ``P3M``, ``PT12H`` ...) in seconds."""
    m = _DURATION.match(text)
    seconds = 0
    if m is not None:
        seconds = sum(int(v) * SECONDS_PER[k] for k, v in m.groupdict().items() if v is not None)
    if not seconds:
        raise InvalidInput(f"period: {text!r} is not an ISO 8601 duration such as P1Y", field="period")
    return Decimal(seconds)


def _seconds(d: timedelta) -> Decimal:
    return Decimal(d.days * 86400 + d.seconds) + Decimal(d.microseconds) / Decimal(1_000_000)


@dataclass(frozen=True, slots=True)
class Period:
    """When a threshold applies: from ``begin`` (inclusive) to ``end`` (exclusive), either open, and the
    length of the recurring period its value is stated for (None: its value is for the whole span)."""

    begin: datetime | None = None
    end: datetime | None = None
    every: str | None = None  # an ISO 8601 duration

    def pro_rate(self, value: Decimal, start: datetime, stop: datetime) -> Decimal | None:
        """The part of the threshold's ``value`` that falls to the window [start, stop).

        None when the window lies outside the threshold's span (the threshold does not apply to it).
        With a recurring period: the part of the window inside the span over the period's length. Without
        one, with both ends: the part of the span the window covers. Otherwise the whole value.
        """
        lo = max(start, self.begin) if self.begin is not None else start
        hi = min(stop, self.end) if self.end is not None else stop
        if hi <= lo:
            return None
        with localcontext() as ctx:
            ctx.prec = 34
            # Multiply before dividing, so that a whole number of periods gives an exact multiple.
            if self.every is not None:
                return value * _seconds(hi - lo) / duration_seconds(self.every)
            if self.begin is not None and self.end is not None:
                return value * _seconds(hi - lo) / _seconds(self.end - self.begin)
            return value


@dataclass(frozen=True, slots=True)
class Link:
    """One allocation of a chain: its share of what is above it, or a fixed quantity."""

    share: Decimal | None = None
    quantity: Decimal | None = None


def resolve(value: Decimal, chain: Sequence[Link]) -> Decimal:
    """What the last allocation of ``chain`` receives of a threshold of ``value``.

    ``chain`` runs from the top allocation (the one of the threshold itself) down to the allocation
    asked about. A share multiplies what is above it; a fixed quantity replaces it (so shares below a
    fixed quantity are shares of that quantity).
    """
    with localcontext() as ctx:
        ctx.prec = 34
        amount = value
        for link in chain:
            if link.quantity is not None:
                amount = link.quantity
            elif link.share is not None:
                amount = amount * link.share
        return amount


class Status(StrEnum):
    OVERSHOOT = "overshoot"  # a ceiling's allocation is exceeded
    SHORTFALL = "shortfall"  # a floor's allocation is not reached
    WITHIN = "within"
    NO_ALLOCATION = "no allocation"  # nothing allocated to compare with


@dataclass(frozen=True, slots=True)
class Verdict:
    ratio: Decimal | None  # actual / allocated; None when nothing is allocated
    status: Status


def judge(threshold_type: str | None, actual: Decimal, allocated: Decimal | None) -> Verdict:
    """Compare what was measured with what was allocated, under a ceiling or a floor."""
    if allocated is None:
        return Verdict(None, Status.NO_ALLOCATION)
    with localcontext() as ctx:
        ctx.prec = 34
        ratio = actual / allocated if allocated else None
    if threshold_type == CEILING and actual > allocated:
        return Verdict(ratio, Status.OVERSHOOT)
    if threshold_type == FLOOR and actual < allocated:
        return Verdict(ratio, Status.SHORTFALL)
    return Verdict(ratio, Status.WITHIN)
