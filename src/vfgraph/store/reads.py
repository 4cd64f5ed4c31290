"""Typed reads: records by id, pages of a label, and batched reverse lookups.

Every function runs one statement from :mod:`vfgraph.store.cypher.read`, whatever the number of ids or
parents it is given, so that the API can batch a whole level of a query into one round trip.

Pages are windows over records in ``id`` order (IRIs are time-ordered within a kind): ``first`` records
after an id, or ``last`` records before one. A window reads one record more than it returns, to know whether
there is another page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from vfgraph.domain.filters import FILTERS, Test, Where
from vfgraph.domain.kinds import Kind
from vfgraph.errors import InvalidInput
from vfgraph.settings import Settings
from vfgraph.store.cypher import filters
from vfgraph.store.cypher import read as q
from vfgraph.store.driver import Row, Store

T = TypeVar("T")

AGENT = q.AGENT
_KIND_BY_LABEL = {k.value: k for k in Kind}


@dataclass(frozen=True, slots=True)
class Record:
    """One stored record: its kind, its properties, and the ids its outgoing relationships point to."""

    kind: Kind
    props: Mapping[str, Any]
    refs: Mapping[str, Sequence[str]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.props["id"])

    @property
    def revision_id(self) -> str:
        return f"{self.id}@{self.props.get('rev', 1)}"

    def get(self, name: str) -> Any:
        return self.props.get(name)

    def ref(self, name: str) -> str | None:
        """The id a to-one relationship points to, or None."""
        ids = self.refs.get(name) or ()
        return ids[0] if ids else None

    def ref_list(self, name: str) -> list[str]:
        return sorted(self.refs.get(name) or ())


@dataclass(frozen=True, slots=True)
class Window:
    """Which slice of an id-ordered list to read.

    ``limit`` records after ``after`` and before ``before`` (ids, exclusive), counted from the start, or from
    the end when ``backward``.
    """

    limit: int
    after: str | None = None
    before: str | None = None
    backward: bool = False

    @classmethod
    def from_args(
        cls,
        settings: Settings,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Window:
        """The window a Relay ``first/after/last/before`` asks for, clamped to ``settings.max_page_size``:
        a larger page (hREA clients ask ``last: 100000`` for "all") is the largest one, and its page info
        says there is more (docs/security.md)."""
        if first is not None and last is not None:
            raise InvalidInput("give either first or last, not both")
        size = first if first is not None else last
        if size is None:
            size = settings.default_page_size
        if size < 0:
            raise InvalidInput(f"a page size cannot be negative (got {size})")
        size = min(size, settings.max_page_size)
        return cls(limit=size, after=after, before=before, backward=last is not None)

    def params(self) -> dict[str, Any]:
        return {"after": self.after, "before": self.before, "limit": self.limit + 1}


@dataclass(frozen=True, slots=True)
class Slice(Generic[T]):
    """The items of a window, in id order, and whether there is more on either side."""

    items: list[T]
    has_previous: bool
    has_next: bool

    @classmethod
    def cut(cls, items: list[T], window: Window) -> Slice[T]:
        """Cut the ``limit + 1`` items read for ``window`` (read in the window's direction) to size."""
        more = len(items) > window.limit
        items = items[: window.limit]
        if window.backward:
            items.reverse()
            return cls(items, has_previous=more, has_next=window.before is not None)
        return cls(items, has_previous=window.after is not None, has_next=more)


def _record(row: Row) -> Record:
    kind = next(_KIND_BY_LABEL[label] for label in row["labels"] if label in _KIND_BY_LABEL)
    return Record(kind=kind, props=row["props"], refs=row["refs"])


def _label(label: Kind | str) -> str:
    value = label.value if isinstance(label, Kind) else label
    if value not in q.READ_LABELS:
        raise ValueError(f"not a label vfgraph reads: {value!r}")
    return value


def get_records(store: Store, label: Kind | str, ids: Iterable[str]) -> dict[str, Record]:
    """The records carrying ``label`` among ``ids``, by id (ids of other labels or unknown ids are absent)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = store.rows(q.GET_BY_IDS[_label(label)], {"ids": wanted})
    records = (_record(row) for row in rows)
    return {r.id: r for r in records}


def _criteria(where: Where, now: datetime | None = None) -> tuple[q.Criteria, dict[str, Any]]:
    """The statement key and the parameters of a filter's given criteria (store/cypher/filters.py)."""
    f = FILTERS[where.filter]
    key: list[tuple[str, bool]] = []
    params: dict[str, Any] = {}
    for name, value in where.given:
        c = f.criterion(name)
        named_flag = c.test is Test.NAMED and f"{f.name}.{name}" not in filters.NAMED_VALUES
        key.append((name, bool(value) if named_flag else True))
        if c.test is Test.TEXT:
            value = str(value).lower()
        elif isinstance(value, datetime):
            value = value.isoformat()
        elif c.is_list or c.test in (Test.ONE_OF, Test.REFERS, Test.SHARES):
            value = [str(v) for v in value] if isinstance(value, tuple | list) else [str(value)]
        params[f"f_{name}"] = value
    # The proposal criteria that read the time now (open, active) take it as a parameter.
    params["f_now"] = (now or datetime.now(UTC)).isoformat()
    return (f.name, tuple(key)), params


def list_page(
    store: Store, label: Kind | str, window: Window, where: Where | None = None, now: datetime | None = None
) -> Slice[Record]:
    """One page of the records of ``label`` (that ``where`` selects, at ``now`` for the criteria that read
    the time now)."""
    statements = q.PAGE_BACKWARD if window.backward else q.PAGE_FORWARD
    statement, params = statements[_label(label)], window.params()
    if where is not None:
        criteria, extra = _criteria(where, now)
        statement, params = q.filtered_page(_label(label), window.backward, criteria), {**params, **extra}
    rows = store.rows(statement, params)
    return Slice.cut([_record(row) for row in rows], window)


def reverse_ids(
    store: Store, relation: str, parents: Iterable[str], window: Window, where: Where | None = None
) -> dict[str, Slice[str]]:
    """For each parent, a window of the ids of the records pointing at it along ``relation`` (that
    ``where`` selects).

    ``relation`` names an entry of :data:`vfgraph.store.cypher.read.REVERSE` (``"Agent.economicEvents"``).
    """
    wanted = sorted(set(parents))
    statements = q.REVERSE_BACKWARD if window.backward else q.REVERSE_FORWARD
    statement, params = statements[relation], window.params()
    if where is not None:
        criteria, extra = _criteria(where)
        statement, params = q.filtered_reverse(relation, window.backward, criteria), {**params, **extra}
    found: dict[str, list[str]] = {}
    if wanted:
        for row in store.rows(statement, {"parents": wanted, **params}):
            # collect() keeps no order we can rely on; the window's direction is re-applied here.
            found[row["parent"]] = sorted(row["children"], reverse=window.backward)
    return {p: Slice.cut(found.get(p, []), window) for p in wanted}


def reverse_label(relation: str) -> str:
    """The label of the records a reverse relation leads to."""
    return q.REVERSE[relation].child


def ping(store: Store) -> bool:
    """True when Neo4j answers a trivial query."""
    rows = store.rows(q.PING)
    return bool(rows and rows[0].get("ok") == 1)
