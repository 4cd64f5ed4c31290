"""The statements behind thresholds, allocations and the two assessments (docs/limits.md).

Labels and relationship types are the fixed ones of :data:`vfgraph.domain.fields.FIELDS`
(``ALLOCATES``, ``PART_OF_ALLOCATION``, ``ALLOCATED_TO``, ``INDICATOR``); values are parameters only.
Decimals come back as the exact strings they are stored as: sums are done in Python, never in Cypher.
"""

from __future__ import annotations

from vfgraph.store.cypher.read import visible

# An allocation's nesting is bounded so that a walk up the chain always ends.
MAX_NESTING = 64

ALLOCATION_CHAIN = (
    "MATCH (s:Record {id: $start}) "
    f"OPTIONAL MATCH path = (s)-[:PART_OF_ALLOCATION*0..{MAX_NESTING}]->(top:Allocation)-[:ALLOCATES]->(t) "
    "WITH s, path, CASE WHEN s:Threshold THEN s ELSE t END AS th "
    "RETURN [n IN coalesce(nodes(path), []) WHERE n:Allocation | {"
    "  id: n.id, "
    "  parent: [(n)-[:PART_OF_ALLOCATION]->(m) | m.id][0], "
    "  threshold: [(n)-[:ALLOCATES]->(m) | m.id][0]"
    "}] AS chain, "
    "th.id AS threshold, th.valueValue AS value, th.valueUnit AS unit"
)
"""The stored chain above a new or changed allocation: ``$start`` is its parent allocation or its
threshold. ``chain`` lists the allocations from ``$start`` up to the top one (each with its parent or
threshold); ``threshold`` is the node the chain ends at (or ``$start`` itself)."""

ALLOCATIONS_TO = (
    "MATCH (a:Allocation)-[:ALLOCATED_TO]->(:Record {id: $target}) "
    f"MATCH path = (a)-[:PART_OF_ALLOCATION*0..{MAX_NESTING}]->(:Allocation)-[:ALLOCATES]->(t:Threshold)"
    "-[:INDICATOR]->(ind:ResourceSpecification) "
    "WHERE $indicators IS NULL OR ind.id IN $indicators "
    "RETURN a.id AS allocation, ind.id AS indicator, properties(t) AS threshold, "
    "[n IN nodes(path) WHERE n:Allocation | {"
    "  id: n.id, share: n.share, quantityValue: n.quantityValue, quantityUnit: n.quantityUnit"
    "}] AS chain "
    "ORDER BY indicator, allocation"
)
"""The allocations made to an agent or a resource specification (``$target``), optionally only those of
thresholds on ``$indicators``, each with its chain from itself up to the top allocation (``chain``) and the
threshold's properties."""

AGENT_INDICATOR_FLOWS = (
    "MATCH (a:Agent {id: $agent}) "
    "CALL (a) { "
    "  MATCH (a)<-[:PROVIDER]-(e:EconomicEvent)-[:RECEIVER]->(:EcologicalAgent) RETURN e "
    "  UNION "
    "  MATCH (a)<-[:RECEIVER]-(e:EconomicEvent)-[:PROVIDER]->(:EcologicalAgent) RETURN e "
    "  UNION "
    "  MATCH (a)<-[:IN_SCOPE_OF]-(:Process)<-[:INPUT_OF|OUTPUT_OF]-(e:EconomicEvent)"
    "-[:PROVIDER|RECEIVER]->(:EcologicalAgent) RETURN e "
    "  UNION "
    "  MATCH (a)<-[:IN_SCOPE_OF]-(e:EconomicEvent)-[:PROVIDER|RECEIVER]->(:EcologicalAgent) RETURN e "
    "} "
    f"WITH e WHERE {visible('e')} "
    "WITH e, coalesce(e.hasPointInTime, e.hasEnd, e.hasBeginning, e.createdAt) AS at "
    "WHERE at IS NOT NULL AND datetime(at) >= datetime($from) AND datetime(at) < datetime($to) "
    "WITH e, coalesce("
    "  [(e)-[:RESOURCE_CONFORMS_TO]->(s) | s.id][0], "
    "  [(e)-[:RESOURCE_INVENTORIED_AS]->(:EconomicResource)-[:CONFORMS_TO]->(s) | s.id][0]"
    ") AS indicator "
    "WHERE indicator IN $indicators "
    "WITH indicator, "
    "CASE WHEN e.resourceQuantityValue IS NULL THEN e.effortQuantityValue ELSE e.resourceQuantityValue END "
    "AS value, "
    "CASE WHEN e.resourceQuantityValue IS NULL THEN e.effortQuantityUnit ELSE e.resourceQuantityUnit END "
    "AS unit "
    "WHERE value IS NOT NULL "
    "RETURN indicator, unit, collect(value) AS values "
    "ORDER BY indicator, unit"
)
"""Per indicator and unit, the quantities (exact strings) of the events of ``$indicators`` that count toward
an agent's flows in [``$from``, ``$to``): between the agent and an ecological agent, or with an ecological
agent in a process or event in the agent's scope; an event counts at its point in time, else its end, else
its beginning, else when it was recorded; only the events the caller may see (docs/limits.md)."""

RESOURCE_SPECIFICATION_OF = (
    "MATCH (r:EconomicResource {id: $resource}) "
    f"WHERE {visible('r')} "
    "RETURN [(r)-[:CONFORMS_TO]->(s) | s.id][0] AS spec"
)
"""The specification an economic resource conforms to (none: no row, or a null ``spec``)."""

AGENT_VISIBLE = f"MATCH (a:Agent {{id: $agent}}) WHERE {visible('a')} RETURN a.id AS id"
"""The agent, when it exists and the caller may see it."""
