"""The statements of pending events (docs/security.md, "Pending events"), named and parameterised.

A pending event is a node ``:Record:PendingEconomicEvent`` with the properties and outgoing relationships an
economic event has (the same field table), plus its ``status`` (``pending`` or ``rejected``), the request it
was made with (``request``: the input as JSON, replayed on confirmation) and the IRI its new resource will
have (``newResource``). It is not an ``:EconomicEvent``: no read of events, no walk and no footprint sees it.
It is always private: only the agents involved (its parties and whoever asked for it) and operators see it.
Confirmation deletes the node and records the event with the same IRI, in one transaction.
"""

from __future__ import annotations

from vfgraph.domain.fields import rel_types
from vfgraph.domain.kinds import Kind
from vfgraph.store.cypher.read import OUT, visible

LABEL = "PendingEconomicEvent"

_REFS = ", ".join(f"{name}: [(n)-[:{rel}]->(m) | m.id]" for name, rel in OUT[Kind.ECONOMIC_EVENT])
_PROJECTION = f"properties(n) AS props, {{{_REFS}}} AS refs"


def _link(rel: str) -> str:
    return (
        f"CALL (n) {{ UNWIND coalesce($rels.{rel}, []) AS target "
        f"MATCH (b:Record {{id: target}}) CREATE (n)-[:{rel}]->(b) }}"
    )


# params props (map), rels (map: REL_TYPE -> ids), as CREATE_RECORD[EconomicEvent] takes them.
CREATE_PENDING = "\n".join(
    [f"CREATE (n:Record:{LABEL})", "SET n = $props", "WITH n"]
    + [_link(rel) for rel in dict.fromkeys(rel_types(Kind.ECONOMIC_EVENT))]
    + ["RETURN n.id AS id"]
)

# The pending events among $ids the viewer may see.
PENDING_BY_IDS = f"MATCH (n:{LABEL}) WHERE n.id IN $ids AND {visible('n')} RETURN {_PROJECTION}"


def _page(direction: str) -> str:
    return (
        f"MATCH (n:{LABEL}) "
        "WHERE n.id > coalesce($after, '') AND n.id < coalesce($before, '\\uffff') "
        f"AND ($status IS NULL OR n.status = $status) AND {visible('n')} "
        f"WITH n ORDER BY n.id {direction} LIMIT $limit RETURN {_PROJECTION}"
    )


# A page of the pending events the viewer may see ($status: 'pending', 'rejected' or null for both).
PENDING_FORWARD = _page("ASC")
PENDING_BACKWARD = _page("DESC")

# Locks a pending event the viewer may see (SET takes the write lock) and reads it.
LOCK_PENDING = (
    f"MATCH (n:{LABEL} {{id: $id}}) WHERE {visible('n')} SET n.rev = n.rev RETURN n {{.*}} AS props"
)

DELETE_PENDING = f"MATCH (n:{LABEL} {{id: $id}}) DETACH DELETE n"

# The event a confirmation recorded remembers who asked for it and who confirmed it.
MARK_CONFIRMED = """
MATCH (e:EconomicEvent {id: $id})
SET e.createdBy = $requestedBy, e.createdByKey = $requestedByKey, e.requestedAt = $requestedAt,
    e.confirmedBy = $confirmedBy, e.confirmedByKey = $confirmedByKey, e.confirmedAt = $confirmedAt
"""

REJECT_PENDING = f"""
MATCH (n:{LABEL} {{id: $id}})
SET n.status = 'rejected', n.rejectionNote = $note, n.rev = n.rev + 1,
    n.previousUpdatedAt = n.updatedAt, n.previousUpdatedBy = n.updatedBy,
    n.updatedAt = $now, n.updatedBy = $agent, n.updatedByKey = $key
RETURN n.id AS id
"""
