"""The import spool: a file's triples parsed as a stream into a temporary SQLite file, read back by record.

An import must not hold a whole file's graph in memory (rdflib's memory store takes about 1 KiB a triple).
So the file is parsed once, as a stream, into a :class:`Spool` -- a SQLite database in a temporary file
(the standard library's ``sqlite3``; its page cache is bounded) -- and then read back one *chunk* of
records at a time, each chunk a small rdflib graph with the triples of up to ``size`` subjects and of the
blank nodes they own (measures). Nothing requires the file to be grouped by subject: the spool indexes
triples by subject, so records may be stated in pieces anywhere in the file.

- N-Triples is parsed line by line with rdflib's N-Triples parser and a sink; blank node labels are kept as
  they are (not remapped through a table), so the parser's memory does not grow with the file.
- Turtle goes through rdflib's Turtle parser with a store whose ``add`` writes to the spool: the parser
  holds the file's text (not its graph) in memory.
- JSON-LD and YAML-LD documents are one JSON value and are parsed whole (:mod:`vfgraph.ld.parse`), then
  spooled; they are meant for documents of ordinary size.

The spool also records each subject's record kind (from its ``rdf:type``), so that the importer can read
records one kind at a time and look up the kind of any IRI of the file without holding an index in memory.
Pre-1.0 ValueFlows terms are rewritten as they are spooled, and a triple stating a ValueFlows inverse
property (``process vf:hasInput event``) is spooled turned round, as the field vfgraph stores
(``event vf:inputOf process``; :func:`vfgraph.ld.terms.oriented`).
"""

from __future__ import annotations

import io
import logging
import pickle
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.parser import create_input_source
from rdflib.plugins.parsers.notation3 import TurtleParser
from rdflib.plugins.parsers.ntriples import W3CNTriplesParser, r_nodeid
from rdflib.store import Store
from rdflib.term import Node

from vfgraph.domain.kinds import Kind
from vfgraph.errors import InvalidInput
from vfgraph.ld import terms
from vfgraph.ld.formats import JSONLD, NTRIPLES, TURTLE, YAMLLD, Format
from vfgraph.ld.parse import parse
from vfgraph.ld.records import RELATIVE_BASE, Stated

_URI, _BNODE, _LITERAL = 0, 1, 2
_SCHEMA = """
CREATE TABLE triple (s TEXT NOT NULL, p TEXT NOT NULL, ot INTEGER NOT NULL, o TEXT NOT NULL,
                     dt TEXT, lang TEXT);
CREATE TABLE subject (s TEXT PRIMARY KEY, pos INTEGER NOT NULL, kind TEXT) WITHOUT ROWID;
CREATE TABLE owned (o TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE reached (s TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE stated (iri TEXT PRIMARY KEY, kind TEXT NOT NULL, data BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE flow (resource TEXT NOT NULL, slot TEXT NOT NULL, event TEXT NOT NULL, time TEXT, pos INTEGER,
                   new INTEGER NOT NULL, stated_previous INTEGER NOT NULL);
CREATE INDEX flow_resource ON flow (resource, time, pos);
CREATE INDEX stated_kind ON stated (kind, iri);
"""
_INDEX = "CREATE INDEX triple_s ON triple (s); CREATE INDEX subject_kind ON subject (kind, s);"
_ADD_TRIPLE = "INSERT INTO triple VALUES (?, ?, ?, ?, ?, ?)"
_ADD_SUBJECT = "INSERT OR IGNORE INTO subject VALUES (?, ?, NULL)"
_SET_KIND = "UPDATE subject SET kind = min(coalesce(kind, ?), ?) WHERE s = ?"
_ADD_OWNED = "INSERT OR IGNORE INTO owned VALUES (?)"
# Roots are the subjects no triple points at as a blank node: records, and stray nodes the reader reports.
_ROOTS = "SELECT s, kind, pos FROM subject WHERE s NOT IN (SELECT o FROM owned) ORDER BY kind NULLS LAST, s"
_KINDS_OF = "SELECT s, kind FROM subject WHERE kind IS NOT NULL AND s IN ({marks})"
_TRIPLES_OF = "SELECT s, p, ot, o, dt, lang FROM triple WHERE s IN ({marks}) ORDER BY rowid"
# Blank nodes that only blank nodes point at, round in a circle, belong to no root: reported, not lost.
_UNREACHED = (
    "SELECT s FROM subject WHERE s IN (SELECT o FROM owned) AND s NOT IN (SELECT s FROM reached) ORDER BY s"
)
_FLUSH_EVERY = 5000
_KIND_BY_VALUE = {k.value: k for k in Kind}


def _key(node: Node) -> str:
    return f"_:{node}" if isinstance(node, BNode) else str(node)


def _node(key: str) -> URIRef | BNode:
    return BNode(key[2:]) if key.startswith("_:") else URIRef(key)


