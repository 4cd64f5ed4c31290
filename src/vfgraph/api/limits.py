"""Limits checked before an operation runs (docs/security.md), as one schema extension.

In the order they are checked, each refusing the whole operation with its own code:

1. tokens: parsing stops past ``max_tokens`` (``TOO_MANY_TOKENS``);
2. depth and aliases, measured by :func:`vfgraph.api.cost.measure` (``QUERY_TOO_DEEP``,
   ``TOO_MANY_ALIASES``), before the GraphQL validation rules, some of which take time that grows with the
   square of the number of fields; then the transport: a subscription over plain HTTP
   (``SUBSCRIPTION_NEEDS_WEBSOCKET``), a query or mutation over the WebSocket (``OPERATION_NEEDS_HTTP``);
3. the GraphQL validation rules, without "Did you mean ...?" suggestions for an anonymous caller, and in
   production mode with ``__schema``/``__type`` refused to an anonymous caller (``INTROSPECTION_DISABLED``);
4. the estimated cost (``QUERY_TOO_COSTLY``);
5. the rate limit: the cost is taken from the caller's bucket, one unit for an operation refused above
   (``RATE_LIMITED``, HTTP 429).

The limits come from the settings of the request's ledger, the rate limiter from the request's context;
a context that is not a :class:`~vfgraph.api.context.Context` (a bare ``schema.execute`` in a test) gets
the standard validation only.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    GraphQLSyntaxError,
    Lexer,
    OperationType,
    Source,
    TokenKind,
    ValidationRule,
    get_operation_ast,
    validate,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from vfgraph.api.context import Context
from vfgraph.api.cost import Measure, Pages, measure
from vfgraph.errors import (
    IntrospectionDisabled,
    OperationNeedsHttp,
    QueryTooCostly,
    QueryTooDeep,
    RateLimited,
    SubscriptionNeedsWebSocket,
    TooManyAliases,
    TooManyTokens,
    VfgraphError,
)
from vfgraph.settings import Settings

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


def refusal(error: VfgraphError) -> GraphQLError:
    """A request error (no path) carrying ``error``, whose code the API puts in ``extensions.code``."""
    return GraphQLError(error.message, original_error=error)


class Limits(SchemaExtension):
    """Refuses an operation that is too large, too costly, or over the caller's rate limit; says which pages
    were clamped to the maximum page size (``extensions.clampedPages``)."""

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        if isinstance(context, Context) and context.clamped_pages:
            return {"clampedPages": list(context.clamped_pages)}
        return {}

    def on_operation(self) -> Iterator[None]:
        settings = _settings(self.execution_context.context)
        if settings is not None:
            self.execution_context.parse_options["max_tokens"] = settings.max_tokens
        yield

    def on_parse(self) -> Iterator[None]:
        yield
        ec = self.execution_context
        settings = _settings(ec.context)
        if settings is None or not ec.pre_execution_errors or not ec.query:
            return
        if _tokens(ec.query, settings.max_tokens + 1) > settings.max_tokens:
            # The syntax error graphql-core raised at the limit is the one the client gets: mark it.
            for error in ec.pre_execution_errors:
                error.original_error = TooManyTokens(
                    f"a document holds at most {settings.max_tokens} tokens", maximum=settings.max_tokens
                )

    def on_validate(self) -> Iterator[None]:
        ec = self.execution_context
        context = ec.context
        if isinstance(context, Context) and ec.pre_execution_errors is None and ec.graphql_document:
            # Set here, strawberry's own validation is skipped: these are its rules and then some.
            ec.pre_execution_errors = self._check(context)
        yield

    def _check(self, context: Context) -> list[GraphQLError]:
        ec = self.execution_context
        document = ec.graphql_document
        assert document is not None
        settings = context.ledger.settings
        anonymous = context.caller is None
        schema = ec.schema._schema
        pages = Pages(default=settings.default_page_size, maximum=settings.max_page_size)
        m = measure(schema, document, pages, ec.operation_name, ec.variables)
        errors = _over_limits(m, settings) or _transport(context, document, ec.operation_name)
        if not errors:
            rules = [*ec.validation_rules, MaybeNullValidationRule, OneOfInputValidationRule]
            if settings.production and anonymous:
                rules.append(NoAnonymousIntrospection)
            errors = validate(schema, document, rules, hide_suggestions=anonymous)
        if not errors and m.cost > settings.max_query_cost:
            message = f"the operation's estimated cost {m.cost} exceeds the maximum {settings.max_query_cost}"
            errors = [refusal(QueryTooCostly(message, cost=m.cost, maximum=settings.max_query_cost))]
        # A refused operation still costs a unit, so that a stream of them is rate-limited too.
        limited = _rate_limit(context, 1 if errors else m.cost)
        return [limited] if limited is not None else errors


def _rate_limit(context: Context, cost: int) -> GraphQLError | None:
    limiter = context.rate_limiter
    wait = limiter.take(rate_key(context), cost) if limiter is not None else None
    if limiter is None or wait is None:
        return None
    seconds = max(1, math.ceil(wait))
    message = f"rate limit of {limiter.per_minute} cost units a minute spent; retry in {seconds}s"
    return refusal(RateLimited(message, retryAfter=seconds, cost=cost))


def _over_limits(m: Measure, settings: Settings) -> list[GraphQLError]:
    refused: list[GraphQLError] = []
    if m.depth > settings.max_query_depth:
        message = f"the operation nests {m.depth} levels deep; the maximum is {settings.max_query_depth}"
        refused.append(refusal(QueryTooDeep(message, depth=m.depth, maximum=settings.max_query_depth)))
    if m.aliases > settings.max_aliases:
        message = f"the document has {m.aliases} aliases; the maximum is {settings.max_aliases}"
        refused.append(refusal(TooManyAliases(message, aliases=m.aliases, maximum=settings.max_aliases)))
    return refused


def _transport(context: Context, document: DocumentNode, operation_name: str | None) -> list[GraphQLError]:
    """Subscriptions go over the WebSocket, queries and mutations over HTTP (where the request deadline and
    the HTTP status rules apply: docs/security.md)."""
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return []
    subscription = operation.operation is OperationType.SUBSCRIPTION
    if subscription and not context.streaming:
        message = (
            "a subscription is served over a WebSocket on this path (graphql-transport-ws), not over HTTP"
        )
        return [refusal(SubscriptionNeedsWebSocket(message))]
    if context.streaming and not subscription:
        kind = operation.operation.value
        message = f"a {kind} is sent over HTTP (POST /graphql); the WebSocket serves subscriptions only"
        return [refusal(OperationNeedsHttp(message))]
    return []


def rate_key(context: Context) -> str:
    """Whose bucket a request spends: the API key's, or an anonymous client's address."""
    caller = context.caller
    if caller is not None:
        return f"key:{caller.key_id}"
    return f"client:{context.client or 'unknown'}"


class NoAnonymousIntrospection(ValidationRule):
    """``__schema`` and ``__type`` refused (production mode, anonymous caller); ``__typename`` stays."""

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        if node.name.value in INTROSPECTION_FIELDS:
            message = f"introspection ({node.name.value}) is open to authenticated callers only"
            error = IntrospectionDisabled(message)
            self.report_error(GraphQLError(message, node, original_error=error))


def _settings(context: object) -> Settings | None:
    return context.ledger.settings if isinstance(context, Context) else None


def _tokens(query: str, stop: int) -> int:
    """How many tokens ``query`` holds, counting no further than ``stop``."""
    lexer = Lexer(Source(query))
    count = 0
    try:
        while count < stop and lexer.advance().kind is not TokenKind.EOF:
            count += 1
    except GraphQLSyntaxError:
        pass
    return count
