"""The root ``Mutation``: inputs become plain parameters, the ledger writes, the result is read back.

Every write goes through :class:`vfgraph.services.ledger.Ledger` (which validates and stores it in one
transaction and returns IRIs); the response objects are then loaded through the same read path as queries.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import strawberry

from vfgraph.api import inputs as i
from vfgraph.api.context import Info, load_one
from vfgraph.api.inputs import to_params
from vfgraph.api.types.agent import (
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
from vfgraph.api.types.specification import ProcessSpecification, ResourceSpecification
from vfgraph.domain.kinds import Kind
from vfgraph.errors import NotFound
from vfgraph.store.reads import Record

T = TypeVar("T")
P = ParamSpec("P")


async def _write(info: Info, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run a (blocking) ledger write, then forget what this request had read before it."""
    result = await asyncio.to_thread(fn, *args, **kwargs)
    info.context.loaders.clear()
    return result


async def _read_back(info: Info, kind: Kind, iri: str, make: Callable[[Record], T]) -> T:
    r = await load_one(info, kind.value, iri)
    if r is None:
        raise NotFound(f"{kind.value} {iri} was written but cannot be read back")
    return make(r)


async def _create(info: Info, kind: Kind, params: object, make: Callable[[Record], T]) -> T:
    iri = await _write(info, info.context.ledger.create, kind, to_params(params))
    return await _read_back(info, kind, iri, make)


async def _update(info: Info, kind: Kind, params: object, make: Callable[[Record], T]) -> T:
    iri = await _write(info, info.context.ledger.update, kind, to_params(params))
    return await _read_back(info, kind, iri, make)


async def _delete(info: Info, kind: Kind, revision_id: str) -> bool:
    return await _write(info, info.context.ledger.delete, kind, revision_id=revision_id)


def _as(cls: type[T]) -> Callable[[Record], T]:
    def make(r: Record) -> T:
        agent: Any = agent_from_record(r)
        assert isinstance(agent, cls)
        return agent

    return make


@strawberry.type
class PersonResponse:
    agent: Person


@strawberry.type
class OrganizationResponse:
    agent: Organization


@strawberry.type
class EcologicalAgentResponse:
    ecological_agent: EcologicalAgent


@strawberry.type
class AgentRelationshipResponse:
    agent_relationship: AgentRelationship


@strawberry.type
class AgentRelationshipRoleResponse:
    agent_relationship_role: AgentRelationshipRole | None


@strawberry.type
class UnitResponse:
    unit: Unit


@strawberry.type
class EconomicEventResponse:
    economic_event: EconomicEvent
    economic_resource: EconomicResource | None


@strawberry.type
class EconomicResourceResponse:
    economic_resource: EconomicResource


@strawberry.type
class ProcessResponse:
    process: Process


@strawberry.type
class ProcessSpecificationResponse:
    process_specification: ProcessSpecification


@strawberry.type
class ResourceSpecificationResponse:
    resource_specification: ResourceSpecification