class Spool:
    """The triples of one file in a temporary SQLite database (deleted on :meth:`close`)."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="vfgraph-import-")
        self._db = sqlite3.connect(Path(self._dir.name) / "spool.sqlite", isolation_level=None)
        self._db.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -32000;"
        )
        self._db.executescript(_SCHEMA)
        self._db.execute("BEGIN")
        self._pending: list[tuple[Any, ...]] = []
        self._subjects: list[tuple[str, int]] = []
        self._owned: list[tuple[str]] = []
        self._kinds: list[tuple[str, str, str]] = []
        self.added = 0
        self._last_subject = ""

    def add(self, s: Node, p: Node, o: Node) -> None:
        """Spool one triple (pre-1.0 ValueFlows terms rewritten, inverse properties turned round)."""
        s, p, o = terms.oriented(s, p, o)
        key = _key(s)
        if isinstance(o, Literal):
            row = (key, str(p), _LITERAL, str(o), None if o.datatype is None else str(o.datatype), o.language)
        elif isinstance(o, BNode):
            row = (key, str(p), _BNODE, str(o), None, None)
            self._owned.append((f"_:{o}",))
        else:
            row = (key, str(p), _URI, str(o), None, None)
            if p == RDF.type and o in terms.CLASS_KIND:
                kind = terms.CLASS_KIND[o].value  # type: ignore[index]
                self._kinds.append((kind, kind, key))
        self._pending.append(row)
        if key != self._last_subject:  # files mostly state a subject's triples together
            self._subjects.append((key, self.added))
            self._last_subject = key
        self.added += 1
        if len(self._pending) >= _FLUSH_EVERY:
            self._flush()

    def _flush(self) -> None:
        db = self._db
        db.executemany(_ADD_TRIPLE, self._pending)
        db.executemany(_ADD_SUBJECT, self._subjects)
        db.executemany(_ADD_OWNED, self._owned)
        db.executemany(_SET_KIND, self._kinds)
        for batch in (self._pending, self._subjects, self._owned, self._kinds):
            batch.clear()

    def seal(self) -> None:
        """End the writing: flush, index, commit."""
        self._flush()
        self._db.execute("COMMIT")
        self._db.executescript(_INDEX)

    def close(self) -> None:
        self._db.close()
        self._dir.cleanup()

    def count_roots(self) -> int:
        n: int = self._db.execute(f"SELECT count(*) FROM ({_ROOTS})").fetchone()[0]
        return n

    def roots(self, size: int) -> Iterator[list[tuple[str, int]]]:
        """The root subjects with their position in the file, ``size`` at a time: one kind per batch
        (kinds in name order), then the untyped ones."""
        batch: list[tuple[str, int]] = []
        kind_of_batch: str | None = None
        for s, kind, pos in self._db.execute(_ROOTS):
            if batch and (len(batch) >= size or kind != kind_of_batch):
                yield batch
                batch = []
            kind_of_batch = kind
            batch.append((s, pos))
        if batch:
            yield batch

    # The importer's working tables: the records read (for the passes after the first) and the flows of
    # events into resources (for reconciliation and breadcrumbs). Cleared by :meth:`restart`.

    def restart(self) -> None:
        """Forget what an earlier attempt kept (a transaction the driver retries starts again)."""
        self._db.execute("DELETE FROM stated")
        self._db.execute("DELETE FROM reached")
        self._db.execute("DELETE FROM flow")

    def keep(self, records: Iterable[Stated]) -> None:
        rows = [(r.iri, r.kind.value, pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL)) for r in records]
        self._db.executemany("INSERT OR REPLACE INTO stated VALUES (?, ?, ?)", rows)

    def kept(self, size: int, kind: Kind | None = None) -> Iterator[list[Stated]]:
        """The kept records (of ``kind``, or all), ``size`` at a time, in IRI order."""
        if kind is None:
            cursor = self._db.execute("SELECT data FROM stated ORDER BY kind, iri")
        else:
            cursor = self._db.execute("SELECT data FROM stated WHERE kind = ? ORDER BY iri", (kind.value,))
        while rows := cursor.fetchmany(size):
            yield [_unpickle(data) for (data,) in rows]

    def kept_by_ids(self, iris: Sequence[str]) -> list[Stated]:
        out: list[Stated] = []
        for chunk in _chunks(sorted(set(iris)), 500):
            sql = f"SELECT data FROM stated WHERE iri IN ({', '.join('?' * len(chunk))})"
            out.extend(_unpickle(data) for (data,) in self._db.execute(sql, chunk))
        return out

    def add_flows(self, rows: Iterable[tuple[str, str, str, str | None, int, bool, bool]]) -> None:
        """Rows of (resource, slot, event, time, position, new, states previousEvent)."""
        self._db.executemany("INSERT INTO flow VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def events_of(self, resources: Sequence[str]) -> list[str]:
        """The file's events into or out of any of ``resources``."""
        out: set[str] = set()
        for chunk in _chunks(sorted(set(resources)), 500):
            sql = f"SELECT event FROM flow WHERE resource IN ({', '.join('?' * len(chunk))})"
            out.update(e for (e,) in self._db.execute(sql, chunk))
        return sorted(out)

    def new_flows(self) -> Iterator[tuple[str, list[tuple[str, str, bool]]]]:
        """Per resource, the events this import adds to it as (slot, event, states previousEvent), in order
        of time (events without a time last), then of position in the file."""
        cursor = self._db.execute(
            "SELECT resource, slot, event, stated_previous FROM flow WHERE new = 1"
            " ORDER BY resource, time NULLS LAST, pos, event"
        )
        current: str | None = None
        events: list[tuple[str, str, bool]] = []
        for resource, slot, event, stated in cursor:
            if resource != current and current is not None:
                yield current, events
                events = []
            current = resource
            events.append((slot, event, bool(stated)))
        if current is not None:
            yield current, events

    def kinds_of(self, iris: Iterable[str]) -> dict[str, Kind]:
        """The record kind the file gives each of ``iris`` that it types (others are absent)."""
        out: dict[str, Kind] = {}
        for chunk in _chunks(sorted(set(iris)), 500):
            sql = _KINDS_OF.format(marks=", ".join("?" * len(chunk)))
            for s, kind in self._db.execute(sql, chunk):
                out[s] = _KIND_BY_VALUE[kind]
        return out

    def graph_of(self, subjects: Sequence[str]) -> Graph:
        """The triples of ``subjects`` and of the blank nodes they reach, as a graph."""
        g = Graph()
        seen = set(subjects)
        todo = list(subjects)
        while todo:
            found: list[str] = []
            for chunk in _chunks(todo, 500):
                sql = _TRIPLES_OF.format(marks=", ".join("?" * len(chunk)))
                for s, p, ot, o, dt, lang in self._db.execute(sql, chunk):
                    if ot == _LITERAL:
                        obj: Node = Literal(o, datatype=None if dt is None else URIRef(dt), lang=lang)
                    elif ot == _BNODE:
                        obj = BNode(o)
                        key = f"_:{o}"
                        if key not in seen:
                            seen.add(key)
                            found.append(key)
                    else:
                        obj = URIRef(o)
                    g.add((_node(s), URIRef(p), obj))
            if found:
                self._db.executemany("INSERT OR IGNORE INTO reached VALUES (?)", [(k,) for k in found])
            todo = found
        return g

    def unreached(self) -> list[str]:
        """The blank nodes with triples that no chunk read so far reached (after the last chunk: those no
        record owns, which only point at each other)."""
        return [s for (s,) in self._db.execute(_UNREACHED)]


