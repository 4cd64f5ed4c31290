"""Recording economic events: validate, apply the action's effects, store, all in one transaction.

The flow of :func:`record` (one Neo4j transaction, a handful of statements whatever the event):

1. check the input values and the action (:mod:`vfgraph.services.normalize`);
2. lock and read the resources the event changes (``LOCK_RESOURCES``) and what it needs to know about its
   process, specification and corrected event (``EVENT_CONTEXT``);
3. build the RDF view (event, new resource, action individual, types of references) and run the shapes;
4. apply the effects (:func:`vfgraph.domain.effects.apply`), which may refuse (unit, quantity), and check
   that the caller keeps every stored resource they change (:func:`authorization.may_change_resources`);
5. create the new resource and the event, and update the changed resources.

A pending event (:mod:`vfgraph.services.pending`) takes steps 1 to 3 when it is asked for, and all of them
when it is confirmed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from vfgraph.domain import custody, effects, ids
from vfgraph.domain.actions import Action
from vfgraph.domain.fields import DERIVED, FIELDS, field_map
from vfgraph.domain.kinds import Kind
from vfgraph.domain.quantities import Measure, parse_decimal
from vfgraph.errors import InvalidInput, InvalidQuantity, UnknownAction
from vfgraph.services import authorization, normalize, records
from vfgraph.store.cypher import write as cypher
from vfgraph.store.driver import Row, Tx
from vfgraph.vocab import views

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger

# Fields of newInventoriedResource (EconomicResourceCreateParams, from the kind table), plus ValueFlows 1.0's
# classifiedAs.
NEW_RESOURCE_FIELDS = frozenset(f.name for f in FIELDS[Kind.ECONOMIC_RESOURCE] if f.in_create) | {
    "classifiedAs"
}


def _action(ledger: Ledger, values: Mapping[str, Any]) -> Action:
    name = values.get("action")
    if not name:
        raise InvalidInput("an economic event needs an action")
    action = ledger.actions.get(str(name))
    if action is None:
        known = ", ".join(sorted(ledger.actions))
        raise UnknownAction(f"{name!r} is not a ValueFlows action (known: {known})", action=name)
    return action


def _measure(value: Mapping[str, Any] | None) -> Measure | None:
    if value is None:
        return None
    return Measure(parse_decimal(value["hasNumericalValue"]), value.get("hasUnit"))


def _state(row: Row | None, is_new: bool = False, iri: str | None = None) -> effects.ResourceState:
    if row is None:
        assert iri is not None
        return effects.ResourceState(id=iri, is_new=is_new)

    def m(name: str) -> Measure | None:
        v = row.get(name + "Value")
        return None if v is None else Measure(Decimal(v), row.get(name + "Unit"))

    return effects.ResourceState(
        id=row["id"],
        accounting=m("accountingQuantity"),
        onhand=m("onhandQuantity"),
        current_location=row.get("currentLocation"),
        contained_in=row.get("containedIn"),
        primary_accountable=row.get("primaryAccountable"),
        stage=row.get("stage"),
        state=row.get("state"),
    )


def _resource_changes(r: effects.ResourceState) -> tuple[dict[str, Any], dict[str, list[str]]]:
    def m(x: Measure | None) -> dict[str, Any] | None:
        return None if x is None else {"hasNumericalValue": x.value, "hasUnit": x.unit}

    values = {
        "accountingQuantity": m(r.accounting),
        "onhandQuantity": m(r.onhand),
        "currentLocation": r.current_location,
        "state": r.state,
        "primaryAccountable": r.primary_accountable,
        "containedIn": r.contained_in,
        "stage": r.stage,
    }
    return normalize.properties(Kind.ECONOMIC_RESOURCE, values)


def _check_correction(action: Action, values: Mapping[str, Any], corrected: Row | None) -> None:
    if corrected is None:
        return  # unknown or absent: the shapes report an unknown reference
    if corrected["action"] != action.id:
        raise InvalidInput(
            f"a correction must have the action of the event it corrects ({corrected['action']})"
        )
    for name in ("resourceInventoriedAs", "toResourceInventoriedAs"):
        if values.get(name) != corrected.get(name):
            raise InvalidInput(f"a correction must name the same {name} as the event it corrects")


def _check_signs(values: Mapping[str, Any]) -> None:
    share = values.get("footprintShare")
    if share is not None and share < 0:
        raise InvalidQuantity("footprintShare is a weight and cannot be negative", field="footprintShare")
    if values.get("corrects"):
        return
    for name in ("resourceQuantity", "effortQuantity"):
        q = values.get(name)
        if q is not None and q["hasNumericalValue"] < 0:
            raise InvalidQuantity(
                f"{name} is negative; only an event that corrects another may carry a negative quantity",
                field=name,
            )


def record(
    ledger: Ledger,
    event: Mapping[str, Any],
    new_resource: Mapping[str, Any] | None,
    iris: tuple[str, str | None] | None = None,
) -> tuple[str, str | None]:
    return ledger.store.write(prepare(ledger, event, new_resource, iris))


@dataclass(frozen=True, slots=True)
class Deferred:
    """How an event is kept instead of applied (a pending event, :mod:`vfgraph.services.pending`):
    ``describe`` adds its triples to the event's view before the shapes run; ``store``, given the
    transaction, the event's IRI and checked values and the new resource's IRI and values, stores it
    without effects and returns the IRIs."""

    describe: Callable[[Graph, str], None]
    store: Callable[[Tx, str, dict[str, Any], str | None, dict[str, Any] | None], tuple[str, str | None]]


def prepare(
    ledger: Ledger,
    event: Mapping[str, Any],
    new_resource: Mapping[str, Any] | None,
    iris: tuple[str, str | None] | None = None,
    *,
    consenting: Collection[str] = (),
    deferred: Deferred | None = None,
) -> Callable[[Tx], tuple[str, str | None]]:
    """Check an event's input and return the work that records it inside a transaction; several such
    works may run in one transaction (each sees the resources as the previous ones left them).

    ``consenting``: agents besides the caller who agreed to the event (who asked for the pending event the
    caller confirms). ``deferred``: validate the event as that says and store it without effects."""
    authorization.caller_of(ledger)
    if DERIVED[Kind.ECONOMIC_EVENT] & set(event):
        raise InvalidInput(
            f"{', '.join(sorted(DERIVED[Kind.ECONOMIC_EVENT] & set(event)))} is set by vfgraph"
        )
    values = normalize.values_of(Kind.ECONOMIC_EVENT, event)
    action = _action(ledger, values)
    _check_signs(values)
    if not any(values.get(k) for k in ("hasPointInTime", "hasBeginning", "hasEnd")):
        values["hasPointInTime"] = normalize.value_of(
            field_map(Kind.ECONOMIC_EVENT)["hasPointInTime"], records.now()
        )
    event_iri = iris[0] if iris else ids.mint(ledger.settings.base_iri, Kind.ECONOMIC_EVENT)

    new_values: dict[str, Any] | None = None
    new_iri: str | None = None
    if new_resource is not None:
        if action.create_resource not in ("optional", "optionalTo"):
            raise InvalidInput(f"the action {action.id} cannot create a resource")
        slot = (
            "toResourceInventoriedAs" if action.create_resource == "optionalTo" else ("resourceInventoriedAs")
        )
        if values.get(slot):
            raise InvalidInput(f"give either {slot} or newInventoriedResource, not both")
        new_values = normalize.values_of(Kind.ECONOMIC_RESOURCE, new_resource, allowed=NEW_RESOURCE_FIELDS)
        if not new_values.get("conformsTo") and values.get("resourceConformsTo"):
            new_values["conformsTo"] = values["resourceConformsTo"]
        new_iri = (iris[1] if iris else None) or ids.mint(ledger.settings.base_iri, Kind.ECONOMIC_RESOURCE)
        values[slot] = new_iri

    def work(tx: Tx) -> tuple[str, str | None]:
        existing = [
            values[k]
            for k in ("resourceInventoriedAs", "toResourceInventoriedAs")
            if values.get(k) and values[k] != new_iri
        ]
        locked = {
            row["resource"]["id"]: row["resource"]
            for row in tx.rows(cypher.LOCK_RESOURCES, {"ids": sorted(existing)})
        }
        accountable = (row.get("primaryAccountable") for row in locked.values())
        authorization.may_record(ledger, tx, values, accountable)
        context = tx.one(
            cypher.EVENT_CONTEXT,
            {
                "process": values.get("inputOf") or values.get("outputOf"),
                "corrects": values.get("corrects"),
            },
        )
        assert context is not None

        # The per-resource breadcrumb: each resource counts its events, and each event points at the
        # event that last changed the same resource (the order track and trace keep through cycles).
        sequence: dict[str, int] = {}
        previous: list[str] = []
        for slot in ("resourceInventoriedAs", "toResourceInventoriedAs"):
            row = locked.get(values.get(slot) or "")
            if values.get(slot):
                sequence[slot] = int(row.get("eventCount") or 0) + 1 if row else 1
            if row and row.get("lastEvent"):
                previous.append(row["lastEvent"])
        values["previousEvent"] = previous or None

        if new_values is not None and not new_values.get("conformsTo"):
            # A resource created by a transfer, move or copy is of the same kind as its source.
            source = locked.get(values.get("resourceInventoriedAs") or "")
            if source is not None and source.get("conformsTo"):
                new_values["conformsTo"] = source["conformsTo"]
        view = Graph()
        views.add_record(view, Kind.ECONOMIC_EVENT, event_iri, values)
        views.add_action(view, ledger.ontology.action_triples(action.id))
        refs = normalize.referenced_ids(Kind.ECONOMIC_EVENT, values) - {new_iri}
        if new_values is not None and new_iri is not None:
            views.add_record(view, Kind.ECONOMIC_RESOURCE, new_iri, new_values)
            refs |= normalize.referenced_ids(Kind.ECONOMIC_RESOURCE, new_values)
        if deferred is not None:
            deferred.describe(view, event_iri)
        records.validate(ledger, tx, view, refs)
        _check_correction(action, values, context["corrected"])
        if deferred is not None:
            return deferred.store(tx, event_iri, values, new_iri, new_values)

        def state_of(slot: str) -> effects.ResourceState | None:
            iri = values.get(slot)
            if not iri:
                return None
            if iri == new_iri:
                # Where the client says the new resource is, unless the action's location effect moves it.
                state = _state(None, is_new=True, iri=iri)
                return replace(state, current_location=(new_values or {}).get("currentLocation"))
            return _state(locked.get(iri))

        outputs = sorted(set(context["processOutputs"]))
        facts = effects.EventFacts(
            action=action,
            provider=values["provider"],
            receiver=values["receiver"],
            resource_quantity=_measure(values.get("resourceQuantity")),
            at_location=values.get("atLocation"),
            to_location=values.get("toLocation"),
            state=values.get("state"),
            process_based_on=context["processBasedOn"],
            container=outputs[0] if len(outputs) == 1 else None,
        )
        outcome = effects.apply(facts, state_of("resourceInventoriedAs"), state_of("toResourceInventoriedAs"))
        changed = {
            after.id: authorization.keepers(locked[after.id])
            for after in (outcome.resource, outcome.to_resource)
            if after is not None and after.id in locked and after != _state(locked[after.id])
        }
        authorization.may_change_resources(ledger, tx, changed, consenting)
        stamp = records.now()
        for resource in (outcome.resource, outcome.to_resource):
            if resource is None:
                continue
            props, rels = _resource_changes(resource)
            slot = (
                "resourceInventoriedAs"
                if resource.id == values.get("resourceInventoriedAs")
                else ("toResourceInventoriedAs")
            )
            props.update(eventCount=sequence[slot], lastEvent=event_iri)
            props.update(authorization.written_by(ledger, created=resource.id == new_iri))
            stored = locked.get(resource.id) or {}
            props["custodian"] = custody.custodian(
                action,
                values["receiver"],
                to_resource=slot == "toResourceInventoriedAs",
                created=resource.id == new_iri,
                accountable=resource.primary_accountable,
                before=stored.get("custodian"),
            )
            # A resource involves the agents accountable for it or holding it (now and before), not every
            # event's parties.
            before = stored.get("involved") or ()
            parties = {"primaryAccountable": resource.primary_accountable, "custodian": props["custodian"]}
            props["involved"] = authorization.involved(Kind.ECONOMIC_RESOURCE, parties, None, before)
            if resource.id == new_iri and new_values is not None:
                base_props, base_rels = normalize.properties(Kind.ECONOMIC_RESOURCE, new_values)
                props = {**base_props, **props}
                rels = {**base_rels, **{k: v for k, v in rels.items() if v}}
                props.update(id=new_iri, rev=1, createdAt=stamp, updatedAt=stamp)
                props = {k: v for k, v in props.items() if v is not None}
                tx.rows(cypher.CREATE_RECORD[Kind.ECONOMIC_RESOURCE], {"props": props, "rels": rels})
            else:
                props["updatedAt"] = stamp
                params = {"id": resource.id, "props": props, "rels": rels, "replace": list(rels)}
                tx.rows(cypher.UPDATE_RECORD[Kind.ECONOMIC_RESOURCE], params)

        props, rels = normalize.properties(Kind.ECONOMIC_EVENT, values)
        props.update(
            id=event_iri,
            rev=1,
            createdAt=stamp,
            updatedAt=stamp,
            impliedTransfer=outcome.implied_transfer,
            resourceSeq=sequence.get("resourceInventoriedAs"),
            toResourceSeq=sequence.get("toResourceInventoriedAs"),
            involved=authorization.involved(Kind.ECONOMIC_EVENT, values, ledger.caller),
        )
        props.update(authorization.written_by(ledger, created=True))
        props = {k: v for k, v in props.items() if v is not None}
        tx.rows(cypher.CREATE_RECORD[Kind.ECONOMIC_EVENT], {"props": props, "rels": rels})
        return event_iri, new_iri

    return work


def update(ledger: Ledger, params: Mapping[str, Any]) -> str:
    """Events are immutable but for note, agreedIn and triggeredBy (vf-graphql's update params)."""
    return records.update(
        ledger,
        Kind.ECONOMIC_EVENT,
        params,
        enrich=lambda view, merged: views.add_action(
            view, ledger.ontology.action_triples(str(merged.get("action")))
        ),
    )
