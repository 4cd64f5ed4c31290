"""The documented normalisations of an import, as a function on graphs: what "the same graph" means.

Export after import gives back the ValueFlows statements of the file up to these normalisations
(:func:`canonical` applied to both sides, then rdflib's isomorphism check):

- the pre-1.0 namespace ``http://w3id.org/valueflows/ont/vf#`` is the current one;
- a measure's ``om2:hasNumericalValue`` and ``om2:hasUnit`` are ``vf:hasNumericalValue`` and ``vf:hasUnit``;
- a link stated with a ValueFlows inverse property is stated from the other end (``process vf:hasInput
  event`` -> ``event vf:inputOf process``, :data:`vfgraph.ld.terms.INVERSES`);
- a directly stated link (a flow's ``vf:fulfills``, a proposal's ``vf:publishes`` ...) is the Fulfillment,
  ProposedIntent ... record an import makes of it (:func:`vfgraph.ld.terms.expanded`);
- a ``vf:hasNumericalValue`` of any numeric type is an ``xsd:decimal`` without trailing zeros (5.0 -> 5);
- an ``xsd:dateTime`` is in UTC (``10:00:00+02:00`` -> ``08:00:00Z``);
- a measure is typed ``vf:Measure``, an agent ``vf:Agent`` as well as its own class;
- ``vf:image`` values are ``xsd:anyURI`` literals;
- vfgraph's bookkeeping (``vfg:revisionId``, ``vfg:createdAt``, ``vfg:updatedAt``) is left out, and so is
  the trace breadcrumb ``vfg:previousEvent``: an import keeps the links a file states and derives the
  others from the order of the events (docs/linked-data.md, "Breadcrumbs").
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from vfgraph.domain.quantities import format_decimal
from vfgraph.ld.terms import BOOKKEEPING, CLASS_KIND, expanded
from vfgraph.vocab.namespaces import VF, VFG

_IMAGES = frozenset({VF.image, VF.imageList})
_MEASURED = frozenset({VF.accountingQuantity, VF.onhandQuantity, VF.resourceQuantity, VF.effortQuantity})


def _object(p: Node, o: Node) -> Node:
    if p == VF.hasNumericalValue and isinstance(o, Literal):
        try:
            return Literal(format_decimal(Decimal(str(o))), datatype=XSD.decimal)
        except InvalidOperation:
            return o
    if isinstance(o, Literal) and o.datatype == XSD.dateTime:
        try:
            dt = datetime.fromisoformat(str(o).replace("Z", "+00:00"))
        except ValueError:
            return o
        dt = dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
        return Literal(dt.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)
    if p in _IMAGES and (isinstance(o, URIRef) or (isinstance(o, Literal) and o.datatype is None)):
        return Literal(str(o), datatype=XSD.anyURI)
    return o


def canonical(g: Graph) -> Graph:
    """``g`` normalised as an import stores it (see the module docstring)."""
    out = Graph()
    for triple in g:
        for s, p, o in expanded(g, *triple):
            if p in BOOKKEEPING or p == VFG.previousEvent:
                continue
            o = _object(p, o)
            out.add((s, p, o))
            if p in _MEASURED:
                out.add((o, RDF.type, VF.Measure))
            if p == RDF.type and isinstance(o, URIRef) and o in CLASS_KIND and CLASS_KIND[o].is_agent:
                out.add((s, RDF.type, VF.Agent))
    # Datetimes are compared by value: rdflib writes UTC as +00:00 when it re-serialises a Z.
    for s, p, o in list(out):
        if isinstance(o, Literal) and o.datatype == XSD.dateTime:
            out.remove((s, p, o))
            out.add((s, p, Literal(str(o).replace("+00:00", "Z"), datatype=XSD.dateTime, normalize=False)))
    return out
