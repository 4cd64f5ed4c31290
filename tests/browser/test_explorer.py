"""The explorer against the demo supply chain, in Chromium: what an auditor does, checked against the API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, Route, expect

from tests.browser import synthetic
from tests.browser.client import Site, click_node, wait_for_graph

TRACE_IDS = """query($start: ID!) { traceGraph(start: $start) { nodes { id kind } edges { from to } } }"""
FOOTPRINT = """query($resource: ID!, $indicators: [ID!]!) {
  footprint(resource: $resource, indicators: $indicators) {
    perUnit { indicator { id } quantity { hasNumericalValue } }
    total { indicator { id } quantity { hasNumericalValue } }
    breakdown { indicator { id } process { id } agent { id } perUnit { hasNumericalValue } }
  }
}"""


def test_search_finds_the_flour_and_its_trace_has_the_apis_nodes(
    site: Site, page: Page, artifacts: Path
) -> None:
    flour = site.demo("economic-resource/milling-flour")
    page.goto(site.explorer())
    page.get_by_label("Search records").fill("SM-F-0007")
    page.get_by_label("Search records").press("Enter")
    result = page.locator(f'#results button[data-id="{flour}"]')
    expect(result).to_contain_text("Flour batch SM-F-0007")
    page.screenshot(path=artifacts / "explorer-search.png")

    result.click()
    drawn = wait_for_graph(page)

    api = site.data(TRACE_IDS, start=flour)["traceGraph"]
    assert drawn == len(api["nodes"]) == 17  # with the farm hand's hours (docs/contributions.md)
    on_page = page.evaluate("window.vfExplorer.cy.nodes().map(n => n.id())")
    assert sorted(on_page) == sorted(n["id"] for n in api["nodes"])
    assert page.evaluate("window.vfExplorer.cy.edges().length") == len(api["edges"])
    expect(page.locator("#view-status")).to_contain_text("17 records upstream")
    expect(page.locator("#node-list button")).to_have_count(17)
    # The view is in the URL, so the link can be shared.
    assert "start=" in page.url
    expect(page.locator("#footprint table.totals")).to_be_visible()
    page.screenshot(path=artifacts / "explorer-trace.png")


def test_clicking_a_node_shows_its_details(site: Site, page: Page, artifacts: Path) -> None:
    flour = site.demo("economic-resource/milling-flour")
    milling = site.demo("process/milling-run-3")
    page.goto(site.explorer(start=flour))
    wait_for_graph(page)

    click_node(page, milling)

    details = page.locator("#details")
    expect(details.locator("h2")).to_have_text("Milling run 3")
    expect(details).to_contain_text("Milling")  # based on
    expect(details.locator("h3", has_text="Outputs")).to_be_visible()
    expect(details).to_contain_text("produce 160 kg")
    assert page.evaluate("window.vfExplorer.cy.$(':selected').map(n => n.id())") == [milling]
    assert "selected=" in page.url

    # A resource's details: quantity with its unit and the accountable agent.
    page.locator("#node-list button", has_text="Grain at Stone Mill").click()
    expect(details.locator("h2")).to_have_text("Grain at Stone Mill")
    expect(details.locator("dd", has_text="SM-IN-0042")).to_be_visible()
    expect(details.locator("dt", has_text="Accountable")).to_be_visible()
    expect(details).to_contain_text("Stone Mill")
    page.screenshot(path=artifacts / "explorer-details.png")


def _cells(page: Page, selector: str) -> list[str]:
    return [str(v) for v in page.eval_on_selector_all(selector, "cells => cells.map(c => c.dataset.exact)")]


def test_the_footprint_panel_shows_the_footprint_querys_numbers(
    site: Site, page: Page, artifacts: Path
) -> None:
    flour = site.demo("economic-resource/milling-flour")
    page.goto(site.explorer(start=flour))
    wait_for_graph(page)
    panel = page.locator("#footprint")
    expect(panel.locator("table.totals")).to_be_visible()

    chosen = page.eval_on_selector_all(".indicators input:checked", "boxes => boxes.map(b => b.value)")
    # By default, the flows to and from nature upstream of the flour: water and emissions, not work.
    ghg, water = (
        site.demo("resource-specification/ghg-emissions"),
        site.demo("resource-specification/blue-water"),
    )
    assert sorted(chosen) == sorted([ghg, water])
    f = site.data(FOOTPRINT, resource=flour, indicators=chosen)["footprint"]

    rows = panel.locator("table.totals tbody tr")
    expect(rows).to_have_count(len(chosen))
    for p, t in zip(f["perUnit"], f["total"], strict=True):
        row = panel.locator(f'table.totals tr[data-indicator="{p["indicator"]["id"]}"]')
        assert _cells(page, f'table.totals tr[data-indicator="{p["indicator"]["id"]}"] td') == [
            p["quantity"]["hasNumericalValue"],
            t["quantity"]["hasNumericalValue"],
        ]
        expect(row).to_contain_text(p["quantity"]["hasNumericalValue"])
    assert _cells(page, f'table.totals tr[data-indicator="{ghg}"] td') == ["0.25", "40"]  # docs/footprints.md

    shown = page.eval_on_selector_all(
        "table.breakdown tr.contribution",
        """rows => rows.map(r => [r.closest('tbody').dataset.indicator, r.dataset.process, r.dataset.agent,
            r.querySelector('td.num').dataset.exact])""",
    )
    expected = [
        [b["indicator"]["id"], b["process"]["id"], b["agent"]["id"], b["perUnit"]["hasNumericalValue"]]
        for b in f["breakdown"]
    ]
    assert sorted(shown) == sorted(expected)

    # Choosing another indicator asks again and keeps the choice in the URL.
    panel.get_by_label("Milling work").check()
    expect(panel.locator("table.totals tbody tr")).to_have_count(3)
    assert "indicator=" in page.url
    page.locator("#footprint").screenshot(path=artifacts / "explorer-footprint.png")


def test_a_shared_link_shows_the_same_view(site: Site, page: Page) -> None:
    grain = site.demo("economic-resource/harvest-grain")
    trip = site.demo("process/truck-trip-17")
    page.goto(site.explorer(start=grain, direction="DOWNSTREAM", depth="4", selected=trip))
    drawn = wait_for_graph(page)

    api = site.data(
        "query($s: ID!) { traceGraph(start: $s, direction: DOWNSTREAM, maxDepth: 4) { nodes { id } } }",
        s=grain,
    )
    assert drawn == len(api["traceGraph"]["nodes"])
    expect(page.get_by_label("Downstream (track)")).to_be_checked()
    expect(page.get_by_label("Depth")).to_have_value("4")
    expect(page.locator("#details h2")).to_have_text("Truck trip 17")

    # Toggling the direction walks the other way and rewrites the URL.
    page.get_by_label("Upstream (trace)").check()
    page.wait_for_url(lambda url: "direction=DOWNSTREAM" not in url)
    wait_for_graph(page)
    expect(page.locator("#view-status")).to_contain_text("upstream")


def test_search_and_results_are_reachable_from_the_keyboard(site: Site, page: Page) -> None:
    page.goto(site.explorer())
    # With nothing to show yet, the page starts in the search box; the button comes next.
    expect(page.get_by_label("Search records")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Search", exact=True)).to_be_focused()
    page.keyboard.press("Shift+Tab")
    page.keyboard.type("GV-2026-01")
    page.keyboard.press("Enter")
    expect(page.locator("#results button").first).to_contain_text("Grain lot GV-2026-01")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#results button").first).to_be_focused()
    page.keyboard.press("Enter")
    assert wait_for_graph(page) > 1
    expect(page.locator("#details h2")).to_have_text("Grain lot GV-2026-01")


def test_export_as_json_ld_holds_every_record_of_the_view(site: Site, page: Page, tmp_path: Path) -> None:
    flour = site.demo("economic-resource/milling-flour")
    page.goto(site.explorer(start=flour))
    wait_for_graph(page)
    ids = set(page.evaluate("window.vfExplorer.cy.nodes().map(n => n.id())"))

    with page.expect_download() as download:
        page.get_by_role("button", name="JSON-LD").click()
    path = tmp_path / "view.jsonld"
    download.value.save_as(path)
    doc: dict[str, Any] = json.loads(path.read_text())
    assert "@context" in doc
    assert {n["@id"] for n in doc["@graph"]} >= ids

    with page.expect_download() as image:
        page.get_by_role("button", name="Image").click()
    assert image.value.suggested_filename.endswith(".png")


def test_a_graph_beyond_the_cap_says_what_it_left_out(site: Site, page: Page, artifacts: Path) -> None:
    big = synthetic.trace(2500, private_every=50)

    def answer(route: Route) -> None:
        body = route.request.post_data_json
        if "query Trace(" in body["query"]:
            route.fulfill(json={"data": {"traceGraph": big}})
        else:
            route.continue_()

    page.route("**/graphql", answer)
    page.goto(site.explorer(start=big["start"]))
    assert wait_for_graph(page) == 2000

    status = page.locator("#view-status")
    expect(status).to_contain_text("Showing the nearest 2,000 of 2,500 records")
    expect(status).to_contain_text("500 records more than")
    # A record the reader may not see is drawn, marked private, not dropped.
    private = [n["id"] for n in big["nodes"][:2000] if n["redacted"]]
    assert len(private) > 30
    assert sorted(page.evaluate("window.vfExplorer.cy.nodes('[?redacted]').map(n => n.id())")) == sorted(
        private
    )
    expect(page.locator("#node-list button", has_text="private record").first).to_be_visible()
    page.screenshot(path=artifacts / "explorer-2000-nodes.png")
