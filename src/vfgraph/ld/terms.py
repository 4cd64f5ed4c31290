"""The RDF terms of stored records, read from the fields table, and the JSON-LD context built from them.

Nothing here lists a field: every property comes from :data:`vfgraph.domain.fields.FIELDS` through
:func:`vfgraph.vocab.views.predicate`, so export, import and the write path's RDF views agree.

Pre-1.0 documents use the namespace ``http://w3id.org/valueflows/ont/vf#``; :func:`current` reads it as
``https://w3id.org/valueflows/ont/vf#``. ValueFlows 1.0 dropped agent relationships, which vfgraph keeps in
its own namespace; the pre-1.0 ``vf:`` names of those classes and properties are read as vfgraph's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from vfgraph.domain.fields import FIELDS, Field, FieldType
from vfgraph.domain.kinds import Kind
from vfgraph.vocab.namespaces import VF, VF_IRI, VFG, VFG_IRI
from vfgraph.vocab.views import class_of, predicate

OLD_VF_IRI = "http://w3id.org/valueflows/ont/vf#"

# Bookkeeping terms of vfgraph on every exported record; an import keeps vfg:createdAt and ignores the rest
# (the ledger keeps its own revision and update time).
BOOKKEEPING = frozenset({VFG.revisionId, VFG.createdAt, VFG.updatedAt})

# Fields whose values are xsd:anyURI literals rather than IRIs (as vocab/views.py writes them).
ANY_URI_FIELDS = frozenset({"image", "imageList"})


def current(term: Node) -> Node:
    """A term with the pre-1.0 ValueFlows namespace rewritten to the current one."""
    if isinstance(term, URIRef) and term.startswith(OLD_VF_IRI):
        return URIRef(VF_IRI + term[len(OLD_VF_IRI) :])
    if isinstance(term, Literal) and term.datatype is not None and term.datatype.startswith(OLD_VF_IRI):
        return Literal(str(term), datatype=URIRef(VF_IRI + term.datatype[len(OLD_VF_IRI) :]))
    return term


def rewrite_old_namespace(g: Graph) -> Graph:
    """``g`` with every pre-1.0 ValueFlows term rewritten (``g`` itself when it has none)."""
    if not any(
        isinstance(t, (URIRef, Literal)) and OLD_VF_IRI in (t if isinstance(t, URIRef) else t.datatype or "")
        for triple in g
        for t in triple
    ):
        return g
    out = Graph()
    for s, p, o in g:
        out.add((current(s), current(p), current(o)))
    return out


def _class_kinds() -> dict[URIRef, Kind]:
    kinds = {class_of(k): k for k in Kind}
    for k in Kind:
        kinds.setdefault(URIRef(VF_IRI + k.value), k)  # pre-1.0 vf:AgentRelationship and the like
    return kinds


CLASS_KIND: Mapping[URIRef, Kind] = MappingProxyType(_class_kinds())
"""The record kind of each class IRI an import accepts."""


def _fields_by_predicate() -> dict[Kind, dict[URIRef, Field]]:
    out: dict[Kind, dict[URIRef, Field]] = {}
    for kind, fields in FIELDS.items():
        table = out.setdefault(kind, {})
        for field in fields:
            table[predicate(kind, field)] = field
        for field in fields:  # pre-1.0 vf: names of terms vfgraph keeps in its own namespace
            table.setdefault(URIRef(VF_IRI + field.rdf), field)
    return out


FIELD_BY_PREDICATE: Mapping[Kind, Mapping[URIRef, Field]] = MappingProxyType(_fields_by_predicate())
"""The field each RDF property of a kind is stored as."""


# ValueFlows 1.0 states some links from either end: ``process vf:hasInput event`` is ``event vf:inputOf
# process`` (owl:inverseOf in the ontology). vfgraph stores the link on the one end its fields table names,
# so an import reads the inverse property as that field, the triple turned round (see :func:`oriented`).
_INVERSE_NAMES = {
    "hasInput": "inputOf",
    "hasOutput": "outputOf",
    "hasRecipeInput": "recipeInputOf",
    "hasRecipeOutput": "recipeOutputOf",
    "recipeStipulates": "recipeClauseOf",
    "recipeStipulatesReciprocal": "recipeReciprocalClauseOf",
    "planIncludes": "plannedWithin",
    "hasIndependentDemand": "independentDemandOf",
    "contains": "containedIn",
    "stipulates": "clauseOf",
    "stipulatesReciprocal": "reciprocalClauseOf",
    "realizes": "realizationOf",
    "realizesReciprocal": "reciprocalRealizationOf",
}


def _inverses() -> dict[URIRef, URIRef]:
    stored = {predicate(k, f) for k, fields in FIELDS.items() for f in fields}
    pairs = {URIRef(VF_IRI + a): URIRef(VF_IRI + b) for a, b in _INVERSE_NAMES.items()}
    # Only where the field exists and the inverse is not itself a field of some kind.
    return {a: b for a, b in pairs.items() if b in stored and a not in stored}


INVERSES: Mapping[URIRef, URIRef] = MappingProxyType(_inverses())
"""The ValueFlows properties an import reads as the inverse of a stored field (``vf:hasInput`` ->
``vf:inputOf``)."""


# ValueFlows measures are OM 2 measures (vf:hasNumericalValue and vf:hasUnit are sub-properties of OM 2's);
# some documents state a measure with the OM 2 properties themselves.
OM2_IRI = "http://www.ontology-of-units-of-measure.org/resource/om-2/"
MEASURE_ALIASES: Mapping[URIRef, URIRef] = MappingProxyType(
    {URIRef(OM2_IRI + "hasNumericalValue"): VF.hasNumericalValue, URIRef(OM2_IRI + "hasUnit"): VF.hasUnit}
)


def oriented(s: Node, p: Node, o: Node) -> tuple[Node, Node, Node]:
    """A triple as vfgraph stores it: pre-1.0 terms rewritten, OM 2's measure properties read as
    ValueFlows', and a triple stating an inverse property turned round."""
    s, p, o = current(s), current(p), current(o)
    p = MEASURE_ALIASES.get(p, p) if isinstance(p, URIRef) else p
    inverse = INVERSES.get(p) if isinstance(p, URIRef) else None
    if inverse is not None and not isinstance(o, Literal):
        return o, inverse, s
    return s, p, o


