"""SHACL validation of RDF views, the one place where vfgraph touches pyshacl.

:class:`ShapesValidator` parses the shapes folder once and compiles it once into pyshacl's
``ShapesGraph``; each :meth:`ShapesValidator.validate` call then only runs the compiled shapes
over the (small) data graph, in place: no inference, no SHACL-AF, no copy of the data. pyshacl's
report is turned into plain, typed :class:`Violation` values before it leaves this module.

vfgraph reads pyshacl's report *graph*, never its text report. pyshacl writes a text description of every
result it makes, including the many results of the alternatives an ``sh:or`` tries and throws away (every
"required property" rule tries ``vfsh:OnlyTyped``, a closed shape, on every record); turning nodes into
text was about a third of validation time. So this module replaces pyshacl's description method with one
that returns an empty text (:func:`_no_description`): the report graph, its messages and the conformance
are unchanged.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from pyshacl import Validator
from pyshacl.constraints.constraint_component import ConstraintComponent
from pyshacl.graph_abstraction import DataGraph
from pyshacl.shapes_graph import ShapesGraph
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from vfgraph.errors import Violation
from vfgraph.vocab.files import shapes_dir

_log = logging.getLogger(__name__)


class ShapesValidatorError(RuntimeError):
    """The shapes could not be loaded."""


def _no_description(self: ConstraintComponent, *args: Any, **kwargs: Any) -> str:
    return ""


# pyshacl's text report is never read (see the module docstring).
ConstraintComponent.make_v_result_description = _no_description  # type: ignore[method-assign]


class _ReusingValidator(Validator):
    """pyshacl's Validator, given an already compiled ShapesGraph instead of building one."""

    def __init__(self, data: DataGraph, shapes: ShapesGraph, options: dict[str, Any]) -> None:
        super().__init__(data, shacl_graph=shapes.graph, options=options)
        self.shacl_graph = shapes


class ShapesValidator:
    """Validates RDF views against the SHACL shapes in a folder (by default ``shapes/``)."""

    def __init__(self, shapes_path: Path | None = None) -> None:
        source = shapes_dir() if shapes_path is None else shapes_path
        self._shapes_graph = _parse_shapes(source)
        self._compiled = ShapesGraph(self._shapes_graph, logger=_log)
        _ = self._compiled.shapes  # compile every shape now rather than on the first write
        targeted = _targeted_shapes(self._shapes_graph)
        # pyshacl shape objects are not documented as thread-safe: validate one graph at a time.
        self._lock = threading.Lock()
        self._options: dict[str, Any] = {
            "inference": "none",
            "advanced": False,
            "inplace": True,
            "abort_on_first": False,
            "allow_infos": False,
            "allow_warnings": False,
            "logger": _log,
            # Only the shapes with targets are run from the top: pyshacl would otherwise look for
            # focus nodes of every property shape as well, which have none.
            "use_shapes": targeted,
        }

    @property
    def shapes_graph(self) -> Graph:
        """The parsed shapes (read-only by convention)."""
        return self._shapes_graph

    def validate(self, data: Graph) -> list[Violation]:
        """All violations of the shapes in ``data``, sorted; an empty list when it conforms.

        ``data`` is not modified.
        """
        with self._lock:
            validator = _ReusingValidator(DataGraph.from_rdflib(data), self._compiled, dict(self._options))
            _conforms, report, _text = validator.run()  # type: ignore[no-untyped-call]
        if not isinstance(report, Graph):  # pragma: no cover - pyshacl contract
            raise TypeError(f"pyshacl returned a {type(report).__name__} report")
        return _violations(report)


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


def _targeted_shapes(shapes: Graph) -> list[str] | None:
    targeted: set[Node] = set()
    for predicate in (
        SH.targetClass,
        SH.targetNode,
        SH.targetSubjectsOf,
        SH.targetObjectsOf,
        SH.target,
    ):
        targeted.update(shapes.subjects(predicate, None))
    if any(not isinstance(shape, URIRef) for shape in targeted):
        return None  # pyshacl selects shapes by IRI only: run them all
    return sorted(str(shape) for shape in targeted)


def _violations(report: Graph) -> list[Violation]:
    found = [_violation(report, result) for result in report.objects(None, SH.result)]
    return sorted(found, key=lambda v: (v.focus_node, v.path or "", v.shape, v.message))


def _violation(report: Graph, result: Node) -> Violation:
    focus = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    shape = report.value(result, SH.sourceShape)
    severity = report.value(result, SH.resultSeverity)
    messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
    return Violation(
        focus_node=_node_text(focus),
        path=None if path is None else _path_text(report, path),
        message="; ".join(messages) if messages else "SHACL constraint violated",
        shape=_node_text(shape),
        severity=_local_name(severity) if isinstance(severity, URIRef) else "Violation",
    )


def _node_text(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, BNode):
        return node.n3()
    if isinstance(node, (URIRef, Literal)):
        return str(node)
    return str(node)


def _local_name(iri: URIRef) -> str:
    text = str(iri)
    return text[max(text.rfind("#"), text.rfind("/")) + 1 :]


def _path_text(graph: Graph, path: Node) -> str:
    """A SHACL path as text: an IRI, or a SPARQL-like form for sequences and the like."""
    if isinstance(path, URIRef):
        return str(path)
    if (path, RDF.first, None) in graph:
        return "/".join(_path_text(graph, p) for p in Collection(graph, path))
    for predicate, template in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "({})*"),
        (SH.oneOrMorePath, "({})+"),
        (SH.zeroOrOnePath, "({})?"),
    ):
        inner = graph.value(path, predicate)
        if inner is not None:
            return template.format(_path_text(graph, inner))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path_text(graph, p) for p in Collection(graph, alternatives)) + ")"
    return _node_text(path)
