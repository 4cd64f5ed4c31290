"""The per-request context: the ledger, and DataLoaders that batch reads per request.

Resolvers never query the store one item at a time. Every to-one or to-many reference goes through
:meth:`Loaders.records` (one loader per label), every nested list or connection through
:meth:`Loaders.reverse` (one loader per relation and page window), so a level of a query costs one statement
per kind of relation, whatever the number of items on it.
"""

from __future__ import annotations

import asyncio
import inspect
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Optional, Protocol, TypeAlias, TypeVar

import strawberry
from strawberry.dataloader import DataLoader

from vfgraph.api.pagination import Connection, decode_cursor, to_connection
from vfgraph.api.ratelimit import RateLimiter
from vfgraph.domain.access import Caller
from vfgraph.domain.actions import Action
from vfgraph.domain.filters import Filter, Where
from vfgraph.errors import NotFound, UnknownAction
from vfgraph.store import reads
from vfgraph.store.reads import Record, Slice, Window

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger

T = TypeVar("T")


def new_request_id() -> str:
    return uuid.uuid4().hex


class Loaders:
    """DataLoaders created lazily for one request."""

    def __init__(self, ledger: Ledger) -> None:
        self._store = ledger.store
        self._records: dict[str, DataLoader[str, Record | None]] = {}
        self._reverse: dict[tuple[str, Window, Where | None], DataLoader[str, Slice[str]]] = {}

    def records(self, label: str) -> DataLoader[str, Record | None]:
        """Records of ``label`` by id (None for an id that is not one)."""
        loader = self._records.get(label)
        if loader is None:

            async def load(ids: list[str]) -> Sequence[Record | None]:
                found = await asyncio.to_thread(reads.get_records, self._store, label, ids)
                return [found.get(i) for i in ids]

            loader = self._records[label] = DataLoader(load_fn=load)
        return loader

    def reverse(
        self, relation: str, window: Window, where: Where | None = None
    ) -> DataLoader[str, Slice[str]]:
        """Per parent id, the ids along a reverse relation (:data:`vfgraph.store.cypher.read.REVERSE`) that
        ``where`` selects."""
        key = (relation, window, where)
        loader = self._reverse.get(key)
        if loader is None:

            async def load(parents: list[str]) -> Sequence[Slice[str]]:
                found = await asyncio.to_thread(
                    reads.reverse_ids, self._store, relation, parents, window, where
                )
                return [found[p] for p in parents]

            loader = self._reverse[key] = DataLoader(load_fn=load)
        return loader

    def clear(self) -> None:
        """Forget everything read so far (after a write, so the response shows the new state)."""
        self._records.clear()
        self._reverse.clear()


@dataclass
class Context:
    ledger: Ledger
    loaders: Loaders = field(init=False)
    # Set per HTTP request by api/asgi.py (docs/security.md): the id masked errors and logs carry, the
    # client's address (the rate-limit key of an anonymous caller), and the app's rate limiter.
    request_id: str = field(default_factory=new_request_id)
    client: str | None = None
    rate_limiter: RateLimiter | None = None
    # Whether results can be streamed to the client (a WebSocket: api/websocket.py), as a subscription needs.
    streaming: ClassVar[bool] = False
    # The pages this request asked larger than the maximum and got at the maximum (api/limits.py says so
    # in the response's extensions).
    clamped_pages: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.ledger)

    @property
    def caller(self) -> Caller | None:
        """Who is calling (None: anonymous); the ledger reads and writes as this caller."""
        return self.ledger.caller

    def action(self, name: str) -> Action:
        try:
            return self.ledger.actions[name]
        except KeyError:
            raise UnknownAction(f"no action {name!r} in the ValueFlows ontology") from None


Info: TypeAlias = strawberry.Info[Context, None]

# Lists without pagination arguments (Process.observedInputs ...) read at most this many items.
LIST_LIMIT = 1000


async def load_one(info: Info, label: str, record_id: str | None) -> Record | None:
    if record_id is None:
        return None
    return await info.context.loaders.records(label).load(record_id)


async def load_many(info: Info, label: str, ids: Iterable[str]) -> list[Record]:
    """The records among ``ids`` that exist, in the order given."""
    found = await info.context.loaders.records(label).load_many(list(ids))
    return [r for r in found if r is not None]


async def load_related(
    info: Info, relation: str, parent_id: str, window: Window, where: Where | None = None
) -> Slice[Record]:
    """A window of the records that point at ``parent_id`` along ``relation`` (that ``where`` selects)."""
    ids = await info.context.loaders.reverse(relation, window, where).load(parent_id)
    records = await load_many(info, reads.reverse_label(relation), ids.items)
    return Slice(records, has_previous=ids.has_previous, has_next=ids.has_next)


async def load_related_list(
    info: Info, relation: str, parent_id: str, where: Where | None = None
) -> list[Record]:
    return (await load_related(info, relation, parent_id, Window(limit=LIST_LIMIT), where)).items


