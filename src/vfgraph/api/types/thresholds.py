"""Ecological limits in the API: the two assessments and the threshold type (docs/limits.md); the
``Threshold`` and ``Allocation`` types are derived from the kind table (api/model.py).

Not part of vf-graphql 0.9: these types carry vfgraph's own terms (``vfg:Threshold``, ``vfg:Allocation``).
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any

import strawberry

from vfgraph.api.context import Info
from vfgraph.api.nodes import (
    AllocationRef,
    EconomicResourceRef,
    ResourceSpecificationRef,
    ThresholdRef,
    load_node,
)
from vfgraph.api.types.measurement import Measure
from vfgraph.domain.kinds import Kind
from vfgraph.domain.quantities import format_decimal
from vfgraph.domain.thresholds import Status
from vfgraph.services import thresholds as service


async def _specification(info: Info, spec_id: str | None) -> Any:
    return await load_node(info, Kind.RESOURCE_SPECIFICATION, spec_id)


@strawberry.enum(description="Whether a threshold is a limit not to exceed or a level to reach.")
class ThresholdType(Enum):
    ceiling = "ceiling"
    floor = "floor"


@strawberry.enum(description="How what was measured compares with what was allocated.")
class LimitStatus(Enum):
    OVERSHOOT = Status.OVERSHOOT.value
    SHORTFALL = Status.SHORTFALL.value
    WITHIN = Status.WITHIN.value
    NO_ALLOCATION = Status.NO_ALLOCATION.value


def _exact(d: Decimal | None) -> Decimal | None:
    return None if d is None else Decimal(format_decimal(d))


@strawberry.type(description="One allocation of an indicator (or none) against what was measured.")
class LimitAssessment:
    indicator_id: strawberry.Private[str]
    allocation_id: strawberry.Private[str | None]
    threshold_id: strawberry.Private[str | None]
    actual: Measure = strawberry.field(description="What was measured (flows in the window, or per unit).")
    allocated: Measure | None = strawberry.field(description="What the allocation gives, pro-rated.")
    ratio: Decimal | None = strawberry.field(description="actual / allocated.")
    status: LimitStatus
    threshold_type: ThresholdType | None

    @classmethod
    def of(cls, a: service.Assessment) -> LimitAssessment:
        return cls(
            indicator_id=a.indicator,
            allocation_id=a.allocation,
            threshold_id=a.threshold,
            actual=Measure(unit_id=a.unit, has_numerical_value=Decimal(format_decimal(a.actual))),
            allocated=None
            if a.allocated is None
            else Measure(unit_id=a.unit, has_numerical_value=Decimal(format_decimal(a.allocated))),
            ratio=_exact(a.ratio),
            status=LimitStatus(a.status.value),
            threshold_type=None if a.threshold_type is None else ThresholdType(a.threshold_type),
        )

    @strawberry.field
    async def indicator(self, info: Info) -> ResourceSpecificationRef | None:
        return await _specification(info, self.indicator_id)

    @strawberry.field
    async def allocation(self, info: Info) -> AllocationRef | None:
        return await load_node(info, Kind.ALLOCATION, self.allocation_id)

    @strawberry.field
    async def threshold(self, info: Info) -> ThresholdRef | None:
        return await load_node(info, Kind.THRESHOLD, self.threshold_id)


@strawberry.type(description="A resource's footprint per unit against what is allocated to its kind.")
class SupplyChainAssessment:
    resource_id: strawberry.Private[str]
    indicator_id: strawberry.Private[str]
    per_unit: Measure = strawberry.field(description="The footprint per one unit of the resource.")
    total: Measure | None = strawberry.field(description="The footprint of its accounting quantity.")
    assessments: list[LimitAssessment] = strawberry.field(
        description="Per allocation to the resource's specification: per unit, allocated per unit."
    )

    @classmethod
    def of(cls, s: service.SupplyChainAssessment) -> SupplyChainAssessment:
        return cls(
            resource_id=s.resource,
            indicator_id=s.indicator,
            per_unit=Measure(unit_id=s.unit, has_numerical_value=Decimal(format_decimal(s.per_unit))),
            total=None
            if s.total is None
            else Measure(unit_id=s.unit, has_numerical_value=Decimal(format_decimal(s.total))),
            assessments=[LimitAssessment.of(a) for a in s.assessments],
        )

    @strawberry.field
    async def resource(self, info: Info) -> EconomicResourceRef | None:
        return await load_node(info, Kind.ECONOMIC_RESOURCE, self.resource_id)

    @strawberry.field
    async def indicator(self, info: Info) -> ResourceSpecificationRef | None:
        return await _specification(info, self.indicator_id)
