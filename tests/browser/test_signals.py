"""Signals in a real browser: Chromium's own WebSocket speaks graphql-transport-ws to /graphql, as a partner's
dashboard would, and hears about a request for flour the moment it is recorded."""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import Page

from tests.browser.client import Site
from vfgraph.services import keys

# Runs in the page: opens the socket, authenticates with the key, subscribes, and keeps every message in
# window.vfPushed; resolves once the server has acknowledged the connection.
SUBSCRIBE = """async ({token, query, variables}) => {
  window.vfPushed = [];
  const url = location.origin.replace(/^http/, "ws") + "/graphql";
  const ws = new WebSocket(url, "graphql-transport-ws");
  window.vfSocket = ws;
  await new Promise((resolve, reject) => {
    ws.onerror = () => reject(new Error("websocket error"));
    ws.onopen = () => ws.send(JSON.stringify(
      {type: "connection_init", payload: {Authorization: "Bearer " + token}}));
    ws.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.type === "connection_ack") {
        ws.onmessage = (e) => window.vfPushed.push(JSON.parse(e.data));
        ws.send(JSON.stringify({id: "flour", type: "subscribe", payload: {query, variables}}));
        resolve(null);
      }
    };
  });
  return ws.protocol;
}"""

SIGNALS = """subscription($f: SignalFilterParams) {
  signals(filter: $f) { operation kind intent { name receiver { name } } }
}"""
CREATE_INTENT = "mutation($i: IntentCreateParams!) { createIntent(intent: $i) { intent { id } } }"


def _wait_for_listener(site: Site, more_than: int) -> None:
    deadline = time.monotonic() + 10
    while site.ledger.feed.listeners <= more_than:
        assert time.monotonic() < deadline, "the subscription never started listening"
        time.sleep(0.02)


def test_a_browser_subscribed_to_flour_hears_a_new_request_for_flour(site: Site, page: Page) -> None:
    bakery, flour = site.demo("organization/corner-bakery"), site.demo("resource-specification/flour")
    token = keys.create(site.ledger, agent=bakery, name="browser signals").token
    page.goto(site.base + "/health")
    before = site.ledger.feed.listeners

    protocol = page.evaluate(
        SUBSCRIBE,
        {"token": token, "query": SIGNALS, "variables": {"f": {"resourceConformsTo": [flour]}}},
    )
    _wait_for_listener(site, before)
    quantity = {"hasNumericalValue": "25", "hasUnit": site.demo("unit/kilogram")}
    made = site.client.post(
        "/graphql",
        headers={"Authorization": f"Bearer {token}"},
        json={
            "query": CREATE_INTENT,
            "variables": {
                "i": {
                    "action": "transfer",
                    "name": "25 kg flour for Saturday",
                    "receiver": bakery,
                    "resourceConformsTo": flour,
                    "resourceQuantity": quantity,
                }
            },
        },
    ).json()
    assert not made.get("errors"), made
    page.wait_for_function("window.vfPushed.length > 0")
    pushed: list[dict[str, Any]] = page.evaluate("window.vfPushed")
    page.evaluate("window.vfSocket.close()")

    assert protocol == "graphql-transport-ws"
    assert pushed[0]["type"] == "next" and pushed[0]["id"] == "flour"
    assert pushed[0]["payload"]["data"]["signals"] == {
        "operation": "CREATED",
        "kind": "INTENT",
        "intent": {"name": "25 kg flour for Saturday", "receiver": {"name": "Corner Bakery"}},
    }
