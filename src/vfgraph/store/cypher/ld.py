"""Every statement of the linked-data export and import (``vfgraph.ld``), named and parameterised.

Export reads records a page at a time, per kind, by keyset on ``id`` (``n.id > $after ORDER BY n.id``, which
the uniqueness constraint's index serves without SKIP). Import writes a whole file in one transaction, as a
few batched ``UNWIND`` statements per kind and per relationship type. Labels and relationship types come
from :mod:`vfgraph.domain.kinds` and :mod:`vfgraph.domain.fields`; values are always parameters. Print them
with ``python -m vfgraph.store.cypher.ld``.

A reference to a record that is neither in the imported file nor in the graph is kept as an ``:External``
node holding only its ``id`` (docs/graph-model.md, "External references"); it is not a ``:Record``.
"""

from __future__ import annotations

from vfgraph.domain.fields import FIELDS, rel_types
from vfgraph.domain.kinds import Kind
from vfgraph.store.cypher.read import visible

# The stored record as export needs it: its properties, and every outgoing relationship's target id
# (records and external references alike).
_RECORD = "n {.*} AS props, [(n)-[r]->(m) | {rel: type(r), id: m.id}] AS rels"


def _page(kind: Kind) -> str:
    return (
        f"MATCH (n:{kind.value}) WHERE n.id > $after AND {visible('n')} "
        f"WITH n ORDER BY n.id LIMIT $limit RETURN {_RECORD}"
    )


# PAGE_OF_KIND[kind]: params after (an id; "" for the first page), limit.
PAGE_OF_KIND: dict[Kind, str] = {k: _page(k) for k in Kind}

# Records among $ids, whatever their kind.
RECORDS_BY_IDS = (
    f"MATCH (n:Record) WHERE n.id IN $ids AND {visible('n')} RETURN labels(n) AS labels, {_RECORD}"
)

COUNT_RECORDS = "MATCH (n:Record) RETURN count(n) AS n"

# Events that name any of $ids as their resource or to-resource (for the reconciliation of an import).
EVENTS_OF_RESOURCES = f"""
MATCH (n:EconomicEvent)-[:RESOURCE_INVENTORIED_AS|TO_RESOURCE_INVENTORIED_AS]->(r:EconomicResource)
WHERE r.id IN $ids
WITH DISTINCT n
RETURN {_RECORD}
"""

# External references: one node per IRI, created when first referred to.
MERGE_EXTERNALS = "UNWIND $ids AS id MERGE (:External {id: id})"


def _adopt(kind: Kind) -> str:
    # An imported record whose IRI was an external reference takes over that node and its relationships.
    return (
        f"MATCH (x:External) WHERE x.id IN $ids REMOVE x:External SET x:{kind.labels}, "
        "x.createdBy = $agent, x.createdByKey = $key"
    )


def _upsert(kind: Kind) -> str:
    # row: {id, props, createdAt, involved}; props holds every field property of the kind, null for those not
    # stated, so that a record stated again is stored as stated (bookkeeping properties of the ledger are
    # kept). The importing caller ($agent, $key) wrote it; the agents it involves are added to those it
    # involved before, as on the write path.
    return (
        "UNWIND $rows AS row "
        f"MERGE (n:{kind.labels} {{id: row.id}}) "
        "ON CREATE SET n.createdBy = $agent, n.createdByKey = $key "
        "SET n += row.props, n.rev = coalesce(n.rev, 0) + 1, "
        "n.createdAt = coalesce(row.createdAt, n.createdAt, $now), n.updatedAt = $now, "
        "n.updatedBy = $agent, n.updatedByKey = $key, "
        "n.involved = reduce(seen = coalesce(n.involved, []), a IN row.involved |"
        " CASE WHEN a IN seen THEN seen ELSE seen + a END)"
    )


# An imported event keeps the breadcrumb links the ledger or an earlier import gave it (events are
# immutable; a file may state them again only exactly as they are), so they are not dropped.
_KEPT_ON_RESTATEMENT = frozenset({"PREVIOUS_EVENT"})


def _drop_rels(kind: Kind) -> str:
    types = "|".join(t for t in dict.fromkeys(rel_types(kind)) if t not in _KEPT_ON_RESTATEMENT)
    return f"UNWIND $ids AS id MATCH (n:{kind.value} {{id: id}})-[r:{types}]->() DELETE r"


def _link(rel: str) -> str:
    # row: {from, to}; the target is a record or an external reference (both exist by now).
    return (
        "UNWIND $rows AS row "
        "MATCH (a:Record {id: row.from}) "
        "CALL (row) { MATCH (b:Record {id: row.to}) RETURN b "
        "UNION MATCH (b:External {id: row.to}) RETURN b } "
        f"CREATE (a)-[:{rel}]->(b)"
    )


# The breadcrumbs of resources as they stand (row per resource among $ids that is a stored resource).
RESOURCE_BREADCRUMBS = """
UNWIND $ids AS id
MATCH (r:EconomicResource {id: id})
RETURN r.id AS id, coalesce(r.eventCount, 0) AS eventCount, r.lastEvent AS lastEvent
"""

# row: {id, resourceSeq, toResourceSeq}; a null leaves the number as it is (an event on two resources gets
# one row per resource).
SET_EVENT_SEQUENCE = """
UNWIND $rows AS row
MATCH (e:EconomicEvent {id: row.id})
SET e.resourceSeq = coalesce(row.resourceSeq, e.resourceSeq),
    e.toResourceSeq = coalesce(row.toResourceSeq, e.toResourceSeq)
"""

# row: {id, eventCount, lastEvent}
SET_RESOURCE_BREADCRUMBS = """
UNWIND $rows AS row
MATCH (r:EconomicResource {id: row.id})
SET r.eventCount = row.eventCount, r.lastEvent = row.lastEvent
"""

ADOPT_EXTERNALS: dict[Kind, str] = {k: _adopt(k) for k in Kind}
UPSERT_RECORDS: dict[Kind, str] = {k: _upsert(k) for k in Kind}
DROP_RELATIONSHIPS: dict[Kind, str] = {k: _drop_rels(k) for k in Kind if rel_types(k)}
LINK: dict[str, str] = {
    rel: _link(rel) for fields in FIELDS.values() for rel in (f.rel for f in fields) if rel is not None
}


if __name__ == "__main__":
    for name, value in sorted(globals().items()):
        if name.isupper() and not name.startswith("_") and isinstance(value, str):
            print(f"// {name}\n{value.strip()}\n")
    for table in ("PAGE_OF_KIND", "ADOPT_EXTERNALS", "UPSERT_RECORDS", "DROP_RELATIONSHIPS", "LINK"):
        for key, statement in globals()[table].items():
            print(f"// {table}[{key}]\n{statement}\n")
