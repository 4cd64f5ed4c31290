"""vf-graphql's ``filtering`` module as data: each filter input type, its criteria, and what each selects.

A criterion is one input field of a filter type (``providerId``, ``startDate`` ...) and a :class:`Test`: how
it selects records, in terms of the kind table's fields. The store compiles the criteria a request gives into
the WHERE of the statement that anchors the page (``store/cypher/filters.py``), beside the page window and the
privacy rule, so nothing is filtered in Python and a page is never short because of a filter. A criterion left
out, or given as null, lets everything through.

The kind table names the filter of each root page and nested list that takes one (``KindSpec.filter``,
``Related.filter``); :data:`FILTERS` holds the types themselves, with vf-graphql's names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any


class Test(Enum):
    REFERS = "refers"  # the record's reference field names one of the given records
    ONE_OF = "one of"  # the property is one of the given values (an action)
    SHARES = "shares"  # the list property holds one of the given values (a classification)
    IS = "is"  # the boolean property is the given value (unset counts as false)
    TEXT = "text"  # one of the text properties contains the given string, case aside
    FROM = "from"  # the record's time ends at or after the given time
    UNTIL = "until"  # the record's time begins at or before the given time
    NAMED = "named"  # a rule of its own, written in store/cypher/filters.py under "<Filter>.<name>"
    NONE = "none"  # accepted and ignored (vf-graphql's AgentResourceFilterParams.page: pages are Relay's)


# A record's time, for FROM and UNTIL: where it begins and where it ends, the first field it has of each
# list (an event has a point in time, or a beginning and an end; a claim is due; a process begins and ends).
BEGINS = ("hasPointInTime", "hasBeginning", "due", "created", "hasEnd")
ENDS = ("hasPointInTime", "hasEnd", "due", "created", "hasBeginning")


@dataclass(frozen=True, slots=True)
class Criterion:
    name: str  # the input field
    gql: str  # its GraphQL type: "[ID!]", "[URI!]", "ID", "URI", "Boolean", "DateTime", "String", "Int"
    test: Test
    fields: tuple[str, ...] = ()  # the record's fields it reads (TEXT: several)
    doc: str | None = None
    shown: bool = True  # False: set by the API itself (offers are proposals that are offers), not by clients

    @property
    def is_list(self) -> bool:
        return self.gql.startswith("[")


@dataclass(frozen=True, slots=True)
class Filter:
    name: str  # the GraphQL input type
    criteria: tuple[Criterion, ...]
    doc: str | None = None

    def criterion(self, name: str) -> Criterion:
        return next(c for c in self.criteria if c.name == name)


@dataclass(frozen=True, slots=True)
class Where:
    """The criteria of one filter a request gives: ``(criterion, value)`` pairs, in the filter's order, each
    value a tuple for list criteria (hashable, so that it can key a DataLoader)."""

    filter: str
    given: tuple[tuple[str, Any], ...]

    @classmethod
    def of(cls, filter: Filter, values: Mapping[str, Any]) -> Where | None:
        """The criteria given (non-null) among ``values``, keyed by input field name; None for none."""
        given = []
        for c in filter.criteria:
            value = values.get(c.name)
            if value is None or c.test is Test.NONE:
                continue
            given.append((c.name, tuple(value) if isinstance(value, list | tuple) else value))
        return cls(filter.name, tuple(given)) if given else None

    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.given)


def _c(
    name: str, gql: str, test: Test, *fields: str, doc: str | None = None, shown: bool = True
) -> Criterion:
    return Criterion(name, gql, test, fields, doc, shown)


_SEARCH_NOTE = _c("searchString", "String", Test.TEXT, "note")
_SEARCH_NAMED = _c("searchString", "String", Test.TEXT, "name", "note")
_PROVIDER = _c("providerId", "[ID!]", Test.REFERS, "provider")
_RECEIVER = _c("receiverId", "[ID!]", Test.REFERS, "receiver")
_CLASSIFIED = _c("resourceClassifiedAs", "[URI!]", Test.SHARES, "resourceClassifiedAs")
_CONFORMS = _c("resourceConformsTo", "[ID!]", Test.REFERS, "resourceConformsTo")
_FINISHED = _c("finished", "Boolean", Test.IS, "finished")
_ACTIONS = _c("action", "[ID!]", Test.ONE_OF, "action")
_START = _c("startDate", "DateTime", Test.FROM)
_END = _c("endDate", "DateTime", Test.UNTIL)
_SCOPE = _c("inScopeOf", "[ID!]", Test.REFERS, "inScopeOf")
_FLOWS = (_PROVIDER, _RECEIVER, _CLASSIFIED, _ACTIONS, _START, _END)


def _table(*filters: Filter) -> Mapping[str, Filter]:
    return {f.name: f for f in filters}


FILTERS: Mapping[str, Filter] = _table(
    Filter("AgentFilterParams", (_c("classifiedAs", "[ID!]", Test.SHARES, "classifiedAs"),)),
    Filter(
        "AgentRelationshipFilterParams",
        (_c("roleId", "[ID!]", Test.REFERS, "relationship"), _SCOPE),
    ),
    Filter("AgentEventFilterParams", (_SEARCH_NOTE, _c("action", "ID", Test.ONE_OF, "action"), _START, _END)),
    Filter(
        "AgentResourceFilterParams",
        (
            _c("searchString", "String", Test.TEXT, "name", "trackingIdentifier", "note"),
            _c("resourceClassification", "URI", Test.SHARES, "classifiedAs"),
            _c("page", "Int", Test.NONE),
        ),
    ),
    Filter("AgentProcessFilterParams", (_SEARCH_NAMED, _FINISHED)),
    # A plan has no finished flag: it is finished when every process and commitment planned within it is.
    Filter("AgentPlanFilterParams", (_SEARCH_NAMED, _c("finished", "Boolean", Test.NAMED))),
    Filter("agentProposalSearchParams", (_SEARCH_NAMED,)),
    Filter(
        "ClaimFilterParams",
        (_PROVIDER, _RECEIVER, _ACTIONS, _CLASSIFIED, _CONFORMS, _FINISHED, _START, _END, _SCOPE),
    ),
    Filter(
        "CommitmentFilterParams",
        (
            _SEARCH_NOTE,
            _PROVIDER,
            _RECEIVER,
            _CLASSIFIED,
            _CONFORMS,
            _FINISHED,
            _ACTIONS,
            _START,
            _END,
            _SCOPE,
        ),
    ),
    Filter(
        "IntentFilterParams",
        (
            _SEARCH_NAMED,
            _PROVIDER,
            _RECEIVER,
            _CLASSIFIED,
            _CONFORMS,
            _FINISHED,
            _ACTIONS,
            _START,
            _END,
            _SCOPE,
        ),
    ),
    Filter("EconomicEventFilterParams", (_SEARCH_NOTE, *_FLOWS)),
    Filter("ProcessEventFilterParams", (_SEARCH_NOTE, *_FLOWS)),
    Filter("ProcessCommitmentFilterParams", (_SEARCH_NOTE, *_FLOWS)),
    Filter("ProcessIntentFilterParams", (_SEARCH_NAMED, *_FLOWS)),
    Filter(
        "ProcessFilterParams",
        (
            _SEARCH_NAMED,
            _FINISHED,
            _SCOPE,
            _c("classifiedAs", "[URI!]", Test.SHARES, "classifiedAs"),
            _START,
            _END,
        ),
    ),
    Filter(
        "PlanProcessFilterParams",
        (
            _SEARCH_NAMED,
            _c("after", "DateTime", Test.FROM, doc="the process ends at or after this time"),
            _c("before", "DateTime", Test.UNTIL, doc="the process begins at or before this time"),
            _FINISHED,
        ),
    ),
    # Proposals: vf-graphql's four criteria, and vfgraph's four of the offers and requests pages (a proposal
    # has the values of its primary intents; docs/signals.md). offers and requests set the hidden ones.
    Filter(
        "ProposalFilterParams",
        (
            _c(
                "active",
                "Boolean",
                Test.NAMED,
                doc="the proposal is open now (its beginning and end around now)",
            ),
            _SCOPE,
            _c("isOffer", "Boolean", Test.NAMED, doc="every primary intent names a provider and no receiver"),
            _c(
                "isRequest",
                "Boolean",
                Test.NAMED,
                doc="every primary intent names a receiver and no provider",
            ),
            _c(
                "resourceConformsTo",
                "[ID!]",
                Test.NAMED,
                doc="a primary intent conforms to one of these resource specifications",
            ),
            _c(
                "atLocation",
                "[URI!]",
                Test.NAMED,
                doc="the proposal's eligibleLocation, or a primary intent's atLocation",
            ),
            _c(
                "startDate",
                "DateTime",
                Test.NAMED,
                doc="the proposal is open at some time at or after this one",
            ),
            _c(
                "endDate",
                "DateTime",
                Test.NAMED,
                doc="the proposal is open at some time at or before this one",
            ),
            _c("unfinished", "Boolean", Test.NAMED, shown=False),
        ),
        doc="Which proposals to list; each criterion left out lets everything through.",
    ),
)
