"""Contribution accounting: value equations, distribution previews and recorded distributions.

An income (an economic event bringing money or goods to an agent) points at what earned it with
``triggeredBy``: the event that delivered the deliverable. The preview traces upstream from that event
(:mod:`vfgraph.services.tracing`) and lets each bucket of the equation pick and weigh the contributions it
counts (:mod:`vfgraph.domain.distribution`). Recording writes, in one transaction, a claim per recipient
(or a transfer per recipient) and a ``ValueDistribution`` record, at most one per income and equation.
See docs/contributions.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from vfgraph.domain import distribution as dist
from vfgraph.domain import ids
from vfgraph.domain.kinds import Kind
from vfgraph.domain.quantities import Measure
from vfgraph.domain.trace import Direction, EventAt, FlowEvent, Limits, walk
from vfgraph.errors import (
    AlreadyDistributed,
    Immutable,
    InvalidInput,
    NotFound,
    NothingToDistribute,
    TraceTooLarge,
    UnknownAction,
)
from vfgraph.services import authorization, claims, events, normalize, records
from vfgraph.services.changes import Change, Operation
from vfgraph.services.tracing import StoreFlowSource
from vfgraph.store.cypher import contributions as cypher
from vfgraph.store.driver import Row, Tx
from vfgraph.vocab.namespaces import VF_IRI

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger

Params = Mapping[str, Any]


class DistributeAs(StrEnum):
    CLAIMS = "CLAIMS"
    EVENTS = "EVENTS"


# -- equations -------------------------------------------------------------------------------------


def _bucket_values(ledger: Ledger, equation: str, position: int, params: Params) -> dict[str, Any]:
    given = dict(params)
    names = given.pop("actions", None) or []
    for name in names:
        if name not in ledger.actions:
            raise UnknownAction(f"{name!r} is not a ValueFlows action", action=name)
    given["countsActions"] = [VF_IRI + str(n) for n in names]
    given["bucketOf"] = equation
    given["position"] = Decimal(position)
    return normalize.values_of(Kind.VALUE_BUCKET, given)


def create_equation(ledger: Ledger, params: Params, iri: str | None = None) -> str:
    """Create an equation and its buckets (``params["buckets"]``, in order) in one transaction."""
    given = dict(params)
    buckets = list(given.pop("buckets", None) or [])
    if not buckets:
        raise InvalidInput("a value equation needs at least one bucket", field="buckets")
    values = normalize.values_of(Kind.VALUE_EQUATION, given)
    authorization.may_create(ledger, Kind.VALUE_EQUATION, values)
    equation = iri or ids.mint(ledger.settings.base_iri, Kind.VALUE_EQUATION)
    rows = [_bucket_values(ledger, equation, n, b) for n, b in enumerate(buckets)]
    bucket_iris = [
        f"{equation}/bucket-{n}" if iri else ids.mint(ledger.settings.base_iri, Kind.VALUE_BUCKET)
        for n in range(len(rows))
    ]

    # The equation and all its buckets are judged in one view, so the shapes can add up the shares.
    new = [records.NewRecord(Kind.VALUE_EQUATION, equation, values)]
    new += [
        records.NewRecord(Kind.VALUE_BUCKET, b_iri, b) for b_iri, b in zip(bucket_iris, rows, strict=True)
    ]

    def work(tx: Tx) -> str:
        records.insert_many(ledger, tx, new)
        return equation

    ledger.store.write(work)
    ledger.feed.publish(*(Change(r.kind, r.iri, Operation.CREATED) for r in new))
    return equation


def delete_equation(ledger: Ledger, revision_id: str) -> bool:
    """Delete an equation with its buckets, while no recorded distribution follows it."""
    iri, rev = ids.parse_revision_id(revision_id)

    def work(tx: Tx) -> bool:
        state = records.load_state(tx, Kind.VALUE_EQUATION, iri, rev)
        current = records.current_values(Kind.VALUE_EQUATION, state)
        authorization.may_change(ledger, Kind.VALUE_EQUATION, iri, current, state["props"])
        row = tx.one(cypher.EQUATION_DISTRIBUTIONS, {"id": iri})
        if row and row["distributions"]:
            raise Immutable(f"{iri} explains recorded distributions and cannot be deleted", id=iri)
        tx.rows(cypher.DELETE_EQUATION, {"id": iri})
        return True

    return ledger.store.write(work)


def buckets_of(rows: Sequence[Mapping[str, Any]]) -> list[dist.Bucket]:
    """Buckets from their stored properties, in position order."""
    out = [
        dist.Bucket(
            id=b["id"],
            position=int(Decimal(b.get("position") or 0)),
            name=b.get("name"),
            share=Decimal(b["share"]),
            actions=frozenset(str(a).removeprefix(VF_IRI) for a in b.get("countsActions") or []),
            weighting=str(b["weighting"]),
            fixed_weight=None if b.get("fixedWeight") is None else Decimal(b["fixedWeight"]),
            classified_as=frozenset(b.get("resourceClassifiedAs") or []),
            conforms_to=b.get("resourceConformsTo"),
        )
        for b in rows
    ]
    return sorted(out, key=lambda b: b.position)


# -- preview ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Preview:
    distribution: dist.Distribution
    income: Row
    equation: str


def _income(ledger: Ledger, iri: str) -> Row:
    rows = ledger.store.rows(cypher.INCOME, {"id": iri})
    if not rows:
        raise NotFound(f"no EconomicEvent with id {iri}", id=iri)
    row = rows[0]
    if row.get("resourceQuantityValue") is None:
        raise NothingToDistribute(f"the income {iri} states no resourceQuantity to share out", id=iri)
    if not row.get("triggeredBy"):
        raise NothingToDistribute(
            f"the income {iri} does not say what earned it: set its triggeredBy to the delivery event",
            id=iri,
        )
    return row


def _equation(ledger: Ledger, iri: str) -> list[dist.Bucket]:
    rows = ledger.store.rows(cypher.EQUATION_BUCKETS, {"id": iri})
    if not rows:
        raise NotFound(f"no ValueEquation with id {iri}", id=iri)
    return buckets_of(rows[0]["buckets"])


def _upstream_events(ledger: Ledger, delivery: str) -> list[FlowEvent]:
    s = ledger.settings
    w = walk(
        EventAt(delivery),
        Direction.UPSTREAM,
        StoreFlowSource(ledger),
        Limits(max_depth=s.trace_max_depth, max_nodes=s.trace_max_nodes),
    )
    if w.truncated:
        raise TraceTooLarge(
            f"the upstream graph of {delivery} is larger than a distribution may read "
            f"({s.trace_max_nodes} states, {s.trace_max_depth} steps)",
            event=delivery,
        )
    seen: dict[str, FlowEvent] = {}
    for state in w.items:
        if isinstance(state, EventAt) and state.id in w.graph.events:
            seen.setdefault(state.id, w.graph.events[state.id])
    return list(seen.values())


def preview(ledger: Ledger, income: str, equation: str) -> Preview:
    """Who would receive what if ``income`` were shared out by ``equation`` (nothing is written)."""
    row = _income(ledger, income)
    buckets = _equation(ledger, equation)
    found = _upstream_events(ledger, row["triggeredBy"])
    classifications: dict[str, list[str]] = {}
    if any(b.classified_as for b in buckets):
        for r in ledger.store.rows(cypher.EVENT_CLASSIFICATIONS, {"ids": [e.id for e in found]}):
            classifications[r["id"]] = list(r["classifiedAs"])
    picked = dist.contributions(buckets, found, classifications)
    amount = Measure(Decimal(row["resourceQuantityValue"]), row.get("resourceQuantityUnit"))
    return Preview(dist.distribute(income, amount, buckets, picked), row, equation)


# -- recording -------------------------------------------------------------------------------------


def distribution_iri(ledger: Ledger, income: str, equation: str) -> str:
    """One IRI per (income, equation): the store's unique id is the last guard against a second one."""
    digest = hashlib.sha256(f"{income}\n{equation}".encode()).hexdigest()[:32]
    return f"{ledger.settings.base_iri.rstrip('/')}/{Kind.VALUE_DISTRIBUTION.path}/{digest}"


