"""From Python exceptions to GraphQL errors.

- A :class:`~vfgraph.errors.VfgraphError` raised by a resolver reaches the client with its message,
  ``extensions.code`` set to the error's ``code`` and its ``details`` merged into ``extensions`` (for
  ``SHACL_VIOLATION``: ``violations``, a list of ``{focusNode, path, message, shape}``).
- Any other exception raised while resolving a field is a bug: the client sees only
  ``Internal server error`` with code ``INTERNAL_SERVER_ERROR`` and ``extensions.requestId``; the exception
  is logged here with the same request id.
- Errors in the request itself (syntax, validation, a variable of the wrong shape) are the client's and keep
  their message, with code ``GRAPHQL_PARSE_FAILED`` (syntax), ``GRAPHQL_VALIDATION_FAILED`` (a rule of the
  GraphQL spec) or ``BAD_USER_INPUT`` (a value that could not be read). An anonymous caller gets them
  without "Did you mean ...?" suggestions, which would spell out the schema.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncGenerator, Iterator
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult
from strawberry.utils.aio import aclosing

from vfgraph.errors import VfgraphError

log = logging.getLogger("vfgraph.api")

INTERNAL_MESSAGE = "Internal server error"
INTERNAL_CODE = "INTERNAL_SERVER_ERROR"
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"


def _cause(error: GraphQLError) -> Exception | None:
    """The exception behind an error (graphql-core wraps value errors in nested GraphQLErrors)."""
    original = error.original_error
    while isinstance(original, GraphQLError) and original.original_error is not None:
        original = original.original_error
    return original


def is_unexpected(error: GraphQLError) -> bool:
    """True for an exception that escaped a resolver and is not one vfgraph raises on purpose."""
    original = _cause(error)
    return (
        original is not None
        and not isinstance(original, VfgraphError | GraphQLError)
        and error.path is not None
    )


def _with(error: GraphQLError, message: str, extensions: dict[str, Any]) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={**(error.extensions or {}), **extensions},
    )


def to_client_error(
    error: GraphQLError, request_id: str | None = None, suggestions: bool = True
) -> GraphQLError:
    """The error as the client may see it (``suggestions=False``: "Did you mean ...?" left out)."""
    original = _cause(error)
    if isinstance(original, VfgraphError):
        # Value errors found while reading variables keep graphql-core's message, which names the variable.
        message = original.message if error.path is not None else error.message
        return _with(error, _suggesting(message, suggestions), {"code": original.code, **original.details})
    if is_unexpected(error):
        masked: dict[str, Any] = {"code": INTERNAL_CODE}
        if request_id is not None:
            masked["requestId"] = request_id
        return GraphQLError(
            INTERNAL_MESSAGE,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions=masked,
        )
    if original is not None and error.path is None:
        return _with(error, _suggesting(error.message, suggestions), {"code": "BAD_USER_INPUT"})
    if error.path is None and not (error.extensions or {}).get("code"):
        code = PARSE_FAILED if isinstance(error, GraphQLSyntaxError) else VALIDATION_FAILED
        return _with(error, _suggesting(error.message, suggestions), {"code": code})
    if not suggestions and SUGGESTION.search(error.message):
        return _with(error, _suggesting(error.message, suggestions), {})
    return error


# graphql-core's suggestions: " Did you mean 'name'?", " Did you mean the enum value 'A' or 'B'?"
SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


def _suggesting(message: str, suggestions: bool) -> str:
    return message if suggestions else SUGGESTION.sub("", message)


def log_unexpected(errors: list[GraphQLError], request_id: str | None = None) -> None:
    for error in errors:
        if is_unexpected(error):
            original = _cause(error)
            assert original is not None
            exc_info = (type(original), original, original.__traceback__)
            log.error("unexpected error resolving %s (request %s)", error.path, request_id, exc_info=exc_info)


class ErrorCodes(SchemaExtension):
    """Rewrites every error of a result with :func:`to_client_error` once the operation is done."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is not None and errors:
            context = self.execution_context.context
            request_id = request_id_of(context)
            suggestions = getattr(context, "caller", None) is not None
            result.errors = [to_client_error(e, request_id, suggestions) for e in errors]


def request_id_of(context: object) -> str | None:
    """The request id a context carries (:class:`vfgraph.api.context.Context`), if any."""
    request_id = getattr(context, "request_id", None)
    return request_id if isinstance(request_id, str) else None


async def client_errors(source: AsyncGenerator[Any, None], context: object) -> AsyncGenerator[Any, None]:
    """A stream of results (a subscription's) with every error rewritten by :func:`to_client_error`, as
    :class:`ErrorCodes` does for a single result."""
    request_id = request_id_of(context)
    suggestions = getattr(context, "caller", None) is not None
    async with aclosing(source):
        async for result in source:
            if isinstance(result, ExecutionResult) and result.errors:
                result.errors = [to_client_error(e, request_id, suggestions) for e in result.errors]
            yield result
