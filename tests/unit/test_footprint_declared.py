"""Rule 6 of the footprint (docs/footprints.md): what a supplier delivers carries its declared footprint.

Pure: the flow graph is written by hand, the actions come from the ontology.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from vfgraph.domain import footprint as fp
from vfgraph.domain.quantities import Measure
from vfgraph.domain.trace import FlowEvent, FlowGraph
from vfgraph.errors import UnitMismatch
from vfgraph.vocab.ontology import Ontology, load_ontology

KG, CO2, M3 = "u:kg", "u:co2", "u:m3"
GHG, WATER, OATS, BAR = "s:ghg", "s:water", "s:oats", "s:bar"
SUPPLIER, BAKERY, AIR = "a:hill-oats", "a:bakery", "a:air"
SOURCE = "pf:oats-2026"


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return load_ontology()


def _graph(ontology: Ontology, *, unit: str = KG) -> FlowGraph:
    a = ontology.actions
    g = FlowGraph()
    g.add(
        [
            # 100 kg of oats delivered by the supplier into the bakery's stock (the supplier's lot is a stub)
            FlowEvent(
                "e:deliver",
                a["transfer"],
                SUPPLIER,
                BAKERY,
                resource="r:lot",
                to_resource="r:oats",
                resource_seq=1,
                to_resource_seq=1,
                quantity=Measure(Decimal(100), unit),
                conforms_to=OATS,
            ),
            # 60 kg of them baked into 80 bars, with 6 kg CO2e of the bakery's own and 2 m3 of water
            FlowEvent(
                "e:use-oats",
                a["consume"],
                BAKERY,
                BAKERY,
                resource="r:oats",
                input_of="p:bake",
                resource_seq=2,
                quantity=Measure(Decimal(60), KG),
                conforms_to=OATS,
            ),
            FlowEvent(
                "e:oven",
                a["produce"],
                BAKERY,
                AIR,
                output_of="p:bake",
                quantity=Measure(Decimal(6), CO2),
                conforms_to=GHG,
                ecological_receiver=True,
            ),
            FlowEvent(
                "e:water",
                a["consume"],
                AIR,
                BAKERY,
                input_of="p:bake",
                quantity=Measure(Decimal(2), M3),
                conforms_to=WATER,
                ecological_provider=True,
            ),
            FlowEvent(
                "e:bars",
                a["produce"],
                BAKERY,
                BAKERY,
                resource="r:bars",
                output_of="p:bake",
                resource_seq=1,
                quantity=Measure(Decimal(80), "u:piece"),
                conforms_to=BAR,
            ),
        ]
    )
    return g


DECLARED = {(SUPPLIER, OATS): [fp.Declared(SUPPLIER, OATS, GHG, Decimal("0.42"), KG, CO2, SOURCE)]}


def test_delivered_oats_carry_the_suppliers_declared_footprint_with_its_provenance(
    ontology: Ontology,
) -> None:
    oats = fp.footprint(_graph(ontology), "r:oats", [GHG], DECLARED)
    assert oats.per_unit == {GHG: Decimal("0.42")}
    assert oats.breakdown == {(GHG, SOURCE, SUPPLIER): Decimal("0.42")}
    assert oats.units == {GHG: CO2}


def test_a_product_made_of_them_adds_its_own_emissions_to_the_declared_ones(ontology: Ontology) -> None:
    bars = fp.footprint(_graph(ontology), "r:bars", [GHG, WATER], DECLARED)
    # (60 x 0.42 + 6) / 80 kg CO2e and 2 / 80 m3 per bar
    assert bars.per_unit == {GHG: Decimal("0.39"), WATER: Decimal("0.025")}
    assert bars.breakdown[(GHG, SOURCE, SUPPLIER)] == Decimal("0.315")
    assert bars.breakdown[(GHG, "p:bake", BAKERY)] == Decimal("0.075")


def test_without_a_declaration_the_delivery_carries_only_what_the_ledger_traces(ontology: Ontology) -> None:
    assert fp.footprint(_graph(ontology), "r:oats", [GHG]).per_unit == {GHG: Decimal(0)}


def test_a_declaration_per_another_unit_than_the_delivery_is_refused(ontology: Ontology) -> None:
    with pytest.raises(UnitMismatch, match="declares a footprint per"):
        fp.footprint(_graph(ontology, unit="u:tonne"), "r:oats", [GHG], DECLARED)


def test_outputs_of_a_period_are_rolled_up_together(ontology: Ontology) -> None:
    g = _graph(ontology)
    result = fp.outputs_footprint(g, [g.events["e:bars"]], [GHG, WATER], DECLARED)
    assert result.quantity == Measure(Decimal(80), "u:piece")
    assert result.per_unit == {GHG: Decimal("0.39"), WATER: Decimal("0.025")}
