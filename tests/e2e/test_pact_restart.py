"""An accepted PACT request is kept in Neo4j: a host that stops before answering it answers after a
restart. Alone in its module, so that no other host's worker (they share the queue) answers it first."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime

import pytest

from tests.e2e.pact_host import (
    Certificate,
    Producer,
    Requester,
    certificate,
    pact_host,
    producer,
    register,
    requester_host,
)
from vfgraph.services.ledger import Ledger

EVENTS = "application/cloudevents+json; charset=UTF-8"


def test_a_queued_request_survives_a_restart(
    ledger: Ledger, tmp_path_factory: pytest.TempPathFactory
) -> None:
    cert = certificate(tmp_path_factory.mktemp("pact-restart-tls"))
    mill = producer(ledger, "Restart Mill")
    mill.publish(mill.bran)
    with requester_host(cert) as requester:
        _restart(ledger, cert, requester, mill)


def _restart(ledger: Ledger, cert: Certificate, requester: Requester, mill: Producer) -> None:
    event = {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": requester.url,
        "time": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "type": "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3",
        "data": {"status": "Active"},
    }
    with pact_host(ledger, cert, pact_worker=False) as stopped:  # accepts, queues, answers nothing
        register(stopped.ledger, requester)
        token = stopped.token(mill.client_id, mill.client_secret)
        with stopped.client() as c:
            r = c.post(
                stopped.base + "/3/events",
                json=event,
                headers={"Authorization": f"Bearer {token}", "Content-Type": EVENTS},
            )
        assert r.status_code == 200
        time.sleep(0.5)
        assert not [a for a in requester.received if a["event"]["data"].get("requestEventId") == event["id"]]
    with pact_host(ledger, cert):  # a new process: its worker finds the job in Neo4j
        answer = requester.answer_to(event["id"])["event"]
    assert answer["type"].endswith("RequestFulfilledEvent.3")
