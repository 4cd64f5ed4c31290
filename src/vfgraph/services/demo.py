"""A small demo supply chain: grain from a farm, milled into flour, with water and emissions as flows.

Every record has a fixed IRI under ``<base IRI>demo/``, and the loader skips what already exists, so
running it twice (or after an interrupted run) writes nothing twice.

The chain: a river (ecological agent) gives 10 m3 of water to Green Valley Farm's harvest, which emits
50 kg CO2e to the atmosphere (ecological agent) and yields 500 kg of grain; 200 kg are transferred to
Stone Mill; Road Carriers picks them up and drops them off at the mill together with 300 kg of another
shipper's goods; the milling consumes the 200 kg, emits 12 kg CO2e and yields 160 kg of flour, and a
person works 6 hours on it.
"""

from __future__ import annotations

from vfgraph.domain.kinds import Kind
from vfgraph.services.contributions_demo import load_contributions_demo
from vfgraph.services.demo_planning import load_signals
from vfgraph.services.demo_recipes import load_recipes
from vfgraph.services.demo_records import DemoRecords, quantity
from vfgraph.services.ledger import Ledger
from vfgraph.services.thresholds_demo import load_limits


def load_demo(ledger: Ledger) -> str:
    """Load the demo records that are not there yet; returns a one-line summary."""
    demo = DemoRecords(ledger)
    record, event = demo.record, demo.event
    org, eco = Kind.ORGANIZATION, Kind.ECOLOGICAL_AGENT
    farm = record(org, "green-valley-farm", {"name": "Green Valley Farm", "note": "Grows grain."})
    mill = record(org, "stone-mill", {"name": "Stone Mill", "note": "Mills grain into flour."})
    carrier = record(org, "road-carriers", {"name": "Road Carriers", "note": "Trucks goods."})
    other = record(org, "orchard-coop", {"name": "Orchard Coop", "note": "Another shipper."})
    river = record(eco, "clear-river", {"name": "Clear River"})
    air = record(eco, "atmosphere", {"name": "Atmosphere"})
    miller = record(Kind.PERSON, "ana", {"name": "Ana Miller"})

    kg = record(Kind.UNIT, "kilogram", {"label": "kilogram", "symbol": "kg", "omUnitIdentifier": "kilogram"})
    m3 = record(Kind.UNIT, "cubic-metre", {"label": "cubic metre", "symbol": "m3"})
    hour = record(Kind.UNIT, "hour", {"label": "hour", "symbol": "h", "omUnitIdentifier": "hour"})
    co2 = record(Kind.UNIT, "kg-co2e", {"label": "kilogram CO2 equivalent", "symbol": "kg CO2e"})

    spec = Kind.RESOURCE_SPECIFICATION
    grain = record(spec, "grain", {"name": "Grain", "defaultUnitOfResource": kg})
    flour = record(spec, "flour", {"name": "Flour", "defaultUnitOfResource": kg})
    apples = record(spec, "apples", {"name": "Apples", "defaultUnitOfResource": kg})
    water = record(spec, "blue-water", {"name": "Blue water", "defaultUnitOfResource": m3})
    ghg = record(spec, "ghg-emissions", {"name": "GHG emissions", "defaultUnitOfResource": co2})
    milling_work = record(spec, "milling-work", {"name": "Milling work", "defaultUnitOfEffort": hour})

    harvesting = record(Kind.PROCESS_SPECIFICATION, "harvesting", {"name": "Harvesting"})
    milling = record(Kind.PROCESS_SPECIFICATION, "milling", {"name": "Milling"})
    transporting = record(Kind.PROCESS_SPECIFICATION, "transporting", {"name": "Transporting"})
    harvest = record(
        Kind.PROCESS, "harvest-2026", {"name": "Harvest 2026", "basedOn": harvesting, "inScopeOf": [farm]}
    )
    trip = record(Kind.PROCESS, "truck-trip-17", {"name": "Truck trip 17", "basedOn": transporting})
    mill_run = record(Kind.PROCESS, "milling-run-3", {"name": "Milling run 3", "basedOn": milling})

    river_water = event(
        "river-water",
        {"action": "raise", "provider": river, "receiver": river, "resourceConformsTo": water}
        | {"resourceQuantity": quantity("1000000", m3)},
        {"name": "Clear River water", "trackingIdentifier": "clear-river"},
    ).resource
    event(
        "harvest-water",
        {"action": "consume", "provider": river, "receiver": farm, "inputOf": harvest}
        | {"resourceInventoriedAs": river_water, "resourceQuantity": quantity("10", m3)},
    )
    event(
        "harvest-emissions",
        {"action": "produce", "provider": farm, "receiver": air, "outputOf": harvest}
        | {"resourceConformsTo": ghg, "resourceQuantity": quantity("50", co2)},
    )
    grain_lot = event(
        "harvest-grain",
        {"action": "produce", "provider": farm, "receiver": farm, "outputOf": harvest}
        | {"resourceConformsTo": grain, "resourceQuantity": quantity("500", kg)},
        {"name": "Grain lot GV-2026-01", "trackingIdentifier": "GV-2026-01"},
    ).resource
    mill_grain = event(
        "sell-grain",
        {"action": "transfer", "provider": farm, "receiver": mill, "resourceInventoriedAs": grain_lot}
        | {"resourceQuantity": quantity("200", kg)},
        {"name": "Grain at Stone Mill", "trackingIdentifier": "SM-IN-0042"},
    ).resource
    apple_lot = event(
        "orchard-apples",
        {"action": "raise", "provider": other, "receiver": other, "resourceConformsTo": apples}
        | {"resourceQuantity": quantity("300", kg)},
        {"name": "Apples OC-77", "trackingIdentifier": "OC-77"},
    ).resource
    for key, lot, owner in (("grain", mill_grain, mill), ("apples", apple_lot, other)):
        event(
            f"pickup-{key}",
            {"action": "pickup", "provider": owner, "receiver": carrier, "inputOf": trip}
            | {
                "resourceInventoriedAs": lot,
                "resourceQuantity": quantity("200" if key == "grain" else "300", kg),
            },
        )
        event(
            f"dropoff-{key}",
            {"action": "dropoff", "provider": carrier, "receiver": owner, "outputOf": trip}
            | {
                "resourceInventoriedAs": lot,
                "resourceQuantity": quantity("200" if key == "grain" else "300", kg),
            },
        )
    event(
        "trip-emissions",
        {"action": "produce", "provider": carrier, "receiver": air, "outputOf": trip}
        | {"resourceConformsTo": ghg, "resourceQuantity": quantity("20", co2)},
    )
    event(
        "milling-grain",
        {"action": "consume", "provider": mill, "receiver": mill, "inputOf": mill_run}
        | {"resourceInventoriedAs": mill_grain, "resourceQuantity": quantity("200", kg)},
    )
    event(
        "milling-work",
        {"action": "work", "provider": miller, "receiver": mill, "inputOf": mill_run}
        | {"resourceConformsTo": milling_work, "effortQuantity": quantity("6", hour)},
    )
    event(
        "milling-emissions",
        {"action": "produce", "provider": mill, "receiver": air, "outputOf": mill_run}
        | {"resourceConformsTo": ghg, "resourceQuantity": quantity("12", co2)},
    )
    event(
        "milling-flour",
        {"action": "produce", "provider": mill, "receiver": mill, "outputOf": mill_run}
        | {"resourceConformsTo": flour, "resourceQuantity": quantity("160", kg)},
        {"name": "Flour batch SM-F-0007", "trackingIdentifier": "SM-F-0007"},
    )
    load_limits(demo)  # a regional CO2e budget the farm overshoots (docs/limits.md)
    load_contributions_demo(demo)  # income shared by hours (issue 7 §5)
    load_recipes(demo)
    load_signals(demo)  # an open request and offer, a plan from a recipe
    created = demo.created
    return f"demo supply chain: {created} records written ({'first load' if created else 'already loaded'})"
