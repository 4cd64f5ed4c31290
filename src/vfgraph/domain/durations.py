"""Durations of recipe processes: vf-graphql's time unit types, their units, and going back in time.

vf-graphql gives a duration as ``IDuration {numericDuration, unitType}`` with a ``TimeUnit`` enum; ValueFlows
1.0 (and vfgraph's store) state ``vf:hasDuration`` as a measure whose unit is a ``vf:Unit`` record. The two
meet through the OM 2 identifier of the unit (``omUnitIdentifier``): each unit type names one OM 2 unit.

Back-scheduling is exact: seconds to weeks are fixed lengths (to the microsecond, half-even); months and
years are calendar steps (the 31st of a month falls back to the month's last day) and must be whole.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

from vfgraph.errors import InvalidInput

# vf-graphql TimeUnit -> (OM 2 identifier, label, symbol) of the unit record that stands for it.
TIME_UNITS: dict[str, tuple[str, str, str]] = {
    "year": ("year", "year", "a"),
    "month": ("month", "month", "mo"),
    "week": ("week", "week", "wk"),
    "day": ("day", "day", "d"),
    "hour": ("hour", "hour", "h"),
    "minute": ("minute-Time", "minute", "min"),
    "second": ("second-Time", "second", "s"),
}
UNIT_TYPE_BY_OM: dict[str, str] = {om: unit_type for unit_type, (om, _, _) in TIME_UNITS.items()}

_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}
_MONTHS = {"month": 1, "year": 12}


def unit_type_of(om_identifier: str | None) -> str | None:
    """The vf-graphql unit type of a unit record, from its OM 2 identifier (None: not a time unit)."""
    return UNIT_TYPE_BY_OM.get(om_identifier or "")


def _minus_months(when: datetime, months: int) -> datetime:
    index = when.year * 12 + (when.month - 1) - months
    year, month = divmod(index, 12)
    day = min(when.day, monthrange(year, month + 1)[1])
    return when.replace(year=year, month=month + 1, day=day)


def before(when: datetime, amount: Decimal, unit_type: str) -> datetime:
    """The moment ``amount`` ``unit_type`` before ``when``."""
    if amount < 0:
        raise InvalidInput(f"a duration cannot be negative ({amount} {unit_type})")
    if unit_type in _SECONDS:
        micro = (amount * _SECONDS[unit_type] * 1_000_000).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
        return when - timedelta(microseconds=int(micro))
    if unit_type in _MONTHS:
        months = amount * _MONTHS[unit_type]
        if months != months.to_integral_value():
            raise InvalidInput(f"a duration of {amount} {unit_type}s is not a whole number of months")
        return _minus_months(when, int(months))
    raise InvalidInput(f"{unit_type!r} is not a time unit")
