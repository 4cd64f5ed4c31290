"""SHACL validation of RDF views: the one module that wraps a SHACL engine.

:class:`ShapesValidator` parses the shapes folder once, compiles it once for its engine, and then runs
the compiled shapes over each (small) data graph: no inference, no SHACL-AF, the data left unchanged. The
engine's report is turned into plain, typed :class:`Violation` values before it leaves this module, the
same values whichever engine made them.

Two engines (``VFGRAPH_SHACL_ENGINE``):

- ``turbo`` (the default): pyshacl-turbo, a SHACL engine written in Rust with pySHACL's API. It is
  8-30x faster per write view than pyshacl and releases the GIL while it validates, so concurrent
  writers validate on both cores; its compiled program is immutable, and Rust's type rules make it safe
  to share between threads (no lock). vfgraph hands it the view as term records and reads its report
  records back without building rdflib graphs on either side (the public ``CompiledShapes.validate``
  builds both, which is most of its time on a one-event view). That is the engine's internal layer
  (``CompiledShapes._native``), so the version is pinned exactly in pyproject.toml and
  ``tests/unit/test_shacl_parity.py`` fails loudly if it changes.
- ``pyshacl``: the reference engine, kept for the parity test and as a fallback. pyshacl's shape objects
  are not documented as thread-safe: it validates one graph at a time (a lock).

Known divergence: pyshacl stops with a ``SPARQLTypeError`` on a value bucket whose ``vfg:share`` is not a
number (its SPARQL sum of the shares cannot add a string), where the Rust engine reports the datatype
violation. Such a view never reaches the engine from the API (the share is parsed as a decimal first);
an import can carry one, and the reference engine then raises instead of reporting.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final, Protocol

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from vfgraph.errors import Violation
from vfgraph.settings import SHACL_ENGINES
from vfgraph.vocab.files import shapes_dir

_log = logging.getLogger(__name__)

DEFAULT_ENGINE: Final = SHACL_ENGINES[0]

# A report as an index: subject -> predicate -> objects (in the order the engine gave them).
Report = Mapping[Node, Mapping[Node, list[Node]]]


class ShapesValidatorError(RuntimeError):
    """The shapes could not be loaded, or the engine is unknown."""


class _Engine(Protocol):
    def report(self, data: Graph) -> Report: ...


class ShapesValidator:
    """Validates RDF views against the SHACL shapes in a folder (by default ``shapes/``) with ``engine``
    (``turbo`` or ``pyshacl``, see the module docstring). Safe to call from several threads at once."""

    def __init__(
        self, shapes_path: Path | None = None, engine: str = DEFAULT_ENGINE, *, shapes: Graph | None = None
    ) -> None:
        if shapes is None:
            shapes = _parse_shapes(shapes_dir() if shapes_path is None else shapes_path)
        self._shapes_graph = shapes
        self._engine_name = engine
        self._engine: _Engine
        if engine == "turbo":
            self._engine = _Turbo(shapes)
        elif engine == "pyshacl":
            self._engine = _Pyshacl(shapes)
        else:
            raise ShapesValidatorError(f"unknown SHACL engine {engine!r} (known: {', '.join(SHACL_ENGINES)})")

    @property
    def engine(self) -> str:
        return self._engine_name

    def using(self, engine: str) -> ShapesValidator:
        """A validator of the same parsed shapes with another engine (so that both name an anonymous
        shape by the same blank node)."""
        return ShapesValidator(engine=engine, shapes=self._shapes_graph)

    @property
    def shapes_graph(self) -> Graph:
        """The parsed shapes (read-only by convention)."""
        return self._shapes_graph

    def validate(self, data: Graph) -> list[Violation]:
        """All violations of the shapes in ``data``, sorted; an empty list when it conforms.

        ``data`` is not modified.
        """
        return violations(self._engine.report(data))


def _parse_shapes(source: Path) -> Graph:
    if source.is_dir():
        files = sorted(source.glob("*.ttl"))
    elif source.is_file():
        files = [source]
    else:
        files = []
    if not files:
        raise ShapesValidatorError(f"no SHACL shapes (*.ttl) found at {source}")
    graph = Graph()
    for file in files:
        graph.parse(file, format="turtle")
    return graph


# --- pyshacl-turbo --------------------------------------------------------------------------------

# Kinds of the engine's term records: (kind, lexical form or IRI or blank label, datatype, language).
_IRI, _BLANK, _LITERAL = 0, 1, 2
_Record = tuple[int, str, str | None, str | None]


class _Turbo:
    def __init__(self, shapes: Graph) -> None:
        import pyshacl_turbo

        # compile_shapes keeps the shapes' blank nodes under their rdflib labels, so a report names an
        # anonymous shape as the reference engine does.
        self._program: Any = pyshacl_turbo.compile_shapes(shapes)._native  # type: ignore[no-untyped-call]

    def report(self, data: Graph) -> Report:
        records, quads = _term_records(data)
        _conforms, (report_records, report_quads), _text, _expanded, _warnings = self._program.validate(
            (records, quads),
            "terms",
            None,  # base IRI
            False,  # iterate rules
            100,  # most rule iterations
            15,  # deepest validation (nested shapes)
            False,  # in place
            False,  # report infos
            False,  # report warnings
            False,  # stop at the first violation
            [],  # focus nodes: all
            [],  # shapes: all (shapes without targets find no focus nodes)
            [],  # namespace prefixes of the data
        )
        terms = [_term(record) for record in report_records]
        return _index((terms[s], terms[p], terms[o]) for s, p, o, _graph in report_quads)


def _term_records(data: Graph) -> tuple[list[_Record], list[tuple[int, int, int, None]]]:
    records: list[_Record] = []
    index: dict[Node, int] = {}

    def intern(term: Node) -> int:
        found = index.get(term)
        if found is not None:
            return found
        record: _Record
        if isinstance(term, URIRef):
            record = (_IRI, str(term), None, None)
        elif isinstance(term, BNode):
            record = (_BLANK, str(term), None, None)
        elif isinstance(term, Literal):
            datatype = str(term.datatype) if term.datatype is not None and not term.language else None
            record = (_LITERAL, str(term), datatype, term.language)
        else:  # pragma: no cover - rdflib graphs hold only these
            raise TypeError(f"not an RDF term: {term!r}")
        index[term] = len(records)
        records.append(record)
        return index[term]

    quads = [(intern(s), intern(p), intern(o), None) for s, p, o in data]
    return records, quads


def _term(record: _Record) -> Node:
    kind, value, datatype, language = record
    if kind == _IRI:
        return URIRef(value)
    if kind == _BLANK:
        return BNode(value)
    if language:
        return Literal(value, lang=language)
    return Literal(value, datatype=None if datatype is None else URIRef(datatype))


# --- pyshacl (the reference) ----------------------------------------------------------------------


class _Pyshacl:
    def __init__(self, shapes: Graph) -> None:
        from pyshacl import Validator
        from pyshacl.graph_abstraction import DataGraph
        from pyshacl.shapes_graph import ShapesGraph

        compiled = ShapesGraph(shapes, logger=_log)
        _ = compiled.shapes  # compile every shape now rather than on the first write

        class Reusing(Validator):
            """pyshacl's Validator, given the compiled ShapesGraph instead of building one."""

            def __init__(self, data: Graph) -> None:
                super().__init__(DataGraph.from_rdflib(data), shacl_graph=shapes, options=dict(options))
                self.shacl_graph = compiled

        options: dict[str, Any] = {
            "inference": "none",
            "advanced": False,
            "inplace": True,
            "abort_on_first": False,
            "allow_infos": False,
            "allow_warnings": False,
            "logger": _log,
            # Only the shapes with targets are run from the top: pyshacl would otherwise look for
            # focus nodes of every property shape as well, which have none.
            "use_shapes": _targeted_shapes(shapes),
        }
        self._validator = Reusing
        self._lock = threading.Lock()

    def report(self, data: Graph) -> Report:
        with self._lock:
            _conforms, report, _text = self._validator(data).run()  # type: ignore[no-untyped-call]
        if not isinstance(report, Graph):  # pragma: no cover - pyshacl contract
            raise TypeError(f"pyshacl returned a {type(report).__name__} report")
        return _index(report)


