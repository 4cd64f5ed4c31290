"""The SHACL shapes, run over RDF views built as docs/rdf-view.md describes them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH

from vfgraph.vocab.files import shapes_dir
from vfgraph.vocab.namespaces import SHAPES_IRI, VF, VF_IRI
from vfgraph.vocab.ontology import Ontology, load_ontology
from vfgraph.vocab.shacl import ShapesValidator, ShapesValidatorError, Violation

PREFIXES = """\
@prefix vf:  <https://w3id.org/valueflows/ont/vf#> .
@prefix vfg: <https://w3id.org/vfgraph/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex:  <https://example.org/> .
"""

# Typing triples of the records the views below refer to, as the store would give them.
REFERENCES = """\
ex:alice a vf:Person, vf:Agent .
ex:coop a vf:Organization, vf:Agent .
ex:kg a vf:Unit .
ex:hour a vf:Unit .
ex:wheat a vf:ResourceSpecification .
ex:milling a vf:ProcessSpecification .
ex:mill-run a vf:Process .
ex:flour-stock a vf:EconomicResource .
ex:coop-stock a vf:EconomicResource .
"""

NOW = '"2024-05-01T09:30:00Z"^^xsd:dateTime'


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return load_ontology()


@pytest.fixture(scope="module")
def validator() -> ShapesValidator:
    return ShapesValidator()


def view(ontology: Ontology, turtle: str) -> Graph:
    """A view: the record, the references' typing triples and each named action's triples."""
    graph = Graph().parse(data=PREFIXES + REFERENCES + turtle, format="turtle")
    for action in set(graph.objects(None, VF.action)):
        name = str(action)[len(VF_IRI) :]
        if name in ontology.actions:
            for triple in ontology.action_triples(name):
                graph.add(triple)
    return graph


def shape(local_name: str) -> str:
    return SHAPES_IRI + local_name


def only(violations: list[Violation]) -> Violation:
    assert len(violations) == 1, violations
    return violations[0]


def from_shape(violations: list[Violation], local_name: str) -> Violation:
    matching = [v for v in violations if v.shape == shape(local_name)]
    assert len(matching) == 1, violations
    return matching[0]


def event(body: str) -> str:
    """An event record with provider, receiver and time; ``body`` adds the rest."""
    return f"""
ex:event a vf:EconomicEvent ;
    vf:provider ex:coop ;
    vf:receiver ex:coop ;
    vf:hasPointInTime {NOW} ;
    {body} .
