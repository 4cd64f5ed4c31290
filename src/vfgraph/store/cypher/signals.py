"""The statements behind signals (docs/signals.md): what an agent can supply, and what a changed intent,
commitment or proposal is about.

Every statement anchors on records with :func:`~vfgraph.store.cypher.read.visible`, so a private record
the viewer may not see neither appears nor counts. Labels and relationship types are the fixed ones of
docs/graph-model.md; filters are parameters, null meaning "any". Date-times are stored as ISO strings and
compared as ``datetime()`` values.
"""

from __future__ import annotations

from collections.abc import Mapping

from vfgraph.domain.kinds import Kind
from vfgraph.store.cypher.read import visible

# Open offers and requests are pages of proposals with the filter criteria that make them open on one side
# (store/cypher/filters.py, ProposalFilterParams).

# What $agent can supply, per resource specification: the resources it is primarily accountable for with
# something on hand, and how many output flows of it it has made (events it provided, or events of
# processes in its scope).
AGENT_SUPPLY = f"""
CALL {{
  MATCH (r:EconomicResource)-[:PRIMARY_ACCOUNTABLE]->(:Agent {{id: $agent}})
  WHERE {visible("r")} AND r.onhandQuantityValue IS NOT NULL AND toFloat(r.onhandQuantityValue) > 0
  MATCH (r)-[:CONFORMS_TO]->(s:ResourceSpecification)
  RETURN s.id AS spec, collect({{
    resource: r.id, value: r.onhandQuantityValue, unit: r.onhandQuantityUnit
  }}) AS held, 0 AS made
  UNION ALL
  MATCH (a:Agent {{id: $agent}})
  CALL (a) {{
    MATCH (a)<-[:PROVIDER]-(e:EconomicEvent)-[:OUTPUT_OF]->(:Process) RETURN e
    UNION
    MATCH (a)<-[:IN_SCOPE_OF]-(:Process)<-[:OUTPUT_OF]-(e:EconomicEvent) RETURN e
  }}
  WITH e WHERE {visible("e")}
  WITH e, coalesce(
    [(e)-[:RESOURCE_CONFORMS_TO]->(s) | s.id][0],
    [(e)-[:RESOURCE_INVENTORIED_AS]->()-[:CONFORMS_TO]->(s) | s.id][0]
  ) AS spec
  WHERE spec IS NOT NULL
  RETURN spec, [] AS held, count(e) AS made
}}
RETURN spec, reduce(acc = [], h IN collect(held) | acc + h) AS held, sum(made) AS made
"""

# Open intents that ask for one of $specs with nobody yet to provide it (requests $agent could fill),
# not $agent's own, not finished, not past their end. At most $limit of them, soonest due first.
OPEN_REQUESTS_FOR = f"""
MATCH (i:Intent)-[:RESOURCE_CONFORMS_TO]->(s:ResourceSpecification)
WHERE s.id IN $specs AND {visible("i")}
  AND coalesce(i.finished, false) = false
  AND (i.hasEnd IS NULL OR datetime(i.hasEnd) >= datetime($now))
  AND NOT exists {{ (i)-[:PROVIDER]->() }}
  AND NOT exists {{ (i)-[:RECEIVER]->(:Agent {{id: $agent}}) }}
WITH i, s ORDER BY coalesce(i.due, i.hasPointInTime, i.hasEnd, '\\uffff'), i.id LIMIT $limit
RETURN i.id AS id, s.id AS spec, i.resourceQuantityValue AS value, i.resourceQuantityUnit AS unit,
       coalesce(i.due, i.hasPointInTime, i.hasEnd) AS due
"""

# What a changed intent or commitment is about: its specification, location and agents.
_FLOW_SUBJECT = """
MATCH (n:{label} {{id: $id}}) WHERE {visible}
RETURN n.id AS id,
       [(n)-[:RESOURCE_CONFORMS_TO]->(s) | s.id] AS specs,
       [x IN [n.atLocation] WHERE x IS NOT NULL] AS locations,
       [(n)-[:PROVIDER|RECEIVER|IN_SCOPE_OF]->(a) | a.id] AS agents
"""

# What a changed proposal is about: those of its intents (both sides), its eligible location, its creator,
# its scope and the agents it is proposed to.
_PROPOSAL_SUBJECT = f"""
MATCH (p:Proposal {{id: $id}}) WHERE {visible("p")}
WITH p, [(p)<-[:PUBLISHED_IN]-(:ProposedIntent)-[:PUBLISHES]->(i:Intent) WHERE {visible("i")} | i]
     AS intents
RETURN p.id AS id,
       reduce(acc = [], i IN intents | acc + [(i)-[:RESOURCE_CONFORMS_TO]->(s) | s.id]) AS specs,
       [x IN [p.eligibleLocation] + [i IN intents | i.atLocation] WHERE x IS NOT NULL] AS locations,
       reduce(acc = [x IN [p.createdBy] WHERE x IS NOT NULL] + [(p)-[:IN_SCOPE_OF]->(a) | a.id]
                    + [(p)<-[:PROPOSED]-(:ProposedTo)-[:PROPOSED_TO]->(a) | a.id],
              i IN intents | acc + [(i)-[:PROVIDER|RECEIVER]->(a) | a.id]) AS agents
"""

SUBJECT: Mapping[Kind, str] = {
    Kind.INTENT: _FLOW_SUBJECT.format(label=Kind.INTENT.value, visible=visible("n")),
    Kind.COMMITMENT: _FLOW_SUBJECT.format(label=Kind.COMMITMENT.value, visible=visible("n")),
    Kind.PROPOSAL: _PROPOSAL_SUBJECT,
}
