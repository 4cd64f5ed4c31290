"""Errors vfgraph raises on purpose, each with a stable ``code``.

The API puts ``code`` in a GraphQL error's ``extensions.code``; clients may rely on it. Anything that is
not a :class:`VfgraphError` is a bug and reaches clients only as a masked ``INTERNAL_SERVER_ERROR``.

    VfgraphError                      root; never raised itself
    ├── InvalidInput                  BAD_USER_INPUT: a value is malformed (a date, a decimal, an IRI)
    │   ├── UnknownAction             UNKNOWN_ACTION: the action is not one of the ontology's
    │   ├── InvalidQuantity           INVALID_QUANTITY: negative outside a correction, or not a decimal
    │   ├── UnitMismatch              UNIT_MISMATCH: a quantity's unit differs from the resource's
    │   ├── InvalidCursor             INVALID_CURSOR: a page cursor this server did not issue
    │   ├── TraceTooLarge             TRACE_TOO_LARGE: a footprint's upstream graph exceeds the walk limits
    │   ├── RecipeCycle               RECIPE_CYCLE: a recipe needs, at some depth, what it makes itself
    │   ├── InvalidRecipe             INVALID_RECIPE: a recipe cannot be planned from as it stands (no
    │   │                             recipe makes the resource, an output without quantity, a plan too big)
    │   ├── ClaimOverSettled          CLAIM_OVERSETTLED: settlements would pay more than the claim asks
    │   ├── InvalidFootprint          INVALID_FOOTPRINT: a PACT ProductFootprint (made, declared or received)
    │   │                             breaks the PACT v3 schema or rules; ``violations`` lists why
    │   └── NothingToDistribute       NOTHING_TO_DISTRIBUTE: an income with no quantity, or no deliverable
    ├── AlreadyDistributed            ALREADY_DISTRIBUTED: this income was already shared by this equation
    ├── PeerUnavailable               PACT_PEER_UNAVAILABLE: a remote PACT host cannot be reached, refuses
    │                                 vfgraph's credentials or answers with an error (docs/pact.md)
    ├── ShaclViolation                SHACL_VIOLATION: the RDF view of a write breaks the shapes
    ├── NotFound                      NOT_FOUND: a referenced record does not exist
    ├── StaleRevision                 STALE_REVISION: an update names a revision that is not current
    ├── Immutable                     IMMUTABLE: the change would rewrite history (events, used records)
    ├── InsufficientQuantity          INSUFFICIENT_QUANTITY: a resource would go below zero
    ├── StoreUnavailable              STORE_UNAVAILABLE: Neo4j cannot be reached
    ├── TransactionTooLarge           TRANSACTION_TOO_LARGE: one transaction (a whole imported file) needs
    │                                 more memory than Neo4j allows a transaction
    ├── Unauthenticated               UNAUTHENTICATED: no valid key where one is needed, or a bad key
    ├── Forbidden                     FORBIDDEN: the caller may not do this (write as another agent ...)
    ├── DeadlineExceeded              DEADLINE_EXCEEDED: the request, or one of its Neo4j transactions, ran
    │                                 past the request's deadline (``VFGRAPH_REQUEST_DEADLINE``)
    ├── LimitExceeded                 LIMIT_EXCEEDED: an operation refused before it runs (docs/security.md)
    │   ├── QueryTooDeep              QUERY_TOO_DEEP: selections nested deeper than the maximum depth
    │   ├── TooManyAliases            TOO_MANY_ALIASES: more aliased fields than the maximum
    │   ├── TooManyTokens             TOO_MANY_TOKENS: a document longer than the maximum number of tokens
    │   ├── QueryTooCostly            QUERY_TOO_COSTLY: the operation's estimated cost is above the maximum
    │   ├── RateLimited               RATE_LIMITED: the caller has spent its cost units for now (HTTP 429)
    │   └── IntrospectionDisabled     INTROSPECTION_DISABLED: anonymous ``__schema``/``__type`` in production
    └── BadRequest                    BAD_REQUEST: the HTTP request is not a well-formed GraphQL request (400)
        ├── BatchNotSupported         BATCH_NOT_SUPPORTED: a list of operations in one request
        ├── SubscriptionNeedsWebSocket  SUBSCRIPTION_NEEDS_WEBSOCKET: a subscription sent over plain HTTP
        ├── OperationNeedsHttp        OPERATION_NEEDS_HTTP: a query or mutation sent over the WebSocket
        ├── MethodNotAllowed          METHOD_NOT_ALLOWED: a mutation over GET, or a method but GET/POST (405)
        ├── UnsupportedMediaType      UNSUPPORTED_MEDIA_TYPE: a POST body not ``application/json`` (415)
        └── NotAcceptable             NOT_ACCEPTABLE: ``Accept`` allows no media type the API answers in (406)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar


class VfgraphError(Exception):
    """Root of every error raised on purpose."""

    code: ClassVar[str] = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = details


class InvalidInput(VfgraphError):
    code = "BAD_USER_INPUT"


class UnknownAction(InvalidInput):
    code = "UNKNOWN_ACTION"


class InvalidQuantity(InvalidInput):
    code = "INVALID_QUANTITY"


class UnitMismatch(InvalidInput):
    code = "UNIT_MISMATCH"


class InvalidCursor(InvalidInput):
    code = "INVALID_CURSOR"


class TraceTooLarge(InvalidInput):
    code = "TRACE_TOO_LARGE"


class RecipeCycle(InvalidInput):
    code = "RECIPE_CYCLE"


class InvalidRecipe(InvalidInput):
    code = "INVALID_RECIPE"


class ClaimOverSettled(InvalidInput):
    code = "CLAIM_OVERSETTLED"


class NothingToDistribute(InvalidInput):
    code = "NOTHING_TO_DISTRIBUTE"


class AlreadyDistributed(VfgraphError):
    code = "ALREADY_DISTRIBUTED"


class InvalidFootprint(InvalidInput):
    code = "INVALID_FOOTPRINT"


class PeerUnavailable(VfgraphError):
    code = "PACT_PEER_UNAVAILABLE"


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: which node broke which shape, on which path, and why."""

    focus_node: str
    path: str | None
    message: str
    shape: str
    severity: str = "Violation"


