"""What remains of a planned flow, from its stored properties (services/planning.py, docs/planning.md)."""

from __future__ import annotations

from decimal import Decimal

from vfgraph.domain.quantities import Measure
from vfgraph.services.planning import planned, remaining

KG, HOUR = "https://units.example/kg", "https://units.example/hour"


def test_what_remains_is_planned_less_fulfilled() -> None:
    props = {"resourceQuantityValue": "10", "resourceQuantityUnit": KG}
    assert remaining(props, "fulfilledQuantity") == Measure(Decimal(10), KG)
    props |= {"fulfilledQuantityValue": "3.5", "fulfilledQuantityUnit": KG}
    assert remaining(props, "fulfilledQuantity") == Measure(Decimal("6.5"), KG)


def test_over_fulfilment_leaves_nothing_rather_than_a_negative_quantity() -> None:
    props = {
        "resourceQuantityValue": "3",
        "resourceQuantityUnit": KG,
        "fulfilledQuantityValue": "5",
        "fulfilledQuantityUnit": KG,
    }
    assert remaining(props, "fulfilledQuantity") == Measure(Decimal(0), KG)


def test_an_effort_only_flow_is_planned_in_its_effort_unit() -> None:
    props = {"effortQuantityValue": "8", "effortQuantityUnit": HOUR, "satisfiedQuantityValue": "2"}
    assert planned(props) == ("effortQuantity", Measure(Decimal(8), HOUR))
    props["satisfiedQuantityUnit"] = HOUR
    assert remaining(props, "satisfiedQuantity") == Measure(Decimal(6), HOUR)


def test_nothing_is_reported_without_a_plan_or_across_units() -> None:
    assert remaining({}, "fulfilledQuantity") is None
    props = {
        "resourceQuantityValue": "3",
        "resourceQuantityUnit": KG,
        "fulfilledQuantityValue": "1",
        "fulfilledQuantityUnit": HOUR,
    }
    assert remaining(props, "fulfilledQuantity") is None
