"""The demo's PACT footprint: Stone Mill's flour, published from the demo supply chain's roll-up, and a
PACT client that reads it (made and printed by ``vfgraph demo`` the first time, like the demo key).

The flour's figure is the roll-up of docs/footprints.md's worked example: 0.25 kg CO2e per kg (the farm's
harvest, the truck, the mill); the blue water (0.025 m3 per kg) travels in vfgraph's extension. The
declarations are what a mill would state and a ValueFlows graph does not hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vfgraph.pact import credentials, footprints
from vfgraph.store import pact as store

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger

DECLARATIONS: dict[str, Any] = {
    "productDescription": "Stone-ground wheat flour from Green Valley Farm's grain, in bulk",
    "comment": "vfgraph demo data: rolled up from the recorded harvest, transport and milling events.",
    "pcf": {
        "boundaryProcessesDescription": "Cradle to gate: harvest, transport to the mill, milling",
        "fossilCarbonContent": "0",
        "ipccCharacterizationFactors": ["AR6"],
        "crossSectoralStandards": ["GHGP-Product", "ISO14067"],
        "exemptedEmissionsPercent": "0",
        "primaryDataShare": "100",
        "allocationRulesDescription": "Outputs share their process's emissions by mass (vfgraph rule 3)",
    },
}


@dataclass(frozen=True, slots=True)
class DemoPact:
    pf_id: str
    client: credentials.NewClient


def publication(ledger: Ledger) -> footprints.Publication:
    """The flour's publication: Stone Mill's flour, GHG emissions, blue water in the extension."""
    base = ledger.settings.base_iri + "demo/"
    return footprints.Publication(
        resource_specification=base + "resource-specification/flour",
        agent=base + "organization/stone-mill",
        ghg_indicator=base + "resource-specification/ghg-emissions",
        indicators=[base + "resource-specification/blue-water"],
        declarations=DECLARATIONS,
    )


def load_pact_demo(ledger: Ledger) -> DemoPact | None:
    """Publish the flour's footprint and make its client, unless the flour has a footprint already."""
    p = publication(ledger)
    mill = p.agent
    if store.series_declarations(ledger.store, f"{footprints.PUBLISHED}|{mill}|{p.resource_specification}"):
        return None
    row = footprints.publish(ledger, p)
    client = credentials.create_client(ledger, agent=mill, name="demo: a customer of Stone Mill")
    return DemoPact(pf_id=row["pfId"], client=client)
