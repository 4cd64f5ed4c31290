"""vf-graphql ``claim``: claims made against past events, and the settlements that pay them off.

vfgraph extras on Claim: ``settledQuantity`` and ``remainingQuantity`` (kept by every settlement write,
docs/contributions.md).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from vfgraph.api.context import Info, connection_field, load_one
from vfgraph.api.scalars import URI, as_datetime, as_uri, as_uris
from vfgraph.api.types.action import Action
from vfgraph.api.types.history import Recorded
from vfgraph.api.types.measurement import Measure
from vfgraph.api.types.observation import AccountingScope, EconomicEvent, load_event, scopes_of
from vfgraph.domain.kinds import Kind
from vfgraph.errors import NotFound
from vfgraph.store.cypher.read import AGENT
from vfgraph.store.reads import Record

if TYPE_CHECKING:
    from vfgraph.api.types.agent import Agent
    from vfgraph.api.types.specification import ResourceSpecification

AgentRef = Annotated["Agent", strawberry.lazy("vfgraph.api.types.agent")]
ResourceSpecificationRef = Annotated[
    "ResourceSpecification", strawberry.lazy("vfgraph.api.types.specification")
]
ClaimRef = Annotated["Claim", strawberry.lazy("vfgraph.api.types.claim")]
SettlementRef = Annotated["Settlement", strawberry.lazy("vfgraph.api.types.claim")]


def claim_connection(relation: str) -> Any:
    """A page of the claims that point at the parent along ``relation``."""
    return connection_field(relation, ClaimRef, lambda: Claim.from_record)


def settlement_connection(relation: str) -> Any:
    return connection_field(relation, SettlementRef, lambda: Settlement.from_record)


def settlement_list(relation: str) -> Any:
    from vfgraph.api.context import list_field

    return list_field(relation, SettlementRef, lambda: Settlement.from_record)


async def _agent(info: Info, agent_id: str | None) -> Agent | None:
    from vfgraph.api.types.agent import agent_from_record

    r = await load_one(info, AGENT, agent_id)
    return agent_from_record(r) if r else None


async def _event(info: Info, event_id: str | None, what: str) -> EconomicEvent:
    event = await load_event(info, event_id)
    if event is None:
        raise NotFound(f"the {what} event {event_id} is not visible to this caller", id=event_id)
    return event


@strawberry.type
class Claim(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    resource_classified_as: list[URI] | None
    resource_quantity: Measure | None
    effort_quantity: Measure | None
    due: datetime | None
    created: datetime | None
    finished: bool | None
    note: str | None
    agreed_in: URI | None
    settled_quantity: Measure | None = strawberry.field(
        description="vfgraph: what the claim's settlements have paid so far (in the claim's unit)."
    )
    remaining_quantity: Measure | None = strawberry.field(
        description="vfgraph: what is still owed; the claim is finished when nothing remains."
    )

    @classmethod
    def from_record(cls, r: Record) -> Claim:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            resource_classified_as=as_uris(r.get("resourceClassifiedAs")),
            resource_quantity=Measure.of(r, "resourceQuantity"),
            effort_quantity=Measure.of(r, "effortQuantity"),
            due=as_datetime(r.get("due")),
            created=as_datetime(r.get("created")),
            finished=r.get("finished"),
            note=r.get("note"),
            agreed_in=as_uri(r.get("agreedIn")),
            settled_quantity=Measure.of(r, "settledQuantity"),
            remaining_quantity=Measure.of(r, "remainingQuantity"),
        )

    @strawberry.field
    def action(self, info: Info) -> Action:
        return Action.of(info.context.action(str(self.rec.get("action"))))

    @strawberry.field
    async def triggered_by(self, info: Info) -> EconomicEvent:
        return await _event(info, self.rec.ref("triggeredBy"), "triggering")

    @strawberry.field
    async def provider(self, info: Info) -> AgentRef | None:
        return await _agent(info, self.rec.ref("provider"))

    @strawberry.field
    async def receiver(self, info: Info) -> AgentRef | None:
        return await _agent(info, self.rec.ref("receiver"))

    @strawberry.field
    async def in_scope_of(self, info: Info) -> list[AccountingScope] | None:
        return await scopes_of(info, self.rec.ref_list("inScopeOf"))

    @strawberry.field
    async def resource_conforms_to(self, info: Info) -> ResourceSpecificationRef | None:
        from vfgraph.api.types.specification import ResourceSpecification

        r = await load_one(info, Kind.RESOURCE_SPECIFICATION.value, self.rec.ref("resourceConformsTo"))
        return ResourceSpecification.from_record(r) if r else None

    settled_by = settlement_connection("Claim.settledBy")


@strawberry.type
class Settlement(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    resource_quantity: Measure | None
    effort_quantity: Measure | None
    note: str | None

    @classmethod
    def from_record(cls, r: Record) -> Settlement:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            resource_quantity=Measure.of(r, "resourceQuantity"),
            effort_quantity=Measure.of(r, "effortQuantity"),
            note=r.get("note"),
        )

    @strawberry.field
    async def settles(self, info: Info) -> Claim:
        r = await load_one(info, Kind.CLAIM.value, self.rec.ref("settles"))
        if r is None:
            raise NotFound(f"the claim {self.rec.ref('settles')} cannot be read", id=self.rec.ref("settles"))
        return Claim.from_record(r)

    @strawberry.field
    async def settled_by(self, info: Info) -> EconomicEvent:
        return await _event(info, self.rec.ref("settledBy"), "settling")
