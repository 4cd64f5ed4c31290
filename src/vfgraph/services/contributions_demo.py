"""The demo's contribution accounting: the mill sells flour, and the income is shared by hours of work.

Added to the demo supply chain (:mod:`vfgraph.services.demo`), with fixed IRIs and skipping what exists:
a farm hand works 8 hours on the harvest (next to the miller's 6 on the milling run); Corner Bakery pays
Stone Mill 280 EUR for flour batch SM-F-0007 (the income, ``triggeredBy`` the event that produced the batch);
the equation "Stone Mill open value" gives 80% by hours of work and 20% in equal parts per work event;
the distribution is recorded as claims on the mill: of the 224 EUR shared by hours (8 and 6 of 14) and the
56 EUR shared per event, the farm hand gets 128 + 28 = 156 EUR and the miller 96 + 28 = 124 EUR.
"""

from __future__ import annotations

from typing import Any

from vfgraph.domain.kinds import Kind
from vfgraph.services import contributions
from vfgraph.services.demo_records import DemoRecords, quantity

T1 = "2026-09-03T08:00:00Z"
"""When the demo's contributions happen (after the rest of the demo chain)."""


def load_contributions_demo(demo: DemoRecords) -> None:
    """Write what is missing of the demo's distribution."""
    record, iri = demo.record, demo.iri
    ledger = demo.ledger

    def event(key: str, params: dict[str, Any], new: dict[str, Any] | None = None) -> str:
        return demo.event(key, params, new, at=T1).event

    farm, mill = iri(Kind.ORGANIZATION, "green-valley-farm"), iri(Kind.ORGANIZATION, "stone-mill")
    hour = iri(Kind.UNIT, "hour")
    hand = record(Kind.PERSON, "tom", {"name": "Tom Field"})
    bakery = record(Kind.ORGANIZATION, "corner-bakery", {"name": "Corner Bakery", "note": "Buys flour."})
    eur = record(Kind.UNIT, "euro", {"label": "euro", "symbol": "EUR"})
    money = record(Kind.RESOURCE_SPECIFICATION, "euros", {"name": "Euros", "defaultUnitOfResource": eur})
    farm_work = record(
        Kind.RESOURCE_SPECIFICATION, "farm-work", {"name": "Farm work", "defaultUnitOfEffort": hour}
    )

    event(
        "harvest-work",
        {"action": "work", "provider": hand, "receiver": farm, "inputOf": iri(Kind.PROCESS, "harvest-2026")}
        | {"resourceConformsTo": farm_work, "effortQuantity": quantity("8", hour)},
    )
    # The income points at what earned it. Here that is the flour batch itself (its production event): the
    # bakery pays for the batch in advance, and the batch stays whole, as the footprint example needs it.
    batch_made = iri(Kind.ECONOMIC_EVENT, "milling-flour")
    event(
        "bakery-cash",
        {"action": "raise", "provider": bakery, "receiver": bakery, "resourceConformsTo": money}
        | {"resourceQuantity": quantity("1000", eur)},
        {"name": "Corner Bakery cash"},
    )
    income = event(
        "flour-payment",
        {"action": "transfer", "provider": bakery, "receiver": mill, "triggeredBy": batch_made}
        | {
            "resourceInventoriedAs": iri(Kind.ECONOMIC_RESOURCE, "bakery-cash"),
            "resourceQuantity": quantity("280", eur),
        },
        {"name": "Stone Mill cash"},
    )

    equation = iri(Kind.VALUE_EQUATION, "stone-mill-open-value")
    if not ledger.exists(equation):
        contributions.create_equation(
            ledger,
            {
                "name": "Stone Mill open value",
                "note": "80% of an income by hours of work upstream, 20% in equal parts per work event.",
                "inScopeOf": [mill],
                "buckets": [
                    {"name": "hours", "share": "0.8", "actions": ["work"], "weighting": "effort"},
                    {"name": "presence", "share": "0.2", "actions": ["work"], "weighting": "fixed"}
                    | {"fixedWeight": "1"},
                ],
            },
            iri=equation,
        )
        demo.created += 1
    if not ledger.exists(contributions.distribution_iri(ledger, income, equation)):
        _, written = contributions.record(ledger, income, equation, contributions.DistributeAs.CLAIMS)
        demo.created += 1 + len(written)
