"""Export: the whole graph, a set of records, or what a trace or track from one record reaches, as RDF.

Records are read a page at a time (``batch`` records of one kind per read, keyset-paged on ``id``), turned
into triples by :func:`vfgraph.ld.records.add_stored` and serialised batch by batch
(:mod:`vfgraph.ld.writers`), so memory stays that of one page whatever the size of the graph. Each page is
its own read transaction: an export taken while others write is consistent per page, not as a whole.

External references (``:External`` nodes, docs/graph-model.md) are written as the plain IRIs they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from rdflib import Graph

from vfgraph.domain.kinds import Kind
from vfgraph.errors import InvalidInput, NotFound
from vfgraph.ld.formats import Format
from vfgraph.ld.pending import add_pending
from vfgraph.ld.records import add_stored
from vfgraph.ld.writers import serialise
from vfgraph.services.ledger import Ledger
from vfgraph.store import ld as store_ld
from vfgraph.store import pending as store_pending

Progress = Callable[[int], None]
DIRECTIONS = ("upstream", "downstream")


def _graph(records: Iterable[store_ld.StoredRecord]) -> Graph:
    g = Graph()
    for record in records:
        add_stored(g, record)
    return g


def all_batches(ledger: Ledger, batch: int = 1000, progress: Progress | None = None) -> Iterator[Graph]:
    """Every record, kind by kind, ``batch`` records per graph."""
    for kind in Kind:
        after = ""
        while True:
            page = store_ld.page_of_kind(ledger.store, kind, after, batch)
            if not page:
                break
            yield _graph(page)
            if progress is not None:
                progress(len(page))
            after = page[-1].id
            if len(page) < batch:
                break


def batches_of(
    ledger: Ledger, iris: Iterable[str], batch: int = 1000, progress: Progress | None = None
) -> Iterator[Graph]:
    """The records among ``iris`` (unknown IRIs are left out), ``batch`` per graph."""
    wanted = sorted(set(iris))
    for start in range(0, len(wanted), batch):
        chunk = wanted[start : start + batch]
        yield _graph(store_ld.records_by_ids(ledger.store, chunk))
        if progress is not None:
            progress(len(chunk))


_FLOWS = frozenset({Kind.ECONOMIC_EVENT, Kind.ECONOMIC_RESOURCE, Kind.PROCESS})


def reachable(ledger: Ledger, root: str, direction: str) -> set[str]:
    """What a trace (upstream) or track (downstream) from ``root`` reaches, ``root`` included, with the
    records they refer to that are not flows themselves (agents, units, specifications, roles), so that the
    export stands on its own and conforms to the shapes."""
    if direction not in DIRECTIONS:
        raise InvalidInput(f"direction is upstream or downstream, not {direction!r}")
    if not store_ld.records_by_ids(ledger.store, [root]):
        raise NotFound(f"no record with id {root}", id=root)
    from vfgraph.domain.trace import Direction
    from vfgraph.services.tracing import reachable as trace_reachable

    found = set(trace_reachable(ledger, root, Direction(direction.upper()))) | {root}
    frontier = store_ld.records_by_ids(ledger.store, found)
    while frontier:
        refs = {ref for record in frontier for ref in _references(record)} - found
        frontier = [r for r in store_ld.records_by_ids(ledger.store, refs) if r.kind not in _FLOWS]
        found |= {r.id for r in frontier}
    return found


def _references(record: store_ld.StoredRecord) -> set[str]:
    props = record.state["props"]
    units = {str(v) for k, v in props.items() if k.endswith("Unit") and isinstance(v, str)}
    return {r["id"] for r in record.state["rels"]} | units


def export(
    ledger: Ledger,
    fmt: Format,
    *,
    root: str | None = None,
    direction: str = "downstream",
    iris: Iterable[str] | None = None,
    batch: int = 1000,
    progress: Progress | None = None,
) -> Iterator[str]:
    """The text of the export, chunk by chunk: everything, the records ``iris``, or what ``root`` reaches.

    The records to export are settled before the first chunk, so that a bad root fails before any output.
    """
    if root is not None:
        iris = reachable(ledger, root, direction)
    batches = (
        all_batches(ledger, batch, progress) if iris is None else batches_of(ledger, iris, batch, progress)
    )
    return serialise(fmt, batches)


def describe(ledger: Ledger, iri: str, fmt: Format) -> str | None:
    """One record's description (its triples and its measures') in ``fmt``, or None if there is none;
    a pending event the caller may see is described as one (:mod:`vfgraph.ld.pending`)."""
    records = store_ld.records_by_ids(ledger.store, [iri])
    if records:
        return "".join(serialise(fmt, iter([_graph(records)])))
    asked = store_pending.by_ids(ledger.store, [iri]).get(iri)
    if asked is None:
        return None
    g = Graph()
    add_pending(g, asked)
    return "".join(serialise(fmt, iter([g])))


def total(ledger: Ledger) -> int:
    """The number of records a whole export writes (for a progress bar)."""
    return store_ld.count_records(ledger.store)
