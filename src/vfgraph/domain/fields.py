"""The fields of each record kind: how a vf-graphql input field is stored and how it reads in RDF.

One table drives the write side: which input fields a kind accepts, which become node properties and
which become relationships (docs/graph-model.md), and the ValueFlows property each one is in the RDF view
(docs/rdf-view.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from vfgraph.domain.kinds import Kind


class FieldType(StrEnum):
    STRING = "string"
    URI = "uri"  # one IRI, stored as a string
    URIS = "uris"  # a list of IRIs
    BOOLEAN = "boolean"
    DECIMAL = "decimal"  # an exact number, stored as its canonical string
    DATETIME = "datetime"
    MEASURE = "measure"  # stored as <name>Value / <name>Unit
    REF = "ref"  # one relationship to another record
    REFS = "refs"  # relationships to several records


@dataclass(frozen=True, slots=True)
class Field:
    name: str  # the vf-graphql input field name, also the node property name
    type: FieldType
    rdf: str  # local name of the vf: property in the RDF view
    rel: str | None = None  # relationship type for REF/REFS
    vfgraph_term: bool = False  # the RDF property is in vfgraph's namespace, not ValueFlows'

    @property
    def is_ref(self) -> bool:
        return self.type in (FieldType.REF, FieldType.REFS)


S, U, US, B, DEC, D, M, R, RS = (
    FieldType.STRING,
    FieldType.URI,
    FieldType.URIS,
    FieldType.BOOLEAN,
    FieldType.DECIMAL,
    FieldType.DATETIME,
    FieldType.MEASURE,
    FieldType.REF,
    FieldType.REFS,
)


def _f(name: str, t: FieldType, rel: str | None = None, rdf: str | None = None, vfg: bool = False) -> Field:
    return Field(name=name, type=t, rdf=rdf or name, rel=rel, vfgraph_term=vfg)


_AGENT = (_f("name", S), _f("image", U), _f("note", S), _f("primaryLocation", U))
_GROUP = (*_AGENT, _f("classifiedAs", US))

FIELDS: dict[Kind, tuple[Field, ...]] = {
    Kind.PERSON: _AGENT,
    Kind.ORGANIZATION: _GROUP,
    Kind.ECOLOGICAL_AGENT: _GROUP,
    Kind.UNIT: (_f("label", S), _f("symbol", S), _f("omUnitIdentifier", S)),
    Kind.RESOURCE_SPECIFICATION: (
        _f("name", S),
        _f("image", U),
        _f("imageList", US),
        _f("resourceClassifiedAs", US),
        _f("note", S),
        _f("defaultUnitOfResource", R, "DEFAULT_UNIT_OF_RESOURCE"),
        _f("defaultUnitOfEffort", R, "DEFAULT_UNIT_OF_EFFORT"),
        _f("substitutable", B),
    ),
    Kind.PROCESS_SPECIFICATION: (_f("name", S), _f("note", S)),
    Kind.PROCESS: (
        _f("name", S),
        _f("hasBeginning", D),
        _f("hasEnd", D),
        _f("finished", B),
        _f("note", S),
        _f("classifiedAs", US),
        _f("inScopeOf", RS, "IN_SCOPE_OF"),
        _f("basedOn", R, "BASED_ON"),
        _f("plannedWithin", R, "PLANNED_WITHIN"),
        _f("private", B, vfg=True),
    ),
    Kind.ECONOMIC_RESOURCE: (
        _f("name", S),
        _f("trackingIdentifier", S),
        _f("image", U),
        _f("imageList", US),
        _f("classifiedAs", US),
        _f("note", S),
        _f("conformsTo", R, "CONFORMS_TO"),
        _f("containedIn", R, "CONTAINED_IN"),
        _f("unitOfEffort", R, "UNIT_OF_EFFORT"),
        _f("primaryAccountable", R, "PRIMARY_ACCOUNTABLE"),
        _f("stage", R, "STAGE"),
        _f("state", S),
        _f("currentLocation", U),
        _f("accountingQuantity", M),
        _f("onhandQuantity", M),
        _f("private", B, vfg=True),
    ),
    Kind.ECONOMIC_EVENT: (
        _f("action", S),
        _f("provider", R, "PROVIDER"),
        _f("receiver", R, "RECEIVER"),
        _f("resourceInventoriedAs", R, "RESOURCE_INVENTORIED_AS"),
        _f("toResourceInventoriedAs", R, "TO_RESOURCE_INVENTORIED_AS"),
        _f("resourceClassifiedAs", US),
        _f("resourceQuantity", M),
        _f("effortQuantity", M),
        _f("hasBeginning", D),
        _f("hasEnd", D),
        _f("hasPointInTime", D),
        _f("note", S),
        _f("agreedIn", U),
        _f("triggeredBy", R, "TRIGGERED_BY"),
        _f("realizationOf", R, "REALIZATION_OF"),
        _f("corrects", R, "CORRECTS"),
        _f("inputOf", R, "INPUT_OF"),
        _f("outputOf", R, "OUTPUT_OF"),
        _f("resourceConformsTo", R, "RESOURCE_CONFORMS_TO"),
        _f("inScopeOf", RS, "IN_SCOPE_OF"),
        _f("atLocation", U),
        _f("toLocation", U),
        _f("state", S),
        # The event that last changed the same resource before this one (the per-resource breadcrumb that
        # track and trace follow); set by the ledger, never by clients.
        _f("previousEvent", RS, "PREVIOUS_EVENT", vfg=True),
        # Seen only by the agents involved in it (docs/security.md).
        _f("private", B, vfg=True),
        # On an output: its weight when the process's footprint is shared among its outputs
        # (docs/footprints.md, rule 3); without any, outputs share by quantity.
        _f("footprintShare", DEC, vfg=True),
    ),
    Kind.AGENT_RELATIONSHIP_ROLE: (
        _f("roleLabel", S),
        _f("inverseRoleLabel", S),
        _f("note", S),
    ),
    Kind.AGENT_RELATIONSHIP: (
        _f("subject", R, "SUBJECT"),
        _f("object", R, "OBJECT"),
        _f("relationship", R, "RELATIONSHIP"),
        _f("inScopeOf", RS, "IN_SCOPE_OF"),
        _f("note", S),
    ),
    # The planning layer. Intents and commitments describe flows the way events do (same names, same
    # relationship types), so a flow's neighbours read alike whether it is observed or planned.
    Kind.INTENT: (
        _f("action", S),
        _f("name", S),
        _f("provider", R, "PROVIDER"),
        _f("receiver", R, "RECEIVER"),
        _f("inputOf", R, "INPUT_OF"),
        _f("outputOf", R, "OUTPUT_OF"),
        _f("resourceInventoriedAs", R, "RESOURCE_INVENTORIED_AS"),
        _f("resourceConformsTo", R, "RESOURCE_CONFORMS_TO"),
        _f("resourceClassifiedAs", US),
        _f("resourceQuantity", M),
        _f("effortQuantity", M),
        _f("availableQuantity", M),
        _f("minimumQuantity", M),
        _f("hasBeginning", D),
        _f("hasEnd", D),
        _f("hasPointInTime", D),
        _f("due", D),
        _f("finished", B),
        _f("image", U),
        _f("imageList", US),
        _f("note", S),
        _f("agreedIn", U),
        _f("atLocation", U),
        _f("inScopeOf", RS, "IN_SCOPE_OF"),
        _f("plannedWithin", R, "PLANNED_WITHIN"),
        _f("stage", R, "STAGE"),
        _f("state", S),
        _f("private", B, vfg=True),
        # What the satisfactions of the intent account for so far; kept by the ledger (docs/planning.md).
        _f("satisfiedQuantity", M, vfg=True),
    ),
    Kind.COMMITMENT: (
        _f("action", S),
        _f("provider", R, "PROVIDER"),
        _f("receiver", R, "RECEIVER"),
        _f("inputOf", R, "INPUT_OF"),
        _f("outputOf", R, "OUTPUT_OF"),
        _f("resourceInventoriedAs", R, "RESOURCE_INVENTORIED_AS"),
        _f("resourceConformsTo", R, "RESOURCE_CONFORMS_TO"),
        _f("resourceClassifiedAs", US),
        _f("resourceQuantity", M),
        _f("effortQuantity", M),
        _f("hasBeginning", D),
        _f("hasEnd", D),
        _f("hasPointInTime", D),
        _f("due", D),
        _f("created", D),
        _f("finished", B),
        _f("note", S),
        _f("agreedIn", U),
        _f("atLocation", U),
        _f("inScopeOf", RS, "IN_SCOPE_OF"),
        _f("clauseOf", R, "CLAUSE_OF"),
        _f("independentDemandOf", R, "INDEPENDENT_DEMAND_OF"),
        _f("plannedWithin", R, "PLANNED_WITHIN"),
        _f("stage", R, "STAGE"),
        _f("state", S),
        _f("private", B, vfg=True),
        # What the fulfillments of the commitment account for so far; kept by the ledger (docs/planning.md).
        _f("fulfilledQuantity", M, vfg=True),
    ),
    # vf-graphql's link records (ValueFlows 1.0 states vf:fulfills / vf:satisfies / vf:settles directly on
    # the flow; vfgraph keeps the link as a record of its own, with the quantity it accounts for).
    Kind.FULFILLMENT: (
        _f("fulfilledBy", R, "FULFILLED_BY"),
        _f("fulfills", R, "FULFILLS"),
        _f("resourceQuantity", M),
        _f("effortQuantity", M),
        _f("note", S),
    ),
    Kind.SATISFACTION: (
        _f("satisfiedBy", R, "SATISFIED_BY"),
        _f("satisfies", R, "SATISFIES"),
        _f("resourceQuantity", M),
        _f("effortQuantity", M),
        _f("note", S),
    ),
    Kind.SETTLEMENT: (
        _f("settledBy", R, "SETTLED_BY"),
        _f("settles", R, "SETTLES"),
        _f("resourceQuantity", M),
        _f("effortQuantity", M),
        _f("note", S),
    ),
    Kind.PROPOSAL: (
        _f("name", S),
        _f("hasBeginning", D),
        _f("hasEnd", D),
        _f("unitBased", B),
        _f("created", D),
        _f("note", S),
        _f("inScopeOf", RS, "IN_SCOPE_OF"),
        _f("eligibleLocation", U),
    ),
    Kind.PROPOSED_INTENT: (
        _f("publishedIn", R, "PUBLISHED_IN"),
        _f("publishes", R, "PUBLISHES"),
        _f("reciprocal", B),
    ),
    Kind.PROPOSED_TO: (
        _f("proposed", R, "PROPOSED"),
        _f("proposedTo", R, "PROPOSED_TO"),
    ),
    Kind.PLAN: (
        _f("name", S),
        _f("created", D),
        _f("due", D),
        _f("note", S),
        _f("inScopeOf", RS, "IN_SCOPE_OF"),
    ),
    Kind.AGREEMENT: (_f("name", S), _f("created", D), _f("note", S)),
    Kind.CLAIM: (
        _f("action", S),
        _f("provider", R, "PROVIDER"),
        _f("receiver", R, "RECEIVER"),
        _f("triggeredBy", R, "TRIGGERED_BY"),
        _f("resourceConformsTo", R, "RESOURCE_CONFORMS_TO"),
        _f("resourceClassifiedAs", US),
        _f("resourceQuantity", M),
        _f("effortQuantity", M),
        _f("due", D),
        _f("created", D),
        _f("finished", B),
        _f("note", S),
        _f("agreedIn", U),
        _f("inScopeOf", RS, "IN_SCOPE_OF"),
        # Kept by the ledger from the claim's settlements (docs/contributions.md).
        _f("settledQuantity", M, vfg=True),
        _f("remainingQuantity", M, vfg=True),
    ),
    Kind.RECIPE_PROCESS: (
        _f("name", S),
        _f("hasDuration", M),
        _f("processClassifiedAs", US),
        _f("processConformsTo", R, "PROCESS_CONFORMS_TO"),
        _f("note", S),
    ),
    Kind.RECIPE_FLOW: (
        _f("action", S),
        _f("resourceConformsTo", R, "RESOURCE_CONFORMS_TO"),
        _f("resourceQuantity", M),
        _f("effortQuantity", M),
        _f("recipeInputOf", R, "RECIPE_INPUT_OF"),
        _f("recipeOutputOf", R, "RECIPE_OUTPUT_OF"),
        _f("recipeClauseOf", R, "RECIPE_CLAUSE_OF"),
        _f("stage", R, "STAGE"),
        _f("state", S),
        _f("note", S),
    ),
    Kind.RECIPE_EXCHANGE: (_f("name", S), _f("note", S)),
    # Ecological limits (docs/limits.md): a ceiling or floor on an indicator, and its shares.
    Kind.THRESHOLD: (
        _f("name", S),
        _f("thresholdType", S),  # "ceiling" or "floor"
        _f("value", M, rdf="thresholdValue"),
        _f("indicator", R, "INDICATOR"),
        _f("inScopeOf", RS, "IN_SCOPE_OF"),
        _f("atLocation", U),
        _f("hasBeginning", D),
        _f("hasEnd", D),
        _f("period", S),  # an ISO 8601 duration: the threshold's value is per period of this length
        _f("source", U),
        _f("note", S),
    ),
    Kind.ALLOCATION: (
        _f("threshold", R, "ALLOCATES"),
        _f("parent", R, "PART_OF_ALLOCATION", rdf="parentAllocation"),
        _f("allocatedTo", R, "ALLOCATED_TO"),
        _f("share", DEC),
        _f("quantity", M, rdf="allocatedQuantity"),
        _f("note", S),
    ),
    # Contribution accounting (docs/contributions.md). An equation is written with its buckets, in order.
    Kind.VALUE_EQUATION: (_f("name", S), _f("note", S), _f("inScopeOf", RS, "IN_SCOPE_OF")),
    Kind.VALUE_BUCKET: (
        _f("bucketOf", R, "BUCKET_OF"),
        _f("position", DEC),
        _f("name", S),
        _f("share", DEC),  # the fraction of the income the bucket hands out, in [0, 1]
        _f("countsActions", US),  # the vf: action individuals whose events count as contributions
        _f("weighting", S),  # effort | resourceQuantity | fixed
        _f("fixedWeight", DEC),  # the weight of each counted event when the weighting is fixed
        _f("resourceClassifiedAs", US),  # optional filter: the event must carry one of these
        _f("resourceConformsTo", R, "RESOURCE_CONFORMS_TO"),  # optional filter on the specification
    ),
    # A recorded distribution of one income by one equation (at most one per pair).
    Kind.VALUE_DISTRIBUTION: (
        _f("distributes", R, "DISTRIBUTES"),
        _f("followsEquation", R, "FOLLOWS_EQUATION"),
        _f("distributedAs", S),  # CLAIMS | EVENTS
        _f("note", S),
    ),
}

# Fields a client may change with update<Kind> (the rest is set on creation or by events).
UPDATABLE: dict[Kind, frozenset[str]] = {
    kind: frozenset(f.name for f in fields) for kind, fields in FIELDS.items()
}
UPDATABLE[Kind.ECONOMIC_RESOURCE] = frozenset(
    {"classifiedAs", "image", "imageList", "containedIn", "unitOfEffort", "note", "name", "private"}
)
UPDATABLE[Kind.ECONOMIC_EVENT] = frozenset({"note", "agreedIn", "triggeredBy", "realizationOf", "private"})
# An equation's buckets are fixed once written (a recorded distribution must stay explainable): a new
# equation replaces one; a distribution is written once.
UPDATABLE[Kind.VALUE_EQUATION] = frozenset({"name", "note"})
UPDATABLE[Kind.VALUE_BUCKET] = frozenset()
UPDATABLE[Kind.VALUE_DISTRIBUTION] = frozenset({"note"})
# Fields the ledger sets itself; a client input naming them is refused.
DERIVED: dict[Kind, frozenset[str]] = {
    Kind.ECONOMIC_EVENT: frozenset({"previousEvent"}),
    Kind.COMMITMENT: frozenset({"fulfilledQuantity"}),
    Kind.INTENT: frozenset({"satisfiedQuantity"}),
    Kind.CLAIM: frozenset({"settledQuantity", "remainingQuantity"}),
}
for _kind, _names in DERIVED.items():
    UPDATABLE[_kind] = UPDATABLE[_kind] - _names


def field_map(kind: Kind) -> dict[str, Field]:
    return {f.name: f for f in FIELDS[kind]}


def rel_types(kind: Kind) -> tuple[str, ...]:
    return tuple(f.rel for f in FIELDS[kind] if f.rel is not None)
