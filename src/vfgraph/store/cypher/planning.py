"""The planning layer's own statements: keeping commitments and intents up to date with what fulfils or
satisfies them (docs/planning.md). Open offers and requests: :mod:`vfgraph.store.cypher.signals`.

Labels and relationship types come from the fixed table :data:`ACCOUNTS` below (never from input).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from vfgraph.domain.kinds import Kind


@dataclass(frozen=True, slots=True)
class Account:
    """A link kind that counts a quantity against a planned flow: ``link`` records point at the ``flow``
    along ``target`` (the field and relationship) and name what accounts for it along ``source``."""

    link: Kind
    flow: Kind
    target: str
    target_rel: str
    source: str
    source_rel: str
    total: str  # the flow's derived field holding the sum


ACCOUNTS: Mapping[Kind, Account] = {
    Kind.FULFILLMENT: Account(
        Kind.FULFILLMENT,
        Kind.COMMITMENT,
        "fulfills",
        "FULFILLS",
        "fulfilledBy",
        "FULFILLED_BY",
        "fulfilledQuantity",
    ),
    Kind.SATISFACTION: Account(
        Kind.SATISFACTION,
        Kind.INTENT,
        "satisfies",
        "SATISFIES",
        "satisfiedBy",
        "SATISFIED_BY",
        "satisfiedQuantity",
    ),
}

# Locks the planned flows a write recounts (SET takes the write lock, as LOCK_RESOURCES does for events),
# so that two fulfillments of one commitment written at once are counted one after the other.
LOCK_FLOWS = """
MATCH (c:Commitment|Intent) WHERE c.id IN $ids
SET c.rev = c.rev
RETURN c.id AS id, c {.*} AS props
"""

# What a write needs to know of the records it links (an event, a commitment, a proposal): who is party to
# them, and their quantities.
PARTIES = """
MATCH (n:Record) WHERE n.id IN $ids
RETURN n.id AS id, labels(n) AS labels, n {.*} AS props,
       [(n)-[:PROVIDER]->(a) | a.id][0] AS provider,
       [(n)-[:RECEIVER]->(a) | a.id][0] AS receiver,
       [(n)-[:IN_SCOPE_OF]->(a) | a.id] AS inScopeOf
"""


def _quantities(a: Account) -> str:
    return (
        f"MATCH (l:{a.link.value})-[:{a.target_rel}]->(:{a.flow.value} {{id: $id}}) "
        "RETURN l.resourceQuantityValue AS resourceValue, l.resourceQuantityUnit AS resourceUnit, "
        "l.effortQuantityValue AS effortValue, l.effortQuantityUnit AS effortUnit"
    )


# QUANTITIES[link kind]: the quantities of every link record pointing at the flow $id.
QUANTITIES: Mapping[Kind, str] = {kind: _quantities(a) for kind, a in ACCOUNTS.items()}

# Writes what the ledger derives on a flow (its total, finished); the revision stays: clients did not edit it.
SET_FLOW = """
MATCH (c:Commitment|Intent {id: $id})
SET c += $props
"""