"""


def quantity(value: str = "10.0", unit: str = "ex:kg") -> str:
    return f"[ a vf:Measure ; vf:hasNumericalValue {value} ; vf:hasUnit {unit} ]"


# --- the shapes themselves -----------------------------------------------------------------


def test_the_shapes_parse_and_every_named_shape_has_a_message(
    validator: ShapesValidator,
) -> None:
    graph = validator.shapes_graph
    named = {
        s
        for kind in (SH.NodeShape, SH.PropertyShape)
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef)
    }

    assert len(named) > 50
    assert all(str(s).startswith(SHAPES_IRI) for s in named)
    assert [s for s in named if graph.value(s, SH.message) is None] == []


def test_shapes_are_targeted_by_class_only(validator: ShapesValidator) -> None:
    graph = validator.shapes_graph

    assert set(graph.subjects(SH.targetClass, None))
    for other in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target):
        assert list(graph.subjects(other, None)) == []


def test_the_shapes_name_no_action_but_read_behaviour_from_the_ontology(
    validator: ShapesValidator, ontology: Ontology
) -> None:
    actions = {URIRef(VF_IRI + name) for name in ontology.actions}
    mentioned = {term for triple in validator.shapes_graph for term in triple}

    assert mentioned & actions == set()


def test_a_missing_shapes_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ShapesValidatorError):
        ShapesValidator(tmp_path)


def test_the_shapes_folder_can_be_given_explicitly() -> None:
    assert ShapesValidator(shapes_dir()).shapes_graph


def test_validation_leaves_the_view_unchanged(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(ontology, 'ex:p a vf:Person, vf:Agent ; vf:name "Pat" .')
    before = len(data)

    validator.validate(data)

    assert len(data) == before


def test_a_violation_is_a_frozen_value(validator: ShapesValidator, ontology: Ontology) -> None:
    found = only(validator.validate(view(ontology, "ex:p a vf:Person, vf:Agent ; vf:name 7 .")))

    assert found.severity == "Violation"
    assert found.focus_node == "https://example.org/p"
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.message = "changed"  # type: ignore[misc]


# --- agents ----------------------------------------------------------------------------------


def test_a_complete_person_passes(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        """ex:pat a vf:Person, vf:Agent ; vf:name "Pat" ; vf:note "baker" ;
               vf:image "https://example.org/pat.png"^^xsd:anyURI ;
               vfg:revisionId "r1" ; vfg:createdAt """
        + NOW
        + " .",
    )

    assert validator.validate(data) == []


def test_a_classified_organization_and_an_ecological_agent_pass(
    validator: ShapesValidator, ontology: Ontology
) -> None:
    data = view(
        ontology,
        """ex:guild a vf:Organization, vf:Agent ; vf:name "Guild" ;
               vf:classifiedAs <https://example.org/kinds/cooperative> .
           ex:river a vf:EcologicalAgent, vf:Agent ; vf:name "River" .""",
    )

    assert validator.validate(data) == []


def test_a_person_without_a_name_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    found = only(validator.validate(view(ontology, 'ex:pat a vf:Person, vf:Agent ; vf:note "n" .')))

    assert found.shape == shape("Agent-nameRequired")
    assert "vf:name" in found.message
    assert found.path is None


def test_a_name_that_is_not_a_string_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    found = only(validator.validate(view(ontology, "ex:guild a vf:Organization, vf:Agent ; vf:name 42 .")))

    assert found.path == str(VF.name)
    assert "xsd:string" in found.message


def test_two_names_fail(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(ontology, 'ex:pat a vf:Person, vf:Agent ; vf:name "Pat", "Patricia" .')

    assert only(validator.validate(data)).path == str(VF.name)


def test_an_agent_not_also_typed_agent_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    found = only(validator.validate(view(ontology, 'ex:pat a vf:Person ; vf:name "Pat" .')))

    assert found.shape == shape("Agent-isAgent")


def test_a_classification_must_be_an_iri(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(ontology, 'ex:g a vf:Organization, vf:Agent ; vf:name "G" ; vf:classifiedAs "co" .')

    assert only(validator.validate(data)).path == str(VF.classifiedAs)


# --- units and measures ----------------------------------------------------------------------


def test_a_complete_unit_passes(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(ontology, 'ex:g a vf:Unit ; vf:label "gram" ; vf:symbol "g" ; vf:omUnitIdentifier "gram" .')

    assert validator.validate(data) == []


def test_a_unit_without_a_symbol_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    found = only(validator.validate(view(ontology, 'ex:g a vf:Unit ; vf:label "gram" .')))

    assert found.shape == shape("Unit-symbolRequired")
    assert "vf:symbol" in found.message


def test_a_unit_label_that_is_not_a_string_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(ontology, 'ex:g a vf:Unit ; vf:label true ; vf:symbol "g" .')

    assert only(validator.validate(data)).path == str(VF.label)


def test_a_measure_without_a_unit_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        """ex:res a vf:EconomicResource ; vf:conformsTo ex:wheat ;
               vf:accountingQuantity [ a vf:Measure ; vf:hasNumericalValue 3.5 ] .""",
    )
    found = only(validator.validate(data))

    assert found.path == str(VF.hasUnit)
    assert found.focus_node.startswith("_:")
    assert "vf:Measure" in found.message


def test_a_measure_with_a_non_decimal_number_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        """ex:res a vf:EconomicResource ; vf:conformsTo ex:wheat ;
               vf:accountingQuantity [ a vf:Measure ; vf:hasNumericalValue "3" ; vf:hasUnit ex:kg ] .""",
    )

    assert only(validator.validate(data)).path == str(VF.hasNumericalValue)


def test_a_measure_in_an_unknown_unit_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        f"ex:res a vf:EconomicResource ; vf:conformsTo ex:wheat ; "
        f"vf:accountingQuantity {quantity(unit='ex:furlong')} .",
    )

    assert only(validator.validate(data)).path == str(VF.hasUnit)


# --- specifications and processes ------------------------------------------------------------


def test_a_complete_resource_specification_passes(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        """ex:flour a vf:ResourceSpecification ; vf:name "Flour" ; vf:note "type 55" ;
               vf:resourceClassifiedAs <https://example.org/kinds/food> ;
               vf:defaultUnitOfResource ex:kg ; vf:defaultUnitOfEffort ex:hour ;
               vf:substitutable true .""",
    )

    assert validator.validate(data) == []


def test_a_resource_specification_with_a_default_unit_that_is_no_unit_fails(
    validator: ShapesValidator, ontology: Ontology
) -> None:
    data = view(
        ontology,
        'ex:flour a vf:ResourceSpecification ; vf:name "Flour" ; vf:defaultUnitOfResource ex:wheat .',
    )

    assert only(validator.validate(data)).path == str(VF.defaultUnitOfResource)


def test_a_resource_specification_without_a_name_fails(
    validator: ShapesValidator, ontology: Ontology
) -> None:
    data = view(ontology, "ex:flour a vf:ResourceSpecification ; vf:substitutable false .")

    assert only(validator.validate(data)).shape == shape("ResourceSpecification-nameRequired")


def test_a_process_specification_passes_and_needs_a_name(
    validator: ShapesValidator, ontology: Ontology
) -> None:
    good = view(ontology, 'ex:baking a vf:ProcessSpecification ; vf:name "Baking" .')
    bad = view(ontology, 'ex:baking a vf:ProcessSpecification ; vf:note "no name" .')

    assert validator.validate(good) == []
    assert only(validator.validate(bad)).shape == shape("ProcessSpecification-nameRequired")


def test_a_complete_process_passes(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        f"""ex:run2 a vf:Process ; vf:name "Second run" ; vf:hasBeginning {NOW} ;
               vf:finished false ; vf:inScopeOf ex:coop ; vf:basedOn ex:milling ;
               vf:classifiedAs <https://example.org/kinds/milling> .""",
    )

    assert validator.validate(data) == []


