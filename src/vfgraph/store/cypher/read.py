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
from functools import cache

from vfgraph.domain.fields import FIELDS, field_map
from vfgraph.domain.kinds import AGENT_KINDS, Kind
from vfgraph.domain.model import Related
from vfgraph.domain.table import related_lists


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


# A filter's criteria, as the statements take them: the filter's name and, per criterion given, its name
# and (for a yes/no rule of its own) its value; see store/cypher/filters.py.
Criteria = tuple[str, tuple[tuple[str, bool], ...]]


def _filtered(criteria: Criteria | None, label: str, var: str) -> str:
    if criteria is None:
        return ""
    from vfgraph.store.cypher import filters

    return " AND " + filters.where(criteria[0], label, criteria[1], var)


def _page(label: str, direction: str, criteria: Criteria | None = None) -> str:
    return (
        f"MATCH (n:{label}) WHERE {_WINDOW} AND {visible('n')}{_filtered(criteria, label, 'n')} "
        f"WITH n ORDER BY n.id {direction} LIMIT $limit "
        f"RETURN {_projection(label)}"
    )


@cache
def filtered_page(label: str, backward: bool, criteria: Criteria) -> str:
    """A page of ``label`` in id order that the filter's given criteria select (params of a window, plus
    ``$f_<criterion>``)."""
    return _page(label, "DESC" if backward else "ASC", criteria)


GET_BY_IDS: Mapping[str, str] = {label: _get_by_ids(label) for label in READ_LABELS}
PAGE_FORWARD: Mapping[str, str] = {label: _page(label, "ASC") for label in READ_LABELS}
PAGE_BACKWARD: Mapping[str, str] = {label: _page(label, "DESC") for label in READ_LABELS}


@dataclass(frozen=True, slots=True)
class Reverse:
    """Records ``c`` (labelled ``child``) pointing at a parent ``p``; each branch MATCHes ``c`` and ``p``."""

    child: str
    branches: tuple[str, ...]


# An event no commitment counts it against (fulfillment): vf-graphql's "unplanned" flows.
_UNPLANNED = "WHERE NOT EXISTS { (:Fulfillment)-[:FULFILLED_BY]->(c) }"
_PRIMARY = "WHERE coalesce(pi.reciprocal, false) = false"
_RECIPROCAL = "WHERE pi.reciprocal = true"

# The nested lists the kind table marks ``path=True``: records reached by more than the relationships of
# one field, written by hand, under "<Type>.<field>" (the table's test checks that both lists agree).
PATHS: Mapping[str, tuple[str, ...]] = {
    "Agent.roles": ("MATCH (c:AgentRelationshipRole)<-[:RELATIONSHIP]-(:AgentRelationship)-[:SUBJECT]->(p)",),
    "Agent.processes": (
        "MATCH (c:Process)-[:IN_SCOPE_OF]->(p)",
        "MATCH (c:Process)<-[:INPUT_OF|OUTPUT_OF]-(:EconomicEvent)-[:PROVIDER|RECEIVER]->(p)",
    ),
    "Agent.plans": (
        "MATCH (c:Plan)-[:IN_SCOPE_OF]->(p)",
        "MATCH (c:Plan)<-[:PLANNED_WITHIN]-(:Commitment)-[:PROVIDER|RECEIVER]->(p)",
    ),
    "Agent.proposals": (
        "MATCH (c:Proposal) WHERE c.createdBy = p.id",
        "MATCH (c:Proposal)-[:IN_SCOPE_OF]->(p)",
    ),
    "Agent.proposalsTo": ("MATCH (c:Proposal)<-[:PROPOSED]-(:ProposedTo)-[:PROPOSED_TO]->(p)",),
    # A process is next to another when it takes as input a resource the other put out.
    "Process.nextProcesses": (
        "MATCH (p)<-[:OUTPUT_OF]-(:EconomicEvent)-[:RESOURCE_INVENTORIED_AS]->(:EconomicResource)"
        "<-[:RESOURCE_INVENTORIED_AS]-(:EconomicEvent)-[:INPUT_OF]->(c:Process) WHERE c <> p",
    ),
    "Process.previousProcesses": (
        "MATCH (p)<-[:INPUT_OF]-(:EconomicEvent)-[:RESOURCE_INVENTORIED_AS]->(:EconomicResource)"
        "<-[:RESOURCE_INVENTORIED_AS]-(:EconomicEvent)-[:OUTPUT_OF]->(c:Process) WHERE c <> p",
    ),
    "Process.involvedAgents": (
        "MATCH (p)<-[:INPUT_OF|OUTPUT_OF]-(:EconomicEvent)-[:PROVIDER|RECEIVER]->(c:Agent)",
    ),
    "Process.workingAgents": (
        "MATCH (p)<-[:INPUT_OF]-(:EconomicEvent {action: 'work'})-[:PROVIDER]->(c:Agent)",
    ),
    "Process.unplannedInputs": (f"MATCH (c:EconomicEvent)-[:INPUT_OF]->(p) {_UNPLANNED}",),
    "Process.unplannedOutputs": (f"MATCH (c:EconomicEvent)-[:OUTPUT_OF]->(p) {_UNPLANNED}",),
    "Proposal.primaryIntents": (
        f"MATCH (c:Intent)<-[:PUBLISHES]-(pi:ProposedIntent)-[:PUBLISHED_IN]->(p) {_PRIMARY}",
    ),
    "Proposal.reciprocalIntents": (
        f"MATCH (c:Intent)<-[:PUBLISHES]-(pi:ProposedIntent)-[:PUBLISHED_IN]->(p) {_RECIPROCAL}",
    ),
    "Plan.nonProcessCommitments": (
        "MATCH (c:Commitment)-[:PLANNED_WITHIN]->(p) WHERE NOT EXISTS { (c)-[:INPUT_OF|OUTPUT_OF]->() }",
    ),
    "Plan.involvedAgents": (
        "MATCH (p)<-[:PLANNED_WITHIN]-(:Commitment)-[:PROVIDER|RECEIVER]->(c:Agent)",
        "MATCH (p)<-[:PLANNED_WITHIN]-(:Process)<-[:INPUT_OF|OUTPUT_OF]-(:Commitment)"
        "-[:PROVIDER|RECEIVER]->(c:Agent)",
    ),
    "Agreement.unplannedEconomicEvents": (f"MATCH (c:EconomicEvent)-[:REALIZATION_OF]->(p) {_UNPLANNED}",),
    "Agreement.involvedAgents": (
        "MATCH (p)<-[:CLAUSE_OF]-(:Commitment)-[:PROVIDER|RECEIVER]->(c:Agent)",
        "MATCH (p)<-[:REALIZATION_OF]-(:EconomicEvent)-[:PROVIDER|RECEIVER]->(c:Agent)",
    ),
}


