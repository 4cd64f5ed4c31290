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

    @property
    def is_agent(self) -> bool:
        return self in AGENT_KINDS

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
