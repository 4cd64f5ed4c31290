"""Pending events in GraphQL and linked data: asked for by one party, seen by both, applied when confirmed."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from tests.e2e.client import Api
from vfgraph.domain.kinds import Kind
from vfgraph.services import keys
from vfgraph.vocab.namespaces import VF, VFG

CREATE = """
mutation ($event: EconomicEventCreateParams!, $new: EconomicResourceCreateParams) {
  createEconomicEvent(event: $event, newInventoriedResource: $new) { economicEvent { id } }
}"""
ASK = """
mutation ($event: EconomicEventCreateParams!, $new: EconomicResourceCreateParams) {
  createPendingEconomicEvent(event: $event, newInventoriedResource: $new) {
    pendingEconomicEvent {
      id status requestedBy { id } newInventoriedResourceId
      event { id action { id } provider { id } receiver { id } resourceQuantity { hasNumericalValue }
              resourceInventoriedAs { id } }
    }
  }
}"""
CONFIRM = """
mutation ($id: ID!) {
  confirmEconomicEvent(id: $id) {
    economicEvent { id action { id } meta { retrievedRevision { author { id } } } }
    economicResource { id accountingQuantity { hasNumericalValue } primaryAccountable { id } }
  }
}"""
REJECT = """
mutation ($id: ID!, $note: String) {
  rejectEconomicEvent(id: $id, note: $note) {
    pendingEconomicEvent { id status rejectionNote rejectedBy { id } }
  }
}"""
LISTED = "{ pendingEconomicEvents { edges { node { id status } } } }"
LOT = """query ($id: ID!) { economicResource(id: $id) {
  accountingQuantity { hasNumericalValue } economicEventsInOutFrom { edges { node { id } } }
  track { __typename ... on EconomicEvent { id } }
} }"""


@dataclass
class Parties:
    seller: Api
    buyer: Api
    stranger: Api
    anonymous: Api
    seller_id: str
    buyer_id: str
    kg: str
    lot: str


@pytest.fixture
def parties(api: Api) -> Parties:
    ledger = api.ledger
    seller = ledger.create(Kind.ORGANIZATION, {"name": "Seller Coop"})
    buyer = ledger.create(Kind.ORGANIZATION, {"name": "Buyer Bakery"})
    stranger = ledger.create(Kind.ORGANIZATION, {"name": "Stranger Inc"})
    kg = ledger.create(Kind.UNIT, {"label": "kilogram", "symbol": "kg"})
    spec = ledger.create(Kind.RESOURCE_SPECIFICATION, {"name": "flour"})
    as_seller = api.with_key(keys.create(ledger, agent=seller, name="seller").token)
    event = {
        "action": "raise",
        "provider": seller,
        "receiver": seller,
        "resourceConformsTo": spec,
        "resourceQuantity": {"hasNumericalValue": "100", "hasUnit": kg},
    }
    made = as_seller.data(
        CREATE.replace("economicEvent { id }", "economicResource { id }"), event=event, new={"name": "flour"}
    )
    return Parties(
        as_seller,
        api.with_key(keys.create(ledger, agent=buyer, name="buyer").token),
        api.with_key(keys.create(ledger, agent=stranger, name="stranger").token),
        api.with_key(None),
        seller,
        buyer,
        kg,
        made["createEconomicEvent"]["economicResource"]["id"],
    )


def _transfer(p: Parties, quantity: str = "25") -> dict[str, object]:
    return {
        "action": "transfer",
        "provider": p.seller_id,
        "receiver": p.buyer_id,
        "resourceInventoriedAs": p.lot,
        "resourceQuantity": {"hasNumericalValue": quantity, "hasUnit": p.kg},
    }


def _quantity(p: Parties) -> str:
    found = p.seller.data(LOT, id=p.lot)["economicResource"]["accountingQuantity"]["hasNumericalValue"]
    return str(found)


def test_a_receiver_recording_a_transfer_from_anothers_stock_is_told_to_ask_for_it(parties: Parties) -> None:
    errors = parties.buyer.errors(CREATE, event=_transfer(parties), new={"name": "our flour"})
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert errors[0]["extensions"]["hint"] == "createPendingEconomicEvent"
    assert errors[0]["extensions"]["keepers"] == [parties.seller_id]
    assert _quantity(parties) == "100"


def test_a_pending_transfer_is_seen_by_both_parties_and_changes_nothing(parties: Parties) -> None:
    asked = parties.buyer.data(ASK, event=_transfer(parties), new={"name": "our flour"})
    pending = asked["createPendingEconomicEvent"]["pendingEconomicEvent"]
    iri = pending["id"]
    assert pending["status"] == "PENDING" and pending["requestedBy"] == {"id": parties.buyer_id}
    assert pending["event"]["action"] == {"id": "transfer"}
    assert pending["event"]["resourceInventoriedAs"] == {"id": parties.lot}
    assert _quantity(parties) == "100"

    for party in (parties.seller, parties.buyer):
        listed = {e["node"]["id"] for e in party.data(LISTED)["pendingEconomicEvents"]["edges"]}
        assert iri in listed
        assert party.data("query ($id: ID!) { pendingEconomicEvent(id: $id) { id } }", id=iri)[
            "pendingEconomicEvent"
        ] == {"id": iri}
    for outsider in (parties.stranger, parties.anonymous):
        assert iri not in {e["node"]["id"] for e in outsider.data(LISTED)["pendingEconomicEvents"]["edges"]}
        assert (
            outsider.data("query ($id: ID!) { pendingEconomicEvent(id: $id) { id } }", id=iri)[
                "pendingEconomicEvent"
            ]
            is None
        )
    # Not an event of the ledger: no lookup, list or walk shows it.
    lookup = parties.seller.data("query ($id: ID!) { economicEvent(id: $id) { id } }", id=iri)
    assert lookup["economicEvent"] is None
    lot = parties.seller.data(LOT, id=parties.lot)["economicResource"]
    assert iri not in {e["node"]["id"] for e in lot["economicEventsInOutFrom"]["edges"]}
    assert iri not in {i.get("id") for i in lot["track"]}


def test_the_provider_confirms_and_the_transfer_takes_effect(parties: Parties) -> None:
    asked = parties.buyer.data(ASK, event=_transfer(parties), new={"name": "our flour"})
    pending = asked["createPendingEconomicEvent"]["pendingEconomicEvent"]
    refused = parties.buyer.errors(CONFIRM, id=pending["id"])
    assert refused[0]["extensions"]["code"] == "FORBIDDEN"
    assert parties.stranger.errors(CONFIRM, id=pending["id"])[0]["extensions"]["code"] == "NOT_FOUND"

    done = parties.seller.data(CONFIRM, id=pending["id"])["confirmEconomicEvent"]
    assert done["economicEvent"]["id"] == pending["id"]
    assert done["economicResource"] == {
        "id": pending["newInventoriedResourceId"],
        "accountingQuantity": {"hasNumericalValue": "25"},
        "primaryAccountable": {"id": parties.buyer_id},
    }
    assert _quantity(parties) == "75"
    assert pending["id"] not in {
        e["node"]["id"] for e in parties.buyer.data(LISTED)["pendingEconomicEvents"]["edges"]
    }
    assert parties.seller.errors(CONFIRM, id=pending["id"])[0]["extensions"]["code"] == "NOT_FOUND"


def test_a_rejected_request_stays_rejected(parties: Parties) -> None:
    asked = parties.buyer.data(ASK, event=_transfer(parties), new={"name": "our flour"})
    iri = asked["createPendingEconomicEvent"]["pendingEconomicEvent"]["id"]
    rejected = parties.seller.data(REJECT, id=iri, note="not sold")["rejectEconomicEvent"]
    assert rejected["pendingEconomicEvent"] == {
        "id": iri,
        "status": "REJECTED",
        "rejectionNote": "not sold",
        "rejectedBy": {"id": parties.seller_id},
    }
    assert parties.seller.errors(CONFIRM, id=iri)[0]["extensions"]["code"] == "IMMUTABLE"
    everything = parties.buyer.data(
        "{ pendingEconomicEvents(status: null) { edges { node { id status } } } }"
    )
    nodes = [e["node"] for e in everything["pendingEconomicEvents"]["edges"]]
    assert {"id": iri, "status": "REJECTED"} in nodes
    assert _quantity(parties) == "100"


def test_a_pending_event_is_described_at_its_iri_to_its_parties_only(parties: Parties) -> None:
    asked = parties.buyer.data(ASK, event=_transfer(parties), new={"name": "our flour"})
    iri = asked["createPendingEconomicEvent"]["pendingEconomicEvent"]["id"]
    path = "/" + iri.split("/", 3)[3]
    seen = parties.seller.request("GET", path, headers={"accept": "text/turtle"})
    assert seen.status_code == 200
    g = Graph().parse(data=seen.text, format="turtle")
    node = URIRef(iri)
    assert set(g.objects(node, RDF.type)) == {VFG.PendingEconomicEvent}
    assert (node, VF.provider, URIRef(parties.seller_id)) in g
    assert str(g.value(node, VFG.requestStatus)) == "pending"
    for outsider in (parties.stranger, parties.anonymous):
        assert outsider.request("GET", path, headers={"accept": "text/turtle"}).status_code == 404
    whole = parties.seller.request("GET", "/ld/graph", headers={"accept": "application/n-triples"})
    assert iri not in whole.text
