"""The statement track, trace and footprints read with: the events around a set of records.

One round trip per level of a walk: the events naming one of ``$resources`` as resourceInventoriedAs with
an action in ``$resourceActions``, or as toResourceInventoriedAs with an action in ``$toResourceActions``
(the service passes the actions that add to a resource when tracing, those that take from it when
tracking), every input or output of one of ``$processes``, and the events in ``$events``; minus the events
in ``$known``; each with what :class:`vfgraph.domain.trace.FlowEvent` needs.
"""

from __future__ import annotations

from vfgraph.store.cypher.read import visible

EVENTS_AROUND_TEMPLATE = """
CALL () {
  UNWIND $resources AS rid
  MATCH (:EconomicResource {id: rid})<-[:RESOURCE_INVENTORIED_AS]-(e:EconomicEvent)
  WHERE e.action IN $resourceActions
  RETURN e
  UNION
  UNWIND $resources AS rid
  MATCH (:EconomicResource {id: rid})<-[:TO_RESOURCE_INVENTORIED_AS]-(e:EconomicEvent)
  WHERE e.action IN $toResourceActions
  RETURN e
  UNION
  UNWIND $processes AS pid
  MATCH (:Process {id: pid})<-[:INPUT_OF|OUTPUT_OF]-(e:EconomicEvent)
  RETURN e
  UNION
  UNWIND $events AS eid
  MATCH (e:EconomicEvent {id: eid})
  RETURN e
}
WITH e WHERE NOT e.id IN $known
RETURN e {
  visible: VISIBLE_E,
  .id, .action, .resourceQuantityValue, .resourceQuantityUnit, .effortQuantityValue, .effortQuantityUnit,
  .resourceSeq, .toResourceSeq, .hasPointInTime, .hasBeginning, .hasEnd, .footprintShare,
  provider: [(e)-[:PROVIDER]->(a) | a.id][0],
  receiver: [(e)-[:RECEIVER]->(a) | a.id][0],
  ecologicalProvider: EXISTS { (e)-[:PROVIDER]->(:EcologicalAgent) },
  ecologicalReceiver: EXISTS { (e)-[:RECEIVER]->(:EcologicalAgent) },
  resource: [(e)-[:RESOURCE_INVENTORIED_AS]->(x) | x.id][0],
  toResource: [(e)-[:TO_RESOURCE_INVENTORIED_AS]->(x) | x.id][0],
  inputOf: [(e)-[:INPUT_OF]->(x) | x.id][0],
  outputOf: [(e)-[:OUTPUT_OF]->(x) | x.id][0],
  conformsTo: coalesce(
    [(e)-[:RESOURCE_CONFORMS_TO]->(x) | x.id][0],
    [(e)-[:RESOURCE_INVENTORIED_AS]->()-[:CONFORMS_TO]->(x) | x.id][0]
  )
} AS event
"""

# Private events are not left out of a walk (the chain stays connected); they come back marked, and the
# API shows them redacted.
EVENTS_AROUND = EVENTS_AROUND_TEMPLATE.replace("VISIBLE_E", visible("e"))

# The kind of a record (to know where a walk starts).
KIND_OF_TEMPLATE = """
MATCH (n:Record {id: $id}) WHERE VISIBLE_N
RETURN [label IN labels(n) WHERE label IN ['EconomicResource', 'EconomicEvent', 'Process']][0] AS kind,
       n.accountingQuantityValue AS accountingQuantityValue,
       n.accountingQuantityUnit AS accountingQuantityUnit
"""
KIND_OF = KIND_OF_TEMPLATE.replace("VISIBLE_N", visible("n"))
