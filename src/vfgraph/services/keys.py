"""API keys: who is calling.

A key is ``vfg_<key id>_<secret>``. Only a salted SHA-256 hash of the secret is stored (the secret has 256
bits of entropy, so a slow hash adds nothing); the key id finds the stored hash without scanning. A key
belongs to one agent, or is an operator key, which may create agents and write on behalf of any agent.

Verified keys are remembered in memory for a few seconds, so a request costs no extra round trip; a key
revoked from another process stops working within that time (``CACHE_SECONDS``).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vfgraph.domain.access import Caller
from vfgraph.errors import InvalidInput, NotFound, Unauthenticated
from vfgraph.services.records import now
from vfgraph.store import keys as store
from vfgraph.store.driver import Row

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger

PREFIX = "vfg"
CACHE_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class NewKey:
    key_id: str
    token: str  # shown once, never stored


def _digest(salt: str, secret: str) -> str:
    return hashlib.sha256(f"{salt}:{secret}".encode()).hexdigest()


def create(ledger: Ledger, *, agent: str | None, name: str | None = None, operator: bool = False) -> NewKey:
    """A new key for ``agent`` (or an operator key); the token is returned once and never stored."""
    if agent is None and not operator:
        raise InvalidInput("a key belongs to an agent (--agent IRI) or is an operator key (--operator)")
    if agent is not None and not store.is_agent(ledger.store, agent):
        raise NotFound(f"no agent {agent}", id=agent)
    key_id, secret, salt = secrets.token_hex(8), secrets.token_urlsafe(32), secrets.token_hex(16)
    row = {
        "id": key_id,
        "name": name,
        "agent": agent,
        "operator": operator,
        "salt": salt,
        "hash": _digest(salt, secret),
        "now": now(),
    }
    store.create(ledger.store, row)
    return NewKey(key_id=key_id, token=f"{PREFIX}_{key_id}_{secret}")


def list_keys(ledger: Ledger) -> list[Row]:
    return store.all_keys(ledger.store)


def revoke(ledger: Ledger, key_id: str) -> None:
    if not store.revoke(ledger.store, key_id, now()):
        raise NotFound(f"no active key {key_id}", id=key_id)
    _cache.forget(key_id)


class _Cache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[float, str, str, Caller]] = {}

    def get(self, key_id: str, secret: str) -> Caller | None:
        with self._lock:
            entry = self._entries.get(key_id)
        if entry is None or entry[0] < time.monotonic():
            return None
        _, salt, digest, caller = entry
        return caller if hmac.compare_digest(digest, _digest(salt, secret)) else None

    def put(self, key_id: str, salt: str, digest: str, caller: Caller) -> None:
        """Remember a verified key by its salted hash (never its secret)."""
        with self._lock:
            self._entries[key_id] = (time.monotonic() + CACHE_SECONDS, salt, digest, caller)

    def forget(self, key_id: str) -> None:
        with self._lock:
            self._entries.pop(key_id, None)


_cache = _Cache()


def authenticate(ledger: Ledger, token: str) -> Caller:
    """The caller a key stands for; UNAUTHENTICATED for anything but a current key."""
    prefix, _, rest = token.partition("_")
    key_id, _, secret = rest.partition("_")
    if prefix != PREFIX or not key_id or not secret:
        raise Unauthenticated("the Authorization header does not carry a vfgraph key")
    cached = _cache.get(key_id, secret)
    if cached is not None:
        return cached
    row = store.get(ledger.store, key_id)
    if row is None or not hmac.compare_digest(row["hash"], _digest(row["salt"], secret)):
        raise Unauthenticated("the key is unknown or revoked")
    caller = Caller(key_id=key_id, agent=row["agent"], operator=bool(row["operator"]))
    _cache.put(key_id, row["salt"], row["hash"], caller)
    return caller
