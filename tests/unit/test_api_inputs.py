"""Inputs become plain parameters keyed by the vf-graphql names, without the fields a client did not send."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import strawberry

from vfgraph.api.inputs import IMeasure, to_params
from vfgraph.api.model import INPUTS

# The input types are derived from the kind table (api/model.py).
EconomicEventCreateParams = INPUTS["EconomicEventCreateParams"]
OrganizationUpdateParams = INPUTS["OrganizationUpdateParams"]


def test_fields_not_sent_are_left_out_and_explicit_nulls_kept() -> None:
    params = OrganizationUpdateParams(revision_id=strawberry.ID("http://x/o@1"), note=None)
    assert to_params(params) == {"revisionId": "http://x/o@1", "note": None}


def test_a_measure_becomes_a_decimal_and_a_unit() -> None:
    when = datetime(2026, 10, 1, 9, tzinfo=UTC)
    params = EconomicEventCreateParams(
        action=strawberry.ID("produce"),
        provider=strawberry.ID("http://x/a"),
        receiver=strawberry.ID("http://x/b"),
        resource_quantity=IMeasure(has_numerical_value=Decimal("0.1"), has_unit=strawberry.ID("http://x/kg")),
        has_point_in_time=when,
        to_location=strawberry.ID("http://x/place"),
    )
    assert to_params(params) == {
        "action": "produce",
        "provider": "http://x/a",
        "receiver": "http://x/b",
        "resourceQuantity": {"hasNumericalValue": Decimal("0.1"), "hasUnit": "http://x/kg"},
        "hasPointInTime": when,
        "toLocation": "http://x/place",
    }


def test_a_measure_without_a_unit_has_a_null_unit() -> None:
    params = EconomicEventCreateParams(
        action=strawberry.ID("work"),
        provider=strawberry.ID("http://x/a"),
        receiver=strawberry.ID("http://x/a"),
        effort_quantity=IMeasure(has_numerical_value=Decimal(2)),
    )
    assert to_params(params)["effortQuantity"] == {"hasNumericalValue": Decimal(2), "hasUnit": None}
