"""vfgraph's contribution accounting types: value equations, their buckets, distributions and previews
(docs/contributions.md). None of these is in vf-graphql."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any

import strawberry

from vfgraph.api.context import Info, load_related_list
from vfgraph.api.nodes import (
    AgentRef,
    EconomicEventRef,
    ValueBucketRef,
    ValueEquationRef,
    load_agent,
    load_node,
    node,
)
from vfgraph.api.types.action import Action
from vfgraph.api.types.history import Recorded
from vfgraph.api.types.measurement import Measure
from vfgraph.domain import distribution as dist
from vfgraph.domain.kinds import Kind
from vfgraph.errors import NotFound
from vfgraph.store.reads import Record
from vfgraph.vocab.namespaces import VF_IRI


@strawberry.enum(description="How a bucket weighs each contribution it counts.")
class ValueWeighting(Enum):
    effort = "effort"
    resourceQuantity = "resourceQuantity"
    fixed = "fixed"


@strawberry.enum(description="What recording a distribution writes: a claim per recipient, or transfers.")
class DistributeAs(Enum):
    CLAIMS = "CLAIMS"
    EVENTS = "EVENTS"


def _measure(value: Decimal, unit: str | None) -> Measure:
    return Measure(unit_id=unit, has_numerical_value=value)


@strawberry.type
class ValueBucketFields(Recorded):
    @strawberry.field
    def actions(self, info: Info) -> list[Action]:
        """The actions whose events count as contributions to this bucket."""
        names = [str(a).removeprefix(VF_IRI) for a in self.rec.get("countsActions") or []]
        return [Action.of(info.context.action(n)) for n in names]


@strawberry.type
class ValueEquationFields(Recorded):
    @strawberry.field
    async def buckets(self, info: Info) -> list[ValueBucketRef]:
        """The buckets, in order."""
        records = await load_related_list(info, "ValueEquation.buckets", self.rec.id)
        return [node(r) for r in sorted(records, key=_position)]


def _position(r: Record) -> int:
    return int(Decimal(r.get("position") or 0))


async def load_equation(info: Info, iri: str | None) -> Any:
    equation = await load_node(info, Kind.VALUE_EQUATION, iri)
    if equation is None:
        raise NotFound(f"no ValueEquation with id {iri}", id=iri)
    return equation


async def _income(info: Info, iri: str | None) -> Any:
    event = await load_node(info, Kind.ECONOMIC_EVENT, iri)
    if event is None:
        raise NotFound(f"no EconomicEvent with id {iri}", id=iri)
    return event


@strawberry.type(
    description="One contribution behind a share: the event, the bucket that counted it, its weight."
)
class Contribution:
    event_id: strawberry.Private[str]
    bucket_id: strawberry.Private[str]
    weight: Measure

    @strawberry.field
    async def event(self, info: Info) -> EconomicEventRef:
        return await _income(info, self.event_id)

    @strawberry.field
    async def bucket(self, info: Info) -> ValueBucketRef:
        bucket = await load_node(info, Kind.VALUE_BUCKET, self.bucket_id)
        if bucket is None:
            raise NotFound(f"no ValueBucket with id {self.bucket_id}", id=self.bucket_id)
        return bucket


@strawberry.type(description="What one agent would receive, and the contributions behind it.")
class DistributionShare:
    agent_id: strawberry.Private[str]
    amount: Measure
    contributions: list[Contribution] = strawberry.field(
        description="The contributions the caller may see (private events of others are left out)."
    )
    hidden_contributions: int = strawberry.field(
        description="How many counted contributions are private to others: counted, not listed."
    )

    @strawberry.field
    async def agent(self, info: Info) -> AgentRef:
        return await load_agent(info, self.agent_id)


@strawberry.type(description="Who would receive what if an income were shared out by an equation.")
class DistributionPreview:
    income_id: strawberry.Private[str]
    equation_id: strawberry.Private[str]
    total: Measure
    distributed: Measure
    undistributed: Measure = strawberry.field(
        description="What stays with the income's receiver (buckets without contributions, shares under 1)."
    )
    shares: list[DistributionShare]

    @strawberry.field
    async def income(self, info: Info) -> EconomicEventRef:
        return await _income(info, self.income_id)

    @strawberry.field
    async def equation(self, info: Info) -> ValueEquationRef:
        return await load_equation(info, self.equation_id)

    @classmethod
    def of(cls, d: dist.Distribution, equation: str) -> DistributionPreview:
        unit = d.total.unit
        shares = [
            DistributionShare(
                agent_id=p.agent,
                amount=_measure(p.amount, unit),
                contributions=[
                    Contribution(
                        event_id=c.event.id,
                        bucket_id=c.bucket.id,
                        weight=_measure(c.weight.value, c.weight.unit),
                    )
                    for c in p.contributions
                    if c.event.visible
                ],
                hidden_contributions=sum(1 for c in p.contributions if not c.event.visible),
            )
            for p in d.parts
        ]
        return cls(
            income_id=d.income,
            equation_id=equation,
            total=_measure(d.total.value, unit),
            distributed=_measure(d.distributed.value, unit),
            undistributed=_measure(d.undistributed.value, unit),
            shares=shares,
        )
