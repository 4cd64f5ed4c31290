"""vf-graphql ``proposal``: what a proposal answers beyond the kind table (api/model.py derives the rest).

A proposal publishes intents through ``ProposedIntent`` records: primary intents are what is offered or
asked for, reciprocal ones what is expected in return. An offer's primary intents name a provider and no
receiver; a request's a receiver and no provider (docs/planning.md).
"""

from __future__ import annotations

import strawberry

from vfgraph.api.context import Info
from vfgraph.api.nodes import AgentRef, load_agent
from vfgraph.api.types.history import Recorded


@strawberry.type
class ProposalFields(Recorded):
    @strawberry.field
    async def creator(self, info: Info) -> AgentRef | None:
        """The agent who published the proposal (vfgraph)."""
        return await load_agent(info, self.rec.get("createdBy"))
