"""RDF views of writes: the small graph the SHACL shapes judge before anything is stored.

docs/rdf-view.md is the contract. A view holds the record as it will be once written, one typing triple
for every record it refers to (as the store knows it; an unknown IRI gets none, so ``sh:class`` reports
it), and for an event the triples of its action individual from the ontology.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from vfgraph.domain.fields import FIELDS, Field, FieldType
from vfgraph.domain.kinds import Kind
from vfgraph.domain.quantities import format_decimal
from vfgraph.vocab.namespaces import VF, VF_IRI, VFG, VFG_IRI


def class_of(kind: Kind) -> URIRef:
    if not kind.in_vf:
        return URIRef(VFG_IRI + kind.value)
    return URIRef(VF[kind.value])


def add_type(g: Graph, iri: str, labels: Iterable[str]) -> None:
    """Type a referenced record from its Neo4j labels (plus vf:Agent for every agent)."""
    node = URIRef(iri)
    for label in labels:
        if label == "Record":
            continue
        if label == "Agent":
            g.add((node, RDF.type, VF.Agent))
            continue
        try:
            g.add((node, RDF.type, class_of(Kind(label))))
        except ValueError:
            continue


def _literal(value: Any, datatype: URIRef | None = None) -> Literal:
    return Literal(value, datatype=datatype)


def add_record(g: Graph, kind: Kind, iri: str, values: Mapping[str, Any], rev: int = 1) -> URIRef:
    """Add a record's triples; ``values`` are keyed by field name, as the ledger normalised them.

    The record's revision marks it as the record being written (a referenced record carries only its
    type), so that the shapes' required-property rules apply to it even when it has no other field.
    """
    node = URIRef(iri)
    g.add((node, RDF.type, class_of(kind)))
    g.add((node, VFG.revisionId, Literal(f"{iri}@{rev}")))
    ns = VF_IRI if kind.in_vf else VFG_IRI
    if kind.is_agent:
        g.add((node, RDF.type, VF.Agent))
    for field in FIELDS[kind]:
        value = values.get(field.name)
        if value is None:
            continue
        pred = URIRef((VFG_IRI if field.vfgraph_term else ns) + field.rdf)
        t = field.type
        if field.name == "action":  # stored as the action's local name
            g.add((node, pred, URIRef(VF_IRI + str(value))))
        elif t is FieldType.STRING:
            g.add((node, pred, _literal(str(value))))
        elif t is FieldType.URI:
            g.add((node, pred, _uri_value(field.name, value)))
        elif t is FieldType.URIS:
            for v in value:
                g.add((node, pred, _uri_value(field.name, v)))
        elif t is FieldType.DECIMAL:
            text = format_decimal(value) if isinstance(value, Decimal) else str(value)
            g.add((node, pred, Literal(text, datatype=XSD.decimal)))
        elif t is FieldType.BOOLEAN:
            g.add((node, pred, _literal(bool(value), XSD.boolean)))
        elif t is FieldType.DATETIME:
            text = value.isoformat() if isinstance(value, datetime) else str(value)
            g.add((node, pred, Literal(text, datatype=XSD.dateTime)))
        elif t is FieldType.MEASURE:
            g.add((node, pred, add_measure(g, value)))
        elif t is FieldType.REF:
            g.add((node, pred, URIRef(str(value))))
        elif t is FieldType.REFS:
            for v in value:
                g.add((node, pred, URIRef(str(v))))
    return node


def _uri_value(name: str, value: Any) -> URIRef | Literal:
    # images are xsd:anyURI literals in ValueFlows; agreements and classifications are IRIs.
    if name in ("image", "imageList"):
        return Literal(str(value), datatype=XSD.anyURI)
    return URIRef(str(value))


def add_measure(g: Graph, measure: Mapping[str, Any]) -> BNode:
    m = BNode()
    g.add((m, RDF.type, VF.Measure))
    number = measure.get("hasNumericalValue")
    if number is not None:
        text = format_decimal(number) if isinstance(number, Decimal) else str(number)
        g.add((m, VF.hasNumericalValue, Literal(text, datatype=XSD.decimal)))
    unit = measure.get("hasUnit")
    if unit:
        g.add((m, VF.hasUnit, URIRef(str(unit))))
    return m


def add_action(g: Graph, action_triples: Iterable[tuple[Any, Any, Any]]) -> None:
    for triple in action_triples:
        g.add(triple)


def predicate(kind: Kind, field: Field) -> URIRef:
    """The RDF property a field of ``kind`` is written as (the one :func:`add_record` uses)."""
    if field.vfgraph_term or not kind.in_vf:
        return URIRef(VFG_IRI + field.rdf)
    return URIRef(VF_IRI + field.rdf)
