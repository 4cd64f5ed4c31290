"""The planning layer's steps inside a write (docs/planning.md).

Intents, commitments, proposals, plans and agreements are written by :mod:`vfgraph.services.records` like
any record; this module adds, in the same transaction, what their rules need:

- an intent or a commitment names an action of the ontology (``UNKNOWN_ACTION`` otherwise), and never sets
  the totals the ledger keeps (``satisfiedQuantity``, ``fulfilledQuantity``);
- a fulfillment (satisfaction) locks the commitment (intent) it counts against, takes its quantity from its
  event (or commitment) when it gives none, refuses a unit other than the flow's (``UNIT_MISMATCH``), and
  once stored, recounts the flow: the total of its links, and ``finished`` when nothing remains;
- fulfillments, satisfactions, proposed intents and recipients are allowed by the records they link
  (:func:`vfgraph.services.authorization.may_link`).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vfgraph.domain.fields import DERIVED
from vfgraph.domain.kinds import Kind
from vfgraph.domain.quantities import Measure, format_decimal
from vfgraph.errors import InvalidInput, UnitMismatch, UnknownAction
from vfgraph.services import authorization
from vfgraph.services.records import NO_HOOKS, Hooks
from vfgraph.store.cypher import planning as cypher
from vfgraph.store.cypher.planning import ACCOUNTS, Account
from vfgraph.store.driver import Row, Tx

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger

FLOW_QUANTITIES = ("resourceQuantity", "effortQuantity")


def planned(props: Mapping[str, Any]) -> tuple[str, Measure | None]:
    """Which quantity of a stored flow is planned, and how much: its resource quantity, or for an
    effort-only flow (work, ...) its effort quantity."""
    for name in FLOW_QUANTITIES:
        value = props.get(name + "Value")
        if value is not None:
            return name, Measure(Decimal(value), props.get(name + "Unit"))
    return FLOW_QUANTITIES[0], None


def remaining(props: Mapping[str, Any], total_field: str) -> Measure | None:
    """What is left to do of a stored flow: planned minus accounted for, never below zero (an
    over-fulfilled commitment has nothing left); None without a planned quantity or when units differ."""
    _, plan = planned(props)
    if plan is None:
        return None
    done = props.get(total_field + "Value")
    if done is None:
        return plan
    if props.get(total_field + "Unit") != plan.unit:
        return None
    return Measure(max(Decimal(0), plan.value - Decimal(done)), plan.unit)


def hooks(ledger: Ledger, kind: Kind) -> Hooks:
    """The extra steps of a write of ``kind`` (none for kinds outside the planning layer)."""
    if kind in ACCOUNTS:
        account = ACCOUNTS[kind]
        return Hooks(
            prepare=lambda tx, _iri, new, old: _prepare_account(ledger, tx, account, new, old),
            written=lambda tx, _iri, new, old: _recount_all(tx, account, new, old),
        )
    if kind in (Kind.INTENT, Kind.COMMITMENT):
        return Hooks(
            prepare=lambda tx, _iri, new, old: _prepare_flow(ledger, kind, new, old),
            written=lambda tx, iri, new, old: _recount_changed_flow(tx, kind, iri, new, old),
        )
    if kind in (Kind.PROPOSED_INTENT, Kind.PROPOSED_TO):
        field = "publishedIn" if kind is Kind.PROPOSED_INTENT else "proposed"
        return Hooks(prepare=lambda tx, _iri, new, old: _prepare_publication(ledger, tx, field, new, old))
    return NO_HOOKS


def _prepare_flow(ledger: Ledger, kind: Kind, new: dict[str, Any], old: Mapping[str, Any]) -> None:
    if not new:
        return  # a deletion
    derived = DERIVED[kind] & set(new) - set(old)
    if derived:
        raise InvalidInput(
            f"{', '.join(sorted(derived))} is kept by vfgraph and cannot be set", field=min(derived)
        )
    action = new.get("action")
    if action is not None and str(action) not in ledger.actions:
        raise UnknownAction(f"{action!r} is not a ValueFlows action", action=action)


def _parties_of(tx: Tx, ids: set[str]) -> dict[str, Row]:
    rows = tx.rows(cypher.PARTIES, {"ids": sorted(ids)}) if ids else []
    return {row["id"]: row for row in rows}


def _prepare_publication(
    ledger: Ledger, tx: Tx, field: str, new: Mapping[str, Any], old: Mapping[str, Any]
) -> None:
    proposals = {p for p in (new.get(field), old.get(field)) if p}
    for proposal in _parties_of(tx, proposals).values():
        allowed = {proposal["props"].get("createdBy"), *proposal["inScopeOf"]}
        authorization.may_link(ledger, f"publish or address proposal {proposal['id']}", allowed)
    # Only a party to an intent (or its creator) may publish it: nobody offers what another agent holds.
    intents = {i for i in (new.get("publishes"),) if i and i != old.get("publishes")}
    for intent in _parties_of(tx, intents).values():
        parties = {
            intent["provider"],
            intent["receiver"],
            *intent["inScopeOf"],
            intent["props"].get("createdBy"),
        }
        authorization.may_link(ledger, f"publish intent {intent['id']}", parties)


def _prepare_account(
    ledger: Ledger, tx: Tx, account: Account, new: dict[str, Any], old: Mapping[str, Any]
) -> None:
    flows = {f for f in (new.get(account.target), old.get(account.target)) if f}
    locked = {row["id"]: row["props"] for row in tx.rows(cypher.LOCK_FLOWS, {"ids": sorted(flows)})}
    sources = _parties_of(tx, {s for s in (new.get(account.source), old.get(account.source)) if s})
    verb = "fulfil" if account.link is Kind.FULFILLMENT else "satisfy"
    for row in sources.values():
        what = f"{verb} with {row['id']}, to which it is not a party"
        authorization.may_link(ledger, what, authorization.parties(row))
    if not new:
        return  # a deletion
    flow = locked.get(new.get(account.target) or "")
    source = sources.get(new.get(account.source) or "")
    field, plan = planned(flow) if flow is not None else (FLOW_QUANTITIES[0], None)
    if source is not None and not any(new.get(q) for q in FLOW_QUANTITIES):
        # Without a quantity of its own, a link accounts for all of its event's (commitment's).
        for name in (field,) if plan is not None else FLOW_QUANTITIES:
            value = source["props"].get(name + "Value")
            if value is not None:
                new[name] = {
                    "hasNumericalValue": Decimal(value),
                    "hasUnit": source["props"].get(name + "Unit"),
                }
    given = new.get(field)
    if plan is not None and given is not None and given.get("hasUnit") != plan.unit:
        raise UnitMismatch(
            f"{account.flow.value} {flow and flow['id']} is planned in {plan.unit}; "
            f"a {account.link.value.lower()} of it cannot count {field} in {given.get('hasUnit')}",
            field=field,
        )


def _recount_all(tx: Tx, account: Account, new: Mapping[str, Any], old: Mapping[str, Any]) -> None:
    for flow_id in sorted({f for f in (new.get(account.target), old.get(account.target)) if f}):
        recount(tx, account, flow_id)


def _recount_changed_flow(
    tx: Tx, kind: Kind, iri: str, new: Mapping[str, Any], old: Mapping[str, Any]
) -> None:
    """After an update that changes what a flow plans, its totals and ``finished`` follow."""
    if not new or not old or all(new.get(q) == old.get(q) for q in FLOW_QUANTITIES):
        return
    account = next(a for a in ACCOUNTS.values() if a.flow is kind)
    plan = next((old[q] for q in FLOW_QUANTITIES if old.get(q)), None)
    total = old.get(account.total)
    # Stored values: decimals as their strings.
    was_done = bool(
        plan and total and Decimal(str(total["hasNumericalValue"])) >= Decimal(str(plan["hasNumericalValue"]))
    )
    recount(tx, account, iri, was_done)


def recount(tx: Tx, account: Account, flow_id: str, was_done: bool | None = None) -> None:
    """Sum the links of one (locked) flow and store the total and ``finished`` on it.

    ``was_done``: whether nothing remained before this write (by default, judged from the stored total
    against the flow's plan, which the write did not change); a flow the ledger had finished that has
    something left again is open again."""
    rows = tx.rows(cypher.LOCK_FLOWS, {"ids": [flow_id]})
    if not rows:
        return
    props: Mapping[str, Any] = rows[0]["props"]
    field, plan = planned(props)
    unit = plan.unit if plan is not None else None
    total = Decimal(0)
    counted = False
    prefix = "resource" if field == "resourceQuantity" else "effort"
    for row in tx.rows(cypher.QUANTITIES[account.link], {"id": flow_id}):
        value, value_unit = row[prefix + "Value"], row[prefix + "Unit"]
        if value is None:
            continue
        unit = unit or value_unit
        if value_unit == unit:  # links written through the ledger always are (UNIT_MISMATCH)
            total += Decimal(value)
            counted = True
    changes: dict[str, Any] = {
        account.total + "Value": format_decimal(total) if counted or plan is not None else None,
        account.total + "Unit": unit if counted or plan is not None else None,
    }
    if plan is not None:
        if was_done is None:
            before = props.get(account.total + "Value")
            was_done = before is not None and Decimal(before) >= plan.value
        if total >= plan.value:
            changes["finished"] = True
        elif was_done:
            changes["finished"] = False  # a link was taken back: the flow is open again
    tx.rows(cypher.SET_FLOW, {"id": flow_id, "props": changes})
