"""Turning vf-graphql input mappings into checked values, and values into Neo4j properties.

Bad values (a malformed date, a float where a decimal is wanted, a relative IRI) raise errors with stable
codes here, before any view is built.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from vfgraph.domain.fields import Field, FieldType, field_map
from vfgraph.domain.kinds import Kind
from vfgraph.domain.quantities import format_decimal, parse_decimal
from vfgraph.errors import InvalidInput

Values = dict[str, Any]


def _iri(name: str, value: Any) -> str:
    text = str(value)
    scheme, sep, rest = text.partition(":")
    # RFC 3987 leaves out these characters, and spaces and control characters (C0, DEL, C1).
    excluded = any(c in ' <>"{}|\\^`' or ord(c) <= 0x20 or 0x7F <= ord(c) <= 0x9F for c in text)
    if not sep or not scheme or not rest or excluded:
        raise InvalidInput(f"{name}: {text!r} is not an absolute IRI", field=name)
    return text


def _datetime(name: str, value: Any) -> datetime:
    if isinstance(value, datetime):
        dt = value
    else:
        try:
            dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            raise InvalidInput(f"{name}: {value!r} is not an ISO 8601 date-time", field=name) from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def value_of(field: Field, value: Any) -> Any:
    """Check one input value against its field type; None stays None."""
    if value is None:
        return None
    t, name = field.type, field.name
    if t is FieldType.STRING:
        return str(value)
    if t in (FieldType.URI, FieldType.REF):
        return _iri(name, value)
    if t in (FieldType.URIS, FieldType.REFS):
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            raise InvalidInput(f"{name}: expected a list of IRIs", field=name)
        return [_iri(name, v) for v in value]
    if t is FieldType.BOOLEAN:
        if not isinstance(value, bool):
            raise InvalidInput(f"{name}: expected true or false", field=name)
        return value
    if t is FieldType.DATETIME:
        return _datetime(name, value)
    if t is FieldType.DECIMAL:
        return parse_decimal(value, name)
    if t is FieldType.MEASURE:
        if not isinstance(value, Mapping):
            raise InvalidInput(f"{name}: expected a measure", field=name)
        unit = value.get("hasUnit")
        return {
            "hasNumericalValue": parse_decimal(value.get("hasNumericalValue"), name),
            "hasUnit": _iri(f"{name}.hasUnit", unit) if unit else None,
        }
    raise AssertionError(t)


def values_of(kind: Kind, params: Mapping[str, Any], *, allowed: frozenset[str] | None = None) -> Values:
    """Check every given input field of ``kind``; unknown or not-allowed fields are refused."""
    fields = field_map(kind)
    out: Values = {}
    for name, value in params.items():
        if name == "revisionId":
            continue
        field = fields.get(name)
        if field is None or (allowed is not None and name not in allowed):
            raise InvalidInput(f"{kind.value}: the field {name!r} cannot be set here", field=name)
        out[name] = value_of(field, value)
    return out


def properties(kind: Kind, values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Split values into node properties and relationships (REL_TYPE -> target ids)."""
    props: dict[str, Any] = {}
    rels: dict[str, list[str]] = {}
    fields = field_map(kind)
    for name, value in values.items():
        field = fields[name]
        if field.rel is not None:
            rels[field.rel] = [] if value is None else (value if isinstance(value, list) else [value])
        elif field.type is FieldType.MEASURE:
            props[name + "Value"] = None if value is None else format_decimal(value["hasNumericalValue"])
            props[name + "Unit"] = None if value is None else value["hasUnit"]
        elif field.type is FieldType.DECIMAL:
            props[name] = None if value is None else format_decimal(value)
        elif field.type is FieldType.DATETIME:
            props[name] = None if value is None else value.isoformat().replace("+00:00", "Z")
        else:
            props[name] = value
    return props, rels


def referenced_ids(kind: Kind, values: Mapping[str, Any]) -> set[str]:
    fields = field_map(kind)
    ids: set[str] = set()
    for name, value in values.items():
        field = fields[name]
        if value is None:
            continue
        if field.type is FieldType.REF:
            ids.add(value)
        elif field.type is FieldType.REFS:
            ids.update(value)
        elif field.type is FieldType.MEASURE and value.get("hasUnit"):
            ids.add(value["hasUnit"])
    return ids
