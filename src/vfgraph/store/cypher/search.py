"""The statements of record search (the explorer's search box, ``Query.search``).

``record_search`` is a full-text index on agents, resources, processes and events (created with the other
indexes in :mod:`vfgraph.store.cypher.schema`). ``$query`` is a Lucene query that
:func:`vfgraph.store.search.lucene_query` builds from letters and digits only, never the user's raw text.
"""

from __future__ import annotations

from vfgraph.store.cypher.read import visible

SEARCH_INDEX = "record_search"

# The kinds search returns; a node found by id or tracking identifier must carry one of these labels too.
_SEARCHABLE = "(n:Agent OR n:EconomicResource OR n:Process OR n:EconomicEvent)"

_COLUMNS = (
    "n.id AS id, labels(n) AS labels, n.name AS name, n.trackingIdentifier AS trackingIdentifier, "
    "n.note AS note, n.action AS action"
)

SEARCH_EXACT = f"""
CALL {{
  MATCH (n:Record {{id: $text}}) RETURN n
  UNION
  MATCH (n:EconomicResource {{trackingIdentifier: $text}}) RETURN n
}}
WITH n WHERE {_SEARCHABLE} AND {visible("n")}
RETURN {_COLUMNS}
ORDER BY id
LIMIT $limit
"""
"""Records whose IRI or tracking identifier is exactly ``$text`` (served by the range indexes)."""

SEARCH_FULLTEXT = f"""
CALL db.index.fulltext.queryNodes('{SEARCH_INDEX}', $query, {{limit: $limit}}) YIELD node AS n, score
WITH n, score WHERE {visible("n")}
RETURN {_COLUMNS}, score
ORDER BY score DESC, id
"""
"""Records whose name, tracking identifier, note, action or IRI match ``$query``, best first; private records
only for the agents involved in them (the same rule as every read)."""

AWAIT_SEARCH_INDEX = f"CALL db.awaitIndex('{SEARCH_INDEX}', $seconds)"
"""Wait until the index is online (it is populated in the background after it is created)."""
