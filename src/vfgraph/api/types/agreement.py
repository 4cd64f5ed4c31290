"""vf-graphql ``agreement``: what commitments are clauses of, and what events realise."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from vfgraph.api.context import connection_field
from vfgraph.api.scalars import as_datetime
from vfgraph.api.types.history import Recorded
from vfgraph.api.types.observation import event_list
from vfgraph.api.types.plan import agent_maker
from vfgraph.api.types.planning import commitment_list
from vfgraph.store.reads import Record

if TYPE_CHECKING:
    from vfgraph.api.types.agent import Agent

AgentRef = Annotated["Agent", strawberry.lazy("vfgraph.api.types.agent")]


@strawberry.type
class Agreement(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    name: str | None
    created: datetime | None
    note: str | None

    @classmethod
    def from_record(cls, r: Record) -> Agreement:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            name=r.get("name"),
            created=as_datetime(r.get("created") or r.get("createdAt")),
            note=r.get("note"),
        )

    involved_agents = connection_field("Agreement.involvedAgents", AgentRef, agent_maker)
    commitments = commitment_list("Agreement.commitments")
    economic_events = event_list("Agreement.economicEvents")
    unplanned_economic_events = event_list("Agreement.unplannedEconomicEvents")
