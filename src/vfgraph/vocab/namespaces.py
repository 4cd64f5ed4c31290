"""The RDF namespaces vfgraph writes: ValueFlows (``vf:``) and vfgraph's own terms (``vfg:``).

Both are closed (``_fail = True``): asking for a term that is not listed raises ``AttributeError``,
so a typo in a property name fails loudly instead of producing a stray IRI. The lists mirror
``ontology/vf.ttl`` and ``ontology/vfgraph.ttl``; a unit test keeps them in step.
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

VF_IRI = "https://w3id.org/valueflows/ont/vf#"
VFG_IRI = "https://w3id.org/vfgraph/ns#"
SHAPES_IRI = "https://w3id.org/vfgraph/shapes#"


class VF(DefinedNamespace):
    """
    ValueFlows 1.0: the terms vfgraph uses.

    Source: ontology/vf.ttl (vfgraph's rendition of https://w3id.org/valueflows/ont/vf).
    """

    _fail = True

    # Classes
    Agent: URIRef  # someone or something taking part in economic activity
    Person: URIRef  # an individual human agent
    Organization: URIRef  # a group acting as one agent
    EcologicalAgent: URIRef  # a living system treated as an agent
    Unit: URIRef  # a unit of measure
    Measure: URIRef  # a number with its unit
    SpatialThing: URIRef  # a place
    BatchLotRecord: URIRef  # a batch or lot (vf-graphql's ProductBatch)
    ResourceSpecification: URIRef  # a kind of resource
    ProcessSpecification: URIRef  # a kind of process, also a stage
    EconomicResource: URIRef  # a tracked resource
    Process: URIRef  # an activity with inputs and outputs
    EconomicEvent: URIRef  # a recorded economic fact
    Action: URIRef  # the verb of an event
    Intent: URIRef  # a wanted flow, one side open
    Commitment: URIRef  # a promised flow
    Proposal: URIRef  # a published offer or request
    Plan: URIRef  # processes and commitments towards a goal
    Agreement: URIRef  # what commitments are clauses of
    Claim: URIRef  # what is owed after an event
    RecipeProcess: URIRef  # a process template
    RecipeFlow: URIRef  # a flow template
    RecipeExchange: URIRef  # an exchange template

    # Behaviour classes (value sets of the behaviour properties)
    InputOutput: URIRef
    PairsWith: URIRef
    CreateResource: URIRef
    EventQuantity: URIRef
    AccountingEffect: URIRef
    OnhandEffect: URIRef
    LocationEffect: URIRef
    ContainedEffect: URIRef
    AccountableEffect: URIRef
    StageEffect: URIRef
    StateEffect: URIRef

    # Behaviour properties of actions
    inputOutput: URIRef
    pairsWith: URIRef
    createResource: URIRef
    eventQuantity: URIRef
    accountingEffect: URIRef
    onhandEffect: URIRef
    locationEffect: URIRef
    containedEffect: URIRef
    accountableEffect: URIRef
    stageEffect: URIRef
    stateEffect: URIRef

    # Behaviour values
    input: URIRef
    output: URIRef
    outputInput: URIRef
    optional: URIRef
    optionalTo: URIRef
    resource: URIRef
    effort: URIRef
    both: URIRef
    increment: URIRef
    decrement: URIRef
    decrementIncrement: URIRef
    incrementTo: URIRef
    update: URIRef
    updateTo: URIRef
    remove: URIRef
    new: URIRef
    notApplicable: URIRef

    # Actions ("raise" is a Python keyword: see _extras, use VF["raise"])
    accept: URIRef
    cite: URIRef
    combine: URIRef
    consume: URIRef
    copy: URIRef
    deliverService: URIRef
    dropoff: URIRef
    lower: URIRef
    modify: URIRef
    move: URIRef
    pickup: URIRef
    produce: URIRef
    separate: URIRef
    transfer: URIRef
    transferAllRights: URIRef
    transferCustody: URIRef
    use: URIRef
    work: URIRef

    # Descriptive properties
    name: URIRef
    note: URIRef
    image: URIRef
    imageList: URIRef
    classifiedAs: URIRef
    resourceClassifiedAs: URIRef

    # Units and measures
    label: URIRef
    symbol: URIRef
    omUnitIdentifier: URIRef
    hasNumericalValue: URIRef
    hasUnit: URIRef

    # Resource specifications
    defaultUnitOfResource: URIRef
    defaultUnitOfEffort: URIRef
    substitutable: URIRef

    # Processes and time
    hasBeginning: URIRef
    hasEnd: URIRef
    hasPointInTime: URIRef
    finished: URIRef
    inScopeOf: URIRef
    basedOn: URIRef

    # Economic resources
    trackingIdentifier: URIRef
    conformsTo: URIRef
    accountingQuantity: URIRef
    onhandQuantity: URIRef
    unitOfEffort: URIRef
    primaryAccountable: URIRef
    containedIn: URIRef
    stage: URIRef
    state: URIRef
    currentLocation: URIRef
    primaryLocation: URIRef  # an agent's main place
    mappableAddress: URIRef  # a place's address, as mapping software reads it
    lat: URIRef  # WGS84 latitude
    long: URIRef  # WGS84 longitude
    alt: URIRef  # WGS84 altitude
    ofBatchLot: URIRef  # the batch or lot of a resource
    batchLotCode: URIRef  # the code of a batch or lot
    expirationDate: URIRef  # when a batch or lot expires

    # Economic events
    action: URIRef
    provider: URIRef
    receiver: URIRef
    resourceInventoriedAs: URIRef
    toResourceInventoriedAs: URIRef
    resourceQuantity: URIRef
    effortQuantity: URIRef
    resourceConformsTo: URIRef
    inputOf: URIRef
    outputOf: URIRef
    triggeredBy: URIRef
    corrects: URIRef
    toLocation: URIRef

    # Planning
    availableQuantity: URIRef
    minimumQuantity: URIRef
    due: URIRef
    created: URIRef
    clauseOf: URIRef
    independentDemandOf: URIRef
    plannedWithin: URIRef
    realizationOf: URIRef
    unitBased: URIRef
    eligibleLocation: URIRef
    hasDuration: URIRef
    processClassifiedAs: URIRef
    processConformsTo: URIRef
    recipeInputOf: URIRef
    recipeOutputOf: URIRef
    recipeClauseOf: URIRef

    # Pre-1.0 terms that vf-graphql still exposes (declared apart in ontology/vf.ttl)
    atLocation: URIRef
    agreedIn: URIRef

    # Valid non-python identifiers
    _extras = [  # noqa: RUF012 (rdflib DefinedNamespace convention)
        "raise",
    ]

    _NS = Namespace(VF_IRI)


class VFG(DefinedNamespace):
    """
    vfgraph's own terms.

    Source: ontology/vfgraph.ttl
    """

    _fail = True

    revisionId: URIRef  # opaque token that changes on every write of a record
    createdAt: URIRef  # when the record was first stored
    updatedAt: URIRef  # when the record was last changed
    previousEvent: URIRef  # the event that changed the same resource just before
    # claims
    Settlement: URIRef  # an event paying off all or part of a claim
    settles: URIRef  # the claim a settlement pays off
    settledBy: URIRef  # the event that pays
    # contribution accounting
    ValueEquation: URIRef  # how an income is shared among contributors
    ValueBucket: URIRef  # one share of an equation, with the rule selecting contributions
    ValueDistribution: URIRef  # one income shared out by one equation
    bucketOf: URIRef  # the equation of a bucket
    position: URIRef  # the bucket's place in its equation
    countsActions: URIRef  # the actions whose events count for a bucket
    weighting: URIRef  # effort | resourceQuantity | fixed
    fixedWeight: URIRef  # the weight of each event under fixed weighting
    distributes: URIRef  # the income a distribution shared out
    followsEquation: URIRef  # the equation a distribution applied
    distributedAs: URIRef  # CLAIMS | EVENTS

    # Ecological limits (docs/limits.md)
    Threshold: URIRef  # a ceiling or floor on an indicator, for a scope and a period
    Allocation: URIRef  # a part of a threshold or of a larger allocation
    name: URIRef
    note: URIRef
    thresholdType: URIRef  # "ceiling" or "floor"
    thresholdValue: URIRef  # a vf:Measure
    indicator: URIRef  # a vf:ResourceSpecification
    inScopeOf: URIRef
    atLocation: URIRef
    hasBeginning: URIRef
    hasEnd: URIRef
    period: URIRef  # an ISO 8601 duration
    source: URIRef
    threshold: URIRef
    parentAllocation: URIRef
    allocatedTo: URIRef  # an agent or a resource specification
    share: URIRef  # a fraction in [0, 1] (of a threshold, or of an income for a value bucket)
    allocatedQuantity: URIRef  # a vf:Measure

    # PACT product footprints (docs/pact.md)
    ProductFootprint: URIRef  # a PACT footprint snapshot, published or taken from a supplier
    pactId: URIRef  # its PACT id (a UUID)
    pactStatus: URIRef  # Active | Deprecated
    pactPrecedingId: URIRef  # the PACT id of a snapshot it replaces
    footprintOf: URIRef  # the product (a vf:ResourceSpecification)
    dataOwner: URIRef  # the agent whose footprint it is
    pcfExcludingBiogenicUptake: URIRef  # kg CO2e per declared unit
    pactDocument: URIRef  # the PACT document, an rdf:JSON literal

    # Agent relationships (dropped by ValueFlows 1.0, kept by vfgraph)
    AgentRelationship: URIRef
    AgentRelationshipRole: URIRef
    subject: URIRef
    object: URIRef
    relationship: URIRef
    roleLabel: URIRef
    inverseRoleLabel: URIRef
    # vf-graphql modules ValueFlows 1.0 dropped: scenario, appreciation; a batch's production date
    Scenario: URIRef
    ScenarioDefinition: URIRef
    Appreciation: URIRef
    definedAs: URIRef
    refinementOf: URIRef
    nestedIn: URIRef
    hasDuration: URIRef
    appreciationOf: URIRef
    appreciationWith: URIRef
    productionDate: URIRef
    # vf-graphql's link records of the planning layer
    Fulfillment: URIRef
    Satisfaction: URIRef
    ProposedIntent: URIRef
    ProposedTo: URIRef
    fulfilledBy: URIRef
    fulfills: URIRef
    satisfiedBy: URIRef
    satisfies: URIRef
    publishedIn: URIRef
    publishes: URIRef
    reciprocal: URIRef
    proposed: URIRef
    proposedTo: URIRef
    resourceQuantity: URIRef  # the quantity a link record accounts for
    effortQuantity: URIRef
    resourceConformsTo: URIRef  # of a value bucket
    resourceClassifiedAs: URIRef  # of a value bucket
    # privacy, footprint shares, totals kept by the ledger
    private: URIRef
    footprintShare: URIRef
    fulfilledQuantity: URIRef
    satisfiedQuantity: URIRef
    settledQuantity: URIRef
    remainingQuantity: URIRef
    # Pending events and redacted references (docs/security.md)
    PendingEconomicEvent: URIRef  # an event asked for, applied only once a keeper confirms it
    requestStatus: URIRef  # "pending" or "rejected"
    rejectionNote: URIRef  # why a pending event was rejected
    RedactedRecord: URIRef  # a record the reader may not see, standing in for its IRI

    _NS = Namespace(VFG_IRI)
