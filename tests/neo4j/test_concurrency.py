"""Concurrent events on one resource: every acknowledged event counts, none is lost."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.neo4j.world import World, qty


def test_eighty_concurrent_raises_leave_exactly_eighty(world: World) -> None:
    lot = world.stock("0")

    def raise_one(_: int) -> str:
        return world.event("raise", resourceInventoriedAs=lot, resourceQuantity=qty("1", world.kg))

    with ThreadPoolExecutor(max_workers=8) as pool:
        events = list(pool.map(raise_one, range(80)))

    assert len(set(events)) == 80
    r = world.resource(lot)
    assert (r["accountingQuantityValue"], r["onhandQuantityValue"]) == ("80", "80")


def test_concurrent_takes_never_overdraw_a_resource(world: World) -> None:
    lot = world.stock("10")
    process = world.process()

    def take(_: int) -> bool:
        try:
            world.event(
                "consume", inputOf=process, resourceInventoriedAs=lot, resourceQuantity=qty("1", world.kg)
            )
        except Exception as e:  # the refusals must be INSUFFICIENT_QUANTITY, nothing else
            assert getattr(e, "code", None) == "INSUFFICIENT_QUANTITY", e
            return False
        return True

    with ThreadPoolExecutor(max_workers=8) as pool:
        accepted = sum(pool.map(take, range(16)))

    assert accepted == 10
    assert world.resource(lot)["onhandQuantityValue"] == "0"
