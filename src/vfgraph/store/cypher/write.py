"""Every Cypher statement that writes, as named constants.

Labels and relationship types come only from the fixed tables in :mod:`vfgraph.domain.kinds` and
:mod:`vfgraph.domain.fields`; every value is a parameter. The per-kind statements are generated once, at
import, from those tables: print them with ``python -m vfgraph.store.cypher.write``.
"""

from __future__ import annotations

from vfgraph.domain.fields import rel_types
from vfgraph.domain.kinds import Kind

# Types of the records a write refers to (for the RDF view): labels per id.
LABELS_OF = """
MATCH (n:Record) WHERE n.id IN $ids
RETURN n.id AS id, labels(n) AS labels
"""

# Locks the resources an event changes (SET takes the write lock) and reads their state.
LOCK_RESOURCES = """
MATCH (r:EconomicResource) WHERE r.id IN $ids
SET r.rev = r.rev
RETURN r {
  .*,
  conformsTo: [(r)-[:CONFORMS_TO]->(x) | x.id][0],
  containedIn: [(r)-[:CONTAINED_IN]->(x) | x.id][0],
  primaryAccountable: [(r)-[:PRIMARY_ACCOUNTABLE]->(x) | x.id][0],
  stage: [(r)-[:STAGE]->(x) | x.id][0],
  unitOfEffort: [(r)-[:UNIT_OF_EFFORT]->(x) | x.id][0]
} AS resource
"""

# What an event needs to know about its process (stage, outputs) and the event it corrects.
EVENT_CONTEXT = """
OPTIONAL MATCH (p:Process {id: $process})
OPTIONAL MATCH (p)-[:BASED_ON]->(spec:ProcessSpecification)
OPTIONAL MATCH (c:EconomicEvent {id: $corrects})
RETURN spec.id AS processBasedOn,
       [(p)<-[:OUTPUT_OF]-(o:EconomicEvent)-[:RESOURCE_INVENTORIED_AS]->(x) | x.id] AS processOutputs,
       c { .action,
           resourceInventoriedAs: [(c)-[:RESOURCE_INVENTORIED_AS]->(x) | x.id][0],
           toResourceInventoriedAs: [(c)-[:TO_RESOURCE_INVENTORIED_AS]->(x) | x.id][0] } AS corrected
"""

# A record as stored, for revision checks and for the merged view of an update.
RECORD_STATE = """
MATCH (n:Record {id: $id})
RETURN n {.*} AS props, labels(n) AS labels,
       [(n)-[r]->(m) | {rel: type(r), id: m.id}] AS rels,
       COUNT { (n)<--() } AS incoming
"""

# The same for several records at once (an import comparing the events it restates with the stored ones).
RECORD_STATES = """
MATCH (n:Record) WHERE n.id IN $ids
RETURN n.id AS id, n {.*} AS props, labels(n) AS labels,
       [(n)-[r]->(m) | {rel: type(r), id: m.id}] AS rels
"""

RECORD_EXISTS = """
MATCH (n:Record {id: $id}) RETURN n.id AS id
"""

DELETE_NODE = """
MATCH (n:Record {id: $id})
DETACH DELETE n
"""


def _link(rel: str) -> str:
    return (
        f"CALL (n) {{ UNWIND coalesce($rels.{rel}, []) AS target "
        f"MATCH (b:Record {{id: target}}) CREATE (n)-[:{rel}]->(b) }}"
    )


def _relink(rel: str) -> str:
    return (
        f"CALL (n) {{ WITH n WHERE '{rel}' IN $replace "
        f"OPTIONAL MATCH (n)-[old:{rel}]->() DELETE old }}\n" + _link(rel)
    )


def _create(kind: Kind) -> str:
    lines = [f"CREATE (n:{kind.labels})", "SET n = $props", "WITH n"]
    lines += [_link(rel) for rel in dict.fromkeys(rel_types(kind))]
    lines.append("RETURN n.id AS id")
    return "\n".join(lines)


def _update(kind: Kind) -> str:
    lines = [f"MATCH (n:{kind.value} {{id: $id}})", "SET n += $props, n.rev = n.rev + 1", "WITH n"]
    lines += [_relink(rel) for rel in dict.fromkeys(rel_types(kind))]
    lines.append("RETURN n.id AS id, n.rev AS rev")
    return "\n".join(lines)


# CREATE_RECORD[kind]: params props (map), rels (map: REL_TYPE -> list of target ids).
CREATE_RECORD: dict[Kind, str] = {k: _create(k) for k in Kind}
# UPDATE_RECORD[kind]: params id, props (map to merge; null removes), rels, replace (rel types to reset).
UPDATE_RECORD: dict[Kind, str] = {k: _update(k) for k in Kind}


if __name__ == "__main__":
    for name, value in sorted(globals().items()):
        if name.isupper() and isinstance(value, str):
            print(f"// {name}\n{value.strip()}\n")
    for kind in Kind:
        print(f"// CREATE_RECORD[{kind.value}]\n{CREATE_RECORD[kind]}\n")
        print(f"// UPDATE_RECORD[{kind.value}]\n{UPDATE_RECORD[kind]}\n")