def test_a_process_with_a_date_string_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(ontology, 'ex:run2 a vf:Process ; vf:name "Run" ; vf:hasEnd "tomorrow" .')

    assert only(validator.validate(data)).path == str(VF.hasEnd)


def test_a_process_based_on_something_else_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(ontology, 'ex:run2 a vf:Process ; vf:name "Run" ; vf:basedOn ex:wheat .')

    assert only(validator.validate(data)).path == str(VF.basedOn)


# --- economic resources ----------------------------------------------------------------------


def test_a_complete_economic_resource_passes(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        f"""ex:lot7 a vf:EconomicResource ; vf:name "Lot 7" ; vf:trackingIdentifier "L7" ;
               vf:conformsTo ex:wheat ; vf:accountingQuantity {quantity()} ;
               vf:onhandQuantity {quantity()} ; vf:unitOfEffort ex:hour ;
               vf:primaryAccountable ex:coop ; vf:containedIn ex:coop-stock ;
               vf:stage ex:milling ; vf:state "dry" ;
               vf:currentLocation <https://example.org/places/barn> .""",
    )

    assert validator.validate(data) == []


def test_an_economic_resource_without_a_specification_fails(
    validator: ShapesValidator, ontology: Ontology
) -> None:
    data = view(ontology, 'ex:lot7 a vf:EconomicResource ; vf:name "Lot 7" .')

    assert only(validator.validate(data)).shape == shape("EconomicResource-conformsToRequired")


