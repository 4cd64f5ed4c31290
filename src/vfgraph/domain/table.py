"""The kind table: every record kind vfgraph stores, described once.

Each :class:`~vfgraph.domain.model.KindSpec` below says, for one kind, how each field is stored (a node
property, or a relationship named after the field in UPPER_SNAKE_CASE), which RDF property it is in the views
and in linked data (docs/rdf-view.md), and how it shows in the vf-graphql API: in the create input (required
or not), in the update input (what a client may change), in the output type (nullable or not). Beside the
fields: the nested lists other records make on the kind's type, the output fields that hand-written code
answers (``special``, in ``vfgraph.api.types``), the root fields and the mutations.

Everything that is the same for every kind is derived from here: the Cypher read and write statements
(``store/cypher``), the RDF view (``vocab/views.py``), import terms and export (``ld/``), and the GraphQL
inputs, types, reverse connections, root fields and create / update / delete mutations (``api/model.py``).

Adding a field to a kind is one line here (plus its SHACL shape in ``shapes/``); the defaults are: optional
on create, changeable on update, nullable in the output. vf-graphql's oddities are kept as they are, each
where it applies (``Agent.claims*`` typed as intents and always empty, ``PersonResponse.agent``, ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from vfgraph.domain.kinds import AGENT_KINDS, Kind
from vfgraph.domain.model import (
    ACTION,
    AGENT,
    DURATION,
    INT,
    Field,
    FieldType,
    InterfaceSpec,
    KindSpec,
    Mutations,
    Need,
    Related,
    upper_snake,
)

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
NO, OPT, REQ = Need.NO, Need.OPTIONAL, Need.REQUIRED

# The unions of the API a reference can point to (their members, as GraphQL types).
SCOPE = "AccountingScope"  # what a record is in the scope of: vf-graphql's Person | Organization, plus 1.0's
EVENT_OR_COMMITMENT = "EventOrCommitment"  # what satisfies an intent
UNIONS: Mapping[str, tuple[Kind, ...]] = {
    SCOPE: (Kind.PERSON, Kind.ORGANIZATION, Kind.ECOLOGICAL_AGENT),
    EVENT_OR_COMMITMENT: (Kind.ECONOMIC_EVENT, Kind.COMMITMENT),
}

_EV, _RES, _PROC = Kind.ECONOMIC_EVENT, Kind.ECONOMIC_RESOURCE, Kind.PROCESS
_PLACE, _SCENARIO = Kind.SPATIAL_THING, Kind.SCENARIO
# The filters of vf-graphql's filtering module (domain/filters.py) the lists below take.
_EVENTS, _COMMITMENTS, _INTENTS = (
    "ProcessEventFilterParams",
    "ProcessCommitmentFilterParams",
    "ProcessIntentFilterParams",
)
_PS, _RSPEC, _UNIT = Kind.PROCESS_SPECIFICATION, Kind.RESOURCE_SPECIFICATION, Kind.UNIT
_COM, _INT, _PLAN, _AGR = Kind.COMMITMENT, Kind.INTENT, Kind.PLAN, Kind.AGREEMENT


def _f(
    name: str,
    t: FieldType,
    rel: str | None = None,
    rdf: str | None = None,
    vfg: bool = False,
    *,
    to: Kind | str | None = None,
    create: Need = OPT,
    update: bool = True,
    out: Need = OPT,
    graphql: bool = True,
    derived: bool = False,
    gql: str | None = None,
    doc: str | None = None,
    input_doc: str | None = None,
    update_doc: str | None = None,
    fallback: str | None = None,
    source: str | None = None,
) -> Field:
    """One field line; a reference's relationship type is its name in UPPER_SNAKE_CASE unless given."""
    if t in (R, RS) and rel is None and source is None:
        rel = upper_snake(name)
    return Field(
        name=name,
        type=t,
        rdf=rdf or name,
        rel=rel,
        vfgraph_term=vfg,
        target=to,
        create=NO if derived else create,
        update=update and not derived,
        output=out,
        graphql=graphql,
        derived=derived,
        gql=gql,
        doc=doc,
        input_doc=input_doc,
        update_doc=update_doc,
        fallback=fallback,
        source=source,
    )


def _fixed(f: Field) -> Field:
    """The same field, set on creation only (not in the update input)."""
    return replace(f, update=False, update_doc=None)


