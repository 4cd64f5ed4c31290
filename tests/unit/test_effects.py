"""The effect rules, read from the ontology's actions, on resources held in memory."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vfgraph.domain.effects import EventFacts, ResourceState, apply
from vfgraph.domain.quantities import Measure
from vfgraph.errors import InsufficientQuantity, UnitMismatch
from vfgraph.vocab.ontology import Ontology, load_ontology

FARM, MILL = "urn:agent:farm", "urn:agent:mill"


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return load_ontology()


def kg(value: str) -> Measure:
    return Measure(Decimal(value), "urn:unit:kg")


def stock(iri: str, value: str, owner: str = FARM) -> ResourceState:
    return ResourceState(id=iri, accounting=kg(value), onhand=kg(value), primary_accountable=owner)


def facts(ontology: Ontology, action: str, quantity: str, **extra: str) -> EventFacts:
    return EventFacts(
        action=ontology.actions[action],
        provider=extra.pop("provider", FARM),
        receiver=extra.pop("receiver", FARM),
        resource_quantity=kg(quantity),
        **extra,  # type: ignore[arg-type]
    )


def test_transfer_decrements_the_source_and_increments_the_target(ontology: Ontology) -> None:
    out = apply(
        facts(ontology, "transfer", "2", receiver=MILL), stock("urn:r:a", "5"), stock("urn:r:b", "1", MILL)
    )
    assert out.resource is not None and out.to_resource is not None
    assert (out.resource.accounting, out.to_resource.accounting) == (kg("3"), kg("3"))
    assert out.to_resource.primary_accountable == MILL
    assert not out.implied_transfer


def test_pickup_changes_custody_but_not_rights(ontology: Ontology) -> None:
    out = apply(facts(ontology, "pickup", "5", receiver=MILL), stock("urn:r:a", "5"), None)
    assert out.resource is not None
    assert (out.resource.accounting, out.resource.onhand) == (kg("5"), kg("0"))
    assert out.resource.primary_accountable == FARM
    assert out.implied_transfer


def test_consuming_more_than_is_on_hand_is_refused(ontology: Ontology) -> None:
    with pytest.raises(InsufficientQuantity):
        apply(facts(ontology, "consume", "5.5"), stock("urn:r:a", "5"), None)


def test_a_quantity_in_another_unit_is_refused(ontology: Ontology) -> None:
    f = EventFacts(
        action=ontology.actions["lower"],
        provider=FARM,
        receiver=FARM,
        resource_quantity=Measure(Decimal(1), "urn:unit:litre"),
    )
    with pytest.raises(UnitMismatch):
        apply(f, stock("urn:r:a", "5"), None)


def test_work_touches_no_resource(ontology: Ontology) -> None:
    out = apply(facts(ontology, "work", "3"), None, None)
    assert (out.resource, out.to_resource) == (None, None)


def test_a_new_resource_takes_the_unit_of_its_first_event(ontology: Ontology) -> None:
    out = apply(facts(ontology, "produce", "7"), ResourceState(id="urn:r:new", is_new=True), None)
    assert out.resource is not None
    assert out.resource.accounting == kg("7")
    assert out.resource.primary_accountable == FARM
