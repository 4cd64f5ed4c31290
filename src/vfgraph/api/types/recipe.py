"""What a recipe process and a scenario definition answer beyond the kind table: their duration, stored as a
measure in a time unit and shown as vf-graphql's Duration (docs/recipes.md)."""

from __future__ import annotations

import strawberry

from vfgraph.api.context import Info, load_one
from vfgraph.api.types.history import Recorded
from vfgraph.api.types.measurement import Duration, Measure, TimeUnit
from vfgraph.domain.durations import unit_type_of
from vfgraph.domain.kinds import Kind


@strawberry.type
class DurationFields(Recorded):
    @strawberry.field
    async def has_duration(self, info: Info) -> Duration | None:
        """Stored as a measure; its unit record's OM 2 identifier says which time unit it is."""
        measure = Measure.of(self.rec, "hasDuration")
        if measure is None:
            return None
        unit = await load_one(info, Kind.UNIT.value, measure.unit_id)
        unit_type = unit_type_of(unit.get("omUnitIdentifier") if unit else None)
        if unit_type is None:
            return None
        return Duration(numeric_duration=measure.has_numerical_value, unit_type=TimeUnit(unit_type))