class ShaclViolation(VfgraphError):
    code = "SHACL_VIOLATION"

    def __init__(self, violations: Sequence[Violation]) -> None:
        first = violations[0].message if violations else "the record breaks the shapes"
        more = f" (and {len(violations) - 1} more)" if len(violations) > 1 else ""
        super().__init__(f"SHACL validation failed: {first}{more}")
        self.violations = list(violations)
        self.details = {
            "violations": [
                {
                    "focusNode": v.focus_node,
                    "path": v.path,
                    "message": v.message,
                    "shape": v.shape,
                }
                for v in self.violations
            ]
        }


class NotFound(VfgraphError):
    code = "NOT_FOUND"


class StaleRevision(VfgraphError):
    code = "STALE_REVISION"


class Immutable(VfgraphError):
    code = "IMMUTABLE"


class InsufficientQuantity(VfgraphError):
    code = "INSUFFICIENT_QUANTITY"


class StoreUnavailable(VfgraphError):
    code = "STORE_UNAVAILABLE"


class TransactionTooLarge(VfgraphError):
    code = "TRANSACTION_TOO_LARGE"


class Unauthenticated(VfgraphError):
    code = "UNAUTHENTICATED"


class Forbidden(VfgraphError):
    code = "FORBIDDEN"


class DeadlineExceeded(VfgraphError):
    code = "DEADLINE_EXCEEDED"


class LimitExceeded(VfgraphError):
    """Root of the limits checked before an operation runs; ``details`` name the limit and the value."""

    code = "LIMIT_EXCEEDED"


class QueryTooDeep(LimitExceeded):
    code = "QUERY_TOO_DEEP"


class TooManyAliases(LimitExceeded):
    code = "TOO_MANY_ALIASES"


class TooManyTokens(LimitExceeded):
    code = "TOO_MANY_TOKENS"


class QueryTooCostly(LimitExceeded):
    code = "QUERY_TOO_COSTLY"


class RateLimited(LimitExceeded):
    code = "RATE_LIMITED"


class IntrospectionDisabled(LimitExceeded):
    code = "INTROSPECTION_DISABLED"


class BadRequest(VfgraphError):
    code = "BAD_REQUEST"


class BatchNotSupported(BadRequest):
    code = "BATCH_NOT_SUPPORTED"


class SubscriptionNeedsWebSocket(BadRequest):
    code = "SUBSCRIPTION_NEEDS_WEBSOCKET"


class OperationNeedsHttp(BadRequest):
    code = "OPERATION_NEEDS_HTTP"


class MethodNotAllowed(BadRequest):
    code = "METHOD_NOT_ALLOWED"


class UnsupportedMediaType(BadRequest):
    code = "UNSUPPORTED_MEDIA_TYPE"


class NotAcceptable(BadRequest):
    code = "NOT_ACCEPTABLE"
