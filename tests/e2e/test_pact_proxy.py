"""Behind a TLS-terminating proxy (docs/pact.md): uvicorn believes X-Forwarded-Proto from the addresses in
VFGRAPH_TRUSTED_PROXIES only, so the PACT routes accept what the proxy received over HTTPS and refuse a
client that claims HTTPS by itself."""

from __future__ import annotations

import dataclasses
from typing import Any

import httpx
import uvicorn

from tests.e2e.pact_host import free_port, producer
from vfgraph.app import create_app
from vfgraph.pact import tls
from vfgraph.services.ledger import Ledger


def _serve_plain(ledger: Ledger, **proxy: Any) -> tuple[uvicorn.Server, str]:
    import threading
    import time

    settings = dataclasses.replace(ledger.settings, pact_worker=False)
    app = create_app(settings, dataclasses.replace(ledger, settings=settings))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", **proxy))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    return server, f"http://127.0.0.1:{port}/pact"


def _token(base: str, client_id: str, secret: str, forwarded: bool) -> httpx.Response:
    headers = {"X-Forwarded-Proto": "https"} if forwarded else {}
    return httpx.post(
        base + "/auth/token",
        data={"grant_type": "client_credentials"},
        auth=(client_id, secret),
        headers=headers,
    )


def test_a_trusted_proxy_says_the_request_came_over_https(ledger: Ledger) -> None:
    mill = producer(ledger, "Proxied Mill")
    trusted = tls.proxies(dataclasses.replace(ledger.settings, trusted_proxies=("127.0.0.1",)))
    assert trusted == {"proxy_headers": True, "forwarded_allow_ips": "127.0.0.1"}
    server, base = _serve_plain(ledger, **trusted)
    try:
        assert _token(base, mill.client_id, mill.client_secret, forwarded=True).status_code == 200
        assert _token(base, mill.client_id, mill.client_secret, forwarded=False).status_code == 400
    finally:
        server.should_exit = True


def test_without_trusted_proxies_the_header_is_not_believed(ledger: Ledger) -> None:
    mill = producer(ledger, "Unproxied Mill")
    untrusted = tls.proxies(ledger.settings)
    assert untrusted == {"proxy_headers": False}
    server, base = _serve_plain(ledger, **untrusted)
    try:
        r = _token(base, mill.client_id, mill.client_secret, forwarded=True)
        assert r.status_code == 400 and r.json()["error"] == "invalid_request"
    finally:
        server.should_exit = True
