"""GraphQL over HTTP: media types, status codes and refusals (the GraphQL-over-HTTP draft, docs/security.md).

https://graphql.github.io/graphql-over-http/draft/ — what :class:`vfgraph.api.asgi.GraphQLApp` follows:

- Responses are ``application/graphql-response+json`` when ``Accept`` asks for it (preferred on a tie),
  otherwise ``application/json`` (also for ``*/*``, ``application/*`` or no ``Accept``). ``Accept`` naming
  neither: 406 ``NOT_ACCEPTABLE``.
- Requests: GET (queries only; a mutation over GET is 405 ``METHOD_NOT_ALLOWED`` with ``Allow: POST``) or
  POST with an ``application/json`` body in UTF-8 (anything else, or no ``Content-Type``: 415
  ``UNSUPPORTED_MEDIA_TYPE``). Another method: 405. A JSON list (a batch of operations): 400
  ``BATCH_NOT_SUPPORTED``. A body that is not JSON, or a request without a query: 400 ``BAD_REQUEST``.
- Status codes. ``application/graphql-response+json``: a request error (the document fails to parse or
  validate, a variable cannot be coerced, a limit refuses the operation) is 400 with no ``data`` entry;
  an operation cut off by its deadline is 504. ``application/json``: 200 for every well-formed request, as
  the draft asks of legacy clients. In both, a refusal by the rate limit is 429 with ``Retry-After``.
- Every response carries ``X-Request-Id``, the id a masked error shows and the server log records.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from starlette.responses import Response

from vfgraph.errors import (
    BadRequest,
    BatchNotSupported,
    DeadlineExceeded,
    MethodNotAllowed,
    NotAcceptable,
    RateLimited,
    UnsupportedMediaType,
    VfgraphError,
)

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
REQUEST_ID_HEADER = "X-Request-Id"

STATUS: dict[type[VfgraphError], int] = {
    BadRequest: 400,
    BatchNotSupported: 400,
    MethodNotAllowed: 405,
    UnsupportedMediaType: 415,
    NotAcceptable: 406,
}


def negotiate(accept: str | None) -> str | None:
    """The media type to answer in, or None when ``accept`` allows neither JSON type."""
    if accept is None or not accept.strip():
        return JSON
    best: tuple[float, int, str] | None = None
    for part in accept.split(","):
        media, _, params = part.partition(";")
        media = media.strip().lower()
        q = _quality(params)
        if q <= 0:
            continue
        if media == GRAPHQL_RESPONSE:
            candidate = (q, 2, GRAPHQL_RESPONSE)
        elif media in (JSON, "application/*", "*/*"):
            candidate = (q, 1, JSON)
        else:
            continue
        if best is None or candidate > best:
            best = candidate
    return best[2] if best else None


def _quality(params: str) -> float:
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                return float(value.strip())
            except ValueError:
                return 0.0
    return 1.0


def check_body_type(content_type: str | None) -> None:
    """Refuse a POST body that is not JSON in UTF-8."""
    if content_type is None or not content_type.strip():
        raise UnsupportedMediaType("a POST request needs 'Content-Type: application/json'")
    media, _, params = content_type.partition(";")
    if media.strip().lower() != JSON:
        raise UnsupportedMediaType(f"a POST body must be application/json, not {media.strip()!r}")
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise UnsupportedMediaType(f"a POST body must be UTF-8, not {value.strip()!r}")


def check_not_batch(body: bytes) -> None:
    if body.lstrip()[:1] == b"[":
        raise BatchNotSupported("send one operation per request; batches of operations are not supported")


def result_status(media: str, data_absent: bool, codes: Iterable[str]) -> tuple[int, bool]:
    """The status of a GraphQL response, and whether to leave out its ``data`` entry.

    ``data_absent``: ``data`` is null and no error has a path (a request error, not a field error).
    """
    found = set(codes)
    drop = data_absent and media == GRAPHQL_RESPONSE
    if RateLimited.code in found:
        return 429, drop
    if not drop:
        return 200, False
    return (504 if DeadlineExceeded.code in found else 400), True


def error_response(
    error: VfgraphError, media: str | None, headers: Mapping[str, str] | None = None
) -> Response:
    """An HTTP-level refusal, as a GraphQL response with only ``errors``."""
    status = STATUS.get(type(error), 400)
    body: dict[str, Any] = {"errors": [{"message": error.message, "extensions": {"code": error.code}}]}
    return Response(
        json.dumps(body, separators=(",", ":")),
        status_code=status,
        media_type=media or JSON,
        headers=dict(headers or {}),
    )
