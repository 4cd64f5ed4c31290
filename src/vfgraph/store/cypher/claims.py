"""The statements claims, settlements and value distributions write and read with (docs/contributions.md)."""

from __future__ import annotations

# The parties and quantities of an economic event (a claim's trigger, a settlement's paying event).
EVENT_FACTS = """
MATCH (e:EconomicEvent {id: $id})
RETURN e.id AS id, e.action AS action,
       [(e)-[:PROVIDER]->(a) | a.id][0] AS provider,
       [(e)-[:RECEIVER]->(a) | a.id][0] AS receiver,
       e.resourceQuantityValue AS resourceQuantityValue, e.resourceQuantityUnit AS resourceQuantityUnit,
       e.effortQuantityValue AS effortQuantityValue, e.effortQuantityUnit AS effortQuantityUnit
"""

# Locks a claim (SET takes the write lock, held to the end of the transaction, so concurrent settlements
# of one claim serialise) and reads its quantities, its trigger's parties and every settlement's payment.
# Read after the lock, the settlements include those committed by a transaction that held it before.
LOCK_CLAIM = """
MATCH (c:Claim {id: $id})
SET c.rev = c.rev
WITH c
RETURN c {
  .id, .involved, .resourceQuantityValue, .resourceQuantityUnit, .effortQuantityValue, .effortQuantityUnit
} AS claim,
[(c)-[:TRIGGERED_BY]->(e)-[:PROVIDER|RECEIVER]->(a) | a.id] AS triggerParties,
[(s:Settlement)-[:SETTLES]->(c) | s {
  .id, .resourceQuantityValue, .resourceQuantityUnit, .effortQuantityValue, .effortQuantityUnit
}] AS settlements
"""

# The derived measures of a claim, and whether it is finished; $bump: a settlement changed the claim, so
# its revision moves on (a claim's own write has already counted its revision).
SET_CLAIM_TOTALS = """
MATCH (c:Claim {id: $id})
SET c.settledQuantityValue = $settledValue, c.settledQuantityUnit = $unit,
    c.remainingQuantityValue = $remainingValue, c.remainingQuantityUnit = $unit,
    c.finished = coalesce($finished, c.finished),
    c.rev = CASE WHEN $bump THEN c.rev + 1 ELSE c.rev END
"""

# Who a claim or settlement involves (who may change it, who may see it were it private).
SET_INVOLVED = """
MATCH (n:Record {id: $id})
SET n.involved = $involved
"""

# A settlement that named no quantity pays what its event moved.
SET_SETTLEMENT_QUANTITY = """
MATCH (s:Settlement {id: $id})
SET s += $props
"""
