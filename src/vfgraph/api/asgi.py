"""The GraphQL endpoint as an ASGI app (GraphiQL included), with a fresh :class:`Context` per request."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

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
