"""PACT (docs/pact.md): clients and their tokens, remote hosts (peers), footprint snapshots, the job queue.

None of these nodes is a ``:Record``: they are not ValueFlows records and the generic record reads never
see them. Footprints are exported as linked data by :mod:`vfgraph.pact.rdf`.

    (:PactClient {id, name, agent, salt, hash, createdAt, revokedAt})      a credential a data recipient
                                                                            uses on this host (hashed)
    (:PactToken {id, client, agent, salt, hash, expiresAt, createdAt})     an access token (hashed)
    (:PactPeer {id, name, url, host, authUrl, clientId, secret, agent})    another PACT host and vfgraph's
                                                                            credentials there (encrypted)
    (:PactSeries {key, declarations})                                      one product of one owner: what
                                                                            its snapshots share
    (:ProductFootprint {id, pfId, origin, status, document, ...})          a snapshot, published here or
                                                                            received from a peer
    (:PactJob {id, kind, status, payload, attempts, nextAttemptAt, ...})   work for the background worker:
                                                                            answer a request, fetch from a
                                                                            peer (docs/pact.md)

Date-times that statements compare (validity, expiry, job times) are Neo4j DATETIME values; the footprint
document is the PACT JSON text without its ``status`` (the one property a snapshot changes).
"""

from __future__ import annotations

SCHEMA: tuple[str, ...] = (
    "CREATE CONSTRAINT pact_client_id IF NOT EXISTS FOR (n:PactClient) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT pact_token_id IF NOT EXISTS FOR (n:PactToken) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT pact_peer_id IF NOT EXISTS FOR (n:PactPeer) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT pact_series_key IF NOT EXISTS FOR (n:PactSeries) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT product_footprint_id IF NOT EXISTS FOR (n:ProductFootprint) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX product_footprint_pf_id IF NOT EXISTS FOR (n:ProductFootprint) ON (n.pfId)",
    "CREATE CONSTRAINT pact_job_id IF NOT EXISTS FOR (n:PactJob) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX product_footprint_owner IF NOT EXISTS FOR (n:ProductFootprint) ON (n.agent, n.created)",
    "CREATE INDEX product_footprint_series IF NOT EXISTS FOR (n:ProductFootprint) ON (n.series)",
    "CREATE INDEX pact_job_due IF NOT EXISTS FOR (n:PactJob) ON (n.status, n.nextAttemptAt)",
)

# -- clients and tokens ---------------------------------------------------------------------------------

CREATE_CLIENT = """
CREATE (c:PactClient {id: $id, name: $name, agent: $agent, salt: $salt, hash: $hash, createdAt: $now})
RETURN c.id AS id
"""

GET_CLIENT = """
MATCH (c:PactClient {id: $id}) WHERE c.revokedAt IS NULL
RETURN c.id AS id, c.agent AS agent, c.salt AS salt, c.hash AS hash
"""

LIST_CLIENTS = """
MATCH (c:PactClient)
RETURN c.id AS id, c.name AS name, c.agent AS agent, c.createdAt AS createdAt, c.revokedAt AS revokedAt
ORDER BY c.createdAt
"""

# Revoking a client ends its tokens at once.
REVOKE_CLIENT = """
MATCH (c:PactClient {id: $id}) WHERE c.revokedAt IS NULL
SET c.revokedAt = $now
WITH c
OPTIONAL MATCH (t:PactToken {client: c.id})
DELETE t
RETURN DISTINCT c.id AS id
"""

# Tokens expired for longer than $forgetBefore are forgotten when a new one is issued (until then, a
# request with one is told TokenExpired rather than that the token is unknown).
CREATE_TOKEN = """
OPTIONAL MATCH (old:PactToken) WHERE old.expiresAt < $forgetBefore
DELETE old
WITH count(*) AS _
CREATE (t:PactToken {id: $id, client: $client, agent: $agent, salt: $salt, hash: $hash,
                     expiresAt: $expiresAt, createdAt: $now})
RETURN t.id AS id
"""

