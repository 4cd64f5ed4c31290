"""Planning from recipes, as plain arithmetic: explode a demand into processes and flows (docs/recipes.md).

A recipe is a set of recipe processes; each has input and output recipe flows, with the quantities one batch
takes and makes. To plan ``quantity`` of a resource specification due at ``due``:

1. the recipe process with an output flow conforming to the specification makes it (the one with the
   smallest IRI when several do); every flow of it is scaled by ``quantity / that output's quantity``;
2. the process ends when its output is needed and begins its duration earlier (:mod:`.durations`);
3. each input with a resource quantity is first taken from the stock on hand (lots conforming to the same
   specification and unit, at the flow's stage and in its state when the flow names them, in IRI order),
   and only what is still missing is either made by the recipe for the input's specification (recursively,
   due when the consuming process begins) or requested from others;
4. inputs without a resource quantity (work, services) are always requested.

Everything here is exact (``Decimal``) and pure; the service (:mod:`vfgraph.services.planning_recipes`)
reads the recipes and the stock, and writes what :func:`explode` returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from vfgraph.domain.durations import before
from vfgraph.errors import InvalidRecipe, RecipeCycle, UnitMismatch

# A plan bigger than this is refused rather than written (recipes shared by many branches multiply).
MAX_PROCESSES = 200


@dataclass(frozen=True, slots=True)
class FlowTemplate:
    """A recipe flow, as far as planning needs it."""

    id: str
    action: str
    spec: str | None
    quantity: Decimal | None = None
    unit: str | None = None
    effort: Decimal | None = None
    effort_unit: str | None = None
    stage: str | None = None
    state: str | None = None


@dataclass(frozen=True, slots=True)
class ProcessTemplate:
    """A recipe process with its flows; ``duration_unit`` is a vf-graphql time unit type."""

    id: str
    name: str
    process_spec: str | None = None
    classified_as: tuple[str, ...] = ()
    duration: Decimal | None = None
    duration_unit: str | None = None
    inputs: tuple[FlowTemplate, ...] = ()
    outputs: tuple[FlowTemplate, ...] = ()


@dataclass(frozen=True, slots=True)
class Lot:
    """A resource on hand that may cover an input."""

    id: str
    spec: str
    quantity: Decimal
    unit: str | None
    stage: str | None = None
    state: str | None = None


class RecipeBook:
    """The recipe processes known to a planning run, found by what they make."""

    def __init__(self, processes: Iterable[ProcessTemplate]) -> None:
        self._makers: dict[str, ProcessTemplate] = {}
        for p in sorted(processes, key=lambda p: p.id):
            for out in p.outputs:
                if out.spec is not None:
                    self._makers.setdefault(out.spec, p)

    def maker_of(self, spec: str) -> ProcessTemplate | None:
        return self._makers.get(spec)

    def check_acyclic(self, spec: str) -> None:
        """Refuse a recipe that, through its inputs at any depth, needs what it makes (RECIPE_CYCLE)."""
        done: set[str] = set()

        def visit(spec: str, path: tuple[str, ...]) -> None:
            maker = self.maker_of(spec)
            if maker is None or maker.id in done:
                return
            if maker.id in path:
                chain = " -> ".join((*path[path.index(maker.id) :], maker.id))
                raise RecipeCycle(f"the recipe goes round in a circle: {chain}", cycle=[*path, maker.id])
            for flow in maker.inputs:
                if flow.spec is not None and flow.quantity is not None:
                    visit(flow.spec, (*path, maker.id))
            done.add(maker.id)

        visit(spec, ())


class Role(StrEnum):
    DEMAND = "demand"  # the output the plan is for (its independent demand)
    OUTPUT = "output"  # any other output of a planned process
    INPUT = "input"  # an input still needed: made by another planned process, or requested
    STOCK = "stock"  # an input taken from a resource on hand


@dataclass(frozen=True, slots=True)
class PlannedProcess:
    key: int
    recipe: ProcessTemplate
    scale: Decimal
    begin: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class PlannedFlow:
    role: Role
    template: FlowTemplate
    process: int  # key of the planned process it goes into (INPUT, STOCK) or comes out of
    due: datetime
    quantity: Decimal | None
    effort: Decimal | None
    made_here: bool = False  # an INPUT another planned process makes (so not requested from others)
    resource: str | None = None  # the lot a STOCK flow takes from


@dataclass
class Explosion:
    processes: list[PlannedProcess] = field(default_factory=list)
    flows: list[PlannedFlow] = field(default_factory=list)


class _Stock:
    """What is left of each lot as the explosion takes from it (a lot is never counted twice)."""

    def __init__(self, lots: Iterable[Lot]) -> None:
        self._lots = sorted((lot for lot in lots if lot.quantity > 0), key=lambda lot: lot.id)
        self._left = {lot.id: lot.quantity for lot in self._lots}

    def take(self, flow: FlowTemplate, need: Decimal) -> list[tuple[str, Decimal]]:
        taken: list[tuple[str, Decimal]] = []
        for lot in self._lots:
            if need <= 0:
                break
            if lot.spec != flow.spec or lot.unit != flow.unit or self._left[lot.id] <= 0:
                continue
            if flow.stage is not None and lot.stage != flow.stage:
                continue
            if flow.state is not None and lot.state != flow.state:
                continue
            q = min(need, self._left[lot.id])
            self._left[lot.id] -= q
            need -= q
            taken.append((lot.id, q))
        return taken


def _scaled(value: Decimal | None, scale: Decimal) -> Decimal | None:
    return None if value is None else value * scale


def explode(
    book: RecipeBook,
    spec: str,
    quantity: Decimal,
    unit: str | None,
    due: datetime,
    stock: Iterable[Lot] = (),
) -> Explosion:
    """The processes and flows that make ``quantity`` (in ``unit``) of ``spec`` by ``due``."""
    top = book.maker_of(spec)
    if top is None:
        raise InvalidRecipe(
            f"no recipe process has an output conforming to {spec}", resourceSpecification=spec
        )
    book.check_acyclic(spec)
    out = Explosion()
    pool = _Stock(stock)

    def make(recipe: ProcessTemplate, spec: str, quantity: Decimal, unit: str | None, end: datetime) -> None:
        main = next(f for f in recipe.outputs if f.spec == spec)
        if not main.quantity:
            raise InvalidRecipe(
                f"{recipe.id}: the output {main.id} has no resource quantity to scale by", recipeFlow=main.id
            )
        if main.unit != unit:
            raise UnitMismatch(
                f"{quantity} is asked for in {unit}, but {recipe.id} makes {spec} in {main.unit}",
                recipeFlow=main.id,
            )
        if len(out.processes) >= MAX_PROCESSES:
            raise InvalidRecipe(f"the plan would need more than {MAX_PROCESSES} processes")
        scale = quantity / main.quantity
        begin = end
        if recipe.duration is not None:
            if recipe.duration_unit is None:
                raise InvalidRecipe(
                    f"{recipe.id}: its duration is not in a time unit", recipeProcess=recipe.id
                )
            begin = before(end, recipe.duration, recipe.duration_unit)
        key = len(out.processes)
        out.processes.append(PlannedProcess(key, recipe, scale, begin, end))
        for f in recipe.outputs:
            role = Role.DEMAND if f is main and key == 0 else Role.OUTPUT
            out.flows.append(
                PlannedFlow(role, f, key, end, _scaled(f.quantity, scale), _scaled(f.effort, scale))
            )
        for f in recipe.inputs:
            need, effort = _scaled(f.quantity, scale), _scaled(f.effort, scale)
            if need is None or f.spec is None:
                out.flows.append(PlannedFlow(Role.INPUT, f, key, begin, need, effort))
                continue
            for lot, q in pool.take(f, need):
                out.flows.append(PlannedFlow(Role.STOCK, f, key, begin, q, None, resource=lot))
                need -= q
            if need <= 0:
                continue
            maker = book.maker_of(f.spec)
            out.flows.append(
                PlannedFlow(Role.INPUT, f, key, begin, need, effort, made_here=maker is not None)
            )
            if maker is not None:
                make(maker, f.spec, need, f.unit, begin)

    make(top, spec, quantity, unit, due)
    return out


def specs_needed(processes: Iterable[ProcessTemplate]) -> set[str]:
    """The specifications the inputs of ``processes`` conform to (what to look for recipes and stock of)."""
    return {f.spec for p in processes for f in p.inputs if f.spec is not None}
