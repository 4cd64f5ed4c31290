"""The object types derived from the kind table, as hand-written code reaches them.

:mod:`vfgraph.api.model` builds one strawberry type per kind (and the Agent interface) and registers each
here; hand-written resolvers (``api/types/*``) turn a stored record into its API object with :func:`node`,
and annotate what they return with the lazy references below, which strawberry resolves when the schema is
built (the derived types do not exist yet when those modules are imported).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, TypeAlias, Union

import strawberry

from vfgraph.api.context import Info, load_many, load_one
from vfgraph.domain.kinds import Kind
from vfgraph.domain.model import AGENT
from vfgraph.store.reads import Record

MODEL = "vfgraph.api.model"

TYPES: dict[str, type] = {}
"""The derived types by GraphQL name (filled by :mod:`vfgraph.api.model`)."""
KIND_TYPES: dict[Kind, type] = {}
"""The derived type of each kind."""

EXTERNAL_AGENT = "ExternalAgent"


def node(r: Record) -> Any:
    """The API object for a stored record of any kind."""
    return KIND_TYPES[r.kind](rec=r)


def known_by_iri(kind: Kind, iri: str) -> Any:
    """A record of ``kind`` known here only by its IRI (a place another ledger names): its id is the IRI,
    it has nothing else (docs/graph-model.md, External references)."""
    return KIND_TYPES[kind](rec=Record(kind=kind, props={"id": iri, "rev": 0}))


def external_agent(agent_id: str) -> Any:
    """An agent known here only by its IRI: a reference kept from imported linked data that no record in
    this graph describes (docs/linked-data.md). Its name is its IRI; it has no events of its own here."""
    # The kind of a Record only matters for stored records; connections of an Agent read by id.
    return TYPES[EXTERNAL_AGENT](
        rec=Record(kind=Kind.ORGANIZATION, props={"id": agent_id, "rev": 0, "name": agent_id})
    )


async def load_node(info: Info, label: Kind | str, record_id: str | None) -> Any:
    """The API object for the record of ``label`` with ``record_id`` (None when there is none to see)."""
    r = await load_one(info, label.value if isinstance(label, Kind) else label, record_id)
    return None if r is None else node(r)


async def load_agent(info: Info, agent_id: str | None) -> Any:
    """The agent a record names; an IRI no agent record describes reads as an external agent."""
    if agent_id is None:
        return None
    r = await load_one(info, AGENT, agent_id)
    return node(r) if r is not None else external_agent(agent_id)


async def load_nodes(info: Info, label: Kind | str, ids: list[str]) -> list[Any]:
    return [node(r) for r in await load_many(info, label.value if isinstance(label, Kind) else label, ids)]


def ref(type_name: str) -> Any:
    """The annotation of a field whose value is the derived type ``type_name``."""
    return Annotated[type_name, strawberry.lazy(MODEL)]


if TYPE_CHECKING:
    # For the type checker the derived types are Any; strawberry reads the lazy references below.
    Agent: TypeAlias = Any
    Person: TypeAlias = Any
    Organization: TypeAlias = Any
    EcologicalAgent: TypeAlias = Any
    EconomicEvent: TypeAlias = Any
    EconomicResource: TypeAlias = Any
    Process: TypeAlias = Any
    ResourceSpecification: TypeAlias = Any
    ProcessSpecification: TypeAlias = Any
    Intent: TypeAlias = Any
    Commitment: TypeAlias = Any
    Proposal: TypeAlias = Any
    Claim: TypeAlias = Any
    Threshold: TypeAlias = Any
    Allocation: TypeAlias = Any
    ValueBucket: TypeAlias = Any
    ValueEquation: TypeAlias = Any
    ValueDistribution: TypeAlias = Any
    Unit: TypeAlias = Any

AgentRef = Annotated["Agent", strawberry.lazy(MODEL)]
PersonRef = Annotated["Person", strawberry.lazy(MODEL)]
OrganizationRef = Annotated["Organization", strawberry.lazy(MODEL)]
EcologicalAgentRef = Annotated["EcologicalAgent", strawberry.lazy(MODEL)]
EconomicEventRef = Annotated["EconomicEvent", strawberry.lazy(MODEL)]
EconomicResourceRef = Annotated["EconomicResource", strawberry.lazy(MODEL)]
ProcessRef = Annotated["Process", strawberry.lazy(MODEL)]
ResourceSpecificationRef = Annotated["ResourceSpecification", strawberry.lazy(MODEL)]
ProcessSpecificationRef = Annotated["ProcessSpecification", strawberry.lazy(MODEL)]
IntentRef = Annotated["Intent", strawberry.lazy(MODEL)]
CommitmentRef = Annotated["Commitment", strawberry.lazy(MODEL)]
ProposalRef = Annotated["Proposal", strawberry.lazy(MODEL)]
ClaimRef = Annotated["Claim", strawberry.lazy(MODEL)]
ThresholdRef = Annotated["Threshold", strawberry.lazy(MODEL)]
AllocationRef = Annotated["Allocation", strawberry.lazy(MODEL)]
ValueBucketRef = Annotated["ValueBucket", strawberry.lazy(MODEL)]
ValueEquationRef = Annotated["ValueEquation", strawberry.lazy(MODEL)]
ValueDistributionRef = Annotated["ValueDistribution", strawberry.lazy(MODEL)]
UnitRef = Annotated["Unit", strawberry.lazy(MODEL)]

# The unions of the API (vfgraph.domain.table.UNIONS names the members of the first two).
# Agents a record is in the scope of. vf-graphql has Person and Organization; ValueFlows 1.0 adds
# EcologicalAgent, which vfgraph lets be a scope as well.
AccountingScope = Annotated[
    PersonRef | OrganizationRef | EcologicalAgentRef, strawberry.union("AccountingScope")
]
EventOrCommitment = Annotated[EconomicEventRef | CommitmentRef, strawberry.union("EventOrCommitment")]
TrackTraceItem = Annotated[
    Union[EconomicResourceRef, EconomicEventRef, ProcessRef],  # noqa: UP007 - lazy references
    strawberry.union("TrackTraceItem"),
]
ProductionFlowItem = Annotated[
    Union[EconomicResourceRef, ProcessRef],  # noqa: UP007 - lazy references
    strawberry.union("ProductionFlowItem"),
]
UNION_ANNOTATIONS: dict[str, Any] = {
    "AccountingScope": AccountingScope,
    "EventOrCommitment": EventOrCommitment,
}
