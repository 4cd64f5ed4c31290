"""The PACT v3 JSON Schema checks: the one module that imports ``jsonschema``.

The schema document (``pact-v3.schema.json`` beside this module) is written for vfgraph from the
specification's OpenAPI components: the ProductFootprint and CarbonFootprint data model, the four
CloudEvents of the events endpoint, the error object and the response bodies. Formats are checked by the
three rules below (``date-time`` per RFC 3339 with a time zone, ``uuid`` in its hyphenated form, ``uri``
with a scheme), so no format plug-in is needed.

Every footprint vfgraph serves or sends is checked before it leaves, and every footprint or event it
receives is checked before anything is stored (docs/pact.md).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

SCHEMA_FILE = Path(__file__).with_name("pact-v3.schema.json")

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")

_formats = FormatChecker(formats=())


@_formats.checks("date-time")
def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True  # formats apply to strings only; the type is checked elsewhere
    if not _RFC3339.match(value):
        return False
    try:
        datetime.fromisoformat(value.replace("z", "Z").replace("t", "T"))
    except ValueError:
        return False
    return True


@_formats.checks("uuid")
def _uuid(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _UUID.match(value):
        return False
    uuid.UUID(value)
    return True


@_formats.checks("uri")
def _uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme) and not any(c.isspace() for c in value)


@cache
def document() -> dict[str, Any]:
    """The schema document (parsed once)."""
    loaded: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return loaded


@cache
def _validator(definition: str) -> Draft202012Validator:
    root = document()
    if definition not in root["$defs"]:
        raise KeyError(f"the PACT schema has no definition {definition!r}")
    registry: Registry[Any] = Registry().with_resource(root["$id"], Resource.from_contents(root))
    return Draft202012Validator(
        {"$ref": f"{root['$id']}#/$defs/{definition}"}, registry=registry, format_checker=_formats
    )


def errors(definition: str, instance: object) -> list[str]:
    """What is wrong with ``instance`` as a ``definition`` of the schema (empty: it conforms), each
    message prefixed with the JSON path of the value it is about."""
    found = sorted(_validator(definition).iter_errors(instance), key=lambda e: list(map(str, e.path)))
    return [f"{e.json_path}: {e.message}" for e in found]


def conforms(definition: str, instance: object) -> bool:
    return not errors(definition, instance)


def definitions() -> Mapping[str, Any]:
    defs: Mapping[str, Any] = document()["$defs"]
    return defs
