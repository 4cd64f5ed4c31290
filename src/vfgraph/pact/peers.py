"""Other PACT hosts vfgraph talks to (*peers*), and the credentials vfgraph holds there.

A peer is a supplier whose footprints vfgraph takes, or a data recipient whose requests it answers (or
both): its base URL (the one its ``/3/...`` actions hang under), its auth base URL when that differs, the
client id and secret that host gave vfgraph (the secret sealed by :mod:`vfgraph.pact.secrets`), and the
agent of the ledger that stands for it (the supplier whose deliveries its footprints describe).

An incoming event names its sender in ``source``; vfgraph answers a request, or fetches what a
``PublishedEvent`` announces, only from a peer on that host (the specification asks a host to check
``source`` before it sends anything there).
"""

from __future__ import annotations

import secrets as random
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from vfgraph.errors import InvalidInput, NotFound
from vfgraph.pact import secrets
from vfgraph.services.records import now
from vfgraph.store import pact as store
from vfgraph.store.driver import Row

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger


@dataclass(frozen=True, slots=True)
class Peer:
    id: str
    name: str | None
    url: str  # base URL, no trailing slash
    auth_url: str | None  # auth base URL, when not the base URL
    client_id: str
    client_secret: str
    agent: str | None

    @property
    def events_url(self) -> str:
        return self.url + "/3/events"


def _host(url: str) -> str:
    parts = urlsplit("https:" + url if url.startswith("//") else url)
    return parts.netloc.lower()


def _base(url: str, what: str) -> str:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc or parts.query or parts.fragment:
        raise InvalidInput(f"{what} must be an https:// URL without query or fragment, not {url!r}", url=url)
    return url.rstrip("/")


def add(
    ledger: Ledger,
    *,
    url: str,
    client_id: str,
    client_secret: str,
    agent: str | None = None,
    name: str | None = None,
    auth_url: str | None = None,
) -> str:
    """Register a peer; returns its id."""
    base = _base(url, "a peer's URL")
    auth = _base(auth_url, "a peer's auth URL") if auth_url else None
    if not client_id or not client_secret:
        raise InvalidInput("a peer needs the client id and secret its host gave vfgraph")
    if agent is not None and store.agent(ledger.store, agent) is None:
        raise NotFound(f"no agent {agent}", id=agent)
    for other in store.peers_by_host(ledger.store, _host(base)):
        if other["url"] == base:
            raise InvalidInput(
                f"{base} is peer {other['id']} already: remove it first to change it", id=other["id"]
            )
    peer_id = "pp_" + random.token_hex(6)
    store.create_peer(
        ledger.store,
        {
            "id": peer_id,
            "name": name,
            "url": base,
            "host": _host(base),
            "authUrl": auth,
            "clientId": client_id,
            "secret": secrets.seal(ledger.settings, client_secret),
            "agent": agent,
            "now": now(),
        },
    )
    return peer_id


def _peer(ledger: Ledger, row: Row) -> Peer:
    return Peer(
        id=row["id"],
        name=row["name"],
        url=row["url"],
        auth_url=row["authUrl"],
        client_id=row["clientId"],
        client_secret=secrets.unseal(ledger.settings, row["secret"]),
        agent=row["agent"],
    )


def get(ledger: Ledger, peer_id: str) -> Peer:
    row = store.get_peer(ledger.store, peer_id)
    if row is None:
        raise NotFound(f"no PACT peer {peer_id}", id=peer_id)
    return _peer(ledger, row)


def for_source(ledger: Ledger, source: str) -> Peer | None:
    """The peer an event's ``source`` names (same host; the longest matching base path first)."""
    host = _host(source)
    if not host:
        return None
    rows = store.peers_by_host(ledger.store, host)
    if not rows:
        return None
    path = urlsplit("https:" + source if source.startswith("//") else source).path
    rows.sort(key=lambda r: -len(urlsplit(r["url"]).path) if path.startswith(urlsplit(r["url"]).path) else 1)
    return _peer(ledger, rows[0])


def list_peers(ledger: Ledger) -> list[Row]:
    """Every peer, without its secret."""
    return [{k: v for k, v in r.items() if k != "secret"} for r in store.all_peers(ledger.store)]


def remove(ledger: Ledger, peer_id: str) -> None:
    if not store.remove_peer(ledger.store, peer_id):
        raise NotFound(f"no PACT peer {peer_id}", id=peer_id)
