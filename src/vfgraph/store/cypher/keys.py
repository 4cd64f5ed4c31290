"""API keys: salted hashes on ``:ApiKey`` nodes (not records: never exported, never listed by the API)."""

from __future__ import annotations

CREATE_KEY = """
CREATE (k:ApiKey {id: $id, name: $name, agent: $agent, operator: $operator, salt: $salt, hash: $hash,
                  createdAt: $now})
RETURN k.id AS id
"""

GET_KEY = """
MATCH (k:ApiKey {id: $id}) WHERE k.revokedAt IS NULL
RETURN k.id AS id, k.agent AS agent, k.operator AS operator, k.salt AS salt, k.hash AS hash
"""

LIST_KEYS = """
MATCH (k:ApiKey)
RETURN k.id AS id, k.name AS name, k.agent AS agent, k.operator AS operator, k.createdAt AS createdAt,
       k.revokedAt AS revokedAt
ORDER BY k.createdAt
"""

REVOKE_KEY = """
MATCH (k:ApiKey {id: $id}) WHERE k.revokedAt IS NULL
SET k.revokedAt = $now
RETURN k.id AS id
"""

IS_AGENT = "MATCH (a:Agent {id: $id}) RETURN a.id AS id"
