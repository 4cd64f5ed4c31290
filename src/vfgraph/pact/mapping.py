"""From the ledger to a PACT ProductFootprint: the field mapping (docs/pact.md has it as a table).

Pure: :func:`build` takes what the graph says (the product, its owner, the roll-up of its outputs) and what
the owner declares, and returns the ProductFootprint document. Three sources, never mixed for one field:

- **derived** from the graph: ``companyName`` (the agent's name), ``companyIds`` (its derived URN, then
  the declared ones), ``productNameCompany`` (the specification's name), ``productDescription`` (its note,
  unless declared), ``productIds`` and ``productClassifications`` (:mod:`vfgraph.pact.urns`, then the
  declared ones), ``declaredUnitOfMeasurement`` (the specification's unit), ``productMassPerDeclaredUnit``
  (when the unit is the kilogram), the reference period (the days of the earliest and the latest traced
  event), ``pcfExcludingBiogenicUptake`` (the rolled-up GHG indicator per declared unit),
  ``fossilGhgEmissions`` (that, less the declared non-fossil parts) and ``pcfIncludingBiogenicUptake``
  (that, plus the declared biogenic uptake);
- **declared** with the publication (a graph of events holds no such facts): the fossil carbon content,
  the characterization factors, the standards, the exempted share, and every optional PACT property
  (geography, biogenic parts, data quality, verification ...); four of them are required;
- **minted**: ``id``, ``created``, ``status``, ``specVersion``, ``precedingPfIds`` (the snapshots this one
  replaces).

A declaration of a derived field is refused (the graph says it), as is an unknown one (a typo would
otherwise vanish). The result is checked against the PACT schema by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation, localcontext
from typing import Any

from vfgraph.domain.quantities import format_decimal
from vfgraph.errors import InvalidFootprint
from vfgraph.pact import urns

SPEC_VERSION = "3.0.3"

# The PACT declared units, from the unit's OM 2 identifier, label or symbol (case, spaces and dashes ignored).
_UNITS: dict[str, tuple[str, ...]] = {
    "kilogram": ("kilogram", "kilograms", "kg"),
    "liter": ("liter", "litre", "liters", "litres", "l"),
    "cubic meter": ("cubicmeter", "cubicmetre", "cubicmeters", "cubicmetres", "m3", "m³"),
    "kilowatt hour": ("kilowatthour", "kilowatthours", "kwh"),
    "megajoule": ("megajoule", "megajoules", "mj"),
    "ton kilometer": ("tonkilometer", "tonnekilometre", "tonnekilometer", "tkm"),
    "square meter": ("squaremeter", "squaremetre", "squaremeters", "squaremetres", "m2", "m²"),
    "piece": ("piece", "pieces", "one", "each", "item", "items", "pcs", "unit"),
    "hour": ("hour", "hours", "h", "hr"),
    "megabit second": ("megabitsecond", "megabitseconds", "mbits"),
}
_UNIT_OF = {alias: pact for pact, aliases in _UNITS.items() for alias in aliases}

# CarbonFootprint properties the graph gives; a declaration may not set them.
DERIVED_PCF = frozenset(
    {
        "declaredUnitOfMeasurement",
        "pcfExcludingBiogenicUptake",
        "pcfIncludingBiogenicUptake",
        "fossilGhgEmissions",
    }
)
# Declared parts of pcfExcludingBiogenicUptake that are not fossil (fossilGhgEmissions is what remains).
NON_FOSSIL_PARTS = (
    "landUseChangeGhgEmissions",
    "landManagementBiogenicCO2Emissions",
    "landManagementBiogenicCO2Removals",
    "technologicalCO2Removals",
    "ccsTechnologicalCO2Capture",
    "biogenicNonCO2Emissions",
)
REQUIRED_DECLARED = (
    "fossilCarbonContent",
    "ipccCharacterizationFactors",
    "crossSectoralStandards",
    "exemptedEmissionsPercent",
)
DECLARABLE_TOP = frozenset(
    {
        "companyIds",
        "productIds",
        "productClassifications",
        "productDescription",
        "comment",
        "validityPeriodStart",
        "validityPeriodEnd",
        "extensions",
        "pcf",
    }
)
_PCF_ORDER = (
    "declaredUnitOfMeasurement",
    "declaredUnitAmount",
    "productMassPerDeclaredUnit",
    "referencePeriodStart",
    "referencePeriodEnd",
    "geographyRegionOrSubregion",
    "geographyCountry",
    "geographyCountrySubdivision",
    "boundaryProcessesDescription",
    "pcfExcludingBiogenicUptake",
    "pcfIncludingBiogenicUptake",
    "fossilGhgEmissions",
    "fossilCarbonContent",
)
_DECIMAL = re.compile(r"^[+-]?\d+(\.\d+)?$")


def pact_unit(*names: str | None) -> str | None:
    """The PACT declared unit a ledger unit is (by OM identifier, label or symbol), or None."""
    for name in names:
        if name:
            key = re.sub(r"[\s_\-]", "", name).lower()
            if key in _UNIT_OF:
                return _UNIT_OF[key]
    return None


@dataclass(frozen=True, slots=True)
class Unit:
    iri: str | None
    label: str | None = None
    symbol: str | None = None
    om: str | None = None

    @property
    def pact(self) -> str | None:
        return pact_unit(self.om, self.label, self.symbol)


@dataclass(frozen=True, slots=True)
class Product:
    spec: str
    name: str
    note: str | None
    unit: Unit
    classifications: Sequence[str] = ()
    tracking_identifiers: Sequence[str] = ()


@dataclass(frozen=True, slots=True)
class Company:
    iri: str
    name: str


@dataclass(frozen=True, slots=True)
class Rollup:
    """What the roll-up of the product's outputs gave, per one unit of the product's ledger unit."""

    ghg_per_unit: Decimal
    reference_start: datetime | None
    reference_end: datetime | None
    extension: Mapping[str, Any] | None = None  # vfgraph's data model extension, per *ledger* unit


@dataclass(frozen=True, slots=True)
class Minted:
    pf_id: str
    created: datetime
    preceding: Sequence[str] = field(default_factory=tuple)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_time(value: object, what: str) -> datetime:
    if not isinstance(value, str):
        raise InvalidFootprint(f"{what} must be an ISO 8601 date-time string", field=what)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise InvalidFootprint(f"{what}: {value!r} is not an ISO 8601 date-time", field=what) from None
    if moment.tzinfo is None:
        raise InvalidFootprint(f"{what}: {value!r} has no time zone", field=what)
    return moment


def reference_period(times: Sequence[str]) -> tuple[datetime | None, datetime | None]:
    """From the first day of the earliest to the day after the latest of ``times`` (the end is exclusive)."""
    moments = []
    for t in times:
        try:
            moment = datetime.fromisoformat(t.replace("Z", "+00:00"))
        except ValueError:
            continue
        moments.append(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
    if not moments:
        return None, None
    first, last = min(moments).astimezone(UTC), max(moments).astimezone(UTC)
    start = first.replace(hour=0, minute=0, second=0, microsecond=0)
    end = last.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    return start, end


def _decimal(value: object, what: str) -> Decimal:
    if not isinstance(value, str) or not _DECIMAL.match(value):
        raise InvalidFootprint(f'{what} must be a decimal string such as "1.25", not {value!r}', field=what)
    try:
        return Decimal(value)
    except InvalidOperation:
        raise InvalidFootprint(f"{what}: {value!r} is not a decimal", field=what) from None


def _text(d: Decimal) -> str:
    return format_decimal(d)


def _urn_list(base: Sequence[str], declared: object, what: str) -> list[str]:
    if declared is None:
        return list(base)
    if not isinstance(declared, list) or not all(isinstance(x, str) for x in declared):
        raise InvalidFootprint(f"{what} must be a list of URN strings", field=what)
    return list(dict.fromkeys([*base, *declared]))


def check_declarations(declarations: Mapping[str, Any], rollup_has_period: bool, unit_is_kg: bool) -> None:
    """Refuse unknown keys, declared derived fields and missing required declarations, all at once."""
    problems: list[str] = []
    for key in declarations:
        if key not in DECLARABLE_TOP:
            problems.append(f"{key}: not a ProductFootprint property a publication may declare")
    pcf = declarations.get("pcf", {})
    if not isinstance(pcf, Mapping):
        raise InvalidFootprint("declarations.pcf must be an object", violations=["pcf: must be an object"])
    for key in pcf:
        if key in DERIVED_PCF:
            problems.append(f"pcf.{key}: derived from the ledger, not declared")
        elif key in ("referencePeriodStart", "referencePeriodEnd") and rollup_has_period:
            problems.append(f"pcf.{key}: derived from the times of the traced events, not declared")
        elif key == "productMassPerDeclaredUnit" and unit_is_kg:
            problems.append(
                "pcf.productMassPerDeclaredUnit: the unit is the kilogram, so it is the declared amount"
            )
    for key in REQUIRED_DECLARED:
        if key not in pcf:
            problems.append(f"pcf.{key}: required by PACT and not in the ledger: declare it")
    if not unit_is_kg and "productMassPerDeclaredUnit" not in pcf:
        problems.append(
            'pcf.productMassPerDeclaredUnit: required ("0" when mass is not relevant): declare it'
        )
    if not rollup_has_period:
        for key in ("referencePeriodStart", "referencePeriodEnd"):
            if key not in pcf:
                problems.append(f"pcf.{key}: no traced event has a time: declare it")
    if problems:
        raise InvalidFootprint(
            "the declarations do not make a PACT footprint: " + "; ".join(problems), violations=problems
        )


def build(
    minted: Minted,
    company: Company,
    product: Product,
    rollup: Rollup,
    declarations: Mapping[str, Any],
    base_iri: str,
) -> dict[str, Any]:
    """The ProductFootprint (without ``status``, which the store keeps) of a publication."""
    pact_unit_name = product.unit.pact
    if pact_unit_name is None:
        raise InvalidFootprint(
            f"the unit of {product.spec} ({product.unit.label or product.unit.iri}) is none of PACT's "
            "declared "
            "units: give the unit an omUnitIdentifier such as kilogram, litre or one",
            violations=["pcf.declaredUnitOfMeasurement: the product's unit has no PACT equivalent"],
        )
    unit_is_kg = pact_unit_name == "kilogram"
    has_period = rollup.reference_start is not None and rollup.reference_end is not None
    check_declarations(declarations, has_period, unit_is_kg)
    declared_pcf: Mapping[str, Any] = declarations.get("pcf", {})

    with localcontext() as ctx:
        ctx.prec = 34
        amount = _decimal(declared_pcf.get("declaredUnitAmount", "1"), "pcf.declaredUnitAmount")
        if amount <= 0:
            raise InvalidFootprint(
                "pcf.declaredUnitAmount must be above zero", field="pcf.declaredUnitAmount"
            )
        excluding = rollup.ghg_per_unit * amount
        non_fossil = sum(
            (_decimal(declared_pcf[k], f"pcf.{k}") for k in NON_FOSSIL_PARTS if k in declared_pcf), Decimal(0)
        )
        fossil = excluding - non_fossil
        if fossil < 0:
            raise InvalidFootprint(
                f"the declared non-fossil parts ({_text(non_fossil)}) exceed the rolled-up emissions "
                f"({_text(excluding)} kg CO2e per declared unit)",
                violations=["pcf.fossilGhgEmissions: would be negative"],
            )
        uptake = _decimal(declared_pcf.get("biogenicCO2Uptake", "0"), "pcf.biogenicCO2Uptake")
        including = excluding + uptake

    if has_period:
        assert rollup.reference_start is not None and rollup.reference_end is not None
        ref_start, ref_end = rollup.reference_start, rollup.reference_end
    else:
        ref_start = parse_time(declared_pcf["referencePeriodStart"], "pcf.referencePeriodStart")
        ref_end = parse_time(declared_pcf["referencePeriodEnd"], "pcf.referencePeriodEnd")
    pcf: dict[str, Any] = {
        "declaredUnitOfMeasurement": pact_unit_name,
        "declaredUnitAmount": _text(amount),
        "productMassPerDeclaredUnit": _text(amount)
        if unit_is_kg
        else declared_pcf["productMassPerDeclaredUnit"],
        "referencePeriodStart": iso(ref_start),
        "referencePeriodEnd": iso(ref_end),
        "pcfExcludingBiogenicUptake": _text(excluding),
        "pcfIncludingBiogenicUptake": _text(including),
        "fossilGhgEmissions": _text(fossil),
    }
    for key, value in declared_pcf.items():
        if key not in pcf:
            pcf[key] = value
    pcf = {
        k: pcf[k] for k in (*[k for k in _PCF_ORDER if k in pcf], *[k for k in pcf if k not in _PCF_ORDER])
    }

    doc: dict[str, Any] = {
        "id": minted.pf_id,
        "specVersion": SPEC_VERSION,
    }
    if minted.preceding:
        doc["precedingPfIds"] = list(dict.fromkeys(minted.preceding))
    doc["created"] = iso(minted.created)
    _validity(doc, declarations, ref_end)
    doc["companyName"] = company.name
    doc["companyIds"] = _urn_list(
        [urns.company_urn(company.iri)], declarations.get("companyIds"), "companyIds"
    )
    description = declarations.get("productDescription")
    doc["productDescription"] = (
        description if isinstance(description, str) else (product.note or product.name)
    )
    doc["productIds"] = _urn_list(
        urns.product_ids(product.spec, base_iri, product.tracking_identifiers),
        declarations.get("productIds"),
        "productIds",
    )
    classes = _urn_list(
        urns.classifications(product.classifications),
        declarations.get("productClassifications"),
        "productClassifications",
    )
    if classes:
        doc["productClassifications"] = classes
    doc["productNameCompany"] = product.name
    if "comment" in declarations:
        doc["comment"] = declarations["comment"]
    doc["pcf"] = pcf
    extensions: list[Any] = []
    if rollup.extension is not None:
        extensions.append(_per_declared_unit(rollup.extension, amount))
    declared_ext = declarations.get("extensions")
    if isinstance(declared_ext, list):
        extensions.extend(declared_ext)
    elif declared_ext is not None:
        raise InvalidFootprint("extensions must be a list of data model extensions", field="extensions")
    if extensions:
        doc["extensions"] = extensions
    return doc


def _validity(doc: dict[str, Any], declarations: Mapping[str, Any], ref_end: datetime) -> None:
    """The declared validity period, within the three years after the reference period (PACT's rule)."""
    start_text, end_text = declarations.get("validityPeriodStart"), declarations.get("validityPeriodEnd")
    start = parse_time(start_text, "validityPeriodStart") if start_text is not None else None
    end = parse_time(end_text, "validityPeriodEnd") if end_text is not None else None
    limit = add_years(ref_end, 3)
    if start is not None and start < ref_end:
        raise InvalidFootprint(
            f"validityPeriodStart ({start_text}) is before the end of the reference period ({iso(ref_end)})",
            field="validityPeriodStart",
        )
    if end is not None and end > limit:
        raise InvalidFootprint(
            f"validityPeriodEnd ({end_text}) is more than three years after the reference period "
            f"({iso(limit)})",
            field="validityPeriodEnd",
        )
    if start is not None and end is not None and end <= start:
        raise InvalidFootprint(
            "validityPeriodEnd must be after validityPeriodStart", field="validityPeriodEnd"
        )
    if start is not None:
        doc["validityPeriodStart"] = start_text
    if end is not None:
        doc["validityPeriodEnd"] = end_text


def add_years(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + years, day=28)


def effective_validity(doc: Mapping[str, Any]) -> tuple[datetime, datetime]:
    """The validity period a snapshot states, or the three years after its reference period."""
    pcf = doc["pcf"]
    ref_end = parse_time(pcf["referencePeriodEnd"], "pcf.referencePeriodEnd")
    start = doc.get("validityPeriodStart")
    end = doc.get("validityPeriodEnd")
    begin = parse_time(start, "validityPeriodStart") if start else ref_end
    finish = parse_time(end, "validityPeriodEnd") if end else add_years(ref_end, 3)
    return begin, finish


def _per_declared_unit(extension: Mapping[str, Any], amount: Decimal) -> dict[str, Any]:
    """vfgraph's extension with its per-unit amounts scaled to the declared unit."""
    data = dict(extension["data"])
    with localcontext() as ctx:
        ctx.prec = 34
        data["declaredUnitAmount"] = _text(amount)
        data["breakdown"] = [
            {**c, "amount": _text(Decimal(c["amount"]) * amount)} for c in data.get("breakdown", [])
        ]
        data["indicators"] = [
            {**i, "amount": _text(Decimal(i["amount"]) * amount)} for i in data.get("indicators", [])
        ]
    return {**extension, "data": data}


def search_keys(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The lower-cased values the PACT filters match (store properties of a snapshot)."""
    pcf = doc.get("pcf", {})
    geography = [
        pcf.get(k) for k in ("geographyRegionOrSubregion", "geographyCountry", "geographyCountrySubdivision")
    ]
    start, end = effective_validity(doc)
    return {
        "productKeys": [x.lower() for x in doc.get("productIds", [])],
        "companyKeys": [x.lower() for x in doc.get("companyIds", [])],
        "classificationKeys": [x.lower() for x in doc.get("productClassifications", [])],
        "geographyKeys": [g.lower() for g in geography if isinstance(g, str)],
        "validFrom": start,
        "validTo": end,
    }
