"""Recipes and planFromRecipe on the real Neo4j: what a plan writes; a failing plan writes nothing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from tests.neo4j.world import World, qty
from vfgraph.domain.access import Caller
from vfgraph.domain.kinds import Kind
from vfgraph.errors import (
    Forbidden,
    InvalidInput,
    InvalidQuantity,
    RecipeCycle,
    ShaclViolation,
    UnknownAction,
)
from vfgraph.services import planning_recipes, recipes
from vfgraph.services.ledger import Ledger
from vfgraph.services.records import Hooks
from vfgraph.store.driver import Tx

DUE = "2026-12-01T12:00:00Z"

# Every record a plan wrote, with its label and stored properties and relationships.
PLAN_CONTENTS = """
MATCH (n:Record)-[:PLANNED_WITHIN|INDEPENDENT_DEMAND_OF]->(:Plan {id: $plan})
WITH DISTINCT n
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Record'][0] AS kind, properties(n) AS props,
       {inputOf: [(n)-[:INPUT_OF]->(x) | x.id][0], outputOf: [(n)-[:OUTPUT_OF]->(x) | x.id][0],
        provider: [(n)-[:PROVIDER]->(x) | x.id][0], receiver: [(n)-[:RECEIVER]->(x) | x.id][0],
        spec: [(n)-[:RESOURCE_CONFORMS_TO]->(x) | x.id][0], basedOn: [(n)-[:BASED_ON]->(x) | x.id][0],
        resource: [(n)-[:RESOURCE_INVENTORIED_AS]->(x) | x.id][0],
        stage: [(n)-[:STAGE]->(x) | x.id][0], demandOf: [(n)-[:INDEPENDENT_DEMAND_OF]->(x) | x.id][0]} AS refs
