"""The planning layer on the real Neo4j: intents, commitments and what fulfils or satisfies them, proposals,
plans, agreements; the shapes, the bookkeeping of what remains, and who may write what."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest

from tests.neo4j.world import World, qty
from vfgraph.domain.access import Caller
from vfgraph.domain.kinds import Kind
from vfgraph.errors import Forbidden, InvalidInput, ShaclViolation, UnitMismatch, UnknownAction
from vfgraph.ld import export, formats
from vfgraph.ld.importer import import_data
from vfgraph.services.ledger import Ledger

FLOW = "MATCH (c:Record {id: $id}) RETURN c {.*} AS c, labels(c) AS labels"
LINKS = "MATCH (l)-[:FULFILLS|SATISFIES]->(:Record {id: $id}) RETURN count(l) AS n"


def flow(world: World, iri: str) -> dict[str, Any]:
    rows = world.ledger.store.rows(FLOW, {"id": iri})
    assert rows, f"no record {iri}"
    return {**rows[0]["c"], "labels": rows[0]["labels"]}


def links(world: World, iri: str) -> int:
    n: int = world.ledger.store.rows(LINKS, {"id": iri})[0]["n"]
    return n


def commitment(world: World, value: str = "10", unit: str | None = None, **extra: Any) -> str:
    params = {
        "action": "transfer",
        "provider": world.farm,
        "receiver": world.mill,
        "resourceConformsTo": world.grain,
        "resourceQuantity": qty(value, unit or world.kg),
        **extra,
    }
    return world.ledger.create(Kind.COMMITMENT, params)


def delivery(world: World, lot: str, value: str) -> str:
    """The farm transfers `value` kg of `lot` to the mill (into a new lot)."""
    event, _ = world.ledger.record_event(
        {
            "action": "transfer",
            "provider": world.farm,
            "receiver": world.mill,
            "resourceInventoriedAs": lot,
            "resourceQuantity": qty(value, world.kg),
        },
        {"name": "delivered grain"},
    )
    return event


def as_agent(ledger: Ledger, agent: str) -> Ledger:
    return ledger.acting_as(Caller(key_id="test-" + agent[-8:], agent=agent))


def test_each_planning_kind_is_created_with_its_label_and_relationships(world: World) -> None:
    c = world.ledger.create
    deal = c(Kind.AGREEMENT, {"name": "grain deal"})
    season = c(Kind.PLAN, {"name": "season", "inScopeOf": [world.farm]})
    promise = commitment(world, clauseOf=deal, plannedWithin=season)
    wanted = {"action": "transfer", "receiver": world.mill, "resourceQuantity": qty("4", world.kg)}
    want = c(Kind.INTENT, wanted)
    lot = world.stock("10")
    kept = c(Kind.FULFILLMENT, {"fulfilledBy": delivery(world, lot, "2"), "fulfills": promise})
    met = c(Kind.SATISFACTION, {"satisfies": want, "satisfiedBy": promise})
    ask = c(Kind.PROPOSAL, {"name": "grain wanted"})
    published = c(Kind.PROPOSED_INTENT, {"publishedIn": ask, "publishes": want, "reciprocal": False})
    addressed = c(Kind.PROPOSED_TO, {"proposed": ask, "proposedTo": world.farm})

    for iri, kind in [
        (deal, Kind.AGREEMENT),
        (season, Kind.PLAN),
        (promise, Kind.COMMITMENT),
        (want, Kind.INTENT),
        (kept, Kind.FULFILLMENT),
        (met, Kind.SATISFACTION),
        (ask, Kind.PROPOSAL),
        (published, Kind.PROPOSED_INTENT),
        (addressed, Kind.PROPOSED_TO),
    ]:
        assert kind.value in flow(world, iri)["labels"]
    rels = world.ledger.store.rows(
        "MATCH (:Commitment {id: $id})-[r]->(t) RETURN type(r) AS rel, t.id AS target", {"id": promise}
    )
    assert {(r["rel"], r["target"]) for r in rels} >= {
        ("CLAUSE_OF", deal),
        ("PLANNED_WITHIN", season),
        ("PROVIDER", world.farm),
        ("RECEIVER", world.mill),
    }


def test_a_commitment_fulfilled_by_two_events_is_finished_with_nothing_remaining(world: World) -> None:
    promise = commitment(world, "10")
    lot = world.stock("20")
    world.ledger.create(Kind.FULFILLMENT, {"fulfilledBy": delivery(world, lot, "4"), "fulfills": promise})
    half = flow(world, promise)
    assert (half["fulfilledQuantityValue"], half["fulfilledQuantityUnit"]) == ("4", world.kg)
    assert not half.get("finished")

    # Without a quantity of its own, a fulfillment counts its event's.
    second = world.ledger.create(
        Kind.FULFILLMENT, {"fulfilledBy": delivery(world, lot, "6"), "fulfills": promise}
    )
    assert flow(world, second)["resourceQuantityValue"] == "6"
    done = flow(world, promise)
    assert done["fulfilledQuantityValue"] == "10"
    assert done["finished"] is True

    from vfgraph.services.planning import remaining

    left = remaining(done, "fulfilledQuantity")
    assert left is not None and (left.value, left.unit) == (Decimal(0), world.kg)


def test_over_fulfilment_is_kept_but_nothing_is_reported_as_remaining(world: World) -> None:
    from vfgraph.services.planning import remaining

    promise = commitment(world, "3")
    lot = world.stock("20")
    world.ledger.create(Kind.FULFILLMENT, {"fulfilledBy": delivery(world, lot, "5"), "fulfills": promise})
    over = flow(world, promise)
    assert over["fulfilledQuantityValue"] == "5"
    left = remaining(over, "fulfilledQuantity")
    assert left is not None and left.value == 0


def test_taking_back_a_fulfillment_reopens_the_commitment(world: World) -> None:
    promise = commitment(world, "5")
    lot = world.stock("20")
    kept = world.ledger.create(
        Kind.FULFILLMENT, {"fulfilledBy": delivery(world, lot, "5"), "fulfills": promise}
    )
    assert flow(world, promise)["finished"] is True

    # Counting less of the same event reopens it; deleting the fulfillment leaves nothing fulfilled.
    world.ledger.update(Kind.FULFILLMENT, {"revisionId": f"{kept}@1", "resourceQuantity": qty("2", world.kg)})
    partly = flow(world, promise)
    assert (partly["fulfilledQuantityValue"], partly["finished"]) == ("2", False)
    world.ledger.delete(Kind.FULFILLMENT, iri=kept)
    assert flow(world, promise)["fulfilledQuantityValue"] == "0"


def test_a_fulfillment_in_another_unit_is_refused_and_nothing_is_written(world: World) -> None:
    promise = commitment(world, "10")
    event = delivery(world, world.stock("20"), "4")
    before = world.count()
    with pytest.raises(UnitMismatch) as refused:
        world.ledger.create(
            Kind.FULFILLMENT,
            {"fulfilledBy": event, "fulfills": promise, "resourceQuantity": qty("4", world.hour)},
        )
    assert refused.value.code == "UNIT_MISMATCH"
    assert world.count() == before
    assert flow(world, promise).get("fulfilledQuantityValue") is None


def test_an_effort_commitment_is_counted_in_its_effort_unit(world: World) -> None:
    process = world.process()
    shift = world.ledger.create(
        Kind.COMMITMENT,
        {
            "action": "work",
            "provider": world.farm,
            "receiver": world.mill,
            "inputOf": process,
            "resourceConformsTo": world.labour,
            "effortQuantity": qty("8", world.hour),
        },
    )
    work = world.event(
        "work",
        provider=world.farm,
        receiver=world.mill,
        inputOf=process,
        resourceConformsTo=world.labour,
        effortQuantity=qty("3", world.hour),
    )
    world.ledger.create(Kind.FULFILLMENT, {"fulfilledBy": work, "fulfills": shift})
    counted = flow(world, shift)
    assert (counted["fulfilledQuantityValue"], counted["fulfilledQuantityUnit"]) == ("3", world.hour)


def test_an_intent_satisfied_partly_by_a_commitment_shows_what_remains(world: World) -> None:
    from vfgraph.services.planning import remaining

    want = world.ledger.create(
        Kind.INTENT,
        {"action": "transfer", "receiver": world.mill, "resourceQuantity": qty("10", world.kg)},
    )
    promise = commitment(world, "4")
    world.ledger.create(Kind.SATISFACTION, {"satisfies": want, "satisfiedBy": promise})
    partly = flow(world, want)
    assert partly["satisfiedQuantityValue"] == "4"
    assert not partly.get("finished")
    left = remaining(partly, "satisfiedQuantity")
    assert left is not None and (left.value, left.unit) == (Decimal(6), world.kg)


def test_concurrent_fulfillments_of_one_commitment_lose_no_update(world: World) -> None:
    promise = commitment(world, "100")
    lot = world.stock("100")
    events = [delivery(world, lot, "1") for _ in range(16)]

    def fulfil(event: str) -> str:
        return world.ledger.create(Kind.FULFILLMENT, {"fulfilledBy": event, "fulfills": promise})

    with ThreadPoolExecutor(max_workers=8) as pool:
        made = list(pool.map(fulfil, events))

    assert len(set(made)) == 16
    assert flow(world, promise)["fulfilledQuantityValue"] == "16"


@pytest.mark.parametrize(
    ("kind", "params", "message"),
    [
        (Kind.COMMITMENT, {"action": "transfer", "provider": "farm"}, "needs a vf:receiver"),
        (Kind.INTENT, {"action": "transfer", "resourceQuantity": "10kg"}, "vf:provider or a vf:receiver"),
        (Kind.INTENT, {"action": "produce", "provider": "farm", "inputOf": "process"}, "inputOf"),
        (Kind.FULFILLMENT, {"fulfilledBy": "event", "fulfills": "intent"}, "vf:Commitment"),
        (Kind.SATISFACTION, {"satisfies": "commitment", "satisfiedBy": "event"}, "vf:Intent"),
        (Kind.PROPOSED_INTENT, {"publishedIn": "farm", "publishes": "intent"}, "vf:Proposal"),
        (Kind.PLAN, {"note": "no name"}, "needs a vf:name"),
    ],
)
def test_the_shapes_refuse_planning_records_that_break_a_rule(
    world: World, kind: Kind, params: dict[str, Any], message: str
) -> None:
    names = {
        "farm": world.farm,
        "10kg": qty("10", world.kg),
        "process": world.process(),
        "event": world.event("raise", resourceConformsTo=world.grain, resourceQuantity=qty("1", world.kg)),
        "intent": world.ledger.create(Kind.INTENT, {"action": "transfer", "provider": world.farm}),
        "commitment": commitment(world),
    }
    before = world.count()
    with pytest.raises(ShaclViolation) as refused:
        world.ledger.create(kind, {k: names.get(v, v) for k, v in params.items()})
    assert any(message in v.message for v in refused.value.violations), refused.value.violations
    assert world.count() == before


def test_an_unknown_action_and_a_derived_total_are_refused(world: World) -> None:
    with pytest.raises(UnknownAction):
        world.ledger.create(Kind.INTENT, {"action": "teleport", "provider": world.farm})
    with pytest.raises(InvalidInput, match="fulfilledQuantity"):
        commitment(world, fulfilledQuantity=qty("10", world.kg))


def test_agents_write_only_the_plans_they_are_party_to(world: World) -> None:
    farm, mill, carrier = (as_agent(world.ledger, a) for a in (world.farm, world.mill, world.carrier))
    params = {"action": "transfer", "provider": world.farm, "receiver": world.mill}
    before = world.count()
    with pytest.raises(Forbidden):
        carrier.create(Kind.COMMITMENT, params)
    assert world.count() == before
    promise = farm.create(Kind.COMMITMENT, {**params, "resourceQuantity": qty("5", world.kg)})
    with pytest.raises(Forbidden):
        carrier.update(Kind.COMMITMENT, {"revisionId": f"{promise}@1", "note": "mine now"})

    # Fulfilling needs a party to the event: the carrier is not one of this delivery's.
    event = delivery(world, world.stock("9"), "5")
    before = world.count()
    with pytest.raises(Forbidden):
        carrier.create(Kind.FULFILLMENT, {"fulfilledBy": event, "fulfills": promise})
    assert world.count() == before and links(world, promise) == 0
    mill.create(Kind.FULFILLMENT, {"fulfilledBy": event, "fulfills": promise})
    assert flow(world, promise)["finished"] is True

    # A proposal is its creator's: others may not publish in it or address it.
    ask = mill.create(Kind.PROPOSAL, {"name": "grain wanted"})
    assert flow(world, ask)["createdBy"] == world.mill
    want = mill.create(Kind.INTENT, {"action": "transfer", "receiver": world.mill})
    with pytest.raises(Forbidden):
        carrier.create(Kind.PROPOSED_INTENT, {"publishedIn": ask, "publishes": want})
    with pytest.raises(Forbidden):
        carrier.create(Kind.PROPOSED_TO, {"proposed": ask, "proposedTo": world.carrier})
    mill.create(Kind.PROPOSED_TO, {"proposed": ask, "proposedTo": world.carrier})

    # Nor may anyone publish an intent it is no party to, even in a proposal of its own.
    own = carrier.create(Kind.PROPOSAL, {"name": "grain for sale, says the carrier"})
    farms = farm.create(Kind.INTENT, {"action": "transfer", "provider": world.farm})
    before = world.count()
    with pytest.raises(Forbidden):
        carrier.create(Kind.PROPOSED_INTENT, {"publishedIn": own, "publishes": farms})
    assert world.count() == before
    farm_offer = farm.create(Kind.PROPOSAL, {"name": "grain for sale"})
    farm.create(Kind.PROPOSED_INTENT, {"publishedIn": farm_offer, "publishes": farms})


def test_a_plan_with_commitments_exports_as_data_that_imports_cleanly(ledger: Ledger, world: World) -> None:
    season = ledger.create(Kind.PLAN, {"name": "season"})
    promise = commitment(world, "5", plannedWithin=season)
    lot = world.stock("9")
    event = delivery(world, lot, "5")
    kept = ledger.create(Kind.FULFILLMENT, {"fulfilledBy": event, "fulfills": promise})
    iris = [world.farm, world.mill, world.kg, world.grain, season, promise, kept]
    text = "".join(export.export(ledger, formats.TURTLE, iris=iris))
    assert "fulfilledQuantity" in text and "plannedWithin" in text
    report = import_data(ledger, text, formats.TURTLE, dry_run=True)
    assert report.ok, report.to_json()


def test_changing_what_a_commitment_plans_recounts_it(world: World) -> None:
    promise = commitment(world, "10")
    lot = world.stock("20")
    world.ledger.create(Kind.FULFILLMENT, {"fulfilledBy": delivery(world, lot, "4"), "fulfills": promise})
    assert not flow(world, promise).get("finished")

    world.ledger.update(
        Kind.COMMITMENT, {"revisionId": f"{promise}@1", "resourceQuantity": qty("4", world.kg)}
    )
    assert flow(world, promise)["finished"] is True
    world.ledger.update(
        Kind.COMMITMENT, {"revisionId": f"{promise}@2", "resourceQuantity": qty("6", world.kg)}
    )
    assert flow(world, promise)["finished"] is False
    # A client may still close it by hand.
    world.ledger.update(Kind.COMMITMENT, {"revisionId": f"{promise}@3", "finished": True})
    assert flow(world, promise)["finished"] is True
