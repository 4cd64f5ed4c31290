"""An HTTP client on the whole app (lifespan included) backed by the session's real Neo4j ledger.

Tests stay synchronous: the client drives the ASGI app through ``httpx.ASGITransport`` on one event loop
kept for the session (``asyncio.Runner``), and the app's lifespan runs on that loop before the first request.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from tests.e2e.client import Api
from vfgraph.app import create_app
from vfgraph.services import keys
from vfgraph.services.ledger import Ledger


@pytest.fixture(scope="session")
def api(ledger: Ledger) -> Iterator[Api]:
    app = create_app(ledger.settings, ledger)
    with asyncio.Runner() as runner:
        lifespan = app.router.lifespan_context(app)
        runner.run(lifespan.__aenter__())
        transport = httpx.ASGITransport(app=app)
        client = httpx.AsyncClient(transport=transport, base_url="http://vfgraph.test")
        operator = keys.create(ledger, agent=None, name="e2e operator", operator=True)
        try:
            yield Api(runner, client, ledger, operator.token)
        finally:
            runner.run(client.aclose())
            runner.run(lifespan.__aexit__(None, None, None))
