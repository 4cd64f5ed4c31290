"""vf-graphql ``observation``: what economic events and resources answer beyond the kind table.

The previous and next flows of an event or a resource follow the action's behaviour (vf-graphql's one-step
rules, :mod:`vfgraph.domain.flows`); track and trace walk the flows (docs/footprints.md). Everything else
about events and resources is derived from :mod:`vfgraph.domain.table` (api/model.py).
"""

from __future__ import annotations

import strawberry

from vfgraph.api.context import Info, load_related_list
from vfgraph.api.nodes import EconomicEventRef, ProductionFlowItem, TrackTraceItem, load_node, node
from vfgraph.api.types.history import Recorded
from vfgraph.domain.flows import gives_to_resource, takes_from_resource
from vfgraph.domain.kinds import Kind
from vfgraph.domain.trace import Direction
from vfgraph.store.reads import Record

_RESOURCE, _PROCESS = Kind.ECONOMIC_RESOURCE, Kind.PROCESS


async def _walk(info: Info, start: str, direction: Direction) -> list[TrackTraceItem]:
    from vfgraph.api.types.tracing import walk_items

    return await walk_items(info, start, direction)


@strawberry.type
class EconomicEventFields(Recorded):
    @strawberry.field
    def deletable(self) -> bool | None:
        # Events are history: they are corrected by new events, never deleted.
        return False

    @strawberry.field
    async def previous(self, info: Info) -> list[ProductionFlowItem] | None:
        r = self.rec
        process = await load_node(info, _PROCESS, r.ref("outputOf"))
        if process:
            return [process]
        action = info.context.action(str(r.get("action")))
        if takes_from_resource(action):
            resource = await load_node(info, _RESOURCE, r.ref("resourceInventoriedAs"))
            return [resource] if resource else []
        return []

    @strawberry.field
    async def next(self, info: Info) -> list[ProductionFlowItem] | None:
        r = self.rec
        process = await load_node(info, _PROCESS, r.ref("inputOf"))
        if process:
            return [process]
        to_resource = await load_node(info, _RESOURCE, r.ref("toResourceInventoriedAs"))
        if to_resource:
            return [to_resource]
        action = info.context.action(str(r.get("action")))
        if gives_to_resource(action):
            resource = await load_node(info, _RESOURCE, r.ref("resourceInventoriedAs"))
            return [resource] if resource else []
        return []

    @strawberry.field
    async def track(self, info: Info) -> list[TrackTraceItem] | None:
        return await _walk(info, self.rec.id, Direction.DOWNSTREAM)

    @strawberry.field
    async def trace(self, info: Info) -> list[TrackTraceItem] | None:
        return await _walk(info, self.rec.id, Direction.UPSTREAM)


@strawberry.type
class EconomicResourceFields(Recorded):
    @strawberry.field
    async def previous(self, info: Info) -> list[EconomicEventRef] | None:
        events = await load_related_list(info, "EconomicResource.flows", self.rec.id)
        return [node(e) for e in events if self._comes_from(info, e)]

    @strawberry.field
    async def next(self, info: Info) -> list[EconomicEventRef] | None:
        events = await load_related_list(info, "EconomicResource.flows", self.rec.id)
        return [node(e) for e in events if self._goes_to(info, e)]

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
        return await _walk(info, self.rec.id, Direction.DOWNSTREAM)

    @strawberry.field
    async def trace(self, info: Info) -> list[TrackTraceItem] | None:
        return await _walk(info, self.rec.id, Direction.UPSTREAM)
