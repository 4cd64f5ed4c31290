"""trace, track, traceGraph and footprint over GraphQL, on the worked example."""

from __future__ import annotations

from tests.e2e.client import Api
from tests.neo4j.chains import worked_example
from tests.neo4j.world import World

GRAPH = """
query ($start: ID!, $direction: TraceDirection!, $depth: Int) {
  traceGraph(start: $start, direction: $direction, maxDepth: $depth) {
    truncated
    nodes { id kind depth resource { name } process { name } event { action { id } } }
    edges { from to event depth action { id } resourceQuantity { hasNumericalValue hasUnit { symbol } } }
  }
}"""

FOOTPRINT = """
query ($resource: ID!, $indicators: [ID!]!) {
  footprint(resource: $resource, indicators: $indicators) {
    resource { name }
    perUnit { indicator { name } quantity { hasNumericalValue hasUnit { symbol } } }
    total { indicator { name } quantity { hasNumericalValue } }
    breakdown { indicator { name } process { name } agent { name } perUnit { hasNumericalValue } }
  }
}"""


def test_trace_and_track_fields_list_what_the_walk_reaches(api: Api, world: World) -> None:
    chain = worked_example(world)
    data = api.data(
        "query ($id: ID!) { economicResource(id: $id) { trace { __typename ... on Process { name } } } }",
        id=chain.flour,
    )
    names = [i.get("name") for i in data["economicResource"]["trace"] if i["__typename"] == "Process"]
    assert names == ["milling", "truck trip", "harvest"]
    data = api.data(
        "query ($id: ID!) { economicEvent(id: $id) {"
        " track { __typename ... on EconomicResource { name } } } }",
        id=chain.events["harvest"],
    )
    resources = [i["name"] for i in data["economicEvent"]["track"] if i["__typename"] == "EconomicResource"]
    assert resources[:1] == ["farm grain"] and "flour" in resources and "apples" not in resources


def test_trace_graph_returns_nodes_and_labelled_edges(api: Api, world: World) -> None:
    chain = worked_example(world)
    graph = api.data(GRAPH, start=chain.flour, direction="UPSTREAM", depth=None)["traceGraph"]
    assert not graph["truncated"]
    ids = {n["id"] for n in graph["nodes"]}
    assert {chain.flour, chain.milling, chain.trip, chain.harvest} <= ids
    assert chain.apples not in ids
    sale = [e for e in graph["edges"] if e["event"] == chain.events["sale"]]
    assert {(e["from"], e["to"]) for e in sale} == {
        (chain.farm_grain, chain.events["sale"]),
        (chain.events["sale"], chain.mill_grain),
    }
    assert sale[0]["action"]["id"] == "transfer"
    assert sale[0]["resourceQuantity"] == {"hasNumericalValue": "200", "hasUnit": {"symbol": "kg"}}
    assert all(e["from"] in ids and e["to"] in ids for e in graph["edges"])


def test_a_shallow_trace_graph_is_truncated_and_says_so(api: Api, world: World) -> None:
    chain = worked_example(world)
    graph = api.data(GRAPH, start=chain.flour, direction="UPSTREAM", depth=2)["traceGraph"]
    assert graph["truncated"]
    assert max(n["depth"] for n in graph["nodes"]) == 2
    errors = api.errors(GRAPH, start=chain.flour, direction="UPSTREAM", depth=100000)
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_the_footprint_query_gives_the_worked_examples_numbers(api: Api, world: World) -> None:
    chain = worked_example(world)
    fp = api.data(FOOTPRINT, resource=chain.flour, indicators=[chain.ghg, chain.water])["footprint"]
    assert fp["resource"]["name"] == "flour"
    assert [(a["indicator"]["name"], a["quantity"]["hasNumericalValue"]) for a in fp["perUnit"]] == [
        ("GHG emissions", "0.25"),
        ("water", "0.025"),
    ]
    assert fp["perUnit"][0]["quantity"]["hasUnit"]["symbol"] == "kg CO2e"
    assert [a["quantity"]["hasNumericalValue"] for a in fp["total"]] == ["40", "4"]
    by_process = {
        (c["process"]["name"], c["agent"]["name"]): c["perUnit"]["hasNumericalValue"]
        for c in fp["breakdown"]
        if c["indicator"]["name"] == "GHG emissions"
    }
    assert by_process == {
        ("harvest", "Green Farm"): "0.125",
        ("truck trip", "Road Carriers"): "0.05",
        ("milling", "Stone Mill"): "0.075",
    }
