"""The vf-graphql input values shared by all kinds (measures, durations), and the conversion of any input
object to the plain parameters the ledger takes (the kinds' own input types are derived: api/model.py).

Optional fields default to ``UNSET``: :func:`to_params` leaves out what the client did not send, so an update
can tell "not given" from an explicit null.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from enum import Enum
from typing import Any

import strawberry
from strawberry.utils.str_converters import to_camel_case

from vfgraph.api.types.measurement import TimeUnit

UNSET: Any = strawberry.UNSET


@strawberry.input
class IMeasure:
    has_numerical_value: Decimal
    has_unit: strawberry.ID | None = UNSET


@strawberry.input
class IDuration:
    numeric_duration: Decimal
    unit_type: TimeUnit


def _value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, IMeasure):
        unit = None if value.has_unit is UNSET else value.has_unit
        return {"hasNumericalValue": value.has_numerical_value, "hasUnit": unit}
    if isinstance(value, IDuration):
        return {"numericDuration": value.numeric_duration, "unitType": _value(value.unit_type)}
    if isinstance(value, list):
        return [_value(v) for v in value]
    return value


def to_params(params: object) -> dict[str, Any]:
    """An input object as a dict keyed by the vf-graphql field names, without the fields not sent."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(params):  # type: ignore[arg-type]
        value = getattr(params, f.name)
        if value is not UNSET:
            out[to_camel_case(f.name)] = _value(value)
    return out
