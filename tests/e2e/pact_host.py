"""PACT over real HTTPS: the app served by uvicorn with TLS on a free port (and plain HTTP on another), a
*requester host* (another PACT host that sends requests and receives the answers, with its own token
endpoint), and a small world of footprints to serve. Used by tests/e2e/test_pact_*.py.

Everything runs against the session's real Neo4j; the certificate is a fresh self-signed one
(:func:`vfgraph.pact.tls.self_signed`) that the clients, and the app's own outgoing client
(``VFGRAPH_PACT_CA_FILE``), trust.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import socket
import ssl
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from vfgraph.app import create_app
from vfgraph.domain.kinds import Kind
from vfgraph.pact import credentials, footprints, peers, tls
from vfgraph.services.ledger import Ledger

REQUESTER_CLIENT, REQUESTER_SECRET = "requester-client", "requester-secret-" + uuid.uuid4().hex


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Certificate:
    cert: Path
    key: Path

    def context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.cert))


def certificate(folder: Path) -> Certificate:
    cert, key = folder / "cert.pem", folder / "key.pem"
    tls.self_signed(cert, key)
    return Certificate(cert, key)


@contextmanager
def serving(app: Any, port: int, cert: Certificate | None, lifespan: str = "off") -> Iterator[uvicorn.Server]:
    """Serve ``app`` on 127.0.0.1:``port`` (HTTPS with ``cert``) in a thread, until the block ends."""
    ssl_args: dict[str, Any] = (
        {} if cert is None else {"ssl_certfile": str(cert.cert), "ssl_keyfile": str(cert.key)}
    )
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", lifespan=lifespan, **ssl_args
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"server-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, f"the server on {port} did not start"
        time.sleep(0.02)
    try:
        yield server
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@dataclass
class Requester:
    """Another PACT host: it hands vfgraph a token and records the events vfgraph posts to it."""

    url: str = ""
    received: list[dict[str, Any]] = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)
    refuse_events: int = 0  # answer this many event deliveries with 503 first (a host that is down)
    footprints: dict[str, dict[str, Any]] = field(default_factory=dict)  # what its GetFootprint serves

    def app(self) -> Starlette:
        token = "requester-token-" + uuid.uuid4().hex

        async def issue(request: Request) -> Response:
            expected = base64.b64encode(f"{REQUESTER_CLIENT}:{REQUESTER_SECRET}".encode()).decode()
            if request.headers.get("authorization") != f"Basic {expected}":
                return JSONResponse({"error": "invalid_client"}, status_code=401)
            return JSONResponse({"access_token": token, "token_type": "Bearer", "expires_in": 3600})

        async def events(request: Request) -> Response:
            if request.headers.get("authorization") != f"Bearer {token}":
                return JSONResponse({"code": "BadRequest", "message": "bad token"}, status_code=401)
            if self.refuse_events > 0:
                self.refuse_events -= 1
                return JSONResponse({"code": "InternalError", "message": "down"}, status_code=503)
            body = json.loads(await request.body())
            with self.arrived:
                self.received.append(
                    {
                        "path": request.url.path,
                        "contentType": request.headers.get("content-type"),
                        "event": body,
                    }
                )
                self.arrived.notify_all()
            return Response(status_code=200)

        async def get_footprint(request: Request) -> Response:
            if request.headers.get("authorization") != f"Bearer {token}":
                return JSONResponse({"code": "BadRequest", "message": "bad token"}, status_code=401)
            found = self.footprints.get(request.path_params["id"])
            if found is None:
                return JSONResponse({"code": "NotFound", "message": "no such footprint"}, status_code=404)
            return JSONResponse({"data": found})

        return Starlette(
            routes=[
                Route("/auth/token", issue, methods=["POST"]),
                Route("/3/events", events, methods=["POST"]),
                Route("/3/footprints/{id}", get_footprint),
            ]
        )

    def answer_to(self, request_id: str, timeout: float = 30.0) -> dict[str, Any]:
        """The event that answers the request ``request_id`` (waits for it)."""
        deadline = time.monotonic() + timeout
        with self.arrived:
            while True:
                for r in self.received:
                    if r["event"].get("data", {}).get("requestEventId") == request_id:
                        return r
                left = deadline - time.monotonic()
                assert left > 0, f"no answer to {request_id} within {timeout} s: {self.received}"
                self.arrived.wait(left)


@dataclass
class Host:
    """The app as a PACT host: its HTTPS base URL, its plain-HTTP twin, and what it runs on."""

    base: str  # https://127.0.0.1:<port>/pact
    plain: str  # http://127.0.0.1:<port>/pact (the same app, without TLS)
    ledger: Ledger
    cert: Certificate

    def client(self) -> httpx.Client:
        return httpx.Client(verify=self.cert.context(), timeout=30)

    def token(self, client_id: str, secret: str) -> str:
        with self.client() as c:
            r = c.post(
                self.base + "/auth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret)
            )
        assert r.status_code == 200, r.text
        token: str = r.json()["access_token"]
        return token


@contextmanager
def pact_host(ledger: Ledger, cert: Certificate, **overrides: Any) -> Iterator[Host]:
    """The app served over HTTPS and plain HTTP, running its PACT worker, trusting ``cert`` outgoing."""
    tls_port, plain_port = free_port(), free_port()
    defaults: dict[str, Any] = {
        "pact_worker": True,
        "pact_ca_file": cert.cert,
        "pact_url": f"https://127.0.0.1:{tls_port}/pact",
        "pact_retry_seconds": 0.2,
    }
    settings = dataclasses.replace(ledger.settings, **{**defaults, **overrides})
    app_ledger = dataclasses.replace(ledger, settings=settings)
    app = create_app(settings, app_ledger)
    with serving(app, tls_port, cert, lifespan="on"), serving(app, plain_port, None):
        yield Host(
            f"https://127.0.0.1:{tls_port}/pact", f"http://127.0.0.1:{plain_port}/pact", app_ledger, cert
        )


@contextmanager
def requester_host(cert: Certificate) -> Iterator[Requester]:
    requester = Requester()
    port = free_port()
    requester.url = f"https://127.0.0.1:{port}"
    with serving(requester.app(), port, cert):
        yield requester


def register(ledger: Ledger, requester: Requester, agent: str | None = None) -> str:
    """Register the requester host as a peer of the ledger (vfgraph's credentials there)."""
    return add_peer(ledger, requester.url, REQUESTER_CLIENT, REQUESTER_SECRET, agent)


def add_peer(ledger: Ledger, url: str, client_id: str, secret: str, agent: str | None = None) -> str:
    """Add a peer, replacing one an earlier test session left on the same URL (ports are reused)."""
    for old in peers.list_peers(ledger):
        if old["url"] == url.rstrip("/"):
            peers.remove(ledger, old["id"])
    return peers.add(ledger, url=url, client_id=client_id, client_secret=secret, agent=agent)


# -- a world of footprints -----------------------------------------------------------------------------


def qty(value: str, unit: str) -> dict[str, Any]:
    return {"hasNumericalValue": Decimal(value), "hasUnit": unit}


REQUIRED = {
    "fossilCarbonContent": "0",
    "ipccCharacterizationFactors": ["AR6"],
    "crossSectoralStandards": ["GHGP-Product", "PACT-3.0"],
    "exemptedEmissionsPercent": "0",
}


@dataclass
class Producer:
    """An organisation with two products made in one process, its indicators, and its PACT client."""

    ledger: Ledger
    org: str
    kg: str
    co2: str
    ghg: str
    water: str
    oat_flour: str
    bran: str
    process: str
    client_id: str = ""
    client_secret: str = ""

    def publish(self, product: str, **declarations: Any) -> dict[str, Any]:
        pcf = {**REQUIRED, **declarations.pop("pcf", {})}
        row = footprints.publish(
            self.ledger,
            footprints.Publication(
                resource_specification=product,
                agent=self.org,
                ghg_indicator=self.ghg,
                indicators=[self.water],
                declarations={"pcf": pcf, **declarations},
            ),
        )
        return footprints.document_of(row)


def producer(ledger: Ledger, name: str = "Oat Mill") -> Producer:
    """A mill that grinds 1,000 kg of oats into 700 kg of oat flour and 300 kg of bran, emitting 140 kg CO2e
    and using 5 m3 of water (per kg of either: 0.14 kg CO2e, 0.005 m3)."""
    c = ledger.create
    tag = uuid.uuid4().hex[:8]
    org = c(Kind.ORGANIZATION, {"name": f"{name} {tag}"})
    air = c(Kind.ECOLOGICAL_AGENT, {"name": f"Air {tag}"})
    river = c(Kind.ECOLOGICAL_AGENT, {"name": f"River {tag}"})
    kg = c(Kind.UNIT, {"label": "kilogram", "symbol": "kg", "omUnitIdentifier": "kilogram"})
    co2 = c(Kind.UNIT, {"label": "kilogram CO2e", "symbol": "kg CO2e"})
    m3 = c(Kind.UNIT, {"label": "cubic metre", "symbol": "m3"})
    spec = Kind.RESOURCE_SPECIFICATION
    ghg = c(spec, {"name": "GHG emissions", "defaultUnitOfResource": co2})
    water = c(spec, {"name": "Blue water", "defaultUnitOfResource": m3})
    oats = c(spec, {"name": "Oats", "defaultUnitOfResource": kg})
    oat_flour = c(
        spec,
        {"name": "Oat flour", "note": "Whole-grain oat flour, bulk", "defaultUnitOfResource": kg}
        | {"resourceClassifiedAs": [f"urn:pact:{tag}.example:category-id:oat-flour", "urn:cpc:23120"]},
    )
    bran = c(
        spec, {"name": "Oat bran", "defaultUnitOfResource": kg, "resourceClassifiedAs": ["urn:cpc:39110"]}
    )
    process = c(Kind.PROCESS, {"name": f"Grinding {tag}", "inScopeOf": [org]})
    ev = ledger.record_event
    _, lot = ev(
        {"action": "raise", "provider": org, "receiver": org, "resourceConformsTo": oats}
        | {"resourceQuantity": qty("1000", kg), "hasPointInTime": "2026-02-01T08:00:00Z"},
        {"name": f"Oats {tag}"},
    )
    ev(
        {
            "action": "consume",
            "provider": org,
            "receiver": org,
            "inputOf": process,
            "resourceInventoriedAs": lot,
        }
        | {"resourceQuantity": qty("1000", kg), "hasPointInTime": "2026-02-02T08:00:00Z"}
    )
    ev(
        {
            "action": "produce",
            "provider": org,
            "receiver": air,
            "outputOf": process,
            "resourceConformsTo": ghg,
        }
        | {"resourceQuantity": qty("140", co2), "hasPointInTime": "2026-02-02T12:00:00Z"}
    )
    river_water = ev(
        {"action": "raise", "provider": river, "receiver": river, "resourceConformsTo": water}
        | {"resourceQuantity": qty("1000", m3), "hasPointInTime": "2026-01-01T00:00:00Z"},
        {"name": f"River water {tag}"},
    )[1]
    ev(
        {"action": "consume", "provider": river, "receiver": org, "inputOf": process}
        | {
            "resourceInventoriedAs": river_water,
            "resourceQuantity": qty("5", m3),
            "hasPointInTime": "2026-02-02T09:00:00Z",
        }
    )
    for product, amount, tracking in ((oat_flour, "700", "4006381333931"), (bran, "300", f"BR-{tag}")):
        ev(
            {
                "action": "produce",
                "provider": org,
                "receiver": org,
                "outputOf": process,
                "resourceConformsTo": product,
            }
            | {"resourceQuantity": qty(amount, kg), "hasPointInTime": "2026-02-03T16:00:00Z"},
            {"name": f"{amount} kg {tag}", "trackingIdentifier": tracking},
        )
    p = Producer(ledger, org, kg, co2, ghg, water, oat_flour, bran, process)
    new = credentials.create_client(ledger, agent=org, name="conformance")
    p.client_id, p.client_secret = new.client_id, new.client_secret
    return p
