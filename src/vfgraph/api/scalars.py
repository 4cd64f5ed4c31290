"""The custom scalars of vf-graphql and the conversions from stored values to them.

``URI`` is a string holding an IRI; ``Decimal`` travels as a string so that quantities stay exact (a JSON
number would be read as a float); ``DateTime`` is strawberry's ISO 8601 scalar.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any, NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition

from vfgraph.domain.quantities import format_decimal, parse_decimal
from vfgraph.errors import InvalidInput

URI = NewType("URI", str)
# vf-graphql's filtering module declares this scalar (and the Sort enum below) and uses neither: its filters
# have no sort order yet. The schema has both so that clients generated from the reference find every type.
VfFilteringDummy = NewType("VfFilteringDummy", str)


def _serialize_decimal(value: Decimal) -> str:
    return format_decimal(value)


def _parse_decimal(value: object) -> Decimal:
    return parse_decimal(value, "Decimal")


def _parse_uri(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"a URI must be a non-empty string, got {value!r}")
    return value


SCALARS: dict[object, ScalarDefinition] = {
    URI: strawberry.scalar(name="URI", serialize=str, parse_value=_parse_uri),
    Decimal: strawberry.scalar(name="Decimal", serialize=_serialize_decimal, parse_value=_parse_decimal),
    VfFilteringDummy: strawberry.scalar(
        name="_vf_filtering_dummy",
        serialize=str,
        parse_value=str,
        description="A placeholder of vf-graphql's filtering module (unused).",
    ),
}


@strawberry.enum(description="A sort order (declared by vf-graphql's filtering module, unused).")
class Sort(Enum):
    asc = "asc"
    desc = "desc"


def as_datetime(value: Any) -> datetime | None:
    """A stored date-time (ISO 8601 string, or a driver temporal value) as a :class:`datetime`."""
    if value is None or isinstance(value, datetime):
        return value
    if hasattr(value, "to_native"):
        native = value.to_native()
        return native if isinstance(native, datetime) else None
    return datetime.fromisoformat(str(value))


def as_decimal(value: Any) -> Decimal:
    return parse_decimal(value)


def as_uris(value: Any) -> list[URI] | None:
    return None if value is None else [URI(str(v)) for v in value]


def as_uri(value: Any) -> URI | None:
    return None if value is None else URI(str(value))
