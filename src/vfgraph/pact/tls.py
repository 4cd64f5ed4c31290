"""HTTPS: how ``vfgraph serve`` runs uvicorn with TLS, and a self-signed certificate for localhost.

PACT hosts serve HTTPS only. With ``VFGRAPH_TLS_CERT`` and ``VFGRAPH_TLS_KEY`` (PEM files) ``vfgraph
serve`` serves HTTPS on ``VFGRAPH_PORT``; with ``VFGRAPH_TLS_PORT`` as well it serves plain HTTP on
``VFGRAPH_PORT`` and HTTPS on ``VFGRAPH_TLS_PORT``, one app behind both (``make run`` does this: the
GraphQL API and the explorer stay on http://127.0.0.1:8000, the PACT API is on https://127.0.0.1:8443/pact;
the PACT routes refuse the plain one).

Behind a TLS-terminating proxy, serve plain HTTP and list the proxy's addresses in
``VFGRAPH_TRUSTED_PROXIES``: uvicorn then takes the scheme and client address from ``X-Forwarded-Proto``
and ``X-Forwarded-For``, from those addresses only (without the setting it believes no one, so a client
cannot claim HTTPS by sending the header itself).

``vfgraph tls self-signed`` (run by ``make run`` when the files are missing) makes an ECDSA P-256 key and a
certificate for localhost, 127.0.0.1 and ::1, valid for 825 days, with the ``cryptography`` package.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import ipaddress
import os
import signal
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from vfgraph.settings import Settings

DAYS = 825


def self_signed(cert: Path, key: Path, names: tuple[str, ...] = ("localhost", "127.0.0.1", "::1")) -> None:
    """Write a new key (mode 0600) and a self-signed certificate for ``names`` (DNS names or IPs)."""
    private = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, names[0]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "vfgraph (self-signed)"),
        ]
    )
    alt: list[x509.GeneralName] = []
    for n in names:
        try:
            alt.append(x509.IPAddress(ipaddress.ip_address(n)))
        except ValueError:
            alt.append(x509.DNSName(n))
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=DAYS))
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, True, False, False, False), critical=True
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(private, hashes.SHA256())
    )
    cert.parent.mkdir(parents=True, exist_ok=True)
    key.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(
            private.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))


def proxies(settings: Settings) -> dict[str, Any]:
    """uvicorn's proxy settings: believe forwarded headers from the trusted proxies only."""
    if settings.trusted_proxies:
        return {"proxy_headers": True, "forwarded_allow_ips": ",".join(settings.trusted_proxies)}
    return {"proxy_headers": False}


APP = "vfgraph.app:create_app"


def configs(settings: Settings) -> list[Any]:
    """The uvicorn configurations ``vfgraph serve`` runs: one, or plain HTTP and HTTPS for one app."""
    import uvicorn
    from uvicorn.importer import import_from_string

    common: dict[str, Any] = {"host": settings.host, "log_level": "info", **proxies(settings)}
    tls = settings.tls_cert is not None and settings.tls_key is not None
    ssl: dict[str, Any] = (
        {"ssl_certfile": str(settings.tls_cert), "ssl_keyfile": str(settings.tls_key)} if tls else {}
    )
    if not tls:
        return [uvicorn.Config(APP, factory=True, port=settings.port, **common)]
    if settings.tls_port is None:
        return [uvicorn.Config(APP, factory=True, port=settings.port, **common, **ssl)]
    app = import_from_string(APP)(settings)  # one app (one ledger, one worker) behind both servers
    return [
        uvicorn.Config(app, port=settings.port, lifespan="on", **common),
        uvicorn.Config(app, port=settings.tls_port, lifespan="off", **common, **ssl),
    ]


def serve(settings: Settings) -> None:
    """Serve the app as :func:`configs` says, until SIGINT or SIGTERM (which stop every server)."""
    import uvicorn

    servers = [uvicorn.Server(c) for c in configs(settings)]
    if len(servers) == 1:
        servers[0].run()
        return

    async def main() -> None:
        loop = asyncio.get_running_loop()

        def stop() -> None:
            for s in servers:
                s.should_exit = True

        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop)
        for s in servers:  # the handlers above stop both servers; each would otherwise take them over
            s.capture_signals = contextlib.nullcontext  # type: ignore[method-assign,assignment]
        first, *others = servers
        task = asyncio.create_task(first.serve())
        while not first.started and not task.done():
            await asyncio.sleep(0.05)  # the lifespan (Neo4j, the schema) runs in the first server
        await asyncio.gather(task, *(s.serve() for s in others))

    asyncio.run(main())
