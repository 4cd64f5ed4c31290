"""Thresholds and allocations: the allocation's view context, and the two assessments (docs/limits.md).

- :func:`allocation_context` adds to an allocation's RDF view the chain above it as stored, so that the
  shapes can compare its unit with its threshold's and refuse a cycle (shapes/allocation.ttl).
- :func:`context_assessment`: an agent's indicator flows in a window against what is allocated to it.
- :func:`supply_chain_assessment`: a resource's footprint per unit against what is allocated to its
  specification per unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Any

from rdflib import RDF, Graph, URIRef

from vfgraph.domain.quantities import ZERO
from vfgraph.domain.thresholds import Link, Period, Status, judge, resolve
from vfgraph.errors import InvalidInput, NotFound, UnitMismatch
from vfgraph.services import tracing
from vfgraph.store.cypher import thresholds as cypher
from vfgraph.store.driver import Row, Tx
from vfgraph.vocab import views
from vfgraph.vocab.namespaces import VFG

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger


def allocation_context(tx: Tx, iri: str, values: Mapping[str, Any], view: Graph) -> set[str]:
    """Add the stored chain above an allocation to its view; returns the further ids to type.

    Each allocation above it is stated with its one link (to its parent or its threshold), and the
    threshold with its value; none of them carries a revision, so they count as referred records. When
    the chain comes back to the allocation being written (a change of parent that would make a cycle), it
    is cut there: the view then shows the cycle, which the shapes refuse.
    """
    start = values.get("parent") or values.get("threshold")
    if not start:
        return set()
    row = tx.one(cypher.ALLOCATION_CHAIN, {"start": start})
    if row is None:
        return set()
    for link in row["chain"]:
        if link["id"] == iri:
            return set()
        node = URIRef(link["id"])
        view.add((node, RDF.type, VFG.Allocation))
        if link["parent"]:
            view.add((node, VFG.parentAllocation, URIRef(link["parent"])))
        if link["threshold"]:
            view.add((node, VFG.threshold, URIRef(link["threshold"])))
    if row["threshold"] is None or row["value"] is None:
        return set()
    threshold = URIRef(row["threshold"])
    view.add((threshold, RDF.type, VFG.Threshold))
    measure = views.add_measure(view, {"hasNumericalValue": row["value"], "hasUnit": row["unit"]})
    view.add((threshold, VFG.thresholdValue, measure))
    return {row["unit"]} if row["unit"] else set()


@dataclass(frozen=True, slots=True)
class Assessment:
    """One allocation (or none) of an indicator, against what was measured."""

    indicator: str
    actual: Decimal
    unit: str | None
    allocation: str | None = None
    threshold: str | None = None
    threshold_type: str | None = None
    allocated: Decimal | None = None
    ratio: Decimal | None = None
    status: Status = Status.NO_ALLOCATION


@dataclass(frozen=True, slots=True)
class SupplyChainAssessment:
    resource: str
    specification: str | None
    indicator: str
    per_unit: Decimal
    total: Decimal | None
    unit: str | None  # of the indicator
    quantity_unit: str | None  # of the resource
    assessments: list[Assessment]


def _when(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))


def _links(row: Row) -> list[Link]:
    """The chain of an ALLOCATIONS_TO row, from the top allocation down."""
    out = []
    for n in reversed(row["chain"]):
        share, quantity = n.get("share"), n.get("quantityValue")
        out.append(
            Link(
                share=None if share is None else Decimal(share),
                quantity=None if quantity is None else Decimal(quantity),
            )
        )
    return out


def _allocated(row: Row) -> tuple[Decimal, str | None]:
    """What the allocation of an ALLOCATIONS_TO row receives of its threshold's value, and the unit."""
    t = row["threshold"]
    return resolve(Decimal(t["valueValue"]), _links(row)), t.get("valueUnit")


def _same_unit(indicator: str, measured: str | None, allocated: str | None) -> None:
    if measured is not None and allocated is not None and measured != allocated:
        raise UnitMismatch(
            f"the indicator {indicator} is measured in {measured} but allocated in {allocated}",
            indicator=indicator,
        )


def _allocations(ledger: Ledger, target: str, indicators: Sequence[str] | None) -> list[Row]:
    params = {"target": target, "indicators": None if indicators is None else list(indicators)}
    return ledger.store.rows(cypher.ALLOCATIONS_TO, params)


