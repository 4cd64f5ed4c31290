"""Bad writes are refused with a stable code, and nothing at all is written."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from tests.neo4j.world import World, qty
from vfgraph.domain.kinds import Kind
from vfgraph.errors import VfgraphError


def refused(world: World, code: str, write: Callable[[], Any]) -> VfgraphError:
    """Run a write that must fail with `code` and leave the graph exactly as it was."""
    before = world.count()
    with pytest.raises(VfgraphError) as caught:
        write()
    assert caught.value.code == code, caught.value.message
    assert world.count() == before
    return caught.value


def test_an_unknown_action_is_refused(world: World) -> None:
    refused(world, "UNKNOWN_ACTION", lambda: world.event("teleport", resourceQuantity=qty("1", world.kg)))


def test_work_without_an_effort_quantity_breaks_the_shapes(world: World) -> None:
    e = refused(world, "SHACL_VIOLATION", lambda: world.event("work", resourceConformsTo=world.labour))
    assert any("effortQuantity" in v["message"] for v in e.details["violations"])


def test_consume_cannot_be_the_output_of_a_process(world: World) -> None:
    lot, process = world.stock("5"), world.process()
    refused(
        world,
        "SHACL_VIOLATION",
        lambda: world.event(
            "consume",
            outputOf=process,
            resourceInventoriedAs=lot,
            resourceQuantity=qty("1", world.kg),
        ),
    )


def test_produce_cannot_be_the_input_of_a_process(world: World) -> None:
    process = world.process()
    refused(
        world,
        "SHACL_VIOLATION",
        lambda: world.ledger.record_event(
            {
                "action": "produce",
                "provider": world.farm,
                "receiver": world.farm,
                "inputOf": process,
                "resourceConformsTo": world.grain,
                "resourceQuantity": qty("1", world.kg),
            },
            {"name": "never made"},
        ),
    )


def test_a_provider_must_be_an_agent(world: World) -> None:
    e = refused(
        world,
        "SHACL_VIOLATION",
        lambda: world.event(
            "raise", provider=world.kg, resourceConformsTo=world.grain, resourceQuantity=qty("1", world.kg)
        ),
    )
    assert any(v["path"] and v["path"].endswith("provider") for v in e.details["violations"])


def test_a_reference_to_a_record_that_does_not_exist_is_refused(world: World) -> None:
    refused(
        world,
        "SHACL_VIOLATION",
        lambda: world.event(
            "lower",
            resourceInventoriedAs="http://127.0.0.1:8000/id/economic-resource/missing",
            resourceQuantity=qty("1", world.kg),
        ),
    )


def test_a_quantity_in_another_unit_than_the_resource_is_refused(world: World) -> None:
    lot = world.stock("5")
    refused(
        world,
        "UNIT_MISMATCH",
        lambda: world.event("lower", resourceInventoriedAs=lot, resourceQuantity=qty("1", world.hour)),
    )


def test_taking_more_than_there_is_is_refused(world: World) -> None:
    lot, process = world.stock("5"), world.process()
    e = refused(
        world,
        "INSUFFICIENT_QUANTITY",
        lambda: world.event(
            "consume",
            inputOf=process,
            resourceInventoriedAs=lot,
            resourceQuantity=qty("5.01", world.kg),
        ),
    )
    assert e.details["available"] == "5"
    assert world.resource(lot)["onhandQuantityValue"] == "5"


def test_a_negative_quantity_outside_a_correction_is_refused(world: World) -> None:
    lot = world.stock("5")
    refused(
        world,
        "INVALID_QUANTITY",
        lambda: world.event("raise", resourceInventoriedAs=lot, resourceQuantity=qty("-1", world.kg)),
    )


@pytest.mark.parametrize("number", ["abc", "1e999999999", "NaN", 0.1])
def test_a_quantity_that_is_not_an_exact_decimal_is_refused(world: World, number: Any) -> None:
    lot = world.stock("5")
    refused(
        world,
        "INVALID_QUANTITY",
        lambda: world.event(
            "raise",
            resourceInventoriedAs=lot,
            resourceQuantity={"hasNumericalValue": number, "hasUnit": world.kg},
        ),
    )


def test_a_malformed_date_is_refused(world: World) -> None:
    lot = world.stock("5")
    refused(
        world,
        "BAD_USER_INPUT",
        lambda: world.event(
            "raise",
            resourceInventoriedAs=lot,
            resourceQuantity=qty("1", world.kg),
            hasPointInTime="yesterday",
        ),
    )


def test_an_organization_needs_a_name(world: World) -> None:
    refused(world, "SHACL_VIOLATION", lambda: world.ledger.create(Kind.ORGANIZATION, {"note": "nameless"}))


def test_only_actions_that_create_resources_may_bring_a_new_one(world: World) -> None:
    lot, process = world.stock("5"), world.process()
    refused(
        world,
        "BAD_USER_INPUT",
        lambda: world.ledger.record_event(
            {
                "action": "consume",
                "provider": world.farm,
                "receiver": world.farm,
                "inputOf": process,
                "resourceInventoriedAs": lot,
                "resourceQuantity": qty("1", world.kg),
            },
            {"name": "not allowed"},
        ),
    )


def test_a_transfer_needs_a_target_resource(world: World) -> None:
    lot = world.stock("5")
    refused(
        world,
        "SHACL_VIOLATION",
        lambda: world.event(
            "transfer", receiver=world.mill, resourceInventoriedAs=lot, resourceQuantity=qty("1", world.kg)
        ),
    )


def test_an_update_with_a_stale_revision_is_refused(world: World) -> None:
    org = world.ledger.create(Kind.ORGANIZATION, {"name": "Coop"})
    world.ledger.update(Kind.ORGANIZATION, {"revisionId": f"{org}@1", "name": "Coop 2"})
    refused(
        world,
        "STALE_REVISION",
        lambda: world.ledger.update(Kind.ORGANIZATION, {"revisionId": f"{org}@1", "name": "Coop 3"}),
    )


def test_a_correction_must_keep_the_action_of_the_event_it_corrects(world: World) -> None:
    lot = world.stock("5")
    wrong = world.event("raise", resourceInventoriedAs=lot, resourceQuantity=qty("1", world.kg))
    refused(
        world,
        "BAD_USER_INPUT",
        lambda: world.event(
            "lower", resourceInventoriedAs=lot, resourceQuantity=qty("-1", world.kg), corrects=wrong
        ),
    )


def test_a_record_in_use_cannot_be_deleted(world: World) -> None:
    refused(world, "IMMUTABLE", lambda: world.ledger.delete(Kind.UNIT, revision_id=f"{world.kg}@1"))


def test_a_failed_event_leaves_the_resource_untouched(world: World) -> None:
    lot = world.stock("5")
    theirs = world.stock("0", owner=world.mill)
    before = world.resource(lot)
    refused(
        world,
        "INSUFFICIENT_QUANTITY",
        lambda: world.event(
            "transfer",
            receiver=world.mill,
            resourceInventoriedAs=lot,
            toResourceInventoriedAs=theirs,
            resourceQuantity=qty("6", world.kg),
        ),
    )
    assert world.resource(lot) == before
    assert Decimal(before["accountingQuantityValue"]) == 5


def test_a_person_with_no_fields_at_all_is_refused(world: World) -> None:
    refused(world, "SHACL_VIOLATION", lambda: world.ledger.create(Kind.PERSON, {}))


def test_an_event_may_name_the_agreement_it_follows(world: World) -> None:
    lot = world.stock("5")
    world.event(
        "lower",
        resourceInventoriedAs=lot,
        resourceQuantity=qty("1", world.kg),
        agreedIn="https://example.org/agreements/42",
    )
    assert world.resource(lot)["accountingQuantityValue"] == "4"
