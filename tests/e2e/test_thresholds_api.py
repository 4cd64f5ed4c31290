"""Thresholds, allocations and the assessments over GraphQL (docs/limits.md)."""

from __future__ import annotations

from typing import Any

from tests.e2e.client import Api
from tests.neo4j.chains import worked_example
from tests.neo4j.world import World, qty
from vfgraph.domain.kinds import Kind
from vfgraph.services import keys

CREATE_THRESHOLD = """
mutation ($t: ThresholdCreateParams!) {
  createThreshold(threshold: $t) {
    threshold {
      id revisionId name thresholdType period source hasBeginning hasEnd
      value { hasNumericalValue hasUnit { symbol } }
      indicator { name }
      inScopeOf { name }
    }
  }
}"""

CREATE_ALLOCATION = """
mutation ($a: AllocationCreateParams!) {
  createAllocation(allocation: $a) {
    allocation {
      id revisionId share quantity { hasNumericalValue }
      threshold { name } parent { id }
      allocatedToAgent { name } allocatedToResourceSpecification { name }
    }
  }
}"""

ASSESS = """
query ($agent: ID!, $from: DateTime!, $to: DateTime!, $indicators: [ID!]) {
  contextAssessment(agent: $agent, from: $from, to: $to, indicators: $indicators) {
    indicator { name }
    allocation { share allocatedToAgent { name } }
    threshold { name }
    thresholdType
    actual { hasNumericalValue hasUnit { symbol } }
    allocated { hasNumericalValue }
    ratio
    status
  }
}"""


def _setup(api: Api, world: World) -> dict[str, Any]:
    c = world.ledger.create
    co2 = c(Kind.UNIT, {"label": "kg CO2e", "symbol": "kg CO2e"})
    ghg = c(Kind.RESOURCE_SPECIFICATION, {"name": "GHG emissions", "defaultUnitOfResource": co2})
    air = c(Kind.ECOLOGICAL_AGENT, {"name": "Atmosphere"})
    region = c(Kind.ORGANIZATION, {"name": "Valley Region"})
    threshold = api.data(
        CREATE_THRESHOLD,
        t={
            "name": "Valley CO2e budget",
            "thresholdType": "ceiling",
            "value": {"hasNumericalValue": "1000", "hasUnit": co2},
            "indicator": ghg,
            "inScopeOf": [region],
            "period": "P1Y",
            "hasBeginning": "2026-01-01T00:00:00Z",
            "hasEnd": "2028-01-01T00:00:00Z",
            "source": "https://example.org/valley-plan",
        },
    )["createThreshold"]["threshold"]
    return {"co2": co2, "ghg": ghg, "air": air, "region": region, "threshold": threshold}


def test_thresholds_and_nested_allocations_are_created_and_read_back(api: Api, world: World) -> None:
    s = _setup(api, world)
    t = s["threshold"]
    assert t["thresholdType"] == "ceiling" and t["period"] == "P1Y"
    assert t["value"] == {"hasNumericalValue": "1000", "hasUnit": {"symbol": "kg CO2e"}}
    assert t["indicator"] == {"name": "GHG emissions"} and t["inScopeOf"] == [{"name": "Valley Region"}]

    top = api.data(CREATE_ALLOCATION, a={"threshold": t["id"], "allocatedTo": s["region"], "share": "0.5"})
    top_id = top["createAllocation"]["allocation"]["id"]
    farm = api.data(CREATE_ALLOCATION, a={"parent": top_id, "allocatedTo": world.farm, "share": "0.4"})[
        "createAllocation"
    ]["allocation"]
    assert farm["parent"] == {"id": top_id} and farm["threshold"] is None
    assert farm["allocatedToAgent"] == {"name": "Green Farm"}
    assert farm["allocatedToResourceSpecification"] is None

    data = api.data(
        """query ($t: ID!, $agent: ID!) {
          threshold(id: $t) {
            allocations { edges { node { share allocations { edges { node { share } } } } } }
          }
          agentAllocations(agent: $agent) { edges { node { id share } } }
          thresholds(last: 5) { edges { node { id } } }
        }""",
        t=t["id"],
        agent=world.farm,
    )
    [edge] = data["threshold"]["allocations"]["edges"]
    assert edge["node"]["share"] == "0.5"
    assert edge["node"]["allocations"]["edges"] == [{"node": {"share": "0.4"}}]
    assert data["agentAllocations"]["edges"] == [{"node": {"id": farm["id"], "share": "0.4"}}]

    updated = api.data(
        "mutation ($a: AllocationUpdateParams!) {"
        " updateAllocation(allocation: $a) { allocation { share } } }",
        a={"revisionId": farm["revisionId"], "share": "0.25"},
    )
    assert updated["updateAllocation"]["allocation"]["share"] == "0.25"


