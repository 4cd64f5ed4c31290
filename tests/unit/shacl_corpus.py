"""A corpus of RDF views for comparing SHACL engines, generated from the shapes, the ontology and the fields
table, so that a new kind, field, action or rule is covered without listing it here.

Each :class:`Case` is one write's view, built with the write path's own view builder
(:func:`vfgraph.vocab.views.add_record`): the record, the typing triples of what it refers to, and for a
flow its action individual's triples. Every case names its records under a prefix of its own, so that
cases can be validated together as one import-sized chunk without seeing each other (a disjoint union of
views has, as its results, the union of each view's results).

- **Bases.** For each record kind (and for each flow kind, each of the ontology's actions), a record with
  every field of the fields table filled with a value that the field's property shape accepts (its
  ``sh:class``, ``sh:datatype``, ``sh:in``, ``sh:pattern``), then thinned until the shapes accept it: the
  fields a violation names go first, then, for a rule on the whole record (an action rule), the field
  whose removal leaves the fewest violations. So an action's base carries what its behaviour requires
  and nothing it forbids.
- **Mutations of a base**, one property at a time: without the field, the field twice, a value of the
  wrong kind (an unknown reference, a literal for an IRI or a measure, a string for a number or a date, a
  measure without a number or a unit), a negative number, a field the base left out (what an action
  forbids), a type taken away, and a flow's resource replaced by one the view writes (what only some
  actions may create).
- **Mutations by rule.** For each rule of a kind that combines alternatives (``sh:or``, ``sh:xone``), the
  fields it names (read from its paths) are taken away all at once, each value of an ``sh:in`` field of the
  rule is set with each other field of the rule taken away, and each quantity of the rule is made negative
  likewise, so that a rule needing one of several fields, or a value only with another field, is broken.
- For a flow kind, every mutation is made on one action's base (the one with the most fields); every other
  action's base is mutated on the fields its rules name (taken away or added), by rule, and by its
  resources (the action rules).
- **Chains**: allocations under a threshold with the chain above them as the write path builds it
  (services/thresholds.py), valid, in another unit, in a cycle; value equations with their buckets.
- **Extensions**: classes a record's view takes on besides its kind's (a pending event is an event typed
  ``vfg:PendingEconomicEvent`` too): the base with the extension's triples, and each property of the
  extension's shapes mutated (:data:`EXTENSIONS` says how such a view is built).

The engine that thins the bases is a parameter (the fast one); the parity test then runs both engines over
everything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from vfgraph.domain.fields import FIELDS, Field, FieldType
from vfgraph.domain.kinds import Kind
from vfgraph.errors import Violation
from vfgraph.services import pending
from vfgraph.vocab import views
from vfgraph.vocab.namespaces import VF, VF_IRI, VFG
from vfgraph.vocab.ontology import Ontology

ROOT = "https://example.org/corpus/"
WHEN = "2026-05-01T09:30:00Z"

# Values tried, in order, for a string field with an sh:pattern (the first the pattern accepts is used).
PATTERN_CANDIDATES = ("P1Y", "PT12H", VF_IRI + "produce", "text")

Validate = Callable[[Graph], list[Violation]]
# A change to a case's view (in place); returns the known divergence it makes, if any.
Mutation = Callable[["View", Graph], str | None]


@dataclass(frozen=True, slots=True)
class Case:
    """One view: ``name`` says what it is (group/kind/variant), ``graph`` is the view."""

    name: str
    graph: Graph
    # A known divergence between the engines (see test_shacl_parity.py), with the reason.
    divergence: str | None = None


@dataclass(frozen=True, slots=True)
class Rules:
    """What the property shapes of a class say about one of its properties (the union over its shapes)."""

    classes: tuple[URIRef, ...] = ()
    datatype: URIRef | None = None
    allowed: tuple[Node, ...] = ()
    pattern: str | None = None
    iri_only: bool = False
    minimum: Decimal | None = None
    maximum: Decimal | None = None


def property_rules(shapes: Graph) -> dict[tuple[URIRef, URIRef], Rules]:
    """(target class, property) -> rules, read from every targeted node shape's sh:property shapes."""
    out: dict[tuple[URIRef, URIRef], Rules] = {}
    for shape, target in shapes.subject_objects(SH.targetClass):
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            if not isinstance(path, URIRef) or not isinstance(target, URIRef):
                continue
            classes = [c for c in shapes.objects(prop, SH["class"]) if isinstance(c, URIRef)]
            for alternatives in shapes.objects(prop, SH["or"]):
                for alt in shapes.items(alternatives):
                    classes += [c for c in shapes.objects(alt, SH["class"]) if isinstance(c, URIRef)]
            allowed = [v for lst in shapes.objects(prop, SH["in"]) for v in shapes.items(lst)]
            datatype = shapes.value(prop, SH.datatype)
            pattern = shapes.value(prop, SH.pattern)
            low = shapes.value(prop, SH.minInclusive)
            high = shapes.value(prop, SH.maxInclusive)
            before = out.get((target, path), Rules())
            out[(target, path)] = Rules(
                classes=before.classes + tuple(classes),
                datatype=datatype if isinstance(datatype, URIRef) else before.datatype,
                allowed=before.allowed + tuple(allowed),
                pattern=str(pattern) if pattern is not None else before.pattern,
                iri_only=before.iri_only or shapes.value(prop, SH.nodeKind) == SH.IRI,
                minimum=Decimal(str(low)) if low is not None else before.minimum,
                maximum=Decimal(str(high)) if high is not None else before.maximum,
            )
    return out


