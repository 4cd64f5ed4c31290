"""The demo's ecological limits: a regional CO2e budget shared among the demo's organisations.

Valley Region's ceiling is 100 kg CO2e for 2026. It is allocated whole to the region, whose part is
shared among Green Valley Farm (0.4), Road Carriers (0.3) and Stone Mill (0.3): 40, 30 and 30 kg. The
farm's harvest emitted 50 kg, so the farm overshoots (ratio 1.25); the carrier (20) and the mill (12) are
within. A second threshold caps flour at 0.3 kg CO2e per kg, allocated to the Flour specification; the
demo flour carries 0.25 (docs/footprints.md), within it.

Fixed IRIs under ``<base IRI>demo/`` and the demo's own records; nothing is written twice.
"""

from __future__ import annotations

from decimal import Decimal

from vfgraph.domain.kinds import Kind
from vfgraph.services.demo_records import DemoRecords


def load_limits(demo: DemoRecords) -> None:
    """Load the demo thresholds and allocations that are not there yet."""
    record, iri = demo.record, demo.iri
    org, spec = Kind.ORGANIZATION, Kind.RESOURCE_SPECIFICATION
    co2 = iri(Kind.UNIT, "kg-co2e")
    region = record(org, "valley-region", {"name": "Valley Region", "note": "The valley's regional council."})
    budget = record(
        Kind.THRESHOLD,
        "valley-co2e-2026",
        {
            "name": "Valley Region CO2e budget 2026",
            "thresholdType": "ceiling",
            "value": {"hasNumericalValue": Decimal(100), "hasUnit": co2},
            "indicator": iri(spec, "ghg-emissions"),
            "inScopeOf": [region],
            "hasBeginning": "2026-01-01T00:00:00Z",
            "hasEnd": "2027-01-01T00:00:00Z",
            "period": "P1Y",
            "source": "https://example.org/valley-region/climate-plan-2026",
            "note": "A made-up budget for the demo.",
        },
    )
    alloc = Kind.ALLOCATION
    whole = record(alloc, "valley-region", {"threshold": budget, "allocatedTo": region, "share": Decimal(1)})
    for key, share in (("green-valley-farm", "0.4"), ("road-carriers", "0.3"), ("stone-mill", "0.3")):
        record(alloc, key, {"parent": whole, "allocatedTo": iri(org, key), "share": Decimal(share)})
    intensity = record(
        Kind.THRESHOLD,
        "flour-co2e-intensity",
        {
            "name": "Flour carbon intensity",
            "thresholdType": "ceiling",
            "value": {"hasNumericalValue": Decimal("0.3"), "hasUnit": co2},
            "indicator": iri(spec, "ghg-emissions"),
            "note": "Per kilogram of flour; a made-up figure for the demo.",
        },
    )
    record(alloc, "flour", {"threshold": intensity, "allocatedTo": iri(spec, "flour"), "share": Decimal(1)})
