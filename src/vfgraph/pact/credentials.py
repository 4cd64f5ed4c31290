"""PACT clients and access tokens (OAuth 2.0 client credentials, RFC 6749 section 4.4).

A *client* is a credential a data recipient uses on this host, made by ``vfgraph pact clients create
--agent IRI``: it is bound to the agent (a data owner) whose published footprints it may read. Its id is
``pc_<hex>``; its secret is shown once and stored as a salted SHA-256 hash (it has 256 bits of entropy, so
a slow hash would add nothing), like API keys (:mod:`vfgraph.services.keys`).

A *token* is what ``POST /auth/token`` hands out for a client: ``pat_<token id>_<secret>``, stored as a
salted hash with its expiry (``VFGRAPH_PACT_TOKEN_TTL``, one hour by default). Opaque tokens kept in Neo4j
rather than signed ones: revoking a client ends its tokens at once, and several workers share them
without sharing a signing key. An expired token is remembered for a day, so that its bearer is told
``TokenExpired`` rather than that the token is unknown. Verified tokens are remembered in memory for a few
seconds (never past their expiry), so a request costs no extra round trip.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from vfgraph.errors import InvalidInput, NotFound
from vfgraph.store import pact as store
from vfgraph.store.driver import Row

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger

CLIENT_PREFIX = "pc_"
TOKEN_PREFIX = "pat"
CACHE_SECONDS = 10.0
FORGET_EXPIRED_AFTER = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class NewClient:
    client_id: str
    client_secret: str  # shown once, never stored


@dataclass(frozen=True, slots=True)
class PactCaller:
    """Who a valid access token stands for: a client, and the data owner whose footprints it reads."""

    client_id: str
    agent: str


@dataclass(frozen=True, slots=True)
class NewToken:
    access_token: str
    expires_in: int


class TokenRefused(Exception):
    """The bearer token is not one this host issued (``expired`` False) or it has expired."""

    def __init__(self, message: str, *, expired: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.expired = expired


def _digest(salt: str, secret: str) -> str:
    return hashlib.sha256(f"{salt}:{secret}".encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def create_client(ledger: Ledger, *, agent: str, name: str | None = None) -> NewClient:
    """A new client reading ``agent``'s footprints; the secret is returned once and never stored."""
    if not agent:
        raise InvalidInput("a PACT client reads the footprints of one agent (--agent IRI)")
    if store.agent(ledger.store, agent) is None:
        raise NotFound(f"no agent {agent}", id=agent)
    client_id = CLIENT_PREFIX + secrets.token_hex(8)
    secret, salt = secrets.token_urlsafe(32), secrets.token_hex(16)
    store.create_client(
        ledger.store,
        {
            "id": client_id,
            "name": name,
            "agent": agent,
            "salt": salt,
            "hash": _digest(salt, secret),
            "now": _iso(_now()),
        },
    )
    return NewClient(client_id=client_id, client_secret=secret)


def list_clients(ledger: Ledger) -> list[Row]:
    return store.all_clients(ledger.store)


def revoke_client(ledger: Ledger, client_id: str) -> None:
    if not store.revoke_client(ledger.store, client_id, _iso(_now())):
        raise NotFound(f"no active PACT client {client_id}", id=client_id)
    _cache.forget_client(client_id)


def check_client(ledger: Ledger, client_id: str, client_secret: str) -> Row | None:
    """The client's row when the id and secret match a current client, else None."""
    row = store.get_client(ledger.store, client_id)
    if row is None or not hmac.compare_digest(row["hash"], _digest(row["salt"], client_secret)):
        return None
    return row


def issue_token(ledger: Ledger, client: Row) -> NewToken:
    """A new access token for a verified client."""
    ttl = ledger.settings.pact_token_ttl
    token_id, secret, salt = secrets.token_hex(8), secrets.token_urlsafe(32), secrets.token_hex(16)
    now = _now()
    store.create_token(
        ledger.store,
        {
            "id": token_id,
            "client": client["id"],
            "agent": client["agent"],
            "salt": salt,
            "hash": _digest(salt, secret),
            "expiresAt": now + timedelta(seconds=ttl),
            "forgetBefore": now - FORGET_EXPIRED_AFTER,
            "now": _iso(now),
        },
    )
    return NewToken(access_token=f"{TOKEN_PREFIX}_{token_id}_{secret}", expires_in=ttl)


class _Cache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[float, datetime, str, str, PactCaller]] = {}

    def get(self, token_id: str, secret: str) -> tuple[datetime, PactCaller] | None:
        with self._lock:
            entry = self._entries.get(token_id)
        if entry is None or entry[0] < time.monotonic():
            return None
        _, expires, salt, digest, caller = entry
        return (expires, caller) if hmac.compare_digest(digest, _digest(salt, secret)) else None

    def put(self, token_id: str, expires: datetime, salt: str, digest: str, caller: PactCaller) -> None:
        with self._lock:
            self._entries[token_id] = (time.monotonic() + CACHE_SECONDS, expires, salt, digest, caller)

    def forget_client(self, client_id: str) -> None:
        with self._lock:
            for k in [k for k, v in self._entries.items() if v[4].client_id == client_id]:
                del self._entries[k]


_cache = _Cache()


def _native(value: object) -> datetime:
    native = value.to_native() if hasattr(value, "to_native") else value
    assert isinstance(native, datetime)
    return native


def authenticate(ledger: Ledger, token: str) -> PactCaller:
    """The caller a bearer token stands for; :class:`TokenRefused` for anything but a current token."""
    prefix, _, rest = token.partition("_")
    token_id, _, secret = rest.partition("_")
    if prefix != TOKEN_PREFIX or not token_id or not secret:
        raise TokenRefused("the access token is not one this host issued")
    cached = _cache.get(token_id, secret)
    if cached is None:
        row = store.get_token(ledger.store, token_id)
        if row is None or not hmac.compare_digest(row["hash"], _digest(row["salt"], secret)):
            raise TokenRefused("the access token is not one this host issued, or its client was revoked")
        expires = _native(row["expiresAt"])
        caller = PactCaller(client_id=row["client"], agent=row["agent"])
        _cache.put(token_id, expires, row["salt"], row["hash"], caller)
    else:
        expires, caller = cached
    if expires <= _now():
        raise TokenRefused("the access token has expired; request a new one", expired=True)
    return caller
