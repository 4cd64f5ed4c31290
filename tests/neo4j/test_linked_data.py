"""Linked-data import and export against the real Neo4j: round trips, rejections, external references,
reconciliation. Every test imports its own fixture with fresh IRIs."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

import pytest
import yaml
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from tests.linked_data import PREFIXES, every_kind, fresh_base
from tests.neo4j.world import World
from vfgraph.errors import NotFound
from vfgraph.ld import export, formats
from vfgraph.ld.canonical import canonical
from vfgraph.ld.importer import import_data
from vfgraph.ld.records import RULE_CLASS, RULE_IMMUTABLE, RULE_KIND, RULE_PROPERTY
from vfgraph.services.ledger import Ledger
from vfgraph.vocab.namespaces import VF

EXISTS = "MATCH (n) WHERE n.id IN $ids AND (n:Record OR n:External) RETURN n.id AS id, labels(n) AS labels"
RESOURCE = "MATCH (r:EconomicResource {id: $id}) RETURN r.accountingQuantityValue AS q, r.rev AS rev"


def stored(ledger: Ledger, ids: list[str]) -> dict[str, list[str]]:
    return {row["id"]: row["labels"] for row in ledger.store.rows(EXISTS, {"ids": ids})}


def exported(ledger: Ledger, iris: list[str], fmt: formats.Format = formats.TURTLE) -> Graph:
    return Graph().parse(data="".join(export.export(ledger, fmt, iris=iris)), format=fmt.rdflib)


@pytest.mark.parametrize("fmt", formats.WRITABLE, ids=lambda f: f.name)
def test_every_record_kind_round_trips_through_each_format(ledger: Ledger, fmt: formats.Format) -> None:
    fixture = every_kind()
    # The fixture is written in the format under test by a first import and export.
    report = import_data(ledger, fixture.turtle, formats.TURTLE)
    assert report.ok and report.written, report.to_json()
    text = "".join(export.export(ledger, fmt, iris=fixture.iris))

    again = fixture.moved()
    moved = text.replace(fixture.base, again.base)
    report = import_data(ledger, moved, fmt)
    assert report.ok and report.written, report.to_json()

    expected = canonical(Graph().parse(data=again.turtle, format="turtle"))
    assert isomorphic(canonical(exported(ledger, again.iris, fmt)), expected)


def test_yaml_ld_in_the_form_of_the_valueflows_examples_is_read(ledger: Ledger) -> None:
    base = fresh_base()
    doc = {
        "@context": [{"@vocab": "http://w3id.org/valueflows/ont/vf#"}, {"ex": base}],
        "@graph": [
            {"@id": "ex:kg", "@type": "Unit", "label": "kilogram", "symbol": "kg"},
            {"@id": "ex:farm", "@type": "Organization", "name": "Farm"},
            {"@id": "ex:apples", "@type": "ResourceSpecification", "name": "apples"},
            {
                "@id": "ex:pick",
                "@type": "EconomicEvent",
                "action": "produce",
                "provider": f"{base}farm",
                "receiver": f"{base}farm",
                "resourceConformsTo": f"{base}apples",
                "resourceQuantity": {"hasUnit": f"{base}kg", "hasNumericalValue": 3},
                "hasPointInTime": "2019-04-08T10:00:00-05:00",
            },
        ],
    }
    report = import_data(ledger, yaml.safe_dump(doc, sort_keys=False), formats.YAMLLD)
    assert report.ok and report.written, report.to_json()
    g = exported(ledger, [f"{base}pick"])
    event = URIRef(f"{base}pick")
    assert (event, VF.action, VF.produce) in g
    assert (event, VF.provider, URIRef(f"{base}farm")) in g  # an IRI, not a string
    (when,) = g.objects(event, VF.hasPointInTime)
    assert when.toPython().isoformat() == "2019-04-08T15:00:00+00:00"
    (measure,) = g.objects(event, VF.resourceQuantity)
    assert g.value(measure, VF.hasNumericalValue).toPython() == Decimal(3)


def test_the_old_namespace_is_read_as_the_current_one(ledger: Ledger) -> None:
    fixture = every_kind()
    old = fixture.turtle.replace("https://w3id.org/valueflows/ont/vf#", "http://w3id.org/valueflows/ont/vf#")
    report = import_data(ledger, old, formats.TURTLE)
    assert report.ok, report.to_json()
    out = exported(ledger, fixture.iris)
    assert (URIRef(fixture.iri("alice")), RDF.type, VF.Person) in out
    assert not [p for p in out.predicates() if str(p).startswith("http://w3id.org/")]


def test_a_file_with_one_bad_record_is_rejected_whole_with_the_shape_path_and_message(ledger: Ledger) -> None:
    fixture = every_kind()
    bad = fixture.turtle + f"<{fixture.base}nobody> a vf:EconomicEvent ; vf:action vf:produce ;\n"
    bad += '    vf:hasPointInTime "2024-01-01T00:00:00Z"^^xsd:dateTime .\n'
    report = import_data(ledger, bad, formats.TURTLE)
    assert not report.ok and not report.written
    focus = {v.focus_node for v in report.rejected}
    assert focus == {fixture.iri("nobody")}
    messages = " ".join(v.message for v in report.rejected)
    assert "needs a vf:provider" in messages and "needs a vf:resourceQuantity" in messages
    assert all(v.shape.startswith("https://w3id.org/vfgraph/shapes#") for v in report.rejected)
    assert stored(ledger, fixture.iris) == {}


def test_a_dry_run_reports_without_writing(ledger: Ledger) -> None:
    fixture = every_kind()
    report = import_data(ledger, fixture.turtle, formats.TURTLE, dry_run=True)
    assert report.ok and not report.written
    assert sum(report.records.values()) == len(fixture.iris)
    assert stored(ledger, fixture.iris) == {}


def test_terms_vfgraph_cannot_store_are_refused_rather_than_dropped(ledger: Ledger) -> None:
    base = fresh_base()
    text = PREFIXES + (
        f'<{base}a> a vf:Person ; vf:name "A" ; vf:trackingIdentifier "p-1" .\n'
        f'<{base}c> a vf:ProposalList ; vf:note "a list of proposals" .\n'
    )
    report = import_data(ledger, text, formats.TURTLE)
    rules = {(v.focus_node, v.shape) for v in report.rejected}
    assert rules == {(f"{base}a", RULE_PROPERTY), (f"{base}c", RULE_CLASS)}
    assert stored(ledger, [f"{base}a", f"{base}c"]) == {}


def test_remote_contexts_are_not_fetched(ledger: Ledger) -> None:
    doc = {"@context": "https://example.org/some/context.jsonld", "@id": "https://example.org/x", "name": "x"}
    report = import_data(ledger, json.dumps(doc), formats.JSONLD)
    assert report.error is not None and "does not fetch" in report.error


def test_external_references_are_kept_as_iris_and_become_records_when_imported(ledger: Ledger) -> None:
    fixture = every_kind()
    report = import_data(ledger, fixture.turtle, formats.TURTLE)
    (outsider,) = report.external
    assert stored(ledger, [outsider]) == {outsider: ["External"]}
    out = exported(ledger, fixture.iris)
    assert (URIRef(fixture.iri("gift")), VF.receiver, URIRef(outsider)) in out
    assert not list(out.predicate_objects(URIRef(outsider)))  # a plain IRI, nothing invented

    report = import_data(ledger, PREFIXES + f'<{outsider}> a vf:Person ; vf:name "Bob" .', formats.TURTLE)
    assert report.ok and report.external == []
    assert sorted(stored(ledger, [outsider])[outsider]) == ["Agent", "Person", "Record"]
    assert (URIRef(fixture.iri("gift")), VF.receiver, URIRef(outsider)) in exported(ledger, fixture.iris)


def test_import_stores_quantities_as_stated_and_reports_what_the_events_say(ledger: Ledger) -> None:
    fixture = every_kind()
    stated = fixture.turtle.replace(
        '"7.5"^^xsd:decimal ; vf:hasUnit :kg ] ;\n    vf:primary',
        '"9"^^xsd:decimal ; vf:hasUnit :kg ] ;\n    vf:primary',
    )
    report = import_data(ledger, stated, formats.TURTLE)
    assert report.ok
    # The events are not applied again: the resource holds what the file states.
    assert ledger.store.rows(RESOURCE, {"id": fixture.iri("lot")})[0]["q"] == "7.5"
    found = {(d.resource, d.quantity): d for d in report.discrepancies}
    onhand = found[(fixture.iri("lot"), "onhandQuantity")]
    assert onhand.stated == f"9 {fixture.iri('kg')}" and onhand.from_events == f"7.5 {fixture.iri('kg')}"
    assert (fixture.iri("lot"), "accountingQuantity") not in found


def test_importing_the_same_file_twice_changes_nothing_but_revisions(ledger: Ledger) -> None:
    fixture = every_kind()
    assert import_data(ledger, fixture.turtle, formats.TURTLE).ok
    first = canonical(exported(ledger, fixture.iris))
    assert import_data(ledger, fixture.turtle, formats.TURTLE).ok
    assert isomorphic(canonical(exported(ledger, fixture.iris)), first)
    assert ledger.store.rows(RESOURCE, {"id": fixture.iri("lot")})[0]["rev"] == 2


def test_a_record_stored_as_another_kind_is_not_overwritten(ledger: Ledger, world: World) -> None:
    text = PREFIXES + f'<{world.farm}> a vf:Person ; vf:name "not a farm" .'
    report = import_data(ledger, text, formats.TURTLE)
    assert [(v.focus_node, v.shape) for v in report.rejected] == [(world.farm, RULE_KIND)]


def test_what_the_ledger_wrote_exports_as_data_that_imports_cleanly(ledger: Ledger, world: World) -> None:
    lot = world.stock("12")
    world.event(
        "consume",
        resourceInventoriedAs=lot,
        resourceQuantity={"hasNumericalValue": Decimal(2), "hasUnit": world.kg},
    )
    iris = [world.farm, world.kg, world.grain, lot]
    report = import_data(
        ledger, "".join(export.export(ledger, formats.NTRIPLES, iris=iris)), formats.NTRIPLES, dry_run=True
    )
    assert report.ok, report.to_json()


def test_export_from_a_root_follows_the_track_and_the_records_it_refers_to(
    ledger: Ledger, world: World
) -> None:
    lot = world.stock("5")
    out = Graph().parse(
        data="".join(export.export(ledger, formats.TURTLE, root=lot, direction="upstream")), format="turtle"
    )
    subjects = {str(s) for s in out.subjects(RDF.type, None)}
    assert {lot, world.farm, world.grain, world.kg} <= subjects
    assert any(out.subjects(VF.resourceInventoriedAs, URIRef(lot)))  # the raise that made it


def test_export_from_an_unknown_root_is_refused(ledger: Ledger) -> None:
    with pytest.raises(NotFound):
        export.export(ledger, formats.TURTLE, root="https://example.org/none/" + uuid.uuid4().hex)


def test_a_recorded_event_cannot_be_restated_differently(ledger: Ledger) -> None:
    fixture = every_kind()
    assert import_data(ledger, fixture.turtle, formats.TURTLE).ok
    changed = fixture.turtle.replace('vf:note "harvest"', 'vf:note "a different story"')
    assert changed != fixture.turtle
    report = import_data(ledger, changed, formats.TURTLE)
    assert [(v.focus_node, v.shape) for v in report.rejected] == [(fixture.iri("raise"), RULE_IMMUTABLE)]
    assert not report.written
