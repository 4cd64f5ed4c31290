"""Value equations and distributions of income over contributions, on the real Neo4j."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest

from tests.neo4j.contribution_chain import HOURS_AND_HEADS, SoldFlour, sold_flour
from tests.neo4j.world import World, qty
from vfgraph.domain.access import Caller
from vfgraph.domain.kinds import Kind
from vfgraph.errors import VfgraphError
from vfgraph.services import contributions
from vfgraph.services.contributions import DistributeAs

CLAIMS_OF = """
MATCH (c:Claim)-[:TRIGGERED_BY]->(:EconomicEvent {id: $income})
RETURN [(c)-[:RECEIVER]->(a) | a.id][0] AS receiver, [(c)-[:PROVIDER]->(a) | a.id][0] AS provider,
       c.resourceQuantityValue AS amount, c.remainingQuantityValue AS remaining, c.agreedIn AS agreedIn
"""


@pytest.fixture
def chain(world: World) -> SoldFlour:
    return sold_flour(world)


def amounts(p: contributions.Preview) -> dict[str, Decimal]:
    return {part.agent: part.amount for part in p.distribution.parts}


def test_the_preview_splits_the_income_exactly_by_hours_and_by_events(world: World, chain: SoldFlour) -> None:
    equation = contributions.create_equation(world.ledger, HOURS_AND_HEADS)
    p = contributions.preview(world.ledger, chain.income, equation)
    # 70 EUR by hours (6, 2, 4 of 12) and 30 EUR in three equal parts: Bob's 21.666... takes the cent
    # the rounding leaves, having the larger remainder.
    assert amounts(p) == {
        chain.ann: Decimal("45.00"),
        chain.bob: Decimal("21.67"),
        chain.cy: Decimal("33.33"),
    }
    assert sum(amounts(p).values()) == Decimal("100")
    assert p.distribution.undistributed.value == 0
    ann = next(part for part in p.distribution.parts if part.agent == chain.ann)
    assert [c.event.id for c in ann.contributions] == [chain.work[0], chain.work[0]]  # one per bucket


def test_a_bucket_without_contributions_leaves_its_share_undistributed(
    world: World, chain: SoldFlour
) -> None:
    equation = contributions.create_equation(
        world.ledger,
        {
            "name": "half to work, half to use",
            "buckets": [
                {"share": "0.5", "actions": ["work"], "weighting": "effort"},
                {"share": "0.5", "actions": ["use"], "weighting": "effort"},
            ],
        },
    )
    p = contributions.preview(world.ledger, chain.income, equation)
    assert sum(amounts(p).values()) == Decimal("50")
    assert p.distribution.undistributed.value == Decimal("50")


def test_shares_adding_up_to_more_than_one_are_refused(world: World) -> None:
    bad: dict[str, Any] = {
        "name": "too generous",
        "buckets": [
            {"share": "0.6", "actions": ["work"], "weighting": "effort"},
            {"share": "0.5", "actions": ["use"], "weighting": "effort"},
        ],
    }
    before = world.count()
    with pytest.raises(VfgraphError) as err:
        contributions.create_equation(world.ledger, bad)
    assert err.value.code == "SHACL_VIOLATION"
    assert "add up to more than 1" in err.value.message
    with pytest.raises(VfgraphError) as err:
        contributions.create_equation(
            world.ledger,
            {"name": "x", "buckets": [{"share": "1.5", "actions": ["work"], "weighting": "effort"}]},
        )
    assert err.value.code == "SHACL_VIOLATION"
    assert world.count() == before


def test_recording_claims_then_refusing_a_second_distribution(world: World, chain: SoldFlour) -> None:
    equation = contributions.create_equation(world.ledger, HOURS_AND_HEADS)
    iri, written = contributions.record(world.ledger, chain.income, equation, DistributeAs.CLAIMS)
    assert len(written) == 3
    rows = world.ledger.store.rows(CLAIMS_OF, {"income": chain.income})
    got = {r["receiver"]: r["amount"] for r in rows}
    assert got == {chain.ann: "45", chain.bob: "21.67", chain.cy: "33.33"}
    assert {r["provider"] for r in rows} == {world.mill}
    assert all(r["remaining"] == r["amount"] and r["agreedIn"] == equation for r in rows)
    assert world.ledger.exists(iri)

    before = world.count()
    with pytest.raises(VfgraphError) as err:
        contributions.record(world.ledger, chain.income, equation, DistributeAs.EVENTS)
    assert err.value.code == "ALREADY_DISTRIBUTED"
    assert world.count() == before


def test_recording_transfers_pays_the_shares_out_of_the_income(world: World, chain: SoldFlour) -> None:
    equation = contributions.create_equation(world.ledger, HOURS_AND_HEADS)
    _, written = contributions.record(world.ledger, chain.income, equation, DistributeAs.EVENTS)
    assert len(written) == 3
    assert world.resource(chain.mill_cash)["accountingQuantityValue"] == "0"


def test_an_income_that_names_no_deliverable_cannot_be_distributed(world: World, chain: SoldFlour) -> None:
    equation = contributions.create_equation(world.ledger, HOURS_AND_HEADS)
    with pytest.raises(VfgraphError) as err:
        contributions.preview(world.ledger, chain.delivery, equation)  # the delivery has no trigger
    assert err.value.code == "NOTHING_TO_DISTRIBUTE"


def test_private_contributions_count_but_are_not_listed_to_others(world: World, chain: SoldFlour) -> None:
    dee = world.ledger.create(Kind.PERSON, {"name": "Dee"})
    world.event(
        "work", dee, world.farm, inputOf=chain.harvest, effortQuantity=qty("12", world.hour), private=True
    )
    equation = contributions.create_equation(
        world.ledger,
        {"name": "hours", "buckets": [{"share": "1", "actions": ["work"], "weighting": "effort"}]},
    )
    as_mill = world.ledger.acting_as(Caller(key_id="k-mill", agent=world.mill))
    p = contributions.preview(as_mill, chain.income, equation)
    # Dee's 12 of 24 hours earn her half, whoever asks; the mill is not told which event it was.
    assert amounts(p)[dee] == Decimal("50.00")
    dee_part = next(part for part in p.distribution.parts if part.agent == dee)
    assert [c.event.visible for c in dee_part.contributions] == [False]
    as_dee = world.ledger.acting_as(Caller(key_id="k-dee", agent=dee))
    assert amounts(contributions.preview(as_dee, chain.income, equation)) == amounts(p)


def test_two_concurrent_recordings_of_one_income_write_one_distribution(
    world: World, chain: SoldFlour
) -> None:
    equation = contributions.create_equation(world.ledger, HOURS_AND_HEADS)

    def record(_: int) -> str:
        try:
            contributions.record(world.ledger, chain.income, equation, DistributeAs.CLAIMS)
        except VfgraphError as e:
            return e.code
        return "ok"

    with ThreadPoolExecutor(max_workers=3) as pool:
        outcomes = sorted(pool.map(record, range(3)))

    assert outcomes == ["ALREADY_DISTRIBUTED", "ALREADY_DISTRIBUTED", "ok"]
    assert len(world.ledger.store.rows(CLAIMS_OF, {"income": chain.income})) == 3
