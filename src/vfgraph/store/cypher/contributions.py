"""The statements value equations and distributions read and write with (docs/contributions.md)."""

from __future__ import annotations

from vfgraph.store.cypher.read import visible

# An income event as the caller may see it: its quantity, parties, resources, what earned it, and what it
# is (its own resourceConformsTo, else its resource's specification).
INCOME_TEMPLATE = """
MATCH (e:EconomicEvent {id: $id}) WHERE VISIBLE_E
RETURN e.id AS id, e.action AS action,
       e.resourceQuantityValue AS resourceQuantityValue, e.resourceQuantityUnit AS resourceQuantityUnit,
       [(e)-[:PROVIDER]->(a) | a.id][0] AS provider,
       [(e)-[:RECEIVER]->(a) | a.id][0] AS receiver,
       [(e)-[:TRIGGERED_BY]->(x) | x.id][0] AS triggeredBy,
       coalesce(
         [(e)-[:RESOURCE_CONFORMS_TO]->(x) | x.id][0],
         [(e)-[:RESOURCE_INVENTORIED_AS]->()-[:CONFORMS_TO]->(x) | x.id][0]
       ) AS resourceConformsTo,
       [(e)-[:TO_RESOURCE_INVENTORIED_AS]->(x) | x.id][0] AS toResourceInventoriedAs
"""
INCOME = INCOME_TEMPLATE.replace("VISIBLE_E", visible("e"))

# An equation's buckets, each with its specification filter (sorted by position in Python: positions
# are exact decimals stored as strings).
EQUATION_BUCKETS = """
MATCH (q:ValueEquation {id: $id})
RETURN q.id AS id,
       [(b:ValueBucket)-[:BUCKET_OF]->(q) | b {
         .id, .position, .name, .share, .countsActions, .weighting, .fixedWeight, .resourceClassifiedAs,
         resourceConformsTo: [(b)-[:RESOURCE_CONFORMS_TO]->(s) | s.id][0]
       }] AS buckets
"""

# The classifications of events (what a bucket's classification filter looks at).
EVENT_CLASSIFICATIONS = """
MATCH (e:EconomicEvent) WHERE e.id IN $ids
RETURN e.id AS id, coalesce(e.resourceClassifiedAs, []) AS classifiedAs
"""

# Locks the income: concurrent distributions of one income serialise on it.
LOCK_INCOME = """
MATCH (e:EconomicEvent {id: $income})
SET e.rev = e.rev
RETURN e.id AS id
"""

# Whether this equation has already distributed this income (run after the lock, in its own statement, so
# it sees what a transaction that held the lock before has committed).
DISTRIBUTED = """
RETURN EXISTS {
  (d:ValueDistribution)-[:DISTRIBUTES]->(:EconomicEvent {id: $income}),
  (d)-[:FOLLOWS_EQUATION]->(:ValueEquation {id: $equation})
} AS distributed
"""

# An equation and its buckets go together, and only while no distribution follows it.
EQUATION_DISTRIBUTIONS = """
MATCH (q:ValueEquation {id: $id})
RETURN COUNT { (:ValueDistribution)-[:FOLLOWS_EQUATION]->(q) } AS distributions
"""

DELETE_EQUATION = """
MATCH (q:ValueEquation {id: $id})
CALL (q) { MATCH (b:ValueBucket)-[:BUCKET_OF]->(q) DETACH DELETE b }
DETACH DELETE q
"""
