"""From a roll-up and declarations to a PACT ProductFootprint (vfgraph.pact.mapping), and the URNs."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from vfgraph.errors import InvalidFootprint
from vfgraph.pact import criteria, mapping, schema, urns

BASE = "https://ledger.example/id/"
KG = mapping.Unit("https://ledger.example/id/unit/kg", "kilogram", "kg", "kilogram")
FLOUR = mapping.Product(
    spec=BASE + "resource-specification/flour",
    name="Flour",
    note="Stone-ground wheat flour, type 550",
    unit=KG,
    classifications=["urn:cpc:23110", "https://example.org/classes/flour"],
    tracking_identifiers=["4006381333931", "SM-F-0007"],
)
MILL = mapping.Company(BASE + "organization/stone-mill", "Stone Mill")
ROLLUP = mapping.Rollup(
    ghg_per_unit=Decimal("0.25"),
    reference_start=datetime(2026, 9, 1, tzinfo=UTC),
    reference_end=datetime(2026, 9, 4, tzinfo=UTC),
)
MINTED = mapping.Minted("0f8e2d7c-5b4a-4c3d-9e1f-2a3b4c5d6e7f", datetime(2026, 10, 1, 12, tzinfo=UTC))
REQUIRED = {
    "fossilCarbonContent": "0",
    "ipccCharacterizationFactors": ["AR6"],
    "crossSectoralStandards": ["GHGP-Product"],
    "exemptedEmissionsPercent": "0",
}


def build(pcf: dict[str, Any] | None = None, **top: Any) -> dict[str, Any]:
    return mapping.build(MINTED, MILL, FLOUR, ROLLUP, {"pcf": {**REQUIRED, **(pcf or {})}, **top}, BASE)


def test_the_rolled_up_emissions_become_the_pcf_per_declared_unit_and_the_document_conforms() -> None:
    doc = build()
    assert doc["pcf"]["declaredUnitOfMeasurement"] == "kilogram"
    assert doc["pcf"]["pcfExcludingBiogenicUptake"] == "0.25"
    assert doc["pcf"]["fossilGhgEmissions"] == "0.25"
    assert doc["pcf"]["pcfIncludingBiogenicUptake"] == "0.25"
    assert doc["pcf"]["productMassPerDeclaredUnit"] == "1"
    assert (doc["pcf"]["referencePeriodStart"], doc["pcf"]["referencePeriodEnd"]) == (
        "2026-09-01T00:00:00Z",
        "2026-09-04T00:00:00Z",
    )
    assert doc["companyName"] == "Stone Mill" and doc["productNameCompany"] == "Flour"
    assert doc["productDescription"] == "Stone-ground wheat flour, type 550"
    assert schema.errors("ProductFootprint", {**doc, "status": "Active"}) == []


def test_identifiers_are_urns_derived_from_the_ledger_then_the_declared_ones() -> None:
    doc = build(companyIds=["urn:lei:5299000J2N45DDNE4Y28"])
    assert doc["companyIds"] == [urns.company_urn(MILL.iri), "urn:lei:5299000J2N45DDNE4Y28"]
    assert doc["productIds"] == [
        "urn:pact:ledger.example:supplier-id:resource-specification/flour",
        "urn:gtin:4006381333931",  # a GTIN-13 tracking identifier; the batch number is left out
    ]
    assert doc["productClassifications"] == ["urn:cpc:23110"]  # http classifications have no PACT form


def test_a_declared_unit_amount_scales_the_figures_and_the_mass() -> None:
    doc = build({"declaredUnitAmount": "25"})
    assert doc["pcf"]["pcfExcludingBiogenicUptake"] == "6.25"
    assert doc["pcf"]["productMassPerDeclaredUnit"] == "25"


def test_fossil_emissions_are_what_the_declared_non_fossil_parts_leave_and_uptake_lowers_the_total() -> None:
    doc = build(
        {"biogenicNonCO2Emissions": "0.05", "landUseChangeGhgEmissions": "0.02", "biogenicCO2Uptake": "-0.4"}
    )
    assert doc["pcf"]["fossilGhgEmissions"] == "0.18"
    assert doc["pcf"]["pcfIncludingBiogenicUptake"] == "-0.15"
    with pytest.raises(InvalidFootprint, match="exceed"):
        build({"biogenicNonCO2Emissions": "0.3"})


def test_declaring_what_the_ledger_says_or_forgetting_what_it_cannot_say_is_refused_all_at_once() -> None:
    with pytest.raises(InvalidFootprint) as e:
        mapping.build(
            MINTED,
            MILL,
            FLOUR,
            ROLLUP,
            {"pcf": {"pcfExcludingBiogenicUptake": "0.1", "fosilCarbonContent": "0"}, "colour": "red"},
            BASE,
        )
    violations = e.value.details["violations"]
    assert "colour: not a ProductFootprint property a publication may declare" in violations
    assert "pcf.pcfExcludingBiogenicUptake: derived from the ledger, not declared" in violations
    assert any(v.startswith("pcf.fossilCarbonContent: required") for v in violations)


def test_a_product_counted_in_pieces_must_declare_its_mass_and_an_unknown_unit_is_refused() -> None:
    pieces = mapping.Product(FLOUR.spec, "Bread", None, mapping.Unit("u:piece", "piece", None, "one"))
    with pytest.raises(InvalidFootprint, match="productMassPerDeclaredUnit"):
        mapping.build(MINTED, MILL, pieces, ROLLUP, {"pcf": REQUIRED}, BASE)
    doc = mapping.build(
        MINTED, MILL, pieces, ROLLUP, {"pcf": {**REQUIRED, "productMassPerDeclaredUnit": "0.5"}}, BASE
    )
    assert doc["pcf"]["declaredUnitOfMeasurement"] == "piece"
    crates = mapping.Product(FLOUR.spec, "Flour", None, mapping.Unit("u:crate", "crate", None, None))
    with pytest.raises(InvalidFootprint, match="none of PACT's"):
        mapping.build(MINTED, MILL, crates, ROLLUP, {"pcf": REQUIRED}, BASE)


def test_the_validity_period_must_lie_within_three_years_after_the_reference_period() -> None:
    ok = build(validityPeriodStart="2026-09-04T00:00:00Z", validityPeriodEnd="2027-09-04T00:00:00Z")
    assert ok["validityPeriodEnd"] == "2027-09-04T00:00:00Z"
    with pytest.raises(InvalidFootprint, match="before the end of the reference period"):
        build(validityPeriodStart="2026-09-01T00:00:00Z")
    with pytest.raises(InvalidFootprint, match="three years"):
        build(validityPeriodEnd="2030-01-01T00:00:00Z")
    start, end = mapping.effective_validity(build())
    assert (start, end) == (datetime(2026, 9, 4, tzinfo=UTC), datetime(2029, 9, 4, tzinfo=UTC))


def test_the_reference_period_runs_from_the_first_day_to_the_day_after_the_last_event() -> None:
    start, end = mapping.reference_period(["2026-09-03T17:00:00Z", "2026-09-01T09:30:00+02:00", "garbage"])
    assert (start, end) == (datetime(2026, 9, 1, tzinfo=UTC), datetime(2026, 9, 4, tzinfo=UTC))
    assert mapping.reference_period([]) == (None, None)


@pytest.mark.parametrize(
    ("value", "ok"), [("4006381333931", True), ("4006381333932", False), ("96385074", True), ("12345", False)]
)
def test_gtins_are_recognised_by_their_check_digit(value: str, ok: bool) -> None:
    assert urns.is_gtin(value) is ok


def test_list_filters_are_read_case_insensitively_and_odata_is_not_implemented() -> None:
    q = criteria.from_query(
        [
            ("productid", "urn:GTIN:1"),
            ("productId", "urn:gtin:2"),
            ("validOn", "2026-01-01T00:00:00Z"),
            ("limit", "5"),
        ]
    )
    assert q.criteria.params()["productIds"] == ["urn:gtin:1", "urn:gtin:2"]
    assert q.limit == 5 and q.criteria.valid_on == datetime(2026, 1, 1, tzinfo=UTC)
    for bad, code in (
        ([("$filter", "created ge '2023-01-15'")], "NotImplemented"),
        ([("x-acme-invoice", "1")], "NotImplemented"),
        ([("limit", "0")], "BadRequest"),
        ([("validOn", "yesterday")], "BadRequest"),
        ([("colour", "red")], "BadRequest"),
    ):
        with pytest.raises(criteria.CriteriaError) as e:
            criteria.from_query(bad)
        assert e.value.code == code
    assert criteria.from_query([("classification", ""), ("status", "")]).criteria == criteria.Criteria()
    assert criteria.decode_after(criteria.encode_after("2026-01-01T00:00:00Z", "abc")) == (
        "2026-01-01T00:00:00Z",
        "abc",
    )
