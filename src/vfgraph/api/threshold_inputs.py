"""Input types of thresholds and allocations (docs/limits.md), and their conversion to ledger params."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import strawberry

from vfgraph.api.inputs import UNSET, IMeasure, to_params
from vfgraph.api.scalars import URI
from vfgraph.api.types.thresholds import ThresholdType


def params_of(inputs: object) -> dict[str, Any]:
    """:func:`vfgraph.api.inputs.to_params`, with enum values as their stored strings."""
    return {k: v.value if isinstance(v, Enum) else v for k, v in to_params(inputs).items()}


@strawberry.input
class ThresholdCreateParams:
    name: str
    threshold_type: ThresholdType
    value: IMeasure
    indicator: strawberry.ID = strawberry.field(description="The ResourceSpecification it limits.")
    in_scope_of: list[strawberry.ID] | None = UNSET
    at_location: URI | None = UNSET
    has_beginning: datetime | None = UNSET
    has_end: datetime | None = UNSET
    period: str | None = strawberry.field(
        default=UNSET, description="An ISO 8601 duration (P1Y): the value is per period of this length."
    )
    source: URI | None = UNSET
    note: str | None = UNSET


@strawberry.input
class ThresholdUpdateParams:
    revision_id: strawberry.ID
    name: str | None = UNSET
    threshold_type: ThresholdType | None = UNSET
    value: IMeasure | None = UNSET
    indicator: strawberry.ID | None = UNSET
    in_scope_of: list[strawberry.ID] | None = UNSET
    at_location: URI | None = UNSET
    has_beginning: datetime | None = UNSET
    has_end: datetime | None = UNSET
    period: str | None = UNSET
    source: URI | None = UNSET
    note: str | None = UNSET


@strawberry.input
class AllocationCreateParams:
    allocated_to: strawberry.ID = strawberry.field(description="An Agent or a ResourceSpecification.")
    threshold: strawberry.ID | None = strawberry.field(default=UNSET, description="For a top allocation.")
    parent: strawberry.ID | None = strawberry.field(default=UNSET, description="For a nested allocation.")
    share: Decimal | None = strawberry.field(default=UNSET, description="A fraction from 0 to 1.")
    quantity: IMeasure | None = strawberry.field(default=UNSET, description="A fixed amount instead.")
    note: str | None = UNSET


@strawberry.input
class AllocationUpdateParams:
    revision_id: strawberry.ID
    allocated_to: strawberry.ID | None = UNSET
    threshold: strawberry.ID | None = UNSET
    parent: strawberry.ID | None = UNSET
    share: Decimal | None = UNSET
    quantity: IMeasure | None = UNSET
    note: str | None = UNSET
