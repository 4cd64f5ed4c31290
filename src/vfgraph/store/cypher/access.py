"""The statements of the write policy (:mod:`vfgraph.services.authorization`): whom an agent acts for.

``MEMBER_OF``: the organisations ``$agent`` is the subject of a relationship with, each with the role's label
and whether the organisation itself (or an operator, who writes as no agent) last wrote the relationship.
The policy decides which of them count (docs/security.md, "Acting for an organisation").
"""

from __future__ import annotations

MEMBER_OF = """
MATCH (:Agent {id: $agent})<-[:SUBJECT]-(rel:AgentRelationship)-[:OBJECT]->(org:Organization)
MATCH (rel)-[:RELATIONSHIP]->(role:AgentRelationshipRole)
RETURN org.id AS organization, role.roleLabel AS role,
       (rel.updatedBy IS NULL OR rel.updatedBy = org.id) AS statedByOrganization
"""