def _targeted_shapes(shapes: Graph) -> list[str] | None:
    targeted: set[Node] = set()
    for predicate in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target):
        targeted.update(shapes.subjects(predicate, None))
    if any(not isinstance(shape, URIRef) for shape in targeted):
        return None  # pyshacl selects shapes by IRI only: run them all
    return sorted(str(shape) for shape in targeted)


# --- the report, whichever engine made it ---------------------------------------------------------


def _index(triples: Iterable[tuple[Node, Node, Node]]) -> Report:
    out: dict[Node, dict[Node, list[Node]]] = {}
    for s, p, o in triples:
        out.setdefault(s, {}).setdefault(p, []).append(o)
    return out


def violations(report: Report) -> list[Violation]:
    """The validation results of a report, as :class:`Violation` values, sorted."""
    found = [_violation(report, r) for described in report.values() for r in described.get(SH.result, ())]
    return sorted(found, key=lambda v: (v.focus_node, v.path or "", v.shape, v.message))


def _value(report: Report, subject: Node, predicate: Node) -> Node | None:
    values = report.get(subject, {}).get(predicate)
    return values[0] if values else None


def _violation(report: Report, result: Node) -> Violation:
    path = _value(report, result, SH.resultPath)
    severity = _value(report, result, SH.resultSeverity)
    messages = sorted(str(m) for m in report.get(result, {}).get(SH.resultMessage, ()))
    return Violation(
        focus_node=_node_text(_value(report, result, SH.focusNode)),
        path=None if path is None else _path_text(report, path),
        message="; ".join(messages) if messages else "SHACL constraint violated",
        shape=_node_text(_value(report, result, SH.sourceShape)),
        severity=_local_name(severity) if isinstance(severity, URIRef) else "Violation",
    )


def _node_text(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, BNode):
        return node.n3()
    return str(node)


def _local_name(iri: URIRef) -> str:
    text = str(iri)
    return text[max(text.rfind("#"), text.rfind("/")) + 1 :]


def _members(report: Report, head: Node) -> Iterator[Node]:
    while head != RDF.nil:
        first = _value(report, head, RDF.first)
        if first is None:
            return
        yield first
        rest = _value(report, head, RDF.rest)
        if rest is None:
            return
        head = rest


_PATH_FORMS: Final = (
    (SH.inversePath, "^{}"),
    (SH.zeroOrMorePath, "({})*"),
    (SH.oneOrMorePath, "({})+"),
    (SH.zeroOrOnePath, "({})?"),
)


def _path_text(report: Report, path: Node) -> str:
    """A SHACL path as text: an IRI, or a SPARQL-like form for sequences and the like."""
    if isinstance(path, URIRef):
        return str(path)
    if _value(report, path, RDF.first) is not None:
        return "/".join(_path_text(report, p) for p in _members(report, path))
    for predicate, template in _PATH_FORMS:
        inner = _value(report, path, predicate)
        if inner is not None:
            return template.format(_path_text(report, inner))
    alternatives = _value(report, path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path_text(report, p) for p in _members(report, alternatives)) + ")"
    return _node_text(path)
