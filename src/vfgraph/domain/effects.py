"""What an economic event does to the resources it names, read from its action's behaviour.

Each rule below is one of the ValueFlows 1.0 action behaviour properties; the values come from
``ontology/vf.ttl`` through :class:`vfgraph.domain.actions.Action`, so this module holds no table of actions.
``R`` is the event's ``resourceInventoriedAs``; ``T`` is its ``toResourceInventoriedAs``.

- ``vf:accountingEffect`` / ``vf:onhandEffect``: ``increment`` adds the event's resourceQuantity to R,
  ``decrement`` subtracts it from R, ``decrementIncrement`` subtracts it from R and adds it to T,
  ``incrementTo`` adds it to T only.
- ``vf:locationEffect``: ``new`` and ``update`` set R's currentLocation to the event's atLocation, if any;
  ``updateTo`` sets T's to the event's toLocation (else R's location).
- ``vf:containedEffect``: ``update`` puts R inside the container (T, or the process's output resource);
  ``remove`` takes R out of whatever contains it.
- ``vf:accountableEffect``: ``new`` makes the receiver R's primaryAccountable when R is new or has none
  (T's, for an action that creates its to-resource, i.e. copy);
  ``updateTo`` makes the receiver T's primaryAccountable.
- ``vf:stageEffect``: ``update`` sets R's stage to the process specification its process is based on.
- ``vf:stateEffect``: ``update`` sets R's state to the event's state (when given); ``updateTo`` sets T's state
  to the event's state, else R's.
- ``vf:createResource``: ``optional`` lets the event create R, ``optionalTo`` lets it create T.
- Implied transfer: when provider and receiver differ on an event whose action moves no rights itself and
  which increments R's accounting quantity (produce, raise), the receiver becomes R's primaryAccountable.

A quantity that would leave R or T below zero raises :class:`InsufficientQuantity`; a quantity in another
unit than the resource's raises :class:`UnitMismatch`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from vfgraph.domain.actions import NOT_APPLICABLE, Action
from vfgraph.domain.quantities import ZERO, Measure, format_decimal
from vfgraph.errors import InsufficientQuantity, InvalidInput, UnitMismatch


@dataclass(frozen=True, slots=True)
class ResourceState:
    """The part of an EconomicResource that events change."""

    id: str
    accounting: Measure | None = None
    onhand: Measure | None = None
    current_location: str | None = None
    contained_in: str | None = None
    primary_accountable: str | None = None
    stage: str | None = None
    state: str | None = None
    is_new: bool = False

    @property
    def unit(self) -> str | None:
        for m in (self.accounting, self.onhand):
            if m is not None and m.unit is not None:
                return m.unit
        return None


@dataclass(frozen=True, slots=True)
class EventFacts:
    """What the effects need to know about the event being recorded."""

    action: Action
    provider: str
    receiver: str
    resource_quantity: Measure | None = None
    at_location: str | None = None
    to_location: str | None = None
    state: str | None = None
    process_based_on: str | None = None  # basedOn of the event's process, for stageEffect
    container: str | None = None  # container for containedEffect update, when T is not given


@dataclass(frozen=True, slots=True)
class Outcome:
    """The resources after the event (None where the event names none), and derived facts."""

    resource: ResourceState | None
    to_resource: ResourceState | None
    implied_transfer: bool = False


def _apply_quantity(
    current: Measure | None, delta: Decimal, unit: str | None, resource_id: str, what: str
) -> Measure:
    base = current if current is not None else Measure(ZERO, unit)
    if unit is not None and base.unit is not None and unit != base.unit:
        raise UnitMismatch(
            f"the event's quantity is in {unit}, but the {what} of {resource_id} is in {base.unit}",
            resource=resource_id,
            eventUnit=unit,
            resourceUnit=base.unit,
        )
    result = Measure(base.value + delta, base.unit or unit)
    if result.value < 0:
        raise InsufficientQuantity(
            f"{resource_id} has {what} {format_decimal(base.value)}; the event would leave "
            f"{format_decimal(result.value)}",
            resource=resource_id,
            available=format_decimal(base.value),
            requested=format_decimal(-delta),
        )
    return result


def _quantity_effect(
    effect: str,
    r: ResourceState | None,
    t: ResourceState | None,
    q: Measure | None,
    attr: str,
    what: str,
) -> tuple[ResourceState | None, ResourceState | None]:
    if effect == NOT_APPLICABLE or q is None:
        return r, t
    dec_r = effect in ("decrement", "decrementIncrement")
    inc_r = effect == "increment"
    inc_t = effect in ("decrementIncrement", "incrementTo")
    if (dec_r or inc_r) and r is not None:
        delta = -q.value if dec_r else q.value
        r = _with_quantity(r, attr, _apply_quantity(getattr(r, attr), delta, q.unit, r.id, what))
    if inc_t and t is not None:
        t = _with_quantity(t, attr, _apply_quantity(getattr(t, attr), q.value, q.unit, t.id, what))
    return r, t


def _with_quantity(r: ResourceState, attr: str, m: Measure) -> ResourceState:
    return replace(r, accounting=m) if attr == "accounting" else replace(r, onhand=m)


def apply(facts: EventFacts, resource: ResourceState | None, to_resource: ResourceState | None) -> Outcome:
    """Apply the event's action to R and T and return their new states."""
    a = facts.action
    if to_resource is not None and resource is not None and to_resource.id == resource.id:
        raise InvalidInput("resourceInventoriedAs and toResourceInventoriedAs are the same resource")
    r, t = resource, to_resource
    q = facts.resource_quantity
    r, t = _quantity_effect(a.accounting_effect, r, t, q, "accounting", "accountingQuantity")
    r, t = _quantity_effect(a.onhand_effect, r, t, q, "onhand", "onhandQuantity")

    if r is not None:
        if a.location_effect in ("new", "update") and facts.at_location:
            r = replace(r, current_location=facts.at_location)
        if a.contained_effect == "update":
            container = t.id if t is not None else facts.container
            if container is not None:
                r = replace(r, contained_in=container)
        elif a.contained_effect == "remove":
            r = replace(r, contained_in=None)
        new_owner = r.is_new or r.primary_accountable is None
        if a.accountable_effect == "new" and a.create_resource != "optionalTo" and new_owner:
            r = replace(r, primary_accountable=facts.receiver)
        if a.stage_effect == "update" and facts.process_based_on:
            r = replace(r, stage=facts.process_based_on)
        if a.state_effect == "update" and facts.state is not None:
            r = replace(r, state=facts.state)

    if t is not None:
        if a.location_effect == "updateTo":
            loc = facts.to_location or (r.current_location if r is not None else None)
            if loc is not None:
                t = replace(t, current_location=loc)
        # "new" effects of an action that creates its *to* resource (copy) land on T.
        if a.create_resource == "optionalTo":
            if a.location_effect == "new" and facts.to_location:
                t = replace(t, current_location=facts.to_location)
            if a.accountable_effect == "new" and (t.is_new or t.primary_accountable is None):
                t = replace(t, primary_accountable=facts.receiver)
        if a.accountable_effect == "updateTo":
            t = replace(t, primary_accountable=facts.receiver)
        if a.state_effect == "updateTo":
            st = facts.state if facts.state is not None else (r.state if r is not None else None)
            if st is not None:
                t = replace(t, state=st)

    implied = (
        facts.provider != facts.receiver
        and a.accountable_effect != "updateTo"
        and a.accounting_effect not in ("decrementIncrement", "incrementTo")
    )
    if implied and r is not None and a.accounting_effect == "increment":
        r = replace(r, primary_accountable=facts.receiver)
    return Outcome(resource=r, to_resource=t, implied_transfer=implied)
