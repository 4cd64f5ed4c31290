"""From Python exceptions to GraphQL errors.

- A :class:`~vfgraph.errors.VfgraphError` raised by a resolver reaches the client with its message,
  ``extensions.code`` set to the error's ``code`` and its ``details`` merged into ``extensions`` (for
  ``SHACL_VIOLATION``: ``violations``, a list of ``{focusNode, path, message, shape}``).
- Any other exception raised while resolving a field is a bug: the client sees only
  ``Internal server error`` with code ``INTERNAL_SERVER_ERROR``; the exception is logged here.
- Errors in the request itself (syntax, validation, a variable of the wrong shape) are the client's and keep
  their message, with code ``BAD_USER_INPUT`` when a value could not be read.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from vfgraph.errors import VfgraphError

log = logging.getLogger("vfgraph.api")

INTERNAL_MESSAGE = "Internal server error"
INTERNAL_CODE = "INTERNAL_SERVER_ERROR"


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


def to_client_error(error: GraphQLError) -> GraphQLError:
    """The error as the client may see it."""
    original = _cause(error)
    if isinstance(original, VfgraphError):
        # Value errors found while reading variables keep graphql-core's message, which names the variable.
        message = original.message if error.path is not None else error.message
        return _with(error, message, {"code": original.code, **original.details})
    if is_unexpected(error):
        return GraphQLError(
            INTERNAL_MESSAGE,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": INTERNAL_CODE},
        )
    if original is not None and error.path is None:
        return _with(error, error.message, {"code": "BAD_USER_INPUT"})
    return error


def log_unexpected(errors: list[GraphQLError]) -> None:
    for error in errors:
        if is_unexpected(error):
            original = _cause(error)
            assert original is not None
            exc_info = (type(original), original, original.__traceback__)
            log.error("unexpected error resolving %s", error.path, exc_info=exc_info)


class ErrorCodes(SchemaExtension):
    """Rewrites every error of a result with :func:`to_client_error` once the operation is done."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is not None and errors:
            result.errors = [to_client_error(e) for e in errors]
