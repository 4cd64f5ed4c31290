"""The GraphQL endpoint as an ASGI app (GraphiQL included), with a fresh :class:`Context` per request.

Strawberry's view, with vfgraph's rules of GraphQL over HTTP (:mod:`vfgraph.api.http`): media types and
status codes, refusals with stable codes, and a deadline on every operation (``VFGRAPH_REQUEST_DEADLINE``)
that also bounds its Neo4j transactions (:func:`vfgraph.store.driver.deadline`). The same path serves
subscriptions over a WebSocket with the graphql-transport-ws protocol (:mod:`vfgraph.api.websocket`).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UnsetType

from vfgraph.api import http, websocket
from vfgraph.api.context import Context, new_request_id
from vfgraph.api.ratelimit import RateLimiter
from vfgraph.api.schema import schema
from vfgraph.errors import BadRequest, DeadlineExceeded, MethodNotAllowed, NotAcceptable, VfgraphError
from vfgraph.store.driver import deadline

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger


class GraphQLApp(GraphQL[Context, None]):
    """Serves the vf-graphql schema; ``ledger`` is called once per request (the app's lifespan owns it).

    ``max_subscriptions``: operations open at once on one WebSocket connection.
    """

    def __init__(self, ledger: Callable[[], Ledger], max_subscriptions: int = 10) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql",
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            max_subscriptions_per_connection=max_subscriptions,
        )
        self._ledger = ledger
        self._rate_limiter: RateLimiter | None = None  # made on first use, from the ledger's settings

    async def get_context(self, request: Any, response: Any) -> Context:
        # The Authentication middleware (api/authentication.py) put the caller on the request.
        caller = request.scope.get("state", {}).get("caller")
        if request.scope["type"] == "websocket":
            connection = websocket.ConnectionContext(ledger=self._ledger().acting_as(caller))
            return self._limited(connection, request)
        return self._guarded(Context(ledger=self._ledger().acting_as(caller)), request, response)

    def _guarded(self, context: Context, request: Request, response: Response) -> Context:
        """The context with what the limits need: request id (also sent back), client, rate limiter."""
        response.headers[http.REQUEST_ID_HEADER] = self._limited(context, request).request_id
        return context

    def _limited(self, context: Context, request: Any) -> Context:
        if self._rate_limiter is None:
            self._rate_limiter = RateLimiter(context.ledger.settings.rate_limit)
        context.rate_limiter = self._rate_limiter
        context.client = request.client.host if request.client else None
        return context

    async def on_ws_connect(self, context: Context) -> UnsetType:
        """A ``connection_init`` payload may carry the key (refused with 4403 when it is not one)."""
        if isinstance(context, websocket.ConnectionContext):
            await websocket.accept(context)
        return UnsetType()  # acknowledged without a payload

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        media = http.negotiate(request.headers.get("accept"))
        request.state.media = media
        try:
            await self._check(request, media)
            response = await self.run(request)
        except VfgraphError as e:
            headers = {"Allow": "GET, POST"} if isinstance(e, MethodNotAllowed) else None
            response = http.error_response(e, media, headers)
        except HTTPException as e:  # strawberry's own refusals: a body that is not JSON, no query ...
            response = http.error_response(BadRequest(e.reason), media)
            response.status_code = e.status_code
        if http.REQUEST_ID_HEADER.lower() not in response.headers:  # refused before a context was made
            response.headers[http.REQUEST_ID_HEADER] = new_request_id()
        if response.media_type != "text/html":
            response.headers["content-type"] = f"{media or http.JSON}; charset=utf-8"
        status = getattr(request.state, "status", None)
        if status is not None:
            response.status_code = status
        retry_after = getattr(request.state, "retry_after", None)
        if retry_after is not None:
            response.headers["Retry-After"] = str(retry_after)
        await response(scope, receive, send)

    async def _check(self, request: Request, media: str | None) -> None:
        """Refuse what is not a GraphQL request this endpoint answers, before any GraphQL work."""
        if request.method not in ("GET", "POST"):
            raise MethodNotAllowed(f"GraphQL is served over GET and POST, not {request.method}")
        adapter = self.request_adapter_class(request)
        if media is None and not self.should_render_graphql_ide(adapter):
            raise NotAcceptable(
                "Accept allows neither application/graphql-response+json nor application/json"
            )
        if request.method == "POST":
            http.check_body_type(request.headers.get("content-type"))
            http.check_not_batch(await request.body())

    def decode_json(self, data: str | bytes) -> object:
        """JSON, refused when a string holds a lone surrogate: not Unicode text, which Neo4j cannot store."""
        decoded = super().decode_json(data)
        try:
            json.dumps(decoded, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise BadRequest("a string in the request holds a lone surrogate (\\ud800-\\udfff)") from None
        return decoded

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """One operation, cut off at the request's deadline (its Neo4j transactions too)."""
        seconds = context.ledger.settings.request_deadline
        try:
            with deadline(seconds):
                async with asyncio.timeout(seconds):
                    return await super().execute_single(
                        request, request_adapter, sub_response, context, root_value, request_data
                    )
        except TimeoutError:
            log.warning("request %s cut off at its deadline of %ss", context.request_id, seconds)
            error = DeadlineExceeded(f"the request ran past its deadline of {seconds}s")
            extensions = {"code": error.code, "requestId": context.request_id}
            return ExecutionResult(data=None, errors=[GraphQLError(error.message, extensions=extensions)])
        except HTTPException as e:
            if isinstance(e.__cause__, InvalidOperationTypeError) and request_adapter.method == "GET":
                raise MethodNotAllowed("a mutation is sent with POST, not GET") from e
            raise

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        """The response body, and (on the request's state) the status the draft asks for."""
        body = await super().process_result(request, result)
        errors = result.errors or []
        codes = [str((e.extensions or {}).get("code")) for e in errors]
        data_absent = result.data is None and bool(errors) and all(e.path is None for e in errors)
        media = request.state.media or http.JSON
        status, drop = http.result_status(media, data_absent, codes)
        if drop:
            body.pop("data", None)
        request.state.status = status
        if status == 429:
            request.state.retry_after = next(
                ((e.extensions or {}).get("retryAfter") for e in errors if e.extensions), None
            )
        return body

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL from vfgraph's own static files (see web/graphiql), not from a CDN."""
        return HTMLResponse(GRAPHIQL_PAGE.read_text(encoding="utf-8"))


GRAPHIQL_PAGE = Path(__file__).parent / "templates" / "graphiql.html"

log = logging.getLogger("vfgraph.api")
