"""Pending events in the API (beyond vf-graphql; docs/security.md, "Pending events").

``createPendingEconomicEvent`` asks for an event that changes a resource another agent keeps;
``confirmEconomicEvent`` (by that agent, or an operator) records it, ``rejectEconomicEvent`` refuses or
withdraws it; ``pendingEconomicEvent(id)`` and ``pendingEconomicEvents`` show them to the agents involved.
A pending event shows the event it would be (``event``: an ``EconomicEvent`` that ``economicEvent(id)``
does not return until it is confirmed, and with no effect on any resource). The use cases are in
:mod:`vfgraph.services.pending`.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry

from vfgraph.api.context import Info, page_window
from vfgraph.api.inputs import to_params
from vfgraph.api.mutation import (
    EconomicEventCreateParams,
    EconomicEventResponse,
    EconomicResourceCreateParams,
)
from vfgraph.api.nodes import AgentRef, EconomicEventRef, load_agent, node
from vfgraph.api.pagination import Connection, to_connection
from vfgraph.api.scalars import as_datetime
from vfgraph.api.writes import read_back, write
from vfgraph.domain.kinds import Kind
from vfgraph.errors import NotFound
from vfgraph.services import pending
from vfgraph.store import pending as store
from vfgraph.store.reads import Record


@strawberry.enum(description="Where a pending economic event stands.")
class PendingEventStatus(Enum):
    PENDING = pending.PENDING
    REJECTED = pending.REJECTED


def _event(root: PendingEconomicEvent) -> Any:
    return node(root.rec)


async def _requested_by(root: PendingEconomicEvent, info: Info) -> Any:
    return await load_agent(info, root.rec.get("createdBy"))


async def _rejected_by(root: PendingEconomicEvent, info: Info) -> Any:
    if root.status is not PendingEventStatus.REJECTED:
        return None
    return await load_agent(info, root.rec.get("updatedBy"))


@strawberry.type(
    description="An economic event one party asked for that changes a resource another agent keeps: it "
    "has changed nothing, and is recorded when an agent keeping the resource confirms it."
)
class PendingEconomicEvent:
    rec: strawberry.Private[Record]
    id: strawberry.ID
    status: PendingEventStatus
    requested_at: datetime | None
    rejection_note: str | None
    new_inventoried_resource_id: strawberry.ID | None = strawberry.field(
        description="The IRI the resource it creates (newInventoriedResource) will have once confirmed."
    )
    event: EconomicEventRef = strawberry.field(
        resolver=_event, description="The event as it would be recorded (not an event of the ledger yet)."
    )
    requested_by: AgentRef | None = strawberry.field(resolver=_requested_by, description="Who asked for it.")
    rejected_by: AgentRef | None = strawberry.field(
        resolver=_rejected_by, description="Who rejected it (null while it is pending)."
    )

    @classmethod
    def from_record(cls, r: Record) -> PendingEconomicEvent:
        new = r.get("newResource")
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            status=PendingEventStatus(r.get("status")),
            requested_at=as_datetime(r.get("createdAt")),
            rejection_note=r.get("rejectionNote"),
            new_inventoried_resource_id=None if new is None else strawberry.ID(new),
        )


@strawberry.type
class PendingEconomicEventResponse:
    pending_economic_event: PendingEconomicEvent


async def _pending(info: Info, iri: str) -> PendingEconomicEvent | None:
    found = await asyncio.to_thread(store.by_ids, info.context.ledger.store, [iri])
    r = found.get(iri)
    return PendingEconomicEvent.from_record(r) if r else None


async def _read_pending(info: Info, iri: str) -> PendingEconomicEvent:
    made = await _pending(info, iri)
    if made is None:
        raise NotFound(f"pending economic event {iri} was written but cannot be read back")
    return made


async def _pending_economic_event(info: Info, id: strawberry.ID) -> PendingEconomicEvent | None:
    return await _pending(info, str(id))


async def _pending_economic_events(
    info: Info,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    status: PendingEventStatus | None = PendingEventStatus.PENDING,
) -> Connection[PendingEconomicEvent]:
    window = page_window(info, first, after, last, before)
    wanted = None if status is None else status.value
    page = await asyncio.to_thread(store.page, info.context.ledger.store, window, wanted)
    return to_connection(page, window, PendingEconomicEvent.from_record)


@strawberry.type
class PendingQuery:
    pending_economic_event: PendingEconomicEvent | None = strawberry.field(
        resolver=_pending_economic_event,
        description="A pending (or rejected) economic event the caller is involved in.",
    )
    pending_economic_events: Connection[PendingEconomicEvent] = strawberry.field(
        resolver=_pending_economic_events,
        description="The pending economic events the caller is involved in (asked for, or awaiting its "
        "confirmation); status REJECTED lists the rejected ones, null both.",
    )


async def _create_pending_economic_event(
    info: Info,
    event: EconomicEventCreateParams,
    new_inventoried_resource: EconomicResourceCreateParams | None = None,
) -> PendingEconomicEventResponse:
    new_resource = to_params(new_inventoried_resource) if new_inventoried_resource else None
    iri, _ = await write(info, pending.request, info.context.ledger, to_params(event), new_resource)
    return PendingEconomicEventResponse(pending_economic_event=await _read_pending(info, iri))


async def _confirm_economic_event(info: Info, id: strawberry.ID) -> EconomicEventResponse:
    event_iri, resource_iri = await write(info, pending.confirm, info.context.ledger, str(id))
    economic_event = await read_back(info, Kind.ECONOMIC_EVENT, event_iri)
    economic_resource = None
    if resource_iri is not None:
        economic_resource = await read_back(info, Kind.ECONOMIC_RESOURCE, resource_iri)
    return EconomicEventResponse(economic_event=economic_event, economic_resource=economic_resource)


async def _reject_economic_event(
    info: Info, id: strawberry.ID, note: str | None = None
) -> PendingEconomicEventResponse:
    iri = await write(info, pending.reject, info.context.ledger, str(id), note)
    return PendingEconomicEventResponse(pending_economic_event=await _read_pending(info, iri))


@strawberry.type
class PendingMutation:
    create_pending_economic_event: PendingEconomicEventResponse = strawberry.mutation(
        resolver=_create_pending_economic_event,
        description="Ask for an economic event that changes a resource another agent keeps (is accountable "
        "for or holds): it is checked and kept, changes nothing, and is recorded when that agent confirms "
        "it.",
    )
    confirm_economic_event: EconomicEventResponse = strawberry.mutation(
        resolver=_confirm_economic_event,
        description="Record a pending economic event (by an agent keeping the resources it changes, or an "
        "operator): its effects apply now, with every check of an event.",
    )
    reject_economic_event: PendingEconomicEventResponse = strawberry.mutation(
        resolver=_reject_economic_event,
        description="Refuse (or, by whoever asked for it, withdraw) a pending economic event; it is kept as "
        "rejected and never applied.",
    )
