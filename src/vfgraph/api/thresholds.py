"""Root fields of ecological limits (docs/limits.md): thresholds, allocations and the two assessments."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Annotated

import strawberry

from vfgraph.api import threshold_inputs as i
from vfgraph.api.context import Info, page_field, record_field, related_connection
from vfgraph.api.mutation import _delete, _read_back, _write
from vfgraph.api.pagination import Connection
from vfgraph.api.types.thresholds import Allocation, LimitAssessment, SupplyChainAssessment, Threshold
from vfgraph.domain.kinds import Kind
from vfgraph.services import thresholds as service


@strawberry.type
class ThresholdResponse:
    threshold: Threshold


@strawberry.type
class AllocationResponse:
    allocation: Allocation


@strawberry.type
class ThresholdQuery:
    threshold = record_field(Kind.THRESHOLD.value, Threshold, Threshold.from_record)

    thresholds = page_field(Kind.THRESHOLD.value, Threshold, Threshold.from_record)

    allocation = record_field(Kind.ALLOCATION.value, Allocation, Allocation.from_record)

    allocations = page_field(Kind.ALLOCATION.value, Allocation, Allocation.from_record)

    @strawberry.field
    async def agent_allocations(
        self,
        info: Info,
        agent: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Allocation]:
        """The allocations made to an agent (directly, at any level of nesting)."""
        make = Allocation.from_record
        return await related_connection(info, "Agent.allocations", agent, make, first, after, last, before)

    @strawberry.field
    async def context_assessment(
        self,
        info: Info,
        agent: strawberry.ID,
        from_: Annotated[datetime, strawberry.argument(name="from")],
        to: datetime,
        indicators: list[strawberry.ID] | None = None,
    ) -> list[LimitAssessment]:
        """Per indicator, the agent's flows to and from ecological agents in [from, to) against each
        allocation it has, pro-rated to the window (docs/limits.md)."""
        wanted = None if indicators is None else [str(x) for x in indicators]
        found = await asyncio.to_thread(
            service.context_assessment, info.context.ledger, str(agent), from_, to, wanted
        )
        return [LimitAssessment.of(a) for a in found]

    @strawberry.field
    async def supply_chain_assessment(
        self, info: Info, resource: strawberry.ID, indicator: strawberry.ID
    ) -> SupplyChainAssessment:
        """The resource's footprint for the indicator against the allocations made to its
        ResourceSpecification, per unit (docs/limits.md)."""
        found = await asyncio.to_thread(
            service.supply_chain_assessment, info.context.ledger, str(resource), str(indicator)
        )
        return SupplyChainAssessment.of(found)


@strawberry.type
class ThresholdMutation:
    @strawberry.mutation
    async def create_threshold(self, info: Info, threshold: i.ThresholdCreateParams) -> ThresholdResponse:
        iri = await _write(info, info.context.ledger.create, Kind.THRESHOLD, i.params_of(threshold))
        return ThresholdResponse(threshold=await _read_back(info, Kind.THRESHOLD, iri, Threshold.from_record))

    @strawberry.mutation
    async def update_threshold(self, info: Info, threshold: i.ThresholdUpdateParams) -> ThresholdResponse:
        iri = await _write(info, info.context.ledger.update, Kind.THRESHOLD, i.params_of(threshold))
        return ThresholdResponse(threshold=await _read_back(info, Kind.THRESHOLD, iri, Threshold.from_record))

    @strawberry.mutation
    async def delete_threshold(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.THRESHOLD, revision_id)

    @strawberry.mutation
    async def create_allocation(self, info: Info, allocation: i.AllocationCreateParams) -> AllocationResponse:
        iri = await _write(info, info.context.ledger.create, Kind.ALLOCATION, i.params_of(allocation))
        return AllocationResponse(
            allocation=await _read_back(info, Kind.ALLOCATION, iri, Allocation.from_record)
        )

    @strawberry.mutation
    async def update_allocation(self, info: Info, allocation: i.AllocationUpdateParams) -> AllocationResponse:
        iri = await _write(info, info.context.ledger.update, Kind.ALLOCATION, i.params_of(allocation))
        return AllocationResponse(
            allocation=await _read_back(info, Kind.ALLOCATION, iri, Allocation.from_record)
        )

    @strawberry.mutation
    async def delete_allocation(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.ALLOCATION, revision_id)
