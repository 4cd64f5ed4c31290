"""vf-graphql ``proposal``: offers and requests published as intents, and whom they are addressed to.

A proposal publishes intents through ``ProposedIntent`` records: primary intents are what is offered or
asked for, reciprocal ones what is expected in return. An offer's primary intents name a provider and no
receiver; a request's a receiver and no provider (docs/planning.md).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from vfgraph.api.context import Info, connection_field, list_field, load_one
from vfgraph.api.scalars import as_datetime
from vfgraph.api.types.history import Recorded
from vfgraph.api.types.observation import AccountingScope, scopes_of
from vfgraph.api.types.planning import IntentRef, agent_or_none, intent_list, load_intent
from vfgraph.domain.kinds import Kind
from vfgraph.errors import NotFound
from vfgraph.store.reads import Record

if TYPE_CHECKING:
    from vfgraph.api.types.agent import Agent

AgentRef = Annotated["Agent", strawberry.lazy("vfgraph.api.types.agent")]
_HERE = "vfgraph.api.types.proposal"
ProposalRef = Annotated["Proposal", strawberry.lazy(_HERE)]
ProposedIntentRef = Annotated["ProposedIntent", strawberry.lazy(_HERE)]
ProposedToRef = Annotated["ProposedTo", strawberry.lazy(_HERE)]


def proposal_connection(relation: str) -> Any:
    """A page of the proposals related to the parent along ``relation``."""
    return connection_field(relation, ProposalRef, lambda: Proposal.from_record)


async def load_proposal(info: Info, proposal_id: str | None) -> Proposal:
    r = await load_one(info, Kind.PROPOSAL.value, proposal_id)
    if r is None:
        raise NotFound(f"proposal {proposal_id} cannot be read")
    return Proposal.from_record(r)


@strawberry.type
class Proposal(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    name: str | None
    has_beginning: datetime | None
    has_end: datetime | None
    unit_based: bool | None
    created: datetime | None
    note: str | None

    @classmethod
    def from_record(cls, r: Record) -> Proposal:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            name=r.get("name"),
            has_beginning=as_datetime(r.get("hasBeginning")),
            has_end=as_datetime(r.get("hasEnd")),
            unit_based=r.get("unitBased"),
            created=as_datetime(r.get("created") or r.get("createdAt")),
            note=r.get("note"),
        )

    publishes = list_field("Proposal.publishes", ProposedIntentRef, lambda: ProposedIntent.from_record)
    published_to = list_field("Proposal.publishedTo", ProposedToRef, lambda: ProposedTo.from_record)

    @strawberry.field
    async def in_scope_of(self, info: Info) -> list[AccountingScope] | None:
        return await scopes_of(info, self.rec.ref_list("inScopeOf"))

    primary_intents = intent_list("Proposal.primaryIntents")
    reciprocal_intents = intent_list("Proposal.reciprocalIntents")

    @strawberry.field
    async def creator(self, info: Info) -> AgentRef | None:
        """The agent who published the proposal (vfgraph)."""
        return await agent_or_none(info, self.rec.get("createdBy"))


@strawberry.type
class ProposedIntent(Recorded):
    """An intent published in a proposal: primary, or ``reciprocal`` (what is expected in return)."""

    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    reciprocal: bool | None

    @classmethod
    def from_record(cls, r: Record) -> ProposedIntent:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            reciprocal=r.get("reciprocal"),
        )

    @strawberry.field
    async def published_in(self, info: Info) -> Proposal:
        return await load_proposal(info, self.rec.ref("publishedIn"))

    @strawberry.field
    async def publishes(self, info: Info) -> IntentRef:
        intent = await load_intent(info, self.rec.ref("publishes"))
        if intent is None:
            raise NotFound(f"the intent of {self.rec.id} cannot be read")
        return intent


@strawberry.type
class ProposedTo(Recorded):
    """A proposal addressed to one agent."""

    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID

    @classmethod
    def from_record(cls, r: Record) -> ProposedTo:
        return cls(rec=r, id=strawberry.ID(r.id), revision_id=strawberry.ID(r.revision_id))

    @strawberry.field
    async def proposed_to(self, info: Info) -> AgentRef:
        agent = await agent_or_none(info, self.rec.ref("proposedTo"))
        if agent is None:
            raise NotFound(f"{self.rec.id} names no agent")
        return agent

    @strawberry.field
    async def proposed(self, info: Info) -> Proposal:
        return await load_proposal(info, self.rec.ref("proposed"))
