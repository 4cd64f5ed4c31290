"""Pending events: an event recorded by one party that changes a resource another agent keeps.

The write policy (:func:`vfgraph.services.authorization.may_change_resources`) lets an event change only
resources the caller keeps (is accountable for, or holds, or acts for an organisation that does). A party that
wants to record an event falling on the other party's resource (the receiver of a transfer recording it,
a buyer recording the consumption of the seller's stock) asks for it as *pending*:

- :func:`request` checks the event as any event is checked (input, parties, the shapes, with the view
  typed ``vfg:PendingEconomicEvent`` as well) and stores it without effects, with the IRI it will keep. It is
  seen only by the agents involved (its parties and whoever asked) and operators; no read of events, walk,
  footprint or export counts it.
- :func:`confirm`, by a keeper of the resources it changes (or an operator), records it, in one
  transaction: the pending record goes, and the event is recorded from the same request with the same IRI
  by the ordinary write path (locks, shapes, effects, policy), as if the confirmer recorded it with the
  asker's consent; so it may fail as any event may (``INSUFFICIENT_QUANTITY`` ...), and stays pending then.
  The event remembers who asked (``createdBy``) and who confirmed (``confirmedBy``).
- :func:`reject`, by any of its parties (the asker withdrawing, the other refusing) or an operator, marks it
  rejected with a note; a rejected event is kept, never applied.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from vfgraph.domain import ids
from vfgraph.domain.kinds import Kind
from vfgraph.errors import Forbidden, Immutable, NotFound
from vfgraph.services import authorization, events, normalize, records
from vfgraph.services.changes import Change, Operation
from vfgraph.store.cypher import pending as cypher
from vfgraph.store.driver import Row, Tx
from vfgraph.vocab.namespaces import VFG

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger

PENDING = "pending"
REJECTED = "rejected"
_TIMES = ("hasPointInTime", "hasBeginning", "hasEnd")


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot keep {type(value).__name__} in a pending event's request")


def describe(view: Graph, iri: str, status: str = PENDING) -> None:
    """Type a pending event in an RDF view (it keeps ``vf:EconomicEvent`` there, so every rule of an event
    applies) and state its status."""
    node = URIRef(iri)
    view.add((node, RDF.type, VFG.PendingEconomicEvent))
    view.add((node, VFG.requestStatus, Literal(status)))


def request(
    ledger: Ledger, event: Mapping[str, Any], new_resource: Mapping[str, Any] | None
) -> tuple[str, str | None]:
    """Ask for an event as pending; returns its IRI and the IRI its new resource will have."""
    caller = authorization.caller_of(ledger)
    asked = dict(event)
    if not any(asked.get(k) for k in _TIMES):
        # The event happened when it was asked for, not when it is confirmed.
        asked["hasPointInTime"] = records.now()
    event_iri = ids.mint(ledger.settings.base_iri, Kind.ECONOMIC_EVENT)
    new_iri = ids.mint(ledger.settings.base_iri, Kind.ECONOMIC_RESOURCE) if new_resource is not None else None
    kept = json.dumps({"event": asked, "newInventoriedResource": new_resource}, default=_plain)

    def store(
        tx: Tx, iri: str, values: dict[str, Any], new: str | None, new_values: dict[str, Any] | None
    ) -> tuple[str, str | None]:
        # No breadcrumb yet, and no link to the new resource, which does not exist until confirmation.
        values = {k: v for k, v in values.items() if k != "previousEvent" and (new is None or v != new)}
        props, rels = normalize.properties(Kind.ECONOMIC_EVENT, values)
        stamp = records.now()
        props.update(
            id=iri,
            rev=1,
            createdAt=stamp,
            updatedAt=stamp,
            status=PENDING,
            request=kept,
            newResource=new,
            private=True,
            involved=authorization.involved(Kind.ECONOMIC_EVENT, values, caller),
        )
        props.update(authorization.written_by(ledger, created=True))
        props = {k: v for k, v in props.items() if v is not None}
        tx.rows(cypher.CREATE_PENDING, {"props": props, "rels": rels})
        return iri, new

    deferred = events.Deferred(describe=describe, store=store)
    work = events.prepare(ledger, asked, new_resource, (event_iri, new_iri), deferred=deferred)
    return ledger.store.write(work)


def _locked(tx: Tx, iri: str) -> Row:
    row = tx.one(cypher.LOCK_PENDING, {"id": iri})
    if row is None:
        raise NotFound(f"no pending economic event {iri}", id=iri)
    props: Row = row["props"]
    if props.get("status") != PENDING:
        raise Immutable(f"{iri} was {props.get('status')}; it can no longer be confirmed or rejected", id=iri)
    return props


def confirm(ledger: Ledger, iri: str) -> tuple[str, str | None]:
    """Record a pending event as its confirmer; returns the event's IRI and its new resource's, if any."""
    caller = authorization.caller_of(ledger)

    def work(tx: Tx) -> tuple[str, str | None]:
        pending = _locked(tx, iri)
        asked = json.loads(pending["request"])
        requester = pending.get("createdBy")
        tx.rows(cypher.DELETE_PENDING, {"id": iri})
        record = events.prepare(
            ledger,
            asked["event"],
            asked["newInventoriedResource"],
            (iri, pending.get("newResource")),
            consenting={requester} if requester else set(),
        )
        try:
            written = record(tx)
        except Forbidden as e:
            keepers = e.details.get("keepers")
            if keepers is None:
                raise
            names = ", ".join(keepers) or "an operator"
            raise Forbidden(
                f"only {names} (or an operator) may confirm {iri}, which changes {e.details.get('resource')}",
                agent=caller.agent,
                keepers=keepers,
            ) from None
        tx.rows(
            cypher.MARK_CONFIRMED,
            {
                "id": iri,
                "requestedBy": requester,
                "requestedByKey": pending.get("createdByKey"),
                "requestedAt": pending.get("createdAt"),
                "confirmedBy": caller.agent,
                "confirmedByKey": caller.key_id,
                "confirmedAt": records.now(),
            },
        )
        return written

    event_iri, resource_iri = ledger.store.write(work)
    changes = [Change(Kind.ECONOMIC_EVENT, event_iri, Operation.CREATED)]
    if resource_iri is not None:
        changes.append(Change(Kind.ECONOMIC_RESOURCE, resource_iri, Operation.CREATED))
    ledger.feed.publish(*changes)
    return event_iri, resource_iri


def reject(ledger: Ledger, iri: str, note: str | None) -> str:
    """Mark a pending event rejected (any of its parties, or an operator, may); returns its IRI."""
    caller = authorization.caller_of(ledger)

    def work(tx: Tx) -> str:
        pending = _locked(tx, iri)
        parties = set(pending.get("involved") or ())
        if not caller.operator and not authorization.acting_for(tx, caller.agent) & parties:
            message = f"{caller.agent} may not reject {iri}: it is not a party to it"
            raise Forbidden(message, agent=caller.agent)
        params = {"id": iri, "note": note, "now": records.now(), "agent": caller.agent, "key": caller.key_id}
        tx.rows(cypher.REJECT_PENDING, params)
        return iri

    return ledger.store.write(work)
