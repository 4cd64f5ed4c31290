"""vf-graphql ``measurement``: measures and durations (the Unit type is derived from the kind table)."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any

import strawberry

from vfgraph.api.context import Info
from vfgraph.api.nodes import UnitRef, load_node
from vfgraph.api.scalars import as_decimal
from vfgraph.domain.kinds import Kind
from vfgraph.store.reads import Record


async def load_unit(info: Info, unit_id: str | None) -> Any:
    return await load_node(info, Kind.UNIT, unit_id)


@strawberry.type
class Measure:
    unit_id: strawberry.Private[str | None]
    has_numerical_value: Decimal

    @strawberry.field
    async def has_unit(self, info: Info) -> UnitRef | None:
        return await load_unit(info, self.unit_id)

    @classmethod
    def of(cls, r: Record, name: str) -> Measure | None:
        """The measure stored as ``<name>Value`` / ``<name>Unit`` on a record, if any."""
        value = r.get(f"{name}Value")
        if value is None:
            return None
        unit = r.get(f"{name}Unit")
        return cls(unit_id=None if unit is None else str(unit), has_numerical_value=as_decimal(value))


@strawberry.enum
class TimeUnit(Enum):
    year = "year"
    month = "month"
    week = "week"
    day = "day"
    hour = "hour"
    minute = "minute"
    second = "second"


@strawberry.type
class Duration:
    numeric_duration: Decimal
    unit_type: TimeUnit
