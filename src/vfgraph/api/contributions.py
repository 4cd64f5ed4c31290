"""Root fields and inputs of contribution accounting (vfgraph extras, docs/contributions.md) beyond the
kinds' own (derived: api/model.py): ``createValueEquation`` (an equation with its buckets, in one write),
``distributionPreview`` and ``recordDistribution``."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from vfgraph.api import model
from vfgraph.api.context import Info
from vfgraph.api.inputs import UNSET, to_params
from vfgraph.api.nodes import ClaimRef, EconomicEventRef, ValueDistributionRef
from vfgraph.api.scalars import URI
from vfgraph.api.types.contributions import DistributeAs, DistributionPreview, ValueWeighting
from vfgraph.api.writes import read_back, write
from vfgraph.domain.kinds import Kind
from vfgraph.services import contributions

if TYPE_CHECKING:
    ValueEquationResponse = Any
else:
    ValueEquationResponse = model.ValueEquationResponse


@strawberry.input(description="One bucket of a new equation; the buckets' shares add up to 1 at most.")
class ValueBucketParams:
    share: Decimal = strawberry.field(description="The fraction of the income this bucket hands out, 0 to 1.")
    actions: list[strawberry.ID] = strawberry.field(
        description="The actions whose events count (work, use, deliverService, consume ...)."
    )
    weighting: ValueWeighting
    name: str | None = UNSET
    fixed_weight: Decimal | None = strawberry.field(
        default=UNSET, description="The weight of every counted event when the weighting is fixed."
    )
    resource_classified_as: list[URI] | None = UNSET
    resource_conforms_to: strawberry.ID | None = UNSET


@strawberry.input
class ValueEquationCreateParams:
    name: str
    buckets: list[ValueBucketParams]
    note: str | None = UNSET
    in_scope_of: list[strawberry.ID] | None = UNSET


@strawberry.type
class DistributionResponse:
    value_distribution: ValueDistributionRef
    claims: list[ClaimRef]
    economic_events: list[EconomicEventRef]


def _equation_params(params: ValueEquationCreateParams) -> dict[str, Any]:
    out = to_params(params)
    out["buckets"] = [
        {**to_params(b), "weighting": b.weighting.value, "actions": [str(a) for a in b.actions]}
        for b in params.buckets
    ]
    return out


@strawberry.type
class ContributionsQuery:
    @strawberry.field
    async def distribution_preview(
        self, info: Info, income: strawberry.ID, equation: strawberry.ID
    ) -> DistributionPreview:
        """Who would receive what if the income were shared out by the equation (nothing is written)."""
        p = await asyncio.to_thread(contributions.preview, info.context.ledger, income, equation)
        return DistributionPreview.of(p.distribution, equation)


@strawberry.type
class ContributionsMutation:
    @strawberry.mutation
    async def create_value_equation(
        self, info: Info, equation: ValueEquationCreateParams
    ) -> ValueEquationResponse:
        params = _equation_params(equation)
        iri = await write(info, contributions.create_equation, info.context.ledger, params)
        made = await read_back(info, Kind.VALUE_EQUATION, iri)
        return ValueEquationResponse(value_equation=made)

    @strawberry.mutation
    async def record_distribution(
        self,
        info: Info,
        income: strawberry.ID,
        equation: strawberry.ID,
        as_: Annotated[DistributeAs, strawberry.argument(name="as")],
    ) -> DistributionResponse:
        """Share the income out by the equation: a claim per recipient (on the income's receiver) or a
        transfer per recipient, in one transaction; refused when this equation already did."""
        how = contributions.DistributeAs(as_.value)
        iri, written = await write(info, contributions.record, info.context.ledger, income, equation, how)
        made = await read_back(info, Kind.VALUE_DISTRIBUTION, iri)
        if how is contributions.DistributeAs.CLAIMS:
            found = [await read_back(info, Kind.CLAIM, c) for c in written]
            return DistributionResponse(value_distribution=made, claims=found, economic_events=[])
        events = [await read_back(info, Kind.ECONOMIC_EVENT, e) for e in written]
        return DistributionResponse(value_distribution=made, claims=[], economic_events=events)
