"""The WHERE a filter's given criteria add to the statement that anchors a page (domain/filters.py).

Each criterion becomes one predicate on the record variable, from a fixed template: labels, relationship
types and property names come from the kind table, every value is a parameter ``$f_<criterion>``
(``store/reads.py`` passes them). Only the criteria a request gives are compiled, so the planner sees plain
predicates it can serve from an index (``action IN``, the reference's relationship, a place's IRI property)
rather than ``$x IS NULL OR ...``. Times are compared as ``datetime()`` values, exactly, whatever the stored
string's precision.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from vfgraph.domain.fields import field_map
from vfgraph.domain.filters import BEGINS, ENDS, FILTERS, Criterion, Test
from vfgraph.domain.kinds import AGENT_KINDS, Kind
from vfgraph.domain.model import FieldType


def _visible(var: str) -> str:
    from vfgraph.store.cypher.read import visible

    return visible(var)


# A proposal's primary intents (what it offers or asks for, not what it wants in return) the viewer may
# see, as a pattern on {v}: the proposal criteria read the proposal through them (docs/signals.md).
_PRIMARY = (
    "({v})<-[:PUBLISHED_IN]-(pi:ProposedIntent)-[:PUBLISHES]->(i:Intent) "
    "WHERE coalesce(pi.reciprocal, false) = false AND " + _visible("i")
)
_OFFER = "EXISTS { (i)-[:PROVIDER]->() } AND NOT EXISTS { (i)-[:RECEIVER]->() }"
_REQUEST = "EXISTS { (i)-[:RECEIVER]->() } AND NOT EXISTS { (i)-[:PROVIDER]->() }"


def _every_primary(test: str) -> str:
    return f"(EXISTS {{ {_PRIMARY} }} AND NOT EXISTS {{ {_PRIMARY} AND NOT ({test}) }})"


_OPEN_NOW = (
    "(({v}.hasBeginning IS NULL OR datetime({v}.hasBeginning) <= datetime($f_now)) "
    "AND ({v}.hasEnd IS NULL OR datetime({v}.hasEnd) >= datetime($f_now)))"
)
_PLAN_FINISHED = (
    "NOT EXISTS { MATCH ({v})<-[:PLANNED_WITHIN]-(x) WHERE (x:Process OR x:Commitment) "
    "AND coalesce(x.finished, false) = false }"
)

# The NAMED criteria, by "<Filter>.<criterion>": a predicate on {v} given true (a false value negates it),
# or, for the value criteria, using $f_<criterion>.
NAMED: Mapping[str, str] = {
    "AgentPlanFilterParams.finished": _PLAN_FINISHED,
    "ProposalFilterParams.active": _OPEN_NOW,
    "ProposalFilterParams.isOffer": _every_primary(_OFFER),
    "ProposalFilterParams.isRequest": _every_primary(_REQUEST),
    "ProposalFilterParams.unfinished": f"EXISTS {{ {_PRIMARY} AND coalesce(i.finished, false) = false }}",
    "ProposalFilterParams.resourceConformsTo": (
        f"EXISTS {{ {_PRIMARY} AND "
        "EXISTS { (i)-[:RESOURCE_CONFORMS_TO]->(s) WHERE s.id IN $f_resourceConformsTo } }"
    ),
    "ProposalFilterParams.atLocation": (
        "({v}.eligibleLocation IN $f_atLocation "
        f"OR EXISTS {{ {_PRIMARY} AND i.atLocation IN $f_atLocation }})"
    ),
    # The window asked for overlaps the proposal's (an open end is open).
    "ProposalFilterParams.startDate": (
        "({v}.hasEnd IS NULL OR datetime({v}.hasEnd) >= datetime($f_startDate))"
    ),
    "ProposalFilterParams.endDate": (
        "({v}.hasBeginning IS NULL OR datetime({v}.hasBeginning) <= datetime($f_endDate))"
    ),
}
# Value criteria among the named ones: their value is a parameter, not a yes or no.
NAMED_VALUES = frozenset(
    {
        "ProposalFilterParams.resourceConformsTo",
        "ProposalFilterParams.atLocation",
        "ProposalFilterParams.startDate",
        "ProposalFilterParams.endDate",
    }
)


def _kind(label: str) -> Kind:
    """The kind whose fields a label's records have (an agent's are the same whatever its kind)."""
    return min(AGENT_KINDS) if label == "Agent" else Kind(label)


def _time(kind: Kind, order: tuple[str, ...], var: str) -> str:
    names = [n for n in order if n in field_map(kind)]
    return f"coalesce({', '.join(f'{var}.{n}' for n in names)})" if len(names) > 1 else f"{var}.{names[0]}"


def _predicate(filter_name: str, label: str, c: Criterion, var: str) -> str:
    p = f"$f_{c.name}"
    if c.test is Test.NAMED:
        return NAMED[f"{filter_name}.{c.name}"].replace("{v}", var)
    kind = _kind(label)
    fields = field_map(kind)
    if c.test is Test.REFERS:
        f = fields[c.fields[0]]
        if f.type is FieldType.URI:  # a place's IRI, kept as a property
            return f"{var}.{f.name} IN {p}"
        return f"EXISTS {{ ({var})-[:{f.rel}]->(x) WHERE x.id IN {p} }}"
    if c.test is Test.ONE_OF:
        return f"{var}.{c.fields[0]} IN {p}"
    if c.test is Test.SHARES:
        return f"any(x IN coalesce({var}.{c.fields[0]}, []) WHERE x IN {p})"
    if c.test is Test.IS:
        return f"coalesce({var}.{c.fields[0]}, false) = {p}"
    if c.test is Test.TEXT:
        texts = [f"toLower(coalesce({var}.{n}, '')) CONTAINS {p}" for n in c.fields if n in fields]
        return "(" + " OR ".join(texts) + ")" if texts else "false"
    if c.test is Test.FROM:
        return f"datetime({_time(kind, ENDS, var)}) >= datetime({p})"
    if c.test is Test.UNTIL:
        return f"datetime({_time(kind, BEGINS, var)}) <= datetime({p})"
    raise AssertionError(c.test)


@cache
def where(filter_name: str, label: str, given: tuple[tuple[str, bool], ...], var: str) -> str:
    """The conjunction of the criteria ``given`` (name, and for a yes/no named criterion its value) of the
    filter ``filter_name`` on the records ``var`` labelled ``label``; "" for none."""
    f = FILTERS[filter_name]
    parts = []
    for name, yes in given:
        c = f.criterion(name)
        predicate = _predicate(filter_name, label, c, var)
        named_flag = c.test is Test.NAMED and f"{filter_name}.{name}" not in NAMED_VALUES
        parts.append(predicate if yes or not named_flag else f"NOT {predicate}")
    return " AND ".join(parts)
