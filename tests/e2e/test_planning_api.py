"""The planning modules over GraphQL: commitments and their fulfilment, intents and their satisfaction,
proposals (offers and requests), plans and agreements, and who may write them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.e2e.client import Api
from vfgraph.domain.kinds import Kind
from vfgraph.services import keys

EVENT = """
mutation ($e: EconomicEventCreateParams!, $r: EconomicResourceCreateParams) {
  createEconomicEvent(event: $e, newInventoriedResource: $r) { economicEvent { id } economicResource { id } }
}"""
COMMIT = """
mutation ($c: CommitmentCreateParams!) { createCommitment(commitment: $c) { commitment { id } } }"""
INTEND = "mutation ($i: IntentCreateParams!) { createIntent(intent: $i) { intent { id } } }"
FULFIL = """
mutation ($f: FulfillmentCreateParams!) {
  createFulfillment(fulfillment: $f) { fulfillment { id resourceQuantity { hasNumericalValue } } }
}"""
SATISFY = """
mutation ($s: SatisfactionCreateParams!) { createSatisfaction(satisfaction: $s) { satisfaction { id } } }"""
PROPOSE = "mutation ($p: ProposalCreateParams!) { createProposal(proposal: $p) { proposal { id } } }"
PUBLISH = """
mutation ($p: ID!, $i: ID!, $r: Boolean) {
  proposeIntent(publishedIn: $p, publishes: $i, reciprocal: $r) { proposedIntent { id reciprocal } }
}"""
COUNT = "MATCH (n:Record) WHERE n:Commitment OR n:Fulfillment OR n:Intent OR n:Proposal RETURN count(n) AS n"


@dataclass
class Market:
    api: Api
    farm: str
    mill: str
    kg: str
    hour: str
    grain: str

    def q(self, value: str, unit: str | None = None) -> dict[str, Any]:
        return {"hasNumericalValue": value, "hasUnit": unit or self.kg}

    def commit(self, value: str = "10", api: Api | None = None, **extra: Any) -> str:
        c = {
            "action": "transfer",
            "provider": self.farm,
            "receiver": self.mill,
            "resourceConformsTo": self.grain,
            "resourceQuantity": self.q(value),
            **extra,
        }
        return str((api or self.api).data(COMMIT, c=c)["createCommitment"]["commitment"]["id"])

    def intend(self, api: Api | None = None, **fields: Any) -> str:
        i = {"action": "transfer", "resourceConformsTo": self.grain, **fields}
        return str((api or self.api).data(INTEND, i=i)["createIntent"]["intent"]["id"])

    def lot(self, value: str) -> str:
        e = {
            "action": "raise",
            "provider": self.farm,
            "receiver": self.farm,
            "resourceConformsTo": self.grain,
            "resourceQuantity": self.q(value),
        }
        data = self.api.data(EVENT, e=e, r={"name": "grain lot"})
        return str(data["createEconomicEvent"]["economicResource"]["id"])

    def deliver(self, lot: str, value: str, **extra: Any) -> str:
        e = {
            "action": "transfer",
            "provider": self.farm,
            "receiver": self.mill,
            "resourceInventoriedAs": lot,
            "resourceQuantity": self.q(value),
            **extra,
        }
        data = self.api.data(EVENT, e=e, r={"name": "delivered"})
        return str(data["createEconomicEvent"]["economicEvent"]["id"])

    def proposal(self, api: Api | None = None, **fields: Any) -> str:
        return str((api or self.api).data(PROPOSE, p=fields)["createProposal"]["proposal"]["id"])

    def count(self) -> int:
        n: int = self.api.ledger.store.rows(COUNT)[0]["n"]
        return n


@pytest.fixture
def market(api: Api) -> Market:
    c = api.ledger.create
    kg = c(Kind.UNIT, {"label": "kilogram", "symbol": "kg"})
    return Market(
        api=api,
        farm=c(Kind.ORGANIZATION, {"name": "Green Farm"}),
        mill=c(Kind.ORGANIZATION, {"name": "Stone Mill"}),
        kg=kg,
        hour=c(Kind.UNIT, {"label": "hour", "symbol": "h"}),
        grain=c(Kind.RESOURCE_SPECIFICATION, {"name": "grain", "defaultUnitOfResource": kg}),
    )


def test_a_commitment_fulfilled_by_two_events_reads_finished_with_nothing_remaining(market: Market) -> None:
    promise = market.commit("10")
    lot = market.lot("20")
    first, second = market.deliver(lot, "4"), market.deliver(lot, "6")
    f = {"fulfilledBy": first, "fulfills": promise, "resourceQuantity": market.q("4")}
    market.api.data(FULFIL, f=f)
    made = market.api.data(FULFIL, f={"fulfilledBy": second, "fulfills": promise})
    assert made["createFulfillment"]["fulfillment"]["resourceQuantity"] == {"hasNumericalValue": "6"}

    read = market.api.data(
        """query ($c: ID!, $e: ID!, $farm: ID!) {
             commitment(id: $c) {
               finished action { id } provider { id } receiver { id } deletable
               fulfilledQuantity { hasNumericalValue hasUnit { id } }
               remainingQuantity { hasNumericalValue hasUnit { id } }
               fulfilledBy { fulfilledBy { id } resourceQuantity { hasNumericalValue } }
             }
             economicEvent(id: $e) { fulfills { fulfills { id } } }
             agent(id: $farm) { commitmentsAsProvider(last: 5) { edges { node { id } } } }
           }""",
        c=promise,
        e=second,
        farm=market.farm,
    )
    c = read["commitment"]
    assert c["finished"] is True and c["deletable"] is False
    parties = (c["action"]["id"], c["provider"]["id"], c["receiver"]["id"])
    assert parties == ("transfer", market.farm, market.mill)
    assert c["fulfilledQuantity"] == {"hasNumericalValue": "10", "hasUnit": {"id": market.kg}}
    assert c["remainingQuantity"] == {"hasNumericalValue": "0", "hasUnit": {"id": market.kg}}
    assert sorted(f["fulfilledBy"]["id"] for f in c["fulfilledBy"]) == sorted([first, second])
    assert read["economicEvent"]["fulfills"] == [{"fulfills": {"id": promise}}]
    edges = read["agent"]["commitmentsAsProvider"]["edges"]
    assert [e["node"]["id"] for e in edges] == [promise]


def test_an_intent_satisfied_partly_by_a_commitment_shows_what_remains(market: Market) -> None:
    want = market.intend(receiver=market.mill, resourceQuantity=market.q("10"))
    promise = market.commit("4")
    market.api.data(SATISFY, s={"satisfies": want, "satisfiedBy": promise})
    read = market.api.data(
        """query ($i: ID!, $c: ID!) {
             intent(id: $i) {
               finished provider { id } receiver { id }
               satisfiedQuantity { hasNumericalValue }
               remainingQuantity { hasNumericalValue hasUnit { id } }
               satisfiedBy { satisfiedBy { __typename ... on Commitment { id } } }
             }
             commitment(id: $c) { satisfies { satisfies { id } } }
           }""",
        i=want,
        c=promise,
    )
    i = read["intent"]
    assert not i["finished"] and i["provider"] is None and i["receiver"] == {"id": market.mill}
    assert i["satisfiedQuantity"] == {"hasNumericalValue": "4"}
    assert i["remainingQuantity"] == {"hasNumericalValue": "6", "hasUnit": {"id": market.kg}}
    assert i["satisfiedBy"] == [{"satisfiedBy": {"__typename": "Commitment", "id": promise}}]
    assert read["commitment"]["satisfies"] == [{"satisfies": {"id": want}}]


def test_a_fulfillment_in_another_unit_is_refused_with_unit_mismatch(market: Market) -> None:
    promise = market.commit("10")
    event = market.deliver(market.lot("5"), "5")
    before = market.count()
    f = {"fulfilledBy": event, "fulfills": promise, "resourceQuantity": market.q("5", market.hour)}
    errors = market.api.errors(FULFIL, f=f)
    assert errors[0]["extensions"]["code"] == "UNIT_MISMATCH"
    assert market.count() == before


def test_a_proposal_publishes_primary_and_reciprocal_intents_and_is_addressed(market: Market) -> None:
    offer = market.proposal(name="grain for sale", unitBased=True)
    grain = market.intend(provider=market.farm, resourceQuantity=market.q("50"))
    payment = market.intend(action="transfer", receiver=market.farm, resourceQuantity=market.q("1"))
    primary = market.api.data(PUBLISH, p=offer, i=grain)["proposeIntent"]["proposedIntent"]
    reciprocal = market.api.data(PUBLISH, p=offer, i=payment, r=True)["proposeIntent"]["proposedIntent"]
    assert primary["reciprocal"] is None and reciprocal["reciprocal"] is True
    market.api.data(
        "mutation ($p: ID!, $a: ID!) { proposeTo(proposed: $p, proposedTo: $a) { proposedTo { id } } }",
        p=offer,
        a=market.mill,
    )
    read = market.api.data(
        """query ($p: ID!, $i: ID!, $mill: ID!) {
             proposal(id: $p) {
               name unitBased
               primaryIntents { id } reciprocalIntents { id }
               publishes { reciprocal publishes { id } publishedIn { id } }
               publishedTo { proposedTo { id } proposed { id } }
             }
             intent(id: $i) { publishedIn { publishedIn { id } } }
             agent(id: $mill) { proposalsTo { edges { node { id } } } }
           }""",
        p=offer,
        i=grain,
        mill=market.mill,
    )
    p = read["proposal"]
    assert (p["name"], p["unitBased"]) == ("grain for sale", True)
    assert p["primaryIntents"] == [{"id": grain}] and p["reciprocalIntents"] == [{"id": payment}]
    published = {(x["publishes"]["id"], x["reciprocal"]) for x in p["publishes"]}
    assert published == {(grain, None), (payment, True)}
    assert p["publishedTo"] == [{"proposedTo": {"id": market.mill}, "proposed": {"id": offer}}]
    assert read["intent"]["publishedIn"] == [{"publishedIn": {"id": offer}}]
    assert read["agent"]["proposalsTo"]["edges"] == [{"node": {"id": offer}}]

    # Taking an intent back out of the proposal.
    revision = market.api.data("query ($i: ID!) { intent(id: $i) { publishedIn { revisionId } } }", i=payment)
    taken = revision["intent"]["publishedIn"][0]["revisionId"]
    assert market.api.data("mutation ($r: ID!) { deleteProposedIntent(revisionId: $r) }", r=taken)
    again = market.api.data("query ($p: ID!) { proposal(id: $p) { reciprocalIntents { id } } }", p=offer)
    assert again["proposal"]["reciprocalIntents"] == []


def test_offers_and_requests_list_the_open_proposals_of_each_side(market: Market) -> None:
    def published(intent: str, **proposal: Any) -> str:
        p = market.proposal(**proposal)
        market.api.data(PUBLISH, p=p, i=intent)
        return p

    offer = published(market.intend(provider=market.farm), name="offer")
    request = published(market.intend(receiver=market.mill), name="request")
    ended = published(market.intend(provider=market.farm), name="ended", hasEnd="2000-01-01T00:00:00Z")
    both = published(market.intend(provider=market.farm, receiver=market.mill), name="both")
    empty = market.proposal(name="nothing published")

    page = market.api.data(
        """{ offers(last: 100) { edges { node { id } } }
             requests(last: 100) { edges { node { id } } } }"""
    )
    offers = {e["node"]["id"] for e in page["offers"]["edges"]}
    requests = {e["node"]["id"] for e in page["requests"]["edges"]}
    assert offer in offers and offer not in requests
    assert request in requests and request not in offers
    assert not {ended, both, empty} & (offers | requests)


def test_plans_and_agreements_gather_their_processes_commitments_and_events(market: Market) -> None:
    api = market.api
    plan = api.data('mutation { createPlan(plan: {name: "harvest"}) { plan { id name deletable } } }')
    season = plan["createPlan"]["plan"]["id"]
    deal = api.data('mutation { createAgreement(agreement: {name: "deal"}) { agreement { id } } }')[
        "createAgreement"
    ]["agreement"]["id"]
    process = api.data(
        "mutation ($p: ProcessCreateParams!) { createProcess(process: $p) { process { id } } }",
        p={"name": "milling", "plannedWithin": season},
    )["createProcess"]["process"]["id"]
    consume = market.commit("3", action="consume", inputOf=process, plannedWithin=season, clauseOf=deal)
    demand = market.commit("1", independentDemandOf=season, plannedWithin=season)
    intended = market.intend(action="produce", provider=market.mill, outputOf=process)
    unplanned = market.deliver(market.lot("2"), "2", realizationOf=deal)
    lot = market.lot("9")
    used, extra = (
        api.data(
            EVENT,
            e={
                "action": "consume",
                "provider": market.farm,
                "receiver": market.farm,
                "inputOf": process,
                "resourceInventoriedAs": lot,
                "resourceQuantity": market.q(value),
            },
        )["createEconomicEvent"]["economicEvent"]["id"]
        for value in ("3", "1")
    )
    api.data(FULFIL, f={"fulfilledBy": used, "fulfills": consume})

    read = api.data(
        """query ($plan: ID!, $deal: ID!, $process: ID!, $e: ID!) {
             plan(id: $plan) {
               deletable processes { id } nonProcessCommitments { id } independentDemands { id }
               involvedAgents { edges { node { id } } }
             }
             agreement(id: $deal) {
               commitments { id } economicEvents { id } unplannedEconomicEvents { id }
               involvedAgents { edges { node { id } } }
             }
             process(id: $process) {
               plannedWithin { id } committedInputs { id } intendedOutputs { id } deletable
               observedInputs { id } unplannedInputs { id }
             }
             economicEvent(id: $e) { realizationOf { id } }
           }""",
        plan=season,
        deal=deal,
        process=process,
        e=unplanned,
    )
    p = read["plan"]
    assert p["deletable"] is False and p["processes"] == [{"id": process}]
    assert p["nonProcessCommitments"] == [{"id": demand}] and p["independentDemands"] == [{"id": demand}]
    assert {e["node"]["id"] for e in p["involvedAgents"]["edges"]} == {market.farm, market.mill}
    a = read["agreement"]
    assert a["commitments"] == [{"id": consume}]
    assert a["economicEvents"] == a["unplannedEconomicEvents"] == [{"id": unplanned}]
    pr = read["process"]
    assert pr["plannedWithin"] == {"id": season} and pr["committedInputs"] == [{"id": consume}]
    assert pr["intendedOutputs"] == [{"id": intended}] and pr["deletable"] is False
    # An input that fulfils a commitment is planned; the other one is not.
    assert {e["id"] for e in pr["observedInputs"]} == {used, extra}
    assert pr["unplannedInputs"] == [{"id": extra}]
    assert read["economicEvent"]["realizationOf"] == {"id": deal}


def test_agents_may_not_plan_for_others_and_private_commitments_stay_private(market: Market) -> None:
    ledger = market.api.ledger
    farm = market.api.with_key(keys.create(ledger, agent=market.farm, name="farm").token)
    outsider_org = ledger.create(Kind.ORGANIZATION, {"name": "Outsider"})
    outsider = market.api.with_key(keys.create(ledger, agent=outsider_org, name="outsider").token)

    before = market.count()
    c = {"action": "transfer", "provider": market.farm, "receiver": market.mill}
    assert outsider.errors(COMMIT, c=c)[0]["extensions"]["code"] == "FORBIDDEN"
    i = {"action": "transfer", "provider": market.farm}
    assert outsider.errors(INTEND, i=i)[0]["extensions"]["code"] == "FORBIDDEN"
    assert market.api.with_key(None).errors(PROPOSE, p={"name": "x"})[0]["extensions"]["code"] == (
        "UNAUTHENTICATED"
    )
    assert market.count() == before

    secret = market.commit("5", api=farm, private=True)
    promise = market.commit("5", api=farm)
    event = market.deliver(market.lot("5"), "5")
    f = {"fulfilledBy": event, "fulfills": promise}
    assert outsider.errors(FULFIL, f=f)[0]["extensions"]["code"] == "FORBIDDEN"
    farm.data(FULFIL, f=f)

    query = "query ($id: ID!) { commitment(id: $id) { id } }"
    assert outsider.data(query, id=secret)["commitment"] is None
    assert farm.data(query, id=secret)["commitment"] == {"id": secret}
