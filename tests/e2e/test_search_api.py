"""Query.search over GraphQL, and the explorer's page route."""

from __future__ import annotations

import time
import uuid
from typing import Any

from tests.e2e.client import Api
from tests.neo4j.world import World
from vfgraph.app import EXPLORER_PAGE
from vfgraph.domain.kinds import Kind
from vfgraph.store.search import await_search_index

SEARCH = "query ($text: String!, $first: Int) { search(text: $text, first: $first) { id kind name } }"


def _hits(api: Api, text: str, first: int | None = None) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 5
    while True:
        hits: list[dict[str, Any]] = api.data(SEARCH, text=text, first=first)["search"]
        if hits or time.monotonic() > deadline:
            return hits
        time.sleep(0.1)


def test_search_returns_matching_records_with_their_kind(api: Api, world: World) -> None:
    await_search_index(api.ledger.store)
    word = f"zq{uuid.uuid4().hex[:10]}"
    farms = [world.ledger.create(Kind.ORGANIZATION, {"name": f"Farm {word} {i}"}) for i in range(3)]

    hits = _hits(api, f"farm {word}")
    assert sorted(h["id"] for h in hits) == sorted(farms)
    assert {h["kind"] for h in hits} == {"Organization"}
    assert len(_hits(api, word, first=2)) == 2


def test_search_pages_are_bounded_like_connections(api: Api) -> None:
    maximum = api.ledger.settings.max_page_size
    body = api.post(SEARCH, {"text": "grain", "first": maximum + 1})
    assert "errors" not in body, body
    assert body["extensions"]["clampedPages"] == [
        {"path": ["search"], "requested": maximum + 1, "limit": maximum}
    ]
    [error] = api.errors(SEARCH, text="grain", first=-1)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


def test_the_explorer_page_is_served_with_its_assets(api: Api) -> None:
    assert EXPLORER_PAGE.is_file(), "the explorer is not built: run `make assets`"
    page = api.get("/explorer")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "static/explorer/main.js" in page.text
    script = api.get("/static/explorer/main.js")
    assert script.status_code == 200
    assert "javascript" in script.headers["content-type"]
    assert api.get("/static/explorer/vendor/cytoscape.esm.min.js").status_code == 200
