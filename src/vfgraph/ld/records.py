"""Records and RDF, both ways, through the one fields table.

- :func:`add_stored` writes a stored record's triples with :func:`vfgraph.vocab.views.add_record`, the
  function that builds the write path's RDF views, so that exported RDF and validated RDF are the same.
- :func:`read_records` reads the records a file states: for each typed node, its kind from the class, its
  field values from the properties (checked by :func:`vfgraph.services.normalize.value_of`). Anything the
  fields table cannot hold is reported, never dropped: an unknown class or property, a literal where an IRI
  is due, a node no record owns ("nothing is lost on the way in").

Normalisations on the way in (docs/rdf-view.md, "Linked data"): the pre-1.0 namespace is read as the
current one (see :mod:`vfgraph.ld.terms`); a numerical value of any XSD numeric type is an exact decimal; a
date-time is stored in UTC; an untyped measure is a ``vf:Measure``; an image given as an IRI is an
``xsd:anyURI``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from vfgraph.domain.fields import Field, FieldType
from vfgraph.domain.kinds import Kind
from vfgraph.errors import InvalidInput, Violation
from vfgraph.ld.terms import (
    BOOKKEEPING,
    CLASS_KIND,
    FIELD_BY_PREDICATE,
    FLOW_LINKS,
    link_record_iri,
    types_of,
)
from vfgraph.services import normalize
from vfgraph.services.records import current_values
from vfgraph.store.ld import StoredRecord
from vfgraph.vocab import views
from vfgraph.vocab.namespaces import VF, VF_IRI, VFG

# Pseudo-shapes naming the import rules that are not SHACL shapes (they guard the mapping to the store).
RULE_CLASS = "vfgraph:import/known-class"
RULE_PROPERTY = "vfgraph:import/known-property"
RULE_VALUE = "vfgraph:import/value"
RULE_NODE = "vfgraph:import/owned-node"
RULE_KIND = "vfgraph:import/same-kind"
RULE_IMMUTABLE = "vfgraph:import/immutable-event"

_NUMERIC = frozenset(
    XSD[t]
    for t in [
        "decimal",
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "double",
        "float",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]
)
_SINGLE = frozenset(
    {FieldType.STRING, FieldType.URI, FieldType.BOOLEAN, FieldType.DECIMAL, FieldType.DATETIME}
)
_SINGLE |= {FieldType.MEASURE, FieldType.REF}


def add_stored(g: Graph, record: StoredRecord) -> URIRef:
    """Add the triples of a stored record (its fields, revision and timestamps) to ``g``."""
    props = record.state["props"]
    node = views.add_record(
        g, record.kind, record.id, current_values(record.kind, record.state), int(props.get("rev") or 1)
    )
    for term, name in ((VFG.createdAt, "createdAt"), (VFG.updatedAt, "updatedAt")):
        if props.get(name):
            g.add((node, term, Literal(props[name], datatype=XSD.dateTime)))
    return node


@dataclass(frozen=True, slots=True)
class Stated:
    """A record as a file states it: field values as :mod:`vfgraph.services.normalize` checked them."""

    kind: Kind
    iri: str
    values: Mapping[str, Any]
    created_at: str | None = None


@dataclass
class Reading:
    records: list[Stated] = field(default_factory=list)
    problems: list[Violation] = field(default_factory=list)


def _problem(focus: Node, path: Node | None, message: str, rule: str) -> Violation:
    text = focus.n3() if isinstance(focus, BNode) else str(focus)
    return Violation(focus_node=text, path=None if path is None else str(path), message=message, shape=rule)


class _Reader:
    def __init__(self, g: Graph, actions: Collection[str]) -> None:
        self.g = g
        self.actions = actions
        self.reading = Reading()
        self.owned: set[Node] = set()

    def problem(self, focus: Node, path: Node | None, message: str, rule: str = RULE_VALUE) -> None:
        self.reading.problems.append(_problem(focus, path, message, rule))

    def read(self) -> Reading:
        g = self.g
        for subject in sorted(set(g.subjects(RDF.type, None)), key=str):
            classes = set(g.objects(subject, RDF.type))
            kinds = {CLASS_KIND[c] for c in classes if isinstance(c, URIRef) and c in CLASS_KIND}
            if classes <= {VF.Measure}:
                continue  # read with the record that owns it
            if classes == {VFG.ProductFootprint}:
                self.owned.add(subject)  # exported PACT snapshots are not restated (docs/pact.md)
                continue
            if len(kinds) != 1:
                others = ", ".join(sorted(str(c) for c in classes if c not in CLASS_KIND and c != VF.Agent))
                if not kinds and classes == {VF.Agent}:
                    message = "vf:Agent alone does not say which agent: add vf:Person, vf:Organization or"
                    message += " vf:EcologicalAgent"
                elif not kinds:
                    message = f"{others} is not a kind of record vfgraph stores"
                else:
                    message = (
                        f"a record has one kind; this node is typed {', '.join(sorted(k for k in kinds))}"
                    )
                self.problem(subject, RDF.type, message, RULE_CLASS)
                self._own(subject)
                continue
            kind = kinds.pop()
            self.owned.add(subject)
            if not isinstance(subject, URIRef):
                self.problem(
                    subject, None, f"a {kind.value} needs an IRI (vfgraph keeps records' IRIs)", RULE_NODE
                )
                continue
            self._record(subject, kind, classes)
        for subject in sorted(set(g.subjects()) - self.owned, key=str):
            p, o = next(iter(sorted(g.predicate_objects(subject))))
            self.problem(
                subject,
                p,
                "no record states this node (it has no rdf:type of a record kind, nor is it a record's"
                f" measure), so its triples would be lost, e.g. {p.n3()} {o.n3()}",
                RULE_NODE,
            )
        return self.reading

    def _own(self, node: Node) -> None:
        """Mark a node and its blank-node objects as reported already (a refused record's measures)."""
        self.owned.add(node)
        for o in self.g.objects(node, None):
            if isinstance(o, BNode) and o not in self.owned:
                self._own(o)

    def _record(self, node: URIRef, kind: Kind, classes: set[Node]) -> None:
        allowed = set(types_of(kind)) | {c for c, k in CLASS_KIND.items() if k is kind}
        for extra in sorted(classes - allowed, key=str):
            self.problem(node, RDF.type, f"vf:{kind.value} records have no further type {extra}", RULE_CLASS)
        fields = FIELD_BY_PREDICATE[kind]
        params: dict[str, list[Node]] = {}
        created_at: str | None = None
        for p, o in sorted(self.g.predicate_objects(node)):
            if p == RDF.type:
                continue
            if p in BOOKKEEPING:
                if p == VFG.createdAt:
                    created_at = self._datetime(node, p, o)
                continue
            f = fields.get(p) if isinstance(p, URIRef) else None
            if f is None and p in FLOW_LINKS:
                self._link_record(node, p, o)
                continue
            if f is None:
                self.problem(node, p, f"vfgraph stores no property {p} on a {kind.value}", RULE_PROPERTY)
                continue
            params.setdefault(f.name, []).append(o)
        values: dict[str, Any] = {}
        by_name = {f.name: f for f in fields.values()}
        for name, objects in params.items():
            f = by_name[name]
            if f.type in _SINGLE and len(objects) > 1:
                self.problem(node, self._pred(kind, f), f"{name} has {len(objects)} values; at most one")
                continue
            try:
                raw = [self._raw(node, kind, f, o) for o in objects]
                value = raw if f.type in (FieldType.URIS, FieldType.REFS) else raw[0]
                values[name] = normalize.value_of(f, value)
            except InvalidInput as e:
                self.problem(node, self._pred(kind, f), e.message)
        if "action" in values and values["action"] not in self.actions:
            self.problem(node, VF.action, f"{values['action']!r} is not a ValueFlows action", RULE_VALUE)
            values.pop("action")
        if created_at is not None:
            try:
                stamp = normalize.value_of(_CREATED, created_at)
                created_at = stamp.isoformat().replace("+00:00", "Z")
            except InvalidInput as e:
                self.problem(node, VFG.createdAt, e.message)
                created_at = None
        self.reading.records.append(Stated(kind, str(node), values, created_at))

    def _link_record(self, subject: URIRef, p: Node, target: Node) -> None:
        """A directly stated link (a flow's vf:fulfills, a proposal's vf:publishes ...), read as a record of
        the link (:data:`vfgraph.ld.terms.FLOW_LINKS`)."""
        link = FLOW_LINKS[p]  # type: ignore[index]
        if not isinstance(target, URIRef):
            self.problem(subject, p, f"{link.name}: {target.n3()} is not the IRI of a record")
            return
        try:
            values = {
                link.by.name: normalize.value_of(link.by, _absolute(link.name, subject)),
                link.what.name: normalize.value_of(link.what, _absolute(link.name, target)),
            }
        except InvalidInput as e:
            self.problem(subject, p, e.message)
            return
        values.update((f.name, v) for f, v in link.fixed)
        iri = link_record_iri(str(subject), link.name, str(target))
        self.reading.records.append(Stated(link.kind, iri, values))

    @staticmethod
    def _pred(kind: Kind, f: Field) -> URIRef:
        return views.predicate(kind, f)

    def _datetime(self, node: Node, p: Node, o: Node) -> str | None:
        if isinstance(o, Literal):
            return str(o)
        self.problem(node, p, "expected an xsd:dateTime literal")
        return None

    def _raw(self, node: URIRef, kind: Kind, f: Field, o: Node) -> Any:
        """The input value of one object, as the vf-graphql inputs would give it."""
        t = f.type
        where = f"{f.name}: {o.n3()}"
        if f.name == "action":
            if isinstance(o, URIRef) and o.startswith(VF_IRI):
                return o[len(VF_IRI) :]
            raise InvalidInput(f"{where} is not a ValueFlows action (vf:produce, vf:transfer, ...)")
        if t is FieldType.STRING:
            if isinstance(o, Literal) and o.language is None and o.datatype in (None, XSD.string):
                return str(o)
            raise InvalidInput(
                f"{where} is not an xsd:string (language tags and other datatypes are refused)"
            )
        if t in (FieldType.URI, FieldType.URIS):
            if f.name in ("image", "imageList"):
                if isinstance(o, URIRef) or (isinstance(o, Literal) and o.datatype in (None, XSD.anyURI)):
                    return str(o)
                raise InvalidInput(f"{where} is not an xsd:anyURI")
            if isinstance(o, URIRef):
                return _absolute(where, o)
            raise InvalidInput(f"{where} is a literal; {f.name} is an IRI")
        if t in (FieldType.REF, FieldType.REFS):
            if isinstance(o, URIRef):
                return _absolute(where, o)
            raise InvalidInput(f"{where}: {f.name} refers to a record by its IRI")
        if t is FieldType.BOOLEAN:
            if isinstance(o, Literal) and o.datatype == XSD.boolean and str(o) in ("true", "false", "1", "0"):
                return str(o) in ("true", "1")
            raise InvalidInput(f"{where} is not an xsd:boolean")
        if t is FieldType.DATETIME:
            if isinstance(o, Literal) and o.datatype in (None, XSD.string, XSD.dateTime):
                return str(o)
            raise InvalidInput(f"{where} is not an xsd:dateTime")
        if t is FieldType.DECIMAL:
            if isinstance(o, Literal) and o.datatype in (XSD.decimal, XSD.integer):
                return str(o)
            raise InvalidInput(f"{where} is not an xsd:decimal")
        if t is FieldType.MEASURE:
            return self._measure(node, f, o)
        raise AssertionError(t)

    def _measure(self, owner: Node, f: Field, m: Node) -> dict[str, Any]:
        where = f"{f.name}: {m.n3()}"
        if not isinstance(m, BNode):
            raise InvalidInput(f"{where}: a measure is a blank node owned by its record")
        self.owned.add(m)
        out: dict[str, Any] = {}
        for p, o in sorted(self.g.predicate_objects(m)):
            if p == RDF.type:
                if o != VF.Measure:
                    raise InvalidInput(f"{where}: a measure is a vf:Measure, not {o.n3()}")
            elif p == VF.hasNumericalValue:
                if "hasNumericalValue" in out:
                    raise InvalidInput(f"{where}: a measure has one vf:hasNumericalValue")
                if not isinstance(o, Literal) or (o.datatype is not None and o.datatype not in _NUMERIC):
                    raise InvalidInput(f"{where}: vf:hasNumericalValue {o.n3()} is not a number")
                out["hasNumericalValue"] = str(o).strip()
            elif p == VF.hasUnit:
                if "hasUnit" in out:
                    raise InvalidInput(f"{where}: a measure has one vf:hasUnit")
                if not isinstance(o, URIRef):
                    raise InvalidInput(f"{where}: vf:hasUnit {o.n3()} is not the IRI of a unit")
                out["hasUnit"] = _absolute(f"{where} vf:hasUnit", o)
            else:
                raise InvalidInput(f"{where}: vfgraph stores no property {p} on a measure")
        if "hasNumericalValue" not in out:
            raise InvalidInput(f"{where}: a measure needs a vf:hasNumericalValue")
        if "hasUnit" not in out:
            raise InvalidInput(f"{where}: a measure needs a vf:hasUnit")
        return out


# Relative IRIs in a file are resolved against this base by the parsers (vfgraph.ld.parse), so that they
# can be recognised and refused: a record's references must be absolute.
RELATIVE_BASE = "http://relative.invalid/"

_CREATED = Field(name="createdAt", type=FieldType.DATETIME, rdf="createdAt")


def _absolute(where: str, iri: URIRef) -> str:
    if iri.startswith(RELATIVE_BASE):
        raise InvalidInput(f"{where}: {iri[len(RELATIVE_BASE) :]!r} is a relative IRI; give an absolute one")
    return str(iri)


def read_records(g: Graph, actions: Collection[str]) -> Reading:
    """The records ``g`` states, and every problem that keeps them from being stored as stated."""
    return _Reader(g, actions).read()