def _flows(
    ledger: Ledger, agent: str, start: datetime, stop: datetime, indicators: Collection[str]
) -> dict[str, tuple[Decimal, str | None]]:
    """Per indicator, the sum of the agent's flows in [start, stop) and their unit."""
    params = {
        "agent": agent,
        "from": start.isoformat(),
        "to": stop.isoformat(),
        "indicators": sorted(indicators),
    }
    sums: dict[str, Decimal] = defaultdict(lambda: ZERO)
    units: dict[str, str | None] = {}
    with localcontext() as ctx:
        ctx.prec = 34
        for r in ledger.store.rows(cypher.AGENT_INDICATOR_FLOWS, params):
            indicator, unit = r["indicator"], r["unit"]
            known = units.setdefault(indicator, unit)
            _same_unit(indicator, unit, known)
            sums[indicator] += sum((Decimal(v) for v in r["values"]), ZERO)
    return {i: (sums[i], units.get(i)) for i in sums}


def context_assessment(
    ledger: Ledger,
    agent: str,
    start: datetime,
    stop: datetime,
    indicators: Sequence[str] | None = None,
) -> list[Assessment]:
    """For each indicator, the agent's flows in [start, stop) against each allocation it has that applies
    to the window (pro-rated to it); an indicator with none gets one assessment without an allocation.

    Without ``indicators``: the indicators of the thresholds allocated to the agent.
    """
    if stop <= start:
        raise InvalidInput("from must be before to", field="to")
    if not ledger.store.rows(cypher.AGENT_VISIBLE, {"agent": agent}):
        raise NotFound(f"no agent with id {agent}", id=agent)
    rows = _allocations(ledger, agent, indicators)
    wanted = set(indicators) if indicators is not None else {r["indicator"] for r in rows}
    flows = _flows(ledger, agent, start, stop, wanted)
    out: list[Assessment] = []
    assessed: set[str] = set()
    for row in rows:
        t = row["threshold"]
        period = Period(_when(t.get("hasBeginning")), _when(t.get("hasEnd")), t.get("period"))
        whole, unit = _allocated(row)
        allocated = period.pro_rate(whole, start, stop)
        if allocated is None:  # the threshold's span does not reach the window
            continue
        indicator = row["indicator"]
        actual, measured = flows.get(indicator, (ZERO, None))
        _same_unit(indicator, measured, unit)
        verdict = judge(t.get("thresholdType"), actual, allocated)
        out.append(
            Assessment(
                indicator=indicator,
                actual=actual,
                unit=unit,
                allocation=row["allocation"],
                threshold=t["id"],
                threshold_type=t.get("thresholdType"),
                allocated=allocated,
                ratio=verdict.ratio,
                status=verdict.status,
            )
        )
        assessed.add(indicator)
    for indicator in sorted(wanted - assessed):
        actual, measured = flows.get(indicator, (ZERO, None))
        out.append(Assessment(indicator=indicator, actual=actual, unit=measured))
    out.sort(key=lambda a: (a.indicator, a.allocation or ""))
    return out


def supply_chain_assessment(ledger: Ledger, resource: str, indicator: str) -> SupplyChainAssessment:
    """The resource's footprint for ``indicator`` (docs/footprints.md) against the allocations made to
    its specification, read per unit of the resource."""
    rows = ledger.store.rows(cypher.RESOURCE_SPECIFICATION_OF, {"resource": resource})
    if not rows:
        raise NotFound(f"no economic resource with id {resource}", id=resource)
    spec: str | None = rows[0]["spec"]
    result = tracing.footprint(ledger, resource, [indicator])
    per_unit = result.footprint.per_unit.get(indicator, ZERO)
    unit = result.footprint.units.get(indicator)
    quantity = result.accounting_quantity
    with localcontext() as ctx:
        ctx.prec = 34
        total = None if quantity is None else per_unit * quantity.value
    assessments: list[Assessment] = []
    for row in _allocations(ledger, spec, [indicator]) if spec is not None else []:
        allocated, allocated_unit = _allocated(row)
        _same_unit(indicator, unit, allocated_unit)
        t = row["threshold"]
        verdict = judge(t.get("thresholdType"), per_unit, allocated)
        assessments.append(
            Assessment(
                indicator=indicator,
                actual=per_unit,
                unit=unit or allocated_unit,
                allocation=row["allocation"],
                threshold=t["id"],
                threshold_type=t.get("thresholdType"),
                allocated=allocated,
                ratio=verdict.ratio,
                status=verdict.status,
            )
        )
    if not assessments:
        assessments.append(Assessment(indicator=indicator, actual=per_unit, unit=unit))
    return SupplyChainAssessment(
        resource=resource,
        specification=spec,
        indicator=indicator,
        per_unit=per_unit,
        total=total,
        unit=unit,
        quantity_unit=None if quantity is None else quantity.unit,
        assessments=assessments,
    )