def test_an_economic_resource_accountable_to_a_non_agent_fails(
    validator: ShapesValidator, ontology: Ontology
) -> None:
    data = view(
        ontology,
        "ex:lot7 a vf:EconomicResource ; vf:conformsTo ex:wheat ; vf:primaryAccountable ex:kg .",
    )

    assert only(validator.validate(data)).path == str(VF.primaryAccountable)


# --- economic events: valid ------------------------------------------------------------------


def test_producing_into_an_existing_resource_passes(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        event(
            f"""vf:action vf:produce ; vf:outputOf ex:mill-run ;
                vf:resourceInventoriedAs ex:flour-stock ; vf:resourceQuantity {quantity()} ;
                vf:note "morning batch" ; vf:inScopeOf ex:coop ;
                vf:toLocation <https://example.org/places/barn> ;
                vf:agreedIn <https://example.org/agreements/1> ;
                vf:atLocation <https://example.org/places/mill>"""
        ),
    )

    assert validator.validate(data) == []


def test_producing_a_new_resource_passes(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        event(
            f"""vf:action vf:produce ; vf:outputOf ex:mill-run ;
                vf:resourceInventoriedAs ex:new-lot ; vf:resourceQuantity {quantity()}"""
        )
        + f"""ex:new-lot a vf:EconomicResource ; vf:name "New lot" ; vf:conformsTo ex:wheat ;
                 vf:accountingQuantity {quantity()} ; vf:primaryAccountable ex:coop .""",
    )

    assert validator.validate(data) == []


def test_work_with_an_effort_quantity_passes(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        event(
            f"""vf:action vf:work ; vf:inputOf ex:mill-run ;
                vf:resourceConformsTo ex:wheat ; vf:effortQuantity {quantity("2.5", "ex:hour")}"""
        ),
    )

    assert validator.validate(data) == []


def test_use_with_both_quantities_passes(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        event(
            f"""vf:action vf:use ; vf:inputOf ex:mill-run ; vf:resourceInventoriedAs ex:coop-stock ;
                vf:resourceQuantity {quantity("1.0")} ;
                vf:effortQuantity {quantity("3.0", "ex:hour")}"""
        ),
    )

    assert validator.validate(data) == []


def test_transferring_into_a_new_resource_passes(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        f"""ex:event a vf:EconomicEvent ; vf:action vf:transfer ;
                vf:provider ex:coop ; vf:receiver ex:alice ; vf:hasBeginning {NOW} ;
                vf:resourceInventoriedAs ex:flour-stock ; vf:toResourceInventoriedAs ex:alice-flour ;
                vf:resourceQuantity {quantity("4.0")} .
            ex:alice-flour a vf:EconomicResource ; vf:conformsTo ex:wheat ;
                vf:primaryAccountable ex:alice .""",
    )

    assert validator.validate(data) == []


def test_delivering_a_service_may_be_output_and_input_at_once(
    validator: ShapesValidator, ontology: Ontology
) -> None:
    data = view(
        ontology,
        event(
            f"""vf:action vf:deliverService ; vf:outputOf ex:mill-run ; vf:inputOf ex:other-run ;
                vf:resourceConformsTo ex:wheat ; vf:resourceQuantity {quantity("1.0", "ex:hour")}"""
        )
        + "ex:other-run a vf:Process .",
    )

    assert validator.validate(data) == []


def test_a_correction_may_carry_a_negative_quantity(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        event(
            f"""vf:action vf:consume ; vf:inputOf ex:mill-run ; vf:corrects ex:earlier ;
                vf:resourceInventoriedAs ex:flour-stock ; vf:resourceQuantity {quantity("-2.0")}"""
        )
        + "ex:earlier a vf:EconomicEvent .",
    )

    assert validator.validate(data) == []


# --- economic events: action-dependent rules -------------------------------------------------


def test_work_without_an_effort_quantity_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology, event("vf:action vf:work ; vf:inputOf ex:mill-run ; vf:resourceConformsTo ex:wheat")
    )
    found = only(validator.validate(data))

    assert found.shape == shape("EconomicEvent-effortQuantityRule")
    assert "vf:eventQuantity is effort" in found.message
    assert "vf:effortQuantity" in found.message


