"""Root fields of ecological limits (docs/limits.md) beyond the kinds' own (derived: api/model.py): an
agent's allocations and the two assessments."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Annotated

import strawberry

from vfgraph.api.context import Info, related_connection
from vfgraph.api.nodes import AllocationRef, node
from vfgraph.api.pagination import Connection
from vfgraph.api.types.thresholds import LimitAssessment, SupplyChainAssessment
from vfgraph.services import thresholds as service


@strawberry.type
class ThresholdQuery:
    @strawberry.field
    async def agent_allocations(
        self,
        info: Info,
        agent: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[AllocationRef]:
        """The allocations made to an agent (directly, at any level of nesting)."""
        return await related_connection(info, "Agent.allocations", agent, node, first, after, last, before)

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
