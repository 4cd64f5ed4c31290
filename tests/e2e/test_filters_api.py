"""vf-graphql ``filtering``: the filter arguments of root pages and nested lists select in the statement that
reads the page, so pages stay full, the privacy rule still applies, and a criterion left out selects all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.e2e.client import Api
from vfgraph.domain.kinds import Kind
from vfgraph.services import keys

RECORD = """mutation ($e: EconomicEventCreateParams!) {
  createEconomicEvent(event: $e) { economicEvent { id } } }"""


@dataclass
class Market:
    api: Api
    farm: str
    mill: str
    kg: str
    grain: str
    events: dict[str, str]

    def event(self, key: str, **fields: Any) -> str:
        event = {
            "provider": self.farm,
            "receiver": self.farm,
            "resourceConformsTo": self.grain,
            "resourceQuantity": {"hasNumericalValue": "1", "hasUnit": self.kg},
            **fields,
        }
        iri = str(self.api.data(RECORD, e=event)["createEconomicEvent"]["economicEvent"]["id"])
        self.events[key] = iri
        return iri


@pytest.fixture
def market(api: Api) -> Market:
    ledger = api.ledger
    farm = ledger.create(
        Kind.ORGANIZATION, {"name": "Filter Farm", "classifiedAs": ["https://example.org/farm"]}
    )
    mill = ledger.create(Kind.ORGANIZATION, {"name": "Filter Mill"})
    kg = ledger.create(Kind.UNIT, {"label": "kilogram", "symbol": "kg"})
    grain = ledger.create(Kind.RESOURCE_SPECIFICATION, {"name": "Filter grain"})
    m = Market(api, farm, mill, kg, grain, {})
    m.event("raise-sept", action="raise", hasPointInTime="2026-09-01T10:00:00Z", note="first harvest")
    m.event("raise-oct", action="raise", hasPointInTime="2026-10-01T10:00:00.250000Z")
    m.event("produce-oct", action="produce", hasPointInTime="2026-10-02T10:00:00Z")
    m.event(
        "service-nov",
        action="deliverService",
        receiver=mill,
        hasPointInTime="2026-11-05T10:00:00Z",
        resourceClassifiedAs=["https://example.org/organic"],
    )
    return m


def _ids(connection: dict[str, Any]) -> list[str]:
    return [e["node"]["id"] for e in connection["edges"]]


AGENT_EVENTS = """query ($a: ID!, $f: AgentEventFilterParams, $n: Int) { agent(id: $a) {
  economicEvents(filter: $f, first: $n) { edges { node { id } } pageInfo { hasNextPage } } } }"""


def test_an_agents_events_are_filtered_by_action_and_time(market: Market) -> None:
    api, e = market.api, market.events
    raises = api.data(AGENT_EVENTS, a=market.farm, f={"action": "raise"})["agent"]["economicEvents"]
    assert _ids(raises) == [e["raise-sept"], e["raise-oct"]]
    # Times compare exactly, whatever the stored precision: 10:00:00.25 is after 10:00:00.
    october = {"startDate": "2026-10-01T10:00:00Z", "endDate": "2026-10-31T00:00:00Z"}
    found = api.data(AGENT_EVENTS, a=market.farm, f=october)["agent"]["economicEvents"]
    assert _ids(found) == [e["raise-oct"], e["produce-oct"]]
    later = api.data(AGENT_EVENTS, a=market.farm, f={"startDate": "2026-10-01T10:00:00.5Z"})["agent"]
    assert _ids(later["economicEvents"]) == [e["produce-oct"], e["service-nov"]]
    text = api.data(AGENT_EVENTS, a=market.farm, f={"searchString": "HARVEST"})["agent"]["economicEvents"]
    assert _ids(text) == [e["raise-sept"]]


def test_a_filtered_page_is_full_and_says_there_is_more(market: Market) -> None:
    api, e = market.api, market.events
    page = api.data(AGENT_EVENTS, a=market.farm, f={"startDate": "2026-09-15T00:00:00Z"}, n=2)["agent"]
    assert _ids(page["economicEvents"]) == [e["raise-oct"], e["produce-oct"]]
    assert page["economicEvents"]["pageInfo"]["hasNextPage"] is True


def test_root_pages_take_vf_graphqls_filters(market: Market) -> None:
    api, e = market.api, market.events
    query = """query ($f: EconomicEventFilterParams) { economicEvents(filter: $f, last: 50) {
                 edges { node { id } } } }"""
    to_mill = api.data(query, f={"receiverId": [market.mill], "providerId": [market.farm]})["economicEvents"]
    assert _ids(to_mill) == [e["service-nov"]]
    organic = {
        "resourceClassifiedAs": ["https://example.org/organic"],
        "action": ["deliverService"],
        "providerId": [market.farm],  # other tests' markets have organic services too
    }
    assert _ids(api.data(query, f=organic)["economicEvents"]) == [e["service-nov"]]
    farms = api.data(
        """query ($f: AgentFilterParams) { organizations(filter: $f, last: 50) { edges { node { id } } }
             people(filter: $f, last: 50) { edges { node { id } } } }""",
        f={"classifiedAs": ["https://example.org/farm"]},
    )
    assert market.farm in _ids(farms["organizations"]) and market.mill not in _ids(farms["organizations"])
    assert farms["people"]["edges"] == []  # people have no classification


def test_a_process_lists_only_the_flows_a_filter_selects(market: Market) -> None:
    api, ledger = market.api, market.api.ledger
    process = ledger.create(Kind.PROCESS, {"name": "Filtered milling", "finished": True})
    market.event("in-farm", action="consume", inputOf=process, hasPointInTime="2026-12-01T10:00:00Z")
    market.event(
        "in-mill", action="consume", inputOf=process, provider=market.mill, receiver=market.mill,
        hasPointInTime="2026-12-01T11:00:00Z",
    )  # fmt: skip
    read = api.data(
        """query ($p: ID!, $f: ProcessEventFilterParams) { process(id: $p) {
             all: observedInputs { id } mill: observedInputs(filter: $f) { id } } }""",
        p=process,
        f={"providerId": [market.mill]},
    )["process"]
    assert len(read["all"]) == 2 and read["mill"] == [{"id": market.events["in-mill"]}]
    finished = api.data(
        """query ($f: ProcessFilterParams) { processes(filter: $f, last: 100) { edges { node { id } } } }""",
        f={"finished": True, "searchString": "filtered"},
    )["processes"]
    assert process in _ids(finished)
    unfinished = api.data(
        """query ($f: ProcessFilterParams) { processes(filter: $f, last: 100) { edges { node { id } } } }""",
        f={"finished": False, "searchString": "filtered"},
    )["processes"]
    assert process not in _ids(unfinished)


def test_filters_keep_the_privacy_rule(market: Market) -> None:
    api, ledger = market.api, market.api.ledger
    hidden = market.event("private", action="raise", hasPointInTime="2026-12-24T10:00:00Z", private=True)
    outsider_agent = ledger.create(Kind.PERSON, {"name": "Outsider"})
    outsider = api.with_key(keys.create(ledger, agent=outsider_agent, name="outsider").token)
    query = """query ($f: EconomicEventFilterParams) { economicEvents(filter: $f, last: 50) {
                 edges { node { id } } } }"""
    december = {"startDate": "2026-12-24T00:00:00Z", "providerId": [market.farm]}
    assert _ids(outsider.data(query, f=december)["economicEvents"]) == []
    assert _ids(api.data(query, f=december)["economicEvents"]) == [hidden]


def test_proposals_are_filtered_as_offers_requests_and_open_ones(market: Market) -> None:
    api, ledger = market.api, market.api.ledger
    offer = ledger.create(Kind.PROPOSAL, {"name": "Grain for sale"})
    intent = ledger.create(
        Kind.INTENT, {"action": "transfer", "provider": market.farm, "resourceConformsTo": market.grain}
    )
    ledger.create(Kind.PROPOSED_INTENT, {"publishedIn": offer, "publishes": intent})
    closed = ledger.create(
        Kind.PROPOSAL, {"name": "Old offer", "hasEnd": "2020-01-01T00:00:00Z", "inScopeOf": [market.farm]}
    )
    query = (
        """query ($f: ProposalFilterParams) { proposals(filter: $f, last: 100) { edges { node { id } } } }"""
    )
    offers = _ids(api.data(query, f={"isOffer": True})["proposals"])
    assert offer in offers and closed not in offers  # a proposal with no intent is neither
    assert offer not in _ids(api.data(query, f={"isRequest": True})["proposals"])
    inactive = _ids(api.data(query, f={"active": False})["proposals"])
    assert closed in inactive and offer not in inactive
    assert _ids(api.data(query, f={"inScopeOf": [market.farm]})["proposals"]) == [closed]


def test_a_plan_is_finished_when_everything_planned_within_it_is(market: Market) -> None:
    api, ledger = market.api, market.api.ledger
    done = ledger.create(Kind.PLAN, {"name": "Done plan", "inScopeOf": [market.mill]})
    ledger.create(Kind.PROCESS, {"name": "Done step", "plannedWithin": done, "finished": True})
    open_plan = ledger.create(Kind.PLAN, {"name": "Open plan", "inScopeOf": [market.mill]})
    ledger.create(Kind.PROCESS, {"name": "Open step", "plannedWithin": open_plan})
    query = """query ($a: ID!, $f: AgentPlanFilterParams) { agent(id: $a) { plans(filter: $f) {
                 edges { node { id } } } } }"""
    finished = api.data(query, a=market.mill, f={"finished": True})["agent"]["plans"]
    unfinished = api.data(query, a=market.mill, f={"finished": False})["agent"]["plans"]
    assert _ids(finished) == [done] and _ids(unfinished) == [open_plan]
