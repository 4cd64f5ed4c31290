"""The event mutations: ``createEconomicEvent`` (which may bring a new resource about) and
``updateEconomicEvent`` (events are otherwise immutable). Every other create / update / delete is derived
from the kind table (api/model.py).

Every write goes through :class:`vfgraph.services.ledger.Ledger` (which validates and stores it in one
transaction and returns IRIs); the response objects are then loaded through the same read path as queries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import strawberry

from vfgraph.api import model
from vfgraph.api.context import Info
from vfgraph.api.inputs import to_params
from vfgraph.api.nodes import EconomicEventRef, EconomicResourceRef
from vfgraph.api.writes import read_back, write
from vfgraph.domain.kinds import Kind

if TYPE_CHECKING:
    EconomicEventCreateParams = Any
    EconomicEventUpdateParams = Any
    EconomicResourceCreateParams = Any
else:
    EconomicEventCreateParams = model.INPUTS["EconomicEventCreateParams"]
    EconomicEventUpdateParams = model.INPUTS["EconomicEventUpdateParams"]
    EconomicResourceCreateParams = model.INPUTS["EconomicResourceCreateParams"]


@strawberry.type
class EconomicEventResponse:
    economic_event: EconomicEventRef
    economic_resource: EconomicResourceRef | None


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def create_economic_event(
        self,
        info: Info,
        event: EconomicEventCreateParams,
        new_inventoried_resource: EconomicResourceCreateParams | None = None,
    ) -> EconomicEventResponse:
        new_resource = to_params(new_inventoried_resource) if new_inventoried_resource else None
        event_iri, resource_iri = await write(
            info, info.context.ledger.record_event, to_params(event), new_resource
        )
        economic_event = await read_back(info, Kind.ECONOMIC_EVENT, event_iri)
        economic_resource = None
        if resource_iri is not None:
            economic_resource = await read_back(info, Kind.ECONOMIC_RESOURCE, resource_iri)
        return EconomicEventResponse(economic_event=economic_event, economic_resource=economic_resource)

    @strawberry.mutation
    async def update_economic_event(
        self, info: Info, event: EconomicEventUpdateParams
    ) -> EconomicEventResponse:
        iri = await write(info, info.context.ledger.update_event, to_params(event))
        economic_event = await read_back(info, Kind.ECONOMIC_EVENT, iri)
        return EconomicEventResponse(economic_event=economic_event, economic_resource=None)
