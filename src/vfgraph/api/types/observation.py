"""vf-graphql ``observation``: economic events and economic resources, and the flow unions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Union

import strawberry

from vfgraph.api.context import (
    Info,
    connection_field,
    list_field,
    load_many,
    load_one,
    load_related_list,
)
from vfgraph.api.scalars import URI, as_datetime, as_uri, as_uris
from vfgraph.api.types.action import Action
from vfgraph.api.types.history import Shareable
from vfgraph.api.types.measurement import Measure, Unit, load_unit
from vfgraph.domain.flows import gives_to_resource, takes_from_resource
from vfgraph.domain.kinds import Kind
from vfgraph.domain.trace import Direction
from vfgraph.errors import NotFound
from vfgraph.store.cypher.read import AGENT
from vfgraph.store.reads import Record

if TYPE_CHECKING:
    from vfgraph.api.types.agent import Agent, EcologicalAgent, Organization, Person
    from vfgraph.api.types.agreement import Agreement
    from vfgraph.api.types.planning import Commitment, Fulfillment, Intent, Satisfaction
    from vfgraph.api.types.process import Process
    from vfgraph.api.types.specification import ProcessSpecification, ResourceSpecification


# References to types of the other modules (they refer back to these), resolved when the schema is built.
_AGENTS = "vfgraph.api.types.agent"
_SPECS = "vfgraph.api.types.specification"
AgentRef = Annotated["Agent", strawberry.lazy(_AGENTS)]
PersonRef = Annotated["Person", strawberry.lazy(_AGENTS)]
OrganizationRef = Annotated["Organization", strawberry.lazy(_AGENTS)]
EcologicalAgentRef = Annotated["EcologicalAgent", strawberry.lazy(_AGENTS)]
ProcessRef = Annotated["Process", strawberry.lazy("vfgraph.api.types.process")]
ProcessSpecificationRef = Annotated["ProcessSpecification", strawberry.lazy(_SPECS)]
ResourceSpecificationRef = Annotated["ResourceSpecification", strawberry.lazy(_SPECS)]

EventRef = Annotated["EconomicEvent", strawberry.lazy("vfgraph.api.types.observation")]
# The planning layer's types (vfgraph.api.types.planning and friends refer back to this module).
_PLANNING = "vfgraph.api.types.planning"
CommitmentRef = Annotated["Commitment", strawberry.lazy(_PLANNING)]
IntentRef = Annotated["Intent", strawberry.lazy(_PLANNING)]
FulfillmentRef = Annotated["Fulfillment", strawberry.lazy(_PLANNING)]
SatisfactionRef = Annotated["Satisfaction", strawberry.lazy(_PLANNING)]
AgreementRef = Annotated["Agreement", strawberry.lazy("vfgraph.api.types.agreement")]
ResourceRef = Annotated["EconomicResource", strawberry.lazy("vfgraph.api.types.observation")]

_EVENT = Kind.ECONOMIC_EVENT.value
_RESOURCE = Kind.ECONOMIC_RESOURCE.value
_PROCESS = Kind.PROCESS.value

TrackTraceItem = Annotated[
    Union["EconomicResource", "EconomicEvent", ProcessRef],
    strawberry.union("TrackTraceItem"),
]
ProductionFlowItem = Annotated[
    Union["EconomicResource", ProcessRef],
    strawberry.union("ProductionFlowItem"),
]
# Agents a record is in the scope of. vf-graphql has Person and Organization; ValueFlows 1.0 adds
# EcologicalAgent, which vfgraph lets be a scope as well.
AccountingScope = Annotated[
    PersonRef | OrganizationRef | EcologicalAgentRef,
    strawberry.union("AccountingScope"),
]


def event_connection(relation: str) -> Any:
    """A page of the events that point at the parent along ``relation``."""
    return connection_field(relation, EventRef, lambda: EconomicEvent.from_record)


def event_list(relation: str) -> Any:
    """The events (no pagination) that point at the parent along ``relation``."""
    return list_field(relation, EventRef, lambda: EconomicEvent.from_record)


def planning_maker(type_name: str) -> Callable[[], Callable[[Record], Any]]:
    """The ``from_record`` of a planning type, looked up when a field resolves (that module imports this)."""

    def make() -> Callable[[Record], Any]:
        from vfgraph.api.types import planning

        return getattr(planning, type_name).from_record  # type: ignore[no-any-return]

    return make


def resource_connection(relation: str) -> Any:
    """A page of the resources that point at the parent along ``relation``."""
    return connection_field(relation, ResourceRef, lambda: EconomicResource.from_record)


async def _process_of(info: Info, process_id: str | None) -> Process | None:
    from vfgraph.api.types.process import Process

    r = await load_one(info, _PROCESS, process_id)
    return Process.from_record(r) if r else None


async def _agent_of(info: Info, agent_id: str | None) -> Agent:
    from vfgraph.api.types.agent import agent_from_record, external_agent

    if agent_id is None:
        raise NotFound("the record names no agent")
    r = await load_one(info, AGENT, agent_id)
    return agent_from_record(r) if r is not None else external_agent(agent_id)


async def _resource_spec_of(info: Info, spec_id: str | None) -> ResourceSpecification | None:
    from vfgraph.api.types.specification import ResourceSpecification

    r = await load_one(info, Kind.RESOURCE_SPECIFICATION.value, spec_id)
    return ResourceSpecification.from_record(r) if r else None


async def scopes_of(info: Info, ids: list[str]) -> list[AccountingScope] | None:
    """The agents a record is in scope of (``inScopeOf``)."""
    from vfgraph.api.types.agent import agent_from_record

    return [agent_from_record(r) for r in await load_many(info, AGENT, ids)]


async def load_resource(info: Info, resource_id: str | None) -> EconomicResource | None:
    r = await load_one(info, _RESOURCE, resource_id)
    return EconomicResource.from_record(r) if r else None


async def load_event(info: Info, event_id: str | None) -> EconomicEvent | None:
    r = await load_one(info, _EVENT, event_id)
    return EconomicEvent.from_record(r) if r else None


@strawberry.type
class EconomicEvent(Shareable):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    resource_classified_as: list[URI] | None
    resource_quantity: Measure | None
    effort_quantity: Measure | None
    has_beginning: datetime | None
    has_end: datetime | None
    has_point_in_time: datetime | None
    note: str | None
    agreed_in: URI | None

    @classmethod
    def from_record(cls, r: Record) -> EconomicEvent:
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
            note=r.get("note"),
            agreed_in=as_uri(r.get("agreedIn")),
        )

    @strawberry.field
    def footprint_share(self) -> Decimal | None:
        """On an output: its declared weight in its process's footprint (docs/footprints.md)."""
        value = self.rec.get("footprintShare")
        return None if value is None else Decimal(value)

    @strawberry.field
    def action(self, info: Info) -> Action:
        return Action.of(info.context.action(str(self.rec.get("action"))))

    @strawberry.field
    async def resource_inventoried_as(self, info: Info) -> EconomicResource | None:
        return await load_resource(info, self.rec.ref("resourceInventoriedAs"))

    @strawberry.field
    async def to_resource_inventoried_as(self, info: Info) -> EconomicResource | None:
        return await load_resource(info, self.rec.ref("toResourceInventoriedAs"))

    @strawberry.field
    async def triggered_by(self, info: Info) -> EconomicEvent | None:
        return await load_event(info, self.rec.ref("triggeredBy"))

    @strawberry.field
    async def corrects(self, info: Info) -> EconomicEvent | None:
        """The event this one corrects (ValueFlows 1.0 ``vf:corrects``)."""
        return await load_event(info, self.rec.ref("corrects"))

    @strawberry.field
    def implied_transfer(self) -> bool | None:
        """True when recording the event also moved rights to the receiver (ValueFlows 1.0)."""
        value = self.rec.get("impliedTransfer")
        return None if value is None else bool(value)

    @strawberry.field
    def deletable(self) -> bool | None:
        # Events are history: they are corrected by new events, never deleted.
        return False

    triggers = event_list("EconomicEvent.triggers")

    @strawberry.field
    async def realization_of(self, info: Info) -> AgreementRef | None:
        from vfgraph.api.types.agreement import Agreement

        r = await load_one(info, Kind.AGREEMENT.value, self.rec.ref("realizationOf"))
        return Agreement.from_record(r) if r else None

    fulfills = list_field("EconomicEvent.fulfills", FulfillmentRef, planning_maker("Fulfillment"))
    satisfies = list_field("Flow.satisfies", SatisfactionRef, planning_maker("Satisfaction"))

    @strawberry.field
    async def previous(self, info: Info) -> list[ProductionFlowItem] | None:
        r = self.rec
        process = await _process_of(info, r.ref("outputOf"))
        if process:
            return [process]
        action = info.context.action(str(r.get("action")))
        if takes_from_resource(action):
            resource = await load_resource(info, r.ref("resourceInventoriedAs"))
            return [resource] if resource else []
        return []

    @strawberry.field
    async def next(self, info: Info) -> list[ProductionFlowItem] | None:
        r = self.rec
        process = await _process_of(info, r.ref("inputOf"))
        if process:
            return [process]
        to_resource = await load_resource(info, r.ref("toResourceInventoriedAs"))
        if to_resource:
            return [to_resource]
        action = info.context.action(str(r.get("action")))
        if gives_to_resource(action):
            resource = await load_resource(info, r.ref("resourceInventoriedAs"))
            return [resource] if resource else []
        return []

    @strawberry.field
    async def track(self, info: Info) -> list[TrackTraceItem] | None:
        from vfgraph.api.types.tracing import walk_items

        return await walk_items(info, self.rec.id, Direction.DOWNSTREAM)

    @strawberry.field
    async def trace(self, info: Info) -> list[TrackTraceItem] | None:
        from vfgraph.api.types.tracing import walk_items

        return await walk_items(info, self.rec.id, Direction.UPSTREAM)

    @strawberry.field
    async def provider(self, info: Info) -> AgentRef:
        return await _agent_of(info, self.rec.ref("provider"))

    @strawberry.field
    async def receiver(self, info: Info) -> AgentRef:
        return await _agent_of(info, self.rec.ref("receiver"))

    @strawberry.field
    async def in_scope_of(self, info: Info) -> list[AccountingScope] | None:
        return await scopes_of(info, self.rec.ref_list("inScopeOf"))

    @strawberry.field
    async def input_of(self, info: Info) -> ProcessRef | None:
        return await _process_of(info, self.rec.ref("inputOf"))

    @strawberry.field
    async def output_of(self, info: Info) -> ProcessRef | None:
        return await _process_of(info, self.rec.ref("outputOf"))

    @strawberry.field
    async def resource_conforms_to(self, info: Info) -> ResourceSpecificationRef | None:
        return await _resource_spec_of(info, self.rec.ref("resourceConformsTo"))


