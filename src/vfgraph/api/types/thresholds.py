"""Ecological limits in the API: ``Threshold``, ``Allocation`` and the two assessments (docs/limits.md).

Not part of vf-graphql 0.9: these types carry vfgraph's own terms (``vfg:Threshold``, ``vfg:Allocation``).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from vfgraph.api.context import Info, connection_field, load_one
from vfgraph.api.scalars import URI, as_datetime, as_decimal, as_uri
from vfgraph.api.types.history import Recorded
from vfgraph.api.types.measurement import Measure
from vfgraph.domain.kinds import Kind
from vfgraph.domain.quantities import format_decimal
from vfgraph.domain.thresholds import Status
from vfgraph.services import thresholds as service
from vfgraph.store.cypher.read import AGENT
from vfgraph.store.reads import Record

if TYPE_CHECKING:
    from vfgraph.api.types.agent import Agent
    from vfgraph.api.types.observation import EconomicResource
    from vfgraph.api.types.specification import ResourceSpecification

AgentRef = Annotated["Agent", strawberry.lazy("vfgraph.api.types.agent")]
ResourceSpecificationRef = Annotated[
    "ResourceSpecification", strawberry.lazy("vfgraph.api.types.specification")
]
EconomicResourceRef = Annotated["EconomicResource", strawberry.lazy("vfgraph.api.types.observation")]
AllocationRef = Annotated["Allocation", strawberry.lazy("vfgraph.api.types.thresholds")]


def allocation_connection(relation: str) -> Any:
    """A page of the allocations pointing at the parent along ``relation``."""
    return connection_field(relation, AllocationRef, lambda: Allocation.from_record)


async def _agent(info: Info, agent_id: str | None) -> Agent | None:
    from vfgraph.api.types.agent import agent_from_record

    r = await load_one(info, AGENT, agent_id)
    return agent_from_record(r) if r else None


async def _specification(info: Info, spec_id: str | None) -> ResourceSpecification | None:
    from vfgraph.api.types.specification import ResourceSpecification

    r = await load_one(info, Kind.RESOURCE_SPECIFICATION.value, spec_id)
    return ResourceSpecification.from_record(r) if r else None


@strawberry.enum(description="Whether a threshold is a limit not to exceed or a level to reach.")
class ThresholdType(Enum):
    ceiling = "ceiling"
    floor = "floor"


@strawberry.type(description="A ceiling or floor on an indicator, for a scope and a period (docs/limits.md).")
class Threshold(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    name: str
    threshold_type: ThresholdType | None
    value: Measure | None = strawberry.field(description="What the threshold allows or requires per period.")
    at_location: URI | None
    has_beginning: datetime | None
    has_end: datetime | None
    period: str | None = strawberry.field(
        description="An ISO 8601 duration (P1Y): the value is per period of this length."
    )
    source: URI | None
    note: str | None

    @classmethod
    def from_record(cls, r: Record) -> Threshold:
        kind = r.get("thresholdType")
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            name=str(r.get("name") or ""),
            threshold_type=None if kind is None else ThresholdType(kind),
            value=Measure.of(r, "value"),
            at_location=as_uri(r.get("atLocation")),
            has_beginning=as_datetime(r.get("hasBeginning")),
            has_end=as_datetime(r.get("hasEnd")),
            period=r.get("period"),
            source=as_uri(r.get("source")),
            note=r.get("note"),
        )

    @strawberry.field
    async def indicator(self, info: Info) -> ResourceSpecificationRef | None:
        """The resource specification the threshold limits."""
        return await _specification(info, self.rec.ref("indicator"))

    @strawberry.field
    async def in_scope_of(self, info: Info) -> list[AgentRef]:
        """The agents whose flows the threshold bounds."""
        found = [await _agent(info, a) for a in self.rec.ref_list("inScopeOf")]
        return [a for a in found if a is not None]

    allocations = allocation_connection("Threshold.allocations")


@strawberry.type(description="A part of a threshold or of a larger allocation (docs/limits.md).")
class Allocation(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    share: Decimal | None = strawberry.field(description="A fraction (0 to 1) of what it is part of.")
    quantity: Measure | None = strawberry.field(description="A fixed amount, instead of a share.")
    note: str | None

    @classmethod
    def from_record(cls, r: Record) -> Allocation:
        share = r.get("share")
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            share=None if share is None else as_decimal(share),
            quantity=Measure.of(r, "quantity"),
            note=r.get("note"),
        )

    @strawberry.field
    async def threshold(self, info: Info) -> Threshold | None:
        """The threshold this allocation is a part of (top-level allocations)."""
        r = await load_one(info, Kind.THRESHOLD.value, self.rec.ref("threshold"))
        return Threshold.from_record(r) if r else None

    @strawberry.field
    async def parent(self, info: Info) -> Allocation | None:
        """The allocation this one is a part of (nested allocations)."""
        r = await load_one(info, Kind.ALLOCATION.value, self.rec.ref("parent"))
        return Allocation.from_record(r) if r else None

    @strawberry.field
    async def allocated_to_agent(self, info: Info) -> AgentRef | None:
        """The agent it is allocated to, when it is allocated to an agent."""
        return await _agent(info, self.rec.ref("allocatedTo"))

    @strawberry.field
    async def allocated_to_resource_specification(self, info: Info) -> ResourceSpecificationRef | None:
        """The resource specification it is allocated to (then it is per unit of that resource)."""
        return await _specification(info, self.rec.ref("allocatedTo"))

    allocations = allocation_connection("Allocation.allocations")


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
    async def allocation(self, info: Info) -> Allocation | None:
        r = await load_one(info, Kind.ALLOCATION.value, self.allocation_id)
        return Allocation.from_record(r) if r else None

    @strawberry.field
    async def threshold(self, info: Info) -> Threshold | None:
        r = await load_one(info, Kind.THRESHOLD.value, self.threshold_id)
        return Threshold.from_record(r) if r else None


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
        from vfgraph.api.types.observation import EconomicResource

        r = await load_one(info, Kind.ECONOMIC_RESOURCE.value, self.resource_id)
        return EconomicResource.from_record(r) if r else None

    @strawberry.field
    async def indicator(self, info: Info) -> ResourceSpecificationRef | None:
        return await _specification(info, self.indicator_id)