def _unpickle(data: bytes) -> Stated:
    # The spool is a private temporary file this process wrote; nothing else feeds it.
    record: Stated = pickle.loads(data)
    return record


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Sink:
    """What rdflib's N-Triples parser calls for each triple."""

    def __init__(self, spool: Spool) -> None:
        self.spool = spool

    def triple(self, s: Node, p: Node, o: Node) -> None:
        self.spool.add(s, p, o)


class _LabelKeepingParser(W3CNTriplesParser):
    """N-Triples without the label-to-node table: ``_:b1`` is ``BNode('b1')`` (a file is one scope)."""

    def nodeid(self, bnode_context: Any = None) -> Any:
        if self.peek("_"):
            return BNode(self.eat(r_nodeid).group(1))
        return False


class _SpoolStore(Store):
    """An rdflib store that only forwards added triples to a spool (for rdflib's Turtle parser)."""

    def __init__(self, spool: Spool) -> None:
        super().__init__()
        self.spool = spool

    def add(self, triple: Any, context: Any, quoted: bool = False) -> None:
        s, p, o = triple
        self.spool.add(s, p, o)

    def bind(self, prefix: str, namespace: Any, override: bool = True) -> None:
        pass


def spool(data: bytes | str | IO[bytes], fmt: Format) -> Spool:
    """Parse ``data`` in ``fmt`` into a new spool; malformed input raises :class:`InvalidInput`."""
    out = Spool()
    quiet = logging.getLogger("rdflib.term")  # rdflib logs every ill-typed literal; the reader reports them
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        if fmt in (JSONLD, YAMLLD):
            text = data.read() if hasattr(data, "read") else data
            for s, p, o in parse(text, fmt):
                out.add(s, p, o)
        elif fmt is NTRIPLES:
            stream = _text(data)
            _LabelKeepingParser(_Sink(out)).parse(stream)  # type: ignore[arg-type]
        elif fmt is TURTLE:
            source = create_input_source(source=_text(data), publicID=RELATIVE_BASE)  # type: ignore[arg-type]
            turtle = TurtleParser()  # type: ignore[no-untyped-call]
            turtle.parse(source, Graph(store=_SpoolStore(out)))
        else:  # pragma: no cover - formats.by_* return only the formats above
            raise InvalidInput(f"cannot import {fmt.name}")
        out.seal()
    except InvalidInput:
        out.close()
        raise
    except Exception as e:  # rdflib raises many unrelated types for syntax errors
        out.close()
        raise InvalidInput(f"not valid {fmt.name}: {e}") from None
    finally:
        quiet.setLevel(level)
    return out


def _text(data: bytes | str | IO[bytes]) -> IO[str]:
    if isinstance(data, str):
        return io.StringIO(data)
    if isinstance(data, bytes):
        return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    return io.TextIOWrapper(data, encoding="utf-8")
