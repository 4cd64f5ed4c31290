"""Signals over the API: the ``signals`` subscription over a real WebSocket (graphql-transport-ws, same
/graphql path), and the ``matches`` query over HTTP, against the app and the real Neo4j."""

from __future__ import annotations

import dataclasses
import json
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest
import uvicorn
from starlette.exceptions import StarletteDeprecationWarning
from starlette.websockets import WebSocketDisconnect
from websockets.sync.client import connect

with warnings.catch_warnings():
    # starlette asks for httpx2 in place of httpx; the test client works the same with either.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

from tests.e2e.client import Api
from vfgraph.app import create_app
from vfgraph.domain.access import Caller
from vfgraph.domain.kinds import Kind
from vfgraph.services import keys
from vfgraph.services.ledger import Ledger

SIGNALS = "subscription($f: SignalFilterParams) { signals(filter: $f) { operation kind id } }"
PROTOCOL = ["graphql-transport-ws"]


@pytest.fixture(scope="module")
def client(ledger: Ledger) -> Iterator[TestClient]:
    with TestClient(create_app(ledger.settings, ledger)) as c:
        yield c


@dataclasses.dataclass
class Agents:
    """Three organisations with keys, and a fresh resource specification."""

    ledger: Ledger
    farm: str
    mill: str
    carrier: str
    keys: dict[str, str]
    spec: str

    def as_(self, agent: str) -> Ledger:
        return self.ledger.acting_as(Caller(key_id=f"test-{agent}", agent=agent, operator=False))


@pytest.fixture
def agents(ledger: Ledger) -> Agents:
    c = ledger.create
    farm, mill, carrier = (c(Kind.ORGANIZATION, {"name": n}) for n in ("farm", "mill", "carrier"))
    tokens = {a: keys.create(ledger, agent=a, name="signals test").token for a in (farm, mill, carrier)}
    spec = c(Kind.RESOURCE_SPECIFICATION, {"name": "grain"})
    return Agents(ledger, farm, mill, carrier, tokens, spec)


def wait_for_listeners(ledger: Ledger, more_than: int) -> None:
    """The subscription has reached the feed (there is no message saying so in the protocol)."""
    stop = time.monotonic() + 5
    while ledger.feed.listeners <= more_than:
        assert time.monotonic() < stop, "the subscription never started listening"
        time.sleep(0.01)


@contextmanager
def subscribed(
    client: TestClient,
    ledger: Ledger,
    key: str | None,
    variables: dict[str, Any] | None = None,
    query: str = SIGNALS,
) -> Iterator[Any]:
    """A WebSocket on /graphql, initialised with ``key`` in the payload, subscribed to ``query``."""
    with client.websocket_connect("/graphql", subprotocols=PROTOCOL) as ws:
        payload = {"Authorization": f"Bearer {key}"} if key else {}
        ws.send_json({"type": "connection_init", "payload": payload})
        assert ws.receive_json() == {"type": "connection_ack"}
        before = ledger.feed.listeners
        ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": query, "variables": variables}})
        wait_for_listeners(ledger, before)
        yield ws


def signal(message: dict[str, Any]) -> dict[str, Any]:
    assert message["type"] == "next", message
    data: dict[str, Any] = message["payload"]["data"]["signals"]
    return data


def intent(ledger: Ledger, spec: str, **fields: Any) -> str:
    return ledger.create(Kind.INTENT, {"action": "transfer", "resourceConformsTo": spec, **fields})


def test_a_subscriber_hears_of_a_matching_new_intent_and_not_of_others(
    client: TestClient, agents: Agents
) -> None:
    other = agents.ledger.create(Kind.RESOURCE_SPECIFICATION, {"name": "flour"})
    with subscribed(
        client, agents.ledger, agents.keys[agents.farm], {"f": {"resourceConformsTo": [agents.spec]}}
    ) as ws:
        intent(agents.ledger, other, receiver=agents.mill)  # another specification: not pushed
        agents.ledger.create(Kind.PROPOSAL, {"name": "nothing in it yet"})  # no intents: not pushed
        wanted = intent(agents.ledger, agents.spec, receiver=agents.mill)
        # Messages arrive in commit order, so the first one pushed is the matching intent.
        assert signal(ws.receive_json()) == {"operation": "CREATED", "kind": "INTENT", "id": wanted}


