"""The app under test, seen from outside: its address, GraphQL over HTTP, and the explorer's page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import httpx
from playwright.sync_api import Page

from vfgraph.services.ledger import Ledger


class Site:
    def __init__(self, base: str, client: httpx.Client, ledger: Ledger) -> None:
        self.base = base
        self.client = client
        self.ledger = ledger

    def demo(self, path: str) -> str:
        """A demo record's IRI (the demo's IRIs are under the ledger's base IRI)."""
        return f"{self.ledger.settings.base_iri}demo/{path}"

    def data(self, query: str, **variables: Any) -> dict[str, Any]:
        body: dict[str, Any] = self.client.post(
            "/graphql", json={"query": query, "variables": variables}
        ).json()
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    def explorer(self, **view: str) -> str:
        """The explorer's URL for a view (start, direction, depth, selected, ...)."""
        return f"{self.base}/explorer" + (f"?{urlencode(view)}" if view else "")


def wait_for_graph(page: Page) -> int:
    """Wait until the graph is drawn and painted; the number of records it shows."""
    page.wait_for_function("window.vfExplorer && window.vfExplorer.renderMs !== null")
    return int(page.get_attribute("#graph", "data-records") or "-1")


def click_node(page: Page, node_id: str) -> None:
    """Click a node on the canvas where it is drawn, as a person would (it must be in view)."""
    box = page.evaluate(
        """(id) => {
            const cy = window.vfExplorer.cy;
            const p = cy.getElementById(id).renderedPosition();
            const r = document.getElementById('graph').getBoundingClientRect();
            return {x: r.left + p.x, y: r.top + p.y, w: r.width, h: r.height, left: r.left, top: r.top};
        }""",
        node_id,
    )
    assert box["left"] < box["x"] < box["left"] + box["w"], f"{node_id} is not in view: {box}"
    assert box["top"] < box["y"] < box["top"] + box["h"], f"{node_id} is not in view: {box}"
    page.mouse.click(box["x"], box["y"])
