"""``planFromRecipe``: a Plan, its processes and its flows, exploded from recipes (docs/recipes.md).

One write transaction reads the recipes level by level (the recipe processes making the demanded
specification, then those making their inputs' specifications, ...), reads the planning agent's stock of
those specifications, explodes the demand with :func:`vfgraph.domain.recipes.explode`, and creates every
record through :func:`vfgraph.services.records.insert_many`: each is normalised and authorised and gets the
planning layer's hooks like any creation, and all of them are validated by SHACL in one view (one run
instead of one per record) before they are stored. Any error rolls the whole plan back.

Who is who: the planning agent makes what the plan's processes put out (provider) and receives their inputs.
A flow whose provider and receiver are both known is a Commitment, any other an Intent: so the demand is a
Commitment when a receiver (the customer) is given and an Intent offered by the agent otherwise; inputs
the plan makes itself or takes from the agent's stock are Commitments; inputs requested from others (and
work) are Intents with the agent as receiver and no provider.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vfgraph.domain import ids
from vfgraph.domain.durations import unit_type_of
from vfgraph.domain.fields import field_map
from vfgraph.domain.kinds import Kind
from vfgraph.domain.quantities import format_decimal
from vfgraph.domain.recipes import (
    Explosion,
    FlowTemplate,
    Lot,
    PlannedFlow,
    ProcessTemplate,
    RecipeBook,
    Role,
    explode,
    specs_needed,
)
from vfgraph.errors import Forbidden, InvalidQuantity, InvalidRecipe, NotFound
from vfgraph.services import authorization, normalize, planning, records
from vfgraph.store.cypher import recipes as cypher
from vfgraph.store.driver import Row, Tx

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger


@dataclass
class PlannedRecords:
    """The IRIs of what a plan from a recipe created."""

    plan: str
    processes: list[str] = field(default_factory=list)
    commitments: list[str] = field(default_factory=list)
    intents: list[str] = field(default_factory=list)


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _flow(row: Mapping[str, Any]) -> FlowTemplate:
    return FlowTemplate(
        id=row["id"],
        action=str(row.get("action")),
        spec=row.get("spec"),
        quantity=_decimal(row.get("resourceQuantityValue")),
        unit=row.get("resourceQuantityUnit"),
        effort=_decimal(row.get("effortQuantityValue")),
        effort_unit=row.get("effortQuantityUnit"),
        stage=row.get("stage"),
        state=row.get("state"),
    )


def _process(row: Row) -> ProcessTemplate:
    duration = _decimal(row["duration"])
    unit_type = unit_type_of(row["durationUnit"])
    if duration is not None and unit_type is None:
        raise InvalidRecipe(f"{row['id']}: hasDuration is not in a time unit", recipeProcess=row["id"])
    return ProcessTemplate(
        id=row["id"],
        name=str(row["name"] or ""),
        process_spec=row["processSpec"],
        classified_as=tuple(row["classifiedAs"]),
        duration=duration,
        duration_unit=unit_type,
        inputs=tuple(sorted((_flow(f) for f in row["inputs"]), key=lambda f: f.id)),
        outputs=tuple(sorted((_flow(f) for f in row["outputs"]), key=lambda f: f.id)),
    )


def _read_recipes(tx: Tx, spec: str) -> tuple[RecipeBook, set[str]]:
    """Every recipe process reachable from ``spec`` through inputs, and every specification they touch."""
    found: dict[str, ProcessTemplate] = {}
    seen: set[str] = set()
    todo = {spec}
    while todo:
        seen |= todo
        rows = tx.rows(cypher.RECIPES_MAKING, {"specs": sorted(todo)})
        fresh = [_process(r) for r in rows if r["id"] not in found]
        found.update((p.id, p) for p in fresh)
        todo = specs_needed(fresh) - seen
    return RecipeBook(found.values()), seen


def _read_stock(tx: Tx, agent: str | None, specs: set[str]) -> list[Lot]:
    if agent is None:
        return []
    rows = tx.rows(cypher.ON_HAND, {"agent": agent, "specs": sorted(specs)})
    return [
        Lot(r["id"], r["spec"], Decimal(str(r["quantity"])), r["unit"], r["stage"], r["state"])
        for r in rows
        if r["quantity"] is not None
    ]


def _measure(value: Decimal | None, unit: str | None) -> dict[str, Any] | None:
    return None if value is None else {"hasNumericalValue": value, "hasUnit": unit}


def plan_from_recipe(
    ledger: Ledger,
    resource_specification: str,
    quantity: Mapping[str, Any],
    due: datetime | str,
    agent: str | None = None,
    name: str | None = None,
    receiver: str | None = None,
    plan_iri: str | None = None,
) -> PlannedRecords:
    """Plan ``quantity`` of ``resource_specification`` due at ``due``, for ``agent`` (default: the caller's
    agent); ``receiver``, when given, is who the demanded output is for. Returns the IRIs written.

    ``plan_iri`` keeps a given IRI for the Plan (demo data) instead of minting one."""
    caller = authorization.caller_of(ledger)
    agent = agent or caller.agent
    if not caller.operator and agent != caller.agent:
        raise Forbidden(f"{caller.agent or caller.key_id} may not plan for {agent}", agent=caller.agent)
    intent_fields = field_map(Kind.INTENT)
    spec = normalize.value_of(intent_fields["resourceConformsTo"], resource_specification)
    demand = normalize.value_of(intent_fields["resourceQuantity"], quantity)
    when: datetime = normalize.value_of(intent_fields["due"], due)
    if demand["hasNumericalValue"] <= 0:
        raise InvalidQuantity("quantity: a plan is for a quantity above zero", field="quantity")
    if agent is not None:
        agent = normalize.value_of(intent_fields["receiver"], agent)
    if receiver is not None:
        receiver = normalize.value_of(intent_fields["receiver"], receiver)

    def work(tx: Tx) -> PlannedRecords:
        names = {r["id"]: r["name"] for r in tx.rows(cypher.SPECIFICATIONS, {"ids": [spec]})}
        if spec not in names:
            raise NotFound(f"no ResourceSpecification with id {spec}", id=spec)
        book, specs = _read_recipes(tx, spec)
        quantity_value: Decimal = demand["hasNumericalValue"]
        unit = demand["hasUnit"]
        plan = explode(book, spec, quantity_value, unit, when, _read_stock(tx, agent, specs))
        title = name or f"{names[spec] or spec}: {format_decimal(quantity_value)}"
        return _write(ledger, tx, plan, title, when, agent, receiver, plan_iri)

    return ledger.store.write(work)


class _Batch:
    """The records of one plan, checked one by one and then validated and stored together."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.records: list[records.NewRecord] = []

    def add(self, kind: Kind, values: dict[str, Any], iri: str | None = None) -> str:
        checked = normalize.values_of(kind, {k: v for k, v in values.items() if v is not None and v != []})
        authorization.may_create(self.ledger, kind, checked)
        iri = iri or ids.mint(self.ledger.settings.base_iri, kind)
        self.records.append(records.NewRecord(kind, iri, checked, planning.hooks(self.ledger, kind)))
        return iri