def test_a_proposal_is_pushed_when_an_intent_it_publishes_matches(client: TestClient, agents: Agents) -> None:
    where = "https://geo.example/mill-yard"
    ledger = agents.ledger
    proposal = ledger.create(Kind.PROPOSAL, {"name": "grain wanted"})
    wanted = intent(ledger, agents.spec, receiver=agents.mill, atLocation=where)
    variables = {"f": {"kinds": ["PROPOSAL"], "atLocation": [where]}}
    with subscribed(client, ledger, agents.keys[agents.farm], variables) as ws:
        ledger.create(Kind.PROPOSED_INTENT, {"publishedIn": proposal, "publishes": wanted})
        assert signal(ws.receive_json()) == {"operation": "UPDATED", "kind": "PROPOSAL", "id": proposal}


def test_a_private_intent_is_pushed_to_those_involved_and_never_to_an_outsider(
    client: TestClient, agents: Agents
) -> None:
    f = {"f": {"resourceConformsTo": [agents.spec]}}
    with (
        subscribed(client, agents.ledger, agents.keys[agents.carrier], f) as outsider,
        subscribed(client, agents.ledger, agents.keys[agents.mill], f) as insider,
    ):
        hidden = intent(agents.as_(agents.mill), agents.spec, receiver=agents.mill, private=True)
        open_one = intent(agents.ledger, agents.spec, receiver=agents.mill)
        assert signal(insider.receive_json())["id"] == hidden
        assert signal(insider.receive_json())["id"] == open_one
        assert signal(outsider.receive_json())["id"] == open_one


def test_a_deletion_is_pushed_only_for_a_record_the_subscriber_was_told_of(
    client: TestClient, agents: Agents
) -> None:
    ledger = agents.ledger
    with subscribed(
        client, ledger, agents.keys[agents.farm], {"f": {"resourceConformsTo": [agents.spec]}}
    ) as ws:
        told = intent(ledger, agents.spec, receiver=agents.mill)
        assert signal(ws.receive_json())["id"] == told
        elsewhere = ledger.create(Kind.RESOURCE_SPECIFICATION, {"name": "x"})
        untold = intent(ledger, elsewhere, receiver=agents.mill)
        ledger.delete(Kind.INTENT, iri=untold)
        ledger.delete(Kind.INTENT, iri=told)
        assert signal(ws.receive_json()) == {"operation": "DELETED", "kind": "INTENT", "id": told}


def test_the_key_may_come_in_the_upgrade_request_header(client: TestClient, agents: Agents) -> None:
    headers = {"authorization": f"Bearer {agents.keys[agents.mill]}"}
    f = {"f": {"resourceConformsTo": [agents.spec]}}
    with client.websocket_connect("/graphql", subprotocols=PROTOCOL, headers=headers) as ws:
        ws.send_json({"type": "connection_init"})
        assert ws.receive_json() == {"type": "connection_ack"}
        before = agents.ledger.feed.listeners
        ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": SIGNALS, "variables": f}})
        wait_for_listeners(agents.ledger, before)
        hidden = intent(agents.as_(agents.mill), agents.spec, receiver=agents.mill, private=True)
        assert signal(ws.receive_json())["id"] == hidden


def test_a_bad_key_in_the_upgrade_request_closes_the_socket_with_4401(client: TestClient) -> None:
    with (
        pytest.raises(WebSocketDisconnect) as refused,
        client.websocket_connect(
            "/graphql", subprotocols=PROTOCOL, headers={"authorization": "Bearer vfg_nope_nope"}
        ),
    ):
        pass
    assert refused.value.code == 4401


@pytest.mark.parametrize("authorization", ["Bearer vfg_nope_nope", "Basic abc", "Bearer "])
def test_a_bad_key_in_connection_init_closes_the_socket_with_4403(
    client: TestClient, authorization: str
) -> None:
    with client.websocket_connect("/graphql", subprotocols=PROTOCOL) as ws:
        ws.send_json({"type": "connection_init", "payload": {"Authorization": authorization}})
        with pytest.raises(WebSocketDisconnect) as refused:
            ws.receive_json()
    assert refused.value.code == 4403


def test_subscribing_before_connection_init_closes_the_socket_with_4401(client: TestClient) -> None:
    with client.websocket_connect("/graphql", subprotocols=PROTOCOL) as ws:
        ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": SIGNALS}})
        with pytest.raises(WebSocketDisconnect) as refused:
            ws.receive_json()
    assert refused.value.code == 4401


@contextmanager
def app_with(ledger: Ledger, **overrides: Any) -> Iterator[TestClient]:
    settings = dataclasses.replace(ledger.settings, **overrides)
    with TestClient(create_app(settings, dataclasses.replace(ledger, settings=settings))) as c:
        yield c


