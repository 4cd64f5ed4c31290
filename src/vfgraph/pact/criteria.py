"""The PACT v3 filters: the query of ListFootprints and the data of a RequestCreatedEvent, read alike.

``productId``, ``companyId``, ``geography``, ``classification`` (each one or more values), ``validOn``,
``validAfter``, ``validBefore`` (date-times) and ``status``: a footprint matches when it matches at least one
value of each criterion given (OR within, AND across); values are compared case-insensitively, as are the
parameter names (the specification's own example writes ``productid``). ``geography`` matches the region,
the country or the subdivision. The validity period is the stated one, or the three years after the
reference period. An unknown ``status`` value matches nothing; a parameter with an empty value
(``?classification=``) is no criterion. The matching itself is one Cypher statement
(``PUBLISHED_MATCHING``), the same for both ways in.

Refused with BadRequest: a ``limit`` that is not a positive integer, a date-time that does not parse, a
parameter PACT does not define; with NotImplemented: OData's ``$filter`` (removed in v3) and ``x-...``
extension criteria (vfgraph defines none).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vfgraph.pact.mapping import parse_time

_MULTI = {
    "productid": "productId",
    "companyid": "companyId",
    "geography": "geography",
    "classification": "classification",
}
_TIMES = {"validon": "validOn", "validafter": "validAfter", "validbefore": "validBefore"}
_PAGING = {"limit", "after"}


class CriteriaError(Exception):
    """A request the filters cannot read; ``code`` is the PACT error code (BadRequest, NotImplemented)."""

    def __init__(self, message: str, code: str = "BadRequest") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True, slots=True)
class Criteria:
    product_ids: tuple[str, ...] | None = None
    company_ids: tuple[str, ...] | None = None
    geography: tuple[str, ...] | None = None
    classifications: tuple[str, ...] | None = None
    valid_on: datetime | None = None
    valid_after: datetime | None = None
    valid_before: datetime | None = None
    statuses: tuple[str, ...] | None = None

    def params(self) -> dict[str, Any]:
        """The statement's parameters (lists lower-cased; None: the criterion is not given)."""

        def low(values: tuple[str, ...] | None) -> list[str] | None:
            return None if values is None else [v.lower() for v in values]

        return {
            "productIds": low(self.product_ids),
            "companyIds": low(self.company_ids),
            "geography": low(self.geography),
            "classifications": low(self.classifications),
            "validOn": self.valid_on,
            "validAfter": self.valid_after,
            "validBefore": self.valid_before,
            "statuses": low(self.statuses),
        }


def _time(value: object, name: str) -> datetime:
    try:
        return parse_time(value, name)
    except Exception:
        raise CriteriaError(f"{name} must be an ISO 8601 date-time with a time zone, not {value!r}") from None


def _build(
    values: Mapping[str, list[str]], times: Mapping[str, object], status: list[str] | None
) -> Criteria:
    def multi(name: str) -> tuple[str, ...] | None:
        found = values.get(name)
        return None if found is None else tuple(found)

    return Criteria(
        product_ids=multi("productId"),
        company_ids=multi("companyId"),
        geography=multi("geography"),
        classifications=multi("classification"),
        valid_on=_time(times["validOn"], "validOn") if "validOn" in times else None,
        valid_after=_time(times["validAfter"], "validAfter") if "validAfter" in times else None,
        valid_before=_time(times["validBefore"], "validBefore") if "validBefore" in times else None,
        statuses=None if status is None else tuple(status),
    )


@dataclass(frozen=True, slots=True)
class ListQuery:
    criteria: Criteria
    limit: int | None
    after: tuple[str, str] | None  # (created, pfId) of the last footprint of the previous page
    kept: tuple[tuple[str, str], ...]  # the filter parameters as sent, for the next page's link


def from_query(items: Iterable[tuple[str, str]]) -> ListQuery:
    """Read ListFootprints' query parameters (repeated parameters: several values)."""
    values: dict[str, list[str]] = {}
    times: dict[str, str] = {}
    status: list[str] | None = None
    limit: int | None = None
    after: tuple[str, str] | None = None
    kept: list[tuple[str, str]] = []
    for raw, value in items:
        name = raw.lower()
        if value == "" and name not in ("limit", "after"):
            continue  # ``?classification=``: no value, no criterion (the conformance tool sends these)
        if name == "$filter":
            raise CriteriaError(
                "OData $filter was removed in PACT v3: use the filter parameters", "NotImplemented"
            )
        if name.startswith("x-"):
            raise CriteriaError(f"vfgraph implements no extension criterion {raw}", "NotImplemented")
        if name in _MULTI:
            values.setdefault(_MULTI[name], []).append(value)
        elif name in _TIMES:
            if _TIMES[name] in times:
                raise CriteriaError(f"{_TIMES[name]} is given twice")
            times[_TIMES[name]] = value
        elif name == "status":
            status = [*(status or []), value]
        elif name == "limit":
            if not value.isdigit() or int(value) < 1:
                raise CriteriaError(f"limit must be a positive integer, not {value!r}")
            limit = int(value)
            continue
        elif name == "after":
            after = decode_after(value)
            continue
        else:
            raise CriteriaError(f"{raw} is not a ListFootprints parameter")
        kept.append((raw, value))
    return ListQuery(_build(values, times, status), limit, after, tuple(kept))


def from_event(data: Mapping[str, Any]) -> Criteria:
    """Read a RequestCreatedEvent's ``data`` (already checked against the schema)."""
    values = {v: list(data[v]) for v in _MULTI.values() if isinstance(data.get(v), list)}
    times = {v: data[v] for v in _TIMES.values() if v in data}
    status = [data["status"]] if isinstance(data.get("status"), str) else None
    return _build(values, times, status)


def encode_after(created: str, pf_id: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([created, pf_id]).encode()).decode("ascii").rstrip("=")


def decode_after(value: str) -> tuple[str, str]:
    try:
        text = base64.urlsafe_b64decode((value + "=" * (-len(value) % 4)).encode("ascii")).decode()
        created, pf_id = json.loads(text)
        if not isinstance(created, str) or not isinstance(pf_id, str):
            raise ValueError(text)
        parse_time(created, "after")
    except (binascii.Error, UnicodeError, ValueError, TypeError, Exception):
        raise CriteriaError("after is not a position this host issued in a pagination link") from None
    return created, pf_id