ORDER BY id
"""


@dataclass
class Bakery:
    """Two recipes: 1 kg flour from 1.25 kg dried grain, 0.3 kg water and 0.5 h work in 3 hours; 1 kg bread
    from 0.6 kg flour in a day."""

    world: World
    flour: str
    water: str
    bread: str
    drying: str
    washing: str
    milling: str
    baking: str
    mill_recipe: str
    bake_recipe: str
    work_flow: str

    def plan(self, spec: str, value: str, **kw: Any) -> planning_recipes.PlannedRecords:
        return planning_recipes.plan_from_recipe(
            self.world.ledger, spec, qty(value, self.world.kg), DUE, **kw
        )

    def contents(self, plan: str) -> list[dict[str, Any]]:
        return self.world.ledger.store.rows(PLAN_CONTENTS, {"plan": plan})


def flow(ledger: Ledger, **params: Any) -> str:
    return recipes.create(ledger, Kind.RECIPE_FLOW, params)


@pytest.fixture
def bakery(world: World) -> Bakery:
    ledger, c = world.ledger, world.ledger.create
    spec, pspec = Kind.RESOURCE_SPECIFICATION, Kind.PROCESS_SPECIFICATION
    flour, water, bread = (c(spec, {"name": n}) for n in ("flour", "water", "bread"))
    drying, washing, baking = (c(pspec, {"name": n}) for n in ("drying", "washing", "baking"))
    mill_recipe = recipes.create(
        ledger,
        Kind.RECIPE_PROCESS,
        {
            "name": "Mill grain",
            "processConformsTo": world.milling,
            "hasDuration": {"numericDuration": Decimal("3"), "unitType": "hour"},
        },
    )
    flow(
        ledger,
        action="produce",
        resourceConformsTo=flour,
        resourceQuantity=qty("1", world.kg),
        recipeOutputOf=mill_recipe,
    )
    flow(
        ledger,
        action="consume",
        resourceConformsTo=world.grain,
        resourceQuantity=qty("1.25", world.kg),
        recipeInputOf=mill_recipe,
        stage=drying,
        state="clean",
    )
    flow(
        ledger,
        action="consume",
        resourceConformsTo=water,
        resourceQuantity=qty("0.3", world.kg),
        recipeInputOf=mill_recipe,
    )
    work_flow = flow(
        ledger,
        action="work",
        resourceConformsTo=world.labour,
        effortQuantity=qty("0.5", world.hour),
        recipeInputOf=mill_recipe,
    )
    bake_recipe = recipes.create(
        ledger,
        Kind.RECIPE_PROCESS,
        {
            "name": "Bake",
            "processConformsTo": baking,
            "hasDuration": {"numericDuration": Decimal(1), "unitType": "day"},
        },
    )
    flow(
        ledger,
        action="consume",
        resourceConformsTo=flour,
        resourceQuantity=qty("0.6", world.kg),
        recipeInputOf=bake_recipe,
    )
    flow(
        ledger,
        action="produce",
        resourceConformsTo=bread,
        resourceQuantity=qty("1", world.kg),
        recipeOutputOf=bake_recipe,
    )
    specs = (flour, water, bread, drying, washing, world.milling, baking)
    return Bakery(world, *specs, mill_recipe, bake_recipe, work_flow)


def grain_lot(world: World, value: str, stage: str, state: str, owner: str) -> str:
    """A grain lot at ``stage`` in ``state``, produced by a process based on ``stage``, owned by ``owner``."""
    process = world.process("prepare grain", based_on=stage)
    _, lot = world.ledger.record_event(
        {
            "action": "produce",
            "provider": owner,
            "receiver": owner,
            "outputOf": process,
            "resourceConformsTo": world.grain,
            "resourceQuantity": qty(value, world.kg),
            "state": state,
            "hasPointInTime": "2026-11-01T00:00:00Z",
        },
        {"name": "grain lot"},
    )
    assert lot is not None
    return lot


def test_a_plan_scales_every_flow_of_the_recipe_exactly(bakery: Bakery) -> None:
    w = bakery.world
    planned = bakery.plan(bakery.flour, "3", agent=w.mill)
    rows = bakery.contents(planned.plan)
    assert len(planned.processes) == 1 and len(rows) == 1 + 4  # the process and four flows
    flows = {(r["props"]["action"], r["refs"]["spec"]): r for r in rows if r["kind"] != "Process"}
    assert flows["produce", bakery.flour]["props"]["resourceQuantityValue"] == "3"
    assert flows["consume", w.grain]["props"]["resourceQuantityValue"] == "3.75"
    assert flows["consume", bakery.water]["props"]["resourceQuantityValue"] == "0.9"
    assert flows["work", w.labour]["props"]["effortQuantityValue"] == "1.5"
    assert flows["work", w.labour]["props"]["effortQuantityUnit"] == w.hour
    # Requested inputs are intents for the mill, with the provider left open.
    grain = flows["consume", w.grain]
    assert (
        grain["kind"] == "Intent"
        and grain["refs"]["receiver"] == w.mill
        and grain["refs"]["provider"] is None
    )
    assert grain["refs"]["stage"] == bakery.drying
    assert grain["props"]["state"] == "clean"
    # Without a customer the demand is an intent the mill offers.
    demand = flows["produce", bakery.flour]
    assert demand["kind"] == "Intent" and demand["refs"]["provider"] == w.mill
    assert demand["refs"]["outputOf"] == planned.processes[0]


def test_processes_are_back_scheduled_from_the_due_date_across_two_levels(bakery: Bakery) -> None:
    w = bakery.world
    planned = bakery.plan(bakery.bread, "10", agent=w.mill)
    rows = {r["id"]: r for r in bakery.contents(planned.plan)}
    bake, mill = (rows[p] for p in planned.processes)
    assert bake["refs"]["basedOn"] == bakery.baking and mill["refs"]["basedOn"] == bakery.milling
    assert (bake["props"]["hasBeginning"], bake["props"]["hasEnd"]) == ("2026-11-30T12:00:00Z", DUE)
    assert (mill["props"]["hasBeginning"], mill["props"]["hasEnd"]) == (
        "2026-11-30T09:00:00Z",
        "2026-11-30T12:00:00Z",
    )
    # 10 kg bread needs 6 kg flour, made by the mill for itself (a commitment on both sides).
    flour_flows = [r for r in rows.values() if r["refs"]["spec"] == bakery.flour]
    assert {(r["kind"], r["props"]["resourceQuantityValue"], r["props"]["due"]) for r in flour_flows} == {
        ("Commitment", "6", "2026-11-30T12:00:00Z")
    }
    assert {r["refs"]["inputOf"] or r["refs"]["outputOf"] for r in flour_flows} == {bake["id"], mill["id"]}
    grain = next(r for r in rows.values() if r["refs"]["spec"] == w.grain)
    assert grain["props"]["resourceQuantityValue"] == "7.5"
    assert grain["props"]["due"] == "2026-11-30T09:00:00Z"


def test_stock_on_hand_at_the_right_stage_and_state_is_netted(bakery: Bakery) -> None:
    w = bakery.world
    dried = grain_lot(w, "2", bakery.drying, "clean", w.mill)
    grain_lot(w, "100", bakery.washing, "clean", w.mill)  # wrong stage
    grain_lot(w, "100", bakery.drying, "dirty", w.mill)  # wrong state
    grain_lot(w, "100", bakery.drying, "clean", w.farm)  # someone else's
    planned = bakery.plan(bakery.flour, "3", agent=w.mill)
    grain = [r for r in bakery.contents(planned.plan) if r["refs"]["spec"] == w.grain]
    by_kind = {r["kind"]: r for r in grain}
    assert len(grain) == 2
    stock = by_kind["Commitment"]
    assert stock["refs"]["resource"] == dried and stock["props"]["resourceQuantityValue"] == "2"
    assert by_kind["Intent"]["props"]["resourceQuantityValue"] == "1.75"  # only the rest is requested


def test_stock_of_an_intermediate_shrinks_what_is_exploded_below_it(bakery: Bakery) -> None:
    w = bakery.world
    _, flour_lot = w.ledger.record_event(
        {"action": "raise", "provider": w.mill, "receiver": w.mill, "resourceConformsTo": bakery.flour}
        | {"resourceQuantity": qty("5", w.kg), "hasPointInTime": "2026-11-01T00:00:00Z"},
        {"name": "flour"},
    )
    planned = bakery.plan(bakery.bread, "10", agent=w.mill)
    rows = bakery.contents(planned.plan)
    assert len(planned.processes) == 2
    grain = next(r for r in rows if r["refs"]["spec"] == w.grain)
    assert grain["props"]["resourceQuantityValue"] == "1.25"  # 6 - 5 = 1 kg of flour still to mill
    assert any(r["refs"]["resource"] == flour_lot for r in rows)


def test_a_customer_makes_the_demand_a_commitment_and_the_plans_independent_demand(bakery: Bakery) -> None:
    w = bakery.world
    planned = bakery.plan(bakery.flour, "1", agent=w.mill, receiver=w.carrier, name="Order 12")
    demand = next(r for r in bakery.contents(planned.plan) if r["refs"]["spec"] == bakery.flour)
    assert demand["kind"] == "Commitment" and demand["refs"]["demandOf"] == planned.plan
    assert (demand["refs"]["provider"], demand["refs"]["receiver"]) == (w.mill, w.carrier)
    assert planned.commitments[0] == demand["id"]
    name = w.ledger.store.rows("MATCH (p:Plan {id: $id}) RETURN p.name AS n", {"id": planned.plan})
    assert name == [{"n": "Order 12"}]


def test_a_recipe_cycle_is_refused_and_nothing_is_written(bakery: Bakery) -> None:
    w = bakery.world
    regrind = recipes.create(w.ledger, Kind.RECIPE_PROCESS, {"name": "Grind stale bread"})
    flow(
        w.ledger,
        action="consume",
        resourceConformsTo=bakery.bread,
        resourceQuantity=qty("1", w.kg),
        recipeInputOf=regrind,
    )
    # grain from bread: bread <- flour <- grain <- bread
    flow(
        w.ledger,
        action="produce",
        resourceConformsTo=w.grain,
        resourceQuantity=qty("1", w.kg),
        recipeOutputOf=regrind,
    )
    before = w.count()
    with pytest.raises(RecipeCycle) as e:
        bakery.plan(bakery.bread, "1", agent=w.mill)
    assert e.value.code == "RECIPE_CYCLE"
    assert w.count() == before


@pytest.mark.parametrize("value", ["0", "-1"])
def test_a_plan_is_for_a_quantity_above_zero(bakery: Bakery, value: str) -> None:
    before = bakery.world.count()
    with pytest.raises(InvalidQuantity):
        bakery.plan(bakery.flour, value, agent=bakery.world.mill)
    assert bakery.world.count() == before


def test_an_error_after_part_of_the_plan_is_stored_takes_all_of_it_back(
    bakery: Bakery, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored: list[str] = []

    def fail_on_the_third(tx: Tx, iri: str, new: dict[str, Any], old: Mapping[str, Any]) -> None:
        stored.append(iri)
        if len(stored) == 3:
            raise InvalidInput("stop here")

    monkeypatch.setattr(planning_recipes.planning, "hooks", lambda _l, _k: Hooks(written=fail_on_the_third))
    before = bakery.world.count()
    with pytest.raises(InvalidInput, match="stop here"):
        bakery.plan(bakery.bread, "10", agent=bakery.world.mill)
    assert len(stored) == 3  # the plan and two processes were in the store when it failed
    assert bakery.world.count() == before
    assert not any(bakery.world.ledger.exists(iri) for iri in stored)


def test_a_plan_whose_flow_breaks_the_shapes_writes_nothing(bakery: Bakery) -> None:
    w = bakery.world
    # The work flow's effort unit disappears, so the work intent's measure names no known unit.
    minutes = w.ledger.create(Kind.UNIT, {"label": "minute", "symbol": "min"})
    recipes.update(
        w.ledger,
        Kind.RECIPE_FLOW,
        {"revisionId": bakery.work_flow + "@1", "effortQuantity": qty("30", minutes)},
    )
    w.ledger.delete(Kind.UNIT, iri=minutes)
    before = w.count()
    with pytest.raises(ShaclViolation):
        bakery.plan(bakery.flour, "1", agent=w.mill)
    assert w.count() == before


def test_an_agent_plans_for_itself_only(bakery: Bakery) -> None:
    w = bakery.world
    as_mill = w.ledger.acting_as(Caller(key_id="mill-key", agent=w.mill, operator=False))
    planned = planning_recipes.plan_from_recipe(as_mill, bakery.flour, qty("1", w.kg), DUE)
    process = next(r for r in bakery.contents(planned.plan) if r["kind"] == "Process")
    assert process["props"]["createdBy"] == w.mill
    with pytest.raises(Forbidden):
        planning_recipes.plan_from_recipe(as_mill, bakery.flour, qty("1", w.kg), DUE, agent=w.farm)


def test_a_recipe_process_keeps_its_duration_as_a_time_unit_measure(bakery: Bakery) -> None:
    w = bakery.world
    row = w.ledger.store.rows(
        "MATCH (r:RecipeProcess {id: $id}) MATCH (u:Unit {id: r.hasDurationUnit}) "
        "RETURN r.hasDurationValue AS v, u.omUnitIdentifier AS om",
        {"id": bakery.mill_recipe},
    )
    assert row == [{"v": "3", "om": "hour"}]


def test_a_recipe_flow_needs_a_known_action_and_a_specification(bakery: Bakery) -> None:
    w = bakery.world
    with pytest.raises(UnknownAction):
        flow(w.ledger, action="bake", resourceConformsTo=bakery.flour)
    with pytest.raises(ShaclViolation):
        flow(w.ledger, action="consume")
    with pytest.raises(ShaclViolation):
        flow(
            w.ledger,
            action="consume",
            resourceConformsTo=bakery.flour,
            recipeInputOf=bakery.mill_recipe,
            recipeOutputOf=bakery.bake_recipe,
        )


def test_the_demo_bakes_bread_from_the_mills_flour_on_hand(ledger: Ledger) -> None:
    from vfgraph.services.demo import load_demo

    load_demo(ledger)
    demo = ledger.settings.base_iri + "demo/"
    kg = demo + "unit/kilogram"
    planned = planning_recipes.plan_from_recipe(
        ledger,
        demo + "resource-specification/bread",
        qty("10", kg),
        DUE,
        agent=demo + "organization/stone-mill",
    )
    assert len(planned.processes) == 1  # 6 kg of flour are on hand: nothing to mill
    rows = ledger.store.rows(PLAN_CONTENTS, {"plan": planned.plan})
    taken = [
        (r["refs"]["resource"], r["props"]["resourceQuantityValue"]) for r in rows if r["refs"]["resource"]
    ]
    assert taken == [(demo + "economic-resource/milling-flour", "6")]
