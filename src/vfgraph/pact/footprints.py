"""Footprint snapshots: publishing one from the ledger's roll-up, deprecating, taking a supplier's.

A *publication* is a snapshot of one product (a ResourceSpecification) of one owner (an agent): the
roll-up of the owner's outputs of that product (in a window, when given) up their trace, mapped to PACT
(:mod:`vfgraph.pact.mapping`) and checked against the PACT schema. The snapshots of one product and owner
form a *series*: publishing again deprecates the active one and lists it (and what it replaced) in the new
one's ``precedingPfIds``, as PACT's lifecycle says; the series remembers the last declarations, so a
recomputation needs none. A snapshot never changes but for ``status``, once, to ``Deprecated``.

A *received* snapshot is a supplier's footprint taken from its PACT host (by id, or announced by a
``PublishedEvent``), checked against the schema and recorded with the product of this ledger it describes
and the indicator it counts toward; the roll-up uses it for what that supplier delivers of that product
(docs/footprints.md, rule 6).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Any

from vfgraph.domain import footprint as fp
from vfgraph.domain.quantities import format_decimal
from vfgraph.domain.trace import (
    Direction,
    FlowEvent,
    FlowGraph,
    Limits,
    ProcessVia,
    increments_resource,
    is_pass_through,
    walk,
)
from vfgraph.errors import Forbidden, InvalidFootprint, InvalidInput, NotFound, TraceTooLarge, Unauthenticated
from vfgraph.pact import extension, mapping, schema
from vfgraph.pact.peers import Peer
from vfgraph.services.tracing import StoreFlowSource, declared_footprints
from vfgraph.store import pact as store
from vfgraph.store import reads
from vfgraph.store.driver import Row, Tx

if TYPE_CHECKING:
    from vfgraph.pact.remote import Remote
    from vfgraph.services.ledger import Ledger

PUBLISHED, RECEIVED = "published", "received"
ACTIVE, DEPRECATED = "Active", "Deprecated"


def footprint_iri(ledger: Ledger, pf_id: str, origin: str = "published") -> str:
    """A snapshot's IRI: ``<base>pact-footprint/<id>``, or ``.../received/<id>`` for a supplier's."""
    middle = "" if origin == PUBLISHED else "received/"
    return f"{ledger.settings.base_iri}pact-footprint/{middle}{pf_id}"


def document_of(row: Row) -> dict[str, Any]:
    """The PACT document of a stored snapshot, with its current status."""
    doc: dict[str, Any] = json.loads(row["document"])
    return {
        **{k: v for k, v in doc.items() if k in ("id", "specVersion", "precedingPfIds", "created")},
        "status": row["status"],
        **{k: v for k, v in doc.items() if k not in ("id", "specVersion", "precedingPfIds", "created")},
    }


def _may_act_for(ledger: Ledger, agent: str) -> None:
    caller = ledger.caller
    if caller is None:
        raise Unauthenticated("publishing a footprint needs a key")
    if not caller.operator and caller.agent != agent:
        raise Forbidden(f"only {agent} (or an operator) publishes its footprints", agent=agent)


def visible(ledger: Ledger, row: Row) -> bool:
    """Whether the caller may see a snapshot: its owner (or the taker, for received ones: operators),
    operators, and anyone for the published ones."""
    caller = ledger.caller
    if caller is not None and caller.operator:
        return True
    if row["origin"] == PUBLISHED:
        return True
    return caller is not None and caller.agent is not None and caller.agent == row["agent"]


def require_operator(ledger: Ledger, what: str) -> None:
    _operator(ledger, what)


def _operator(ledger: Ledger, what: str) -> None:
    caller = ledger.caller
    if caller is None:
        raise Unauthenticated(f"{what} needs a key")
    if not caller.operator:
        raise Forbidden(f"{what} needs an operator key")


# -- publishing ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Publication:
    resource_specification: str
    agent: str
    ghg_indicator: str
    indicators: Sequence[str] = ()  # other indicators for the extension
    start: datetime | None = None  # the window of outputs, [start, end)
    end: datetime | None = None
    declarations: Mapping[str, Any] | None = None  # None: the series' last ones


def _series(origin: str, agent: str, spec: str) -> str:
    return f"{origin}|{agent}|{spec}"


def _production_actions(ledger: Ledger) -> list[str]:
    probe = {a: FlowEvent("", a, "", "", resource="r") for a in ledger.actions.values()}
    return sorted(
        a.id for a, e in probe.items() if a.is_output and increments_resource(e) and not is_pass_through(a)
    )


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else mapping.iso(moment)


def rollup(ledger: Ledger, p: Publication) -> tuple[mapping.Company, mapping.Product, mapping.Rollup]:
    """What the graph says of the product and its owner, and the roll-up of the outputs."""
    facts = store.product_facts(ledger.store, p.resource_specification, p.agent)
    if facts is None:
        raise NotFound(
            f"{p.resource_specification} is not a resource specification or {p.agent} is not an agent",
            resourceSpecification=p.resource_specification,
            agent=p.agent,
        )
    outputs = store.product_outputs(
        ledger.store,
        {
            "spec": p.resource_specification,
            "agent": p.agent,
            "actions": _production_actions(ledger),
            "from": _iso(p.start),
            "to": _iso(p.end),
        },
    )
    if not outputs:
        raise InvalidInput(
            f"{p.agent} recorded no output of {p.resource_specification} in the period: nothing to roll up",
            resourceSpecification=p.resource_specification,
        )
    graph = FlowGraph()
    s = ledger.settings
    for process in sorted({r["process"] for r in outputs}):
        w = walk(
            ProcessVia(process, None),
            Direction.UPSTREAM,
            StoreFlowSource(ledger),
            Limits(max_depth=s.trace_max_depth, max_nodes=s.trace_max_nodes),
        )
        if w.truncated:
            raise TraceTooLarge(
                f"the upstream graph of {process} is larger than a footprint may read", process=process
            )
        graph.add(w.graph.events.values())
        graph.fetched_resources |= w.graph.fetched_resources
        graph.fetched_processes |= w.graph.fetched_processes
    events = [graph.events[r["event"]] for r in outputs if r["event"] in graph.events]
    declared = declared_footprints(ledger, graph)
    indicators = [p.ghg_indicator, *[i for i in p.indicators if i != p.ghg_indicator]]
    result = fp.outputs_footprint(graph, events, indicators, declared)
    unit = mapping.Unit(facts["unit"], facts["unitLabel"], facts["unitSymbol"], facts["unitOm"])
    if result.quantity.unit is not None and unit.iri is not None and result.quantity.unit != unit.iri:
        found = store.unit(ledger.store, result.quantity.unit) or {}
        unit = mapping.Unit(result.quantity.unit, found.get("label"), found.get("symbol"), found.get("om"))
    times = [e.time for e in graph.events.values() if e.time]
    start, end = mapping.reference_period(times)
    ext = extension.rollup_extension(
        result,
        product=p.resource_specification,
        company=p.agent,
        ghg=p.ghg_indicator,
        outputs=len(events),
        open_processes=_open(ledger, {k[1] for k in result.breakdown}),
        supplier_sources=_supplier_sources(ledger, declared),
        names=_names(ledger, indicators),
    )
    company = mapping.Company(iri=p.agent, name=facts["companyName"] or p.agent)
    product = mapping.Product(
        spec=p.resource_specification,
        name=facts["productName"] or p.resource_specification,
        note=facts["productNote"],
        unit=unit,
        classifications=list(facts["classifications"] or []),
        tracking_identifiers=sorted({r["trackingIdentifier"] for r in outputs if r["trackingIdentifier"]}),
    )
    return company, product, mapping.Rollup(result.per_unit.get(p.ghg_indicator, Decimal(0)), start, end, ext)


def _open(ledger: Ledger, ids: set[str]) -> set[str]:
    """Those of ``ids`` that are processes anyone may read."""
    anonymous = ledger.acting_as(None).store
    return set(reads.get_records(anonymous, "Process", sorted(ids)))


def _names(ledger: Ledger, ids: Sequence[str]) -> dict[str, str]:
    found = reads.get_records(ledger.store, "ResourceSpecification", list(ids))
    return {i: str(r.props.get("name") or i) for i, r in found.items()}


def _supplier_sources(ledger: Ledger, declared: fp.Declarations) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for ds in declared.values():
        for d in ds:
            row = store.footprint_by_id(ledger.store, d.source)
            if row is not None:
                doc = json.loads(row["document"])
                out[d.source] = {
                    k: v
                    for k, v in {
                        "pfId": row["pfId"],
                        "url": row["source"],
                        "peer": row["peer"],
                        "specVersion": doc.get("specVersion"),
                    }.items()
                    if v is not None
                }
    return out


def publish(ledger: Ledger, p: Publication) -> Row:
    """Publish a snapshot of the product's footprint; the stored row (see :func:`document_of`)."""
    _may_act_for(ledger, p.agent)
    company, product, rolled = rollup(ledger, p)
    series = _series(PUBLISHED, p.agent, p.resource_specification)
    pf_id = str(uuid.uuid4())
    created = datetime.now(UTC)

    def work(tx: Tx) -> Row:
        remembered = store.lock_series(tx, series, mapping.iso(created))
        declarations = p.declarations
        if declarations is None:
            declarations = json.loads(remembered) if remembered else {}
        active = store.active_in_series(tx, series)
        preceding = [x for r in active for x in [*(r["precedingPfIds"] or []), r["pfId"]]]
        doc = mapping.build(
            mapping.Minted(pf_id, created, preceding),
            company,
            product,
            rolled,
            declarations,
            ledger.settings.base_iri,
        )
        problems = schema.errors("ProductFootprint", {**doc, "status": ACTIVE})
        if problems:
            raise InvalidFootprint(
                "the footprint does not conform to PACT v3: " + "; ".join(problems), violations=problems
            )
        store.deprecate_ids(tx, [r["id"] for r in active], mapping.iso(created))
        props = _props(ledger, doc, PUBLISHED, series, created)
        props |= {
            "agent": p.agent,
            "resourceSpecification": p.resource_specification,
            "indicator": p.ghg_indicator,
            "unit": product.unit.iri,
            "createdByKey": ledger.caller.key_id if ledger.caller else None,
        }
        store.create_footprint(tx, props)
        store.set_series_declarations(tx, series, json.dumps(declarations, sort_keys=True))
        return {**props, "document": props["document"]}

    return ledger.store.write(work)


