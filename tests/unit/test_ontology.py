"""The project's ValueFlows ontology, its namespaces, and the actions read from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef

from vfgraph.domain.actions import NOT_APPLICABLE, Action
from vfgraph.domain.fields import FIELDS
from vfgraph.domain.kinds import Kind
from vfgraph.settings import Settings
from vfgraph.vocab import views
from vfgraph.vocab.files import ontology_dir, shapes_dir
from vfgraph.vocab.namespaces import VF, VF_IRI, VFG, VFG_IRI
from vfgraph.vocab.ontology import (
    BEHAVIOUR_PROPERTIES,
    Ontology,
    OntologyError,
    load_ontology,
)

ALL_ACTIONS = {
    "accept",
    "cite",
    "combine",
    "consume",
    "copy",
    "deliverService",
    "dropoff",
    "lower",
    "modify",
    "move",
    "pickup",
    "produce",
    "raise",
    "separate",
    "transfer",
    "transferAllRights",
    "transferCustody",
    "use",
    "work",
}


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return load_ontology()


def _declared_terms(graph: Graph, namespace: str) -> set[str]:
    return {
        str(s)[len(namespace) :]
        for s in graph.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(namespace)
    }


def test_the_ontology_folders_are_found_at_the_repository_root() -> None:
    assert (ontology_dir() / "vf.ttl").is_file()
    assert (ontology_dir() / "vfgraph.ttl").is_file()
    assert any(shapes_dir().glob("*.ttl"))


def test_settings_move_the_ontology_and_shapes_folders(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {"VFGRAPH_ONTOLOGY_DIR": str(tmp_path / "onto"), "VFGRAPH_SHAPES_DIR": str(tmp_path / "shapes")}
    )

    assert settings.ontology_dir == tmp_path / "onto"
    assert settings.shapes_dir == tmp_path / "shapes"


def test_the_ontology_is_loaded_from_an_overridden_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(ontology_dir() / "vf.ttl", tmp_path / "vf.ttl")
    monkeypatch.setenv("VFGRAPH_ONTOLOGY_DIR", str(tmp_path))

    assert set(load_ontology().actions) == ALL_ACTIONS


def test_the_ontology_header_names_version_one_and_says_it_is_vfgraphs_rendition(
    ontology: Ontology,
) -> None:
    headers = list(ontology.graph.subjects(RDF.type, OWL.Ontology))
    vf_header = URIRef("https://w3id.org/vfgraph/ontology/vf")

    assert vf_header in headers
    assert ontology.graph.value(vf_header, OWL.versionInfo) == Literal("1.0.0")
    assert "rendition" in str(ontology.graph.value(vf_header, RDFS.comment))


def test_all_nineteen_actions_are_declared(ontology: Ontology) -> None:
    assert set(ontology.actions) == ALL_ACTIONS
    declared = {str(s)[len(VF_IRI) :] for s in ontology.graph.subjects(RDF.type, VF.Action)}
    assert declared == ALL_ACTIONS


def test_every_action_has_each_behaviour_property_exactly_once(ontology: Ontology) -> None:
    for name in ALL_ACTIONS:
        for prop in BEHAVIOUR_PROPERTIES:
            values = list(ontology.graph.objects(VF[name], VF[prop]))
            assert len(values) == 1, f"vf:{name} vf:{prop}: {values}"


def test_produce_is_an_output_that_may_create_and_increments(ontology: Ontology) -> None:
    assert ontology.action("produce") == Action(
        id="produce",
        label="produce",
        input_output="output",
        pairs_with=NOT_APPLICABLE,
        create_resource="optional",
        event_quantity="resource",
        accounting_effect="increment",
        onhand_effect="increment",
        location_effect="new",
        contained_effect=NOT_APPLICABLE,
        accountable_effect="new",
        stage_effect="update",
        state_effect="update",
    )


def test_transfer_moves_quantities_rights_and_custody_to_the_receiving_resource(
    ontology: Ontology,
) -> None:
    transfer = ontology.action("transfer")

    assert transfer.input_output == NOT_APPLICABLE
    assert transfer.create_resource == "optionalTo"
    assert transfer.accounting_effect == "decrementIncrement"
    assert transfer.onhand_effect == "decrementIncrement"
    assert transfer.location_effect == "updateTo"
    assert transfer.accountable_effect == "updateTo"
    assert transfer.state_effect == "updateTo"
    assert transfer.has_to_resource


def test_pickup_and_dropoff_pair_with_each_other(ontology: Ontology) -> None:
    assert ontology.action("pickup").pairs_with == "dropoff"
    assert ontology.action("dropoff").pairs_with == "pickup"
    assert (VF.pickup, VF.pairsWith, VF.dropoff) in ontology.graph
    assert ontology.action("accept").pairs_with == "modify"
    assert ontology.action("modify").pairs_with == "accept"


def test_work_records_effort_only(ontology: Ontology) -> None:
    work = ontology.action("work")

    assert work.event_quantity == "effort"
    assert work.needs_effort
    assert not work.needs_resource_quantity
    assert work.is_input


def test_use_records_both_quantities(ontology: Ontology) -> None:
    use = ontology.action("use")

    assert use.event_quantity == "both"
    assert use.needs_effort
    assert use.needs_resource_quantity


def test_copy_increments_only_the_receiving_resource(ontology: Ontology) -> None:
    copy = ontology.action("copy")

    assert copy.accounting_effect == "incrementTo"
    assert copy.onhand_effect == "incrementTo"
    assert copy.create_resource == "optionalTo"


def test_deliver_service_may_be_both_output_and_input(ontology: Ontology) -> None:
    deliver = ontology.action("deliverService")

    assert deliver.input_output == "outputInput"
    assert deliver.is_input
    assert deliver.is_output
    assert deliver.label == "deliver service"


def test_behaviour_values_are_typed_with_the_range_of_their_property(
    ontology: Ontology,
) -> None:
    graph = ontology.graph
    for prop in BEHAVIOUR_PROPERTIES:
        value_class = graph.value(VF[prop], RDFS.range)
        assert value_class is not None, f"vf:{prop} has no range"
        for value in set(graph.objects(None, VF[prop])):
            types = set(graph.objects(value, RDF.type))
            allowed = {value_class, VF.Action} if prop == "pairsWith" else {value_class}
            assert types & allowed, f"{value} is used as vf:{prop} but is not a {value_class}"


def test_not_applicable_is_an_individual_not_a_class(ontology: Ontology) -> None:
    graph = ontology.graph

    assert (VF.notApplicable, RDF.type, OWL.NamedIndividual) in graph
    assert (VF.notApplicable, RDF.type, OWL.Class) not in graph
    assert (VF.notApplicable, RDF.type, VF.PairsWith) in graph
    assert (VF.PairsWith, RDF.type, OWL.Class) in graph


def test_every_vf_term_the_ontology_mentions_is_declared(ontology: Ontology) -> None:
    graph = ontology.graph
    mentioned = {
        term
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(VF_IRI)
    }
    undeclared = sorted(t for t in mentioned if (t, RDF.type, None) not in graph)

    assert undeclared == []


def test_classifications_are_iri_valued_and_state_is_a_string(ontology: Ontology) -> None:
    graph = ontology.graph
    for prop in (VF.classifiedAs, VF.resourceClassifiedAs):
        assert (prop, RDF.type, OWL.ObjectProperty) in graph
        assert graph.value(prop, RDFS.range) is None
    assert (VF.state, RDF.type, OWL.DatatypeProperty) in graph
    assert graph.value(VF.state, RDFS.range) == XSD.string


def test_no_property_carries_cardinality_annotations(ontology: Ontology) -> None:
    graph = ontology.graph
    for cardinality in (OWL.maxCardinality, OWL.minCardinality, OWL.cardinality):
        assert list(graph.subjects(cardinality, None)) == []


def test_every_label_and_comment_is_english_text(ontology: Ontology) -> None:
    for predicate in (RDFS.label, RDFS.comment):
        for _, text in ontology.graph.subject_objects(predicate):
            assert isinstance(text, Literal)
            assert text.language == "en"


def test_the_vf_namespace_lists_exactly_the_terms_the_ontology_declares(
    ontology: Ontology,
) -> None:
    declared = _declared_terms(ontology.graph, VF_IRI)

    assert {term for term in declared if term not in VF} == set()
    assert {str(iri)[len(VF_IRI) :] for iri in dir(VF)} | {"raise"} == declared


def test_the_vfg_namespace_lists_exactly_the_terms_vfgraph_ttl_declares() -> None:
    graph = Graph().parse(ontology_dir() / "vfgraph.ttl")
    declared = _declared_terms(graph, VFG_IRI)

    assert {str(iri)[len(VFG_IRI) :] for iri in dir(VFG)} == declared
    assert graph.value(VFG.createdAt, RDFS.range) == XSD.dateTime
    assert graph.value(VFG.revisionId, RDFS.range) == XSD.string


def test_the_namespaces_refuse_unknown_terms() -> None:
    assert VF["raise"] == URIRef(VF_IRI + "raise")
    with pytest.raises(AttributeError):
        _ = VF.locatedAt
    with pytest.raises(AttributeError):
        _ = VFG.nonsense


def test_action_triples_are_the_statements_about_the_action_individual(
    ontology: Ontology,
) -> None:
    triples = ontology.action_triples("pickup")

    assert {s for s, _, _ in triples} == {VF.pickup}
    assert (VF.pickup, RDF.type, VF.Action) in triples
    assert (VF.pickup, VF.pairsWith, VF.dropoff) in triples
    assert {p for _, p, _ in triples} >= {VF[prop] for prop in BEHAVIOUR_PROPERTIES}


def test_asking_for_an_unknown_action_is_a_key_error(ontology: Ontology) -> None:
    with pytest.raises(KeyError):
        ontology.action("steal")
    with pytest.raises(KeyError):
        ontology.action_triples("steal")


def test_the_actions_mapping_is_read_only(ontology: Ontology) -> None:
    with pytest.raises(TypeError):
        ontology.actions["steal"] = ontology.action("produce")  # type: ignore[index]


def test_an_action_missing_a_behaviour_property_is_rejected(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix vf: <https://w3id.org/valueflows/ont/vf#> .\n"
        "vf:produce a vf:Action ; vf:inputOutput vf:output .\n",
        encoding="utf-8",
    )

    with pytest.raises(OntologyError, match="vf:pairsWith"):
        load_ontology(broken)


def test_a_missing_ontology_is_reported(tmp_path: Path) -> None:
    with pytest.raises(OntologyError, match="not found"):
        load_ontology(tmp_path / "absent.ttl")


def test_every_class_and_property_the_ledger_writes_is_declared_in_an_ontology_file() -> None:
    declared = Graph().parse(ontology_dir() / "vf.ttl") + Graph().parse(ontology_dir() / "vfgraph.ttl")
    written = {views.class_of(kind) for kind in Kind} | {
        views.predicate(kind, field) for kind, fields in FIELDS.items() for field in fields
    }
    undeclared = sorted(str(term) for term in written if (term, RDF.type, None) not in declared)

    assert undeclared == []
