"""What an operation would cost, measured on its document before it runs (docs/security.md).

:func:`measure` walks the operation's selections, fragments expanded, and returns three numbers that the
limits in :mod:`vfgraph.api.limits` are checked against:

- ``depth``: the deepest nesting of fields (``{ a { b } }`` is 2). Introspection fields count as one level:
  they are answered from memory, and a client's introspection query is deep by nature.
- ``aliases``: aliased fields in the whole document, each written alias once.
- ``cost``: every field costs 1, plus what its selections cost times how many items it returns:
  a connection (``...Connection``) the page it asks for (``first``/``last``, literal or variable, capped at
  the maximum page size, at which a larger page is served; the default page size when none is given),
  any other list of objects :data:`LIST_FACTOR`. A walk of the flows (``trace``, ``track``, ``traceGraph``,
  ``footprint``, ``supplyChainAssessment``, ``distributionPreview``, ``recordDistribution``) costs
  :data:`WALK_COST` more.

The document need not be valid, since the limits are checked before the validation rules: depth is counted
on the syntax alone, unknown fields cost 1 plus their selections, unknown fragments cost nothing, a fragment
spread inside itself counts as nothing there, and each fragment is measured once, on its type condition (so
fragments that spread each other many times over take no longer to measure than to read).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
)

# Items a plain list of objects (Process.observedInputs, EconomicEvent.trace ...) is assumed to hold.
LIST_FACTOR = 10

# What walking the flows from one record adds (one Cypher statement per level, pairing in Python).
WALK_COST = 100
# distributionPreview and recordDistribution walk upstream from an income's deliverable.
WALK_FIELDS = frozenset(
    {"trace", "track", "traceGraph", "footprint", "supplyChainAssessment", "distributionPreview"}
    | {"recordDistribution"}
)

_PAGE_ARGUMENTS = ("first", "last")


@dataclass(frozen=True, slots=True)
class Measure:
    depth: int
    aliases: int
    cost: int


@dataclass(frozen=True, slots=True)
class Pages:
    """The page sizes a connection is counted with."""

    default: int
    maximum: int


def measure(
    schema: GraphQLSchema,
    document: DocumentNode,
    pages: Pages,
    operation_name: str | None = None,
    variables: Mapping[str, Any] | None = None,
) -> Measure:
    """Depth, aliases and cost of the operation ``operation_name`` (of every operation when None)."""
    walker = _Walker(schema, document, pages, variables or {})
    operations = [
        d
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
        and (operation_name is None or (d.name is not None and d.name.value == operation_name))
    ]
    depth = cost = 0
    for operation in operations:
        root = _root_type(schema, operation.operation)
        d, c = walker.selections(operation.selection_set, root)
        depth, cost = max(depth, d), max(cost, c)
    return Measure(depth=depth, aliases=_aliases(document), cost=cost)


def _root_type(schema: GraphQLSchema, operation: OperationType) -> GraphQLNamedType | None:
    if operation is OperationType.MUTATION:
        return schema.mutation_type
    if operation is OperationType.SUBSCRIPTION:
        return schema.subscription_type
    return schema.query_type


def _aliases(document: DocumentNode) -> int:
    count = 0
    stack: list[SelectionSetNode] = [
        d.selection_set
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode | FragmentDefinitionNode)
    ]
    while stack:
        for selection in stack.pop().selections:
            if isinstance(selection, FieldNode) and selection.alias is not None:
                count += 1
            if isinstance(selection, FieldNode | InlineFragmentNode) and selection.selection_set:
                stack.append(selection.selection_set)
    return count


class _Walker:
    def __init__(
        self, schema: GraphQLSchema, document: DocumentNode, pages: Pages, variables: Mapping[str, Any]
    ) -> None:
        self.schema = schema
        self.pages = pages
        self.variables = variables
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        # A fragment's selections are on its own type condition, so its measure is the same wherever spread.
        self.measured: dict[str, tuple[int, int]] = {}
        self.measuring: set[str] = set()

    def selections(self, node: SelectionSetNode, parent: GraphQLNamedType | None) -> tuple[int, int]:
        """(depth, cost) of a selection set on ``parent`` (None: a type the schema does not have)."""
        depth = cost = 0
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                d, c = self.field(selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                on = self._type(selection.type_condition.name.value) if selection.type_condition else parent
                d, c = self.selections(selection.selection_set, on)
            elif isinstance(selection, FragmentSpreadNode):
                d, c = self.fragment(selection.name.value)
            else:  # pragma: no cover - graphql-core has no other selection
                continue
            depth, cost = max(depth, d), cost + c
        return depth, cost

    def fragment(self, name: str) -> tuple[int, int]:
        fragment = self.fragments.get(name)
        if fragment is None or name in self.measuring:
            return 0, 0
        if name not in self.measured:
            self.measuring.add(name)
            on = self._type(fragment.type_condition.name.value)
            self.measured[name] = self.selections(fragment.selection_set, on)
            self.measuring.discard(name)
        return self.measured[name]

    def field(self, node: FieldNode, parent: GraphQLNamedType | None) -> tuple[int, int]:
        name = node.name.value
        if name.startswith("__") or node.selection_set is None:
            return 1, 1
        definition = (
            parent.fields.get(name) if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) else None
        )
        returns = get_named_type(definition.type) if definition is not None else None
        depth, cost = self.selections(node.selection_set, returns)
        if definition is None or returns is None:
            return depth + 1, 1 + cost
        if returns.name.endswith("Connection"):
            cost *= self._page(node)
        elif isinstance(get_nullable_type(definition.type), GraphQLList) and not parent_is_connection(parent):
            cost *= LIST_FACTOR
        extra = WALK_COST if name in WALK_FIELDS else 0
        return depth + 1, 1 + extra + cost

    def _page(self, node: FieldNode) -> int:
        for argument in node.arguments or ():
            if argument.name.value not in _PAGE_ARGUMENTS:
                continue
            value: Any = None
            if isinstance(argument.value, IntValueNode):
                value = argument.value.value
            elif isinstance(argument.value, VariableNode):
                value = self.variables.get(argument.value.name.value)
            try:
                size = int(value)
            except (TypeError, ValueError, OverflowError):
                continue
            return max(0, min(size, self.pages.maximum))
        return self.pages.default

    def _type(self, name: str) -> GraphQLNamedType | None:
        return self.schema.get_type(name)


def parent_is_connection(parent: GraphQLNamedType | None) -> bool:
    """True for a Relay connection type, whose ``edges`` list is counted once, by the page size."""
    return parent is not None and parent.name.endswith("Connection")
