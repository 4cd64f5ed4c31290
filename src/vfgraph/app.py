"""The composition root of the HTTP service: settings in, a Starlette app out.

    /graphql   the vf-graphql API (GET serves GraphiQL; a WebSocket serves subscriptions)
    /health    {"status": "ok"} while Neo4j answers
    /static    the browser assets shipped in the package (GraphiQL, built by `make assets`)
    /explorer  the graph explorer for auditors (web/explorer, built into /static by `make assets`)
    /ld/...    linked data, and record IRIs under the base IRI's path (vfgraph.ld.http)
    /pact/...  the PACT v3 host API, HTTPS only, with its own OAuth credentials (vfgraph.pact.http)

The ledger (Neo4j driver, ontology, shapes) is built once by the lifespan, unless one is given (tests);
the driver is closed at shutdown only when the app built it. The lifespan also runs the PACT worker
(answers to requests, fetches of published footprints: vfgraph.pact.worker) unless
``VFGRAPH_PACT_WORKER=0``. ``vfgraph serve`` runs
``uvicorn.run("vfgraph.app:create_app", factory=True)``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles

from vfgraph.api.asgi import GraphQLApp
from vfgraph.api.authentication import Authentication
from vfgraph.bootstrap import build_ledger
from vfgraph.errors import StoreUnavailable
from vfgraph.ld import http as ld_http
from vfgraph.pact import http as pact_http
from vfgraph.pact.remote import Remote
from vfgraph.pact.worker import Worker
from vfgraph.services.ledger import Ledger
from vfgraph.settings import Settings
from vfgraph.store.reads import ping

STATIC = Path(__file__).parent / "static"
EXPLORER_PAGE = STATIC / "explorer" / "index.html"


async def explorer(request: Request) -> Response:
    """The explorer's page; its scripts and styles come from /static/explorer."""
    if not EXPLORER_PAGE.is_file():
        return PlainTextResponse("the explorer is not built: run `make assets`\n", status_code=503)
    return FileResponse(EXPLORER_PAGE, media_type="text/html")


class _Holder:
    """Where the lifespan puts the ledger for the request handlers."""

    ledger: Ledger | None = None

    def get(self) -> Ledger:
        if self.ledger is None:
            raise StoreUnavailable("the application has not started (its lifespan did not run)")
        return self.ledger


def create_app(settings: Settings | None = None, ledger: Ledger | None = None) -> Starlette:
    config = settings or (ledger.settings if ledger is not None else Settings.from_env())
    holder = _Holder()
    remote = Remote(config)
    worker = Worker(holder.get, remote)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        owned = ledger is None
        current = ledger if ledger is not None else build_ledger(config)
        task: asyncio.Task[None] | None = None
        try:
            await asyncio.to_thread(current.store.ensure_schema)
            holder.ledger = current
            if config.pact_worker:
                task = asyncio.create_task(worker.run(), name="pact-worker")
            yield
        finally:
            if task is not None:
                worker.stop()
                await task
            holder.ledger = None
            remote.close()
            if owned:
                current.store.close()

    async def health(request: Request) -> Response:
        try:
            ok = await asyncio.to_thread(ping, holder.get().store)
        except Exception:  # any failure to reach Neo4j means "not healthy", never a 500
            ok = False
        if ok:
            return JSONResponse({"status": "ok"})
        return JSONResponse({"status": "unavailable"}, status_code=503)

    graphql = GraphQLApp(holder.get, max_subscriptions=config.max_subscriptions)
    return Starlette(
        routes=[
            Route("/health", health),
            Route("/graphql", graphql),
            WebSocketRoute("/graphql", graphql),  # subscriptions (graphql-transport-ws)
            Route("/explorer", explorer),
            Mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static"),
            Mount("/pact", routes=pact_http.routes(holder.get, worker.wake)),
            *ld_http.routes(config, holder.get),
        ],
        middleware=[Middleware(Authentication, ledger=holder.get, exempt=("/pact/",))],
        lifespan=lifespan,
    )
