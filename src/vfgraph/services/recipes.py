"""Writing recipes: recipe processes (their duration), recipe flows (their action) and recipe exchanges.

vf-graphql sends a recipe process's duration as ``{numericDuration, unitType}``; vfgraph stores it as the
measure ``hasDuration`` whose unit is a unit record (docs/recipes.md). The unit record of a unit type is the
one whose ``omUnitIdentifier`` names it (:data:`vfgraph.domain.durations.TIME_UNITS`); when there is none,
one is created at the fixed IRI ``<base IRI>time-unit/<unitType>``, in its own small transaction (creating it
twice is impossible and leaving it behind is harmless).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from vfgraph.domain.durations import TIME_UNITS
from vfgraph.domain.fields import FIELDS
from vfgraph.domain.kinds import Kind
from vfgraph.domain.model import DURATION
from vfgraph.errors import InvalidInput, UnknownAction
from vfgraph.store.cypher import recipes as cypher

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger

RECIPE_KINDS = (Kind.RECIPE_PROCESS, Kind.RECIPE_FLOW, Kind.RECIPE_EXCHANGE)
# Kinds whose hasDuration is sent as a vf-graphql duration (recipe processes, scenario definitions).
DURATION_KINDS = frozenset(k for k, fields in FIELDS.items() if any(f.gql == DURATION for f in fields))


def time_unit(ledger: Ledger, unit_type: str) -> str:
    """The IRI of the unit record standing for a vf-graphql time unit type (created when missing)."""
    if unit_type not in TIME_UNITS:
        raise InvalidInput(f"hasDuration: {unit_type!r} is not a time unit", field="hasDuration")
    om, label, symbol = TIME_UNITS[unit_type]
    found = ledger.store.rows(cypher.UNITS_BY_OM, {"om": om})
    if found:
        return str(found[0]["id"])
    iri = f"{ledger.settings.base_iri}time-unit/{unit_type}"
    if not ledger.exists(iri):
        ledger.create(Kind.UNIT, {"label": label, "symbol": symbol, "omUnitIdentifier": om}, iri=iri)
    return iri


def input_values(ledger: Ledger, kind: Kind, params: Mapping[str, Any]) -> dict[str, Any]:
    """vf-graphql input values as the fields table stores them (a duration already given as the stored
    measure, as the demo gives it, is kept)."""
    out = dict(params)
    duration = out.get("hasDuration")
    stored = isinstance(duration, Mapping) and "hasNumericalValue" in duration
    if kind in DURATION_KINDS and duration is not None and not stored:
        if not isinstance(duration, Mapping) or "numericDuration" not in duration:
            raise InvalidInput("hasDuration: expected {numericDuration, unitType}", field="hasDuration")
        out["hasDuration"] = {
            "hasNumericalValue": duration["numericDuration"],
            "hasUnit": time_unit(ledger, str(duration.get("unitType"))),
        }
    action = out.get("action")
    if kind is Kind.RECIPE_FLOW and action is not None and str(action) not in ledger.actions:
        raise UnknownAction(f"no action {action!r} in the ValueFlows ontology", field="action")
    return out


def create(ledger: Ledger, kind: Kind, params: Mapping[str, Any]) -> str:
    """Create a recipe process, flow or exchange from vf-graphql input values."""
    return ledger.create(kind, params)


def update(ledger: Ledger, kind: Kind, params: Mapping[str, Any]) -> str:
    """Update a recipe process, flow or exchange (``params["revisionId"]`` must be current)."""
    return ledger.update(kind, params)
