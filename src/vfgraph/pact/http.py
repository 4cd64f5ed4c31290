"""The PACT v3 host API, mounted by ``app.py`` at ``/pact`` (docs/pact.md):

    GET  /pact/.well-known/openid-configuration   where the token endpoint is (discovery)
    POST /pact/auth/token                         OAuth 2.0 client credentials -> a bearer token
    GET  /pact/3/footprints                       ListFootprints: filters, ``limit``, ``Link: rel="next"``
    GET  /pact/3/footprints/{id}                  GetFootprint
    POST /pact/3/events                           the CloudEvents (vfgraph.pact.events)
    GET  /pact/extensions/rollup/1.0.0/data-model.json   the schema of vfgraph's data model extension

HTTPS only: a request that did not come over TLS is refused (400, ``BadRequest``; the token endpoint
answers ``invalid_request``) before its credentials are looked at. Behind a TLS-terminating proxy, list
the proxy in ``VFGRAPH_TRUSTED_PROXIES``: ``vfgraph serve`` then has uvicorn believe its
``X-Forwarded-Proto`` (and no one else's).

Errors are the specification's: a JSON ``{code, message}`` with its status (``BadRequest`` 400,
``AccessDenied`` 403, ``NotFound`` 404, ``TokenExpired`` 401, ``InternalError`` 500); an invalid or missing
token is 401 with ``BadRequest`` (the code the conformance tool expects); the token endpoint answers as
RFC 6749 section 5.2 says (``invalid_client`` 401 ...). No stack trace reaches a caller.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import logging
import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote, urlencode

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from vfgraph.errors import VfgraphError
from vfgraph.pact import credentials, criteria, events, extension, footprints, mapping
from vfgraph.pact.credentials import PactCaller, TokenRefused
from vfgraph.store import pact as store

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger

log = logging.getLogger(__name__)

MAX_PAGE = 100
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_STATUS = {
    "BadRequest": 400,
    "NotImplemented": 400,
    "AccessDenied": 403,
    "NotFound": 404,
    "TokenExpired": 401,
}

Handler = Callable[[Request], Awaitable[Response]]


class PactError(Exception):
    def __init__(self, code: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.code, self.message = code, message
        self.status = status or _STATUS.get(code, 400)


def error(
    code: str, message: str, status: int | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"code": code, "message": message}, status_code=status or _STATUS.get(code, 400), headers=headers
    )


def _oauth_error(kind: str, description: str, status: int = 400) -> JSONResponse:
    headers = {"Cache-Control": "no-store", "Pragma": "no-cache"}
    if status == 401:
        headers["WWW-Authenticate"] = 'Basic realm="vfgraph PACT"'
    return JSONResponse(
        {"error": kind, "error_description": description}, status_code=status, headers=headers
    )


def _https(request: Request) -> bool:
    return request.url.scheme == "https"


def routes(get_ledger: Callable[[], Ledger], wake: Callable[[], None]) -> list[BaseRoute]:
    """The routes (relative to the mount point); ``wake`` tells the worker a job was queued."""

    def guarded(handler: Handler) -> Handler:
        async def run(request: Request) -> Response:
            if not _https(request):
                return error("BadRequest", "PACT is served over HTTPS only", 400)
            try:
                return await handler(request)
            except PactError as e:
                headers = {"WWW-Authenticate": 'Bearer realm="vfgraph PACT"'} if e.status == 401 else None
                return error(e.code, e.message, e.status, headers)
            except VfgraphError as e:
                log.warning("PACT request refused: %s", e.message)
                return error("BadRequest", e.message, 400)
            except Exception:
                log.exception("PACT request failed: %s %s", request.method, request.url.path)
                return error("InternalError", "An internal error occurred; it has been logged.", 500)

        return run

    async def caller_of(request: Request) -> PactCaller:
        header = request.headers.get("authorization")
        if header is None:
            raise PactError("BadRequest", "no access token: send Authorization: Bearer <token>", 401)
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise PactError("BadRequest", "send the access token as Authorization: Bearer <token>", 401)
        try:
            return await asyncio.to_thread(credentials.authenticate, get_ledger(), token.strip())
        except TokenRefused as e:
            raise PactError("TokenExpired" if e.expired else "BadRequest", e.message, 401) from None

    async def discovery(request: Request) -> Response:
        base = _base(request)
        return JSONResponse(
            {
                "issuer": base,
                "token_endpoint": base + "/auth/token",
                "grant_types_supported": ["client_credentials"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
                "response_types_supported": ["token"],
            }
        )

    async def token(request: Request) -> Response:
        if not _https(request):
            return _oauth_error("invalid_request", "the token endpoint is served over HTTPS only")
        body = (await request.body()).decode("utf-8", "replace")
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media != "application/x-www-form-urlencoded":
            return _oauth_error("invalid_request", "send the request as application/x-www-form-urlencoded")
        form = dict(parse_qsl(body, keep_blank_values=True))
        if form.get("grant_type") != "client_credentials":
            return _oauth_error("unsupported_grant_type", "only grant_type=client_credentials is supported")
        client_id, client_secret = _client_credentials(request.headers.get("authorization"), form)
        if client_id is None or client_secret is None:
            return _oauth_error("invalid_client", "client authentication failed", 401)
        ledger = get_ledger()
        client = await asyncio.to_thread(credentials.check_client, ledger, client_id, client_secret)
        if client is None:
            return _oauth_error("invalid_client", "client authentication failed", 401)
        issued = await asyncio.to_thread(credentials.issue_token, ledger, client)
        return JSONResponse(
            {"access_token": issued.access_token, "token_type": "Bearer", "expires_in": issued.expires_in},
            headers={"Cache-Control": "no-store", "Pragma": "no-cache"},
        )

    async def list_footprints(request: Request) -> Response:
        caller = await caller_of(request)
        try:
            query = criteria.from_query(request.query_params.multi_items())
        except criteria.CriteriaError as e:
            raise PactError(e.code, e.message) from None
        limit = min(query.limit or MAX_PAGE, MAX_PAGE)
        after_created = mapping.parse_time(query.after[0], "after") if query.after else None
        params = {
            **query.criteria.params(),
            "agent": caller.agent,
            "afterCreated": after_created,
            "afterId": query.after[1] if query.after else None,
            "limit": limit + 1,
        }
        rows = await asyncio.to_thread(store.published_matching, get_ledger().store, params)
        page, more = rows[:limit], len(rows) > limit
        headers = {}
        if more:
            last = page[-1]
            created = _native_iso(last["created"])
            items = [
                *query.kept,
                ("limit", str(limit)),
                ("after", criteria.encode_after(created, last["pfId"])),
            ]
            headers["Link"] = f'<{_base(request)}/3/footprints?{urlencode(items)}>; rel="next"'
        return JSONResponse({"data": [footprints.document_of(r) for r in page]}, headers=headers)

    async def get_footprint(request: Request) -> Response:
        caller = await caller_of(request)
        pf_id = request.path_params["id"]
        if not _UUID.match(pf_id):
            raise PactError("BadRequest", f"{pf_id!r} is not a footprint id (a UUID)")
        row = await asyncio.to_thread(
            store.footprint_by_pf_id, get_ledger().store, pf_id.lower(), footprints.PUBLISHED
        )
        if row is None or row["origin"] != footprints.PUBLISHED:
            raise PactError("NotFound", f"The footprint {pf_id} does not exist.")
        if row["agent"] != caller.agent:
            raise PactError("AccessDenied", "Access denied: this client may not read that footprint.")
        return JSONResponse({"data": footprints.document_of(row)})

    async def post_event(request: Request) -> Response:
        caller = await caller_of(request)
        body = await request.body()
        try:
            event = events.parse(body, request.headers.get("content-type"))
            queued = await asyncio.to_thread(events.accept, get_ledger(), caller, event)
        except events.EventRefused as e:
            raise PactError(e.code, e.message) from None
        if queued is not None:
            wake()
        return Response(status_code=200)

    async def extension_schema(request: Request) -> Response:
        return FileResponse(extension.SCHEMA_FILE, media_type="application/schema+json")

    return [
        Route("/.well-known/openid-configuration", guarded(discovery)),
        Route("/auth/token", token, methods=["POST"]),
        Route("/3/footprints", guarded(list_footprints)),
        Route("/3/footprints/{id}", guarded(get_footprint)),
        Route("/3/events", guarded(post_event), methods=["POST"]),
        Route(extension.ROUTE, extension_schema),
    ]


def _base(request: Request) -> str:
    """The absolute base URL of the PACT API as the client addressed it (its Host header)."""
    host = request.headers.get("host") or f"{request.url.hostname}:{request.url.port}"
    root = request.scope.get("root_path", "")
    return f"https://{host}{root}"


def _native_iso(value: Any) -> str:
    native = value.to_native() if hasattr(value, "to_native") else value
    return mapping.iso(native)


def _client_credentials(header: str | None, form: dict[str, str]) -> tuple[str | None, str | None]:
    """The client id and secret, from HTTP Basic (RFC 6749 2.3.1, form-encoded parts) or the form body."""
    if header is not None:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "basic":
            return None, None
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None, None
        client_id, sep, secret = decoded.partition(":")
        if not sep:
            return None, None
        return unquote(client_id.replace("+", " ")), unquote(secret.replace("+", " "))
    return form.get("client_id"), form.get("client_secret")
