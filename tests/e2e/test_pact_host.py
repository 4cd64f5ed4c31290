"""vfgraph as a PACT host beyond the conformance cases: expiring and revoked tokens, access between owners,
paging to the end, the lifecycle, and asynchronous requests that must not be lost (a requester that is down
for a while, a restart, a retried event). Over real HTTPS, against the real Neo4j."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.pact_host import (
    Certificate,
    Host,
    Producer,
    Requester,
    certificate,
    pact_host,
    producer,
    register,
    requester_host,
)
from vfgraph.pact import credentials, schema, urns
from vfgraph.pact.events import job_id
from vfgraph.services.ledger import Ledger
from vfgraph.store import pact as store

EVENTS = "application/cloudevents+json; charset=UTF-8"
CREATED = "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3"
PUBLISHED = "org.wbcsd.pact.ProductFootprint.PublishedEvent.3"
_BASE = {
    "specversion": "1.0",
    "id": "e-1",
    "source": "//x.example",
    "time": "2026-01-01T00:00:00Z",
    "data": {},
}


@pytest.fixture(scope="module")
def cert(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    return certificate(tmp_path_factory.mktemp("pact-host-tls"))


@pytest.fixture(scope="module")
def requester(cert: Certificate) -> Iterator[Requester]:
    with requester_host(cert) as r:
        yield r


@pytest.fixture(scope="module")
def host(ledger: Ledger, cert: Certificate, requester: Requester) -> Iterator[Host]:
    with pact_host(ledger, cert) as h:
        register(h.ledger, requester)
        yield h


@pytest.fixture(scope="module")
def mill(ledger: Ledger) -> Producer:
    m = producer(ledger, "Lifecycle Mill")
    m.publish(m.oat_flour)
    m.publish(m.bran)
    return m


def _get(host: Host, path: str, token: str, **kwargs: Any) -> Any:
    with host.client() as c:
        return c.get(host.base + path, headers={"Authorization": f"Bearer {token}"}, **kwargs)


def _request(requester: Requester, data: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    return {
        "specversion": "1.0",
        "id": event_id or str(uuid.uuid4()),
        "source": requester.url,
        "time": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "type": CREATED,
        "data": data,
    }


def _post(host: Host, token: str, event: dict[str, Any], content_type: str = EVENTS) -> Any:
    with host.client() as c:
        return c.post(
            host.base + "/3/events",
            json=event,
            headers={"Authorization": f"Bearer {token}", "Content-Type": content_type},
        )


def test_an_expired_token_is_told_apart_from_an_unknown_one(
    ledger: Ledger, cert: Certificate, mill: Producer
) -> None:
    with pact_host(ledger, cert, pact_token_ttl=1) as short:
        token = short.token(mill.client_id, mill.client_secret)
        assert _get(short, "/3/footprints", token).status_code == 200
        time.sleep(1.3)
        r = _get(short, "/3/footprints", token)
    assert r.status_code == 401
    assert r.json()["code"] == "TokenExpired"
    assert "Bearer" in r.headers["www-authenticate"]


def test_revoking_a_client_ends_its_tokens_at_once(host: Host, mill: Producer) -> None:
    new = credentials.create_client(host.ledger, agent=mill.org, name="to revoke")
    token = host.token(new.client_id, new.client_secret)
    assert _get(host, "/3/footprints", token).status_code == 200
    credentials.revoke_client(host.ledger, new.client_id)
    r = _get(host, "/3/footprints", token)
    assert (r.status_code, r.json()["code"]) == (401, "BadRequest")
    with host.client() as c:
        again = c.post(
            host.base + "/auth/token",
            data={"grant_type": "client_credentials"},
            auth=(new.client_id, new.client_secret),
        )
    assert again.status_code == 401 and again.json()["error"] == "invalid_client"


def test_a_client_reads_its_owners_footprints_only(ledger: Ledger, host: Host, mill: Producer) -> None:
    other = producer(ledger, "Other Mill")
    theirs = other.publish(other.bran)
    token = host.token(mill.client_id, mill.client_secret)
    r = _get(host, f"/3/footprints/{theirs['id']}", token)
    assert r.status_code == 403
    assert r.json() == {"code": "AccessDenied", "message": r.json()["message"]}
    listed = _get(host, "/3/footprints", token).json()["data"]
    assert theirs["id"] not in {f["id"] for f in listed}
    assert listed and all(urns.company_urn(mill.org) in f["companyIds"] for f in listed)


def test_following_the_next_links_reads_every_footprint_once(ledger: Ledger, host: Host) -> None:
    m = producer(ledger, "Paging Mill")
    for _ in range(3):
        m.publish(m.oat_flour)
        m.publish(m.bran)
    token = host.token(m.client_id, m.client_secret)
    everything = _get(host, "/3/footprints", token).json()["data"]
    assert len(everything) == 6
    seen: list[str] = []
    url: str | None = host.base + "/3/footprints?limit=4&status=Deprecated"
    with host.client() as c:
        while url:
            r = c.get(url, headers={"Authorization": f"Bearer {token}"})
            assert r.status_code == 200 and len(r.json()["data"]) <= 4
            seen += [f["id"] for f in r.json()["data"]]
            link = r.headers.get("link")
            url = link[1 : link.index(">")] if link else None
            assert url is None or "status=Deprecated" in url  # the filters travel with the link
    assert sorted(seen) == sorted(f["id"] for f in everything if f["status"] == "Deprecated")
    assert len(seen) == 4


def test_publishing_again_deprecates_the_snapshot_and_lists_it_as_preceding(
    host: Host, ledger: Ledger
) -> None:
    m = producer(ledger, "Twice Mill")
    first = m.publish(m.oat_flour)
    second = m.publish(m.oat_flour)
    third = m.publish(m.oat_flour)
    token = host.token(m.client_id, m.client_secret)
    old = _get(host, f"/3/footprints/{first['id']}", token).json()["data"]
    assert old["status"] == "Deprecated"
    assert {k: v for k, v in old.items() if k != "status"} == {
        k: v for k, v in first.items() if k != "status"
    }
    assert third["precedingPfIds"] == [first["id"], second["id"]]
    assert third["pcf"]["pcfExcludingBiogenicUptake"] == "0.14"


def test_a_request_is_answered_after_the_requester_comes_back(
    host: Host, requester: Requester, mill: Producer
) -> None:
    token = host.token(mill.client_id, mill.client_secret)
    requester.refuse_events = 2
    event = _request(requester, {"status": "Active"})
    assert _post(host, token, event).status_code == 200
    answer = requester.answer_to(event["id"])["event"]
    assert answer["type"].endswith("RequestFulfilledEvent.3")
    assert schema.conforms("RequestFulfilledEvent", answer)
    assert {pf["status"] for pf in answer["data"]["pfs"]} == {"Active"}
    deadline = time.monotonic() + 10
    while (
        job := store.get_job(host.ledger.store, job_id("answer-request", requester.url, event["id"]))
    ) and (job["status"] == "pending"):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert job is not None and job["status"] == "done" and job["attempts"] == 3


def test_a_request_sent_twice_is_answered_once(host: Host, requester: Requester, mill: Producer) -> None:
    token = host.token(mill.client_id, mill.client_secret)
    event = _request(requester, {"productId": ["urn:pact:null"]})
    assert _post(host, token, event).status_code == 200
    assert _post(host, token, event).status_code == 200
    requester.answer_to(event["id"])
    time.sleep(0.5)
    answers = [r for r in requester.received if r["event"]["data"].get("requestEventId") == event["id"]]
    assert len(answers) == 1


@pytest.mark.parametrize(
    ("body", "content_type", "why"),
    [
        (b"{not json", EVENTS, "not a JSON document"),
        (b'{"specversion": "1.0"}', "text/plain", "application/cloudevents+json"),
        (b'{"specversion": "0.3", "type": "x"}', EVENTS, "specversion"),
        (
            b'{"specversion": "1.0", "type": "org.wbcsd.pact.ProductFootprint.Teleported.3"}',
            EVENTS,
            "not a PACT v3 event type",
        ),
        (
            json.dumps({k: v for k, v in {**_BASE, "type": CREATED}.items() if k != "time"}).encode(),
            EVENTS,
            "time",
        ),
        (
            json.dumps({**_BASE, "type": PUBLISHED, "data": {"pfIds": []}}).encode(),
            EVENTS,
            "must not be empty",
        ),
    ],
)
def test_a_malformed_event_is_refused_with_400_and_nothing_is_queued(
    host: Host, mill: Producer, body: bytes, content_type: str, why: str
) -> None:
    token = host.token(mill.client_id, mill.client_secret)
    with host.client() as c:
        r = c.post(
            host.base + "/3/events",
            content=body,
            headers={"Authorization": f"Bearer {token}", "Content-Type": content_type},
        )
    assert r.status_code == 400
    assert r.json()["code"] == "BadRequest" and why in r.json()["message"]


def test_a_request_from_a_host_that_is_no_peer_is_refused_at_once(host: Host, mill: Producer) -> None:
    token = host.token(mill.client_id, mill.client_secret)
    event = {**_request(Requester(url="https://unknown.example"), {"productId": ["urn:pact:null"]})}
    r = _post(host, token, event)
    assert r.status_code == 400 and "not the host of a registered PACT peer" in r.json()["message"]


def test_the_discovery_document_and_the_extension_schema_are_served(host: Host, tmp_path: Path) -> None:
    with host.client() as c:
        found = c.get(host.base + "/.well-known/openid-configuration").json()
        assert found["grant_types_supported"] == ["client_credentials"]
        ext = c.get(host.base + "/extensions/rollup/1.0.0/data-model.json")
    assert ext.status_code == 200 and ext.json()["$id"].endswith("/rollup/1.0.0/data-model.json")
