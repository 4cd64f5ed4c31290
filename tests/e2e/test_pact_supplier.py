"""Taking a supplier's PACT footprint (issue 15, item 3): fetched from the supplier's host by id, or
fetched when the supplier announces it with a PublishedEvent; checked, recorded, and used by the roll-up
for what that supplier delivers of that product, with its provenance in the breakdown. Over real HTTPS;
the supplier's host is a second HTTPS server (and, once, vfgraph itself)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tests.e2e.client import Api
from tests.e2e.pact_host import (
    Certificate,
    Host,
    Requester,
    add_peer,
    certificate,
    pact_host,
    producer,
    qty,
    register,
    requester_host,
)
from tests.pact_documents import footprint
from vfgraph.domain.kinds import Kind
from vfgraph.errors import InvalidFootprint, PeerUnavailable
from vfgraph.pact import credentials, footprints, peers
from vfgraph.pact.remote import Remote
from vfgraph.services.ledger import Ledger
from vfgraph.services.tracing import footprint as rolled_up

EVENTS = "application/cloudevents+json; charset=UTF-8"


@dataclass
class Buyer:
    ledger: Ledger
    supplier: str  # the supplier's agent in this ledger
    bakery: str
    oats: str  # the product the supplier delivers
    ghg: str
    received: str  # the bakery's resource the oats went into
    peer: str


@pytest.fixture(scope="module")
def cert(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    return certificate(tmp_path_factory.mktemp("pact-supplier-tls"))


@pytest.fixture(scope="module")
def supplier_host(cert: Certificate) -> Iterator[Requester]:
    with requester_host(cert) as r:
        yield r


@pytest.fixture(scope="module")
def host(ledger: Ledger, cert: Certificate) -> Iterator[Host]:
    with pact_host(ledger, cert) as h:
        yield h


@pytest.fixture(scope="module")
def supplier(host: Host, supplier_host: Requester) -> tuple[str, str]:
    """The supplier's agent in this ledger, and its host registered as a peer standing for it."""
    agent = host.ledger.create(Kind.ORGANIZATION, {"name": "Hill Oats Cooperative"})
    return agent, register(host.ledger, supplier_host, agent=agent)


@pytest.fixture
def buyer(host: Host, supplier: tuple[str, str]) -> Buyer:
    ledger = host.ledger
    c = ledger.create
    supplier_agent, peer = supplier
    bakery = c(Kind.ORGANIZATION, {"name": "Corner Bakery"})
    kg = c(Kind.UNIT, {"label": "kilogram", "symbol": "kg", "omUnitIdentifier": "kilogram"})
    co2 = c(Kind.UNIT, {"label": "kilogram CO2e", "symbol": "kg CO2e"})
    oats = c(Kind.RESOURCE_SPECIFICATION, {"name": "Rolled oats", "defaultUnitOfResource": kg})
    ghg = c(Kind.RESOURCE_SPECIFICATION, {"name": "GHG emissions", "defaultUnitOfResource": co2})
    _, lot = ledger.record_event(
        {
            "action": "raise",
            "provider": supplier_agent,
            "receiver": supplier_agent,
            "resourceConformsTo": oats,
        }
        | {"resourceQuantity": qty("100", kg)},
        {"name": "Oats shipped to the bakery"},
    )
    _, received = ledger.record_event(
        {"action": "transfer", "provider": supplier_agent, "receiver": bakery, "resourceInventoriedAs": lot}
        | {"resourceQuantity": qty("100", kg)},
        {"name": "Oats at the bakery"},
    )
    assert received is not None
    return Buyer(ledger, supplier_agent, bakery, oats, ghg, received, peer)


def _remote(host: Host) -> Remote:
    return Remote(host.ledger.settings)


def test_a_taken_footprint_is_the_per_unit_footprint_of_what_the_supplier_delivered(
    host: Host, supplier_host: Requester, buyer: Buyer
) -> None:
    doc = footprint(id=str(uuid.uuid4()))  # 0.42 kg CO2e per kg
    supplier_host.footprints[doc["id"]] = doc
    remote = _remote(host)
    try:
        row = footprints.take(
            buyer.ledger, remote, peers.get(buyer.ledger, buyer.peer), doc["id"], buyer.oats, buyer.ghg
        )
    finally:
        remote.close()
    assert row["perUnit"] == "0.42" and row["status"] == "Active"
    assert row["source"] == f"{supplier_host.url}/3/footprints/{doc['id']}"
    result = rolled_up(buyer.ledger, buyer.received, [buyer.ghg]).footprint
    assert result.per_unit == {buyer.ghg: Decimal("0.42")}
    assert result.breakdown == {(buyer.ghg, row["id"], buyer.supplier): Decimal("0.42")}