def test_use_needs_both_quantities(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        event(
            f"""vf:action vf:use ; vf:inputOf ex:mill-run ; vf:resourceInventoriedAs ex:coop-stock ;
                vf:resourceQuantity {quantity("1.0")}"""
        ),
    )

    assert only(validator.validate(data)).shape == shape("EconomicEvent-effortQuantityRule")


def test_produce_without_a_resource_quantity_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        event("vf:action vf:produce ; vf:outputOf ex:mill-run ; vf:resourceConformsTo ex:wheat"),
    )

    assert only(validator.validate(data)).shape == shape("EconomicEvent-resourceQuantityRule")


def test_consume_as_the_output_of_a_process_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        event(
            f"""vf:action vf:consume ; vf:outputOf ex:mill-run ;
                vf:resourceInventoriedAs ex:flour-stock ; vf:resourceQuantity {quantity()}"""
        ),
    )
    found = only(validator.validate(data))

    assert found.shape == shape("EconomicEvent-outputOfRule")
    assert "vf:outputOf" in found.message


def test_produce_as_the_input_of_a_process_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        event(
            f"""vf:action vf:produce ; vf:inputOf ex:mill-run ;
                vf:resourceInventoriedAs ex:flour-stock ; vf:resourceQuantity {quantity()}"""
        ),
    )
    found = only(validator.validate(data))

    assert found.shape == shape("EconomicEvent-inputOfRule")
    assert "vf:inputOf" in found.message


def test_raise_has_nothing_to_do_with_processes(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        event(
            f"""vf:action vf:raise ; vf:inputOf ex:mill-run ;
                vf:resourceInventoriedAs ex:flour-stock ; vf:resourceQuantity {quantity()}"""
        ),
    )

    assert only(validator.validate(data)).shape == shape("EconomicEvent-inputOfRule")


def test_a_transfer_without_a_target_resource_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        event(
            f"""vf:action vf:transfer ; vf:resourceInventoriedAs ex:flour-stock ;
                vf:resourceQuantity {quantity()}"""
        ),
    )
    found = only(validator.validate(data))

    assert found.shape == shape("EconomicEvent-transferTargetRule")
    assert "vf:toResourceInventoriedAs" in found.message


def test_a_move_without_a_source_resource_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        event(
            f"""vf:action vf:move ; vf:toResourceInventoriedAs ex:coop-stock ;
                vf:resourceConformsTo ex:wheat ; vf:resourceQuantity {quantity()}"""
        ),
    )

    assert only(validator.validate(data)).shape == shape("EconomicEvent-transferSourceRule")


def test_an_event_about_no_resource_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        event(f"vf:action vf:consume ; vf:inputOf ex:mill-run ; vf:resourceQuantity {quantity()}"),
    )

    assert only(validator.validate(data)).shape == shape("EconomicEvent-resourceRule")


def test_consume_may_not_create_a_resource(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        event(
            f"""vf:action vf:consume ; vf:inputOf ex:mill-run ;
                vf:resourceInventoriedAs ex:new-lot ; vf:resourceQuantity {quantity()}"""
        )
        + 'ex:new-lot a vf:EconomicResource ; vf:name "New" ; vf:conformsTo ex:wheat .',
    )

    assert only(validator.validate(data)).shape == shape("EconomicEvent-createResourceRule")


def test_a_transfer_may_not_create_its_source_resource(
    validator: ShapesValidator, ontology: Ontology
) -> None:
    data = view(
        ontology,
        event(
            f"""vf:action vf:transfer ; vf:resourceInventoriedAs ex:new-lot ;
                vf:toResourceInventoriedAs ex:coop-stock ; vf:resourceQuantity {quantity()}"""
        )
        + 'ex:new-lot a vf:EconomicResource ; vf:name "New" ; vf:conformsTo ex:wheat .',
    )

    assert only(validator.validate(data)).shape == shape("EconomicEvent-createResourceRule")


