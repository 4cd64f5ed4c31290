"""The root ``Query``: one record by id, or a page of all records of a type."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, TypeVar

import strawberry

from vfgraph.api.context import Info, load_one, page_field, record_field
from vfgraph.api.types import search as search_api
from vfgraph.api.types import tracing
from vfgraph.api.types.action import Action
from vfgraph.api.types.agent import (
    Agent,
    AgentRelationship,
    AgentRelationshipRole,
    EcologicalAgent,
    Organization,
    Person,
    agent_from_record,
)
from vfgraph.api.types.measurement import Unit
from vfgraph.api.types.observation import EconomicEvent, EconomicResource
from vfgraph.api.types.process import Process
from vfgraph.api.types.search import SearchHit
from vfgraph.api.types.specification import ProcessSpecification, ResourceSpecification
from vfgraph.api.types.tracing import Footprint, TraceDirection, TraceGraph
from vfgraph.domain.kinds import Kind
from vfgraph.store.cypher.read import AGENT
from vfgraph.store.reads import Record

T = TypeVar("T")


async def _one(info: Info, label: str, record_id: str, make: Callable[[Record], T]) -> T | None:
    r = await load_one(info, label, record_id)
    return make(r) if r else None


def _person(r: Record) -> Person:
    agent = agent_from_record(r)
    assert isinstance(agent, Person)
    return agent


def _organization(r: Record) -> Organization:
    agent = agent_from_record(r)
    assert isinstance(agent, Organization)
    return agent


def _ecological_agent(r: Record) -> EcologicalAgent:
    agent = agent_from_record(r)
    assert isinstance(agent, EcologicalAgent)
    return agent


def _agent(r: Record) -> Agent:
    return agent_from_record(r)


@strawberry.type
class Query:
    @strawberry.field
    def action(self, info: Info, id: strawberry.ID) -> Action | None:
        action = info.context.ledger.actions.get(id)
        return Action.of(action) if action else None

    @strawberry.field
    def actions(self, info: Info) -> list[Action] | None:
        return [Action.of(a) for _, a in sorted(info.context.ledger.actions.items())]

    @strawberry.field
    async def my_agent(self, info: Info) -> Agent | None:
        """The agent whose key made the request (null for anonymous and operator keys)."""
        caller = info.context.caller
        if caller is None or caller.agent is None:
            return None
        return await _one(info, AGENT, caller.agent, agent_from_record)

    agent = record_field(AGENT, Agent, _agent)
    agents = page_field(AGENT, Agent, _agent)

    organization = record_field(Kind.ORGANIZATION.value, Organization, _organization)
    organizations = page_field(Kind.ORGANIZATION.value, Organization, _organization)

    person = record_field(Kind.PERSON.value, Person, _person)
    people = page_field(Kind.PERSON.value, Person, _person)

    ecological_agent = record_field(Kind.ECOLOGICAL_AGENT.value, EcologicalAgent, _ecological_agent)
    ecological_agents = page_field(Kind.ECOLOGICAL_AGENT.value, EcologicalAgent, _ecological_agent)

    agent_relationship = record_field(
        Kind.AGENT_RELATIONSHIP.value, AgentRelationship, AgentRelationship.from_record
    )
    agent_relationships = page_field(
        Kind.AGENT_RELATIONSHIP.value, AgentRelationship, AgentRelationship.from_record
    )

    agent_relationship_role = record_field(
        Kind.AGENT_RELATIONSHIP_ROLE.value, AgentRelationshipRole, AgentRelationshipRole.from_record
    )
    agent_relationship_roles = page_field(
        Kind.AGENT_RELATIONSHIP_ROLE.value, AgentRelationshipRole, AgentRelationshipRole.from_record
    )

    unit = record_field(Kind.UNIT.value, Unit, Unit.from_record)
    units = page_field(Kind.UNIT.value, Unit, Unit.from_record)

    economic_event = record_field(Kind.ECONOMIC_EVENT.value, EconomicEvent, EconomicEvent.from_record)
    economic_events = page_field(Kind.ECONOMIC_EVENT.value, EconomicEvent, EconomicEvent.from_record)

    economic_resource = record_field(
        Kind.ECONOMIC_RESOURCE.value, EconomicResource, EconomicResource.from_record
    )
    economic_resources = page_field(
        Kind.ECONOMIC_RESOURCE.value, EconomicResource, EconomicResource.from_record
    )

    process = record_field(Kind.PROCESS.value, Process, Process.from_record)
    processes = page_field(Kind.PROCESS.value, Process, Process.from_record)

    process_specification = record_field(
        Kind.PROCESS_SPECIFICATION.value, ProcessSpecification, ProcessSpecification.from_record
    )
    process_specifications = page_field(
        Kind.PROCESS_SPECIFICATION.value, ProcessSpecification, ProcessSpecification.from_record
    )

    resource_specification = record_field(
        Kind.RESOURCE_SPECIFICATION.value, ResourceSpecification, ResourceSpecification.from_record
    )
    resource_specifications = page_field(
        Kind.RESOURCE_SPECIFICATION.value, ResourceSpecification, ResourceSpecification.from_record
    )

    @strawberry.field
    async def trace_graph(
        self,
        info: Info,
        start: strawberry.ID,
        direction: TraceDirection = TraceDirection.UPSTREAM,
        max_depth: int | None = None,
        actions: list[strawberry.ID] | None = None,
        agents: list[strawberry.ID] | None = None,
        from_: Annotated[datetime | None, strawberry.argument(name="from")] = None,
        to: datetime | None = None,
    ) -> TraceGraph:
        """The graph a trace (UPSTREAM) or track (DOWNSTREAM) from a record reaches."""
        return await tracing.trace_graph(info, str(start), direction, max_depth, actions, agents, from_, to)

    @strawberry.field
    async def footprint(
        self, info: Info, resource: strawberry.ID, indicators: list[strawberry.ID]
    ) -> Footprint:
        """A resource's footprint for indicators (ResourceSpecifications), per unit and in total."""
        return await tracing.footprint(info, str(resource), indicators)

    @strawberry.field
    async def search(self, info: Info, text: str, first: int | None = None) -> list[SearchHit]:
        """Agents, resources, processes and events by name, IRI, tracking identifier, note or action
        (an extension beyond vf-graphql, for the explorer)."""
        return await search_api.search(info, text, first)