_PRIVATE_DOC = "Seen only by the agents involved in it (docs/security.md)."
NAME = _f("name", S, create=REQ, out=REQ)
NOTE = _f("note", S)
IMAGE = _f("image", U)
IMAGES = _f("imageList", US)
IN_SCOPE = _f("inScopeOf", RS, to=SCOPE)
# Seen only by the agents involved in it (docs/security.md).
PRIVATE = _f("private", B, vfg=True, input_doc=_PRIVATE_DOC, update_doc=_PRIVATE_DOC)
ACTION_FIELD = _f("action", S, create=REQ, out=REQ, gql=ACTION)
PROVIDER, RECEIVER = _f("provider", R, to=AGENT), _f("receiver", R, to=AGENT)
RESOURCE_QUANTITY, EFFORT_QUANTITY = _f("resourceQuantity", M), _f("effortQuantity", M)
BEGINNING, END, POINT_IN_TIME = _f("hasBeginning", D), _f("hasEnd", D), _f("hasPointInTime", D)
# ``created`` of the planning records: the time a client gave, or else when the ledger wrote the record.
CREATED = _f("created", D, fallback="createdAt")


_AGENT_FIELDS = (NAME, IMAGE, NOTE, _f("primaryLocation", U, to=_PLACE))
_GROUP_FIELDS = (*_AGENT_FIELDS, _f("classifiedAs", US))

# The flow fields intents and commitments share with events: the same names and relationship types, so a
# flow's neighbours read alike whether it is observed or planned.
_INPUT_OF, _OUTPUT_OF = _f("inputOf", R, to=_PROC), _f("outputOf", R, to=_PROC)
_INVENTORIED = _f("resourceInventoriedAs", R, to=_RES)
_CONFORMS = _f("resourceConformsTo", R, to=_RSPEC)
_CLASSIFIED = _f("resourceClassifiedAs", US)
_DUE, _FINISHED, _AGREED_IN = _f("due", D), _f("finished", B), _f("agreedIn", U)
_PLANNED_WITHIN, _STAGE = _f("plannedWithin", R, to=_PLAN), _f("stage", R, to=_PS)


def _link_kind(kind: Kind, by: str, by_target: Kind | str, of: str, of_target: Kind, **docs: str) -> KindSpec:
    """A vf-graphql link record (fulfillment, satisfaction, settlement): an event (or commitment) counted,
    for some quantity, against a commitment (intent, claim)."""
    quantity = _f("resourceQuantity", M, input_doc=docs.get("quantity"))
    return KindSpec(
        kind,
        (
            _f(by, R, to=by_target, create=REQ, out=REQ),
            _f(of, R, to=of_target, create=REQ, out=REQ),
            quantity,
            EFFORT_QUANTITY,
            NOTE,
        ),
    )


def _flows(child: Kind, prefix: str, filter: str | None = None) -> tuple[Related, ...]:
    """An agent's lists of flows of one kind: as either party (with vf-graphql's filter, if it has one), as
    provider, as receiver, in scope."""
    return (
        Related(prefix, child, via=("provider", "receiver"), filter=filter),
        Related(prefix + "AsProvider", child, via=("provider",)),
        Related(prefix + "AsReceiver", child, via=("receiver",)),
        Related(prefix + "InScope", child, via=("inScopeOf",)),
    )


_RELATIONSHIPS = "AgentRelationshipFilterParams"
_AGENTS = "AgentFilterParams"

AGENT_INTERFACE = InterfaceSpec(
    AGENT,
    AGENT_KINDS,
    one="agent",
    many="agents",
    filter=_AGENTS,
    lists=(
        Related("relationships", Kind.AGENT_RELATIONSHIP, via=("subject", "object"), filter=_RELATIONSHIPS),
        Related("relationshipsAsSubject", Kind.AGENT_RELATIONSHIP, via=("subject",), filter=_RELATIONSHIPS),
        Related("relationshipsAsObject", Kind.AGENT_RELATIONSHIP, via=("object",), filter=_RELATIONSHIPS),
        Related("roles", Kind.AGENT_RELATIONSHIP_ROLE, path=True, page=False),
        *_flows(_EV, "economicEvents", filter="AgentEventFilterParams"),
        Related(
            "inventoriedEconomicResources",
            _RES,
            via=("primaryAccountable",),
            filter="AgentResourceFilterParams",
        ),
        Related("processes", _PROC, path=True, filter="AgentProcessFilterParams"),
        *_flows(_COM, "commitments"),
        *_flows(_INT, "intents"),
        Related("plans", _PLAN, path=True, filter="AgentPlanFilterParams"),
        Related("proposals", Kind.PROPOSAL, path=True, filter="agentProposalSearchParams"),
        Related("proposalsInScope", Kind.PROPOSAL, via=("inScopeOf",)),
        Related("proposalsTo", Kind.PROPOSAL, path=True),
        # vf-graphql's agent.claim bridge types these four as IntentConnection, a slip in the reference (they
        # are meant to list claims). vfgraph keeps the reference's type, so clients built on it validate,
        # and answers them empty; the agent's claims are the claimRecords* lists (docs/contributions.md).
        *(Related(r.name, _INT, empty=True) for r in _flows(Kind.CLAIM, "claims")),
        *_flows(Kind.CLAIM, "claimRecords"),
        Related("scenariosInScope", _SCENARIO, via=("inScopeOf",)),
        # The allocations made to an agent: the root field agentAllocations (docs/limits.md).
        Related("allocations", Kind.ALLOCATION, via=("allocatedTo",), shown=False),
    ),
)  # fmt: skip

