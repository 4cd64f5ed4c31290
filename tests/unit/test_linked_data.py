"""The pure parts of linked data: terms and context, namespace rewrite, parsing offline, serialisation of a
record, content negotiation, canonical form."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from vfgraph.domain.fields import FIELDS
from vfgraph.domain.kinds import Kind
from vfgraph.errors import InvalidInput
from vfgraph.ld import formats, terms, writers
from vfgraph.ld.canonical import canonical
from vfgraph.ld.parse import parse
from vfgraph.ld.records import read_records
from vfgraph.ld.writers import serialise
from vfgraph.vocab import views
from vfgraph.vocab.namespaces import VF, VF_IRI, VFG

EVENT = "https://example.org/e/1"
VALUES = {
    "action": "produce",
    "provider": "https://example.org/a",
    "receiver": "https://example.org/b",
    "resourceQuantity": {"hasNumericalValue": Decimal("2.5"), "hasUnit": "https://example.org/kg"},
    "hasPointInTime": "2024-01-01T00:00:00Z",
    "note": 'with "quotes"\nand a newline',
    "resourceClassifiedAs": ["https://example.org/c1", "https://example.org/c2"],
}


def record_graph() -> Graph:
    g = Graph()
    views.add_record(g, Kind.ECONOMIC_EVENT, EVENT, VALUES)
    return g


def test_every_field_is_read_back_from_the_predicate_the_views_write() -> None:
    for kind, fields in FIELDS.items():
        for field in fields:
            g = Graph()
            views.add_record(g, kind, "https://example.org/x", {field.name: _sample(field.type.value)})
            written = {p for p in g.predicates() if p not in (RDF.type, VFG.revisionId)}
            written -= {VF.hasNumericalValue, VF.hasUnit}
            assert written == {views.predicate(kind, field)}, (kind, field.name)
            assert terms.FIELD_BY_PREDICATE[kind][views.predicate(kind, field)] == field


def _sample(type_name: str) -> object:
    return {
        "measure": {"hasNumericalValue": Decimal(1), "hasUnit": "https://example.org/u"},
        "uris": ["https://example.org/v"],
        "refs": ["https://example.org/v"],
        "boolean": True,
        "datetime": "2024-01-01T00:00:00Z",
    }.get(type_name, "https://example.org/v")


def test_the_context_names_the_valueflows_1_0_terms() -> None:
    ctx = terms.context_document()["@context"]
    assert ctx["vf"] == "https://w3id.org/valueflows/ont/vf#"
    assert ctx["provider"] == {"@id": "vf:provider", "@type": "@id"}
    assert ctx["hasPointInTime"] == {"@id": "vf:hasPointInTime", "@type": "xsd:dateTime"}
    assert ctx["EconomicEvent"] == "vf:EconomicEvent"
    assert ctx["action"]["@type"] == "@vocab"


@pytest.mark.parametrize("fmt", formats.WRITABLE, ids=lambda f: f.name)
def test_a_record_serialised_in_each_format_parses_back_to_the_same_triples(fmt: formats.Format) -> None:
    original = record_graph()
    text = "".join(serialise(fmt, iter([original, Graph()])))
    assert isomorphic(Graph().parse(data=text, format=fmt.rdflib), original)


def test_json_ld_output_is_compact_and_carries_its_context() -> None:
    text = "".join(serialise(formats.JSONLD, iter([record_graph()])))
    (event,) = json.loads(text)["@graph"]
    assert event["@type"] == "EconomicEvent"
    assert event["action"] == "produce"
    assert event["provider"] == "https://example.org/a"
    assert event["resourceQuantity"]["hasNumericalValue"] == "2.5"


def test_the_old_namespace_is_rewritten() -> None:
    g = parse("<https://example.org/p> a <http://w3id.org/valueflows/ont/vf#Person> .", formats.TURTLE)
    assert (URIRef("https://example.org/p"), RDF.type, VF.Person) in g


def test_yaml_ld_keeps_timestamps_as_strings_and_reads_the_valueflows_vocab() -> None:
    text = """
'@context':
  - '@vocab': http://w3id.org/valueflows/ont/vf#
