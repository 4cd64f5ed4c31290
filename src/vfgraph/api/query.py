"""The root ``Query``: one record by id, or a page of all records of a type."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, TypeVar

import strawberry

from vfgraph.api.context import Info, kind_connection, load_one
from vfgraph.api.pagination import Connection
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

    @strawberry.field
    async def agent(self, info: Info, id: strawberry.ID) -> Agent | None:
        return await _one(info, AGENT, id, _agent)

    @strawberry.field
    async def agents(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Agent]:
        return await kind_connection(info, AGENT, _agent, first, after, last, before)

    @strawberry.field
    async def organization(self, info: Info, id: strawberry.ID) -> Organization | None:
        return await _one(info, Kind.ORGANIZATION.value, id, _organization)

    @strawberry.field
    async def organizations(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Organization]:
        label = Kind.ORGANIZATION.value
        return await kind_connection(info, label, _organization, first, after, last, before)

    @strawberry.field
    async def person(self, info: Info, id: strawberry.ID) -> Person | None:
        return await _one(info, Kind.PERSON.value, id, _person)

    @strawberry.field
    async def people(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Person]:
        return await kind_connection(info, Kind.PERSON.value, _person, first, after, last, before)

    @strawberry.field
    async def ecological_agent(self, info: Info, id: strawberry.ID) -> EcologicalAgent | None:
        return await _one(info, Kind.ECOLOGICAL_AGENT.value, id, _ecological_agent)

    @strawberry.field
    async def ecological_agents(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[EcologicalAgent]:
        label = Kind.ECOLOGICAL_AGENT.value
        return await kind_connection(info, label, _ecological_agent, first, after, last, before)

    @strawberry.field
    async def agent_relationship(self, info: Info, id: strawberry.ID) -> AgentRelationship | None:
        label = Kind.AGENT_RELATIONSHIP.value
        return await _one(info, label, id, AgentRelationship.from_record)

    @strawberry.field
    async def agent_relationships(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[AgentRelationship]:
        label, make = Kind.AGENT_RELATIONSHIP.value, AgentRelationship.from_record
        return await kind_connection(info, label, make, first, after, last, before)

    @strawberry.field
    async def agent_relationship_role(self, info: Info, id: strawberry.ID) -> AgentRelationshipRole | None:
        label = Kind.AGENT_RELATIONSHIP_ROLE.value
        return await _one(info, label, id, AgentRelationshipRole.from_record)

    @strawberry.field
    async def agent_relationship_roles(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[AgentRelationshipRole]:
        label, make = Kind.AGENT_RELATIONSHIP_ROLE.value, AgentRelationshipRole.from_record
        return await kind_connection(info, label, make, first, after, last, before)

    @strawberry.field
    async def unit(self, info: Info, id: strawberry.ID) -> Unit | None:
        return await _one(info, Kind.UNIT.value, id, Unit.from_record)

    @strawberry.field
    async def units(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Unit]:
        label, make = Kind.UNIT.value, Unit.from_record
        return await kind_connection(info, label, make, first, after, last, before)

    @strawberry.field
    async def economic_event(self, info: Info, id: strawberry.ID) -> EconomicEvent | None:
        return await _one(info, Kind.ECONOMIC_EVENT.value, id, EconomicEvent.from_record)

    @strawberry.field
    async def economic_events(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[EconomicEvent]:
        label, make = Kind.ECONOMIC_EVENT.value, EconomicEvent.from_record
        return await kind_connection(info, label, make, first, after, last, before)

    @strawberry.field
    async def economic_resource(self, info: Info, id: strawberry.ID) -> EconomicResource | None:
        return await _one(info, Kind.ECONOMIC_RESOURCE.value, id, EconomicResource.from_record)

    @strawberry.field
    async def economic_resources(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[EconomicResource]:
        label, make = Kind.ECONOMIC_RESOURCE.value, EconomicResource.from_record
        return await kind_connection(info, label, make, first, after, last, before)

    @strawberry.field
    async def process(self, info: Info, id: strawberry.ID) -> Process | None:
        return await _one(info, Kind.PROCESS.value, id, Process.from_record)

    @strawberry.field
    async def processes(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Process]:
        label, make = Kind.PROCESS.value, Process.from_record
        return await kind_connection(info, label, make, first, after, last, before)

    @strawberry.field
    async def process_specification(self, info: Info, id: strawberry.ID) -> ProcessSpecification | None:
        label = Kind.PROCESS_SPECIFICATION.value
        return await _one(info, label, id, ProcessSpecification.from_record)

    @strawberry.field
    async def process_specifications(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[ProcessSpecification]:
        label, make = Kind.PROCESS_SPECIFICATION.value, ProcessSpecification.from_record
        return await kind_connection(info, label, make, first, after, last, before)

    @strawberry.field
    async def resource_specification(self, info: Info, id: strawberry.ID) -> ResourceSpecification | None:
        label = Kind.RESOURCE_SPECIFICATION.value
        return await _one(info, label, id, ResourceSpecification.from_record)

    @strawberry.field
    async def resource_specifications(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[ResourceSpecification]:
        label, make = Kind.RESOURCE_SPECIFICATION.value, ResourceSpecification.from_record
        return await kind_connection(info, label, make, first, after, last, before)

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
