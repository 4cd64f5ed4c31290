"""Reconciliation: does a resource's stated quantity agree with the events recorded for it?

An import stores resources with the quantities the file states and does not re-apply event effects. Auditors
want to know where the two tell different stories, so :func:`reconcile` replays the events that name the
imported resources -- those in the file and those already stored -- in order of time, through
:func:`vfgraph.domain.effects.apply` (the ledger's own rules), from empty resources, and lists every
resource whose stated accounting or on-hand quantity differs from the replay's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from vfgraph.domain import effects
from vfgraph.domain.actions import Action
from vfgraph.domain.quantities import ZERO, Measure, format_decimal
from vfgraph.errors import VfgraphError

_QUANTITIES = (("accountingQuantity", "accounting"), ("onhandQuantity", "onhand"))
_EPOCH = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """A stated quantity of ``resource`` and what its events give (``"<number> <unit IRI>"`` or None)."""

    resource: str
    quantity: str
    stated: str | None
    from_events: str | None
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "resource": self.resource,
            "quantity": self.quantity,
            "stated": self.stated,
            "fromEvents": self.from_events,
            "note": self.note,
        }


def _measure(value: Mapping[str, Any] | None) -> Measure | None:
    if value is None:
        return None
    return Measure(Decimal(value["hasNumericalValue"]), value.get("hasUnit"))


def _text(m: Measure | None) -> str | None:
    if m is None:
        return None
    return format_decimal(m.value) + (f" {m.unit}" if m.unit else "")


def _when(values: Mapping[str, Any]) -> datetime:
    for name in ("hasPointInTime", "hasBeginning", "hasEnd"):
        value = values.get(name)
        if isinstance(value, datetime):
            return value
    return _EPOCH


def _differs(stated: Measure | None, computed: Measure | None) -> bool:
    a = stated.value if stated is not None else ZERO
    b = computed.value if computed is not None else ZERO
    if a != b:
        return True
    units = {m.unit for m in (stated, computed) if m is not None and m.unit is not None and m.value != ZERO}
    return len(units) > 1


def reconcile(
    resources: Mapping[str, Mapping[str, Any]],
    events: Iterable[tuple[str, Mapping[str, Any]]],
    actions: Mapping[str, Action],
) -> list[Discrepancy]:
    """Discrepancies of ``resources`` (IRI -> field values) against ``events`` ((IRI, field values)).

    Event values are as :func:`vfgraph.services.normalize.values_of` gives them (times as datetimes,
    quantities as Decimals). An event the replay cannot apply (it would leave a resource below zero, or is in
    another unit) is skipped and named in the note of the resources it names.
    """
    states: dict[str, effects.ResourceState] = {}
    notes: dict[str, list[str]] = {}
    for iri, values in sorted(events, key=lambda e: (_when(e[1]), e[0])):
        action = actions.get(str(values.get("action")))
        if action is None:
            continue
        slots = [values.get("resourceInventoriedAs"), values.get("toResourceInventoriedAs")]
        r, t = (None if s is None else states.get(s, effects.ResourceState(id=s)) for s in slots)
        facts = effects.EventFacts(
            action=action,
            provider=str(values.get("provider")),
            receiver=str(values.get("receiver")),
            resource_quantity=_measure(values.get("resourceQuantity")),
        )
        try:
            outcome = effects.apply(facts, r, t)
        except VfgraphError as e:
            for s in slots:
                if s is not None:
                    notes.setdefault(s, []).append(f"{iri} cannot be replayed: {e.message}")
            continue
        for state in (outcome.resource, outcome.to_resource):
            if state is not None:
                states[state.id] = state
    found = []
    for iri in sorted(resources):
        values = resources[iri]
        replay = states.get(iri)
        note = "; ".join(notes.get(iri, []))
        for name, attr in _QUANTITIES:
            stated = _measure(values.get(name))
            computed = None if replay is None else getattr(replay, attr)
            if _differs(stated, computed) or note:
                found.append(Discrepancy(iri, name, _text(stated), _text(computed), note))
    return found