@strawberry.type
class EconomicResource(Shareable):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    name: str | None
    classified_as: list[URI] | None
    tracking_identifier: str | None
    image: URI | None
    image_list: list[URI] | None
    accounting_quantity: Measure | None
    onhand_quantity: Measure | None
    note: str | None
    current_location: URI | None

    @classmethod
    def from_record(cls, r: Record) -> EconomicResource:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            name=r.get("name"),
            classified_as=as_uris(r.get("classifiedAs")),
            tracking_identifier=r.get("trackingIdentifier"),
            image=as_uri(r.get("image")),
            image_list=as_uris(r.get("imageList")),
            accounting_quantity=Measure.of(r, "accountingQuantity"),
            onhand_quantity=Measure.of(r, "onhandQuantity"),
            note=r.get("note"),
            current_location=as_uri(r.get("currentLocation")),
        )

    @strawberry.field
    async def unit_of_effort(self, info: Info) -> Unit | None:
        return await load_unit(info, self.rec.ref("unitOfEffort"))

    @strawberry.field
    def state(self, info: Info) -> Action | None:
        # vf-graphql types the state as an Action (pass, fail); other states have no Action to show.
        state = self.rec.get("state")
        action = info.context.ledger.actions.get(str(state)) if state is not None else None
        return Action.of(action) if action else None

    @strawberry.field
    async def contained_in(self, info: Info) -> EconomicResource | None:
        return await load_resource(info, self.rec.ref("containedIn"))

    @strawberry.field
    async def contains(self, info: Info) -> list[EconomicResource] | None:
        records = await load_related_list(info, "EconomicResource.contains", self.rec.id)
        return [EconomicResource.from_record(r) for r in records]

    economic_events_in_out_from = event_connection("EconomicResource.economicEventsInOutFrom")
    economic_events_to = event_connection("EconomicResource.economicEventsTo")
    commitments = connection_field(
        "EconomicResource.commitments", CommitmentRef, planning_maker("Commitment")
    )
    intents = connection_field("EconomicResource.intents", IntentRef, planning_maker("Intent"))

    @strawberry.field
    async def previous(self, info: Info) -> list[EconomicEvent] | None:
        events = await load_related_list(info, "EconomicResource.flows", self.rec.id)
        return [EconomicEvent.from_record(e) for e in events if self._comes_from(info, e)]

    @strawberry.field
    async def next(self, info: Info) -> list[EconomicEvent] | None:
        events = await load_related_list(info, "EconomicResource.flows", self.rec.id)
        return [EconomicEvent.from_record(e) for e in events if self._goes_to(info, e)]

    def _comes_from(self, info: Info, event: Record) -> bool:
        """True for an event that incremented this resource."""
        if event.ref("toResourceInventoriedAs") == self.rec.id:
            return True
        action = info.context.action(str(event.get("action")))
        return event.ref("resourceInventoriedAs") == self.rec.id and gives_to_resource(action)

    def _goes_to(self, info: Info, event: Record) -> bool:
        """True for an event that took from this resource."""
        action = info.context.action(str(event.get("action")))
        return event.ref("resourceInventoriedAs") == self.rec.id and takes_from_resource(action)

    @strawberry.field
    async def track(self, info: Info) -> list[TrackTraceItem] | None:
        from vfgraph.api.types.tracing import walk_items

        return await walk_items(info, self.rec.id, Direction.DOWNSTREAM)

    @strawberry.field
    async def trace(self, info: Info) -> list[TrackTraceItem] | None:
        from vfgraph.api.types.tracing import walk_items

        return await walk_items(info, self.rec.id, Direction.UPSTREAM)

    @strawberry.field
    async def primary_accountable(self, info: Info) -> AgentRef | None:
        agent_id = self.rec.ref("primaryAccountable")
        return None if agent_id is None else await _agent_of(info, agent_id)

    @strawberry.field
    async def stage(self, info: Info) -> ProcessSpecificationRef | None:
        from vfgraph.api.types.specification import ProcessSpecification

        r = await load_one(info, Kind.PROCESS_SPECIFICATION.value, self.rec.ref("stage"))
        return ProcessSpecification.from_record(r) if r else None

    @strawberry.field
    async def conforms_to(self, info: Info) -> ResourceSpecificationRef:
        spec = await _resource_spec_of(info, self.rec.ref("conformsTo"))
        if spec is None:
            raise NotFound(f"resource {self.rec.id} conforms to no known ResourceSpecification")
        return spec
