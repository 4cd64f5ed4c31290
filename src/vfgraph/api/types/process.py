"""vf-graphql ``process``: processes and their observed inputs and outputs."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from vfgraph.api.context import (
    Info,
    Node,
    connection_field,
    load_one,
    load_related,
    load_related_list,
)
from vfgraph.api.scalars import URI, as_datetime, as_uris
from vfgraph.api.types.history import Shareable
from vfgraph.api.types.observation import AccountingScope, event_list, scopes_of
from vfgraph.api.types.planning import PlanRef, commitment_list, intent_list, load_plan
from vfgraph.domain.kinds import Kind
from vfgraph.store.reads import Record, Window

if TYPE_CHECKING:
    from vfgraph.api.types.agent import Agent
    from vfgraph.api.types.specification import ProcessSpecification

AgentRef = Annotated["Agent", strawberry.lazy("vfgraph.api.types.agent")]
ProcessSpecificationRef = Annotated[
    "ProcessSpecification", strawberry.lazy("vfgraph.api.types.specification")
]


ProcessRef = Annotated["Process", strawberry.lazy("vfgraph.api.types.process")]


def process_connection(relation: str) -> Any:
    """A page of the processes related to the parent along ``relation``."""
    return connection_field(relation, ProcessRef, lambda: Process.from_record)


def _agent_connection(relation: str) -> Any:
    from vfgraph.api.types import agent

    return connection_field(relation, AgentRef, lambda: agent.agent_from_record)


def _process_list(relation: str) -> Any:
    async def resolve(root: Node, info: Info) -> list[Process] | None:
        records = await load_related_list(info, relation, root.rec.id)
        return [Process.from_record(r) for r in records]

    return strawberry.field(resolver=resolve)


@strawberry.type
class Process(Shareable):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    name: str
    has_beginning: datetime | None
    has_end: datetime | None
    finished: bool | None
    classified_as: list[URI] | None
    note: str | None

    @classmethod
    def from_record(cls, r: Record) -> Process:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            name=str(r.get("name") or ""),
            has_beginning=as_datetime(r.get("hasBeginning")),
            has_end=as_datetime(r.get("hasEnd")),
            finished=r.get("finished"),
            classified_as=as_uris(r.get("classifiedAs")),
            note=r.get("note"),
        )

    next_processes = _process_list("Process.nextProcesses")
    previous_processes = _process_list("Process.previousProcesses")

    @strawberry.field
    async def deletable(self, info: Info) -> bool | None:
        # A process can go while no event, commitment or intent refers to it.
        one = Window(limit=1)
        for relation in (
            "Process.inputs",
            "Process.outputs",
            "Process.committedInputs",
            "Process.committedOutputs",
            "Process.intendedInputs",
            "Process.intendedOutputs",
        ):
            if (await load_related(info, relation, self.rec.id, one)).items:
                return False
        return True

    involved_agents = _agent_connection("Process.involvedAgents")
    working_agents = _agent_connection("Process.workingAgents")

    @strawberry.field
    async def in_scope_of(self, info: Info) -> list[AccountingScope] | None:
        return await scopes_of(info, self.rec.ref_list("inScopeOf"))

    observed_inputs = event_list("Process.inputs")
    observed_outputs = event_list("Process.outputs")
    # Unplanned: observed flows that fulfil no commitment.
    unplanned_inputs = event_list("Process.unplannedInputs")
    unplanned_outputs = event_list("Process.unplannedOutputs")
    committed_inputs = commitment_list("Process.committedInputs")
    committed_outputs = commitment_list("Process.committedOutputs")
    intended_inputs = intent_list("Process.intendedInputs")
    intended_outputs = intent_list("Process.intendedOutputs")

    @strawberry.field
    async def planned_within(self, info: Info) -> PlanRef | None:
        return await load_plan(info, self.rec.ref("plannedWithin"))

    previous = event_list("Process.inputs")
    next = event_list("Process.outputs")

    @strawberry.field
    async def based_on(self, info: Info) -> ProcessSpecificationRef | None:
        from vfgraph.api.types.specification import ProcessSpecification

        r = await load_one(info, Kind.PROCESS_SPECIFICATION.value, self.rec.ref("basedOn"))
        return ProcessSpecification.from_record(r) if r else None