GET_TOKEN = """
MATCH (t:PactToken {id: $id})
MATCH (c:PactClient {id: t.client}) WHERE c.revokedAt IS NULL
RETURN t.id AS id, t.client AS client, t.agent AS agent, t.salt AS salt, t.hash AS hash,
       t.expiresAt AS expiresAt
"""

IS_AGENT = "MATCH (a:Agent {id: $id}) RETURN a.id AS id, a.name AS name"

# -- peers ----------------------------------------------------------------------------------------------

CREATE_PEER = """
CREATE (p:PactPeer {id: $id, name: $name, url: $url, host: $host, authUrl: $authUrl, clientId: $clientId,
                    secret: $secret, agent: $agent, createdAt: $now})
RETURN p.id AS id
"""

_PEER = """p.id AS id, p.name AS name, p.url AS url, p.host AS host, p.authUrl AS authUrl,
       p.clientId AS clientId, p.secret AS secret, p.agent AS agent, p.createdAt AS createdAt"""

GET_PEER = "MATCH (p:PactPeer {id: $id}) RETURN " + _PEER

PEERS_BY_HOST = "MATCH (p:PactPeer {host: $host}) RETURN " + _PEER + " ORDER BY p.createdAt"

LIST_PEERS = "MATCH (p:PactPeer) RETURN " + _PEER + " ORDER BY p.createdAt"

REMOVE_PEER = "MATCH (p:PactPeer {id: $id}) DELETE p RETURN $id AS id"

# -- footprints -----------------------------------------------------------------------------------------

# Taken first in a publication's transaction: two publications of one product serialise on the series.
LOCK_SERIES = """
MERGE (s:PactSeries {key: $key})
ON CREATE SET s.createdAt = $now
SET s.writes = coalesce(s.writes, 0) + 1
RETURN s.declarations AS declarations
"""

SET_SERIES_DECLARATIONS = "MATCH (s:PactSeries {key: $key}) SET s.declarations = $declarations"

SERIES_DECLARATIONS = "MATCH (s:PactSeries {key: $key}) RETURN s.declarations AS declarations"

_FOOTPRINT = """f.id AS id, f.pfId AS pfId, f.origin AS origin, f.status AS status, f.created AS created,
       f.document AS document, f.series AS series, f.agent AS agent,
       f.resourceSpecification AS resourceSpecification, f.precedingPfIds AS precedingPfIds,
       f.peer AS peer, f.source AS source, f.indicator AS indicator, f.perUnit AS perUnit, f.unit AS unit,
       f.indicatorUnit AS indicatorUnit, f.takenAt AS takenAt, f.deprecatedAt AS deprecatedAt"""

ACTIVE_IN_SERIES = """
MATCH (f:ProductFootprint {series: $series, status: 'Active'})
RETURN f.id AS id, f.pfId AS pfId, f.precedingPfIds AS precedingPfIds
ORDER BY f.created
"""

# A snapshot never changes but for its status, once, to Deprecated.
DEPRECATE = """
MATCH (f:ProductFootprint) WHERE f.id IN $ids AND f.status = 'Active'
SET f.status = 'Deprecated', f.deprecatedAt = $now
RETURN f.id AS id
"""

CREATE_FOOTPRINT = """
CREATE (f:ProductFootprint)
SET f = $props
RETURN f.id AS id
"""

# A PACT id names one published snapshot, and at most one received one (the same id may be both when a
# ledger takes footprints from a host that shares its database, as the tests do).
FOOTPRINT_BY_PF_ID = (
    "MATCH (f:ProductFootprint {pfId: $pfId}) WHERE $origin IS NULL OR f.origin = $origin RETURN "
    + _FOOTPRINT
    + " ORDER BY f.origin DESC LIMIT 1"
)

