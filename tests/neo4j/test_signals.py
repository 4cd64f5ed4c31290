"""Signals on the real Neo4j: the change feed after commit, open offers and requests, matches."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import pytest

from tests.neo4j.world import World, qty
from vfgraph.domain.access import Caller
from vfgraph.domain.kinds import Kind
from vfgraph.domain.signals import ProposalFilter
from vfgraph.errors import Immutable
from vfgraph.services import signals
from vfgraph.services.changes import Change, Operation
from vfgraph.store.reads import Window

T = TypeVar("T")
NOW = datetime(2026, 6, 1, tzinfo=UTC)
HERE = "https://geo.example/here"
THERE = "https://geo.example/there"


def drain_after(world: World, write: Callable[[], T]) -> tuple[T | BaseException, list[Change]]:
    """Run ``write`` in a worker thread while listening to the feed; what it returned and what was heard."""

    async def run() -> tuple[T | BaseException, list[Change]]:
        subscription = world.ledger.feed.subscribe()
        try:
            outcome: T | BaseException
            try:
                outcome = await asyncio.to_thread(write)
            except Exception as e:
                outcome = e
            heard: list[Change] = []
            while True:
                try:
                    heard.append(await asyncio.wait_for(subscription.get(), 0.2))
                except TimeoutError:
                    return outcome, heard
        finally:
            subscription.close()

    return asyncio.run(run())


def test_a_committed_creation_is_announced_once_with_its_kind_and_id(world: World) -> None:
    work = {"action": "work", "provider": world.farm}
    iri, heard = drain_after(world, lambda: world.ledger.create(Kind.INTENT, work))
    assert heard == [Change(Kind.INTENT, str(iri), Operation.CREATED)]


def test_a_rolled_back_write_announces_nothing(world: World) -> None:
    # The grain specification refers to the kilogram, so deleting it fails inside the transaction.
    outcome, heard = drain_after(world, lambda: world.ledger.delete(Kind.UNIT, iri=world.kg))
    assert isinstance(outcome, Immutable)
    assert heard == []


def test_publishing_an_intent_in_a_proposal_announces_the_proposal_as_updated(world: World) -> None:
    proposal = world.ledger.create(Kind.PROPOSAL, {"name": "grain wanted"})
    intent = world.ledger.create(Kind.INTENT, {"action": "transfer", "receiver": world.mill})
    link, heard = drain_after(
        world,
        lambda: world.ledger.create(Kind.PROPOSED_INTENT, {"publishedIn": proposal, "publishes": intent}),
    )
    assert heard == [
        Change(Kind.PROPOSED_INTENT, str(link), Operation.CREATED),
        Change(Kind.PROPOSAL, proposal, Operation.UPDATED),
    ]


def test_listeners_are_forgotten_once_closed(world: World) -> None:
    async def run() -> int:
        subscription = world.ledger.feed.subscribe()
        subscription.close()
        return world.ledger.feed.listeners

    assert asyncio.run(run()) == 0


# Offers and requests


def proposal(
    world: World, side: str, spec: str, *, primary: dict[str, Any] | None = None, **fields: Any
) -> str:
    """A proposal with one primary intent: an offer (the farm provides) or a request (the mill receives)."""
    intent: dict[str, Any] = {
        "action": "transfer",
        "resourceConformsTo": spec,
        "resourceQuantity": qty("5", world.kg),
    }
    intent["provider" if side == "offer" else "receiver"] = world.farm if side == "offer" else world.mill
    intent.update(primary or {})
    iri = world.ledger.create(Kind.PROPOSAL, {"name": f"{side} of grain", **fields})
    world.ledger.create(
        Kind.PROPOSED_INTENT, {"publishedIn": iri, "publishes": world.ledger.create(Kind.INTENT, intent)}
    )
    return iri


def open_ids(world: World, side: str, where: ProposalFilter) -> list[str]:
    page = signals.open_proposals(world.ledger, side, where, Window(limit=50), now=NOW)  # type: ignore[arg-type]
    return page.items


def fresh_spec(world: World) -> str:
    return world.ledger.create(Kind.RESOURCE_SPECIFICATION, {"name": "grain"})


def test_offers_and_requests_are_told_apart_by_which_side_their_primary_intents_leave_open(
    world: World,
) -> None:
    spec = fresh_spec(world)
    offer = proposal(world, "offer", spec)
    request = proposal(world, "request", spec)
    # Both sides named: an exchange already agreed between two agents, neither an offer nor a request.
    proposal(world, "offer", spec, primary={"receiver": world.mill})
    where = ProposalFilter(specs=(spec,))
    assert open_ids(world, "offer", where) == [offer]
    assert open_ids(world, "request", where) == [request]


def test_a_reciprocal_intent_does_not_decide_the_side(world: World) -> None:
    spec = fresh_spec(world)
    offer = proposal(world, "offer", spec)
    payment = world.ledger.create(Kind.INTENT, {"action": "transfer", "receiver": world.farm})
    world.ledger.create(
        Kind.PROPOSED_INTENT, {"publishedIn": offer, "publishes": payment, "reciprocal": True}
    )
    assert open_ids(world, "offer", ProposalFilter(specs=(spec,))) == [offer]


def test_closed_proposals_are_not_listed(world: World) -> None:
    spec = fresh_spec(world)
    current = proposal(
        world, "offer", spec, hasBeginning="2026-01-01T00:00:00Z", hasEnd="2026-12-31T00:00:00Z"
    )
    proposal(world, "offer", spec, hasEnd="2026-05-01T00:00:00Z")  # over
    proposal(world, "offer", spec, hasBeginning="2026-07-01T00:00:00Z")  # not yet open
    proposal(world, "offer", spec, primary={"finished": True})  # its only intent is done
    assert open_ids(world, "offer", ProposalFilter(specs=(spec,))) == [current]


def test_offers_filter_by_location_of_their_intents_or_their_eligible_location(world: World) -> None:
    spec = fresh_spec(world)
    by_intent = proposal(world, "offer", spec, primary={"atLocation": HERE})
    by_proposal = proposal(world, "offer", spec, eligibleLocation=HERE)
    proposal(world, "offer", spec, primary={"atLocation": THERE})
    proposal(world, "offer", spec)
    assert open_ids(world, "offer", ProposalFilter(specs=(spec,), locations=(HERE,))) == sorted(
        [by_intent, by_proposal]
    )


def test_offers_filter_by_a_time_window_that_overlaps_theirs(world: World) -> None:
    spec = fresh_spec(world)
    summer = proposal(
        world, "offer", spec, hasBeginning="2026-05-01T00:00:00Z", hasEnd="2026-08-31T00:00:00Z"
    )
    autumn = proposal(
        world, "offer", spec, hasBeginning="2026-05-15T00:00:00Z", hasEnd="2026-11-30T00:00:00Z"
    )
    unbounded = proposal(world, "offer", spec)
    october = ProposalFilter(
        specs=(spec,), start=datetime(2026, 10, 1, tzinfo=UTC), end=datetime(2026, 10, 31, tzinfo=UTC)
    )
    assert open_ids(world, "offer", october) == sorted([autumn, unbounded])
    assert summer in open_ids(world, "offer", ProposalFilter(specs=(spec,)))


def test_offers_filter_by_resource_specification(world: World) -> None:
    grain, flour = fresh_spec(world), fresh_spec(world)
    offer = proposal(world, "offer", grain)
    proposal(world, "offer", flour)
    assert open_ids(world, "offer", ProposalFilter(specs=(grain,))) == [offer]


def test_offers_page_in_id_order(world: World) -> None:
    spec = fresh_spec(world)
    made = sorted(proposal(world, "offer", spec) for _ in range(3))
    where = ProposalFilter(specs=(spec,))
    first = signals.open_proposals(world.ledger, "offer", where, Window(limit=2), now=NOW)
    rest = signals.open_proposals(
        world.ledger, "offer", where, Window(limit=2, after=first.items[-1]), now=NOW
    )
    assert (first.items, first.has_next) == (made[:2], True)
    assert (rest.items, rest.has_next) == (made[2:], False)


# Matches


def request(world: World, spec: str, value: str | None, due: str | None = None, **fields: Any) -> str:
    params: dict[str, Any] = {
        "action": "transfer",
        "receiver": world.mill,
        "resourceConformsTo": spec,
        **fields,
    }
    if value is not None:
        params["resourceQuantity"] = qty(value, world.kg)
    if due is not None:
        params["due"] = due
    return world.ledger.create(Kind.INTENT, params)


def stock_of(world: World, spec: str, value: str, owner: str) -> str:
    _, iri = world.ledger.record_event(
        {
            "action": "raise",
            "provider": owner,
            "receiver": owner,
            "resourceConformsTo": spec,
            "resourceQuantity": qty(value, world.kg),
        },
        {"name": "lot", "conformsTo": spec},
    )
    assert iri is not None
    return iri


def produced(world: World, spec: str, owner: str) -> None:
    process = world.ledger.create(Kind.PROCESS, {"name": "growing", "inScopeOf": [owner]})
    world.event(
        "produce",
        provider=owner,
        receiver=owner,
        outputOf=process,
        resourceConformsTo=spec,
        resourceQuantity=qty("1", world.kg),
    )


def test_matches_rank_holding_enough_then_holding_some_then_producing_then_by_due_date(world: World) -> None:
    grown, held = fresh_spec(world), fresh_spec(world)
    farm = world.farm
    stock_of(world, held, "30", farm)
    produced(world, grown, farm)
    enough_later = request(world, held, "20", due="2026-09-01T00:00:00Z")
    enough_sooner = request(world, held, "30", due="2026-07-01T00:00:00Z")
    some = request(world, held, "50", due="2026-06-15T00:00:00Z")
    any_amount = request(world, held, None)
    grows = request(world, grown, "5", due="2026-06-10T00:00:00Z")
    found = signals.matches(world.ledger, farm, now=NOW)
    ranked = [(m.request.id, m.score) for m in found]
    assert ranked == [(enough_sooner, 3), (enough_later, 3), (any_amount, 3), (some, 2), (grows, 1)]
    reasons = {m.request.id: m.reasons for m in found}
    assert reasons[some][0].startswith("holds 30 ")
    assert "50 " in reasons[some][0]
    assert reasons[grows] == ("produces it (1 recorded output)",)


def test_matches_leave_out_requests_already_provided_finished_past_or_the_agents_own(world: World) -> None:
    spec = fresh_spec(world)
    stock_of(world, spec, "10", world.farm)
    wanted = request(world, spec, "1")
    request(world, spec, "1", provider=world.carrier)
    request(world, spec, "1", finished=True)
    request(world, spec, "1", hasEnd="2026-01-01T00:00:00Z")
    world.ledger.create(
        Kind.INTENT, {"action": "transfer", "receiver": world.farm, "resourceConformsTo": spec}
    )
    assert [m.request.id for m in signals.matches(world.ledger, world.farm, now=NOW)] == [wanted]


def test_matches_see_only_what_the_caller_may_see(world: World, ledger: Any) -> None:
    from vfgraph.services import keys

    spec = fresh_spec(world)
    stock_of(world, spec, "10", world.farm)
    mill_key = keys.create(ledger, agent=world.mill, name="mill")
    as_mill = ledger.acting_as(Caller(key_id=mill_key.key_id, agent=world.mill, operator=False))
    hidden = as_mill.create(
        Kind.INTENT,
        {"action": "transfer", "receiver": world.mill, "resourceConformsTo": spec, "private": True},
    )
    outsider = ledger.acting_as(Caller(key_id="k", agent=world.carrier, operator=False))
    assert [m.request.id for m in signals.matches(as_mill, world.farm, now=NOW)] == [hidden]
    assert signals.matches(outsider, world.farm, now=NOW) == []


def test_an_agent_with_nothing_to_supply_matches_nothing(world: World) -> None:
    assert signals.matches(world.ledger, world.carrier, now=NOW) == []


@pytest.mark.parametrize("kind", [Kind.INTENT, Kind.COMMITMENT])
def test_a_flow_is_about_its_specification_location_and_agents(world: World, kind: Kind) -> None:
    spec = fresh_spec(world)
    flow = {"action": "transfer", "resourceConformsTo": spec, "atLocation": HERE}
    iri = world.ledger.create(kind, {**flow, "provider": world.farm, "receiver": world.mill})
    about = signals.subject(world.ledger, Change(kind, iri, Operation.CREATED))
    assert about is not None
    assert (about.specs, about.locations, about.agents) == (
        frozenset({spec}),
        frozenset({HERE}),
        frozenset({world.farm, world.mill}),
    )


def test_a_proposal_is_about_what_its_intents_are_about(world: World) -> None:
    spec = fresh_spec(world)
    iri = proposal(world, "request", spec, primary={"atLocation": HERE}, eligibleLocation=THERE)
    about = signals.subject(world.ledger, Change(Kind.PROPOSAL, iri, Operation.UPDATED))
    assert about is not None
    assert (about.specs, about.locations, about.agents) == (
        frozenset({spec}),
        frozenset({HERE, THERE}),
        frozenset({world.mill}),
    )


def test_a_proposal_is_about_its_creator_and_those_it_is_proposed_to(world: World) -> None:
    as_farm = world.ledger.acting_as(Caller(key_id="k", agent=world.farm, operator=False))
    iri = as_farm.create(Kind.PROPOSAL, {"name": "grain for sale"})
    world.ledger.create(Kind.PROPOSED_TO, {"proposed": iri, "proposedTo": world.carrier})
    about = signals.subject(world.ledger, Change(Kind.PROPOSAL, iri, Operation.UPDATED))
    assert about is not None
    assert about.agents == frozenset({world.farm, world.carrier})
