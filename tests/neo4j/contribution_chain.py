"""A small farm -> mill -> bakery chain with workers' hours and an income, for the contribution tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.neo4j.world import World, qty
from vfgraph.domain.kinds import Kind


@dataclass
class SoldFlour:
    ann: str  # farm worker, 6 h
    bob: str  # farm worker, 2 h
    cy: str  # mill worker, 4 h
    bakery: str
    eur: str
    delivery: str  # flour from the mill to the bakery
    income: str  # 100 EUR from the bakery to the mill, triggered by the delivery
    mill_cash: str
    work: list[str]
    harvest: str


def sold_flour(w: World) -> SoldFlour:
    c, ledger = w.ledger.create, w.ledger
    ann, bob, cy = (c(Kind.PERSON, {"name": n}) for n in ("Ann", "Bob", "Cy"))
    bakery = c(Kind.ORGANIZATION, {"name": "Corner Bakery"})
    eur = c(Kind.UNIT, {"label": "euro", "symbol": "EUR"})
    flour_spec = c(Kind.RESOURCE_SPECIFICATION, {"name": "flour"})
    money = c(Kind.RESOURCE_SPECIFICATION, {"name": "euros"})
    harvest, milling = w.process("harvest"), w.process("milling")

    def new(params: dict[str, Any], name: str) -> tuple[str, str]:
        event, resource = ledger.record_event(params, {"name": name})
        assert resource is not None
        return event, resource

    work = [
        w.event(
            "work", who, w.farm, inputOf=harvest, effortQuantity=qty(h, w.hour), resourceConformsTo=w.labour
        )
        for who, h in ((ann, "6"), (bob, "2"))
    ]
    _, grain = new(
        {"action": "produce", "provider": w.farm, "receiver": w.farm, "outputOf": harvest}
        | {"resourceConformsTo": w.grain, "resourceQuantity": qty("100", w.kg)},
        "grain",
    )
    _, mill_grain = new(
        {"action": "transfer", "provider": w.farm, "receiver": w.mill, "resourceInventoriedAs": grain}
        | {"resourceQuantity": qty("100", w.kg)},
        "grain at the mill",
    )
    work.append(
        w.event(
            "work", cy, w.mill, inputOf=milling, effortQuantity=qty("4", w.hour), resourceConformsTo=w.labour
        )
    )
    w.event(
        "consume",
        w.mill,
        w.mill,
        inputOf=milling,
        resourceInventoriedAs=mill_grain,
        resourceQuantity=qty("100", w.kg),
    )
    _, flour = new(
        {"action": "produce", "provider": w.mill, "receiver": w.mill, "outputOf": milling}
        | {"resourceQuantity": qty("80", w.kg), "resourceConformsTo": flour_spec},
        "flour",
    )
    delivery, _ = new(
        {"action": "transfer", "provider": w.mill, "receiver": bakery, "resourceInventoriedAs": flour}
        | {"resourceQuantity": qty("80", w.kg)},
        "flour at the bakery",
    )
    _, bakery_cash = new(
        {"action": "raise", "provider": bakery, "receiver": bakery, "resourceQuantity": qty("1000", eur)}
        | {"resourceConformsTo": money},
        "bakery cash",
    )
    income, mill_cash = new(
        {"action": "transfer", "provider": bakery, "receiver": w.mill, "resourceInventoriedAs": bakery_cash}
        | {"resourceQuantity": qty("100", eur), "triggeredBy": delivery},
        "mill cash",
    )
    return SoldFlour(ann, bob, cy, bakery, eur, delivery, income, mill_cash, work, harvest)


# 70% by hours of work, 30% in equal parts per work event.
HOURS_AND_HEADS = {
    "name": "hours and heads",
    "buckets": [
        {"name": "hours", "share": "0.7", "actions": ["work"], "weighting": "effort"},
        {"name": "per event", "share": "0.3", "actions": ["work"], "weighting": "fixed", "fixedWeight": "1"},
    ],
}
