"""PACT footprints in GraphQL: publish from the roll-up, list, read, deprecate, and the errors."""

from __future__ import annotations

from typing import Any

from tests.e2e.client import Api
from tests.e2e.pact_host import REQUIRED, producer
from vfgraph.pact import schema
from vfgraph.services import keys

PUBLISH = """
mutation Publish($spec: ID!, $agent: ID!, $ghg: ID!, $others: [ID!], $declarations: JSON) {
  publishPactFootprint(resourceSpecification: $spec, agent: $agent, ghgIndicator: $ghg, indicators: $others,
                       declarations: $declarations) {
    id pfId origin status precedingPfIds pcfExcludingBiogenicUptake declaredUnitOfMeasurement document
    resourceSpecification { name } agent { name }
  }
}
"""

LIST = """
query List($agent: ID) {
  pactFootprints(agent: $agent, first: 10) { edges { node { pfId status } } pageInfo { hasNextPage } }
}
"""


def test_an_owner_publishes_its_products_footprint_and_deprecates_it(api: Api) -> None:
    mill = producer(api.ledger, "GraphQL Mill")
    key = keys.create(api.ledger, agent=mill.org, name="mill").token
    as_mill = api.with_key(key)
    variables: dict[str, Any] = {
        "spec": mill.oat_flour,
        "agent": mill.org,
        "ghg": mill.ghg,
        "others": [mill.water],
        "declarations": {"pcf": {**REQUIRED, "geographyCountry": "FI"}},
    }
    first = as_mill.data(PUBLISH, **variables)["publishPactFootprint"]
    assert (first["origin"], first["status"], first["declaredUnitOfMeasurement"]) == (
        "PUBLISHED",
        "ACTIVE",
        "kilogram",
    )
    assert first["pcfExcludingBiogenicUptake"] == "0.14"  # 140 kg CO2e over 1,000 kg of output
    assert first["resourceSpecification"]["name"] == "Oat flour" and first["agent"]["name"].startswith(
        "GraphQL Mill"
    )
    assert schema.errors("ProductFootprint", first["document"]) == []
    water = first["document"]["extensions"][0]["data"]["indicators"]
    assert water == [
        {"indicator": mill.water, "name": "Blue water", "unit": water[0]["unit"], "amount": "0.005"}
    ]

    # Publishing again without declarations reuses the last ones and replaces the snapshot.
    second = as_mill.data(PUBLISH, **{**variables, "declarations": None})["publishPactFootprint"]
    assert second["precedingPfIds"] == [first["pfId"]]
    assert second["document"]["pcf"]["geographyCountry"] == "FI"
    listed = api.data(LIST, agent=mill.org)["pactFootprints"]["edges"]
    assert {(e["node"]["pfId"], e["node"]["status"]) for e in listed} == {
        (first["pfId"], "DEPRECATED"),
        (second["pfId"], "ACTIVE"),
    }
    deprecated = as_mill.data(
        "mutation D($id: ID!) { deprecatePactFootprint(id: $id) { status } }", id=second["id"]
    )["deprecatePactFootprint"]
    assert deprecated["status"] == "DEPRECATED"
    read = api.with_key(None).data(
        "query R($id: ID!) { pactFootprint(id: $id) { pfId status } }", id=second["pfId"]
    )
    assert read["pactFootprint"] == {"pfId": second["pfId"], "status": "DEPRECATED"}


def test_only_the_owner_publishes_and_missing_declarations_are_listed(api: Api) -> None:
    mill = producer(api.ledger, "Careful Mill")
    other = producer(api.ledger, "Other Mill")
    variables: dict[str, Any] = {
        "spec": mill.bran,
        "agent": mill.org,
        "ghg": mill.ghg,
        "declarations": {"pcf": REQUIRED},
    }
    forbidden = api.with_key(keys.create(api.ledger, agent=other.org).token).errors(PUBLISH, **variables)
    assert forbidden[0]["extensions"]["code"] == "FORBIDDEN"
    anonymous = api.with_key(None).errors(PUBLISH, **variables)
    assert anonymous[0]["extensions"]["code"] == "UNAUTHENTICATED"
    as_mill = api.with_key(keys.create(api.ledger, agent=mill.org).token)
    missing = as_mill.errors(PUBLISH, **{**variables, "declarations": {"pcf": {"fossilCarbonContent": "0"}}})
    assert missing[0]["extensions"]["code"] == "INVALID_FOOTPRINT"
    assert any(
        v.startswith("pcf.crossSectoralStandards: required") for v in missing[0]["extensions"]["violations"]
    )
    nothing = as_mill.errors(PUBLISH, **{**variables, "spec": mill.ghg})
    assert nothing[0]["extensions"]["code"] == "BAD_USER_INPUT" and "no output" in nothing[0]["message"]


def test_a_snapshot_is_described_as_linked_data_and_an_import_of_the_export_skips_it(api: Api) -> None:
    from urllib.parse import urlsplit

    from rdflib import Graph, Literal, URIRef

    from vfgraph.ld import export, formats
    from vfgraph.ld.importer import import_data
    from vfgraph.vocab.namespaces import VFG

    mill = producer(api.ledger, "Linked Mill")
    doc = mill.publish(mill.bran)
    iri = f"{api.ledger.settings.base_iri}pact-footprint/{doc['id']}"
    r = api.get(urlsplit(iri).path, headers={"accept": "text/turtle"})
    assert r.status_code == 200, r.text
    g = Graph().parse(data=r.text, format="turtle")
    node = URIRef(iri)
    assert g.value(node, VFG.pactId) == Literal(doc["id"])
    assert g.value(node, VFG.footprintOf) == URIRef(mill.bran)
    assert g.value(node, VFG.dataOwner) == URIRef(mill.org)
    assert str(g.value(node, VFG.pcfExcludingBiogenicUptake)) == "0.14"
    text = "".join(export.export(api.ledger, formats.TURTLE, iris=[mill.bran])) + r.text
    report = import_data(api.ledger, text.encode(), formats.TURTLE, dry_run=True)
    assert report.ok, report.to_json()