def _branches(key: str, related: Related) -> tuple[str, ...]:
    if related.path:
        return PATHS[key]
    label = related.child.value if isinstance(related.child, Kind) else related.child
    # An agent's fields are the same whatever its kind: read them from one.
    fields = field_map(related.child if isinstance(related.child, Kind) else min(AGENT_KINDS))
    via = [fields[name] for name in related.via]
    if all(f.is_ref for f in via):
        types = "|".join(dict.fromkeys(str(f.rel) for f in via))
        return (f"MATCH (c:{label})-[:{types}]->(p)",)
    # Places are kept as the IRI property of the records naming them (indexed: cypher/schema.py).
    return tuple(f"MATCH (c:{label}) WHERE c.{f.name} = p.id" for f in via)


def _child_label(related: Related) -> str:
    return related.child.value if isinstance(related.child, Kind) else related.child


# One entry per nested list or connection of the kind table, named "<Type>.<field>" (lists vf-graphql
# declares but vfgraph keeps nothing for, such as Agent.claims, read nothing and have none).
REVERSE: Mapping[str, Reverse] = {
    key: Reverse(_child_label(r), _branches(key, r)) for key, r in related_lists().items() if not r.empty
}


def _reverse(r: Reverse, direction: str, criteria: Criteria | None = None) -> str:
    branches = " UNION ".join(f"{b} RETURN DISTINCT c" for b in r.branches)
    return (
        "UNWIND $parents AS pid "
        "MATCH (p:Record {id: pid}) "
        "CALL (p) { "
        f"CALL (p) {{ {branches} }} "
        f"WITH c WHERE ($after IS NULL OR c.id > $after) AND ($before IS NULL OR c.id < $before) "
        f"AND {visible('c')}{_filtered(criteria, r.child, 'c')} "
        f"RETURN c.id AS child ORDER BY child {direction} LIMIT $limit "
        "} "
        "RETURN pid AS parent, collect(child) AS children"
    )


@cache
def filtered_reverse(relation: str, backward: bool, criteria: Criteria) -> str:
    """:data:`REVERSE_FORWARD` / :data:`REVERSE_BACKWARD` of ``relation``, with the filter's criteria."""
    return _reverse(REVERSE[relation], "DESC" if backward else "ASC", criteria)


REVERSE_FORWARD: Mapping[str, str] = {name: _reverse(r, "ASC") for name, r in REVERSE.items()}
REVERSE_BACKWARD: Mapping[str, str] = {name: _reverse(r, "DESC") for name, r in REVERSE.items()}

PING = "RETURN 1 AS ok"