def _write(
    ledger: Ledger,
    tx: Tx,
    plan: Explosion,
    title: str,
    due: datetime,
    agent: str | None,
    receiver: str | None,
    plan_iri: str | None,
) -> PlannedRecords:
    batch = _Batch(ledger)
    scope = [agent] if agent else None
    out = PlannedRecords(
        plan=batch.add(
            Kind.PLAN,
            {"name": title, "due": due, "created": datetime.now(UTC), "inScopeOf": scope},
            plan_iri,
        )
    )
    processes: dict[int, str] = {}
    for p in plan.processes:
        processes[p.key] = batch.add(
            Kind.PROCESS,
            {
                "name": p.recipe.name,
                "basedOn": p.recipe.process_spec,
                "classifiedAs": list(p.recipe.classified_as),
                "hasBeginning": p.begin,
                "hasEnd": p.end,
                "plannedWithin": out.plan,
                "inScopeOf": scope,
            },
        )
        out.processes.append(processes[p.key])
    for f in plan.flows:
        kind, values = _flow_values(f, processes[f.process], out.plan, agent, receiver)
        iri = batch.add(kind, values)
        (out.commitments if kind is Kind.COMMITMENT else out.intents).append(iri)
    records.insert_many(ledger, tx, batch.records)
    return out


def _flow_values(
    f: PlannedFlow, process: str, plan: str, agent: str | None, receiver: str | None
) -> tuple[Kind, dict[str, Any]]:
    t = f.template
    if f.role is Role.DEMAND:
        provider, to = agent, receiver
    elif f.role is Role.OUTPUT or f.role is Role.STOCK or f.made_here:
        provider, to = agent, agent
    else:  # requested from others
        provider, to = None, agent
    kind = Kind.COMMITMENT if provider and to else Kind.INTENT
    values: dict[str, Any] = {
        "action": t.action,
        "provider": provider,
        "receiver": to,
        "resourceConformsTo": t.spec,
        "resourceInventoriedAs": f.resource,
        "resourceQuantity": _measure(f.quantity, t.unit),
        "effortQuantity": _measure(f.effort, t.effort_unit),
        "due": f.due,
        "stage": t.stage,
        "state": t.state,
        "plannedWithin": plan,
        ("outputOf" if f.role in (Role.DEMAND, Role.OUTPUT) else "inputOf"): process,
    }
    if kind is Kind.COMMITMENT and f.role is Role.DEMAND:
        values["independentDemandOf"] = plan
    return kind, values