def page_window(
    info: Info,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Window:
    """The window a connection's arguments ask for; a page larger than the maximum is clamped to it, and
    the response says so (``pageInfo.pageLimit``, ``extensions.clampedPages``: docs/security.md)."""
    window = Window.from_args(
        info.context.ledger.settings,
        first=first,
        after=decode_cursor(after),
        last=last,
        before=decode_cursor(before),
    )
    clamp(info, first if first is not None else last, window.limit)
    return window


def clamp(info: Info, requested: int | None, limit: int) -> None:
    """Note that the field at ``info.path`` was given ``limit`` items where it asked for ``requested``."""
    if requested is not None and requested > limit:
        path = info.path.as_list() if info.path is not None else []
        info.context.clamped_pages.append({"path": path, "requested": requested, "limit": limit})


async def related_connection(
    info: Info,
    relation: str,
    parent_id: str,
    make: Callable[[Record], T],
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    where: Where | None = None,
) -> Connection[T]:
    """A nested connection: a page of the records pointing at ``parent_id`` along ``relation``."""
    window = page_window(info, first, after, last, before)
    page = await load_related(info, relation, parent_id, window, where)
    return to_connection(page, window, make)


async def kind_connection(
    info: Info,
    label: str,
    make: Callable[[Record], T],
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    where: Where | None = None,
) -> Connection[T]:
    """A top-level connection: a page of all the records of ``label`` (that ``where`` selects)."""
    window = page_window(info, first, after, last, before)
    store = info.context.ledger.store
    page = await asyncio.to_thread(reads.list_page, store, label, window, where)
    return to_connection(page, window, make)


class Node(Protocol):
    """Any of the API's object types: each keeps the stored record it was made from."""

    rec: Record


def where_of(filter: Filter | None, given: object) -> Where | None:
    """The criteria a filter input gives (None: none)."""
    from vfgraph.api.inputs import to_params  # inputs import the types, which import this module

    if filter is None or given is None:
        return None
    return Where.of(filter, to_params(given))


def _takes_filter(resolve: Callable[..., Any], filter_input: type | None) -> Callable[..., Any]:
    """``resolve`` with its ``filter`` argument typed as ``filter_input`` (left out when there is none)."""
    signature = inspect.signature(resolve)
    parameters = list(signature.parameters.values())
    if filter_input is None:
        parameters = [p for p in parameters if p.name != "filter"]
    else:
        parameters = [
            p.replace(annotation=Optional[filter_input]) if p.name == "filter" else p  # noqa: UP045
            for p in parameters
        ]
    resolve.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    return resolve


def connection_field(
    relation: str,
    node: Any,
    make: Callable[[Record], Any],
    filter: Filter | None = None,
    filter_input: type | None = None,
) -> Any:
    """A field listing a page of the records that point at the parent along ``relation``.

    ``node`` is the node type's annotation (a strawberry lazy reference where the type is defined later),
    ``make`` the function that builds it from a record; with a ``filter``, the field takes its input
    (``filter_input``) as ``filter``.
    """

    async def resolve(
        root: Node,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: Any = None,
    ) -> Any:
        where = where_of(filter_spec, filter)
        return await related_connection(info, relation, root.rec.id, make, first, after, last, before, where)

    filter_spec = filter
    resolve.__annotations__["return"] = Optional[Connection[node]]  # noqa: UP045 - built at run time
    return strawberry.field(resolver=_takes_filter(resolve, filter_input))


def empty_connection_field(node: Any) -> Any:
    """A connection field that is always empty (vf-graphql declares it; vfgraph has nothing to list)."""

    async def resolve(
        root: Node,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Any:
        window = page_window(info, first, after, last, before)
        return to_connection(Slice([], has_previous=False, has_next=False), window, lambda r: r)

    resolve.__annotations__["return"] = Optional[Connection[node]]  # noqa: UP045 - built at run time
    return strawberry.field(resolver=resolve)


def list_field(
    relation: str,
    node: Any,
    make: Callable[[Record], Any],
    filter: Filter | None = None,
    filter_input: type | None = None,
) -> Any:
    """A field listing, without pagination, the records that point at the parent along ``relation``."""

    async def resolve(root: Node, info: Info, filter: Any = None) -> Any:
        where = where_of(filter_spec, filter)
        return [make(r) for r in await load_related_list(info, relation, root.rec.id, where)]

    filter_spec = filter
    resolve.__annotations__["return"] = Optional[list[node]]  # noqa: UP045 - built at run time
    return strawberry.field(resolver=_takes_filter(resolve, filter_input))


async def nothing_points_at(info: Info, record_id: str, *relations: str) -> bool:
    """True when no record points at ``record_id`` along any of ``relations`` (what ``deletable`` asks)."""
    one = Window(limit=1)
    for relation in relations:
        if (await load_related(info, relation, record_id, one)).items:
            return False
    return True


def record_field(label: str, node: Any, make: Callable[[Record], Any], *, required: bool = False) -> Any:
    """A root field ``<kind>(id: ID!)``: the record of ``label`` with that id, or null when there is none (or
    the caller may not see it); a ``required`` field raises NOT_FOUND instead."""

    async def resolve(info: Info, id: strawberry.ID) -> Any:
        r = await load_one(info, label, id)
        if r is None and required:
            raise NotFound(f"no {label} with id {id} to read", id=str(id))
        return make(r) if r else None

    resolve.__annotations__["return"] = node if required else Optional[node]  # noqa: UP045 - built at run time
    return strawberry.field(resolver=resolve)


def page_field(
    label: str,
    node: Any,
    make: Callable[[Record], Any],
    filter: Filter | None = None,
    filter_input: type | None = None,
) -> Any:
    """A root field ``<kinds>(first, after, last, before[, filter])``: a page of every record of ``label``
    (that the filter selects), in id order."""

    async def resolve(
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: Any = None,
    ) -> Any:
        where = where_of(filter_spec, filter)
        return await kind_connection(info, label, make, first, after, last, before, where)

    filter_spec = filter
    resolve.__annotations__["return"] = Connection[node]
    return strawberry.field(resolver=_takes_filter(resolve, filter_input))
