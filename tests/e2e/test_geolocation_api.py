"""vf-graphql ``geolocation``: places as records with coordinates, and the records that name them."""

from __future__ import annotations

from typing import Any

from tests.e2e.client import Api

PLACE = """
mutation ($p: SpatialThingCreateParams!) {
  createSpatialThing(spatialThing: $p) { spatialThing { id revisionId name mappableAddress lat long alt } }
}"""

RECORD = """
mutation ($e: EconomicEventCreateParams!, $r: EconomicResourceCreateParams) {
  createEconomicEvent(event: $e, newInventoriedResource: $r) {
    economicEvent { id atLocation { id name } }
    economicResource { id currentLocation { id name lat long } }
  }
}"""

T = "2026-10-01T09:00:00Z"


def _place(api: Api, **fields: Any) -> dict[str, Any]:
    place: dict[str, Any] = api.data(PLACE, p=fields)["createSpatialThing"]["spatialThing"]
    return place


def _id(api: Api, mutation: str, *path: str, **variables: Any) -> str:
    data: Any = api.data(mutation, **variables)
    for key in path:
        data = data[key]
    return str(data)


def test_a_place_is_a_record_with_coordinates(api: Api) -> None:
    mill = _place(api, name="Stone Mill", mappableAddress="1 Mill Lane", lat="52.5200", long="13.4050")
    assert mill["lat"] == "52.52" and mill["long"] == "13.405" and mill["alt"] is None
    read = api.data("query ($id: ID!) { spatialThing(id: $id) { name mappableAddress } }", id=mill["id"])
    assert read["spatialThing"] == {"name": "Stone Mill", "mappableAddress": "1 Mill Lane"}

    update = """mutation ($p: SpatialThingUpdateParams!) {
                  updateSpatialThing(spatialThing: $p) { spatialThing { revisionId alt } } }"""
    moved = api.data(update, p={"revisionId": mill["revisionId"], "alt": "34"})["updateSpatialThing"]
    assert moved["spatialThing"] == {"revisionId": mill["id"] + "@2", "alt": "34"}
    assert mill["id"] in [e["node"]["id"] for e in api.data(
        "{ spatialThings(last: 5) { edges { node { id } } } }"
    )["spatialThings"]["edges"]]  # fmt: skip


def test_coordinates_outside_the_earth_or_half_given_are_refused(api: Api) -> None:
    [error] = api.errors(PLACE, p={"name": "Nowhere", "lat": "91", "long": "0"})
    assert error["extensions"]["code"] == "SHACL_VIOLATION"
    [error] = api.errors(PLACE, p={"name": "Half", "lat": "10"})
    assert error["extensions"]["code"] == "SHACL_VIOLATION"
    assert "vf:lat and vf:long" in str(error["extensions"]["violations"])


def test_agents_events_intents_and_resources_are_at_places(api: Api) -> None:
    mill = _place(api, name="Mill yard", lat="51.0", long="-1.5")
    farm = _id(
        api,
        'mutation ($p: ID) { createOrganization(organization: {name: "Geo Farm", primaryLocation: $p}) '
        "{ agent { id } } }",
        "createOrganization",
        "agent",
        "id",
        p=mill["id"],
    )
    kg = _id(
        api,
        'mutation { createUnit(unit: {label: "kilogram", symbol: "kg"}) { unit { id } } }',
        "createUnit",
        "unit",
        "id",
    )
    grain = _id(
        api,
        'mutation { createResourceSpecification(resourceSpecification: {name: "Geo grain"}) '
        "{ resourceSpecification { id } } }",
        "createResourceSpecification",
        "resourceSpecification",
        "id",
    )
    event = {
        "action": "raise",
        "provider": farm,
        "receiver": farm,
        "hasPointInTime": T,
        "resourceConformsTo": grain,
        "resourceQuantity": {"hasNumericalValue": "5", "hasUnit": kg},
        "atLocation": mill["id"],
    }
    new = {"name": "Geo lot", "conformsTo": grain, "currentLocation": mill["id"]}
    made = api.data(RECORD, e=event, r=new)["createEconomicEvent"]
    assert made["economicEvent"]["atLocation"] == {"id": mill["id"], "name": "Mill yard"}
    assert made["economicResource"]["currentLocation"]["name"] == "Mill yard"
    intent = _id(
        api,
        "mutation ($i: IntentCreateParams!) { createIntent(intent: $i) { intent { id } } }",
        "createIntent",
        "intent",
        "id",
        i={"action": "transfer", "provider": farm, "resourceConformsTo": grain, "atLocation": mill["id"]},
    )

    around = api.data(
        """query ($id: ID!) { spatialThing(id: $id) {
             agents { id } intents { id }
             economicEvents { edges { node { id } } }
             economicResources { edges { node { id } } } } }""",
        id=mill["id"],
    )["spatialThing"]
    assert around["agents"] == [{"id": farm}]
    assert around["intents"] == [{"id": intent}]
    assert [e["node"]["id"] for e in around["economicEvents"]["edges"]] == [made["economicEvent"]["id"]]
    resources = [e["node"]["id"] for e in around["economicResources"]["edges"]]
    assert resources == [made["economicResource"]["id"]]
    agent = api.data("query ($id: ID!) { agent(id: $id) { primaryLocation { lat } } }", id=farm)
    assert agent["agent"]["primaryLocation"] == {"lat": "51"}


def test_a_place_another_ledger_names_reads_as_a_place_known_by_its_iri(api: Api) -> None:
    farm = _id(
        api,
        'mutation { createOrganization(organization: {name: "Far Farm", '
        'primaryLocation: "https://places.example/valley"}) { agent { id } } }',
        "createOrganization",
        "agent",
        "id",
    )
    agent = api.data("query ($id: ID!) { agent(id: $id) { primaryLocation { id name lat } } }", id=farm)[
        "agent"
    ]
    place = "https://places.example/valley"
    assert agent["primaryLocation"] == {"id": place, "name": place, "lat": None}