def _props(
    ledger: Ledger, doc: Mapping[str, Any], origin: str, series: str, created: datetime
) -> dict[str, Any]:
    text = json.dumps({k: v for k, v in doc.items() if k != "status"}, ensure_ascii=False)
    return {
        "id": footprint_iri(ledger, doc["id"], origin),
        "pfId": doc["id"],
        "origin": origin,
        "status": ACTIVE if doc.get("status", ACTIVE) == ACTIVE else DEPRECATED,
        "created": created,
        "document": text,
        "series": series,
        "precedingPfIds": list(doc.get("precedingPfIds", [])),
        "pcfExcludingBiogenicUptake": doc["pcf"]["pcfExcludingBiogenicUptake"],
        "declaredUnit": doc["pcf"]["declaredUnitOfMeasurement"],
        **mapping.search_keys(doc),
    }


def deprecate(ledger: Ledger, pf_id: str, origin: str = PUBLISHED) -> Row:
    """Mark a snapshot Deprecated (a no-op for one that already is)."""
    row = store.footprint_by_pf_id(ledger.store, pf_id, origin)
    if row is None:
        raise NotFound(f"no footprint {pf_id}", id=pf_id)
    if row["origin"] == PUBLISHED:
        _may_act_for(ledger, row["agent"])
    else:
        _operator(ledger, "deprecating a supplier's footprint")
    now = mapping.iso(datetime.now(UTC))
    ledger.store.write(lambda tx: store.deprecate_ids(tx, [row["id"]], now))
    found = store.footprint_by_id(ledger.store, row["id"])
    assert found is not None
    return found


