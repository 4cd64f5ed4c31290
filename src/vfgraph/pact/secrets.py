"""The server secret, and the encryption of what vfgraph holds for other PACT hosts.

To call another host (a supplier's, or a requester's for a callback) vfgraph needs that host's client
secret in clear. It is kept in Neo4j encrypted with Fernet (AES-128-CBC with HMAC-SHA256, from the
``cryptography`` package) under a key derived from the server secret: ``VFGRAPH_PACT_SECRET`` when set,
else a random secret generated once into ``.neo4j/pact-secret`` (mode 0600), like the generated Neo4j
password. Someone who reads the database alone cannot use the stored credentials; someone who also has the
secret can. Losing the secret means entering the peers' credentials again.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from vfgraph.errors import InvalidInput
from vfgraph.settings import Settings


def server_secret(settings: Settings) -> str:
    """The server secret (generated and kept in ``settings.pact_secret_file`` on first use)."""
    if settings.pact_secret:
        return settings.pact_secret
    path = settings.pact_secret_file
    if path is None:
        raise InvalidInput("no server secret: set VFGRAPH_PACT_SECRET")
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    try:
        return _generate(path)
    except OSError as e:
        raise InvalidInput(
            f"no server secret: set VFGRAPH_PACT_SECRET (vfgraph cannot keep one in {path}: {e.strerror})"
        ) from None


def _generate(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(secret + "\n")
    return secret


def _fernet(settings: Settings) -> Fernet:
    key = hashlib.sha256(b"vfgraph pact peers:" + server_secret(settings).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal(settings: Settings, clear: str) -> str:
    return _fernet(settings).encrypt(clear.encode()).decode("ascii")


def unseal(settings: Settings, sealed: str) -> str:
    try:
        return _fernet(settings).decrypt(sealed.encode("ascii")).decode()
    except InvalidToken:
        raise InvalidInput(
            "a stored peer secret cannot be decrypted with this server secret (was VFGRAPH_PACT_SECRET or "
            ".neo4j/pact-secret changed?): add the peer again"
        ) from None
