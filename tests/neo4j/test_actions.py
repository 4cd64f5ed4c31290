"""Each of the 19 ValueFlows actions, recorded on the real Neo4j, and what it does to resources."""

from __future__ import annotations

from tests.neo4j.world import World, qty
from vfgraph.domain.kinds import Kind


def test_produce_creates_a_resource_owned_by_the_receiver_at_the_process_stage(world: World) -> None:
    process = world.process(based_on=world.milling)
    _, flour = world.ledger.record_event(
        {
            "action": "produce",
            "provider": world.mill,
            "receiver": world.mill,
            "outputOf": process,
            "resourceConformsTo": world.grain,
            "resourceQuantity": qty("160", world.kg),
            "atLocation": "https://example.org/places/mill",
        },
        {"name": "flour"},
    )
    assert flour is not None
    r = world.resource(flour)
    assert (r["accountingQuantityValue"], r["onhandQuantityValue"]) == ("160", "160")
    assert r["accountingQuantityUnit"] == world.kg
    assert r["primaryAccountable"] == world.mill
    assert r["stage"] == world.milling
    assert r["conformsTo"] == world.grain
    assert r["currentLocation"] == "https://example.org/places/mill"


def test_raise_adds_to_an_existing_resource(world: World) -> None:
    lot = world.stock("10")
    world.event("raise", resourceInventoriedAs=lot, resourceQuantity=qty("5", world.kg))
    r = world.resource(lot)
    assert (r["accountingQuantityValue"], r["onhandQuantityValue"]) == ("15", "15")


def test_lower_takes_from_both_quantities(world: World) -> None:
    lot = world.stock("10")
    world.event("lower", resourceInventoriedAs=lot, resourceQuantity=qty("4", world.kg))
    r = world.resource(lot)
    assert (r["accountingQuantityValue"], r["onhandQuantityValue"]) == ("6", "6")


def test_consume_as_input_decrements_the_resource(world: World) -> None:
    lot = world.stock("10")
    process = world.process()
    world.event("consume", inputOf=process, resourceInventoriedAs=lot, resourceQuantity=qty("3", world.kg))
    r = world.resource(lot)
    assert (r["accountingQuantityValue"], r["onhandQuantityValue"]) == ("7", "7")


def test_use_records_effort_and_leaves_quantities_alone(world: World) -> None:
    lot = world.stock("10")
    process = world.process()
    world.event(
        "use",
        inputOf=process,
        resourceInventoriedAs=lot,
        resourceQuantity=qty("10", world.kg),
        effortQuantity=qty("2", world.hour),
    )
    assert world.resource(lot)["accountingQuantityValue"] == "10"


def test_cite_leaves_quantities_alone(world: World) -> None:
    lot = world.stock("10")
    world.event(
        "cite", inputOf=world.process(), resourceInventoriedAs=lot, resourceQuantity=qty("1", world.kg)
    )
    assert world.resource(lot)["onhandQuantityValue"] == "10"


def test_work_is_effort_without_a_resource(world: World) -> None:
    before = world.count()
    world.event(
        "work",
        provider=world.carrier,
        receiver=world.farm,
        inputOf=world.process(),
        resourceConformsTo=world.labour,
        effortQuantity=qty("8", world.hour),
    )
    assert world.count() == before + 2  # the process and the event, no resource


def test_deliver_service_changes_no_resource(world: World) -> None:
    world.event(
        "deliverService",
        provider=world.carrier,
        receiver=world.farm,
        outputOf=world.process(),
        resourceConformsTo=world.labour,
        resourceQuantity=qty("1", world.hour),
    )


def test_pickup_and_dropoff_move_custody_quantities_and_location(world: World) -> None:
    lot = world.stock("10")
    trip = world.process("transport")
    world.event("pickup", inputOf=trip, resourceInventoriedAs=lot, resourceQuantity=qty("10", world.kg))
    r = world.resource(lot)
    assert (r["accountingQuantityValue"], r["onhandQuantityValue"]) == ("10", "0")
    world.event(
        "dropoff",
        outputOf=trip,
        resourceInventoriedAs=lot,
        resourceQuantity=qty("10", world.kg),
        atLocation="https://example.org/places/mill",
    )
    r = world.resource(lot)
    assert (r["accountingQuantityValue"], r["onhandQuantityValue"]) == ("10", "10")
    assert r["currentLocation"] == "https://example.org/places/mill"


def test_accept_and_modify_bring_a_repaired_resource_back_at_the_repair_stage(world: World) -> None:
    repair = world.ledger.create(Kind.PROCESS_SPECIFICATION, {"name": "repair"})
    lot = world.stock("1")
    process = world.process("repair", based_on=repair)
    world.event("accept", inputOf=process, resourceInventoriedAs=lot, resourceQuantity=qty("1", world.kg))
    assert world.resource(lot)["onhandQuantityValue"] == "0"
    world.event(
        "modify",
        outputOf=process,
        resourceInventoriedAs=lot,
        resourceQuantity=qty("1", world.kg),
        state="pass",
    )
    r = world.resource(lot)
    assert (r["onhandQuantityValue"], r["stage"], r["state"]) == ("1", repair, "pass")


