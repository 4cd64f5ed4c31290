"""Thresholds, allocations and the two assessments on the real Neo4j (docs/limits.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from tests.neo4j.chains import worked_example
from tests.neo4j.world import World, qty
from vfgraph.domain.access import Caller
from vfgraph.domain.kinds import Kind
from vfgraph.domain.thresholds import Status
from vfgraph.errors import VfgraphError
from vfgraph.services.thresholds import Assessment, context_assessment, supply_chain_assessment

Y2026 = datetime(2026, 1, 1, tzinfo=UTC)
Y2027 = datetime(2027, 1, 1, tzinfo=UTC)


@dataclass
class Limits:
    w: World
    air: str
    region: str
    co2: str
    ghg: str
    budget: str  # a ceiling of 1000 kg CO2e for 2026, in scope of the region

    def threshold(self, **fields: Any) -> str:
        params = {
            "name": "budget",
            "thresholdType": "ceiling",
            "value": qty("1000", self.co2),
            "indicator": self.ghg,
        }
        return self.w.ledger.create(Kind.THRESHOLD, params | fields)

    def allocate(self, to: str, **fields: Any) -> str:
        return self.w.ledger.create(Kind.ALLOCATION, {"allocatedTo": to, **fields})

    def emit(self, agent: str, value: str, at: str, **fields: Any) -> str:
        return self.w.event(
            "produce",
            provider=agent,
            receiver=self.air,
            resourceConformsTo=self.ghg,
            resourceQuantity=qty(value, self.co2),
            hasPointInTime=at,
            **fields,
        )

    def assess(self, agent: str, start: datetime = Y2026, stop: datetime = Y2027) -> list[Assessment]:
        return context_assessment(self.w.ledger, agent, start, stop, [self.ghg])


@pytest.fixture
def limits(world: World) -> Limits:
    c = world.ledger.create
    co2 = c(Kind.UNIT, {"label": "kg CO2e", "symbol": "kg CO2e"})
    ghg = c(Kind.RESOURCE_SPECIFICATION, {"name": "GHG emissions", "defaultUnitOfResource": co2})
    region = c(Kind.ORGANIZATION, {"name": "Valley Region"})
    lim = Limits(
        w=world,
        air=c(Kind.ECOLOGICAL_AGENT, {"name": "Atmosphere"}),
        region=region,
        co2=co2,
        ghg=ghg,
        budget="",
    )
    lim.budget = lim.threshold(
        inScopeOf=[region],
        hasBeginning="2026-01-01T00:00:00Z",
        hasEnd="2027-01-01T00:00:00Z",
        source="https://example.org/valley-climate-plan",
    )
    return lim


def _code(e: pytest.ExceptionInfo[VfgraphError]) -> str:
    return e.value.code


# -- nesting -------------------------------------------------------------------------------------------


def test_a_nested_allocation_is_the_threshold_times_each_share_down_the_chain(limits: Limits) -> None:
    w = limits.w
    region_part = limits.allocate(limits.region, threshold=limits.budget, share=Decimal("0.5"))
    limits.allocate(w.farm, parent=region_part, share=Decimal("0.4"))

    [a] = limits.assess(w.farm)

    assert a.allocated == Decimal(200)  # 1000 x 0.5 x 0.4
    assert a.actual == 0
    assert a.status is Status.WITHIN
    assert a.threshold == limits.budget


def test_a_fixed_quantity_in_the_chain_replaces_what_is_above_it(limits: Limits) -> None:
    w = limits.w
    region_part = limits.allocate(limits.region, threshold=limits.budget, quantity=qty("300", limits.co2))
    farm_part = limits.allocate(w.farm, parent=region_part, share=Decimal("0.5"))
    limits.allocate(w.mill, parent=farm_part, share=Decimal("0.1"))

    assert [a.allocated for a in limits.assess(w.farm)] == [Decimal(150)]
    assert [a.allocated for a in limits.assess(w.mill)] == [Decimal(15)]


# -- verdicts ------------------------------------------------------------------------------------------


def test_emitting_more_than_the_allocation_under_a_ceiling_is_an_overshoot(limits: Limits) -> None:
    w = limits.w
    limits.allocate(w.farm, threshold=limits.budget, share=Decimal("0.2"))
    limits.emit(w.farm, "150.5", "2026-03-01T00:00:00Z")
    limits.emit(w.farm, "99.5", "2026-09-01T00:00:00Z")

    [a] = limits.assess(w.farm)

    assert (a.actual, a.allocated, a.ratio) == (Decimal(250), Decimal(200), Decimal("1.25"))
    assert a.status is Status.OVERSHOOT
    assert a.unit == limits.co2


def test_emitting_less_than_the_allocation_is_within(limits: Limits) -> None:
    w = limits.w
    limits.allocate(w.farm, threshold=limits.budget, share=Decimal("0.2"))
    limits.emit(w.farm, "50", "2026-03-01T00:00:00Z")

    [a] = limits.assess(w.farm)

    assert (a.ratio, a.status) == (Decimal("0.25"), Status.WITHIN)


def test_not_reaching_a_floor_is_a_shortfall(limits: Limits) -> None:
    w = limits.w
    c = w.ledger.create
    removal = c(Kind.RESOURCE_SPECIFICATION, {"name": "carbon removal"})
    floor = limits.threshold(thresholdType="floor", indicator=removal, value=qty("100", limits.co2))
    limits.allocate(w.farm, threshold=floor, share=Decimal(1))
    # The farm's hedges take 60 kg CO2e out of the atmosphere.
    w.event(
        "produce",
        provider=limits.air,
        receiver=w.farm,
        resourceConformsTo=removal,
        resourceQuantity=qty("60", limits.co2),
        hasPointInTime="2026-05-01T00:00:00Z",
    )

    [a] = context_assessment(w.ledger, w.farm, Y2026, Y2027, [removal])

    assert (a.actual, a.allocated, a.ratio) == (Decimal(60), Decimal(100), Decimal("0.6"))
    assert a.status is Status.SHORTFALL


def test_an_indicator_without_an_allocation_reports_the_flows_alone(limits: Limits) -> None:
    w = limits.w
    limits.emit(w.carrier, "7", "2026-03-01T00:00:00Z")

    [a] = limits.assess(w.carrier)

    assert (a.actual, a.allocated, a.ratio, a.status) == (Decimal(7), None, None, Status.NO_ALLOCATION)


# -- what counts -------------------------------------------------------------------------------------


def test_flows_of_processes_in_the_agents_scope_count_even_when_another_agent_records_them(
    limits: Limits,
) -> None:
    w = limits.w
    contractor = w.ledger.create(Kind.ORGANIZATION, {"name": "Contractor"})
    field_work = w.ledger.create(Kind.PROCESS, {"name": "ploughing", "inScopeOf": [w.farm]})
    limits.allocate(w.farm, threshold=limits.budget, share=Decimal("0.1"))
    limits.emit(contractor, "30", "2026-04-01T00:00:00Z", outputOf=field_work)
    limits.emit(w.farm, "20", "2026-04-01T00:00:00Z")
    # A flow between two organisations does not count.
    w.event(
        "produce",
        provider=w.farm,
        receiver=w.mill,
        resourceConformsTo=limits.ghg,
        resourceQuantity=qty("5", limits.co2),
        hasPointInTime="2026-04-01T00:00:00Z",
    )

    [a] = limits.assess(w.farm)

    assert a.actual == Decimal(50)
    assert [x.actual for x in limits.assess(contractor)] == [Decimal(30)]


def test_private_flows_are_counted_only_for_callers_who_may_see_them(limits: Limits) -> None:
    w = limits.w
    limits.allocate(w.farm, threshold=limits.budget, share=Decimal("0.1"))
    limits.emit(w.farm, "40", "2026-04-01T00:00:00Z")
    limits.emit(w.farm, "60", "2026-05-01T00:00:00Z", private=True)
    farm_key = Caller(key_id="farm-key", agent=w.farm)
    mill_key = Caller(key_id="mill-key", agent=w.mill)

    seen_by_farm = context_assessment(w.ledger.acting_as(farm_key), w.farm, Y2026, Y2027, [limits.ghg])
    seen_by_mill = context_assessment(w.ledger.acting_as(mill_key), w.farm, Y2026, Y2027, [limits.ghg])

    assert [a.actual for a in seen_by_farm] == [Decimal(100)]
    assert [a.actual for a in seen_by_mill] == [Decimal(40)]


# -- periods -------------------------------------------------------------------------------------------


def test_the_window_includes_its_start_and_excludes_its_end(limits: Limits) -> None:
    w = limits.w
    limits.allocate(w.farm, threshold=limits.budget, share=Decimal("0.1"))
    limits.emit(w.farm, "1", "2026-01-01T00:00:00Z")  # at the start: counts
    limits.emit(w.farm, "10", "2026-12-31T23:59:59.999Z")  # just before the end: counts
    limits.emit(w.farm, "100", "2027-01-01T00:00:00Z")  # at the end: next window
    limits.emit(w.farm, "1000", "2025-12-31T23:59:59Z")  # before the start

    [a] = limits.assess(w.farm)

    assert a.actual == Decimal(11)


def test_a_window_shorter_than_the_thresholds_span_gets_its_part_of_the_allocation(limits: Limits) -> None:
    w = limits.w
    limits.allocate(w.farm, threshold=limits.budget, share=Decimal("0.365"))  # 365 kg for 365 days

    january = limits.assess(w.farm, Y2026, datetime(2026, 2, 1, tzinfo=UTC))
    one_day = limits.assess(w.farm, datetime(2026, 6, 1, tzinfo=UTC), datetime(2026, 6, 2, tzinfo=UTC))
    # From inside the span to beyond its end: only the part inside counts.
    straddling = limits.assess(w.farm, datetime(2026, 12, 31, tzinfo=UTC), datetime(2027, 3, 1, tzinfo=UTC))

    assert [a.allocated for a in january] == [Decimal(31)]
    assert [a.allocated for a in one_day] == [Decimal(1)]
    assert [a.allocated for a in straddling] == [Decimal(1)]


def test_a_window_outside_the_thresholds_span_has_no_allocation(limits: Limits) -> None:
    w = limits.w
    limits.allocate(w.farm, threshold=limits.budget, share=Decimal("0.5"))

    [a] = limits.assess(w.farm, Y2027, datetime(2027, 6, 1, tzinfo=UTC))

    assert (a.allocated, a.status) == (None, Status.NO_ALLOCATION)


def test_a_recurring_period_pro_rates_the_value_to_the_window(limits: Limits) -> None:
    w = limits.w
    monthly = limits.threshold(value=qty("365", limits.co2), period="P1M")  # 365 per 365/12 days
    limits.allocate(w.farm, threshold=monthly, share=Decimal(1))

    [year] = limits.assess(w.farm)  # 2026 has 365 days: twelve months
    [week] = limits.assess(w.farm, Y2026, datetime(2026, 1, 8, tzinfo=UTC))

    assert year.allocated == Decimal(4380)
    assert week.allocated == Decimal(84)  # 365 x 7 days / (365/12 days)


def test_an_empty_or_reversed_window_is_refused(limits: Limits) -> None:
    with pytest.raises(VfgraphError) as e:
        limits.assess(limits.w.farm, Y2027, Y2026)
    assert _code(e) == "BAD_USER_INPUT"


# -- supply chain ----------------------------------------------------------------------------------------


def test_a_resources_footprint_per_unit_is_set_against_its_specifications_allocation(world: World) -> None:
    chain = worked_example(world)
    c = world.ledger.create
    intensity = c(
        Kind.THRESHOLD,
        {
            "name": "flour carbon intensity",
            "thresholdType": "ceiling",
            "value": qty("0.4", chain.co2),  # per kg of milled products
            "indicator": chain.ghg,
        },
    )
    c(Kind.ALLOCATION, {"threshold": intensity, "allocatedTo": chain.flour_spec, "share": Decimal("0.5")})

    result = supply_chain_assessment(world.ledger, chain.flour, chain.ghg)

    assert (result.per_unit, result.total, result.unit) == (Decimal("0.25"), Decimal(40), chain.co2)
    [a] = result.assessments
    assert (a.actual, a.allocated, a.ratio, a.status) == (
        Decimal("0.25"),
        Decimal("0.2"),
        Decimal("1.25"),
        Status.OVERSHOOT,
    )


def test_a_resource_whose_specification_has_no_allocation_gets_its_footprint_alone(world: World) -> None:
    chain = worked_example(world)

    result = supply_chain_assessment(world.ledger, chain.apples, chain.ghg)

    assert result.per_unit == Decimal("0.04")
    assert [(a.allocated, a.status) for a in result.assessments] == [(None, Status.NO_ALLOCATION)]


# -- SHACL refusals --------------------------------------------------------------------------------------


def _refused(limits: Limits, kind: Kind, params: dict[str, Any]) -> VfgraphError:
    before = limits.w.count()
    with pytest.raises(VfgraphError) as e:
        limits.w.ledger.create(kind, params)
    assert limits.w.count() == before
    return e.value


def _messages(e: VfgraphError) -> str:
    return " ".join(v["message"] for v in e.details.get("violations", []))


def test_a_share_above_one_is_refused(limits: Limits) -> None:
    e = _refused(
        limits, Kind.ALLOCATION, {"allocatedTo": limits.w.farm, "threshold": limits.budget, "share": "1.5"}
    )
    assert e.code == "SHACL_VIOLATION"
    assert "vfg:share" in _messages(e)


def test_an_allocation_of_both_a_threshold_and_a_parent_is_refused(limits: Limits) -> None:
    top = limits.allocate(limits.region, threshold=limits.budget, share=Decimal(1))
    e = _refused(
        limits,
        Kind.ALLOCATION,
        {"allocatedTo": limits.w.farm, "threshold": limits.budget, "parent": top, "share": "0.5"},
    )
    assert e.code == "SHACL_VIOLATION"
    assert "exactly one of a vfg:threshold or a vfg:parentAllocation" in _messages(e)


def test_an_allocation_of_nothing_is_refused(limits: Limits) -> None:
    e = _refused(limits, Kind.ALLOCATION, {"allocatedTo": limits.w.farm, "share": "0.5"})
    assert "exactly one of a vfg:threshold or a vfg:parentAllocation" in _messages(e)


def test_an_allocation_needs_a_share_or_a_quantity_but_not_both(limits: Limits) -> None:
    base = {"allocatedTo": limits.w.farm, "threshold": limits.budget}
    neither = _refused(limits, Kind.ALLOCATION, base)
    both = _refused(limits, Kind.ALLOCATION, base | {"share": "0.5", "quantity": qty("5", limits.co2)})
    for e in (neither, both):
        assert "exactly one of a vfg:share or a vfg:allocatedQuantity" in _messages(e)


def test_a_quantity_in_another_unit_than_the_thresholds_is_refused_at_any_depth(limits: Limits) -> None:
    top = limits.allocate(limits.region, threshold=limits.budget, share=Decimal(1))
    middle = limits.allocate(limits.w.farm, parent=top, share=Decimal("0.5"))
    for parent in ({"threshold": limits.budget}, {"parent": middle}):
        e = _refused(
            limits,
            Kind.ALLOCATION,
            {"allocatedTo": limits.w.mill, "quantity": qty("5", limits.w.kg)} | parent,
        )
        assert "in the unit of its threshold" in _messages(e)
    # The same quantity in the threshold's unit is accepted.
    limits.allocate(limits.w.mill, parent=middle, quantity=qty("5", limits.co2))


def test_an_allocation_cannot_be_moved_under_its_own_descendant(limits: Limits) -> None:
    top = limits.allocate(limits.region, threshold=limits.budget, share=Decimal(1))
    child = limits.allocate(limits.w.farm, parent=top, share=Decimal("0.5"))
    grandchild = limits.allocate(limits.w.mill, parent=child, share=Decimal("0.5"))

    with pytest.raises(VfgraphError) as e:
        limits.w.ledger.update(Kind.ALLOCATION, {"revisionId": f"{child}@1", "parent": grandchild})

    assert "cannot be nested in itself" in _messages(e.value)


def test_an_allocation_goes_to_an_agent_or_a_resource_specification_only(limits: Limits) -> None:
    e = _refused(
        limits, Kind.ALLOCATION, {"allocatedTo": limits.budget, "threshold": limits.budget, "share": "1"}
    )
    assert "vfg:allocatedTo" in _messages(e)


def test_a_threshold_needs_a_known_type_and_a_resource_specification_as_indicator(limits: Limits) -> None:
    base = {"name": "x", "thresholdType": "ceiling", "value": qty("1", limits.co2), "indicator": limits.ghg}
    sideways = _refused(limits, Kind.THRESHOLD, base | {"thresholdType": "sideways"})
    agent = _refused(limits, Kind.THRESHOLD, base | {"indicator": limits.w.farm})
    no_value = _refused(limits, Kind.THRESHOLD, {k: v for k, v in base.items() if k != "value"})
    bad_period = _refused(limits, Kind.THRESHOLD, base | {"period": "one year"})
    reversed_span = _refused(
        limits,
        Kind.THRESHOLD,
        base | {"hasBeginning": "2027-01-01T00:00:00Z", "hasEnd": "2026-01-01T00:00:00Z"},
    )

    assert "ceiling" in _messages(sideways)
    assert "vf:ResourceSpecification" in _messages(agent)
    assert "vfg:thresholdValue" in _messages(no_value)
    assert "ISO 8601 duration" in _messages(bad_period)
    assert "before vfg:hasEnd" in _messages(reversed_span)


def test_a_threshold_with_allocations_cannot_be_deleted(limits: Limits) -> None:
    limits.allocate(limits.region, threshold=limits.budget, share=Decimal(1))
    with pytest.raises(VfgraphError) as e:
        limits.w.ledger.delete(Kind.THRESHOLD, iri=limits.budget)
    assert e.value.code == "IMMUTABLE"