@dataclass
class View:
    """A view under construction: the records it writes and the typed references it names."""

    prefix: str
    kind: Kind
    values: dict[str, Any]
    action: str | None = None
    refs: dict[str, tuple[URIRef, ...]] = field(default_factory=dict)
    # Records the view writes besides the main one (a new resource), as (kind, IRI, values).
    extra: list[tuple[Kind, str, dict[str, Any]]] = field(default_factory=list)

    @property
    def iri(self) -> str:
        return self.prefix + self.kind.value


class Corpus:
    """Builds the cases; ``validate`` (a fast engine) thins the bases until they conform."""

    def __init__(self, shapes: Graph, ontology: Ontology, validate: Validate) -> None:
        self.shapes = shapes
        self.rules = property_rules(shapes)
        self.ontology = ontology
        self.validate = validate
        self.actions = sorted(ontology.actions)
        self._counter = 0
        self._bases: dict[tuple[Kind, str | None], dict[str, Any]] = {}
        self._rule_shapes: dict[Kind, dict[Node, set[URIRef]]] = {}

    # -- values -----------------------------------------------------------------------------------

    def _prefix(self, name: str) -> str:
        self._counter += 1
        return f"{ROOT}{self._counter}/{re.sub(r'[^A-Za-z0-9-]', '-', name)}/"

    def rules_of(self, kind: Kind, f: Field) -> Rules:
        return self.rules.get((views.class_of(kind), views.predicate(kind, f)), Rules())

    def ref(self, view: View, cls: URIRef | None, n: int = 1) -> str:
        """A record the view refers to, typed as the store would type it (or not at all)."""
        local = "thing" if cls is None else cls.split("#")[-1]
        iri = f"{view.prefix}ref/{local}{'' if n == 1 else n}"
        if cls is not None:
            types = (cls, VF.Organization) if cls == VF.Agent else (cls,)
            view.refs[iri] = types
        return iri

    def value(self, view: View, f: Field, n: int = 1) -> Any:
        """A value of ``f`` that its property shape accepts; ``n`` > 1 gives another one."""
        rules = self.rules_of(view.kind, f)
        t = f.type
        if t in (FieldType.REF, FieldType.REFS):
            iri = self.ref(view, rules.classes[0] if rules.classes else None, n)
            return iri if t is FieldType.REF else [iri]
        if t is FieldType.MEASURE:
            return {"hasNumericalValue": Decimal(n + 1), "hasUnit": self.ref(view, VF.Unit)}
        if t is FieldType.DECIMAL:
            return Decimal("0.5") if n == 1 else Decimal("0.25")
        if t is FieldType.DATETIME:
            return WHEN
        if t is FieldType.BOOLEAN:
            return n == 1
        if t in (FieldType.URI, FieldType.URIS):
            iri = f"{view.prefix}elsewhere/{f.name}{n}"
            return iri if t is FieldType.URI else [iri]
        if rules.allowed:
            return str(rules.allowed[(n - 1) % len(rules.allowed)])
        if rules.pattern is not None:
            return next(c for c in PATTERN_CANDIDATES if re.search(rules.pattern, c))
        return f"{f.name} {n}"

    # -- building views ---------------------------------------------------------------------------

    def graph(self, view: View, into: Graph | None = None) -> Graph:
        g = Graph() if into is None else into
        views.add_record(g, view.kind, view.iri, view.values)
        for kind, iri, values in view.extra:
            views.add_record(g, kind, iri, values)
        if view.action is not None:
            views.add_action(g, self.ontology.action_triples(view.action))
        for iri, types in view.refs.items():
            for t in types:
                g.add((URIRef(iri), RDF.type, t))
        return g

    def full(self, kind: Kind, action: str | None, name: str) -> View:
        view = View(self._prefix(name), kind, {}, action)
        for f in FIELDS[kind]:
            view.values[f.name] = action if f.name == "action" else self.value(view, f)
        return view

    def base(self, kind: Kind, action: str | None = None) -> View:
        """A valid record of ``kind``: every field, less those the shapes refuse (see the module doc)."""
        name = f"{kind.value}-{action or 'record'}"
        view = self.full(kind, action, name)
        known = self._bases.get((kind, action))
        if known is not None:
            view.values = {k: v for k, v in view.values.items() if k in known}
            return view
        predicates = {f.name: views.predicate(kind, f) for f in FIELDS[kind]}
        while found := self.validate(self.graph(view)):
            named = self._fields_named(view, found)
            if named:
                for n in named:
                    del view.values[n]
                continue
            # A rule on the whole record: drop the field it names (any field, for a rule that names none)
            # whose removal leaves the fewest violations. The trials are validated together, each under a
            # prefix of its own.
            rules = self.rule_shapes(kind)
            suspects = {p for v in found for p in rules.get(URIRef(v.shape), ())}
            candidates = [n for n in sorted(view.values) if n != "action" and predicates[n] in suspects]
            trials = {
                n: self.moved(View(view.prefix, kind, _without(view.values, n), action, dict(view.refs)), n)
                for n in candidates or [n for n in sorted(view.values) if n != "action"]
            }
            merged = Graph()
            for trial in trials.values():
                self.graph(trial, merged)
            owner = {t.prefix: n for n, t in trials.items()}
            owner.update({b: n for n, t in trials.items() for b in self._blank_nodes(t, merged)})
            counts = dict.fromkeys(trials, 0)
            for v in self.validate(merged):
                n = owner.get(v.focus_node) or owner.get(v.focus_node[: v.focus_node.rfind("/") + 1])
                if n is not None:
                    counts[n] += 1
            best = min(sorted(counts), key=lambda n: counts[n], default=None)
            if best is None or counts[best] >= len(found):
                raise AssertionError(f"no valid {name} can be made from the fields table: {found}")
            del view.values[best]
        self._bases[(kind, action)] = dict(view.values)
        return view

    @staticmethod
    def _blank_nodes(view: View, g: Graph) -> set[str]:
        """The blank nodes (measures) of a view's record, as violations name them."""
        node = URIRef(view.iri)
        return {o.n3() for o in g.objects(node, None) if isinstance(o, BNode)}

    def _fields_named(self, view: View, found: list[Violation]) -> list[str]:
        by_predicate = {str(views.predicate(view.kind, f)): f.name for f in FIELDS[view.kind]}
        return sorted(
            {
                by_predicate[v.path]
                for v in found
                if v.focus_node == view.iri and v.path in by_predicate and by_predicate[v.path] != "action"
            }
            & set(view.values)
        )

    # -- cases ------------------------------------------------------------------------------------

    def flow_kinds(self) -> list[Kind]:
        return [k for k in Kind if any(f.name == "action" for f in FIELDS[k])]

    def cases(self) -> Iterator[Case]:
        """Every case: the bases and their mutations, and the chains.

        Every field of every kind is mutated every way once (for a flow kind, on the action whose base
        has the most fields); for each other action of a flow kind, the fields its rules name are taken
        away or added, and its resources replaced by new ones (the action rules)."""
        for kind in Kind:
            if kind not in self.flow_kinds():
                base = self.base(kind)
                yield Case(f"base/{kind.value}", self.graph(base))
                yield from self.mutations(f"base/{kind.value}", base, None)
                continue
            bases = {action: self.base(kind, action) for action in self.actions}
            richest = max(sorted(bases), key=lambda a: len(bases[a].values))
            rule_fields = {f.name for f in FIELDS[kind] if views.predicate(kind, f) in self.rule_paths(kind)}
            for action, base in bases.items():
                name = f"base/{kind.value}/{action}"
                yield Case(name, self.graph(base))
                yield from self.mutations(name, base, None if action == richest else rule_fields)
        yield from self.allocation_chains()
        yield from self.value_equations()
        yield from self.extensions()

    def extensions(self) -> Iterator[Case]:
        """Records of the classes a kind's view takes on besides its own (:data:`EXTENSIONS`): the base of
        the kind with the extension's triples, and each property of the extension's shapes taken away,
        given twice, of the wrong kind, or set to each value it allows."""
        for cls, (kind, describe) in EXTENSIONS.items():
            base = self.base(kind, "transfer" if "action" in {f.name for f in FIELDS[kind]} else None)
            name = f"extension/{cls.split('#')[-1]}"
            yield self._extended(base, name, describe, [])
            for (target, prop), rules in sorted(self.rules.items()):
                if target != cls:
                    continue
                local = prop.split("#")[-1]
                variants: dict[str, list[tuple[URIRef, Node | None]]] = {
                    "without": [(prop, None)],
                    "wrong": [(prop, Literal(7))],
                    "twice": [(prop, Literal("a")), (prop, Literal("b"))],
                }
                for value in rules.allowed or [Literal("text")]:
                    variants[f"={value}"] = [(prop, value)]
                for variant, values in variants.items():
                    yield self._extended(base, f"{name}/{local}/{variant}", describe, values)

    def _extended(
        self, base: View, name: str, describe: Describe, values: list[tuple[URIRef, Node | None]]
    ) -> Case:
        """``base`` with an extension's triples, its ``values`` replacing what the extension said."""
        view = self.moved(base, name)
        g = self.graph(view)
        describe(g, view.iri)
        node = URIRef(view.iri)
        for prop in {p for p, _ in values}:
            g.remove((node, prop, None))
        for prop, value in values:
            if value is not None:
                g.add((node, prop, value))
        return Case(name, g)

    def rule_paths(self, kind: Kind) -> set[URIRef]:
        return {p for paths in self.rule_shapes(kind).values() for p in paths}

    def rule_shapes(self, kind: Kind) -> dict[Node, set[URIRef]]:
        if kind not in self._rule_shapes:
            self._rule_shapes[kind] = self._find_rule_shapes(kind)
        return self._rule_shapes[kind]

    def _find_rule_shapes(self, kind: Kind) -> dict[Node, set[URIRef]]:
        """The node shapes on ``kind`` with sh:or / sh:xone rules, and the properties each names: what ties
        a record's fields to each other and to its action."""
        shapes, cls = self.shapes, views.class_of(kind)
        out: dict[Node, set[URIRef]] = {}

        def walk(node: Node, found: set[URIRef], seen: set[Node]) -> None:
            if node in seen or isinstance(node, Literal):
                return
            seen.add(node)
            path = shapes.value(node, SH.path)
            if path is not None:
                found.update(_path_properties(shapes, path))
            for p, o in shapes.predicate_objects(node):
                if p != SH.path and (isinstance(o, BNode) or p in (RDF.first, RDF.rest)):
                    walk(o, found, seen)

        for shape in sorted(shapes.subjects(SH.targetClass, cls)):
            for combinator in (SH["or"], SH.xone):
                for alternatives in shapes.objects(shape, combinator):
                    walk(alternatives, out.setdefault(shape, set()), set())
        return out

    def mutations(self, name: str, base: View, only: set[str] | None) -> Iterator[Case]:
        """``base`` mutated one field at a time, and by its rules; ``only``: just those fields, taken away
        or added, and the rules."""
        for f in FIELDS[base.kind]:
            if only is not None and f.name not in only:
                continue
            for variant, mutate in self._mutators(f, f.name in base.values):
                if only is not None and variant not in ("without", "added"):
                    continue
                yield self._case(name, base, f"{f.name}/{variant}", mutate)
        by_predicate = {views.predicate(base.kind, f): f for f in FIELDS[base.kind]}
        for shape, paths in self.rule_shapes(base.kind).items():
            rule = str(shape).rsplit("#", 1)[-1]
            named = [
                by_predicate[p]
                for p in sorted(paths)
                if p in by_predicate and by_predicate[p].name != "action"
            ]
            # Every field the rule names taken away at once (a rule of alternatives: one of them is needed).
            yield self._case(name, base, f"{rule}/without-all", self._chain(*map(self._without, named)))
            if only is not None:
                continue
            # Each quantity of the rule negative, with each other field of the rule taken away.
            for f in named:
                if f.type in (FieldType.DECIMAL, FieldType.MEASURE) and f.name in base.values:
                    for g in (x for x in named if x is not f):
                        steps = [self._negative(f), self._without(g)]
                        yield self._case(
                            name, base, f"{rule}/{f.name}-negative-without-{g.name}", self._chain(*steps)
                        )
            # Each value a field of the rule may take, with each other field of the rule taken away.
            for f in named:
                for value in self.rules_of(base.kind, f).allowed:
                    for g in [None, *(x for x in named if x is not f)]:
                        steps = [self._set(f, value)] + ([] if g is None else [self._without(g)])
                        label = f"{rule}/{f.name}={value}" + ("" if g is None else f"-without-{g.name}")
                        yield self._case(name, base, label, self._chain(*steps))
        if only is None:
            for extra in sorted(
                set(self.graph(base).objects(URIRef(base.iri), RDF.type)) - {views.class_of(base.kind)}
            ):
                yield self._case(name, base, f"type/without-{extra.n3()}", self._untyped(extra))
        if base.kind in self.flow_kinds():
            for slot in ("resourceInventoriedAs", "toResourceInventoriedAs"):
                if any(f.name == slot for f in FIELDS[base.kind]):
                    view = self.moved(base, f"{name}-{slot}-new")
                    new_iri = view.prefix + "new-resource"
                    resource = self.moved(self.base(Kind.ECONOMIC_RESOURCE), f"{name}-{slot}-new-resource")
                    view.refs.update(resource.refs)
                    view.values[slot] = new_iri
                    view.extra.append((Kind.ECONOMIC_RESOURCE, new_iri, resource.values))
                    yield Case(f"{name}/{slot}/new", self.graph(view))

    def _case(self, name: str, base: View, variant: str, mutate: Mutation) -> Case:
        view = self.moved(base, f"{name}-{variant}")
        g = self.graph(view)
        return Case(f"{name}/{variant}", g, mutate(view, g))

    @staticmethod
    def _chain(*steps: Mutation) -> Mutation:
        def mutate(view: View, g: Graph) -> str | None:
            divergences = [d for d in (step(view, g) for step in steps) if d is not None]
            return divergences[0] if divergences else None

        return mutate

    def _set(self, f: Field, value: Node) -> Mutation:
        def mutate(view: View, g: Graph) -> str | None:
            node, pred = self._node_pred(view, f)
            g.set((node, pred, value))
            return None

        return mutate

    @staticmethod
    def _untyped(extra: Node) -> Mutation:
        def mutate(view: View, g: Graph) -> str | None:
            g.remove((URIRef(view.iri), RDF.type, extra))
            return None

        return mutate

    def moved(self, view: View, name: str) -> View:
        """A copy of ``view`` under a fresh prefix (its references follow it)."""
        fresh, old = self._prefix(name), view.prefix

        def move(v: Any) -> Any:
            if isinstance(v, str) and v.startswith(old):
                return fresh + v[len(old) :]
            if isinstance(v, list):
                return [move(x) for x in v]
            if isinstance(v, dict):
                return {k: move(x) for k, x in v.items()}
            return v

        moved = View(fresh, view.kind, move(view.values), view.action)
        moved.refs = {move(k): t for k, t in view.refs.items()}
        return moved

    def _mutators(self, f: Field, present: bool) -> list[tuple[str, Mutation]]:
        out: list[tuple[str, Mutation]] = [("wrong", self._wrong(f)), ("twice", self._twice(f))]
        if f.type is FieldType.MEASURE:
            out.append(("wrong-number", self._wrong_number(f)))
        if present:
            out.append(("without", self._without(f)))
            if f.type in (FieldType.DECIMAL, FieldType.MEASURE):
                out.append(("negative", self._negative(f)))
        else:
            out.append(("added", self._added(f)))
        return out

    def _node_pred(self, view: View, f: Field) -> tuple[URIRef, URIRef]:
        return URIRef(view.iri), views.predicate(view.kind, f)

    def _without(self, f: Field) -> Mutation:
        def mutate(view: View, g: Graph) -> str | None:
            node, pred = self._node_pred(view, f)
            g.remove((node, pred, None))
            return None

        return mutate

    def _twice(self, f: Field) -> Mutation:
        """A second value of ``f`` (two, when the record has none)."""

        def mutate(view: View, g: Graph) -> str | None:
            node, pred = self._node_pred(view, f)
            for n in (2,) if f.name in view.values else (1, 2):
                other = View(view.prefix, view.kind, {}, view.action)
                if f.name == "action":
                    other.values[f.name] = [a for a in self.actions if a != view.action][n - 1]
                else:
                    other.values[f.name] = self.value(other, f, n)
                extra = Graph()
                views.add_record(extra, view.kind, view.iri, other.values)
                for t in extra.triples((node, pred, None)):
                    g.add(t)
                for s, p, o in extra:
                    if s != node:
                        g.add((s, p, o))
                for iri, types in other.refs.items():
                    for t in types:
                        g.add((URIRef(iri), RDF.type, t))
            return None

        return mutate

    def _wrong(self, f: Field) -> Mutation:
        def mutate(view: View, g: Graph) -> str | None:
            node, pred = self._node_pred(view, f)
            g.remove((node, pred, None))
            t = f.type
            divergence = None
            wrong: Node
            if f.name == "action" or t in (FieldType.REF, FieldType.REFS):
                wrong = URIRef(view.prefix + "unknown")  # typed as nothing: an unknown reference
            elif t in (FieldType.URI, FieldType.URIS):
                wrong = Literal("not an IRI")
            elif t is FieldType.MEASURE:
                wrong = Literal("2 kg")  # not a measure
            elif t is FieldType.DECIMAL:
                wrong = Literal("half")
                if view.kind is Kind.VALUE_BUCKET and f.name == "share":
                    divergence = NON_NUMERIC_SHARE
            elif t is FieldType.STRING:
                wrong = Literal(7)
            else:
                wrong = Literal("someday")
            g.add((node, pred, wrong))
            return divergence

        return mutate

    def _wrong_number(self, f: Field) -> Mutation:
        def mutate(view: View, g: Graph) -> str | None:
            node, pred = self._node_pred(view, f)
            g.remove((node, pred, None))
            measure = BNode()
            g.add((node, pred, measure))
            g.add((measure, RDF.type, VF.Measure))
            g.add((measure, VF.hasNumericalValue, Literal("two")))  # and no unit
            return None

        return mutate

    def _negative(self, f: Field) -> Mutation:
        def mutate(view: View, g: Graph) -> str | None:
            node, pred = self._node_pred(view, f)
            if f.type is FieldType.DECIMAL:
                g.set((node, pred, Literal("-1", datatype=XSD.decimal)))
                return None
            for measure in g.objects(node, pred):
                g.set((measure, VF.hasNumericalValue, Literal("-3", datatype=XSD.decimal)))
            return None

        return mutate

    def _added(self, f: Field) -> Mutation:
        def mutate(view: View, g: Graph) -> str | None:
            other = View(view.prefix, view.kind, {f.name: self.value(view, f)}, view.action)
            other.refs = view.refs
            extra = Graph()
            views.add_record(extra, view.kind, view.iri, other.values)
            g += extra
            for iri, types in view.refs.items():
                for t in types:
                    g.add((URIRef(iri), RDF.type, t))
            return None

        return mutate

    # -- chains -----------------------------------------------------------------------------------

    def allocation_chains(self) -> Iterator[Case]:
        """An allocation written under two stored ones and a threshold, as services/thresholds.py builds
        the view: valid with a share, valid with a quantity in the threshold's unit, in another unit, with
        both a threshold and a parent, with neither, and in a cycle."""
        variants: dict[str, Callable[[str], dict[str, Any]]] = {
            "share": lambda p: {"parent": p + "a2", "share": Decimal("0.5")},
            "quantity": lambda p: {
                "parent": p + "a2",
                "quantity": {"hasNumericalValue": 4, "hasUnit": p + "kg"},
            },
            "other-unit": lambda p: {
                "parent": p + "a2",
                "quantity": {"hasNumericalValue": 4, "hasUnit": p + "l"},
            },
            "both-links": lambda p: {"parent": p + "a2", "threshold": p + "t", "share": Decimal("0.5")},
            "no-link": lambda p: {"share": Decimal("0.5")},
            "share-and-quantity": lambda p: {
                "parent": p + "a2",
                "share": Decimal("0.5"),
                "quantity": {"hasNumericalValue": 4, "hasUnit": p + "kg"},
            },
            "cycle": lambda p: {"parent": p + "a2", "share": Decimal("0.5")},
        }
        for variant, make in variants.items():
            p = self._prefix(f"allocation-{variant}")
            g = Graph()
            iri = p + "a3"
            values = {"allocatedTo": p + "farm", **make(p)}
            views.add_record(g, Kind.ALLOCATION, iri, values)
            a1, a2, t = URIRef(p + "a1"), URIRef(p + "a2"), URIRef(p + "t")
            for a in (a1, a2):
                g.add((a, RDF.type, VFG.Allocation))
            g.add((a2, VFG.parentAllocation, URIRef(iri) if variant == "cycle" else a1))
            g.add((a1, VFG.threshold, t))
            g.add((t, RDF.type, VFG.Threshold))
            g.add(
                (t, VFG.thresholdValue, views.add_measure(g, {"hasNumericalValue": 40, "hasUnit": p + "kg"}))
            )
            for unit in ("kg", "l"):
                g.add((URIRef(p + unit), RDF.type, VF.Unit))
            g.add((URIRef(p + "farm"), RDF.type, VF.Organization))
            g.add((URIRef(p + "farm"), RDF.type, VF.Agent))
            yield Case(f"chain/allocation/{variant}", g)

    def value_equations(self) -> Iterator[Case]:
        """An equation written with its buckets, whose shares add up to at most one, or more."""
        for variant, shares in {"whole": ("0.5", "0.5"), "over": ("0.75", "0.5"), "one": ("1",)}.items():
            p = self._prefix(f"equation-{variant}")
            g = Graph()
            equation = p + "equation"
            views.add_record(g, Kind.VALUE_EQUATION, equation, {"name": "shares"})
            for i, share in enumerate(shares):
                bucket = {
                    "bucketOf": equation,
                    "position": Decimal(i),
                    "share": Decimal(share),
                    "countsActions": [VF_IRI + "work"],
                    "weighting": "effort",
                }
                views.add_record(g, Kind.VALUE_BUCKET, f"{p}bucket{i}", bucket)
            yield Case(f"chain/value-equation/{variant}", g)


