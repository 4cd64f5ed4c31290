"""A query costs a bounded number of Cypher statements, whatever the number of items it lists.

Nested selections are batched per request (one statement per kind of relation per level), so listing 30
events with their provider, receiver and resource's specification costs as many statements as listing 5.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.e2e.client import Api
from vfgraph.domain.kinds import Kind

NODE = "provider { name } receiver { name } resourceInventoriedAs { conformsTo { name } }"
TOP_LEVEL = "query ($n: Int!) { economicEvents(last: $n) { edges { node { NODE } } } }"
NESTED = """
query ($agent: ID!, $n: Int!) {
  organization(id: $agent) { economicEventsAsProvider(first: $n) { edges { node { NODE } } } }
}"""


def _statements_for(api: Api, query: str, **variables: object) -> tuple[int, list[dict[str, Any]]]:
    """How many statements one request costs, and the events it listed."""
    api.data("{ __typename }")  # the key check is cached for a few seconds: keep it out of the count
    before = api.statements_run
    data = api.data(query.replace("NODE", NODE), **variables)
    listing = data.get("organization", data)
    (connection,) = listing.values()
    return api.statements_run - before, [e["node"] for e in connection["edges"]]


def test_listing_thirty_events_costs_no_more_statements_than_listing_five(api: Api) -> None:
    ledger = api.ledger
    kg = ledger.create(Kind.UNIT, {"label": "kilogram", "symbol": "kg"})
    seed = ledger.create(Kind.RESOURCE_SPECIFICATION, {"name": "Seed", "defaultUnitOfResource": kg})
    grower = ledger.create(Kind.ORGANIZATION, {"name": "Grower"})
    buyers = [ledger.create(Kind.PERSON, {"name": f"Buyer {n}"}) for n in range(3)]
    for n in range(30):
        ledger.record_event(
            {
                "action": "raise",
                "provider": grower,
                "receiver": buyers[n % 3],
                "hasPointInTime": "2026-10-02T10:00:00Z",
                "resourceConformsTo": seed,
                "resourceQuantity": {"hasNumericalValue": Decimal(n + 1), "hasUnit": kg},
            },
            {"name": f"seed lot {n}"},
        )

    for query, expected in ((TOP_LEVEL, 4), (NESTED, 6)):
        for_five, five = _statements_for(api, query, agent=grower, n=5)
        for_thirty, thirty = _statements_for(api, query, agent=grower, n=30)
        print(f"statements for 5 events: {for_five}, for 30 events: {for_thirty}")
        assert len(five) == 5 and len(thirty) == 30
        assert all(e["resourceInventoriedAs"]["conformsTo"]["name"] == "Seed" for e in thirty)
        assert {e["provider"]["name"] for e in thirty} == {"Grower"}
        assert for_five == for_thirty == expected