@strawberry.type
class Mutation:
    # agent

    @strawberry.mutation
    async def create_person(self, info: Info, person: i.AgentCreateParams) -> PersonResponse:
        return PersonResponse(agent=await _create(info, Kind.PERSON, person, _as(Person)))

    @strawberry.mutation
    async def update_person(self, info: Info, person: i.AgentUpdateParams) -> PersonResponse:
        return PersonResponse(agent=await _update(info, Kind.PERSON, person, _as(Person)))

    @strawberry.mutation
    async def delete_person(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.PERSON, revision_id)

    @strawberry.mutation
    async def create_organization(
        self, info: Info, organization: i.OrganizationCreateParams
    ) -> OrganizationResponse:
        agent = await _create(info, Kind.ORGANIZATION, organization, _as(Organization))
        return OrganizationResponse(agent=agent)

    @strawberry.mutation
    async def update_organization(
        self, info: Info, organization: i.OrganizationUpdateParams
    ) -> OrganizationResponse:
        agent = await _update(info, Kind.ORGANIZATION, organization, _as(Organization))
        return OrganizationResponse(agent=agent)

    @strawberry.mutation
    async def delete_organization(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.ORGANIZATION, revision_id)

    @strawberry.mutation
    async def create_ecological_agent(
        self, info: Info, ecological_agent: i.EcologicalAgentCreateParams
    ) -> EcologicalAgentResponse:
        kind, make = Kind.ECOLOGICAL_AGENT, _as(EcologicalAgent)
        return EcologicalAgentResponse(ecological_agent=await _create(info, kind, ecological_agent, make))

    @strawberry.mutation
    async def update_ecological_agent(
        self, info: Info, ecological_agent: i.EcologicalAgentUpdateParams
    ) -> EcologicalAgentResponse:
        kind, make = Kind.ECOLOGICAL_AGENT, _as(EcologicalAgent)
        return EcologicalAgentResponse(ecological_agent=await _update(info, kind, ecological_agent, make))

    @strawberry.mutation
    async def delete_ecological_agent(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.ECOLOGICAL_AGENT, revision_id)

    @strawberry.mutation
    async def create_agent_relationship(
        self, info: Info, relationship: i.AgentRelationshipCreateParams
    ) -> AgentRelationshipResponse:
        kind, make = Kind.AGENT_RELATIONSHIP, AgentRelationship.from_record
        return AgentRelationshipResponse(agent_relationship=await _create(info, kind, relationship, make))

    @strawberry.mutation
    async def update_agent_relationship(
        self, info: Info, relationship: i.AgentRelationshipUpdateParams
    ) -> AgentRelationshipResponse:
        kind, make = Kind.AGENT_RELATIONSHIP, AgentRelationship.from_record
        return AgentRelationshipResponse(agent_relationship=await _update(info, kind, relationship, make))

    @strawberry.mutation
    async def delete_agent_relationship(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.AGENT_RELATIONSHIP, revision_id)

    @strawberry.mutation
    async def create_agent_relationship_role(
        self, info: Info, agent_relationship_role: i.AgentRelationshipRoleCreateParams
    ) -> AgentRelationshipRoleResponse:
        kind, make = Kind.AGENT_RELATIONSHIP_ROLE, AgentRelationshipRole.from_record
        return AgentRelationshipRoleResponse(
            agent_relationship_role=await _create(info, kind, agent_relationship_role, make)
        )

    @strawberry.mutation
    async def update_agent_relationship_role(
        self, info: Info, agent_relationship_role: i.AgentRelationshipRoleUpdateParams
    ) -> AgentRelationshipRoleResponse:
        kind, make = Kind.AGENT_RELATIONSHIP_ROLE, AgentRelationshipRole.from_record
        return AgentRelationshipRoleResponse(
            agent_relationship_role=await _update(info, kind, agent_relationship_role, make)
        )

    @strawberry.mutation
    async def delete_agent_relationship_role(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.AGENT_RELATIONSHIP_ROLE, revision_id)

    # measurement

    @strawberry.mutation
    async def create_unit(self, info: Info, unit: i.UnitCreateParams) -> UnitResponse:
        return UnitResponse(unit=await _create(info, Kind.UNIT, unit, Unit.from_record))

    @strawberry.mutation
    async def update_unit(self, info: Info, unit: i.UnitUpdateParams) -> UnitResponse:
        return UnitResponse(unit=await _update(info, Kind.UNIT, unit, Unit.from_record))

    @strawberry.mutation
    async def delete_unit(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.UNIT, revision_id)

    # observation

    @strawberry.mutation
    async def create_economic_event(
        self,
        info: Info,
        event: i.EconomicEventCreateParams,
        new_inventoried_resource: i.EconomicResourceCreateParams | None = None,
    ) -> EconomicEventResponse:
        new_resource = to_params(new_inventoried_resource) if new_inventoried_resource else None
        event_iri, resource_iri = await _write(
            info, info.context.ledger.record_event, to_params(event), new_resource
        )
        economic_event = await _read_back(info, Kind.ECONOMIC_EVENT, event_iri, EconomicEvent.from_record)
        economic_resource = None
        if resource_iri is not None:
            kind = Kind.ECONOMIC_RESOURCE
            economic_resource = await _read_back(info, kind, resource_iri, EconomicResource.from_record)
        return EconomicEventResponse(economic_event=economic_event, economic_resource=economic_resource)

    @strawberry.mutation
    async def update_economic_event(
        self, info: Info, event: i.EconomicEventUpdateParams
    ) -> EconomicEventResponse:
        iri = await _write(info, info.context.ledger.update_event, to_params(event))
        economic_event = await _read_back(info, Kind.ECONOMIC_EVENT, iri, EconomicEvent.from_record)
        return EconomicEventResponse(economic_event=economic_event, economic_resource=None)

    @strawberry.mutation
    async def update_economic_resource(
        self, info: Info, resource: i.EconomicResourceUpdateParams
    ) -> EconomicResourceResponse:
        iri = await _write(info, info.context.ledger.update_resource, to_params(resource))
        economic_resource = await _read_back(info, Kind.ECONOMIC_RESOURCE, iri, EconomicResource.from_record)
        return EconomicResourceResponse(economic_resource=economic_resource)

    # process

    @strawberry.mutation
    async def create_process(self, info: Info, process: i.ProcessCreateParams) -> ProcessResponse:
        return ProcessResponse(process=await _create(info, Kind.PROCESS, process, Process.from_record))

    @strawberry.mutation
    async def update_process(self, info: Info, process: i.ProcessUpdateParams) -> ProcessResponse:
        return ProcessResponse(process=await _update(info, Kind.PROCESS, process, Process.from_record))

    @strawberry.mutation
    async def delete_process(self, info: Info, id: strawberry.ID) -> bool:
        return await _write(info, info.context.ledger.delete, Kind.PROCESS, iri=id)

    # specifications

    @strawberry.mutation
    async def create_process_specification(
        self, info: Info, process_specification: i.ProcessSpecificationCreateParams
    ) -> ProcessSpecificationResponse:
        kind, make = Kind.PROCESS_SPECIFICATION, ProcessSpecification.from_record
        return ProcessSpecificationResponse(
            process_specification=await _create(info, kind, process_specification, make)
        )

    @strawberry.mutation
    async def update_process_specification(
        self, info: Info, process_specification: i.ProcessSpecificationUpdateParams
    ) -> ProcessSpecificationResponse:
        kind, make = Kind.PROCESS_SPECIFICATION, ProcessSpecification.from_record
        return ProcessSpecificationResponse(
            process_specification=await _update(info, kind, process_specification, make)
        )

    @strawberry.mutation
    async def delete_process_specification(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.PROCESS_SPECIFICATION, revision_id)

    @strawberry.mutation
    async def create_resource_specification(
        self, info: Info, resource_specification: i.ResourceSpecificationCreateParams
    ) -> ResourceSpecificationResponse:
        kind, make = Kind.RESOURCE_SPECIFICATION, ResourceSpecification.from_record
        return ResourceSpecificationResponse(
            resource_specification=await _create(info, kind, resource_specification, make)
        )

    @strawberry.mutation
    async def update_resource_specification(
        self, info: Info, resource_specification: i.ResourceSpecificationUpdateParams
    ) -> ResourceSpecificationResponse:
        kind, make = Kind.RESOURCE_SPECIFICATION, ResourceSpecification.from_record
        return ResourceSpecificationResponse(
            resource_specification=await _update(info, kind, resource_specification, make)
        )

    @strawberry.mutation
    async def delete_resource_specification(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.RESOURCE_SPECIFICATION, revision_id)
