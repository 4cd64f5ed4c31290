"""Explorer benchmark: how long Chromium takes to draw a trace of 200, 2,000 and 5,000 nodes, and how
smooth panning and zooming stays.

The app is served by uvicorn; the page's ``traceGraph`` answer is replaced by a synthetic tree of the
size asked for (tests/browser/synthetic.py), so what is measured is the page alone: building the view,
the layered layout, cytoscape's first render and the first painted frame. 5,000 nodes are cut to the
page's cap of 2,000. Prints, per size, the nodes drawn, the median time to draw, the ratio to the
smallest size, and the median frame time during a pan-and-zoom animation.

    python bench/explorer.py [--sizes 200 2000 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import Page, Route, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.browser.synthetic import trace  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

FRAMES = """async () => {
  const cy = window.vfExplorer.cy;
  const times = [];
  let last = performance.now();
  for (let i = 0; i < 60; i++) {
    cy.zoom({ level: cy.zoom() * (i < 30 ? 1.03 : 0.97), renderedPosition: { x: 300, y: 300 } });
    cy.panBy({ x: 4, y: 2 });
    await new Promise(requestAnimationFrame);
    const now = performance.now();
    times.push(now - last);
    last = now;
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def measure(page: Page, base: str, size: int) -> tuple[int, float, float]:
    graph: dict[str, Any] = trace(size)

    def answer(route: Route) -> None:
        if "query Trace(" in route.request.post_data_json["query"]:
            route.fulfill(json={"data": {"traceGraph": graph}})
        else:
            route.fulfill(json={"data": None, "errors": [{"message": "not in this benchmark"}]})

    page.unroute("**/graphql")
    page.route("**/graphql", answer)
    page.goto(f"{base}/explorer?start={graph['start']}")
    page.wait_for_function("window.vfExplorer && window.vfExplorer.renderMs !== null", timeout=120_000)
    drawn = int(page.get_attribute("#graph", "data-nodes") or "0")
    render_ms = float(page.evaluate("window.vfExplorer.renderMs"))
    frame_ms = float(page.evaluate(FRAMES))
    return drawn, render_ms, frame_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    port = free_port()
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "uvicorn", "vfgraph.app:create_app", "--factory"),
            *("--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"),
        ],
        env=dict(os.environ, VFGRAPH_PORT=str(port)),
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait(f"{base}/health")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            print(f"{'nodes asked':>11} {'drawn':>6} {'draw ms':>8} {'ratio':>6} {'frame ms':>9}")
            baseline = None
            for size in args.sizes:
                runs = [measure(page, base, size) for _ in range(args.runs)]
                drawn = runs[0][0]
                render = statistics.median(r[1] for r in runs)
                frame = statistics.median(r[2] for r in runs)
                baseline = baseline or render
                print(f"{size:>11} {drawn:>6} {render:>8.0f} {render / baseline:>6.1f} {frame:>9.1f}")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
