"""The app with other settings (tighter limits, production mode), for the tests of limits and abuse.

:func:`serving` is the ``api`` fixture's recipe (tests/e2e/conftest.py) for any settings: the app runs on its
own event loop, in front of the session's Neo4j ledger, with ``overrides`` applied to the ledger's settings.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from tests.e2e.client import Api
from vfgraph.app import create_app
from vfgraph.services.ledger import Ledger


@contextmanager
def serving(ledger: Ledger, key: str | None = None, **overrides: Any) -> Iterator[Api]:
    """A client on a fresh app whose settings are the ledger's with ``overrides``, sending ``key``."""
    settings = dataclasses.replace(ledger.settings, **overrides)
    app_ledger = dataclasses.replace(ledger, settings=settings)
    app = create_app(settings, app_ledger)
    with asyncio.Runner() as runner:
        lifespan = app.router.lifespan_context(app)
        runner.run(lifespan.__aenter__())
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://vfgraph.test")
        try:
            yield Api(runner, client, app_ledger, key)
        finally:
            runner.run(client.aclose())
            runner.run(lifespan.__aexit__(None, None, None))
