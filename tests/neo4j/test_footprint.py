"""Footprints rolled up a trace: the worked example of the track-and-trace issue, to the exact decimal."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.neo4j.chains import WorkedExample, worked_example
from tests.neo4j.world import World, qty
from vfgraph.domain.kinds import Kind
from vfgraph.services.tracing import footprint


@pytest.fixture
def chain(world: World) -> WorkedExample:
    return worked_example(world)


def test_a_kilogram_of_flour_carries_a_quarter_kilogram_of_co2e_and_25_litres_of_water(
    world: World, chain: WorkedExample
) -> None:
    result = footprint(world.ledger, chain.flour, [chain.ghg, chain.water])
    # CO2e: (200 x 0.1 + 20 x 200/500 + 12) / 160; water: 200 x 0.02 / 160
    assert result.footprint.per_unit == {chain.ghg: Decimal("0.25"), chain.water: Decimal("0.025")}
    assert result.footprint.units == {chain.ghg: chain.co2, chain.water: chain.m3}
    assert result.accounting_quantity is not None
    assert result.accounting_quantity.value == 160


def test_the_breakdown_names_each_contributing_process_and_organisation(
    world: World, chain: WorkedExample
) -> None:
    breakdown = footprint(world.ledger, chain.flour, [chain.ghg]).footprint.breakdown
    assert breakdown == {
        (chain.ghg, chain.harvest, world.farm): Decimal("0.125"),  # 200 x 0.1 / 160
        (chain.ghg, chain.trip, world.carrier): Decimal("0.05"),  # 20 x 200/500 / 160
        (chain.ghg, chain.milling, world.mill): Decimal("0.075"),  # 12 / 160
    }
    assert sum(breakdown.values()) == Decimal("0.25")


def test_the_other_shippers_goods_carry_the_rest_of_the_truck_and_nothing_of_the_farm(
    world: World, chain: WorkedExample
) -> None:
    apples = footprint(world.ledger, chain.apples, [chain.ghg, chain.water]).footprint
    # 20 x 300/500 over the 300 kg raised
    assert apples.per_unit == {chain.ghg: Decimal("0.04"), chain.water: Decimal(0)}


def test_grain_at_the_farm_carries_its_harvest_alone(world: World, chain: WorkedExample) -> None:
    grain = footprint(world.ledger, chain.farm_grain, [chain.ghg, chain.water]).footprint
    assert grain.per_unit == {chain.ghg: Decimal("0.1"), chain.water: Decimal("0.02")}


def test_an_unknown_resource_has_no_footprint(world: World) -> None:
    with pytest.raises(Exception) as e:
        footprint(world.ledger, "http://127.0.0.1:8000/id/economic-resource/none", [world.grain])
    assert getattr(e.value, "code", None) == "NOT_FOUND"


def test_labour_is_work_effort_rolled_up_like_any_other_indicator(world: World, chain: WorkedExample) -> None:
    world.event(
        "work",
        provider=world.carrier,
        receiver=world.mill,
        inputOf=chain.milling,
        resourceConformsTo=world.labour,
        effortQuantity=qty("6", world.hour),
    )
    result = footprint(world.ledger, chain.flour, [world.labour]).footprint
    assert result.per_unit == {world.labour: Decimal("0.0375")}  # 6 hours over 160 kg
    assert result.units == {world.labour: world.hour}


def test_a_process_may_declare_other_shares_than_by_quantity(world: World) -> None:
    air = world.ledger.create(Kind.ECOLOGICAL_AGENT, {"name": "Atmosphere"})
    co2 = world.ledger.create(Kind.UNIT, {"label": "kg CO2e", "symbol": "kg CO2e"})
    ghg = world.ledger.create(Kind.RESOURCE_SPECIFICATION, {"name": "GHG", "defaultUnitOfResource": co2})
    press = world.process("pressing")
    world.event(
        "produce", receiver=air, outputOf=press, resourceConformsTo=ghg, resourceQuantity=qty("30", co2)
    )
    made = {}
    for name, q, weight in (("oil", "10", "3"), ("cake", "90", "1")):
        _, made[name] = world.ledger.record_event(
            {"action": "produce", "provider": world.farm, "receiver": world.farm, "outputOf": press}
            | {
                "resourceConformsTo": world.grain,
                "resourceQuantity": qty(q, world.kg),
                "footprintShare": Decimal(weight),
            },
            {"name": name},
        )
    # By value, oil takes 3/4 of the 30 kg CO2e over its 10 kg; by quantity it would have taken 1/10.
    assert footprint(world.ledger, made["oil"], [ghg]).footprint.per_unit == {ghg: Decimal("2.25")}
    cake = footprint(world.ledger, made["cake"], [ghg]).footprint.per_unit[ghg]
    assert abs(cake - Decimal("7.5") / 90) < Decimal("1e-25")  # 7.5 kg CO2e over 90 kg, to 34 digits


def test_a_suppliers_declared_footprint_stands_in_for_what_the_ledger_traces_upstream_of_it(
    world: World, chain: WorkedExample
) -> None:
    """Rule 6 on the worked example: the farm declares 0.3 kg CO2e per kg of grain in a PACT footprint the
    ledger took; the mill's grain carries that instead of the harvest's 0.1, plus the truck's 0.04."""
    import uuid

    from tests.pact_documents import with_pcf
    from vfgraph.pact import footprints
    from vfgraph.pact.peers import Peer

    peer = Peer("pp_farm", "farm", "https://farm.example/pact", None, "c", "s", world.farm)
    doc = with_pcf(pcfExcludingBiogenicUptake="0.3", fossilGhgEmissions="0.18")
    doc["id"] = str(uuid.uuid4())
    taken = footprints.record_received(
        world.ledger, doc, peer=peer, url=None, resource_specification=world.grain, indicator=chain.ghg
    )
    result = footprint(world.ledger, chain.flour, [chain.ghg]).footprint
    # (200 x (0.3 + 20 x 200/500 / 200) + 12) / 160
    assert result.per_unit == {chain.ghg: Decimal("0.5")}
    assert result.breakdown[(chain.ghg, taken["id"], world.farm)] == Decimal("0.375")  # 200 x 0.3 / 160
    assert (chain.ghg, chain.harvest, world.farm) not in result.breakdown
    footprints.deprecate(world.ledger, doc["id"], footprints.RECEIVED)
    assert footprint(world.ledger, chain.flour, [chain.ghg]).footprint.per_unit == {
        chain.ghg: Decimal("0.25")
    }
