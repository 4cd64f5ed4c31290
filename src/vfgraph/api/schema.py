"""The strawberry schema of vfgraph's vf-graphql API, and its printed SDL.

Every module of vf-graphql 0.9 is served (checked with ``/work/shared/conformance/vf-graphql-check``, all
modules, by ``make conformance``), plus the ValueFlows 1.0 terms vf-graphql lacks (EcologicalAgent,
corrects, the action behaviour properties), vfgraph's ecological limits (thresholds, allocations and their
assessments, ``api/thresholds.py``), contribution accounting (value equations and distributions,
``api/contributions.py``), pending events (asked for by one party, confirmed by the keeper of the resource:
``api/pending.py``), PACT product footprints (publish, deprecate, take, list: ``api/pact.py``,
docs/pact.md), and signals (``matches``, ``offers``/``requests``, the ``signals`` subscription:
docs/signals.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from graphql import GraphQLError, build_ast_schema, lexicographic_sort_schema, parse, print_schema
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import StreamResult
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext
from strawberry.types.graphql import OperationType

from vfgraph.api.contributions import ContributionsMutation, ContributionsQuery
from vfgraph.api.errors import ErrorCodes, client_errors, log_unexpected, request_id_of
from vfgraph.api.inputs import IDuration
from vfgraph.api.limits import Limits
from vfgraph.api.model import KindMutation, KindQuery
from vfgraph.api.mutation import Mutation
from vfgraph.api.nodes import TYPES
from vfgraph.api.pact import PactMutation, PactQuery
from vfgraph.api.pending import PendingMutation, PendingQuery
from vfgraph.api.planning import PlanningQuery
from vfgraph.api.query import Query
from vfgraph.api.recipe import RecipeMutation
from vfgraph.api.scalars import SCALARS, Sort, VfFilteringDummy
from vfgraph.api.thresholds import ThresholdQuery
from vfgraph.api.types.measurement import Duration
from vfgraph.api.types.signals import SignalsQuery, SignalsSubscription


class Schema(strawberry.Schema):
    """Logs only the errors that are bugs; :class:`ErrorCodes` decides what clients see."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        context = execution_context.context if execution_context is not None else None
        log_unexpected(errors, request_id_of(context))

    async def stream(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        operation_extensions: dict[str, Any] | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
    ) -> StreamResult:
        """Results one by one (subscriptions over a WebSocket), their errors as clients see them."""
        source = await super().stream(
            query,
            variable_values,
            context_value,
            root_value,
            operation_name,
            operation_extensions,
            allowed_operation_types,
        )
        return client_errors(source, context_value)


# The root types: every kind's one-by-id and page fields and its create / update / delete mutations come
# from the kind table (KindQuery, KindMutation: api/model.py); each group of vf-graphql modules keeps the
# rest of its queries, mutations and subscriptions in a class of its own (one line here per group), merged
# into the one Query, Mutation and Subscription that clients see.
QUERIES: tuple[type, ...] = (
    KindQuery,
    Query,
    PlanningQuery,
    ThresholdQuery,
    SignalsQuery,
    ContributionsQuery,
    PendingQuery,
    PactQuery,
)
MUTATIONS: tuple[type, ...] = (
    KindMutation,
    Mutation,
    RecipeMutation,
    ContributionsMutation,
    PendingMutation,
    PactMutation,
)
SUBSCRIPTIONS: tuple[type, ...] = (SignalsSubscription,)


def build_schema() -> Schema:
    agents = [TYPES[name] for name in ("Person", "Organization", "EcologicalAgent", "ExternalAgent")]
    extra_types: list[Any] = [*agents, Duration, IDuration, Sort, VfFilteringDummy]
    return Schema(
        query=merge_types("Query", QUERIES),
        mutation=merge_types("Mutation", MUTATIONS),
        subscription=merge_types("Subscription", SUBSCRIPTIONS),
        types=extra_types,
        extensions=[Limits, ErrorCodes],
        config=StrawberryConfig(scalar_map=SCALARS),
    )


schema = build_schema()


def print_sdl() -> str:
    """The schema as SDL, ending with a newline: types, fields and arguments in alphabetical order, so that
    the committed snapshot changes only where the schema does (not where a class declares things)."""
    return (
        print_schema(lexicographic_sort_schema(build_ast_schema(parse(schema.as_str())))).rstrip("\n") + "\n"
    )