def _without(values: Mapping[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k != name}


def _path_properties(shapes: Graph, path: Node) -> set[URIRef]:
    """Every property a SHACL path goes through (sequences, alternatives, inverses ...)."""
    if isinstance(path, URIRef):
        return {path}
    out: set[URIRef] = set()
    for p, o in shapes.predicate_objects(path):
        if p in (RDF.first, RDF.rest, SH.alternativePath, SH.inversePath) or str(p).endswith("OrMorePath"):
            out |= _path_properties(shapes, o) if o != RDF.nil else set()
        elif p == SH.zeroOrOnePath:
            out |= _path_properties(shapes, o)
    return out


Describe = Callable[[Graph, str], None]

# Classes a record's view takes on besides its kind's, and how: the kind and the function of the write path
# that adds the class's triples to the view.
EXTENSIONS: dict[URIRef, tuple[Kind, Describe]] = {
    VFG.PendingEconomicEvent: (Kind.ECONOMIC_EVENT, pending.describe)
}


# The known divergence: pyshacl's SPARQL sum of the shares cannot add a string and raises, where the Rust
# engine reports the bucket's datatype violation.
NON_NUMERIC_SHARE = (
    "pyshacl raises SPARQLTypeError on a non-numeric vfg:share (ValueEquation-sharesAtMostOne)"
)


def chunks(cases: list[Case], records: int) -> Iterator[Graph]:
    """The cases merged into graphs of about ``records`` views each (an import-sized chunk)."""
    for start in range(0, len(cases), records):
        g = Graph()
        for case in cases[start : start + records]:
            g += case.graph
        yield g


def key(v: Violation) -> tuple[str, str | None, str, str]:
    """What both engines must agree on for each result (the message comes from the shape)."""
    return (v.focus_node, v.path, v.shape, v.severity)
