"""Company and product identifiers as URNs (RFC 8141), as PACT wants them.

- A company (an agent) always has ``urn:uuid:<UUID v5 of its IRI>``: stable, derived from the ledger, the
  same on every snapshot; an owner adds its registered ones (``urn:lei:...``, GS1 GLNs as
  ``urn:epc:id:sgln:...``) as declarations (docs/pact.md).
- A product (a ResourceSpecification) always has ``urn:pact:<issuer>:supplier-id:<its path>``: the
  specification IRI's host is the issuer domain, the path below the base IRI is the id. Tracking
  identifiers of the produced resources that are GTINs (8, 12, 13 or 14 digits with a valid GS1 check digit)
  become ``urn:gtin:<digits>``, and those that already are URNs are kept; other tracking identifiers are
  batch numbers, which identify lots rather than the product, and are left out.
- Classifications (``resourceClassifiedAs``) are kept when they are URNs (``urn:cpc:...``); PACT has no
  place for a classification that is an http IRI.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

_URN = re.compile(r"^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$", re.IGNORECASE)
_DIGITS = re.compile(r"^\d+$")


def is_urn(value: str) -> bool:
    return bool(_URN.match(value))


def company_urn(agent_iri: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, agent_iri)}"


def is_gtin(value: str) -> bool:
    """A GTIN-8, -12, -13 or -14 whose last digit is the GS1 check digit of the others."""
    if not _DIGITS.match(value) or len(value) not in (8, 12, 13, 14):
        return False
    body, check = value[:-1], int(value[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def product_urn(spec_iri: str, base_iri: str) -> str:
    parts = urlsplit(spec_iri)
    issuer = (parts.hostname or "localhost").lower()
    base_path = urlsplit(base_iri).path
    path = parts.path[len(base_path) :] if parts.path.startswith(base_path) else parts.path.lstrip("/")
    return f"urn:pact:{issuer}:supplier-id:{quote(path, safe='/-._~')}"


def product_ids(spec_iri: str, base_iri: str, tracking_identifiers: Iterable[str | None]) -> list[str]:
    found = [product_urn(spec_iri, base_iri)]
    for t in tracking_identifiers:
        if not t:
            continue
        value = t.strip()
        urn = f"urn:gtin:{value}" if is_gtin(value) else value if is_urn(value) else None
        if urn is not None and urn not in found:
            found.append(urn)
    return found


def classifications(values: Iterable[str] | None) -> list[str]:
    return list(dict.fromkeys(v for v in values or () if is_urn(v)))