FOOTPRINT_BY_ID = "MATCH (f:ProductFootprint {id: $id}) RETURN " + _FOOTPRINT

# The PACT filters (docs/pact.md): OR within a criterion, AND across criteria; the *Keys properties hold
# the lower-cased values (matching is case-insensitive); validFrom/validTo is the validity period, or the
# three years after the reference period when the snapshot declares none. Paged by (created, pfId).
PUBLISHED_MATCHING = """
MATCH (f:ProductFootprint {origin: 'published', agent: $agent})
WHERE ($afterCreated IS NULL OR f.created > $afterCreated
       OR (f.created = $afterCreated AND f.pfId > $afterId))
  AND ($productIds IS NULL OR any(x IN f.productKeys WHERE x IN $productIds))
  AND ($companyIds IS NULL OR any(x IN f.companyKeys WHERE x IN $companyIds))
  AND ($geography IS NULL OR any(x IN f.geographyKeys WHERE x IN $geography))
  AND ($classifications IS NULL OR any(x IN f.classificationKeys WHERE x IN $classifications))
  AND ($validOn IS NULL OR (f.validFrom <= $validOn AND $validOn <= f.validTo))
  AND ($validAfter IS NULL OR f.validFrom > $validAfter)
  AND ($validBefore IS NULL OR f.validTo < $validBefore)
  AND ($statuses IS NULL OR toLower(f.status) IN $statuses)
RETURN f.pfId AS pfId, f.status AS status, f.created AS created, f.document AS document
ORDER BY f.created, f.pfId
LIMIT $limit
"""

# For GraphQL, by IRI: the published snapshots, and the received ones of the viewing agent (all of them for
# operators: $everything).
FOOTPRINTS_PAGE = (
    """
MATCH (f:ProductFootprint)
WHERE ($everything OR f.origin = 'published' OR f.agent = $viewing)
  AND ($origin IS NULL OR f.origin = $origin)
  AND ($agent IS NULL OR f.agent = $agent)
  AND ($resourceSpecification IS NULL OR f.resourceSpecification = $resourceSpecification)
  AND ($status IS NULL OR f.status = $status)
  AND ($after IS NULL OR f.id > $after)
RETURN """
    + _FOOTPRINT
    + """
ORDER BY f.id
LIMIT $limit
"""
)

ALL_FOOTPRINTS = (
    "MATCH (f:ProductFootprint) WHERE f.id > $after RETURN " + _FOOTPRINT + " ORDER BY f.id LIMIT $limit"
)

# Supplier footprints in force for the (supplier, product) pairs a roll-up meets, latest taken first.
DECLARED_FOR = """
UNWIND $pairs AS pair
MATCH (f:ProductFootprint {origin: 'received', status: 'Active', agent: pair[0],
                           resourceSpecification: pair[1]})
RETURN f.id AS id, f.agent AS agent, f.resourceSpecification AS resourceSpecification,
       f.indicator AS indicator, f.perUnit AS perUnit, f.unit AS unit, f.indicatorUnit AS indicatorUnit,
       f.takenAt AS takenAt
ORDER BY f.takenAt DESC
"""

# What a later version of a received footprint replaces (its precedingPfIds).
RECEIVED_SERIES_OF = """
MATCH (f:ProductFootprint {origin: 'received'}) WHERE f.pfId IN $pfIds
RETURN f.series AS series, f.resourceSpecification AS resourceSpecification, f.indicator AS indicator,
       f.agent AS agent
ORDER BY f.takenAt DESC
LIMIT 1
"""

# -- the roll-up a publication starts from --------------------------------------------------------------

