"""PACT v3 documents written for vfgraph's tests (not copied from the specification): a footprint that
conforms, and ways to break it."""

from __future__ import annotations

import copy
from typing import Any

FOOTPRINT: dict[str, Any] = {
    "id": "5b2f7f0e-1c55-4d4f-9a53-3c1f0c9e2a10",
    "specVersion": "3.0.3",
    "created": "2026-03-01T08:00:00Z",
    "status": "Active",
    "companyName": "Hill Oats Cooperative",
    "companyIds": ["urn:uuid:1f0c3a4e-7d55-4b1a-8f0e-5a6b7c8d9e01", "urn:lei:5299000J2N45DDNE4Y28"],
    "productDescription": "Rolled oats, bulk, no packaging",
    "productIds": ["urn:gtin:4006381333931", "urn:pact:hill-oats.example:supplier-id:ro-1"],
    "productClassifications": ["urn:cpc:0117"],
    "productNameCompany": "Rolled oats",
    "pcf": {
        "declaredUnitOfMeasurement": "kilogram",
        "declaredUnitAmount": "1",
        "productMassPerDeclaredUnit": "1",
        "referencePeriodStart": "2025-01-01T00:00:00Z",
        "referencePeriodEnd": "2026-01-01T00:00:00Z",
        "geographyCountry": "FR",
        "pcfExcludingBiogenicUptake": "0.42",
        "pcfIncludingBiogenicUptake": "-0.98",
        "fossilGhgEmissions": "0.3",
        "fossilCarbonContent": "0",
        "biogenicCarbonContent": "0.39",
        "biogenicCO2Uptake": "-1.4",
        "biogenicNonCO2Emissions": "0.12",
        "ipccCharacterizationFactors": ["AR6"],
        "crossSectoralStandards": ["ISO14067", "PACT-3.0"],
        "exemptedEmissionsPercent": "0.5",
        "dqi": {"technologicalDQR": "2", "geographicalDQR": "1.5", "temporalDQR": "1.2"},
    },
}


def footprint(**changes: Any) -> dict[str, Any]:
    """A copy of :data:`FOOTPRINT` with top-level ``changes`` (a value of None removes the property)."""
    doc = copy.deepcopy(FOOTPRINT)
    for k, v in changes.items():
        if v is None:
            doc.pop(k, None)
        else:
            doc[k] = v
    return doc


def with_pcf(**changes: Any) -> dict[str, Any]:
    doc = footprint()
    for k, v in changes.items():
        if v is None:
            doc["pcf"].pop(k, None)
        else:
            doc["pcf"][k] = v
    return doc
