"""Minting record IRIs and reading revision ids.

A record's IRI is ``<base IRI><kind path>/<id>`` where ``<id>`` starts with the creation time in
milliseconds (hex), so that ordering by IRI within a kind is ordering by creation. A revision id is
``<IRI>@<revision number>``.
"""

from __future__ import annotations

import secrets
import time

from vfgraph.domain.kinds import Kind
from vfgraph.errors import InvalidInput

_last_ms = 0
_counter = 0


def _time_ordered_id() -> str:
    global _last_ms, _counter
    ms = time.time_ns() // 1_000_000
    if ms == _last_ms:
        _counter += 1
    else:
        _last_ms, _counter = ms, 0
    return f"{ms:012x}{_counter:04x}{secrets.token_hex(6)}"


def mint(base_iri: str, kind: Kind) -> str:
    """A new IRI for a record of ``kind``."""
    return f"{base_iri}{kind.path}/{_time_ordered_id()}"


def revision_id(iri: str, rev: int) -> str:
    return f"{iri}@{rev}"


def parse_revision_id(value: str) -> tuple[str, int]:
    """Split a revision id into (IRI, revision number)."""
    iri, sep, rev = value.rpartition("@")
    if not sep or not iri or not rev.isdigit():
        raise InvalidInput(f"not a revision id: {value!r} (expected '<id>@<revision>')")
    return iri, int(rev)
