"""vf-graphql ``agent``: people, organizations, ecological agents, and their relationships.

``EcologicalAgent`` is a ValueFlows 1.0 agent kind that vf-graphql 0.9 does not have; it implements the same
``Agent`` interface as Person and Organization.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from vfgraph.api.context import Info, connection_field, load_one, load_related_list
from vfgraph.api.scalars import URI, as_uri, as_uris
from vfgraph.api.types.claim import claim_connection
from vfgraph.api.types.history import Recorded
from vfgraph.api.types.observation import (
    AccountingScope,
    event_connection,
    resource_connection,
    scopes_of,
)
from vfgraph.api.types.plan import plan_connection
from vfgraph.api.types.planning import commitment_connection, intent_connection, no_intents
from vfgraph.api.types.process import process_connection
from vfgraph.api.types.proposal import proposal_connection
from vfgraph.domain.kinds import Kind
from vfgraph.errors import NotFound
from vfgraph.store.cypher.read import AGENT
from vfgraph.store.reads import Record

RelationshipRef = Annotated["AgentRelationship", strawberry.lazy("vfgraph.api.types.agent")]


def _relationship_connection(relation: str) -> Any:
    return connection_field(relation, RelationshipRef, lambda: AgentRelationship.from_record)


@strawberry.interface
class Agent(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    name: str
    image: URI | None
    note: str | None

    relationships = _relationship_connection("Agent.relationships")
    relationships_as_subject = _relationship_connection("Agent.relationshipsAsSubject")
    relationships_as_object = _relationship_connection("Agent.relationshipsAsObject")

    @strawberry.field
    async def roles(self, info: Info) -> list[AgentRelationshipRole] | None:
        records = await load_related_list(info, "Agent.roles", self.rec.id)
        return [AgentRelationshipRole.from_record(r) for r in records]

    economic_events = event_connection("Agent.economicEvents")
    economic_events_as_provider = event_connection("Agent.economicEventsAsProvider")
    economic_events_as_receiver = event_connection("Agent.economicEventsAsReceiver")
    economic_events_in_scope = event_connection("Agent.economicEventsInScope")
    inventoried_economic_resources = resource_connection("Agent.inventoriedEconomicResources")
    processes = process_connection("Agent.processes")
    commitments = commitment_connection("Agent.commitments")
    commitments_as_provider = commitment_connection("Agent.commitmentsAsProvider")
    commitments_as_receiver = commitment_connection("Agent.commitmentsAsReceiver")
    commitments_in_scope = commitment_connection("Agent.commitmentsInScope")
    intents = intent_connection("Agent.intents")
    intents_as_provider = intent_connection("Agent.intentsAsProvider")
    intents_as_receiver = intent_connection("Agent.intentsAsReceiver")
    intents_in_scope = intent_connection("Agent.intentsInScope")
    plans = plan_connection("Agent.plans")
    proposals = proposal_connection("Agent.proposals")
    proposals_in_scope = proposal_connection("Agent.proposalsInScope")
    proposals_to = proposal_connection("Agent.proposalsTo")
    # vf-graphql's agent.claim bridge types these four as IntentConnection, a slip in the reference (they
    # are meant to list claims). vfgraph keeps the reference's type, so clients built on it validate, and
    # answers them empty; the agent's claims are the claimRecords* fields (docs/contributions.md).
    claims = no_intents()
    claims_as_provider = no_intents()
    claims_as_receiver = no_intents()
    claims_in_scope = no_intents()
    claim_records = claim_connection("Agent.claims")
    claim_records_as_provider = claim_connection("Agent.claimsAsProvider")
    claim_records_as_receiver = claim_connection("Agent.claimsAsReceiver")
    claim_records_in_scope = claim_connection("Agent.claimsInScope")


@strawberry.type
class Person(Agent):
    """A natural person."""


@strawberry.type
class Organization(Agent):
    classified_as: list[URI] | None


@strawberry.type
class EcologicalAgent(Agent):
    """An agent that is part of nature, such as a river or a forest (ValueFlows 1.0)."""

    classified_as: list[URI] | None


@strawberry.type
class ExternalAgent(Agent):
    """An agent known here only by its IRI: a reference kept from imported linked data that no record in
    this graph describes (docs/linked-data.md). Its name is its IRI; it has no events of its own here."""


def external_agent(agent_id: str) -> ExternalAgent:
    # The kind of a Record only matters for stored records; connections of an Agent read by id.
    rec = Record(kind=Kind.ORGANIZATION, props={"id": agent_id, "rev": 0})
    return ExternalAgent(
        rec=rec,
        id=strawberry.ID(agent_id),
        revision_id=strawberry.ID(rec.revision_id),
        name=agent_id,
        image=None,
        note=None,
    )


def agent_from_record(r: Record) -> Person | Organization | EcologicalAgent:
    """The API type for a stored agent of any kind."""
    common: dict[str, Any] = {
        "rec": r,
        "id": strawberry.ID(r.id),
        "revision_id": strawberry.ID(r.revision_id),
        "name": str(r.get("name") or ""),
        "image": as_uri(r.get("image")),
        "note": r.get("note"),
    }
    if r.kind is Kind.PERSON:
        return Person(**common)
    if r.kind is Kind.ORGANIZATION:
        return Organization(classified_as=as_uris(r.get("classifiedAs")), **common)
    if r.kind is Kind.ECOLOGICAL_AGENT:
        return EcologicalAgent(classified_as=as_uris(r.get("classifiedAs")), **common)
    raise ValueError(f"not an agent: {r.kind}")


async def load_agent(info: Info, agent_id: str | None, label: str = AGENT) -> Agent | None:
    r = await load_one(info, label, agent_id)
    return agent_from_record(r) if r else None


@strawberry.type
class AgentRelationship(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    note: str | None

    @classmethod
    def from_record(cls, r: Record) -> AgentRelationship:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            note=r.get("note"),
        )

    async def _agent(self, info: Info, field: str) -> Agent:
        agent = await load_agent(info, self.rec.ref(field))
        if agent is None:
            raise NotFound(f"the {field} of relationship {self.rec.id} is not a known agent")
        return agent

    @strawberry.field
    async def subject(self, info: Info) -> Agent:
        return await self._agent(info, "subject")

    @strawberry.field
    async def object(self, info: Info) -> Agent:
        return await self._agent(info, "object")

    @strawberry.field
    async def relationship(self, info: Info) -> AgentRelationshipRole:
        role_id = self.rec.ref("relationship")
        r = await load_one(info, Kind.AGENT_RELATIONSHIP_ROLE.value, role_id)
        if r is None:
            raise NotFound(f"the role of relationship {self.rec.id} is not known")
        return AgentRelationshipRole.from_record(r)

    @strawberry.field
    async def in_scope_of(self, info: Info) -> list[AccountingScope] | None:
        return await scopes_of(info, self.rec.ref_list("inScopeOf"))


@strawberry.type
class AgentRelationshipRole(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    role_label: str
    inverse_role_label: str | None
    note: str | None

    @classmethod
    def from_record(cls, r: Record) -> AgentRelationshipRole:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            role_label=str(r.get("roleLabel") or ""),
            inverse_role_label=r.get("inverseRoleLabel"),
            note=r.get("note"),
        )

    agent_relationships = _relationship_connection("AgentRelationshipRole.agentRelationships")