# ValueFlows 1.0 states some links directly: a flow fulfils a commitment, satisfies an intent or settles a
# claim (``event vf:fulfills commitment``), and a proposal publishes its intents and the reciprocal ones and
# is proposed to agents (``proposal vf:publishes intent``). vf-graphql, and vfgraph, keep each such link as a
# record of its own (a Fulfillment, Satisfaction or Settlement, which can carry a quantity; a ProposedIntent
# or a ProposedTo). An import reads the direct statement as that record, with an IRI made from the two ends
# (:func:`expanded`). Per ValueFlows property: the record's kind, its field naming the subject, its field
# naming the object, and the values the record gets besides.
_DIRECT_LINKS: dict[str, tuple[Kind, str, str, tuple[tuple[str, Any], ...]]] = {
    "fulfills": (Kind.FULFILLMENT, "fulfilledBy", "fulfills", ()),
    "satisfies": (Kind.SATISFACTION, "satisfiedBy", "satisfies", ()),
    "settles": (Kind.SETTLEMENT, "settledBy", "settles", ()),
    "publishes": (Kind.PROPOSED_INTENT, "publishedIn", "publishes", ()),
    "reciprocal": (Kind.PROPOSED_INTENT, "publishedIn", "publishes", (("reciprocal", True),)),
    "proposedTo": (Kind.PROPOSED_TO, "proposed", "proposedTo", ()),
}


@dataclass(frozen=True, slots=True)
class DirectLink:
    """How one directly stated link is read: a ``kind`` record whose field ``by`` names the subject, whose
    field ``what`` names the object, with ``fixed`` values besides; ``name`` goes into its IRI."""

    kind: Kind
    by: Field
    what: Field
    name: str
    fixed: tuple[tuple[Field, Any], ...] = ()


def _flow_links() -> dict[URIRef, DirectLink]:
    out: dict[URIRef, DirectLink] = {}
    for name, (kind, by, what, fixed) in _DIRECT_LINKS.items():
        fields = {f.name: f for f in FIELDS.get(kind, ())}
        link = DirectLink(kind, fields[by], fields[what], name, tuple((fields[f], v) for f, v in fixed))
        # ValueFlows' term, and vfgraph's of the same name (what vfgraph's JSON-LD context calls "fulfills").
        for term in (URIRef(VF_IRI + name), URIRef(VFG_IRI + name)):
            out[term] = link
    return out


FLOW_LINKS: Mapping[URIRef, DirectLink] = MappingProxyType(_flow_links())
"""The ValueFlows properties an import reads as a record of their own."""


def link_record_iri(flow: str, name: str, target: str) -> str:
    """The IRI of the record read from ``flow vf:<name> target``: the flow's IRI, a fragment naming the link
    and a digest of the target (the same statement always gives the same record)."""
    digest = hashlib.sha256(target.encode("utf-8")).hexdigest()[:16]
    return f"{flow}{'-' if '#' in flow else '#'}{name}-{digest}"