'@id': https://example.org/e
'@type': EconomicEvent
provider: https://example.org/a
hasPointInTime: 2019-04-08T10:00:00-5:00
"""
    g = parse(text, formats.YAMLLD)
    e = URIRef("https://example.org/e")
    assert (e, RDF.type, VF.EconomicEvent) in g
    assert (e, VF.provider, URIRef("https://example.org/a")) in g
    assert (e, VF.hasPointInTime, Literal("2019-04-08T10:00:00-5:00", datatype=XSD.dateTime)) in g


def test_a_malformed_time_is_reported_on_its_record() -> None:
    g = parse(
        "@prefix vf: <https://w3id.org/valueflows/ont/vf#> .\n"
        '<https://example.org/p> a vf:Process ; vf:name "p" ; vf:hasBeginning "2019-04-08T10:00:00-5:00" .',
        formats.TURTLE,
    )
    (problem,) = read_records(g, {"produce"}).problems
    assert problem.focus_node == "https://example.org/p" and problem.path == str(VF.hasBeginning)
    assert "ISO 8601" in problem.message


def test_relative_iris_are_refused() -> None:
    g = parse(
        '{"@context": {"@vocab": "https://w3id.org/valueflows/ont/vf#"}, "@id": "https://example.org/r",'
        ' "@type": "EconomicResource", "conformsTo": "apples"}',
        formats.JSONLD,
    )
    (problem,) = read_records(g, set()).problems
    assert "'apples' is a relative IRI" in problem.message


def test_remote_contexts_are_refused() -> None:
    with pytest.raises(InvalidInput, match="does not fetch"):
        parse(
            '{"@context": "https://example.org/ctx.jsonld", "@id": "https://example.org/x"}', formats.JSONLD
        )


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, formats.TURTLE),
        ("application/ld+json", formats.JSONLD),
        ("application/n-triples", formats.NTRIPLES),
        ("text/html, */*;q=0.8", formats.TURTLE),
        ("application/n-triples;q=0.5, application/ld+json;q=0.9", formats.JSONLD),
        ("application/*", formats.JSONLD),
        ("text/html", None),
        ("text/turtle;q=0", None),
    ],
)
def test_content_negotiation(accept: str | None, expected: formats.Format | None) -> None:
    assert formats.negotiate(accept) is expected


def test_the_canonical_form_applies_the_documented_normalisations() -> None:
    old = "http://w3id.org/valueflows/ont/vf#"
    g = parse(
        f"@prefix old: <{old}> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://example.org/p> a old:Person ; old:image <https://img.example/a.png> ;\n"
        "  old:accountingQuantity [ old:hasNumericalValue 5.0 ; old:hasUnit <https://example.org/u> ] ;\n"
        '  old:hasBeginning "2024-01-01T02:00:00+02:00"^^xsd:dateTime .',
        formats.TURTLE,
    )
    c = canonical(g)
    p = URIRef("https://example.org/p")
    assert (p, RDF.type, VF.Agent) in c
    assert (p, VF.image, Literal("https://img.example/a.png", datatype=XSD.anyURI)) in c
    (m,) = c.objects(p, VF.accountingQuantity)
    assert (m, RDF.type, VF.Measure) in c and str(c.value(m, VF.hasNumericalValue)) == "5"
    assert str(c.value(p, VF.hasBeginning)) == "2024-01-01T00:00:00Z"


def test_n_triples_escape_every_character_a_line_reader_would_break_on() -> None:
    g = Graph()
    odd = "a\x85b\u2028c\u2029d\x0be\x0cf\x1cg\rh\ni"
    g.add((URIRef("http://0.example/a"), URIRef("http://0.example/p"), Literal(odd)))
    text = writers.NTriplesWriter().batch(g)
    assert len(text.splitlines()) == 1
    assert next(iter(Graph().parse(data=text, format="nt").objects())) == Literal(odd)


def test_the_spool_reads_records_stated_in_pieces_with_inverse_links_turned_round() -> None:
    from vfgraph.ld.spool import spool

    e, p, kg = URIRef(EVENT), URIRef("https://example.org/p/1"), URIRef("https://example.org/kg")
    text = f"""<{p}> <{VF_IRI}hasInput> <{e}> .
<{e}> <{RDF.type}> <{VF.EconomicEvent}> .
<{p}> <{RDF.type}> <{VF.Process}> .
_:q <{VF.hasUnit}> <{kg}> .
<{e}> <{VF.resourceQuantity}> _:q .
_:q <{VF.hasNumericalValue}> "2"^^<{XSD.decimal}> .
"""
    spooled = spool(text, formats.NTRIPLES)
    try:
        batches = [[s for s, _ in roots] for roots in spooled.roots(10)]
        assert batches == [[str(e)], [str(p)]]  # one kind per chunk; the measure belongs to its event
        g = spooled.graph_of([str(e)])
        assert (e, VF.inputOf, p) in g and (p, URIRef(VF_IRI + "hasInput"), e) not in g
        assert len(g) == 5  # the event's triples and its measure's
        assert spooled.kinds_of([str(p), "https://example.org/elsewhere"]) == {str(p): Kind.PROCESS}
    finally:
        spooled.close()


def test_the_canonical_form_states_inverse_links_from_the_stored_end() -> None:
    e, p = URIRef(EVENT), URIRef("https://example.org/p/1")
    stated = Graph()
    stated.add((p, URIRef(VF_IRI + "hasOutput"), e))
    stored = Graph()
    stored.add((e, VF.outputOf, p))
    assert isomorphic(canonical(stated), canonical(stored))


def test_a_measure_stated_with_om2_properties_is_read_as_a_valueflows_measure() -> None:
    from vfgraph.ld.spool import spool

    om2 = "http://www.ontology-of-units-of-measure.org/resource/om-2/"
    text = f"""<{EVENT}> <{RDF.type}> <{VF.EconomicEvent}> ; <{VF.resourceQuantity}> [
        <{om2}hasNumericalValue> 3 ; <{om2}hasUnit> <{om2}kilogram> ] ."""
    spooled = spool(text, formats.TURTLE)
    try:
        g = spooled.graph_of([EVENT])
    finally:
        spooled.close()
    (measure,) = g.objects(URIRef(EVENT), VF.resourceQuantity)
    assert g.value(measure, VF.hasUnit) == URIRef(om2 + "kilogram")
    assert g.value(measure, VF.hasNumericalValue) == Literal(3)
