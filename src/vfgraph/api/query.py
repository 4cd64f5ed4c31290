"""The root fields that are not a kind's one-by-id or page (those are derived: api/model.py): actions,
``myAgent``, traceGraph, footprint, search."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from vfgraph.api.context import Info
from vfgraph.api.nodes import AgentRef, load_node
from vfgraph.api.types import search as search_api
from vfgraph.api.types import tracing
from vfgraph.api.types.action import Action
from vfgraph.api.types.search import SearchHit
from vfgraph.api.types.tracing import Footprint, TraceDirection, TraceGraph
from vfgraph.domain.model import AGENT


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
    async def my_agent(self, info: Info) -> AgentRef | None:
        """The agent whose key made the request (null for anonymous and operator keys)."""
        caller = info.context.caller
        if caller is None or caller.agent is None:
            return None
        return await load_node(info, AGENT, caller.agent)

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