def test_a_connection_holds_at_most_the_configured_number_of_subscriptions(ledger: Ledger) -> None:
    with app_with(ledger, max_subscriptions=1) as c, subscribed(c, ledger, None) as ws:
        ws.send_json({"id": "2", "type": "subscribe", "payload": {"query": SIGNALS}})
        refused = ws.receive_json()
    assert refused["type"] == "error" and refused["id"] == "2"
    assert "limit" in refused["payload"][0]["message"]


def test_the_query_limits_apply_to_subscriptions(ledger: Ledger) -> None:
    with (
        app_with(ledger, max_query_depth=1) as c,
        c.websocket_connect("/graphql", subprotocols=PROTOCOL) as ws,
    ):
        ws.send_json({"type": "connection_init"})
        assert ws.receive_json() == {"type": "connection_ack"}
        ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": SIGNALS}})
        refused = ws.receive_json()
    assert refused["type"] == "error"
    assert refused["payload"][0]["extensions"]["code"] == "QUERY_TOO_DEEP"


# matches, over HTTP

MATCHES = """
query($agent: ID!, $first: Int, $after: String) {
  matches(agent: $agent, first: $first, after: $after) {
    edges { cursor node { intentId intent { id } score reasons due resourceConformsTo { id name } } }
    pageInfo { hasNextPage totalCount }
  }
}
"""


def test_matches_are_ranked_and_paged(api: Api, agents: Agents) -> None:
    ledger = agents.ledger
    kg = ledger.create(Kind.UNIT, {"label": "kilogram", "symbol": "kg"})

    def qty(v: str) -> dict[str, Any]:
        return {"hasNumericalValue": Decimal(v), "hasUnit": kg}

    ledger.record_event(
        {
            "action": "raise",
            "provider": agents.farm,
            "receiver": agents.farm,
            "resourceConformsTo": agents.spec,
            "resourceQuantity": qty("10"),
        },
        {"name": "lot", "conformsTo": agents.spec},
    )
    some = intent(ledger, agents.spec, receiver=agents.mill, resourceQuantity=qty("50"))
    enough = intent(
        ledger, agents.spec, receiver=agents.mill, resourceQuantity=qty("5"), due="2030-01-01T00:00:00Z"
    )
    first = api.post(MATCHES, {"agent": agents.farm, "first": 1})
    assert "errors" not in first, first
    page = first["data"]["matches"]
    node = page["edges"][0]["node"]
    assert (node["intentId"], node["score"], node["due"]) == (enough, 3, "2030-01-01T00:00:00+00:00")
    assert node["resourceConformsTo"] == {"id": agents.spec, "name": "grain"}
    assert node["intent"] == {"id": enough}
    assert node["reasons"][0].startswith("holds 10 ")
    assert page["pageInfo"] == {"hasNextPage": True, "totalCount": 2}
    rest = api.post(MATCHES, {"agent": agents.farm, "first": 1, "after": page["edges"][0]["cursor"]})
    assert [(e["node"]["intentId"], e["node"]["score"]) for e in rest["data"]["matches"]["edges"]] == [
        (some, 2)
    ]
    assert rest["data"]["matches"]["pageInfo"]["hasNextPage"] is False


def test_a_subscription_over_plain_http_is_refused_with_a_clear_code(api: Api) -> None:
    body = api.post("subscription { signals { id } }")
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["SUBSCRIPTION_NEEDS_WEBSOCKET"]


def test_a_real_socket_served_by_uvicorn_carries_the_signals(ledger: Ledger, agents: Agents) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(ledger.settings, ledger)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="signals-server", daemon=True)
    thread.start()
    try:
        stop = time.monotonic() + 30
        while not server.started:
            assert thread.is_alive() and time.monotonic() < stop, "the app did not start"
            time.sleep(0.05)
        with connect(f"ws://127.0.0.1:{port}/graphql", subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
            assert ws.subprotocol == "graphql-transport-ws"
            init = {
                "type": "connection_init",
                "payload": {"Authorization": f"Bearer {agents.keys[agents.farm]}"},
            }
            ws.send(json.dumps(init))
            assert json.loads(ws.recv(timeout=10)) == {"type": "connection_ack"}
            before = ledger.feed.listeners
            f = {"f": {"resourceConformsTo": [agents.spec]}}
            ws.send(
                json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SIGNALS, "variables": f}})
            )
            wait_for_listeners(ledger, before)
            wanted = intent(ledger, agents.spec, receiver=agents.mill)
            assert signal(json.loads(ws.recv(timeout=10)))["id"] == wanted
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_the_older_graphql_ws_protocol_is_not_served(client: TestClient) -> None:
    with (
        client.websocket_connect("/graphql", subprotocols=["graphql-ws"]) as ws,
        pytest.raises(WebSocketDisconnect) as refused,
    ):
        ws.receive_json()
    assert refused.value.code == 4406