# -- supplier footprints -----------------------------------------------------------------------------------


def per_unit_of(doc: Mapping[str, Any], unit: mapping.Unit) -> Decimal:
    """A supplier's ``pcfExcludingBiogenicUptake`` per one ``unit`` of the product as this ledger counts it:
    per declared unit divided by the declared amount, or by the mass per declared unit for a ledger that
    counts in kilograms what the supplier declares per piece (or litre, ...)."""
    pcf = doc["pcf"]
    excluding = Decimal(pcf["pcfExcludingBiogenicUptake"])
    ours = unit.pact
    with localcontext() as ctx:
        ctx.prec = 34
        if ours == pcf["declaredUnitOfMeasurement"]:
            return excluding / Decimal(pcf["declaredUnitAmount"])
        mass = Decimal(pcf["productMassPerDeclaredUnit"])
        if ours == "kilogram" and mass > 0:
            return excluding / mass
    raise InvalidFootprint(
        f"footprint {doc['id']} is per {pcf['declaredUnitAmount']} {pcf['declaredUnitOfMeasurement']}, which "
        f"this ledger cannot express per {unit.label or unit.iri}",
        violations=["pcf.declaredUnitOfMeasurement: no conversion to the product's unit"],
    )


def check_received(doc: object) -> dict[str, Any]:
    problems = schema.errors("ProductFootprint", doc)
    if problems:
        raise InvalidFootprint(
            "the supplier's footprint does not conform to PACT v3: " + "; ".join(problems),
            violations=problems,
        )
    assert isinstance(doc, dict)
    return doc


