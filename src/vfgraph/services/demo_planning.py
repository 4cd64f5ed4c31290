"""The demo's open signals and plan: what a partner sees when it asks what is needed and offered.

- Corner Bakery asks for 100 kg of flour by mid-October (a request: its intent names a receiver and no
  provider). Stone Mill holds 160 kg of flour, so ``matches(agent: <Stone Mill>)`` ranks it first.
- Green Valley Farm offers the 300 kg of grain it still holds, for 0.40 EUR a kilogram (an offer: its
  primary intent names a provider and no receiver; the payment it expects is the reciprocal intent).
- Stone Mill plans 100 kg of bread for Corner Bakery from the demo recipes (``planFromRecipe``): the 60 kg of
  flour the baking needs are netted against the mill's flour on hand, so nothing is milled.

Written through :class:`vfgraph.services.demo_records.DemoRecords`: fixed IRIs, nothing written twice.
"""

from __future__ import annotations

from vfgraph.domain.kinds import Kind
from vfgraph.services.demo_records import DemoRecords, quantity
from vfgraph.services.planning_recipes import plan_from_recipe


def load_signals(demo: DemoRecords) -> None:
    """Write the demo's offer, request and plan if they are not there yet (the rest of the demo must be)."""
    record, iri = demo.record, demo.iri
    org, spec = Kind.ORGANIZATION, Kind.RESOURCE_SPECIFICATION
    farm, mill = iri(org, "green-valley-farm"), iri(org, "stone-mill")
    kg = iri(Kind.UNIT, "kilogram")
    grain, flour, bread = iri(spec, "grain"), iri(spec, "flour"), iri(spec, "bread")
    # Corner Bakery, the euro and the Euros specification come from the contributions demo.
    bakery, money = iri(org, "corner-bakery"), iri(spec, "euros")
    eur = iri(Kind.UNIT, "euro")

    request = record(
        Kind.PROPOSAL,
        "flour-wanted",
        {"name": "Flour wanted", "hasBeginning": "2026-09-20T00:00:00Z", "hasEnd": "2027-01-01T00:00:00Z"},
    )
    wanted = record(
        Kind.INTENT,
        "flour-wanted",
        {"action": "transfer", "receiver": bakery, "resourceConformsTo": flour}
        | {"resourceQuantity": quantity("100", kg), "due": "2026-10-15T00:00:00Z", "name": "100 kg flour"},
    )
    record(Kind.PROPOSED_INTENT, "flour-wanted", {"publishedIn": request, "publishes": wanted})

    offer = record(
        Kind.PROPOSAL,
        "grain-offered",
        {"name": "Grain for sale", "unitBased": True, "hasBeginning": "2026-09-20T00:00:00Z"},
    )
    offered = record(
        Kind.INTENT,
        "grain-offered",
        {"action": "transfer", "provider": farm, "resourceConformsTo": grain}
        | {
            "availableQuantity": quantity("300", kg),
            "resourceQuantity": quantity("1", kg),
            "name": "Grain, by the kg",
        },
    )
    price = record(
        Kind.INTENT,
        "grain-price",
        {"action": "transfer", "receiver": farm, "resourceConformsTo": money}
        | {"resourceQuantity": quantity("0.40", eur), "name": "0.40 EUR a kg"},
    )
    record(Kind.PROPOSED_INTENT, "grain-offered", {"publishedIn": offer, "publishes": offered})
    record(
        Kind.PROPOSED_INTENT, "grain-price", {"publishedIn": offer, "publishes": price, "reciprocal": True}
    )

    plan = iri(Kind.PLAN, "bread-for-corner-bakery")
    if not demo.ledger.exists(plan):
        planned = plan_from_recipe(
            demo.ledger,
            bread,
            quantity("100", kg),
            "2026-10-20T06:00:00Z",
            agent=mill,
            name="Bread for Corner Bakery",
            receiver=bakery,
            plan_iri=plan,
        )
        demo.created += 1 + len(planned.processes) + len(planned.commitments) + len(planned.intents)