TYPED = """
subscription($f: SignalFilterParams) {
  signals(filter: $f) { operation kind id intent { id name receiver { id } } proposal { id } }
}
"""
CREATE_INTENT = "mutation($i: IntentCreateParams!) { createIntent(intent: $i) { intent { id } } }"


def test_an_intent_created_over_http_is_pushed_with_the_fields_asked_for(
    client: TestClient, api: Api, agents: Agents
) -> None:
    f = {"f": {"resourceConformsTo": [agents.spec]}}
    with subscribed(client, agents.ledger, agents.keys[agents.farm], f, query=TYPED) as ws:
        made = api.with_key(agents.keys[agents.mill]).post(
            CREATE_INTENT,
            {
                "i": {
                    "action": "transfer",
                    "receiver": agents.mill,
                    "resourceConformsTo": agents.spec,
                    "name": "oats",
                }
            },
        )
        assert "errors" not in made, made
        iri = made["data"]["createIntent"]["intent"]["id"]
        assert signal(ws.receive_json()) == {
            "operation": "CREATED",
            "kind": "INTENT",
            "id": iri,
            "intent": {"id": iri, "name": "oats", "receiver": {"id": agents.mill}},
            "proposal": None,
        }


def test_a_failed_mutation_pushes_nothing(client: TestClient, api: Api, agents: Agents) -> None:
    f = {"f": {"resourceConformsTo": [agents.spec]}}
    with subscribed(client, agents.ledger, agents.keys[agents.farm], f) as ws:
        # The carrier is no party to this intent: refused (FORBIDDEN) inside the write, nothing committed.
        refused = api.with_key(agents.keys[agents.carrier]).post(
            CREATE_INTENT,
            {"i": {"action": "transfer", "receiver": agents.mill, "resourceConformsTo": agents.spec}},
        )
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        wanted = intent(agents.ledger, agents.spec, receiver=agents.mill)
        assert signal(ws.receive_json())["id"] == wanted


OFFERS = """
query($f: ProposalFilterParams) {
  offers(filter: $f) { edges { node { id } } }
  requests(filter: $f) { edges { node { id } } }
}
"""


def test_offers_and_requests_take_filters(api: Api, agents: Agents) -> None:
    ledger = agents.ledger
    here = "https://geo.example/farm-gate"

    def proposal(**flow: Any) -> str:
        iri = ledger.create(Kind.PROPOSAL, {"name": "grain", "hasEnd": "2100-01-01T00:00:00Z"})
        published = intent(ledger, agents.spec, **flow)
        ledger.create(Kind.PROPOSED_INTENT, {"publishedIn": iri, "publishes": published})
        return iri

    offer = proposal(provider=agents.farm, atLocation=here)
    request = proposal(receiver=agents.mill, atLocation=here)
    proposal(provider=agents.farm)  # elsewhere
    f = {"resourceConformsTo": [agents.spec], "atLocation": [here], "startDate": "2099-12-01T00:00:00Z"}
    body = api.post(OFFERS, {"f": f})
    assert "errors" not in body, body
    assert [e["node"]["id"] for e in body["data"]["offers"]["edges"]] == [offer]
    assert [e["node"]["id"] for e in body["data"]["requests"]["edges"]] == [request]
    later = api.post(OFFERS, {"f": {**f, "startDate": "2100-02-01T00:00:00Z"}})
    assert later["data"]["offers"]["edges"] == []


def test_matches_pages_are_bounded_like_any_other(api: Api, agents: Agents) -> None:
    maximum = api.ledger.settings.max_page_size
    body = api.post(MATCHES, {"agent": agents.farm, "first": maximum + 1})
    assert "errors" not in body, body
    assert body["extensions"]["clampedPages"][0]["limit"] == maximum
    body = api.post(MATCHES, {"agent": agents.farm, "after": "not-a-cursor"})
    assert [e["extensions"]["code"] for e in body["errors"]] == ["INVALID_CURSOR"]


def test_queries_and_mutations_go_over_http_not_the_websocket(client: TestClient, agents: Agents) -> None:
    with subscribed(client, agents.ledger, agents.keys[agents.farm]) as ws:
        ws.send_json({"id": "2", "type": "subscribe", "payload": {"query": "{ myAgent { id } }"}})
        refused = ws.receive_json()
    assert refused["type"] == "error" and refused["id"] == "2"
    assert refused["payload"][0]["extensions"]["code"] == "OPERATION_NEEDS_HTTP"
