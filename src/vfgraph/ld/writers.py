"""Streaming RDF serialisers: a fixed header, then the triples of one batch of records at a time, then a
footer, so that a graph of any size is written in the memory of one batch.

Each batch is an rdflib graph whose IRI subjects are records and whose blank nodes are their measures
(owned by exactly one record). Turtle writes one block per record with its measures nested (``[ ... ]``);
JSON-LD writes a ``@graph`` array of one object per record, compacted with vfgraph's context, which the
document carries inline (so that it reads offline); N-Triples is rdflib's own, batch by batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Protocol

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD, NamespaceManager
from rdflib.term import Node

from vfgraph.ld import terms
from vfgraph.ld.formats import JSONLD, NTRIPLES, TURTLE, Format
from vfgraph.vocab.namespaces import VF_IRI, VFG_IRI

PREFIXES = (("vf", VF_IRI), ("vfg", VFG_IRI), ("xsd", str(XSD)), ("rdf", str(RDF)))


class Writer(Protocol):
    def header(self) -> str: ...
    def batch(self, g: Graph) -> str: ...
    def footer(self) -> str: ...


def _records(g: Graph) -> list[URIRef]:
    return sorted({s for s in g.subjects() if isinstance(s, URIRef)})


# Characters other than LF that Python's str.splitlines() (and so line-based N-Triples readers, rdflib's
# among them) take for line breaks. rdflib writes them raw inside literals; N-Triples lets any character be
# written as a \uXXXX escape, so they are escaped and every triple stays on its own line.
_LINE_BREAKS = str.maketrans({c: f"\\u{ord(c):04X}" for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


class NTriplesWriter:
    def header(self) -> str:
        return ""

    def batch(self, g: Graph) -> str:
        return g.serialize(format="nt").translate(_LINE_BREAKS)

    def footer(self) -> str:
        return ""


class TurtleWriter:
    def __init__(self) -> None:
        self._nm = NamespaceManager(Graph(), bind_namespaces="none")
        for prefix, ns in PREFIXES:
            self._nm.bind(prefix, ns)

    def header(self) -> str:
        return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES) + "\n"

    def _term(self, g: Graph, o: Node, depth: int) -> str:
        if isinstance(o, BNode) and depth < 3 and sum(1 for _ in g.subjects(None, o)) <= 1:
            inner = " ; ".join(self._pairs(g, o, depth + 1))
            return f"[ {inner} ]"
        return o.n3(self._nm)

    def _pairs(self, g: Graph, s: Node, depth: int) -> list[str]:
        out = []
        types = sorted(g.objects(s, RDF.type), key=str)
        if types:
            out.append("a " + ", ".join(t.n3(self._nm) for t in types))
        for p, o in sorted(g.predicate_objects(s)):
            if p != RDF.type:
                out.append(f"{p.n3(self._nm)} {self._term(g, o, depth)}")
        return out

    def batch(self, g: Graph) -> str:
        blocks = []
        for s in _records(g):
            pairs = self._pairs(g, s, 0)
            blocks.append(s.n3(self._nm) + " " + " ;\n    ".join(pairs) + " .\n")
        # Blank nodes that are no record's measure (none in vfgraph's own output) are written as they are.
        for b in sorted({b for b in g.subjects() if isinstance(b, BNode)}):
            if sum(1 for _ in g.subjects(None, b)) != 1:
                blocks.append(b.n3() + " " + " ;\n    ".join(self._pairs(g, b, 0)) + " .\n")
        return "\n".join(blocks) + ("\n" if blocks else "")

    def footer(self) -> str:
        return ""


def _json_value(g: Graph, o: Node, coercion: str | None) -> Any:
    if isinstance(o, BNode):
        return _json_object(g, o, with_id=False)
    if isinstance(o, URIRef):
        if coercion == "@id":
            return str(o)
        if coercion == "@vocab" and o.startswith(VF_IRI):
            return o[len(VF_IRI) :]
        return {"@id": str(o)}
    assert isinstance(o, Literal)
    datatype = None if o.datatype is None else str(o.datatype)
    if o.language is not None:
        return {"@value": str(o), "@language": o.language}
    if coercion is not None and not coercion.startswith("@") and terms.expand_type(coercion) == datatype:
        return str(o)
    if coercion is None and datatype in (None, str(XSD.string)):
        return str(o)
    return {"@value": str(o), "@type": terms.compact(datatype)} if datatype else {"@value": str(o)}


def _json_object(g: Graph, s: Node, with_id: bool = True) -> dict[str, Any]:
    obj: dict[str, Any] = {"@id": str(s)} if with_id else {}
    types = sorted(terms.compact(str(t)) for t in g.objects(s, RDF.type))
    if types:
        obj["@type"] = types[0] if len(types) == 1 else types
    for p, o in sorted(g.predicate_objects(s)):
        if p == RDF.type:
            continue
        term, coercion = terms.TERM_OF.get(URIRef(str(p)), (terms.compact(str(p)), None))
        obj.setdefault(term, []).append(_json_value(g, o, coercion))
    return {k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in obj.items()}


class JsonLdWriter:
    def __init__(self) -> None:
        self._first = True

    def header(self) -> str:
        return '{"@context": ' + json.dumps(dict(terms.CONTEXT)) + ',\n"@graph": [\n'

    def batch(self, g: Graph) -> str:
        out = []
        for s in _records(g):
            out.append(("" if self._first else ",\n") + json.dumps(_json_object(g, s), ensure_ascii=False))
            self._first = False
        return "".join(out)

    def footer(self) -> str:
        return "\n]}\n"


def writer(fmt: Format) -> Writer:
    if fmt is NTRIPLES:
        return NTriplesWriter()
    if fmt is TURTLE:
        return TurtleWriter()
    if fmt is JSONLD:
        return JsonLdWriter()
    raise ValueError(f"vfgraph does not write {fmt.name}")


def serialise(fmt: Format, batches: Iterator[Graph]) -> Iterator[str]:
    """The text of a document in ``fmt``, one chunk per batch."""
    w = writer(fmt)
    yield w.header()
    for g in batches:
        chunk = w.batch(g)
        if chunk:
            yield chunk
    yield w.footer()