def record_received(
    ledger: Ledger,
    doc: Mapping[str, Any],
    *,
    peer: Peer,
    url: str | None,
    resource_specification: str | None,
    indicator: str | None,
) -> Row:
    """Record a supplier's (already checked) footprint. Without ``resource_specification`` and
    ``indicator``: those of an earlier version it replaces, else it is kept without a product (and not
    used by roll-ups)."""
    supplier = peer.agent
    taken = datetime.now(UTC)

    def work(tx: Tx) -> Row:
        spec, ind = resource_specification, indicator
        if spec is None and doc.get("precedingPfIds"):
            earlier = store.received_series_of(tx, list(doc["precedingPfIds"]))
            if earlier is not None:
                spec, ind = earlier["resourceSpecification"], earlier["indicator"]
        per_unit = unit = indicator_unit = None
        if spec is not None and ind is not None:
            spec_row = store.spec_unit(ledger.store, spec)
            if spec_row is None:
                raise NotFound(f"no resource specification {spec}", id=spec)
            product_unit = mapping.Unit(
                spec_row["unit"], spec_row["label"], spec_row["symbol"], spec_row["om"]
            )
            if product_unit.iri is None:
                raise InvalidInput(
                    f"{spec} has no defaultUnitOfResource to count the supplier's footprint by", id=spec
                )
            per_unit, unit = format_decimal(per_unit_of(doc, product_unit)), product_unit.iri
            ind_row = store.spec_unit(ledger.store, ind)
            if ind_row is None:
                raise NotFound(f"no indicator (resource specification) {ind}", id=ind)
            indicator_unit = ind_row["unit"]
        series = _series(RECEIVED, supplier or peer.id, spec or "-")
        existing = store.footprint_by_pf_id(ledger.store, doc["id"], RECEIVED)
        if existing is not None:
            return existing
        active = store.active_in_series(tx, series) if spec is not None else []
        store.deprecate_ids(tx, [r["id"] for r in active], mapping.iso(taken))
        props = _props(ledger, doc, RECEIVED, series, taken)
        props |= {
            "status": doc.get("status", ACTIVE) if doc.get("status") in (ACTIVE, DEPRECATED) else ACTIVE,
            "agent": supplier,
            "resourceSpecification": spec,
            "indicator": ind,
            "perUnit": per_unit,
            "unit": unit,
            "indicatorUnit": indicator_unit,
            "peer": peer.id,
            "source": url,
            "takenAt": taken,
        }
        store.create_footprint(tx, props)
        return props

    return ledger.store.write(work)


def take(
    ledger: Ledger,
    remote: Remote,
    peer: Peer,
    pf_id: str,
    resource_specification: str | None,
    indicator: str | None,
) -> Row:
    """Fetch footprint ``pf_id`` from ``peer`` (GetFootprint), check it, record it (operators only)."""
    _operator(ledger, "taking a supplier's footprint")
    if peer.agent is None:
        raise InvalidInput(
            f"peer {peer.id} stands for no agent of this ledger: add it with --agent", peer=peer.id
        )
    if (resource_specification is None) != (indicator is None):
        raise InvalidInput("give both the product (resourceSpecification) and the indicator, or neither")
    doc = check_received(remote.get_footprint(peer, pf_id))
    if doc["id"] != pf_id:
        raise InvalidFootprint(
            f"{peer.url} returned footprint {doc['id']} for {pf_id}", violations=["id: not the one asked for"]
        )
    return record_received(
        ledger,
        doc,
        peer=peer,
        url=f"{peer.url}/3/footprints/{pf_id}",
        resource_specification=resource_specification,
        indicator=indicator,
    )


# -- reading ---------------------------------------------------------------------------------------------


def get(ledger: Ledger, pf_id: str, origin: str | None = None) -> Row | None:
    return store.footprint_by_pf_id(ledger.store, pf_id, origin)


def page(
    ledger: Ledger,
    *,
    origin: str | None = None,
    agent: str | None = None,
    resource_specification: str | None = None,
    status: str | None = None,
    after: str | None = None,
    limit: int = 20,
) -> list[Row]:
    """Snapshots in IRI order for GraphQL: the published ones (the owner shares them), and those received
    by the caller's agent; operators see all."""
    caller = ledger.caller
    return store.footprints_page(
        ledger.store,
        {
            "everything": bool(caller and caller.operator),
            "viewing": caller.agent if caller else None,
            "origin": origin,
            "agent": agent,
            "resourceSpecification": resource_specification,
            "status": status,
            "after": after,
            "limit": limit,
        },
    )
