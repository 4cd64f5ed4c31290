"""vf-graphql ``intent``, ``commitment``, ``fulfillment`` and ``satisfaction``: planned flows and what
counts against them.

Beyond vf-graphql, a commitment shows ``fulfilledQuantity``/``remainingQuantity`` and an intent
``satisfiedQuantity``/``remainingQuantity``, which the ledger keeps as fulfillments and satisfactions are
written (docs/planning.md).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from vfgraph.api.context import Info, connection_field, list_field, load_one, load_related, page_window
from vfgraph.api.pagination import Connection, to_connection
from vfgraph.api.scalars import URI, as_datetime, as_uri, as_uris
from vfgraph.api.types.action import Action
from vfgraph.api.types.history import Recorded, Shareable
from vfgraph.api.types.measurement import Measure
from vfgraph.api.types.observation import AccountingScope, EconomicEvent, load_event, load_resource, scopes_of
from vfgraph.domain.kinds import Kind
from vfgraph.errors import NotFound
from vfgraph.services.planning import remaining
from vfgraph.store.cypher.read import AGENT
from vfgraph.store.reads import Record, Slice, Window

if TYPE_CHECKING:
    from vfgraph.api.types.agent import Agent
    from vfgraph.api.types.agreement import Agreement
    from vfgraph.api.types.observation import EconomicResource
    from vfgraph.api.types.plan import Plan
    from vfgraph.api.types.process import Process
    from vfgraph.api.types.proposal import ProposedIntent
    from vfgraph.api.types.specification import ProcessSpecification, ResourceSpecification

_HERE = "vfgraph.api.types.planning"
_SPECS = "vfgraph.api.types.specification"
AgentRef = Annotated["Agent", strawberry.lazy("vfgraph.api.types.agent")]
AgreementRef = Annotated["Agreement", strawberry.lazy("vfgraph.api.types.agreement")]
PlanRef = Annotated["Plan", strawberry.lazy("vfgraph.api.types.plan")]
ProcessRef = Annotated["Process", strawberry.lazy("vfgraph.api.types.process")]
ResourceRef = Annotated["EconomicResource", strawberry.lazy("vfgraph.api.types.observation")]
ProcessSpecificationRef = Annotated["ProcessSpecification", strawberry.lazy(_SPECS)]
ResourceSpecificationRef = Annotated["ResourceSpecification", strawberry.lazy(_SPECS)]
ProposedIntentRef = Annotated["ProposedIntent", strawberry.lazy("vfgraph.api.types.proposal")]
CommitmentRef = Annotated["Commitment", strawberry.lazy(_HERE)]
IntentRef = Annotated["Intent", strawberry.lazy(_HERE)]
FulfillmentRef = Annotated["Fulfillment", strawberry.lazy(_HERE)]
SatisfactionRef = Annotated["Satisfaction", strawberry.lazy(_HERE)]

EventOrCommitment = Annotated[EconomicEvent | CommitmentRef, strawberry.union("EventOrCommitment")]


def commitment_connection(relation: str) -> Any:
    """A page of the commitments that point at the parent along ``relation``."""
    return connection_field(relation, CommitmentRef, lambda: Commitment.from_record)


def commitment_list(relation: str) -> Any:
    return list_field(relation, CommitmentRef, lambda: Commitment.from_record)


def intent_connection(relation: str) -> Any:
    """A page of the intents that point at the parent along ``relation``."""
    return connection_field(relation, IntentRef, lambda: Intent.from_record)


def no_intents() -> Any:
    """An intent connection that is always empty: for the reference fields that are typed as intents but
    mean something else (``Agent.claims``: see docs/contributions.md)."""

    async def resolve(
        root: Any,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[IntentRef] | None:
        window = page_window(info, first, after, last, before)
        return to_connection(Slice([], has_previous=False, has_next=False), window, Intent.from_record)

    return strawberry.field(resolver=resolve)


def intent_list(relation: str) -> Any:
    return list_field(relation, IntentRef, lambda: Intent.from_record)


def fulfillment_list(relation: str) -> Any:
    return list_field(relation, FulfillmentRef, lambda: Fulfillment.from_record)


def satisfaction_list(relation: str) -> Any:
    return list_field(relation, SatisfactionRef, lambda: Satisfaction.from_record)


def _measure(m: Any) -> Measure | None:
    if m is None:
        return None
    return Measure(unit_id=m.unit, has_numerical_value=m.value)


async def agent_or_none(info: Info, agent_id: str | None) -> Agent | None:
    """The agent a record names (an IRI no record describes reads as an external agent)."""
    from vfgraph.api.types.agent import agent_from_record, external_agent

    if agent_id is None:
        return None
    r = await load_one(info, AGENT, agent_id)
    return agent_from_record(r) if r is not None else external_agent(agent_id)


async def _process(info: Info, process_id: str | None) -> Process | None:
    from vfgraph.api.types.process import Process

    r = await load_one(info, Kind.PROCESS.value, process_id)
    return Process.from_record(r) if r else None


async def _resource_spec(info: Info, spec_id: str | None) -> ResourceSpecification | None:
    from vfgraph.api.types.specification import ResourceSpecification

    r = await load_one(info, Kind.RESOURCE_SPECIFICATION.value, spec_id)
    return ResourceSpecification.from_record(r) if r else None


async def load_plan(info: Info, plan_id: str | None) -> Plan | None:
    from vfgraph.api.types.plan import Plan

    r = await load_one(info, Kind.PLAN.value, plan_id)
    return Plan.from_record(r) if r else None


async def load_agreement(info: Info, agreement_id: str | None) -> Agreement | None:
    from vfgraph.api.types.agreement import Agreement

    r = await load_one(info, Kind.AGREEMENT.value, agreement_id)
    return Agreement.from_record(r) if r else None


async def load_commitment(info: Info, commitment_id: str | None) -> Commitment | None:
    r = await load_one(info, Kind.COMMITMENT.value, commitment_id)
    return Commitment.from_record(r) if r else None


async def load_intent(info: Info, intent_id: str | None) -> Intent | None:
    r = await load_one(info, Kind.INTENT.value, intent_id)
    return Intent.from_record(r) if r else None


def _proposed_intent() -> Any:
    from vfgraph.api.types.proposal import ProposedIntent

    return ProposedIntent.from_record


async def _nothing_points_at(info: Info, record_id: str, *relations: str) -> bool:
    one = Window(limit=1)
    for relation in relations:
        if (await load_related(info, relation, record_id, one)).items:
            return False
    return True


@strawberry.type
class Intent(Shareable):
    """A flow someone wants: an offer names its provider, a request its receiver."""

    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    name: str | None
    resource_classified_as: list[URI] | None
    resource_quantity: Measure | None
    effort_quantity: Measure | None
    available_quantity: Measure | None
    minimum_quantity: Measure | None
    has_beginning: datetime | None
    has_end: datetime | None
    has_point_in_time: datetime | None
    due: datetime | None
    finished: bool | None
    image: URI | None
    image_list: list[URI] | None
    note: str | None
    agreed_in: URI | None
    satisfied_quantity: Measure | None = strawberry.field(
        description="What the satisfactions of this intent account for so far (vfgraph)."
    )
    remaining_quantity: Measure | None = strawberry.field(
        description="What is still wanted: the intent's quantity less what is satisfied, never below zero "
        "(vfgraph; in the unit of the intent's resourceQuantity, or effortQuantity for effort-only flows)."
    )

    @classmethod
    def from_record(cls, r: Record) -> Intent:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            name=r.get("name"),
            resource_classified_as=as_uris(r.get("resourceClassifiedAs")),
            resource_quantity=Measure.of(r, "resourceQuantity"),
            effort_quantity=Measure.of(r, "effortQuantity"),
            available_quantity=Measure.of(r, "availableQuantity"),
            minimum_quantity=Measure.of(r, "minimumQuantity"),
            has_beginning=as_datetime(r.get("hasBeginning")),
            has_end=as_datetime(r.get("hasEnd")),
            has_point_in_time=as_datetime(r.get("hasPointInTime")),
            due=as_datetime(r.get("due")),
            finished=r.get("finished"),
            image=as_uri(r.get("image")),
            image_list=as_uris(r.get("imageList")),
            note=r.get("note"),
            agreed_in=as_uri(r.get("agreedIn")),
            satisfied_quantity=Measure.of(r, "satisfiedQuantity"),
            remaining_quantity=_measure(remaining(r.props, "satisfiedQuantity")),
        )

    @strawberry.field
    def action(self, info: Info) -> Action:
        return Action.of(info.context.action(str(self.rec.get("action"))))

    @strawberry.field
    async def deletable(self, info: Info) -> bool | None:
        return await _nothing_points_at(info, self.rec.id, "Intent.satisfiedBy", "Intent.publishedIn")

    @strawberry.field
    async def provider(self, info: Info) -> AgentRef | None:
        return await agent_or_none(info, self.rec.ref("provider"))

    @strawberry.field
    async def receiver(self, info: Info) -> AgentRef | None:
        return await agent_or_none(info, self.rec.ref("receiver"))

    @strawberry.field
    async def in_scope_of(self, info: Info) -> list[AccountingScope] | None:
        return await scopes_of(info, self.rec.ref_list("inScopeOf"))

    @strawberry.field
    async def resource_inventoried_as(self, info: Info) -> ResourceRef | None:
        return await load_resource(info, self.rec.ref("resourceInventoriedAs"))

    @strawberry.field
    async def resource_conforms_to(self, info: Info) -> ResourceSpecificationRef | None:
        return await _resource_spec(info, self.rec.ref("resourceConformsTo"))

    @strawberry.field
    async def input_of(self, info: Info) -> ProcessRef | None:
        return await _process(info, self.rec.ref("inputOf"))

    @strawberry.field
    async def output_of(self, info: Info) -> ProcessRef | None:
        return await _process(info, self.rec.ref("outputOf"))

    @strawberry.field
    async def planned_within(self, info: Info) -> PlanRef | None:
        return await load_plan(info, self.rec.ref("plannedWithin"))

    published_in = list_field("Intent.publishedIn", ProposedIntentRef, lambda: _proposed_intent())
    satisfied_by = satisfaction_list("Intent.satisfiedBy")


@strawberry.type
class Commitment(Shareable):
    """A flow a provider has promised a receiver."""

    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    resource_classified_as: list[URI] | None
    resource_quantity: Measure | None
    effort_quantity: Measure | None
    has_beginning: datetime | None
    has_end: datetime | None
    has_point_in_time: datetime | None
    due: datetime | None
    created: datetime | None
    finished: bool | None
    note: str | None
    agreed_in: URI | None
    fulfilled_quantity: Measure | None = strawberry.field(
        description="What the fulfillments of this commitment account for so far (vfgraph)."
    )
    remaining_quantity: Measure | None = strawberry.field(
        description="What is still owed: the committed quantity less what is fulfilled, never below zero "
        "(vfgraph; in the unit of the resourceQuantity, or effortQuantity for effort-only flows)."
    )

    @classmethod
    def from_record(cls, r: Record) -> Commitment:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            resource_classified_as=as_uris(r.get("resourceClassifiedAs")),
            resource_quantity=Measure.of(r, "resourceQuantity"),
            effort_quantity=Measure.of(r, "effortQuantity"),
            has_beginning=as_datetime(r.get("hasBeginning")),
            has_end=as_datetime(r.get("hasEnd")),
            has_point_in_time=as_datetime(r.get("hasPointInTime")),
            due=as_datetime(r.get("due")),
            created=as_datetime(r.get("created") or r.get("createdAt")),
            finished=r.get("finished"),
            note=r.get("note"),
            agreed_in=as_uri(r.get("agreedIn")),
            fulfilled_quantity=Measure.of(r, "fulfilledQuantity"),
            remaining_quantity=_measure(remaining(r.props, "fulfilledQuantity")),
        )

    @strawberry.field
    def action(self, info: Info) -> Action:
        return Action.of(info.context.action(str(self.rec.get("action"))))

    @strawberry.field
    async def deletable(self, info: Info) -> bool | None:
        return await _nothing_points_at(info, self.rec.id, "Commitment.fulfilledBy", "Flow.satisfies")

    async def _party(self, info: Info, field: str) -> Agent:
        agent = await agent_or_none(info, self.rec.ref(field))
        if agent is None:
            raise NotFound(f"commitment {self.rec.id} names no {field}")
        return agent

    @strawberry.field
    async def provider(self, info: Info) -> AgentRef:
        return await self._party(info, "provider")

    @strawberry.field
    async def receiver(self, info: Info) -> AgentRef:
        return await self._party(info, "receiver")

    @strawberry.field
    async def involved_agents(self, info: Info) -> list[AgentRef] | None:
        ids = dict.fromkeys(
            [self.rec.ref("provider"), self.rec.ref("receiver"), *self.rec.ref_list("inScopeOf")]
        )
        agents = [await agent_or_none(info, i) for i in ids if i]
        return [a for a in agents if a is not None]

    @strawberry.field
    async def in_scope_of(self, info: Info) -> list[AccountingScope] | None:
        return await scopes_of(info, self.rec.ref_list("inScopeOf"))

    @strawberry.field
    async def clause_of(self, info: Info) -> AgreementRef | None:
        return await load_agreement(info, self.rec.ref("clauseOf"))

    @strawberry.field
    async def resource_inventoried_as(self, info: Info) -> ResourceRef | None:
        return await load_resource(info, self.rec.ref("resourceInventoriedAs"))

    @strawberry.field
    async def independent_demand_of(self, info: Info) -> PlanRef | None:
        return await load_plan(info, self.rec.ref("independentDemandOf"))

    @strawberry.field
    async def planned_within(self, info: Info) -> PlanRef | None:
        return await load_plan(info, self.rec.ref("plannedWithin"))

    @strawberry.field
    async def stage(self, info: Info) -> ProcessSpecificationRef | None:
        from vfgraph.api.types.specification import ProcessSpecification

        r = await load_one(info, Kind.PROCESS_SPECIFICATION.value, self.rec.ref("stage"))
        return ProcessSpecification.from_record(r) if r else None

    @strawberry.field
    async def resource_conforms_to(self, info: Info) -> ResourceSpecificationRef | None:
        return await _resource_spec(info, self.rec.ref("resourceConformsTo"))

    @strawberry.field
    async def input_of(self, info: Info) -> ProcessRef | None:
        return await _process(info, self.rec.ref("inputOf"))

    @strawberry.field
    async def output_of(self, info: Info) -> ProcessRef | None:
        return await _process(info, self.rec.ref("outputOf"))

    fulfilled_by = fulfillment_list("Commitment.fulfilledBy")
    satisfies = satisfaction_list("Flow.satisfies")


@strawberry.type
class Fulfillment(Recorded):
    """An economic event counted, for some quantity, against a commitment."""

    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    resource_quantity: Measure | None
    effort_quantity: Measure | None
    note: str | None

    @classmethod
    def from_record(cls, r: Record) -> Fulfillment:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            resource_quantity=Measure.of(r, "resourceQuantity"),
            effort_quantity=Measure.of(r, "effortQuantity"),
            note=r.get("note"),
        )

    @strawberry.field
    async def fulfilled_by(self, info: Info) -> EconomicEvent:
        event = await load_event(info, self.rec.ref("fulfilledBy"))
        if event is None:
            raise NotFound(f"the event of fulfillment {self.rec.id} cannot be read")
        return event

    @strawberry.field
    async def fulfills(self, info: Info) -> CommitmentRef:
        commitment = await load_commitment(info, self.rec.ref("fulfills"))
        if commitment is None:
            raise NotFound(f"the commitment of fulfillment {self.rec.id} cannot be read")
        return commitment


@strawberry.type
class Satisfaction(Recorded):
    """An economic event or a commitment counted, for some quantity, against an intent."""

    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    resource_quantity: Measure | None
    effort_quantity: Measure | None
    note: str | None

    @classmethod
    def from_record(cls, r: Record) -> Satisfaction:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            resource_quantity=Measure.of(r, "resourceQuantity"),
            effort_quantity=Measure.of(r, "effortQuantity"),
            note=r.get("note"),
        )

    @strawberry.field
    async def satisfies(self, info: Info) -> IntentRef:
        intent = await load_intent(info, self.rec.ref("satisfies"))
        if intent is None:
            raise NotFound(f"the intent of satisfaction {self.rec.id} cannot be read")
        return intent

    @strawberry.field
    async def satisfied_by(self, info: Info) -> EventOrCommitment:
        by = self.rec.ref("satisfiedBy")
        event = await load_event(info, by)
        found: EconomicEvent | Commitment | None = event or await load_commitment(info, by)
        if found is None:
            raise NotFound(f"what satisfies {self.rec.id} cannot be read")
        return found
