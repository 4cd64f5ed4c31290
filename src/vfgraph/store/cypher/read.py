"""Every read statement, named and parameterised.

Three shapes of read, each generated once at import from the fixed tables below (labels and relationship
types come from docs/graph-model.md through :class:`~vfgraph.domain.kinds.Kind`; nothing here is ever built
from user input):

- ``GET_BY_IDS[label]``: the records of one label whose ``id`` is in ``$ids``, each with its properties and,
  per outgoing relationship, the ids it points to (pattern comprehensions, so one row per record).
- ``PAGE_FORWARD[label]`` / ``PAGE_BACKWARD[label]``: one page of a label in id order (``$after``,
  ``$before``, ``$limit``), same columns as ``GET_BY_IDS``.
- ``REVERSE_FORWARD[relation]`` / ``REVERSE_BACKWARD[relation]``: for every parent id in ``$parents``, the
  ids of the records that point at it along ``relation`` (a page of them, in id order), in one statement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from vfgraph.domain.fields import FIELDS
from vfgraph.domain.kinds import AGENT_KINDS, Kind


def visible(var: str) -> str:
    """The privacy rule, in the anchoring match of every read: a record marked private is seen only by the
    agents involved in it (``$viewer``) and by operators (``$operator``); both parameters are added to every
    statement by :class:`vfgraph.store.driver.Store`."""
    return (
        f"({var}.private IS NULL OR {var}.private = false OR $operator "
        f"OR $viewer IN coalesce({var}.involved, []))"
    )


AGENT = "Agent"
"""The label all agent kinds share: reads of ``Agent`` return Persons, Organizations, EcologicalAgents."""

READ_LABELS: tuple[str, ...] = (*(k.value for k in Kind), AGENT)

# Relationships reads leave out: the per-resource breadcrumb, which only walks follow (cypher/trace.py).
NOT_READ = frozenset({"previousEvent"})

# Outgoing relationships per kind: (GraphQL field name, relationship type), from the fields table, as in
# docs/graph-model.md.
OUT: Mapping[Kind, tuple[tuple[str, str], ...]] = {
    k: tuple((f.name, f.rel) for f in FIELDS[k] if f.rel is not None and f.name not in NOT_READ) for k in Kind
}


def _out(label: str) -> tuple[tuple[str, str], ...]:
    if label == AGENT:
        return tuple(pair for k in sorted(AGENT_KINDS) for pair in OUT[k])
    return OUT[Kind(label)]


def _projection(label: str) -> str:
    refs = ", ".join(f"{field}: [(n)-[:{rel}]->(m) | m.id]" for field, rel in _out(label))
    return f"properties(n) AS props, labels(n) AS labels, {{{refs}}} AS refs"


def _get_by_ids(label: str) -> str:
    return f"MATCH (n:{label}) WHERE n.id IN $ids AND {visible('n')} RETURN {_projection(label)}"


# Both bounds are always present (open ends become '' and U+FFFF), so that the planner seeks the id index
# in order and stops after $limit rows, instead of sorting every record of the label.
_WINDOW = "n.id > coalesce($after, '') AND n.id < coalesce($before, '\\uffff')"


def _page(label: str, direction: str) -> str:
    return (
        f"MATCH (n:{label}) WHERE {_WINDOW} AND {visible('n')} "
        f"WITH n ORDER BY n.id {direction} LIMIT $limit "
        f"RETURN {_projection(label)}"
    )


GET_BY_IDS: Mapping[str, str] = {label: _get_by_ids(label) for label in READ_LABELS}
PAGE_FORWARD: Mapping[str, str] = {label: _page(label, "ASC") for label in READ_LABELS}
PAGE_BACKWARD: Mapping[str, str] = {label: _page(label, "DESC") for label in READ_LABELS}


@dataclass(frozen=True, slots=True)
class Reverse:
    """Records ``c`` (labelled ``child``) pointing at a parent ``p``; each branch MATCHes ``c`` and ``p``."""

    child: str
    branches: tuple[str, ...]


_EV = "EconomicEvent"
_RES = "EconomicResource"
_REL = "AgentRelationship"
_COM = "Commitment"
_INT = "Intent"
_PROP = "Proposal"
# An event no commitment counts it against (fulfillment): vf-graphql's "unplanned" flows.
_UNPLANNED = "WHERE NOT EXISTS { (:Fulfillment)-[:FULFILLED_BY]->(c) }"
_PRIMARY = "WHERE coalesce(pi.reciprocal, false) = false"
_RECIPROCAL = "WHERE pi.reciprocal = true"

# The planning layer's nested lists: each agent, resource, specification and process sees the intents and
# commitments naming it the way it sees events.
_PLANNING: dict[str, Reverse] = {}
for _flow, _label in (("commitments", _COM), ("intents", _INT)):
    _PLANNING |= {
        f"Agent.{_flow}": Reverse(_label, (f"MATCH (c:{_label})-[:PROVIDER|RECEIVER]->(p)",)),
        f"Agent.{_flow}AsProvider": Reverse(_label, (f"MATCH (c:{_label})-[:PROVIDER]->(p)",)),
        f"Agent.{_flow}AsReceiver": Reverse(_label, (f"MATCH (c:{_label})-[:RECEIVER]->(p)",)),
        f"Agent.{_flow}InScope": Reverse(_label, (f"MATCH (c:{_label})-[:IN_SCOPE_OF]->(p)",)),
        f"EconomicResource.{_flow}": Reverse(
            _label, (f"MATCH (c:{_label})-[:RESOURCE_INVENTORIED_AS]->(p)",)
        ),
        f"ResourceSpecification.{_flow}": Reverse(
            _label, (f"MATCH (c:{_label})-[:RESOURCE_CONFORMS_TO]->(p)",)
        ),
    }
_PLANNING |= {
    "Agent.plans": Reverse(
        "Plan",
        (
            "MATCH (c:Plan)-[:IN_SCOPE_OF]->(p)",
            "MATCH (c:Plan)<-[:PLANNED_WITHIN]-(:Commitment)-[:PROVIDER|RECEIVER]->(p)",
        ),
    ),
    "Agent.proposals": Reverse(
        _PROP,
        (
            "MATCH (c:Proposal) WHERE c.createdBy = p.id",
            "MATCH (c:Proposal)-[:IN_SCOPE_OF]->(p)",
        ),
    ),
    "Agent.proposalsInScope": Reverse(_PROP, ("MATCH (c:Proposal)-[:IN_SCOPE_OF]->(p)",)),
    "Agent.proposalsTo": Reverse(
        _PROP, ("MATCH (c:Proposal)<-[:PROPOSED]-(:ProposedTo)-[:PROPOSED_TO]->(p)",)
    ),
    "ProcessSpecification.commitmentsRequiringStage": Reverse(_COM, ("MATCH (c:Commitment)-[:STAGE]->(p)",)),
    "Process.committedInputs": Reverse(_COM, ("MATCH (c:Commitment)-[:INPUT_OF]->(p)",)),
    "Process.committedOutputs": Reverse(_COM, ("MATCH (c:Commitment)-[:OUTPUT_OF]->(p)",)),
    "Process.intendedInputs": Reverse(_INT, ("MATCH (c:Intent)-[:INPUT_OF]->(p)",)),
    "Process.intendedOutputs": Reverse(_INT, ("MATCH (c:Intent)-[:OUTPUT_OF]->(p)",)),
    "Process.unplannedInputs": Reverse(_EV, (f"MATCH (c:EconomicEvent)-[:INPUT_OF]->(p) {_UNPLANNED}",)),
    "Process.unplannedOutputs": Reverse(_EV, (f"MATCH (c:EconomicEvent)-[:OUTPUT_OF]->(p) {_UNPLANNED}",)),
    "EconomicEvent.fulfills": Reverse("Fulfillment", ("MATCH (c:Fulfillment)-[:FULFILLED_BY]->(p)",)),
    # Satisfactions by an event or by a commitment: the same relationship from either.
    "Flow.satisfies": Reverse("Satisfaction", ("MATCH (c:Satisfaction)-[:SATISFIED_BY]->(p)",)),
    "Commitment.fulfilledBy": Reverse("Fulfillment", ("MATCH (c:Fulfillment)-[:FULFILLS]->(p)",)),
    "Intent.satisfiedBy": Reverse("Satisfaction", ("MATCH (c:Satisfaction)-[:SATISFIES]->(p)",)),
    "Intent.publishedIn": Reverse("ProposedIntent", ("MATCH (c:ProposedIntent)-[:PUBLISHES]->(p)",)),
    "Proposal.publishes": Reverse("ProposedIntent", ("MATCH (c:ProposedIntent)-[:PUBLISHED_IN]->(p)",)),
    "Proposal.publishedTo": Reverse("ProposedTo", ("MATCH (c:ProposedTo)-[:PROPOSED]->(p)",)),
    "Proposal.primaryIntents": Reverse(
        _INT, (f"MATCH (c:Intent)<-[:PUBLISHES]-(pi:ProposedIntent)-[:PUBLISHED_IN]->(p) {_PRIMARY}",)
    ),
    "Proposal.reciprocalIntents": Reverse(
        _INT, (f"MATCH (c:Intent)<-[:PUBLISHES]-(pi:ProposedIntent)-[:PUBLISHED_IN]->(p) {_RECIPROCAL}",)
    ),
    "Plan.independentDemands": Reverse(_COM, ("MATCH (c:Commitment)-[:INDEPENDENT_DEMAND_OF]->(p)",)),
    "Plan.nonProcessCommitments": Reverse(
        _COM,
        ("MATCH (c:Commitment)-[:PLANNED_WITHIN]->(p) WHERE NOT EXISTS { (c)-[:INPUT_OF|OUTPUT_OF]->() }",),
    ),
    "Plan.processes": Reverse("Process", ("MATCH (c:Process)-[:PLANNED_WITHIN]->(p)",)),
    "Plan.involvedAgents": Reverse(
        AGENT,
        (
            "MATCH (p)<-[:PLANNED_WITHIN]-(:Commitment)-[:PROVIDER|RECEIVER]->(c:Agent)",
            "MATCH (p)<-[:PLANNED_WITHIN]-(:Process)<-[:INPUT_OF|OUTPUT_OF]-(:Commitment)"
            "-[:PROVIDER|RECEIVER]->(c:Agent)",
        ),
    ),
    "Agreement.commitments": Reverse(_COM, ("MATCH (c:Commitment)-[:CLAUSE_OF]->(p)",)),
    "Agreement.economicEvents": Reverse(_EV, ("MATCH (c:EconomicEvent)-[:REALIZATION_OF]->(p)",)),
    "Agreement.unplannedEconomicEvents": Reverse(
        _EV, (f"MATCH (c:EconomicEvent)-[:REALIZATION_OF]->(p) {_UNPLANNED}",)
    ),
    "Agreement.involvedAgents": Reverse(
        AGENT,
        (
            "MATCH (p)<-[:CLAUSE_OF]-(:Commitment)-[:PROVIDER|RECEIVER]->(c:Agent)",
            "MATCH (p)<-[:REALIZATION_OF]-(:EconomicEvent)-[:PROVIDER|RECEIVER]->(c:Agent)",
        ),
    ),
}

# One entry per nested list or connection in the API, named "<Type>.<field>".
REVERSE: Mapping[str, Reverse] = {
    "Agent.relationships": Reverse(_REL, ("MATCH (c:AgentRelationship)-[:SUBJECT|OBJECT]->(p)",)),
    "Agent.relationshipsAsSubject": Reverse(_REL, ("MATCH (c:AgentRelationship)-[:SUBJECT]->(p)",)),
    "Agent.relationshipsAsObject": Reverse(_REL, ("MATCH (c:AgentRelationship)-[:OBJECT]->(p)",)),
    "Agent.roles": Reverse(
        "AgentRelationshipRole",
        ("MATCH (c:AgentRelationshipRole)<-[:RELATIONSHIP]-(:AgentRelationship)-[:SUBJECT]->(p)",),
    ),
    "Agent.economicEvents": Reverse(_EV, ("MATCH (c:EconomicEvent)-[:PROVIDER|RECEIVER]->(p)",)),
    "Agent.economicEventsAsProvider": Reverse(_EV, ("MATCH (c:EconomicEvent)-[:PROVIDER]->(p)",)),
    "Agent.economicEventsAsReceiver": Reverse(_EV, ("MATCH (c:EconomicEvent)-[:RECEIVER]->(p)",)),
    "Agent.economicEventsInScope": Reverse(_EV, ("MATCH (c:EconomicEvent)-[:IN_SCOPE_OF]->(p)",)),
    "Agent.inventoriedEconomicResources": Reverse(
        _RES, ("MATCH (c:EconomicResource)-[:PRIMARY_ACCOUNTABLE]->(p)",)
    ),
    "Agent.processes": Reverse(
        "Process",
        (
            "MATCH (c:Process)-[:IN_SCOPE_OF]->(p)",
            "MATCH (c:Process)<-[:INPUT_OF|OUTPUT_OF]-(:EconomicEvent)-[:PROVIDER|RECEIVER]->(p)",
        ),
    ),
    "AgentRelationshipRole.agentRelationships": Reverse(
        _REL, ("MATCH (c:AgentRelationship)-[:RELATIONSHIP]->(p)",)
    ),
    "ResourceSpecification.conformingResources": Reverse(
        _RES, ("MATCH (c:EconomicResource)-[:CONFORMS_TO]->(p)",)
    ),
    "ResourceSpecification.economicEvents": Reverse(
        _EV, ("MATCH (c:EconomicEvent)-[:RESOURCE_CONFORMS_TO]->(p)",)
    ),
    "ProcessSpecification.resourcesCurrentlyAtStage": Reverse(
        _RES, ("MATCH (c:EconomicResource)-[:STAGE]->(p)",)
    ),
    "ProcessSpecification.conformingProcesses": Reverse("Process", ("MATCH (c:Process)-[:BASED_ON]->(p)",)),
    "ProcessSpecification.conformingRecipeProcesses": Reverse(
        "RecipeProcess", ("MATCH (c:RecipeProcess)-[:PROCESS_CONFORMS_TO]->(p)",)
    ),
    "ProcessSpecification.recipeFlowsRequiringStage": Reverse(
        "RecipeFlow", ("MATCH (c:RecipeFlow)-[:STAGE]->(p)",)
    ),
    "Process.inputs": Reverse(_EV, ("MATCH (c:EconomicEvent)-[:INPUT_OF]->(p)",)),
    "Process.outputs": Reverse(_EV, ("MATCH (c:EconomicEvent)-[:OUTPUT_OF]->(p)",)),
    # A process is next to another when it takes as input a resource the other put out.
    "Process.nextProcesses": Reverse(
        "Process",
        (
            "MATCH (p)<-[:OUTPUT_OF]-(:EconomicEvent)-[:RESOURCE_INVENTORIED_AS]->(:EconomicResource)"
            "<-[:RESOURCE_INVENTORIED_AS]-(:EconomicEvent)-[:INPUT_OF]->(c:Process) WHERE c <> p",
        ),
    ),
    "Process.previousProcesses": Reverse(
        "Process",
        (
            "MATCH (p)<-[:INPUT_OF]-(:EconomicEvent)-[:RESOURCE_INVENTORIED_AS]->(:EconomicResource)"
            "<-[:RESOURCE_INVENTORIED_AS]-(:EconomicEvent)-[:OUTPUT_OF]->(c:Process) WHERE c <> p",
        ),
    ),
    "Process.involvedAgents": Reverse(
        AGENT, ("MATCH (p)<-[:INPUT_OF|OUTPUT_OF]-(:EconomicEvent)-[:PROVIDER|RECEIVER]->(c:Agent)",)
    ),
    "Process.workingAgents": Reverse(
        AGENT,
        ("MATCH (p)<-[:INPUT_OF]-(:EconomicEvent {action: 'work'})-[:PROVIDER]->(c:Agent)",),
    ),
    "EconomicEvent.triggers": Reverse(_EV, ("MATCH (c:EconomicEvent)-[:TRIGGERED_BY]->(p)",)),
    "EconomicResource.contains": Reverse(_RES, ("MATCH (c:EconomicResource)-[:CONTAINED_IN]->(p)",)),
    "EconomicResource.economicEventsInOutFrom": Reverse(
        _EV, ("MATCH (c:EconomicEvent)-[:RESOURCE_INVENTORIED_AS]->(p)",)
    ),
    "EconomicResource.economicEventsTo": Reverse(
        _EV, ("MATCH (c:EconomicEvent)-[:TO_RESOURCE_INVENTORIED_AS]->(p)",)
    ),
    # Every event naming the resource on either side; previous/next pick among them by action.
    "EconomicResource.flows": Reverse(
        _EV,
        ("MATCH (c:EconomicEvent)-[:RESOURCE_INVENTORIED_AS|TO_RESOURCE_INVENTORIED_AS]->(p)",),
    ),
    **_PLANNING,
    # Ecological limits (docs/limits.md).
    "Threshold.allocations": Reverse("Allocation", ("MATCH (c:Allocation)-[:ALLOCATES]->(p)",)),
    "Allocation.allocations": Reverse("Allocation", ("MATCH (c:Allocation)-[:PART_OF_ALLOCATION]->(p)",)),
    "Agent.allocations": Reverse("Allocation", ("MATCH (c:Allocation)-[:ALLOCATED_TO]->(p)",)),
    # vf-graphql claim (docs/contributions.md).
    "Claim.settledBy": Reverse("Settlement", ("MATCH (c:Settlement)-[:SETTLES]->(p)",)),
    "EconomicEvent.settles": Reverse("Settlement", ("MATCH (c:Settlement)-[:SETTLED_BY]->(p)",)),
    "ResourceSpecification.claims": Reverse("Claim", ("MATCH (c:Claim)-[:RESOURCE_CONFORMS_TO]->(p)",)),
    "Agent.claims": Reverse("Claim", ("MATCH (c:Claim)-[:PROVIDER|RECEIVER]->(p)",)),
    "Agent.claimsAsProvider": Reverse("Claim", ("MATCH (c:Claim)-[:PROVIDER]->(p)",)),
    "Agent.claimsAsReceiver": Reverse("Claim", ("MATCH (c:Claim)-[:RECEIVER]->(p)",)),
    "Agent.claimsInScope": Reverse("Claim", ("MATCH (c:Claim)-[:IN_SCOPE_OF]->(p)",)),
    "ValueEquation.buckets": Reverse("ValueBucket", ("MATCH (c:ValueBucket)-[:BUCKET_OF]->(p)",)),
}


def _reverse(r: Reverse, direction: str) -> str:
    branches = " UNION ".join(f"{b} RETURN DISTINCT c" for b in r.branches)
    return (
        "UNWIND $parents AS pid "
        "MATCH (p:Record {id: pid}) "
        "CALL (p) { "
        f"CALL (p) {{ {branches} }} "
        f"WITH c WHERE ($after IS NULL OR c.id > $after) AND ($before IS NULL OR c.id < $before) "
        f"AND {visible('c')} "
        f"RETURN c.id AS child ORDER BY child {direction} LIMIT $limit "
        "} "
        "RETURN pid AS parent, collect(child) AS children"
    )


REVERSE_FORWARD: Mapping[str, str] = {name: _reverse(r, "ASC") for name, r in REVERSE.items()}
REVERSE_BACKWARD: Mapping[str, str] = {name: _reverse(r, "DESC") for name, r in REVERSE.items()}

PING = "RETURN 1 AS ok"