_AGENT_MUTATIONS = Mutations(inputs="Agent", response_field="agent")

KINDS: Mapping[Kind, KindSpec] = {
    s.kind: s
    for s in (
        # -- agent ---------------------------------------------------------------------------------------
        KindSpec(
            Kind.PERSON,
            _AGENT_FIELDS,
            implements=AGENT,
            many="people",
            filter=_AGENTS,
            mutations=_AGENT_MUTATIONS,
        ),
        KindSpec(
            Kind.ORGANIZATION,
            _GROUP_FIELDS,
            implements=AGENT,
            filter=_AGENTS,
            mutations=Mutations(response_field="agent"),
        ),
        # An agent that is part of nature, such as a river or a forest (ValueFlows 1.0, not in vf-graphql).
        KindSpec(Kind.ECOLOGICAL_AGENT, _GROUP_FIELDS, implements=AGENT),
        KindSpec(
            Kind.AGENT_RELATIONSHIP_ROLE,
            (_f("roleLabel", S, create=REQ, out=REQ), _f("inverseRoleLabel", S), NOTE),
            lists=(Related("agentRelationships", Kind.AGENT_RELATIONSHIP, via=("relationship",)),),
            mutations=Mutations(response_nullable=True),
        ),
        KindSpec(
            Kind.AGENT_RELATIONSHIP,
            (
                _f("subject", R, to=AGENT, create=REQ, out=REQ),
                _f("object", R, to=AGENT, create=REQ, out=REQ),
                _f("relationship", R, to=Kind.AGENT_RELATIONSHIP_ROLE, create=REQ, out=REQ),
                IN_SCOPE,
                NOTE,
            ),
            mutations=Mutations(arg="relationship"),
        ),
        # -- measurement ---------------------------------------------------------------------------------
        KindSpec(
            _UNIT,
            (
                _f("label", S, create=REQ, out=REQ),
                _f("symbol", S, create=REQ, out=REQ),
                _f("omUnitIdentifier", S, doc="The unit's identifier in the OM 2 ontology (ValueFlows 1.0)."),
            ),
        ),
        # -- geolocation: places, kept by IRI where records name them (they may be other ledgers') ---------
        KindSpec(
            _PLACE,
            (
                _f("name", S, create=REQ, out=REQ, fallback="id"),
                _f("mappableAddress", S),
                _f("lat", DEC),  # WGS84, decimal degrees
                _f("long", DEC),
                _f("alt", DEC),  # metres above the WGS84 ellipsoid
                NOTE,
            ),
            external=True,
            lists=(
                Related("agents", AGENT, via=("primaryLocation",), page=False),
                Related("commitments", _COM, via=("atLocation",), page=False),
                Related("intents", _INT, via=("atLocation",), page=False),
                Related("economicResources", _RES, via=("currentLocation",)),
                Related("economicEvents", _EV, via=("atLocation",)),
            ),
        ),
        # -- product_batch: vf-graphql's ProductBatch is ValueFlows 1.0's vf:BatchLotRecord ----------------
        KindSpec(
            Kind.BATCH_LOT_RECORD,
            (
                _f("batchNumber", S, rdf="batchLotCode", create=REQ, out=REQ),
                _f("expiryDate", D, rdf="expirationDate"),
                _f("productionDate", D, vfg=True),
            ),
            name="ProductBatch",
            many="productBatches",
            mutations=Mutations(delete_by_id=True),
        ),
        # -- resource_specification, process_specification -----------------------------------------------
        KindSpec(
            _RSPEC,
            (
                NAME,
                IMAGE,
                IMAGES,
                _f("resourceClassifiedAs", US),
                NOTE,
                _f("defaultUnitOfResource", R, to=_UNIT),
                _f("defaultUnitOfEffort", R, to=_UNIT),
                _f("substitutable", B),
            ),
            lists=(
                Related("conformingResources", _RES, via=("conformsTo",)),
                Related("economicEvents", _EV, via=("resourceConformsTo",)),
                Related("commitments", _COM, via=("resourceConformsTo",)),
                Related("intents", _INT, via=("resourceConformsTo",)),
                Related("claims", Kind.CLAIM, via=("resourceConformsTo",)),
            ),
        ),
        KindSpec(
            _PS,
            (NAME, NOTE),
            lists=(
                Related("resourcesCurrentlyAtStage", _RES, via=("stage",)),
                Related("conformingProcesses", _PROC, via=("basedOn",)),
                Related("commitmentsRequiringStage", _COM, via=("stage",)),
                Related("conformingRecipeProcesses", Kind.RECIPE_PROCESS, via=("processConformsTo",)),
                Related("recipeFlowsRequiringStage", Kind.RECIPE_FLOW, via=("stage",)),
            ),
        ),
        # -- process -------------------------------------------------------------------------------------
        KindSpec(
            _PROC,
            (
                NAME,
                BEGINNING,
                END,
                _FINISHED,
                NOTE,
                _f("classifiedAs", US),
                IN_SCOPE,
                _f("basedOn", R, to=_PS),
                _PLANNED_WITHIN,
                PRIVATE,
                _f("nestedIn", R, vfg=True, to=_SCENARIO),  # vf-graphql's scenario module
            ),
            lists=(
                # A process is next to another when it takes as input a resource the other put out.
                Related("nextProcesses", _PROC, path=True, page=False),
                Related("previousProcesses", _PROC, path=True, page=False),
                Related("involvedAgents", AGENT, path=True),
                Related("workingAgents", AGENT, path=True),
                Related("observedInputs", _EV, via=("inputOf",), page=False, filter=_EVENTS),
                Related("observedOutputs", _EV, via=("outputOf",), page=False, filter=_EVENTS),
                # Unplanned: observed flows that fulfil no commitment.
                Related("unplannedInputs", _EV, path=True, page=False, filter=_EVENTS),
                Related("unplannedOutputs", _EV, path=True, page=False, filter=_EVENTS),
                Related("committedInputs", _COM, via=("inputOf",), page=False, filter=_COMMITMENTS),
                Related("committedOutputs", _COM, via=("outputOf",), page=False, filter=_COMMITMENTS),
                Related("intendedInputs", _INT, via=("inputOf",), page=False, filter=_INTENTS),
                Related("intendedOutputs", _INT, via=("outputOf",), page=False, filter=_INTENTS),
                Related("previous", _EV, via=("inputOf",), page=False),
                Related("next", _EV, via=("outputOf",), page=False),
            ),
            special=("deletable",),
            many="processes",
            filter="ProcessFilterParams",
            mutations=Mutations(delete_by_id=True),
        ),
        # -- observation ---------------------------------------------------------------------------------
        KindSpec(
            _RES,
            (
                _f("name", S, update=False),
                _f("trackingIdentifier", S, update=False),
                IMAGE,
                IMAGES,
                _f("classifiedAs", US, create=NO),
                NOTE,
                _f("conformsTo", R, to=_RSPEC, update=False, out=REQ),
                _f("containedIn", R, to=_RES),
                _f("unitOfEffort", R, to=_UNIT, create=NO),
                _f("primaryAccountable", R, to=AGENT, create=NO, update=False),
                _f("stage", R, to=_PS, create=NO, update=False),
                # vf-graphql types the state as an Action (pass, fail); other states read as null.
                _f("state", S, create=NO, update=False, gql=ACTION),
                _f("currentLocation", U, to=_PLACE, update=False),
                _f("lot", R, "OF_BATCH_LOT", rdf="ofBatchLot", to=Kind.BATCH_LOT_RECORD, update=False),
                _f("accountingQuantity", M, create=NO, update=False),
                _f("onhandQuantity", M, create=NO, update=False),
                PRIVATE,
            ),
            lists=(
                Related("contains", _RES, via=("containedIn",), page=False),
                Related("economicEventsInOutFrom", _EV, via=("resourceInventoriedAs",)),
                Related("economicEventsTo", _EV, via=("toResourceInventoriedAs",)),
                Related("commitments", _COM, via=("resourceInventoriedAs",)),
                Related("intents", _INT, via=("resourceInventoriedAs",)),
                # Every event naming the resource on either side; previous/next pick among them by action.
                Related(
                    "flows",
                    _EV,
                    via=("resourceInventoriedAs", "toResourceInventoriedAs"),
                    page=False,
                    shown=False,
                ),
            ),
            special=("previous", "next", "track", "trace"),
            # Resources are created by the events that bring them about (createEconomicEvent).
            mutations=Mutations(create=None, delete=None, arg="resource"),
        ),
        KindSpec(
            _EV,
            (
                _fixed(ACTION_FIELD),
                _f("provider", R, to=AGENT, create=REQ, update=False, out=REQ),
                _f("receiver", R, to=AGENT, create=REQ, update=False, out=REQ),
                _fixed(_INVENTORIED),
                _f("toResourceInventoriedAs", R, to=_RES, update=False),
                _fixed(_CLASSIFIED),
                _fixed(RESOURCE_QUANTITY),
                _fixed(EFFORT_QUANTITY),
                _fixed(BEGINNING),
                _fixed(END),
                _fixed(POINT_IN_TIME),
                NOTE,
                _AGREED_IN,
                _f("triggeredBy", R, to=_EV),
                _f("realizationOf", R, to=_AGR),
                _f(
                    "corrects",
                    R,
                    to=_EV,
                    update=False,
                    input_doc="The event this one corrects (vf:corrects).",
                ),
                _fixed(_INPUT_OF),
                _fixed(_OUTPUT_OF),
                _fixed(_CONFORMS),
                _fixed(IN_SCOPE),
                _f(
                    "atLocation",
                    U,
                    to=_PLACE,
                    update=False,
                    input_doc="IRI of where the event happens (vf:atLocation).",
                ),
                _f(
                    "toLocation",
                    U,
                    to=_PLACE,
                    update=False,
                    input_doc="IRI of where a move or transfer takes the resource (vf:toLocation).",
                ),
                _f(
                    "state",
                    S,
                    update=False,
                    out=NO,
                    input_doc="The state the event leaves the resource in (vf:state).",
                ),
                # The event that last changed the same resource before this one (the per-resource breadcrumb
                # that track and trace follow); set by the ledger, never by clients.
                _f("previousEvent", RS, vfg=True, derived=True, graphql=False),
                PRIVATE,
                # On an output: its weight when the process's footprint is shared among its outputs
                # (docs/footprints.md, rule 3); without any, outputs share by quantity.
                _f(
                    "footprintShare",
                    DEC,
                    vfg=True,
                    update=False,
                    input_doc="On an output: its weight when the process's footprint is shared among its "
                    "outputs (without any declared weight, outputs share by quantity).",
                ),
            ),
            # True when recording the event also moved rights to the receiver (ValueFlows 1.0).
            also=(_f("impliedTransfer", B),),
            lists=(
                Related("triggers", _EV, via=("triggeredBy",), page=False),
                Related("fulfills", Kind.FULFILLMENT, via=("fulfilledBy",), page=False),
                Related("satisfies", Kind.SATISFACTION, via=("satisfiedBy",), page=False),
                Related("settles", Kind.SETTLEMENT, via=("settledBy",), page=False),
                Related("appreciationOf", Kind.APPRECIATION, via=("appreciationOf",), page=False),
                Related("appreciationWith", Kind.APPRECIATION, via=("appreciationWith",), page=False),
            ),
            special=("deletable", "previous", "next", "track", "trace"),
            filter="EconomicEventFilterParams",
            # createEconomicEvent and updateEconomicEvent are hand-written (api/mutation.py): an event may
            # bring a new resource about, and events are history (never deleted).
            mutations=Mutations(create=None, update=None, delete=None, arg="event"),
        ),
        # -- intent, commitment, fulfillment, satisfaction -------------------------------------------------
        KindSpec(
            _INT,
            (
                ACTION_FIELD,
                _f("name", S),
                PROVIDER,
                RECEIVER,
                _INPUT_OF,
                _OUTPUT_OF,
                _INVENTORIED,
                _CONFORMS,
                _CLASSIFIED,
                RESOURCE_QUANTITY,
                EFFORT_QUANTITY,
                _f("availableQuantity", M),
                _f("minimumQuantity", M),
                BEGINNING,
                END,
                POINT_IN_TIME,
                _DUE,
                _FINISHED,
                IMAGE,
                IMAGES,
                NOTE,
                _AGREED_IN,
                _f("atLocation", U, to=_PLACE),
                IN_SCOPE,
                _PLANNED_WITHIN,
                _f("stage", R, to=_PS, graphql=False),
                _f("state", S, graphql=False),
                PRIVATE,
                # What the satisfactions of the intent account for so far; kept by the ledger
                # (docs/planning.md).
                _f(
                    "satisfiedQuantity",
                    M,
                    vfg=True,
                    derived=True,
                    doc="What the satisfactions of this intent account for so far (vfgraph).",
                ),
            ),
            lists=(
                Related("publishedIn", Kind.PROPOSED_INTENT, via=("publishes",), page=False),
                Related("satisfiedBy", Kind.SATISFACTION, via=("satisfies",), page=False),
            ),
            special=("deletable", "remainingQuantity"),
            filter="IntentFilterParams",
        ),
        KindSpec(
            _COM,
            (
                _fixed(ACTION_FIELD),
                _f("provider", R, to=AGENT, create=REQ, out=REQ),
                _f("receiver", R, to=AGENT, create=REQ, out=REQ),
                _INPUT_OF,
                _OUTPUT_OF,
                _INVENTORIED,
                _CONFORMS,
                _CLASSIFIED,
                RESOURCE_QUANTITY,
                EFFORT_QUANTITY,
                BEGINNING,
                END,
                POINT_IN_TIME,
                _DUE,
                _f("created", D, create=NO, update=False, fallback="createdAt"),
                _FINISHED,
                NOTE,
                _AGREED_IN,
                _f("atLocation", U, to=_PLACE),
                IN_SCOPE,
                _f("clauseOf", R, to=_AGR),
                _f("independentDemandOf", R, to=_PLAN),
                _PLANNED_WITHIN,
                _STAGE,
                _f("state", S, graphql=False),
                PRIVATE,
                # What the fulfillments of the commitment account for so far; kept by the ledger
                # (docs/planning.md).
                _f(
                    "fulfilledQuantity",
                    M,
                    vfg=True,
                    derived=True,
                    doc="What the fulfillments of this commitment account for so far (vfgraph).",
                ),
            ),
            lists=(
                Related("fulfilledBy", Kind.FULFILLMENT, via=("fulfills",), page=False),
                Related("satisfies", Kind.SATISFACTION, via=("satisfiedBy",), page=False),
            ),
            special=("deletable", "involvedAgents", "remainingQuantity"),
            filter="CommitmentFilterParams",
        ),
        # vf-graphql's link records (ValueFlows 1.0 states vf:fulfills / vf:satisfies / vf:settles directly
        # on the flow; vfgraph keeps the link as a record of its own, with the quantity it accounts for).
        _link_kind(Kind.FULFILLMENT, "fulfilledBy", _EV, "fulfills", _COM),
        _link_kind(Kind.SATISFACTION, "satisfiedBy", EVENT_OR_COMMITMENT, "satisfies", _INT),
        _link_kind(
            Kind.SETTLEMENT,
            "settledBy",
            _EV,
            "settles",
            Kind.CLAIM,
            quantity="vfgraph: when neither quantity is given, what the settling event moved.",
        ),
        # -- proposal ------------------------------------------------------------------------------------
        KindSpec(
            Kind.PROPOSAL,
            (
                _f("name", S),
                BEGINNING,
                END,
                _f("unitBased", B),
                _fixed(CREATED),
                NOTE,
                IN_SCOPE,
                _f("eligibleLocation", U, to=_PLACE),
            ),
            lists=(
                Related("publishes", Kind.PROPOSED_INTENT, via=("publishedIn",), page=False),
                Related("publishedTo", Kind.PROPOSED_TO, via=("proposed",), page=False),
                Related("primaryIntents", _INT, path=True, page=False),
                Related("reciprocalIntents", _INT, path=True, page=False),
            ),
            special=("creator",),
            filter="ProposalFilterParams",
        ),
        KindSpec(
            Kind.PROPOSED_INTENT,
            (
                _f("publishedIn", R, to=Kind.PROPOSAL, create=REQ, out=REQ),
                _f("publishes", R, to=_INT, create=REQ, out=REQ),
                _f("reciprocal", B),
            ),
            one=None,
            many=None,
            mutations=Mutations(create="proposeIntent", update=None, flat=True),
        ),
        KindSpec(
            Kind.PROPOSED_TO,
            (
                _f("proposed", R, to=Kind.PROPOSAL, create=REQ, out=REQ),
                _f("proposedTo", R, to=AGENT, create=REQ, out=REQ),
            ),
            one=None,
            many=None,
            mutations=Mutations(create="proposeTo", update=None, flat=True),
        ),
        # -- plan, agreement -----------------------------------------------------------------------------
        KindSpec(
            _PLAN,
            (NAME, CREATED, _DUE, NOTE, IN_SCOPE, _f("refinementOf", R, vfg=True, to=_SCENARIO)),
            lists=(
                Related("involvedAgents", AGENT, path=True),
                Related("independentDemands", _COM, via=("independentDemandOf",), page=False),
                Related("nonProcessCommitments", _COM, path=True, page=False),
                Related(
                    "processes", _PROC, via=("plannedWithin",), page=False, filter="PlanProcessFilterParams"
                ),
            ),
            special=("deletable",),
        ),
        KindSpec(
            _AGR,
            (_f("name", S), CREATED, NOTE),
            lists=(
                Related("involvedAgents", AGENT, path=True),
                Related("commitments", _COM, via=("clauseOf",), page=False),
                Related("economicEvents", _EV, via=("realizationOf",), page=False),
                Related("unplannedEconomicEvents", _EV, path=True, page=False),
            ),
            # vf-graphql takes these inputs as optional.
            mutations=Mutations(optional_arg=True),
        ),
        # -- claim ---------------------------------------------------------------------------------------
        KindSpec(
            Kind.CLAIM,
            (
                ACTION_FIELD,
                PROVIDER,
                RECEIVER,
                _f("triggeredBy", R, to=_EV, create=REQ, out=REQ),
                _CONFORMS,
                _CLASSIFIED,
                RESOURCE_QUANTITY,
                EFFORT_QUANTITY,
                _DUE,
                _f("created", D),
                _FINISHED,
                NOTE,
                _AGREED_IN,
                IN_SCOPE,
                # Kept by the ledger from the claim's settlements (docs/contributions.md).
                _f(
                    "settledQuantity",
                    M,
                    vfg=True,
                    derived=True,
                    doc="vfgraph: what the claim's settlements have paid so far (in the claim's unit).",
                ),
                _f(
                    "remainingQuantity",
                    M,
                    vfg=True,
                    derived=True,
                    doc="vfgraph: what is still owed; the claim is finished when nothing remains.",
                ),
            ),
            lists=(Related("settledBy", Kind.SETTLEMENT, via=("settles",)),),
            filter="ClaimFilterParams",
        ),
        # -- recipe --------------------------------------------------------------------------------------
        KindSpec(
            Kind.RECIPE_PROCESS,
            (
                NAME,
                # Sent as {numericDuration, unitType}, stored as a measure in a time unit (docs/recipes.md).
                _f("hasDuration", M, out=NO, gql=DURATION),
                _f("processClassifiedAs", US),
                _f("processConformsTo", R, to=_PS),
                NOTE,
            ),
            special=("hasDuration",),
            many="recipeProcesses",
        ),
        KindSpec(
            Kind.RECIPE_FLOW,
            (
                ACTION_FIELD,
                _f("resourceConformsTo", R, to=_RSPEC, create=REQ, out=REQ),
                RESOURCE_QUANTITY,
                EFFORT_QUANTITY,
                _f("recipeInputOf", R, to=Kind.RECIPE_PROCESS),
                _f("recipeOutputOf", R, to=Kind.RECIPE_PROCESS),
                _f("recipeClauseOf", R, to=Kind.RECIPE_EXCHANGE),
                _STAGE,
                _f("state", S, doc="The state a resource must be in to be used for this flow (vf:state)."),
                NOTE,
            ),
        ),
        KindSpec(Kind.RECIPE_EXCHANGE, (NAME, NOTE)),
        # -- scenario, appreciation: vf-graphql modules whose terms ValueFlows 1.0 dropped (vfg:) ----------
        KindSpec(
            _SCENARIO,
            (
                NAME,
                BEGINNING,
                END,
                _f("definedAs", R, to=Kind.SCENARIO_DEFINITION),
                _f("refinementOf", R, to=_SCENARIO),
                NOTE,
                IN_SCOPE,
            ),
            lists=(
                Related("refinements", _SCENARIO, via=("refinementOf",), page=False),
                Related("plans", _PLAN, via=("refinementOf",), page=False),
                Related("processes", _PROC, via=("nestedIn",)),
            ),
            # vf-graphql names the argument of both scenario modules' mutations "plan".
            mutations=Mutations(arg="plan"),
        ),
        KindSpec(
            Kind.SCENARIO_DEFINITION,
            (NAME, _f("hasDuration", M, out=NO, gql=DURATION), NOTE),
            lists=(Related("scenarios", _SCENARIO, via=("definedAs",)),),
            special=("hasDuration",),
            mutations=Mutations(arg="plan"),
        ),
        KindSpec(
            Kind.APPRECIATION,
            (
                _f("appreciationOf", R, to=_EV, create=REQ, out=REQ),
                _f("appreciationWith", R, to=_EV, create=REQ, out=REQ),
                NOTE,
            ),
            one_required=True,
        ),
        # -- ecological limits (docs/limits.md): a ceiling or floor on an indicator, and its shares ---------
        KindSpec(
            Kind.THRESHOLD,
            (
                NAME,
                _f("thresholdType", S, create=REQ, gql="ThresholdType"),  # "ceiling" or "floor"
                _f(
                    "value",
                    M,
                    rdf="thresholdValue",
                    create=REQ,
                    doc="What the threshold allows or requires per period.",
                ),
                _f(
                    "indicator",
                    R,
                    to=_RSPEC,
                    create=REQ,
                    input_doc="The ResourceSpecification it limits.",
                ),
                _f("inScopeOf", RS, to=AGENT, out=REQ),
                _f("atLocation", U),
                BEGINNING,
                END,
                # An ISO 8601 duration: the threshold's value is per period of this length.
                _f(
                    "period",
                    S,
                    doc="An ISO 8601 duration (P1Y): the value is per period of this length.",
                    input_doc="An ISO 8601 duration (P1Y): the value is per period of this length.",
                ),
                _f("source", U),
                NOTE,
            ),
            doc="A ceiling or floor on an indicator, for a scope and a period (docs/limits.md).",
            lists=(Related("allocations", Kind.ALLOCATION, via=("threshold",)),),
        ),
        KindSpec(
            Kind.ALLOCATION,
            (
                _f("threshold", R, "ALLOCATES", to=Kind.THRESHOLD, input_doc="For a top allocation."),
                _f(
                    "parent",
                    R,
                    "PART_OF_ALLOCATION",
                    rdf="parentAllocation",
                    to=Kind.ALLOCATION,
                    input_doc="For a nested allocation.",
                ),
                _f(
                    "allocatedTo",
                    R,
                    create=REQ,
                    out=NO,
                    input_doc="An Agent or a ResourceSpecification.",
                ),
                _f(
                    "share",
                    DEC,
                    doc="A fraction (0 to 1) of what it is part of.",
                    input_doc="A fraction from 0 to 1.",
                ),
                _f(
                    "quantity",
                    M,
                    rdf="allocatedQuantity",
                    doc="A fixed amount, instead of a share.",
                    input_doc="A fixed amount instead.",
                ),
                NOTE,
            ),
            doc="A part of a threshold or of a larger allocation (docs/limits.md).",
            # What it is allocated to, read as an agent or as a resource specification (one of them is null).
            also=(
                _f("allocatedToAgent", R, to=AGENT, source="allocatedTo"),
                _f("allocatedToResourceSpecification", R, to=_RSPEC, source="allocatedTo"),
            ),
            lists=(Related("allocations", Kind.ALLOCATION, via=("parent",)),),
        ),
        # -- contribution accounting (docs/contributions.md) ----------------------------------------------
        # An equation is written with its buckets, in order (createValueEquation is hand-written); its buckets
        # are fixed once written (a recorded distribution must stay explainable): a new equation replaces one.
        KindSpec(
            Kind.VALUE_EQUATION,
            (NAME, NOTE, _f("inScopeOf", RS, to=SCOPE, update=False)),
            doc="A rule for sharing an income among the agents whose contributions earned it.",
            lists=(Related("buckets", Kind.VALUE_BUCKET, via=("bucketOf",), page=False, shown=False),),
            special=("buckets",),
            mutations=Mutations(
                create=None,
                arg="equation",
                update_doc="An equation's name and note; its buckets are fixed once written.",
                create_input=False,
            ),
        ),
        KindSpec(
            Kind.VALUE_BUCKET,
            (
                _f("bucketOf", R, update=False, graphql=False),
                _f("position", DEC, update=False, out=REQ, gql=INT),
                _f("name", S, update=False),
                # The fraction of the income the bucket hands out, in [0, 1].
                _f("share", DEC, update=False, out=REQ),
                # The vf: action individuals whose events count as contributions (the output is `actions`).
                _f("countsActions", US, update=False, out=NO),
                _f(
                    "weighting", S, update=False, out=REQ, gql="ValueWeighting"
                ),  # effort | resource... | fixed
                # The weight of each counted event when the weighting is fixed.
                _f("fixedWeight", DEC, update=False),
                _f("resourceClassifiedAs", US, update=False),  # optional filter: the event must carry one
                _f("resourceConformsTo", R, to=_RSPEC, update=False),  # optional filter on the specification
            ),
            doc="One part of a value equation: a share of the income and the rule picking contributions.",
            special=("actions",),
            one=None,
            many=None,
            mutations=None,
        ),
        # A recorded distribution of one income by one equation (at most one per pair).
        KindSpec(
            Kind.VALUE_DISTRIBUTION,
            (
                _f("distributes", R, to=_EV, update=False, out=REQ),
                _f("followsEquation", R, to=Kind.VALUE_EQUATION, update=False, out=REQ),
                _f("distributedAs", S, update=False, out=REQ, gql="DistributeAs"),  # CLAIMS | EVENTS
                NOTE,
            ),
            doc="The record that an income was shared out by an equation (at most one per pair).",
            many=None,
            mutations=None,
        ),
    )
}

INTERFACES: Mapping[str, InterfaceSpec] = {AGENT: AGENT_INTERFACE}


def spec(kind: Kind) -> KindSpec:
    return KINDS[kind]


def related_lists() -> dict[str, Related]:
    """Every nested list of the table, by ``<Type>.<field>`` (an interface's once, under its name)."""
    out: dict[str, Related] = {}
    for owner, lists in [(s.type_name, s.lists) for s in KINDS.values()] + [
        (i.name, i.lists) for i in INTERFACES.values()
    ]:
        for r in lists:
            out[f"{owner}.{r.name}"] = r
    return out