# The outputs of a product by an agent in a window: events out of a process, conforming to the specification
# (their resourceConformsTo or their resource's conformsTo), by the agent as provider, not received by an
# ecological agent (an emission is no product).
PRODUCT_OUTPUTS = """
MATCH (e:EconomicEvent)-[:OUTPUT_OF]->(p:Process)
MATCH (e)-[:PROVIDER]->(:Agent {id: $agent})
MATCH (e)-[:RECEIVER]->(receiver:Agent)
WHERE e.action IN $actions AND NOT receiver:EcologicalAgent
  AND ($from IS NULL OR coalesce(e.hasPointInTime, e.hasEnd, e.hasBeginning) >= $from)
  AND ($to IS NULL OR coalesce(e.hasPointInTime, e.hasEnd, e.hasBeginning) < $to)
OPTIONAL MATCH (e)-[:RESOURCE_CONFORMS_TO]->(s1:ResourceSpecification)
OPTIONAL MATCH (e)-[:RESOURCE_INVENTORIED_AS]->(r:EconomicResource)
OPTIONAL MATCH (r)-[:CONFORMS_TO]->(s2:ResourceSpecification)
WITH e, p, r, coalesce(s1.id, s2.id) AS spec
WHERE spec = $spec
RETURN e.id AS event, p.id AS process, r.id AS resource, r.trackingIdentifier AS trackingIdentifier
ORDER BY e.id
"""

# What a footprint says of the product and of its owner.
PRODUCT_FACTS = """
MATCH (s:ResourceSpecification {id: $spec})
MATCH (a:Agent {id: $agent})
OPTIONAL MATCH (s)-[:DEFAULT_UNIT_OF_RESOURCE]->(u:Unit)
RETURN s.name AS productName, s.note AS productNote, s.resourceClassifiedAs AS classifications,
       a.name AS companyName, u.id AS unit, u.label AS unitLabel, u.symbol AS unitSymbol,
       u.omUnitIdentifier AS unitOm
"""

UNIT_OF = """
MATCH (u:Unit {id: $id})
RETURN u.id AS id, u.label AS label, u.symbol AS symbol, u.omUnitIdentifier AS om
"""

SPEC_UNITS = """
MATCH (s:ResourceSpecification {id: $id})
OPTIONAL MATCH (s)-[:DEFAULT_UNIT_OF_RESOURCE]->(u:Unit)
RETURN s.id AS id, u.id AS unit, u.label AS label, u.symbol AS symbol, u.omUnitIdentifier AS om
"""

# -- jobs -----------------------------------------------------------------------------------------------

# A job is written once per id (an event's source and id): a retried event does not queue twice.
ENQUEUE_JOB = """
MERGE (j:PactJob {id: $id})
ON CREATE SET j += $props, j.fresh = true
ON MATCH SET j.fresh = false
RETURN j.fresh AS fresh
"""

CLAIM_DUE_JOBS = """
MATCH (j:PactJob {status: 'pending'})
WHERE j.nextAttemptAt <= $now AND (j.leaseUntil IS NULL OR j.leaseUntil < $now)
WITH j ORDER BY j.nextAttemptAt LIMIT $limit
SET j.leaseUntil = $leaseUntil, j.attempts = coalesce(j.attempts, 0) + 1
RETURN j.id AS id, j.kind AS kind, j.payload AS payload, j.peer AS peer, j.client AS client,
       j.agent AS agent, j.attempts AS attempts, j.createdAt AS createdAt
"""

FINISH_JOB = """
MATCH (j:PactJob {id: $id})
SET j.status = $status, j.doneAt = $now, j.leaseUntil = null, j.lastError = $error, j.outcome = $outcome
"""

RETRY_JOB = """
MATCH (j:PactJob {id: $id})
SET j.nextAttemptAt = $next, j.leaseUntil = null, j.lastError = $error
"""

GET_JOB = """
MATCH (j:PactJob {id: $id})
RETURN j.id AS id, j.kind AS kind, j.status AS status, j.attempts AS attempts, j.lastError AS lastError,
       j.outcome AS outcome, j.payload AS payload
"""

NEXT_DUE = """
MATCH (j:PactJob {status: 'pending'})
RETURN min(j.nextAttemptAt) AS next
"""
