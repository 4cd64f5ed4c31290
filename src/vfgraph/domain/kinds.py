"""The record kinds vfgraph stores, and the one fixed table from kind to Neo4j labels.

Every Cypher statement takes its labels from here (never from user input), so the mapping in
docs/graph-model.md has a single source.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """A kind of record; the value is the ValueFlows class name, which is also the Neo4j label."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    ECOLOGICAL_AGENT = "EcologicalAgent"
    UNIT = "Unit"
    RESOURCE_SPECIFICATION = "ResourceSpecification"
    PROCESS_SPECIFICATION = "ProcessSpecification"
    PROCESS = "Process"
    ECONOMIC_RESOURCE = "EconomicResource"
    ECONOMIC_EVENT = "EconomicEvent"
    AGENT_RELATIONSHIP = "AgentRelationship"
    AGENT_RELATIONSHIP_ROLE = "AgentRelationshipRole"
    SPATIAL_THING = "SpatialThing"
    BATCH_LOT_RECORD = "BatchLotRecord"  # vf-graphql's ProductBatch
    # The planning layer (vf-graphql intent ... recipe modules).
    INTENT = "Intent"
    COMMITMENT = "Commitment"
    FULFILLMENT = "Fulfillment"
    SATISFACTION = "Satisfaction"
    PROPOSAL = "Proposal"
    PROPOSED_INTENT = "ProposedIntent"
    PROPOSED_TO = "ProposedTo"
    PLAN = "Plan"
    AGREEMENT = "Agreement"
    CLAIM = "Claim"
    SETTLEMENT = "Settlement"
    RECIPE_PROCESS = "RecipeProcess"
    RECIPE_FLOW = "RecipeFlow"
    RECIPE_EXCHANGE = "RecipeExchange"
    # vf-graphql's scenario and appreciation modules (terms ValueFlows 1.0 dropped: vfgraph's namespace).
    SCENARIO = "Scenario"
    SCENARIO_DEFINITION = "ScenarioDefinition"
    APPRECIATION = "Appreciation"
    # Ecological limits (docs/limits.md), in vfgraph's namespace.
    THRESHOLD = "Threshold"
    ALLOCATION = "Allocation"
    # Contribution accounting (vfgraph's own: docs/contributions.md).
    VALUE_EQUATION = "ValueEquation"
    VALUE_BUCKET = "ValueBucket"
    VALUE_DISTRIBUTION = "ValueDistribution"

    @property
    def is_agent(self) -> bool:
        return self in AGENT_KINDS

    @property
    def in_vf(self) -> bool:
        """False for the kinds ValueFlows 1.0 does not define (vf-graphql's link records such as Fulfillment,
        and the agent relationships 1.0 dropped): those are typed in vfgraph's own namespace."""
        return self not in NOT_IN_VF

    @property
    def labels(self) -> str:
        """The Cypher label expression for a new node of this kind, e.g. ``Record:Agent:Person``."""
        return "Record:Agent:" + self.value if self.is_agent else "Record:" + self.value

    @property
    def path(self) -> str:
        """The IRI path segment of this kind, e.g. ``economic-event``."""
        out = []
        for i, ch in enumerate(self.value):
            if ch.isupper() and i:
                out.append("-")
            out.append(ch.lower())
        return "".join(out)


AGENT_KINDS = frozenset({Kind.PERSON, Kind.ORGANIZATION, Kind.ECOLOGICAL_AGENT})

NOT_IN_VF = frozenset(
    {
        Kind.AGENT_RELATIONSHIP,
        Kind.AGENT_RELATIONSHIP_ROLE,
        Kind.FULFILLMENT,
        Kind.SATISFACTION,
        Kind.SETTLEMENT,
        Kind.PROPOSED_INTENT,
        Kind.PROPOSED_TO,
        Kind.THRESHOLD,
        Kind.ALLOCATION,
        Kind.VALUE_EQUATION,
        Kind.VALUE_BUCKET,
        Kind.VALUE_DISTRIBUTION,
        Kind.SCENARIO,
        Kind.SCENARIO_DEFINITION,
        Kind.APPRECIATION,
    }
)