def test_context_assessment_reports_an_overshoot_exactly(api: Api, world: World) -> None:
    s = _setup(api, world)
    top = api.data(
        CREATE_ALLOCATION, a={"threshold": s["threshold"]["id"], "allocatedTo": s["region"], "share": "0.5"}
    )["createAllocation"]["allocation"]["id"]
    api.data(CREATE_ALLOCATION, a={"parent": top, "allocatedTo": world.farm, "share": "0.1"})
    for value, at in (("30.25", "2026-02-01T00:00:00Z"), ("40", "2026-11-30T00:00:00Z")):
        world.event(
            "produce",
            receiver=s["air"],
            resourceConformsTo=s["ghg"],
            resourceQuantity=qty(value, s["co2"]),
            hasPointInTime=at,
        )

    [a] = api.data(ASSESS, agent=world.farm, **{"from": "2026-01-01T00:00:00Z"}, to="2027-01-01T00:00:00Z")[
        "contextAssessment"
    ]

    assert a["indicator"] == {"name": "GHG emissions"} and a["threshold"] == {"name": "Valley CO2e budget"}
    assert a["actual"] == {"hasNumericalValue": "70.25", "hasUnit": {"symbol": "kg CO2e"}}
    assert a["allocated"] == {"hasNumericalValue": "50"}  # 1000 per year x 0.5 x 0.1
    assert (a["ratio"], a["status"], a["thresholdType"]) == ("1.405", "OVERSHOOT", "ceiling")


def test_supply_chain_assessment_sets_the_footprint_against_the_specifications_allocation(
    api: Api, world: World
) -> None:
    chain = worked_example(world)
    t = api.data(
        CREATE_THRESHOLD,
        t={
            "name": "flour intensity",
            "thresholdType": "ceiling",
            "value": {"hasNumericalValue": "0.3", "hasUnit": chain.co2},
            "indicator": chain.ghg,
        },
    )["createThreshold"]["threshold"]
    made = api.data(
        CREATE_ALLOCATION, a={"threshold": t["id"], "allocatedTo": chain.flour_spec, "share": "1"}
    )
    assert made["createAllocation"]["allocation"]["allocatedToResourceSpecification"] == {"name": "flour"}

    data = api.data(
        """query ($r: ID!, $i: ID!) { supplyChainAssessment(resource: $r, indicator: $i) {
            resource { name } indicator { name }
            perUnit { hasNumericalValue hasUnit { symbol } } total { hasNumericalValue }
            assessments { allocated { hasNumericalValue } ratio status }
        } }""",
        r=chain.flour,
        i=chain.ghg,
    )["supplyChainAssessment"]

    assert data["perUnit"] == {"hasNumericalValue": "0.25", "hasUnit": {"symbol": "kg CO2e"}}
    assert data["total"] == {"hasNumericalValue": "40"}
    ratio = "0.8333333333333333333333333333333333"  # 0.25 / 0.3, to 34 digits
    assert data["assessments"] == [
        {"allocated": {"hasNumericalValue": "0.3"}, "ratio": ratio, "status": "WITHIN"}
    ]


def test_a_share_above_one_is_refused_with_a_shacl_violation(api: Api, world: World) -> None:
    s = _setup(api, world)
    [error] = api.errors(
        CREATE_ALLOCATION, a={"threshold": s["threshold"]["id"], "allocatedTo": world.farm, "share": "1.01"}
    )
    assert error["extensions"]["code"] == "SHACL_VIOLATION"
    assert "vfg:share" in error["message"]


def test_an_agent_key_may_not_change_anothers_allocation(api: Api, world: World) -> None:
    s = _setup(api, world)
    made = api.data(
        CREATE_ALLOCATION, a={"threshold": s["threshold"]["id"], "allocatedTo": world.farm, "share": "0.5"}
    )["createAllocation"]["allocation"]
    farm_key = keys.create(world.ledger, agent=world.farm, name="farm")
    [error] = api.with_key(farm_key.token).errors(
        "mutation ($id: ID!) { deleteAllocation(revisionId: $id) }", id=made["revisionId"]
    )
    assert error["extensions"]["code"] == "FORBIDDEN"