def expanded(g: Graph, s: Node, p: Node, o: Node) -> list[tuple[Node, Node, Node]]:
    """The triples vfgraph stores for a triple of ``g``: :func:`oriented`, and a directly stated link
    (``vf:fulfills``, ``vf:publishes`` ...) as the record of that link (unless ``s`` is such a record itself,
    stating a field of its own, or ``o`` is a literal)."""
    s, p, o = oriented(s, p, o)
    link = FLOW_LINKS.get(p) if isinstance(p, URIRef) else None
    if link is None or not isinstance(s, URIRef) or not isinstance(o, URIRef):
        return [(s, p, o)]
    kind = link.kind
    if (s, RDF.type, class_of(kind)) in g or (s, RDF.type, URIRef(VF_IRI + kind.value)) in g:
        return [(s, p, o)]
    node = URIRef(link_record_iri(str(s), link.name, str(o)))
    out: list[tuple[Node, Node, Node]] = [
        (node, RDF.type, class_of(kind)),
        (node, predicate(kind, link.by), s),
        (node, predicate(kind, link.what), o),
    ]
    out += [(node, predicate(kind, f), Literal(v)) for f, v in link.fixed]
    return out


def types_of(kind: Kind) -> tuple[URIRef, ...]:
    """The rdf:type values a record of ``kind`` is written with."""
    return (class_of(kind), VF.Agent) if kind.is_agent else (class_of(kind),)


def _compact(iri: str) -> str:
    for prefix, ns in (("vf", VF_IRI), ("vfg", VFG_IRI), ("xsd", str(XSD))):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def coercion(field: Field) -> str | None:
    """The JSON-LD ``@type`` of a field's values (None: plain strings, or nested measure objects)."""
    t = field.type
    if field.name == "action":
        return "@vocab"
    if t in (FieldType.URI, FieldType.URIS):
        return "xsd:anyURI" if field.name in ANY_URI_FIELDS else "@id"
    if t in (FieldType.REF, FieldType.REFS):
        return "@id"
    if t is FieldType.BOOLEAN:
        return "xsd:boolean"
    if t is FieldType.DATETIME:
        return "xsd:dateTime"
    if t is FieldType.DECIMAL:
        return "xsd:decimal"
    return None


def _context() -> dict[str, Any]:
    ctx: dict[str, Any] = {"@vocab": VF_IRI, "vf": VF_IRI, "vfg": VFG_IRI, "xsd": str(XSD)}
    for kind in Kind:
        ctx[kind.value] = _compact(class_of(kind))
    ctx["Agent"] = "vf:Agent"
    ctx["Measure"] = "vf:Measure"
    ctx["hasNumericalValue"] = {"@id": "vf:hasNumericalValue", "@type": "xsd:decimal"}
    ctx["hasUnit"] = {"@id": "vf:hasUnit", "@type": "@id"}
    for term in ("createdAt", "updatedAt"):
        ctx[term] = {"@id": f"vfg:{term}", "@type": "xsd:dateTime"}
    ctx["revisionId"] = "vfg:revisionId"
    for kind, fields in FIELDS.items():
        for field in fields:
            definition: dict[str, str] = {"@id": _compact(predicate(kind, field))}
            typ = coercion(field)
            if typ is not None:
                definition["@type"] = typ
            # The first kind to use a name defines the term (vf:note); a kind that writes the same name in
            # another namespace (vfg:note of agent relationships) is written with a compact IRI instead.
            ctx.setdefault(field.name, definition)
    return ctx


CONTEXT: Mapping[str, Any] = MappingProxyType(_context())
"""The JSON-LD context of vfgraph's JSON-LD output (served at ``/ld/context.jsonld``)."""


def context_document() -> dict[str, Any]:
    """The context as a JSON-LD document: ``{"@context": {...}}``."""
    return {"@context": dict(CONTEXT)}


def _expand(value: str) -> str:
    prefix, sep, rest = value.partition(":")
    if sep and prefix in CONTEXT and isinstance(CONTEXT[prefix], str) and not rest.startswith("//"):
        return str(CONTEXT[prefix]) + rest
    return value


def _terms() -> dict[URIRef, tuple[str, str | None]]:
    out: dict[URIRef, tuple[str, str | None]] = {}
    for term, definition in CONTEXT.items():
        if term.startswith("@") or term in ("vf", "vfg", "xsd"):
            continue
        if isinstance(definition, str):
            out.setdefault(URIRef(_expand(definition)), (term, None))
        else:
            typ = definition.get("@type")
            out.setdefault(URIRef(_expand(definition["@id"])), (term, typ))
    return out


TERM_OF: Mapping[URIRef, tuple[str, str | None]] = MappingProxyType(_terms())
"""For each IRI the context names: its term and the term's ``@type`` coercion (as written in the context)."""


def compact(iri: str) -> str:
    """An IRI as a JSON-LD key or type: its term when the context has one, else a compact IRI."""
    found = TERM_OF.get(URIRef(iri))
    return found[0] if found is not None else _compact(iri)


def expand_type(typ: str) -> str:
    """A coercion as written in the context (``xsd:decimal``) as a full IRI; keywords stay as they are."""
    return typ if typ.startswith("@") else _expand(typ)
