"""vf-graphql ``plan``: processes and commitments gathered towards one goal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from vfgraph.api.context import Info, connection_field, list_field, load_related
from vfgraph.api.scalars import as_datetime
from vfgraph.api.types.history import Recorded
from vfgraph.api.types.observation import AccountingScope, scopes_of
from vfgraph.api.types.planning import commitment_list
from vfgraph.store.reads import Record, Window

if TYPE_CHECKING:
    from vfgraph.api.types.agent import Agent
    from vfgraph.api.types.process import Process

AgentRef = Annotated["Agent", strawberry.lazy("vfgraph.api.types.agent")]
ProcessRef = Annotated["Process", strawberry.lazy("vfgraph.api.types.process")]


def agent_maker() -> Callable[[Record], Any]:
    from vfgraph.api.types.agent import agent_from_record

    return agent_from_record


def _process_maker() -> Callable[[Record], Any]:
    from vfgraph.api.types.process import Process

    return Process.from_record


PlanRef = Annotated["Plan", strawberry.lazy("vfgraph.api.types.plan")]


def plan_connection(relation: str) -> Any:
    """A page of the plans related to the parent along ``relation``."""
    return connection_field(relation, PlanRef, lambda: Plan.from_record)


@strawberry.type
class Plan(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    name: str
    created: datetime | None
    due: datetime | None
    note: str | None

    @classmethod
    def from_record(cls, r: Record) -> Plan:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            name=str(r.get("name") or ""),
            created=as_datetime(r.get("created") or r.get("createdAt")),
            due=as_datetime(r.get("due")),
            note=r.get("note"),
        )

    @strawberry.field
    async def deletable(self, info: Info) -> bool | None:
        # A plan can go while no process or commitment is planned within it.
        one = Window(limit=1)
        for relation in ("Plan.processes", "Plan.nonProcessCommitments", "Plan.independentDemands"):
            if (await load_related(info, relation, self.rec.id, one)).items:
                return False
        return True

    @strawberry.field
    async def in_scope_of(self, info: Info) -> list[AccountingScope] | None:
        return await scopes_of(info, self.rec.ref_list("inScopeOf"))

    involved_agents = connection_field("Plan.involvedAgents", AgentRef, agent_maker)
    independent_demands = commitment_list("Plan.independentDemands")
    non_process_commitments = commitment_list("Plan.nonProcessCommitments")
    processes = list_field("Plan.processes", ProcessRef, _process_maker)
