"""Claims and contribution accounting through GraphQL: equation, preview, recorded claims, settlement."""

from __future__ import annotations

from typing import Any

from tests.e2e.client import Api
from tests.neo4j.contribution_chain import sold_flour
from tests.neo4j.world import World, qty
from vfgraph.services import keys

CREATE_EQUATION = """
mutation ($e: ValueEquationCreateParams!) {
  createValueEquation(equation: $e) {
    valueEquation { id name buckets { position share weighting fixedWeight actions { id } } }
  }
}"""

PREVIEW = """
query ($income: ID!, $equation: ID!) {
  distributionPreview(income: $income, equation: $equation) {
    total { hasNumericalValue hasUnit { symbol } }
    distributed { hasNumericalValue }
    undistributed { hasNumericalValue }
    shares {
      agent { id name }
      amount { hasNumericalValue }
      hiddenContributions
      contributions { event { id action { id } } bucket { position } weight { hasNumericalValue } }
    }
  }
}"""

RECORD = """
mutation ($income: ID!, $equation: ID!) {
  recordDistribution(income: $income, equation: $equation, as: CLAIMS) {
    valueDistribution { id distributedAs distributes { id } followsEquation { id } }
    claims {
      id revisionId action { id } finished
      provider { id } receiver { name }
      resourceQuantity { hasNumericalValue }
      remainingQuantity { hasNumericalValue }
      triggeredBy { id }
      resourceConformsTo { id name claims { edges { node { id } } } }
    }
  }
}"""

EQUATION = {
    "name": "hours and heads",
    "buckets": [
        {"share": "0.7", "actions": ["work"], "weighting": "effort"},
        {"share": "0.3", "actions": ["work"], "weighting": "fixed", "fixedWeight": "1"},
    ],
}


def test_an_income_is_previewed_recorded_as_claims_and_a_claim_is_settled(api: Api, world: World) -> None:
    chain = sold_flour(world)
    mill = api.with_key(keys.create(world.ledger, agent=world.mill, name="mill").token)

    equation = mill.data(CREATE_EQUATION, e=EQUATION)["createValueEquation"]["valueEquation"]
    assert [b["share"] for b in equation["buckets"]] == ["0.7", "0.3"]
    assert equation["buckets"][1]["weighting"] == "fixed"
    assert equation["buckets"][0]["actions"] == [{"id": "work"}]

    preview = mill.data(PREVIEW, income=chain.income, equation=equation["id"])["distributionPreview"]
    assert preview["total"] == {"hasNumericalValue": "100", "hasUnit": {"symbol": "EUR"}}
    assert preview["undistributed"] == {"hasNumericalValue": "0"}
    got = {s["agent"]["name"]: s["amount"]["hasNumericalValue"] for s in preview["shares"]}
    assert got == {"Ann": "45", "Bob": "21.67", "Cy": "33.33"}
    bob = next(s for s in preview["shares"] if s["agent"]["name"] == "Bob")
    assert {(c["bucket"]["position"], c["weight"]["hasNumericalValue"]) for c in bob["contributions"]} == {
        (0, "2"),
        (1, "1"),
    }

    recorded = mill.data(RECORD, income=chain.income, equation=equation["id"])["recordDistribution"]
    assert recorded["valueDistribution"]["distributedAs"] == "CLAIMS"
    by_name = {c["receiver"]["name"]: c for c in recorded["claims"]}
    assert by_name["Cy"]["resourceQuantity"] == {"hasNumericalValue": "33.33"}
    assert by_name["Cy"]["remainingQuantity"] == {"hasNumericalValue": "33.33"}
    assert by_name["Cy"]["provider"] == {"id": world.mill}
    assert by_name["Cy"]["triggeredBy"] == {"id": chain.income}
    euros = by_name["Cy"]["resourceConformsTo"]  # what the income moved: the bakery's euros
    assert euros["name"] == "euros"
    assert {e["node"]["id"] for e in euros["claims"]["edges"]} == {c["id"] for c in recorded["claims"]}

    again = mill.errors(RECORD, income=chain.income, equation=equation["id"])
    assert again[0]["extensions"]["code"] == "ALREADY_DISTRIBUTED"

    # The mill pays Cy in two parts; the claim is then finished.
    claim = by_name["Cy"]["id"]
    for amount in ("30", "3.33"):
        paid, _ = world.ledger.record_event(
            {"action": "transfer", "provider": world.mill, "receiver": chain.cy}
            | {"resourceInventoriedAs": chain.mill_cash, "resourceQuantity": qty(amount, chain.eur)},
            {"name": "Cy's wages"},
        )
        settled = mill.data(
            """mutation ($s: SettlementCreateParams!) {
                 createSettlement(settlement: $s) {
                   settlement { resourceQuantity { hasNumericalValue } settledBy { id }
                                settles { finished remainingQuantity { hasNumericalValue } } } } }""",
            s={"settles": claim, "settledBy": paid},
        )["createSettlement"]["settlement"]
        assert settled["settledBy"] == {"id": paid}
        assert settled["resourceQuantity"] == {"hasNumericalValue": amount}
    assert settled["settles"] == {"finished": True, "remainingQuantity": {"hasNumericalValue": "0"}}

    read: dict[str, Any] = api.data(
        """query ($id: ID!, $cy: ID!, $paid: ID!) {
             claim(id: $id) { settledQuantity { hasNumericalValue } settledBy { edges { node { id } } } }
             person(id: $cy) {
               claimRecordsAsReceiver { edges { node { id } } }
               claimRecords { edges { node { id } } }
               claims { edges { node { id } } }
             }
             economicEvent(id: $paid) { settles { settles { id } } }
           }""",
        id=claim,
        cy=chain.cy,
        paid=paid,
    )
    assert read["claim"]["settledQuantity"] == {"hasNumericalValue": "33.33"}
    assert len(read["claim"]["settledBy"]["edges"]) == 2
    assert read["person"]["claimRecordsAsReceiver"]["edges"] == [{"node": {"id": claim}}]
    assert read["person"]["claimRecords"]["edges"] == [{"node": {"id": claim}}]
    # The reference types Agent.claims as an intent connection; vfgraph keeps that shape and answers it empty.
    assert read["person"]["claims"]["edges"] == []
    assert read["economicEvent"]["settles"] == [{"settles": {"id": claim}}]


def test_someone_outside_the_income_may_not_record_its_distribution(api: Api, world: World) -> None:
    chain = sold_flour(world)
    carrier = api.with_key(keys.create(world.ledger, agent=world.carrier, name="carrier").token)
    equation = carrier.data(CREATE_EQUATION, e=EQUATION)["createValueEquation"]["valueEquation"]
    errors = carrier.errors(RECORD, income=chain.income, equation=equation["id"])
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    bad = dict(EQUATION, buckets=[{"share": "1.2", "actions": ["work"], "weighting": "effort"}])
    assert carrier.errors(CREATE_EQUATION, e=bad)[0]["extensions"]["code"] == "SHACL_VIOLATION"