def test_a_published_event_brings_the_new_version_which_replaces_the_old(
    host: Host, supplier_host: Requester, buyer: Buyer
) -> None:
    first = footprint(id=str(uuid.uuid4()))
    supplier_host.footprints[first["id"]] = first
    remote = _remote(host)
    try:
        old = footprints.take(
            buyer.ledger, remote, peers.get(buyer.ledger, buyer.peer), first["id"], buyer.oats, buyer.ghg
        )
    finally:
        remote.close()
    second = footprint(id=str(uuid.uuid4()), precedingPfIds=[first["id"]])
    second["pcf"] = {**second["pcf"], "pcfExcludingBiogenicUptake": "0.5", "fossilGhgEmissions": "0.38"}
    supplier_host.footprints[second["id"]] = second
    # The supplier holds a client on this host to notify it.
    client = credentials.create_client(buyer.ledger, agent=buyer.bakery, name="Hill Oats")
    token = host.token(client.client_id, client.client_secret)
    event = {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": supplier_host.url + "/3/events",
        "time": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "type": "org.wbcsd.pact.ProductFootprint.PublishedEvent.3",
        "data": {"pfIds": [second["id"]]},
    }
    with host.client() as c:
        r = c.post(
            host.base + "/3/events",
            json=event,
            headers={"Authorization": f"Bearer {token}", "Content-Type": EVENTS},
        )
    assert r.status_code == 200, r.text
    deadline = time.monotonic() + 20
    while footprints.get(buyer.ledger, second["id"], footprints.RECEIVED) is None:
        assert time.monotonic() < deadline, "the announced footprint was not fetched"
        time.sleep(0.1)
    new = footprints.get(buyer.ledger, second["id"], footprints.RECEIVED)
    assert new is not None and new["resourceSpecification"] == buyer.oats and new["perUnit"] == "0.5"
    assert footprints.get(buyer.ledger, first["id"], footprints.RECEIVED)["status"] == "Deprecated"  # type: ignore[index]
    result = rolled_up(buyer.ledger, buyer.received, [buyer.ghg]).footprint
    assert result.per_unit == {buyer.ghg: Decimal("0.5")}
    assert (buyer.ghg, old["id"], buyer.supplier) not in result.breakdown


def test_a_footprint_that_breaks_the_schema_is_not_recorded(
    host: Host, supplier_host: Requester, buyer: Buyer
) -> None:
    bad = footprint(id=str(uuid.uuid4()), companyIds=["not a urn"])
    supplier_host.footprints[bad["id"]] = bad
    remote = _remote(host)
    try:
        with pytest.raises(InvalidFootprint, match="companyIds"):
            footprints.take(
                buyer.ledger, remote, peers.get(buyer.ledger, buyer.peer), bad["id"], buyer.oats, buyer.ghg
            )
        with pytest.raises(PeerUnavailable, match="did not return footprint"):
            footprints.take(
                buyer.ledger,
                remote,
                peers.get(buyer.ledger, buyer.peer),
                str(uuid.uuid4()),
                buyer.oats,
                buyer.ghg,
            )
    finally:
        remote.close()
    assert footprints.get(buyer.ledger, bad["id"], footprints.RECEIVED) is None


def test_a_footprint_per_piece_is_counted_per_kilogram_by_its_mass(
    host: Host, supplier_host: Requester, buyer: Buyer
) -> None:
    doc = footprint(id=str(uuid.uuid4()))
    doc["pcf"] = {
        **doc["pcf"],
        "declaredUnitOfMeasurement": "piece",
        "declaredUnitAmount": "1",
        "productMassPerDeclaredUnit": "0.5",
    }
    supplier_host.footprints[doc["id"]] = doc
    remote = _remote(host)
    try:
        row = footprints.take(
            buyer.ledger, remote, peers.get(buyer.ledger, buyer.peer), doc["id"], buyer.oats, buyer.ghg
        )
    finally:
        remote.close()
    assert row["perUnit"] == "0.84"  # 0.42 per half-kilogram piece


def test_vfgraph_takes_a_footprint_from_another_vfgraph_host(ledger: Ledger, host: Host) -> None:
    mill = producer(ledger, "Remote Mill")
    published = mill.publish(mill.oat_flour)
    client = credentials.create_client(host.ledger, agent=mill.org, name="a customer")
    peer = add_peer(host.ledger, host.base, client.client_id, client.client_secret, mill.org)
    remote = _remote(host)
    try:
        row = footprints.take(
            host.ledger, remote, peers.get(host.ledger, peer), published["id"], mill.oat_flour, mill.ghg
        )
    finally:
        remote.close()
    assert row["origin"] == "received" and row["perUnit"] == "0.14"
    assert footprints.document_of(row)["pcf"] == published["pcf"]


def test_the_graphql_breakdown_names_the_suppliers_footprint(
    api: Api, host: Host, supplier_host: Requester, buyer: Buyer
) -> None:
    doc = footprint(id=str(uuid.uuid4()))
    supplier_host.footprints[doc["id"]] = doc
    remote = _remote(host)
    try:
        footprints.take(
            buyer.ledger, remote, peers.get(buyer.ledger, buyer.peer), doc["id"], buyer.oats, buyer.ghg
        )
    finally:
        remote.close()
    query = """
    query F($r: ID!, $i: ID!) {
      footprint(resource: $r, indicators: [$i]) {
        perUnit { quantity { hasNumericalValue } }
        breakdown {
          process { name } agent { name } supplierFootprint { pfId source origin }
          perUnit { hasNumericalValue }
        }
      }
    }"""
    result = api.data(query, r=buyer.received, i=buyer.ghg)["footprint"]
    assert result["perUnit"][0]["quantity"]["hasNumericalValue"] == "0.42"
    (item,) = result["breakdown"]
    assert item["process"] is None and item["agent"] == {"name": "Hill Oats Cooperative"}
    assert item["supplierFootprint"] == {
        "pfId": doc["id"],
        "source": f"{supplier_host.url}/3/footprints/{doc['id']}",
        "origin": "RECEIVED",
    }