def _measure(value: Decimal, unit: str | None) -> dict[str, Any]:
    return {"hasNumericalValue": value, "hasUnit": unit}


def record(ledger: Ledger, income: str, equation: str, as_: DistributeAs) -> tuple[str, list[str]]:
    """Write the distribution the preview shows; returns its IRI and the claims or events written."""
    p = preview(ledger, income, equation)
    inc = p.income
    payer = inc.get("receiver")
    if not payer:
        raise NothingToDistribute(f"the income {income} has no receiver to pay the shares", id=income)
    authorization.may_claim(ledger, {a for a in (inc.get("provider"), payer) if a}, "share out an income")
    unit = inc.get("resourceQuantityUnit")
    parts = [part for part in p.distribution.parts if part.amount > 0]
    iri = distribution_iri(ledger, income, equation)
    stamp = records.now()
    note = f"share of {income} by {equation}"

    def flow(part: dist.Part) -> dict[str, Any]:
        out: dict[str, Any] = {
            "action": "transfer",
            "provider": payer,
            "receiver": part.agent,
            "triggeredBy": income,
            "resourceQuantity": _measure(part.amount, unit),
            "agreedIn": equation,
            "note": note,
        }
        if inc.get("resourceConformsTo"):
            out["resourceConformsTo"] = inc["resourceConformsTo"]
        return out

    works: list[Callable[[Tx], tuple[str, str | None]]] = []
    claim_rows: list[records.NewRecord] = []
    hooks = claims.claim_hooks(ledger)
    for part in parts:
        if as_ is DistributeAs.EVENTS:
            ev = flow(part)
            new_resource = None
            if inc.get("toResourceInventoriedAs"):
                # Paid out of what the income went into; each share becomes the recipient's resource.
                ev["resourceInventoriedAs"] = inc["toResourceInventoriedAs"]
                new_resource = {"name": note}
            works.append(events.prepare(ledger, ev, new_resource))
        else:
            values = normalize.values_of(Kind.CLAIM, flow(part) | {"created": stamp})
            claim_iri = ids.mint(ledger.settings.base_iri, Kind.CLAIM)
            claim_rows.append(records.NewRecord(Kind.CLAIM, claim_iri, values, hooks))
    record_values = normalize.values_of(
        Kind.VALUE_DISTRIBUTION,
        {"distributes": income, "followsEquation": equation, "distributedAs": as_.value},
    )

    def work(tx: Tx) -> tuple[str, list[str]]:
        if tx.one(cypher.LOCK_INCOME, {"income": income}) is None:
            raise NotFound(f"no EconomicEvent with id {income}", id=income)
        row = tx.one(cypher.DISTRIBUTED, {"income": income, "equation": equation})
        if row is not None and row["distributed"]:
            raise AlreadyDistributed(
                f"the income {income} has already been distributed by {equation}",
                income=income,
                equation=equation,
            )
        written = [w(tx)[0] for w in works]
        # The claims and the distribution record: one view, one SHACL run.
        record = records.NewRecord(Kind.VALUE_DISTRIBUTION, iri, record_values)
        written += records.insert_many(ledger, tx, [*claim_rows, record])[:-1]
        return iri, written

    iri, written = ledger.store.write(work)
    kind = Kind.ECONOMIC_EVENT if as_ is DistributeAs.EVENTS else Kind.CLAIM
    changes = [Change(kind, w, Operation.CREATED) for w in written]
    ledger.feed.publish(*changes, Change(Kind.VALUE_DISTRIBUTION, iri, Operation.CREATED))
    return iri, written
