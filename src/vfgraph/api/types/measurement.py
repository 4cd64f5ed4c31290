"""vf-graphql ``measurement``: units, measures and durations."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

import strawberry

from vfgraph.api.context import Info, load_one
from vfgraph.api.scalars import as_decimal
from vfgraph.api.types.history import Recorded
from vfgraph.domain.kinds import Kind
from vfgraph.store.reads import Record


@strawberry.type
class Unit(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    label: str
    symbol: str
    om_unit_identifier: str | None = strawberry.field(
        default=None, description="The unit's identifier in the OM 2 ontology (ValueFlows 1.0)."
    )

    @classmethod
    def from_record(cls, r: Record) -> Unit:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            label=str(r.get("label") or ""),
            symbol=str(r.get("symbol") or ""),
            om_unit_identifier=r.get("omUnitIdentifier"),
        )


async def load_unit(info: Info, unit_id: str | None) -> Unit | None:
    r = await load_one(info, Kind.UNIT.value, unit_id)
    return Unit.from_record(r) if r else None


@strawberry.type
class Measure:
    unit_id: strawberry.Private[str | None]
    has_numerical_value: Decimal

    @strawberry.field
    async def has_unit(self, info: Info) -> Unit | None:
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
