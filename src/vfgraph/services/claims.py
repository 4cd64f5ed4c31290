"""Claims and their settlements: the generic record writes, plus what a settlement does to its claim.

A claim is made against an economic event that already happened (``triggeredBy``); a settlement says that
a later event pays all or part of it. In the transaction of every claim or settlement write, vfgraph
locks the claim, adds up its settlements (same unit as the claim, never more than it asks) and stores
``settledQuantity``, ``remainingQuantity`` and ``finished`` (true once nothing remains).

Who may write them: like events, the parties of the event behind the record (a claim's trigger, a
settlement's paying event), or an operator. Those parties are the record's ``involved`` agents, which
:func:`vfgraph.services.authorization.may_change` checks for later updates and deletions.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vfgraph.domain import claims as rules
from vfgraph.domain.fields import DERIVED
from vfgraph.domain.kinds import Kind
from vfgraph.domain.quantities import Measure, format_decimal
from vfgraph.errors import InvalidInput, NotFound, UnknownAction
from vfgraph.services import authorization, records
from vfgraph.store.cypher import claims as cypher
from vfgraph.store.driver import Row, Tx

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger

Params = Mapping[str, Any]


def _measure(row: Mapping[str, Any] | None, name: str) -> Measure | None:
    if row is None or row.get(name + "Value") is None:
        return None
    return Measure(Decimal(row[name + "Value"]), row.get(name + "Unit"))


def _event(tx: Tx, iri: str) -> Row:
    row = tx.one(cypher.EVENT_FACTS, {"id": iri})
    if row is None:
        raise NotFound(f"no EconomicEvent with id {iri}", id=iri)
    return row


def _parties(row: Row) -> set[str]:
    return {a for a in (row.get("provider"), row.get("receiver")) if a}


def recount(tx: Tx, claim: str, *, bump: bool) -> None:
    """Lock ``claim`` and store what its settlements paid and what remains."""
    row = tx.one(cypher.LOCK_CLAIM, {"id": claim})
    if row is None:
        return  # the claim is gone (deleted in this transaction): nothing to recount
    c = row["claim"]
    resource, effort = _measure(c, "resourceQuantity"), _measure(c, "effortQuantity")
    name = rules.claimed_quantity_name(resource, effort)
    if name is None:
        return  # a claim for no stated quantity is finished by hand
    claimed = resource if name == "resourceQuantity" else effort
    assert claimed is not None
    payments = [m for s in row["settlements"] if (m := _measure(s, name)) is not None]
    t = rules.totals(claim, claimed, payments)
    tx.rows(
        cypher.SET_CLAIM_TOTALS,
        {
            "id": claim,
            "settledValue": format_decimal(t.settled.value),
            "remainingValue": format_decimal(t.remaining.value),
            "unit": claimed.unit,
            # Settlements decide `finished`; a claim nothing has settled keeps the value it was given.
            "finished": t.finished if payments or bump else None,
            "bump": bump,
        },
    )


def after_claim_written(
    ledger: Ledger, tx: Tx, iri: str, now: Mapping[str, Any], before: Mapping[str, Any]
) -> None:
    """Inside a claim's write: check the caller against its trigger, record who it involves, recount."""
    if not now:
        return
    trigger = _event(tx, now["triggeredBy"])
    parties = _parties(trigger)
    if not before or now.get("triggeredBy") != before.get("triggeredBy"):
        authorization.may_claim(ledger, parties, "make a claim against an event")
    own = {a for a in (now.get("provider"), now.get("receiver")) if a}
    tx.rows(cypher.SET_INVOLVED, {"id": iri, "involved": sorted(parties | own)})
    recount(tx, iri, bump=False)


KINDS = frozenset({Kind.CLAIM, Kind.SETTLEMENT})


def hooks(ledger: Ledger, kind: Kind) -> records.Hooks:
    """The extra steps of a write of a claim or settlement, inside its transaction (the Ledger's create,
    update and delete pick them for these kinds)."""
    if kind is Kind.CLAIM:
        return claim_hooks(ledger)
    if kind is Kind.SETTLEMENT:
        return records.Hooks(
            written=lambda tx, iri, now, before: _settlement_written(ledger, tx, iri, now, before)
        )
    return records.NO_HOOKS


def claim_hooks(ledger: Ledger) -> records.Hooks:
    """A claim's input is checked before its view (:func:`_check_input`); once stored, it is recounted
    (:func:`after_claim_written`)."""
    return records.Hooks(
        prepare=lambda _tx, _iri, now, before: _check_input(ledger, now, before),
        written=lambda tx, iri, now, before: after_claim_written(ledger, tx, iri, now, before),
    )


def _check_input(ledger: Ledger, now: Mapping[str, Any], before: Mapping[str, Any]) -> None:
    if not now:
        return  # a deletion
    derived = DERIVED[Kind.CLAIM] & set(now) - set(before)
    if derived:
        raise InvalidInput(
            f"{', '.join(sorted(derived))} is kept by vfgraph and cannot be set", field=min(derived)
        )
    name = now.get("action")
    if name is not None and str(name) not in ledger.actions:
        raise UnknownAction(f"{name!r} is not a ValueFlows action", action=name)


def _settlement_written(
    ledger: Ledger, tx: Tx, iri: str, now: Mapping[str, Any], before: Mapping[str, Any]
) -> None:
    if now:
        paying = _event(tx, now["settledBy"])
        parties = _parties(paying)
        if not before or now.get("settledBy") != before.get("settledBy"):
            authorization.may_claim(ledger, parties, "settle a claim with an event")
        claim = tx.one(cypher.LOCK_CLAIM, {"id": now["settles"]})
        trigger_parties = set(claim["triggerParties"]) if claim else set()
        tx.rows(cypher.SET_INVOLVED, {"id": iri, "involved": sorted(parties | trigger_parties)})
        if not now.get("resourceQuantity") and not now.get("effortQuantity"):
            _pay_what_the_event_moved(tx, iri, paying)
        recount(tx, now["settles"], bump=True)
    if before and before.get("settles") != now.get("settles"):
        recount(tx, before["settles"], bump=True)


def _pay_what_the_event_moved(tx: Tx, iri: str, paying: Row) -> None:
    props = {
        k: paying.get(k)
        for k in (
            "resourceQuantityValue",
            "resourceQuantityUnit",
            "effortQuantityValue",
            "effortQuantityUnit",
        )
        if paying.get(k) is not None
    }
    if props:
        tx.rows(cypher.SET_SETTLEMENT_QUANTITY, {"id": iri, "props": props})


# The use cases, through the Ledger (which picks the hooks above and announces the change once committed).


def create_claim(ledger: Ledger, params: Params, iri: str | None = None) -> str:
    return ledger.create(Kind.CLAIM, params, iri)


def update_claim(ledger: Ledger, params: Params) -> str:
    return ledger.update(Kind.CLAIM, params)


def delete_claim(ledger: Ledger, revision_id: str) -> bool:
    """A claim goes only while nothing settles it (a settlement refers to it)."""
    return ledger.delete(Kind.CLAIM, revision_id=revision_id)


def create_settlement(ledger: Ledger, params: Params, iri: str | None = None) -> str:
    return ledger.create(Kind.SETTLEMENT, params, iri)


def update_settlement(ledger: Ledger, params: Params) -> str:
    return ledger.update(Kind.SETTLEMENT, params)


def delete_settlement(ledger: Ledger, revision_id: str) -> bool:
    """Deleting a settlement gives back what it paid: the claim is recounted."""
    return ledger.delete(Kind.SETTLEMENT, revision_id=revision_id)
