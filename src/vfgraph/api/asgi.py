"""The GraphQL endpoint as an ASGI app (GraphiQL included), with a fresh :class:`Context` per request."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from strawberry.asgi import GraphQL

from vfgraph.api.context import Context
from vfgraph.api.schema import schema

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger


class GraphQLApp(GraphQL[Context, None]):
    """Serves the vf-graphql schema; ``ledger`` is called once per request (the app's lifespan owns it)."""

    def __init__(self, ledger: Callable[[], Ledger]) -> None:
        super().__init__(schema, graphql_ide="graphiql")
        self._ledger = ledger

    async def get_context(self, request: Any, response: Any) -> Context:
        return Context(ledger=self._ledger())

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL from vfgraph's own static files (see web/graphiql), not from a CDN."""
        return HTMLResponse(GRAPHIQL_PAGE.read_text(encoding="utf-8"))


GRAPHIQL_PAGE = Path(__file__).parent / "templates" / "graphiql.html"
