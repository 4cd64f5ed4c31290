"""Lookups over the kind table's fields, for the write side, the RDF view and linked data.

The fields themselves are described in :mod:`vfgraph.domain.table` (one entry per kind); this module gives
the views of them that storage and RDF need: a kind's fields in order, by name, the relationship types, what a
client may change and what the ledger keeps itself.
"""

from __future__ import annotations

from collections.abc import Mapping

from vfgraph.domain.kinds import Kind
from vfgraph.domain.model import Field, FieldType
from vfgraph.domain.table import KINDS

__all__ = ["DERIVED", "FIELDS", "UPDATABLE", "Field", "FieldType", "field_map", "rel_types"]

FIELDS: Mapping[Kind, tuple[Field, ...]] = {kind: spec.fields for kind, spec in KINDS.items()}

# Fields a client may change with update<Kind> (the rest is set on creation or by events).
UPDATABLE: Mapping[Kind, frozenset[str]] = {
    kind: frozenset(f.name for f in fields if f.update) for kind, fields in FIELDS.items()
}
# Fields the ledger sets itself; a client input naming them is refused.
DERIVED: Mapping[Kind, frozenset[str]] = {
    kind: names
    for kind, fields in FIELDS.items()
    if (names := frozenset(f.name for f in fields if f.derived))
}

_BY_NAME: Mapping[Kind, dict[str, Field]] = {kind: {f.name: f for f in fs} for kind, fs in FIELDS.items()}


def field_map(kind: Kind) -> dict[str, Field]:
    return _BY_NAME[kind]


def rel_types(kind: Kind) -> tuple[str, ...]:
    return tuple(f.rel for f in FIELDS[kind] if f.rel is not None)
