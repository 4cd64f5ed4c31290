"""The PACT v3 schema checks (vfgraph's own schema document, written from the specification)."""

from __future__ import annotations

import json

import pytest

from tests.pact_documents import FOOTPRINT, footprint, with_pcf
from vfgraph.pact import extension, schema


def test_a_footprint_with_every_required_property_conforms() -> None:
    assert schema.errors("ProductFootprint", FOOTPRINT) == []


@pytest.mark.parametrize(
    ("doc", "where"),
    [
        (footprint(id="not-a-uuid"), "$.id"),
        (footprint(companyIds=[]), "$.companyIds"),
        (footprint(companyIds=["lei:5299000J2N45DDNE4Y28"]), "$.companyIds[0]"),
        (footprint(productIds=None), "$"),
        (footprint(status="Retired"), "$.status"),
        (footprint(created="2026-03-01 08:00"), "$.created"),
        (footprint(specVersion="3.0"), "$.specVersion"),
        (with_pcf(pcfExcludingBiogenicUptake=0.42), "$.pcf.pcfExcludingBiogenicUptake"),
        (with_pcf(pcfExcludingBiogenicUptake="4.2e-1"), "$.pcf.pcfExcludingBiogenicUptake"),
        (with_pcf(declaredUnitAmount="0"), "$.pcf.declaredUnitAmount"),
        (with_pcf(declaredUnitAmount="1x"), "$.pcf.declaredUnitAmount"),
        (with_pcf(biogenicCO2Uptake="1.4"), "$.pcf.biogenicCO2Uptake"),
        (with_pcf(fossilGhgEmissions="-0.3"), "$.pcf.fossilGhgEmissions"),
        (with_pcf(declaredUnitOfMeasurement="tonne"), "$.pcf.declaredUnitOfMeasurement"),
        (with_pcf(geographyCountry="France"), "$.pcf.geographyCountry"),
        (with_pcf(geographyRegionOrSubregion="Western Europe"), "$.pcf"),  # two geographies at once
        (with_pcf(ipccCharacterizationFactors=["IPCC6"]), "$.pcf.ipccCharacterizationFactors[0]"),
        (with_pcf(crossSectoralStandards=[]), "$.pcf.crossSectoralStandards"),
        (with_pcf(fossilCarbonContent=None), "$.pcf"),
        (with_pcf(dqi={"technologicalDQR": "2"}), "$.pcf.dqi"),
    ],
)
def test_a_footprint_that_breaks_a_rule_is_refused_with_the_path_of_the_fault(
    doc: object, where: str
) -> None:
    problems = schema.errors("ProductFootprint", doc)
    assert problems, "expected a violation"
    assert any(p.startswith(where + ":") for p in problems), problems


def test_a_global_footprint_names_no_geography_and_a_regional_one_names_one() -> None:
    assert schema.conforms("ProductFootprint", with_pcf(geographyCountry=None))
    regional = with_pcf(geographyCountry=None, geographyRegionOrSubregion="Western Europe")
    assert schema.conforms("ProductFootprint", regional)


def test_events_are_checked_by_their_type() -> None:
    published = {
        "type": "org.wbcsd.pact.ProductFootprint.PublishedEvent.3",
        "specversion": "1.0",
        "id": "e-1",
        "source": "//supplier.example/3/events",
        "time": "2026-03-01T08:00:00Z",
        "data": {"pfIds": [FOOTPRINT["id"]]},
    }
    assert schema.conforms("PublishedEvent", published)
    assert not schema.conforms("PublishedEvent", {**published, "data": {"pfIds": ["urn:gtin:4006381333931"]}})
    assert not schema.conforms("PublishedEvent", {k: v for k, v in published.items() if k != "time"})
    fulfilled = {
        **published,
        "type": "org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3",
        "data": {"requestEventId": "r-1", "pfs": [FOOTPRINT]},
    }
    assert schema.conforms("RequestFulfilledEvent", fulfilled)
    assert not schema.conforms(
        "RequestFulfilledEvent", {**fulfilled, "data": {"requestEventId": "r-1", "pfs": []}}
    )
    rejected = {
        **published,
        "type": "org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3",
        "data": {"requestEventId": "r-1", "error": {"code": "NotFound", "message": "none"}},
    }
    assert schema.conforms("RequestRejectedEvent", rejected)
    assert not schema.conforms("RequestRejectedEvent", {**rejected, "data": {"requestEventId": "r-1"}})


def test_the_extension_schema_is_a_valid_json_schema_document() -> None:
    from jsonschema import Draft202012Validator

    document = json.loads(extension.SCHEMA_FILE.read_text())
    Draft202012Validator.check_schema(document)
    Draft202012Validator.check_schema(schema.document())
