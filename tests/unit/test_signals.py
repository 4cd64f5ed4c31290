"""The pure rules of signals: filters and the match score."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from vfgraph.domain.kinds import Kind
from vfgraph.domain.signals import Ground, Holding, Request, SignalFilter, Subject, Supply, match, rank
from vfgraph.services.changes import QUEUE_SIZE, Change, ChangeFeed, Operation, written

KG, LB = "unit:kg", "unit:lb"


def subject(**about: frozenset[str]) -> Subject:
    return Subject(Kind.INTENT, "intent:1", **about)


def test_an_empty_filter_lets_every_signal_kind_through() -> None:
    assert SignalFilter().accepts(subject())
    assert not SignalFilter().accepts(Subject(Kind.ECONOMIC_EVENT, "event:1"))


def test_each_given_criterion_must_share_a_value_with_the_record() -> None:
    about = subject(specs=frozenset({"spec:grain"}), locations=frozenset({"geo:here"}))
    assert SignalFilter(specs=frozenset({"spec:grain", "spec:flour"})).accepts(about)
    assert not SignalFilter(specs=frozenset({"spec:flour"})).accepts(about)
    assert not SignalFilter(specs=frozenset({"spec:grain"}), agents=frozenset({"agent:a"})).accepts(about)
    assert not SignalFilter(kinds=frozenset({Kind.PROPOSAL})).accepts(about)


def ask(quantity: str | None, unit: str | None = KG, due: str | None = None, id: str = "intent:1") -> Request:
    return Request(
        id=id, spec="spec:grain", quantity=Decimal(quantity) if quantity else None, unit=unit, due=due
    )


def held(*amounts: tuple[str, str], made: int = 0) -> Supply:
    holdings = tuple(Holding(f"resource:{n}", Decimal(v), u) for n, (v, u) in enumerate(amounts))
    return Supply("spec:grain", holdings, made)


def test_holding_enough_counts_only_the_unit_asked_for() -> None:
    found = match(ask("10"), held(("6", KG), ("6", KG), ("100", LB)))
    assert found is not None and found.score == Ground.HOLDS_ENOUGH
    short = match(ask("10"), held(("6", KG), ("100", LB)))
    assert short is not None and short.score == Ground.HOLDS_SOME


def test_a_request_without_a_quantity_is_filled_by_holding_any() -> None:
    found = match(ask(None, unit=None), held(("1", KG)))
    assert found is not None and found.score == Ground.HOLDS_ENOUGH


def test_producing_is_the_weakest_ground_and_every_ground_is_a_reason() -> None:
    found = match(ask("10"), held(("1", KG), made=2))
    assert found is not None
    assert found.score == Ground.HOLDS_SOME
    assert len(found.reasons) == 2 and found.reasons[1] == "produces it (2 recorded outputs)"
    assert match(ask("10"), Supply("spec:grain")) is None


def test_rank_orders_by_score_then_soonest_due_with_undated_last() -> None:
    supply = [held(("10", KG))]
    requests = [
        ask("5", id="a"),
        ask("5", due="2026-02-01T00:00:00Z", id="b"),
        ask("50", due="2026-01-01T00:00:00Z", id="c"),
        ask("5", due="2026-01-15T00:00:00Z", id="d"),
    ]
    assert [m.request.id for m in rank(requests, supply)] == ["d", "b", "a", "c"]


def test_writing_a_link_record_also_changes_the_record_it_points_at() -> None:
    link = written(Kind.SATISFACTION, "satisfaction:1", Operation.CREATED, {"satisfies": "intent:1"})
    assert link == [
        Change(Kind.SATISFACTION, "satisfaction:1", Operation.CREATED),
        Change(Kind.INTENT, "intent:1", Operation.UPDATED),
    ]
    plain = written(Kind.INTENT, "intent:1", Operation.UPDATED, {"note": "x"})
    assert plain == [Change(Kind.INTENT, "intent:1", Operation.UPDATED)]


def test_a_listener_that_falls_behind_loses_the_oldest_notices_not_the_writers_time() -> None:
    feed = ChangeFeed()

    async def run() -> tuple[Change, bool]:
        subscription = feed.subscribe()
        changes = [Change(Kind.INTENT, f"intent:{n}", Operation.CREATED) for n in range(QUEUE_SIZE + 1)]
        await asyncio.to_thread(feed.publish, *changes)  # from a worker thread, as the ledger's writes do
        await asyncio.sleep(0)  # let the loop take the hand-overs
        first = await subscription.get()
        subscription.close()
        return first, subscription.overflowed

    first, overflowed = asyncio.run(run())
    assert first == Change(Kind.INTENT, "intent:1", Operation.CREATED)
    assert overflowed
    assert feed.listeners == 0