def test_combine_puts_a_resource_in_a_container_and_separate_takes_it_out(world: World) -> None:
    lot = world.stock("5")
    crate = world.stock("1")
    packing = world.process("packing")
    world.event(
        "combine",
        inputOf=packing,
        resourceInventoriedAs=lot,
        toResourceInventoriedAs=crate,
        resourceQuantity=qty("5", world.kg),
    )
    r = world.resource(lot)
    assert (r["containedIn"], r["onhandQuantityValue"]) == (crate, "0")
    world.event(
        "separate",
        outputOf=world.process("unpacking"),
        resourceInventoriedAs=lot,
        resourceQuantity=qty("5", world.kg),
    )
    r = world.resource(lot)
    assert (r["containedIn"], r["onhandQuantityValue"]) == (None, "5")


def test_transfer_moves_rights_and_custody_to_a_new_resource_of_the_receiver(world: World) -> None:
    lot = world.stock("500")
    _, received = world.ledger.record_event(
        {
            "action": "transfer",
            "provider": world.farm,
            "receiver": world.mill,
            "resourceInventoriedAs": lot,
            "resourceQuantity": qty("200", world.kg),
        },
        {"name": "grain at the mill"},
    )
    assert received is not None
    source, target = world.resource(lot), world.resource(received)
    assert (source["accountingQuantityValue"], source["onhandQuantityValue"]) == ("300", "300")
    assert (target["accountingQuantityValue"], target["onhandQuantityValue"]) == ("200", "200")
    assert (source["primaryAccountable"], target["primaryAccountable"]) == (world.farm, world.mill)


def test_transfer_all_rights_moves_only_the_accounting_quantity(world: World) -> None:
    lot = world.stock("10")
    theirs = world.stock("0", owner=world.mill)
    world.event(
        "transferAllRights",
        receiver=world.mill,
        resourceInventoriedAs=lot,
        toResourceInventoriedAs=theirs,
        resourceQuantity=qty("10", world.kg),
    )
    source, target = world.resource(lot), world.resource(theirs)
    assert (source["accountingQuantityValue"], source["onhandQuantityValue"]) == ("0", "10")
    assert (target["accountingQuantityValue"], target["onhandQuantityValue"]) == ("10", "0")
    assert target["primaryAccountable"] == world.mill


def test_transfer_custody_moves_only_the_onhand_quantity(world: World) -> None:
    lot = world.stock("10")
    theirs = world.stock("0", owner=world.carrier)
    world.event(
        "transferCustody",
        receiver=world.carrier,
        resourceInventoriedAs=lot,
        toResourceInventoriedAs=theirs,
        resourceQuantity=qty("4", world.kg),
        toLocation="https://example.org/places/depot",
    )
    source, target = world.resource(lot), world.resource(theirs)
    assert (source["accountingQuantityValue"], source["onhandQuantityValue"]) == ("10", "6")
    assert (target["accountingQuantityValue"], target["onhandQuantityValue"]) == ("0", "4")
    assert target["currentLocation"] == "https://example.org/places/depot"
    assert target["primaryAccountable"] == world.carrier  # unchanged: custody is not ownership


def test_move_shifts_quantities_between_an_agents_own_resources(world: World) -> None:
    here = world.stock("10")
    there = world.stock("0")
    world.event(
        "move",
        resourceInventoriedAs=here,
        toResourceInventoriedAs=there,
        resourceQuantity=qty("3", world.kg),
        toLocation="https://example.org/places/barn",
    )
    a, b = world.resource(here), world.resource(there)
    assert (a["accountingQuantityValue"], b["accountingQuantityValue"]) == ("7", "3")
    assert (a["onhandQuantityValue"], b["onhandQuantityValue"]) == ("7", "3")
    assert b["currentLocation"] == "https://example.org/places/barn"


def test_copy_creates_a_new_resource_and_leaves_the_original(world: World) -> None:
    original = world.stock("1")
    _, copied = world.ledger.record_event(
        {
            "action": "copy",
            "provider": world.farm,
            "receiver": world.mill,
            "resourceInventoriedAs": original,
            "resourceQuantity": qty("1", world.kg),
        },
        {"name": "copy of the seed catalogue"},
    )
    assert copied is not None
    assert world.resource(original)["accountingQuantityValue"] == "1"
    c = world.resource(copied)
    assert (c["accountingQuantityValue"], c["primaryAccountable"]) == ("1", world.mill)


def test_ten_events_of_a_tenth_leave_exactly_one(world: World) -> None:
    lot = world.stock("0")
    for _ in range(10):
        world.event("raise", resourceInventoriedAs=lot, resourceQuantity=qty("0.1", world.kg))
    assert world.resource(lot)["accountingQuantityValue"] == "1"


def test_a_correction_carries_the_difference_and_applies_it(world: World) -> None:
    lot = world.stock("0")
    wrong = world.event("raise", resourceInventoriedAs=lot, resourceQuantity=qty("10", world.kg))
    world.event("raise", resourceInventoriedAs=lot, resourceQuantity=qty("-2", world.kg), corrects=wrong)
    assert world.resource(lot)["accountingQuantityValue"] == "8"


def test_an_implied_transfer_makes_the_receiver_accountable_for_what_is_produced(world: World) -> None:
    _, made = world.ledger.record_event(
        {
            "action": "produce",
            "provider": world.carrier,
            "receiver": world.mill,
            "outputOf": world.process(),
            "resourceConformsTo": world.grain,
            "resourceQuantity": qty("1", world.kg),
        },
        {"name": "made for the mill"},
    )
    assert made is not None
    assert world.resource(made)["primaryAccountable"] == world.mill
