"""Claims settled by later events, on the real Neo4j: what remains, units, authorization."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.linked_data import every_kind
from tests.neo4j.world import World, qty
from vfgraph.domain.access import Caller
from vfgraph.domain.kinds import Kind
from vfgraph.errors import VfgraphError
from vfgraph.ld import formats
from vfgraph.ld.importer import import_data
from vfgraph.services import claims

CLAIM_STATE = "MATCH (c:Claim {id: $id}) RETURN c {.*} AS c"


def state(world: World, claim: str) -> dict[str, Any]:
    row: dict[str, Any] = world.ledger.store.rows(CLAIM_STATE, {"id": claim})[0]["c"]
    return row


def grain_sale(world: World) -> tuple[str, str]:
    """The farm delivers grain to the mill; the farm claims 50 kg of flour in return."""
    stock = world.stock("100")
    sale, _ = world.ledger.record_event(
        {"action": "transfer", "provider": world.farm, "receiver": world.mill}
        | {"resourceInventoriedAs": stock, "resourceQuantity": qty("40", world.kg)},
        {"name": "grain at the mill"},
    )
    claim = claims.create_claim(
        world.ledger,
        {
            "action": "transfer",
            "triggeredBy": sale,
            "provider": world.mill,
            "receiver": world.farm,
            "resourceQuantity": qty("50", world.kg),
        },
    )
    return sale, claim


def pay(world: World, kg: str, unit: str | None = None) -> str:
    """The mill hands `kg` of its grain over to the farm."""
    stock = world.stock("1000", owner=world.mill)
    event, _ = world.ledger.record_event(
        {"action": "transfer", "provider": world.mill, "receiver": world.farm}
        | {"resourceInventoriedAs": stock, "resourceQuantity": qty(kg, unit or world.kg)},
        {"name": "grain back at the farm"},
    )
    return event


def test_a_claim_settled_by_two_events_becomes_finished(world: World) -> None:
    _, claim = grain_sale(world)
    assert state(world, claim)["remainingQuantityValue"] == "50"

    claims.create_settlement(world.ledger, {"settles": claim, "settledBy": pay(world, "20")})
    half = state(world, claim)
    assert (half["settledQuantityValue"], half["remainingQuantityValue"]) == ("20", "30")
    assert half["finished"] is False
    assert half["rev"] == 2  # a settlement is a change of the claim

    claims.create_settlement(
        world.ledger,
        {"settles": claim, "settledBy": pay(world, "40"), "resourceQuantity": qty("30", world.kg)},
    )
    done = state(world, claim)
    assert (done["settledQuantityValue"], done["remainingQuantityValue"]) == ("50", "0")
    assert done["finished"] is True


def test_deleting_a_settlement_gives_back_what_it_paid(world: World) -> None:
    _, claim = grain_sale(world)
    s = claims.create_settlement(world.ledger, {"settles": claim, "settledBy": pay(world, "50")})
    assert state(world, claim)["finished"] is True
    claims.delete_settlement(world.ledger, f"{s}@1")
    back = state(world, claim)
    assert (back["remainingQuantityValue"], back["finished"]) == ("50", False)


def test_a_settlement_in_another_unit_is_refused_and_nothing_is_written(world: World) -> None:
    _, claim = grain_sale(world)
    hours = world.event("work", world.mill, world.farm, effortQuantity=qty("5", world.hour))
    before = world.count()
    with pytest.raises(VfgraphError) as err:
        claims.create_settlement(
            world.ledger,
            {"settles": claim, "settledBy": hours, "resourceQuantity": qty("5", world.hour)},
        )
    assert err.value.code == "UNIT_MISMATCH"
    assert world.count() == before
    assert state(world, claim)["remainingQuantityValue"] == "50"


def test_paying_more_than_the_claim_asks_is_refused(world: World) -> None:
    _, claim = grain_sale(world)
    with pytest.raises(VfgraphError) as err:
        claims.create_settlement(world.ledger, {"settles": claim, "settledBy": pay(world, "60")})
    assert err.value.code == "CLAIM_OVERSETTLED"


def test_a_claim_needs_a_known_triggering_event(world: World) -> None:
    with pytest.raises(VfgraphError) as err:
        claims.create_claim(world.ledger, {"action": "transfer", "triggeredBy": world.grain})
    assert err.value.code == "SHACL_VIOLATION"
    with pytest.raises(VfgraphError) as err:
        claims.create_claim(world.ledger, {"action": "give-me", "triggeredBy": world.grain})
    assert err.value.code == "UNKNOWN_ACTION"


def test_only_the_parties_of_the_trigger_may_claim_or_change_the_claim(world: World) -> None:
    sale, claim = grain_sale(world)
    carrier = world.ledger.acting_as(Caller(key_id="k-carrier", agent=world.carrier))
    with pytest.raises(VfgraphError) as err:
        claims.create_claim(carrier, {"action": "transfer", "triggeredBy": sale})
    assert err.value.code == "FORBIDDEN"
    with pytest.raises(VfgraphError) as err:
        claims.update_claim(carrier, {"revisionId": f"{claim}@1", "note": "mine now"})
    assert err.value.code == "FORBIDDEN"

    mill = world.ledger.acting_as(Caller(key_id="k-mill", agent=world.mill))
    claims.update_claim(mill, {"revisionId": f"{claim}@1", "note": "flour by Friday"})
    assert state(world, claim)["note"] == "flour by Friday"


def test_a_claim_with_settlements_cannot_be_deleted(world: World) -> None:
    _, claim = grain_sale(world)
    claims.create_settlement(world.ledger, {"settles": claim, "settledBy": pay(world, "10")})
    with pytest.raises(VfgraphError) as err:
        claims.delete_claim(world.ledger, f"{claim}@2")
    assert err.value.code == "IMMUTABLE"
    assert world.ledger.exists(claim)
    assert Kind.CLAIM.value == "Claim"


def test_concurrent_settlements_never_pay_more_than_the_claim(world: World) -> None:
    _, claim = grain_sale(world)
    payments = [pay(world, "10") for _ in range(8)]

    def settle(event: str) -> bool:
        try:
            claims.create_settlement(world.ledger, {"settles": claim, "settledBy": event})
        except VfgraphError as e:
            assert e.code == "CLAIM_OVERSETTLED", e
            return False
        return True

    with ThreadPoolExecutor(max_workers=4) as pool:
        accepted = sum(pool.map(settle, payments))

    assert accepted == 5
    done = state(world, claim)
    assert (done["remainingQuantityValue"], done["finished"]) == ("0", True)


def test_changing_what_a_claim_asks_recounts_what_remains(world: World) -> None:
    _, claim = grain_sale(world)
    claims.create_settlement(world.ledger, {"settles": claim, "settledBy": pay(world, "20")})
    claims.update_claim(world.ledger, {"revisionId": f"{claim}@2", "resourceQuantity": qty("25", world.kg)})
    assert state(world, claim)["remainingQuantityValue"] == "5"
    with pytest.raises(VfgraphError) as err:
        claims.update_claim(
            world.ledger, {"revisionId": f"{claim}@3", "resourceQuantity": qty("10", world.kg)}
        )
    assert err.value.code == "CLAIM_OVERSETTLED"
    assert state(world, claim)["resourceQuantityValue"] == "25"


def test_moving_a_settlement_to_another_claim_recounts_both(world: World) -> None:
    _, first = grain_sale(world)
    _, second = grain_sale(world)
    s = claims.create_settlement(world.ledger, {"settles": first, "settledBy": pay(world, "50")})
    assert state(world, first)["finished"] is True
    claims.update_settlement(world.ledger, {"revisionId": f"{s}@1", "settles": second})
    assert (state(world, first)["remainingQuantityValue"], state(world, first)["finished"]) == ("50", False)
    assert (state(world, second)["remainingQuantityValue"], state(world, second)["finished"]) == ("0", True)


def test_an_imported_claim_and_its_settlement_leave_what_remains(world: World) -> None:
    fixture = every_kind()
    report = import_data(world.ledger, fixture.turtle, formats.TURTLE)
    assert report.ok and report.written, report.to_json()
    imported = state(world, fixture.iri("claim"))
    assert (imported["settledQuantityValue"], imported["remainingQuantityValue"]) == ("1", "3")


def test_what_a_claim_has_been_paid_is_kept_by_the_ledger_not_set_by_clients(world: World) -> None:
    sale, _ = grain_sale(world)
    with pytest.raises(VfgraphError) as err:
        claims.create_claim(
            world.ledger,
            {"action": "transfer", "triggeredBy": sale, "remainingQuantity": qty("0", world.kg)},
        )
    assert err.value.code == "BAD_USER_INPUT"
