"""The demo supply chain loads once; loading it again writes nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from tests.neo4j.world import COUNT_RECORDS
from vfgraph.domain.signals import ProposalFilter
from vfgraph.services.demo import load_demo
from vfgraph.services.ledger import Ledger
from vfgraph.services.signals import matches, open_proposals
from vfgraph.services.thresholds import context_assessment, supply_chain_assessment
from vfgraph.services.tracing import footprint
from vfgraph.store.reads import Window


def test_loading_the_demo_twice_writes_nothing_the_second_time(ledger: Ledger) -> None:
    load_demo(ledger)
    before = ledger.store.rows(COUNT_RECORDS)[0]["n"]
    assert "0 records written" in load_demo(ledger)
    assert ledger.store.rows(COUNT_RECORDS)[0]["n"] == before


def test_the_demo_mill_produced_160_kg_of_flour_that_it_owns(ledger: Ledger) -> None:
    load_demo(ledger)
    produce = ledger.settings.base_iri + "demo/economic-event/milling-flour"
    rows = ledger.store.rows(
        "MATCH (e:EconomicEvent {id: $id})-[:RESOURCE_INVENTORIED_AS]->(r)-[:PRIMARY_ACCOUNTABLE]->(a) "
        "RETURN e.action AS action, e.resourceQuantityValue AS q, a.name AS owner",
        {"id": produce},
    )
    assert rows == [{"action": "produce", "q": "160", "owner": "Stone Mill"}]


def test_the_demo_flour_carries_the_worked_examples_footprint(ledger: Ledger) -> None:
    load_demo(ledger)
    demo = ledger.settings.base_iri + "demo/"
    ghg, water = demo + "resource-specification/ghg-emissions", demo + "resource-specification/blue-water"
    result = footprint(ledger, demo + "economic-resource/milling-flour", [ghg, water])
    assert result.footprint.per_unit == {ghg: Decimal("0.25"), water: Decimal("0.025")}


def test_the_demo_farm_overshoots_its_share_of_the_regional_co2e_budget(ledger: Ledger) -> None:
    load_demo(ledger)
    demo = ledger.settings.base_iri + "demo/"
    ghg = demo + "resource-specification/ghg-emissions"
    year = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))

    def verdict(org: str) -> list[tuple[Decimal, Decimal | None, str]]:
        found = context_assessment(ledger, demo + "organization/" + org, *year, [ghg])
        return [(a.actual, a.allocated, a.status.value) for a in found]

    assert verdict("green-valley-farm") == [(Decimal(50), Decimal(40), "overshoot")]
    assert verdict("road-carriers") == [(Decimal(20), Decimal(30), "within")]
    assert verdict("stone-mill") == [(Decimal(12), Decimal(30), "within")]
    flour = supply_chain_assessment(ledger, demo + "economic-resource/milling-flour", ghg)
    assert [(a.actual, a.allocated, a.status.value) for a in flour.assessments] == [
        (Decimal("0.25"), Decimal("0.3"), "within")
    ]


def test_the_demo_lists_the_bakerys_flour_request_and_the_farms_grain_offer(ledger: Ledger) -> None:
    load_demo(ledger)
    demo = ledger.settings.base_iri + "demo/"
    when = datetime(2026, 10, 1, tzinfo=UTC)
    flour_only = ProposalFilter(specs=(demo + "resource-specification/flour",))
    requests = open_proposals(ledger, "request", flour_only, Window(limit=100), now=when)
    offers = open_proposals(ledger, "offer", ProposalFilter(), Window(limit=100), now=when)
    assert demo + "proposal/flour-wanted" in requests.items
    assert demo + "proposal/grain-offered" in offers.items


def test_the_demo_mill_is_matched_first_with_the_flour_it_holds(ledger: Ledger) -> None:
    load_demo(ledger)
    demo = ledger.settings.base_iri + "demo/"
    found = matches(ledger, demo + "organization/stone-mill", now=datetime(2026, 10, 1, tzinfo=UTC))
    assert found and found[0].request.id == demo + "intent/flour-wanted"
    assert found[0].score == max(m.score for m in found)


def test_the_demo_bread_plan_nets_the_flour_the_mill_holds(ledger: Ledger) -> None:
    load_demo(ledger)
    demo = ledger.settings.base_iri + "demo/"
    rows = ledger.store.rows(
        "MATCH (p:Plan {id: $plan}) "
        "RETURN p.name AS name, "
        "COUNT { (p)<-[:PLANNED_WITHIN]-(:Process) } AS processes, "
        "[(p)<-[:INDEPENDENT_DEMAND_OF]-(c:Commitment) | c.resourceQuantityValue] AS demand",
        {"plan": demo + "plan/bread-for-corner-bakery"},
    )
    # Baking only: the 60 kg of flour it needs come from the mill's 160 kg on hand, so nothing is milled.
    assert rows == [{"name": "Bread for Corner Bakery", "processes": 1, "demand": ["100"]}]


def test_the_demo_flour_income_is_shared_between_the_farm_hand_and_the_miller(ledger: Ledger) -> None:
    load_demo(ledger)
    income = ledger.settings.base_iri + "demo/economic-event/flour-payment"
    rows = ledger.store.rows(
        "MATCH (c:Claim)-[:TRIGGERED_BY]->(:EconomicEvent {id: $id}), (c)-[:RECEIVER]->(a) "
        "RETURN a.name AS who, c.resourceQuantityValue AS eur ORDER BY who",
        {"id": income},
    )
    assert rows == [{"who": "Ana Miller", "eur": "124"}, {"who": "Tom Field", "eur": "156"}]
