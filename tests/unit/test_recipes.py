"""Exploding a demand through recipes: exact scaling, back-scheduling, netting, cycles (no store)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from vfgraph.domain.durations import before, unit_type_of
from vfgraph.domain.recipes import (
    FlowTemplate,
    Lot,
    ProcessTemplate,
    RecipeBook,
    Role,
    explode,
)
from vfgraph.errors import InvalidInput, InvalidRecipe, RecipeCycle, UnitMismatch

KG, H = "ex:kg", "ex:h"
DUE = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
D = Decimal


def milling(duration: str | None = "3", unit: str = "hour", **flour_flow: object) -> ProcessTemplate:
    return ProcessTemplate(
        id="ex:milling",
        name="Milling",
        process_spec="ex:spec-milling",
        duration=None if duration is None else D(duration),
        duration_unit=unit,
        inputs=(
            FlowTemplate("ex:f-grain", "consume", "ex:grain", D("1.25"), KG, stage="ex:spec-drying"),
            FlowTemplate("ex:f-water", "consume", "ex:water", D("0.3"), KG),
            FlowTemplate("ex:f-work", "work", "ex:labour", effort=D("0.5"), effort_unit=H),
        ),
        outputs=(FlowTemplate("ex:f-flour", "produce", "ex:flour", D("1"), KG),),
    )


BAKING = ProcessTemplate(
    id="ex:baking",
    name="Baking",
    duration=D("1"),
    duration_unit="day",
    inputs=(FlowTemplate("ex:b-flour", "consume", "ex:flour", D("0.6"), KG),),
    outputs=(
        FlowTemplate("ex:b-bread", "produce", "ex:bread", D("1"), KG),
        FlowTemplate("ex:b-crumbs", "produce", "ex:crumbs", D("0.05"), KG),
    ),
)


def test_every_flow_is_scaled_exactly_by_the_demanded_quantity() -> None:
    plan = explode(RecipeBook([milling()]), "ex:flour", D("3"), KG, DUE)
    by_id = {f.template.id: f for f in plan.flows}
    assert plan.processes[0].scale == D("3")
    assert by_id["ex:f-grain"].quantity == D("3.75")
    assert by_id["ex:f-water"].quantity == D("0.9")
    assert by_id["ex:f-work"].effort == D("1.5") and by_id["ex:f-work"].quantity is None
    assert by_id["ex:f-flour"].role is Role.DEMAND and by_id["ex:f-flour"].quantity == D("3")


def test_scaling_keeps_exact_thirds_of_a_decimal_batch() -> None:
    recipe = ProcessTemplate(
        "ex:p",
        "P",
        inputs=(FlowTemplate("ex:in", "consume", "ex:a", D("0.1"), KG),),
        outputs=(FlowTemplate("ex:out", "produce", "ex:b", D("0.3"), KG),),
    )
    plan = explode(RecipeBook([recipe]), "ex:b", D("0.9"), KG, DUE)
    assert [f.quantity for f in plan.flows if f.role is Role.INPUT] == [D("0.3")]


def test_processes_are_back_scheduled_through_two_levels() -> None:
    plan = explode(RecipeBook([milling(), BAKING]), "ex:bread", D("10"), KG, DUE)
    baking, mill = plan.processes
    assert (baking.recipe.id, baking.end, baking.begin) == (
        "ex:baking",
        DUE,
        datetime(2026, 11, 30, 12, tzinfo=UTC),
    )
    assert mill.end == baking.begin  # the flour is needed when baking begins
    assert mill.begin == datetime(2026, 11, 30, 9, tzinfo=UTC)
    flour_in = next(f for f in plan.flows if f.template.id == "ex:b-flour")
    assert flour_in.role is Role.INPUT and flour_in.made_here and flour_in.due == baking.begin
    assert mill.scale == D("6") and flour_in.quantity == D("6")
    crumbs = next(f for f in plan.flows if f.template.id == "ex:b-crumbs")
    assert crumbs.role is Role.OUTPUT and crumbs.quantity == D("0.50")
    dependent_flour = next(f for f in plan.flows if f.template.id == "ex:f-flour")
    assert dependent_flour.role is Role.OUTPUT and dependent_flour.due == baking.begin


def test_stock_on_hand_is_netted_before_making_more() -> None:
    stock = [Lot("ex:lot-1", "ex:flour", D("2.5"), KG), Lot("ex:lot-2", "ex:flour", D("1"), KG)]
    plan = explode(RecipeBook([milling(), BAKING]), "ex:bread", D("10"), KG, DUE, stock)
    taken = [(f.resource, f.quantity) for f in plan.flows if f.role is Role.STOCK]
    assert taken == [("ex:lot-1", D("2.5")), ("ex:lot-2", D("1"))]
    assert plan.processes[1].scale == D("2.5")  # 6 - 3.5


def test_stock_that_covers_the_need_leaves_nothing_to_make() -> None:
    stock = [Lot("ex:lot", "ex:flour", D("100"), KG)]
    plan = explode(RecipeBook([milling(), BAKING]), "ex:bread", D("10"), KG, DUE, stock)
    assert [p.recipe.id for p in plan.processes] == ["ex:baking"]
    assert not [f for f in plan.flows if f.role is Role.INPUT]


def test_a_lot_at_another_stage_or_unit_does_not_count() -> None:
    stock = [
        Lot("ex:wet", "ex:grain", D("100"), KG, stage="ex:spec-washing"),
        Lot("ex:tons", "ex:grain", D("100"), "ex:t", stage="ex:spec-drying"),
        Lot("ex:dry", "ex:grain", D("1"), KG, stage="ex:spec-drying"),
    ]
    plan = explode(RecipeBook([milling()]), "ex:flour", D("2"), KG, DUE, stock)
    assert [(f.resource, f.quantity) for f in plan.flows if f.role is Role.STOCK] == [("ex:dry", D("1"))]
    grain = next(f for f in plan.flows if f.role is Role.INPUT and f.template.spec == "ex:grain")
    assert grain.quantity == D("1.50") and not grain.made_here


def test_a_lot_in_another_state_does_not_count() -> None:
    recipe = ProcessTemplate(
        "ex:p",
        "P",
        inputs=(FlowTemplate("ex:in", "consume", "ex:a", D("1"), KG, state="pass"),),
        outputs=(FlowTemplate("ex:out", "produce", "ex:b", D("1"), KG),),
    )
    stock = [
        Lot("ex:failed", "ex:a", D("5"), KG, state="fail"),
        Lot("ex:ok", "ex:a", D("5"), KG, state="pass"),
    ]
    plan = explode(RecipeBook([recipe]), "ex:b", D("2"), KG, DUE, stock)
    assert [f.resource for f in plan.flows if f.role is Role.STOCK] == ["ex:ok"]


def test_a_recipe_that_needs_what_it_makes_is_refused() -> None:
    loop = ProcessTemplate(
        "ex:flour-from-bread",
        "Grind bread",
        inputs=(FlowTemplate("ex:x", "consume", "ex:bread", D("2"), KG),),
        outputs=(FlowTemplate("ex:y", "produce", "ex:flour", D("1"), KG),),
    )
    with pytest.raises(RecipeCycle) as e:
        explode(RecipeBook([loop, BAKING]), "ex:bread", D("1"), KG, DUE)
    assert e.value.code == "RECIPE_CYCLE"
    assert "ex:baking -> ex:flour-from-bread -> ex:baking" in e.value.message


def test_a_cycle_is_refused_even_when_stock_would_hide_it() -> None:
    loop = ProcessTemplate(
        "ex:loop",
        "Loop",
        inputs=(FlowTemplate("ex:x", "consume", "ex:a", D("1"), KG),),
        outputs=(FlowTemplate("ex:y", "produce", "ex:a", D("2"), KG),),
    )
    with pytest.raises(RecipeCycle):
        explode(RecipeBook([loop]), "ex:a", D("1"), KG, DUE, [Lot("ex:lot", "ex:a", D("9"), KG)])


def test_a_demand_in_another_unit_or_without_recipe_is_refused() -> None:
    with pytest.raises(UnitMismatch):
        explode(RecipeBook([milling()]), "ex:flour", D("1"), "ex:lb", DUE)
    with pytest.raises(InvalidRecipe):
        explode(RecipeBook([milling()]), "ex:cake", D("1"), KG, DUE)


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        ("90", "minute", datetime(2026, 3, 31, 10, 30, tzinfo=UTC)),
        ("1.5", "day", datetime(2026, 3, 30, 0, 0, tzinfo=UTC)),
        ("2", "week", datetime(2026, 3, 17, 12, 0, tzinfo=UTC)),
        ("1", "month", datetime(2026, 2, 28, 12, 0, tzinfo=UTC)),
        ("1", "year", datetime(2025, 3, 31, 12, 0, tzinfo=UTC)),
        ("0.000001", "second", datetime(2026, 3, 31, 11, 59, 59, 999999, tzinfo=UTC)),
    ],
)
def test_durations_count_back_exactly(amount: str, unit: str, expected: datetime) -> None:
    assert before(datetime(2026, 3, 31, 12, tzinfo=UTC), D(amount), unit) == expected


def test_a_fraction_of_a_month_cannot_be_scheduled() -> None:
    with pytest.raises(InvalidInput):
        before(DUE, D("1.5"), "month")


def test_time_units_are_known_by_their_om2_identifier() -> None:
    assert unit_type_of("minute-Time") == "minute"
    assert unit_type_of("kilogram") is None and unit_type_of(None) is None