def test_a_negative_quantity_without_a_correction_fails(
    validator: ShapesValidator, ontology: Ontology
) -> None:
    data = view(
        ontology,
        event(
            f"""vf:action vf:consume ; vf:inputOf ex:mill-run ;
                vf:resourceInventoriedAs ex:flour-stock ; vf:resourceQuantity {quantity("-2.0")}"""
        ),
    )
    found = only(validator.validate(data))

    assert found.shape == shape("EconomicEvent-nonNegativeRule")
    assert "vf:corrects" in found.message


# --- economic events: properties and references ----------------------------------------------


def test_a_provider_that_is_not_an_agent_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        f"""ex:event a vf:EconomicEvent ; vf:action vf:consume ; vf:provider ex:mill-run ;
                vf:receiver ex:coop ; vf:hasPointInTime {NOW} ; vf:inputOf ex:mill-run ;
                vf:resourceInventoriedAs ex:flour-stock ; vf:resourceQuantity {quantity()} .""",
    )
    found = only(validator.validate(data))

    assert found.path == str(VF.provider)
    assert "vf:Agent" in found.message


def test_a_reference_the_store_does_not_know_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        f"""ex:event a vf:EconomicEvent ; vf:action vf:consume ; vf:provider ex:coop ;
                vf:receiver ex:nobody ; vf:hasPointInTime {NOW} ; vf:inputOf ex:mill-run ;
                vf:resourceInventoriedAs ex:flour-stock ; vf:resourceQuantity {quantity()} .""",
    )
    found = only(validator.validate(data))

    assert found.path == str(VF.receiver)
    assert found.shape == shape("EconomicEvent-receiver")


def test_an_event_with_two_actions_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        event(
            f"""vf:action vf:consume, vf:use ; vf:inputOf ex:mill-run ;
                vf:resourceInventoriedAs ex:flour-stock ; vf:resourceQuantity {quantity()} ;
                vf:effortQuantity {quantity("1.0", "ex:hour")}"""
        ),
    )
    found = from_shape(validator.validate(data), "EconomicEvent-action")

    assert found.path == str(VF.action)
    assert "single vf:Action" in found.message


def test_an_action_that_is_not_in_the_ontology_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        event(
            f"vf:action ex:steal ; vf:resourceInventoriedAs ex:flour-stock ; vf:resourceQuantity {quantity()}"
        ),
    )

    assert only(validator.validate(data)).shape == shape("EconomicEvent-action")


def test_an_event_without_an_action_fails_but_one_without_a_time_does_not(
    validator: ShapesValidator, ontology: Ontology
) -> None:
    # ValueFlows makes an event's time optional; the ledger stamps the recording time itself.
    data = view(ontology, "ex:event a vf:EconomicEvent ; vf:provider ex:coop ; vf:receiver ex:coop .")
    shapes = {v.shape for v in validator.validate(data)}

    assert shapes == {shape("EconomicEvent-actionRequired")}


def test_an_event_without_agents_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        f"""ex:event a vf:EconomicEvent ; vf:action vf:cite ; vf:hasEnd {NOW} ;
                vf:inputOf ex:mill-run ; vf:resourceConformsTo ex:wheat ;
                vf:resourceQuantity {quantity("1.0")} .""",
    )
    shapes = {v.shape for v in validator.validate(data)}

    assert shapes == {
        shape("EconomicEvent-providerRequired"),
        shape("EconomicEvent-receiverRequired"),
    }


def test_a_time_that_is_not_a_date_time_fails(validator: ShapesValidator, ontology: Ontology) -> None:
    data = view(
        ontology,
        f"""ex:event a vf:EconomicEvent ; vf:action vf:cite ; vf:provider ex:coop ;
                vf:receiver ex:coop ; vf:hasPointInTime "2024-05-01" ; vf:inputOf ex:mill-run ;
                vf:resourceConformsTo ex:wheat ; vf:resourceQuantity {quantity("1.0")} .""",
    )

    assert only(validator.validate(data)).path == str(VF.hasPointInTime)
