"""The statements planning from recipes reads with (docs/recipes.md). Every value is a parameter."""

from __future__ import annotations

from vfgraph.store.cypher.read import visible

_FLOW = (
    "f {.id, .action, .resourceQuantityValue, .resourceQuantityUnit, .effortQuantityValue, "
    ".effortQuantityUnit, .state, spec: [(f)-[:RESOURCE_CONFORMS_TO]->(x) | x.id][0], "
    "stage: [(f)-[:STAGE]->(x) | x.id][0]}"
)

# The recipe processes with an output conforming to one of $specs, each with its flows and the OM 2
# identifier of its duration's unit (how a unit record says which time unit it is).
RECIPES_MAKING = f"""
MATCH (rp:RecipeProcess)<-[:RECIPE_OUTPUT_OF]-(:RecipeFlow)-[:RESOURCE_CONFORMS_TO]->(s:ResourceSpecification)
WHERE s.id IN $specs
WITH DISTINCT rp
RETURN rp.id AS id, rp.name AS name, rp.hasDurationValue AS duration,
       COLLECT {{ MATCH (u:Unit) WHERE u.id = rp.hasDurationUnit RETURN u.omUnitIdentifier }}[0]
         AS durationUnit,
       coalesce(rp.processClassifiedAs, []) AS classifiedAs,
       [(rp)-[:PROCESS_CONFORMS_TO]->(ps) | ps.id][0] AS processSpec,
       [(rp)<-[:RECIPE_INPUT_OF]-(f:RecipeFlow) | {_FLOW}] AS inputs,
       [(rp)<-[:RECIPE_OUTPUT_OF]-(f:RecipeFlow) | {_FLOW}] AS outputs
ORDER BY id
"""

# The resources of $specs that $agent is accountable for (and the caller may see), with what is on hand.
ON_HAND = f"""
MATCH (r:EconomicResource)-[:CONFORMS_TO]->(s:ResourceSpecification)
WHERE s.id IN $specs AND {visible("r")}
  AND EXISTS {{ (r)-[:PRIMARY_ACCOUNTABLE]->(:Agent {{id: $agent}}) }}
RETURN r.id AS id, s.id AS spec, r.onhandQuantityValue AS quantity, r.onhandQuantityUnit AS unit,
       [(r)-[:STAGE]->(x) | x.id][0] AS stage, r.state AS state
ORDER BY id
"""

# Resource specifications by id, with their names (what a plan is named after).
SPECIFICATIONS = """
MATCH (s:ResourceSpecification) WHERE s.id IN $ids
RETURN s.id AS id, s.name AS name
"""

# Unit records by OM 2 identifier (the unit a vf-graphql duration's unit type stands for).
UNITS_BY_OM = """
MATCH (u:Unit) WHERE u.omUnitIdentifier = $om
RETURN u.id AS id ORDER BY id LIMIT 1
"""
