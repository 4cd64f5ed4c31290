"""vfgraph's PACT data model extension: where the footprint comes from, and the other indicators.

PACT carries what it does not define in *data model extensions* (``extensions`` of a ProductFootprint:
``specVersion``, ``dataSchema``, ``data``). vfgraph adds one to each footprint it publishes, with its own
schema (``rollup-extension.schema.json`` beside this module, served at
``/pact/extensions/rollup/1.0.0/data-model.json``):

- ``breakdown``: each contribution to the GHG figure per declared unit: the process (or, for a supplier's
  declared footprint, that footprint's id and where vfgraph took it from) and the agent answerable for it;
  a contribution through a process that is not open to everyone keeps its amount and loses its names;
- ``indicators``: the other indicators rolled up with it (water, land, work ...), per declared unit, each
  with its unit;
- ``product``, ``company``, ``outputs``: the ledger's IRIs and what the roll-up covered.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from vfgraph.domain.footprint import OutputFootprint
from vfgraph.domain.quantities import format_decimal

SPEC_VERSION = "2.0.0"  # of the Data Model Extensions specification the object follows
SCHEMA_URL = "https://w3id.org/vfgraph/pact/rollup/1.0.0/data-model.json"
SCHEMA_FILE = Path(__file__).with_name("rollup-extension.schema.json")
ROUTE = "/extensions/rollup/1.0.0/data-model.json"


def rollup_extension(
    result: OutputFootprint,
    *,
    product: str,
    company: str,
    ghg: str,
    outputs: int,
    open_processes: Collection[str],
    supplier_sources: Mapping[str, Mapping[str, Any]],
    names: Mapping[str, str],
) -> dict[str, Any]:
    """The extension object, amounts per one *ledger* unit of the product (the mapping scales them).

    ``open_processes``: the processes everyone may read; ``supplier_sources``: for each supplier footprint
    IRI met, its provenance (``pfId``, ``peer``, ``url``, ``specVersion``); ``names``: indicator names."""
    breakdown: list[dict[str, Any]] = []
    for (indicator, source, agent), amount in sorted(result.breakdown.items()):
        if indicator != ghg:
            continue
        item: dict[str, Any] = {"amount": format_decimal(amount)}
        if source in supplier_sources:
            item["supplierFootprint"] = dict(supplier_sources[source])
            item["agent"] = agent
        elif source in open_processes:
            item["process"] = source
            item["agent"] = agent
        else:
            item["redacted"] = True
        breakdown.append(item)
    indicators = [
        {
            "indicator": i,
            "name": names.get(i, i),
            "unit": result.units.get(i),
            "amount": format_decimal(result.per_unit.get(i, 0)),  # type: ignore[arg-type]
        }
        for i in sorted(result.per_unit)
        if i != ghg
    ]
    return {
        "specVersion": SPEC_VERSION,
        "dataSchema": SCHEMA_URL,
        "data": {
            "product": product,
            "company": company,
            "ghgIndicator": ghg,
            "outputs": {
                "count": outputs,
                "quantity": format_decimal(result.quantity.value),
                "unit": result.quantity.unit,
            },
            "breakdown": breakdown,
            "indicators": indicators,
        },
    }
