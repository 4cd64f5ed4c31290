"""vfgraph's contribution accounting types: value equations, their buckets, distributions and previews
(docs/contributions.md). None of these is in vf-graphql."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from vfgraph.api.context import Info, load_one, load_related_list
from vfgraph.api.scalars import URI, as_uris
from vfgraph.api.types.action import Action
from vfgraph.api.types.history import Recorded
from vfgraph.api.types.measurement import Measure
from vfgraph.api.types.observation import AccountingScope, EconomicEvent, load_event, scopes_of
from vfgraph.domain import distribution as dist
from vfgraph.domain.kinds import Kind
from vfgraph.errors import NotFound
from vfgraph.store.cypher.read import AGENT
from vfgraph.store.reads import Record
from vfgraph.vocab.namespaces import VF_IRI

if TYPE_CHECKING:
    from vfgraph.api.types.agent import Agent
    from vfgraph.api.types.specification import ResourceSpecification

AgentRef = Annotated["Agent", strawberry.lazy("vfgraph.api.types.agent")]
ResourceSpecificationRef = Annotated[
    "ResourceSpecification", strawberry.lazy("vfgraph.api.types.specification")
]


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


@strawberry.type(
    description="One part of a value equation: a share of the income and the rule picking contributions."
)
class ValueBucket(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    position: int
    name: str | None
    share: Decimal
    weighting: ValueWeighting
    fixed_weight: Decimal | None
    resource_classified_as: list[URI] | None

    @classmethod
    def from_record(cls, r: Record) -> ValueBucket:
        fixed = r.get("fixedWeight")
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            position=int(Decimal(r.get("position") or 0)),
            name=r.get("name"),
            share=Decimal(r.get("share") or 0),
            weighting=ValueWeighting(r.get("weighting")),
            fixed_weight=None if fixed is None else Decimal(fixed),
            resource_classified_as=as_uris(r.get("resourceClassifiedAs")),
        )

    @strawberry.field
    def actions(self, info: Info) -> list[Action]:
        """The actions whose events count as contributions to this bucket."""
        names = [str(a).removeprefix(VF_IRI) for a in self.rec.get("countsActions") or []]
        return [Action.of(info.context.action(n)) for n in names]

    @strawberry.field
    async def resource_conforms_to(self, info: Info) -> ResourceSpecificationRef | None:
        from vfgraph.api.types.specification import ResourceSpecification

        r = await load_one(info, Kind.RESOURCE_SPECIFICATION.value, self.rec.ref("resourceConformsTo"))
        return ResourceSpecification.from_record(r) if r else None


@strawberry.type(description="A rule for sharing an income among the agents whose contributions earned it.")
class ValueEquation(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    name: str
    note: str | None

    @classmethod
    def from_record(cls, r: Record) -> ValueEquation:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            name=str(r.get("name") or ""),
            note=r.get("note"),
        )

    @strawberry.field
    async def in_scope_of(self, info: Info) -> list[AccountingScope] | None:
        return await scopes_of(info, self.rec.ref_list("inScopeOf"))

    @strawberry.field
    async def buckets(self, info: Info) -> list[ValueBucket]:
        """The buckets, in order."""
        records = await load_related_list(info, "ValueEquation.buckets", self.rec.id)
        return sorted((ValueBucket.from_record(r) for r in records), key=lambda b: b.position)


async def load_equation(info: Info, iri: str | None) -> ValueEquation:
    r = await load_one(info, Kind.VALUE_EQUATION.value, iri)
    if r is None:
        raise NotFound(f"no ValueEquation with id {iri}", id=iri)
    return ValueEquation.from_record(r)


async def _income(info: Info, iri: str | None) -> EconomicEvent:
    event = await load_event(info, iri)
    if event is None:
        raise NotFound(f"no EconomicEvent with id {iri}", id=iri)
    return event


@strawberry.type(
    description="The record that an income was shared out by an equation (at most one per pair)."
)
class ValueDistribution(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    distributed_as: DistributeAs
    note: str | None

    @classmethod
    def from_record(cls, r: Record) -> ValueDistribution:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            distributed_as=DistributeAs(r.get("distributedAs")),
            note=r.get("note"),
        )

    @strawberry.field
    async def distributes(self, info: Info) -> EconomicEvent:
        return await _income(info, self.rec.ref("distributes"))

    @strawberry.field
    async def follows_equation(self, info: Info) -> ValueEquation:
        return await load_equation(info, self.rec.ref("followsEquation"))


@strawberry.type(
    description="One contribution behind a share: the event, the bucket that counted it, its weight."
)
class Contribution:
    event_id: strawberry.Private[str]
    bucket_id: strawberry.Private[str]
    weight: Measure

    @strawberry.field
    async def event(self, info: Info) -> EconomicEvent:
        return await _income(info, self.event_id)

    @strawberry.field
    async def bucket(self, info: Info) -> ValueBucket:
        r = await load_one(info, Kind.VALUE_BUCKET.value, self.bucket_id)
        if r is None:
            raise NotFound(f"no ValueBucket with id {self.bucket_id}", id=self.bucket_id)
        return ValueBucket.from_record(r)


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
        from vfgraph.api.types.agent import agent_from_record, external_agent

        r = await load_one(info, AGENT, self.agent_id)
        return agent_from_record(r) if r is not None else external_agent(self.agent_id)


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
    async def income(self, info: Info) -> EconomicEvent:
        return await _income(info, self.income_id)

    @strawberry.field
    async def equation(self, info: Info) -> ValueEquation:
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
