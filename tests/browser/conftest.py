"""The explorer in a real browser: the app served by uvicorn on a free port, Debian's Chromium driven by
Playwright (its executable, not a Playwright download), the demo supply chain loaded.

Screenshots go to ``artifacts/browser/`` (git-ignored) for people to look at.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.browser.client import Site
from vfgraph.app import EXPLORER_PAGE, create_app
from vfgraph.services.demo import load_demo
from vfgraph.services.ledger import Ledger
from vfgraph.store.search import await_search_index

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def site(ledger: Ledger) -> Iterator[Site]:
    """The whole app on 127.0.0.1 with the demo loaded, for the session."""
    assert EXPLORER_PAGE.is_file(), "the explorer is not built: run `make assets`"
    load_demo(ledger)
    await_search_index(ledger.store)
    port = _free_port()
    config = uvicorn.Config(
        create_app(ledger.settings, ledger),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        ws="websockets-sansio",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="explorer-server", daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the app did not start"
        time.sleep(0.05)
    with httpx.Client(base_url=base, timeout=30) as client:
        try:
            yield Site(base, client, ledger)
        finally:
            server.should_exit = True
            thread.join(timeout=10)


# Playwright's sync API keeps an event loop running on this thread while it is open, which the e2e
# tests' asyncio.Runner cannot share: it is opened for this folder's tests only and closed after them.
@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page (own context: no shared storage) that fails the test on any script error."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_default_timeout(20_000)
    try:
        yield page
    finally:
        context.close()
    assert not errors, f"script errors on the page: {errors}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
