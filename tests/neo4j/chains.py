"""Supply chains built through the ledger for the track, trace and footprint tests (fresh IRIs each time)."""

from __future__ import annotations

from dataclasses import dataclass

from tests.neo4j.world import World, qty
from vfgraph.domain.kinds import Kind


@dataclass
class WorkedExample:
    """The issue's worked example: farm -> mill, with a truck shared with another shipper."""

    river: str
    air: str
    orchard: str
    m3: str
    co2: str
    water: str
    ghg: str
    flour_spec: str
    apples_spec: str
    harvest: str
    trip: str
    milling: str
    river_water: str
    farm_grain: str
    mill_grain: str
    apples: str
    flour: str
    events: dict[str, str]


def worked_example(w: World) -> WorkedExample:
    c, ev = w.ledger.create, w.event
    river = c(Kind.ECOLOGICAL_AGENT, {"name": "River"})
    air = c(Kind.ECOLOGICAL_AGENT, {"name": "Atmosphere"})
    orchard = c(Kind.ORGANIZATION, {"name": "Orchard"})
    m3 = c(Kind.UNIT, {"label": "cubic metre", "symbol": "m3"})
    co2 = c(Kind.UNIT, {"label": "kg CO2e", "symbol": "kg CO2e"})
    water = c(Kind.RESOURCE_SPECIFICATION, {"name": "water", "defaultUnitOfResource": m3})
    ghg = c(Kind.RESOURCE_SPECIFICATION, {"name": "GHG emissions", "defaultUnitOfResource": co2})
    flour_spec = c(Kind.RESOURCE_SPECIFICATION, {"name": "flour"})
    apples_spec = c(Kind.RESOURCE_SPECIFICATION, {"name": "apples"})
    harvest, trip, milling = w.process("harvest"), w.process("truck trip"), w.process("milling")
    events: dict[str, str] = {}

    def new(key: str, params: dict[str, object], name: str) -> str:
        event, resource = w.ledger.record_event(params, {"name": name})
        assert resource is not None
        events[key] = event
        return resource

    river_water = new(
        "river",
        {"action": "raise", "provider": river, "receiver": river, "resourceConformsTo": water}
        | {"resourceQuantity": qty("1000000", m3)},
        "river water",
    )
    events["water"] = ev(
        "consume",
        provider=river,
        receiver=w.farm,
        inputOf=harvest,
        resourceInventoriedAs=river_water,
        resourceQuantity=qty("10", m3),
    )
    events["harvest emissions"] = ev(
        "produce", receiver=air, outputOf=harvest, resourceConformsTo=ghg, resourceQuantity=qty("50", co2)
    )
    farm_grain = new(
        "harvest",
        {"action": "produce", "provider": w.farm, "receiver": w.farm, "outputOf": harvest}
        | {"resourceConformsTo": w.grain, "resourceQuantity": qty("500", w.kg)},
        "farm grain",
    )
    mill_grain = new(
        "sale",
        {"action": "transfer", "provider": w.farm, "receiver": w.mill, "resourceInventoriedAs": farm_grain}
        | {"resourceQuantity": qty("200", w.kg)},
        "mill grain",
    )
    apples = new(
        "apples",
        {"action": "raise", "provider": orchard, "receiver": orchard, "resourceConformsTo": apples_spec}
        | {"resourceQuantity": qty("300", w.kg)},
        "apples",
    )
    for key, lot, owner, q in (("grain", mill_grain, w.mill, "200"), ("apples", apples, orchard, "300")):
        events[f"pickup {key}"] = ev(
            "pickup",
            provider=owner,
            receiver=w.carrier,
            inputOf=trip,
            resourceInventoriedAs=lot,
            resourceQuantity=qty(q, w.kg),
        )
    events["truck emissions"] = ev(
        "produce",
        provider=w.carrier,
        receiver=air,
        outputOf=trip,
        resourceConformsTo=ghg,
        resourceQuantity=qty("20", co2),
    )
    for key, lot, owner, q in (("grain", mill_grain, w.mill, "200"), ("apples", apples, orchard, "300")):
        events[f"dropoff {key}"] = ev(
            "dropoff",
            provider=w.carrier,
            receiver=owner,
            outputOf=trip,
            resourceInventoriedAs=lot,
            resourceQuantity=qty(q, w.kg),
        )
    events["milling"] = ev(
        "consume",
        provider=w.mill,
        receiver=w.mill,
        inputOf=milling,
        resourceInventoriedAs=mill_grain,
        resourceQuantity=qty("200", w.kg),
    )
    events["mill emissions"] = ev(
        "produce",
        provider=w.mill,
        receiver=air,
        outputOf=milling,
        resourceConformsTo=ghg,
        resourceQuantity=qty("12", co2),
    )
    flour = new(
        "flour",
        {"action": "produce", "provider": w.mill, "receiver": w.mill, "outputOf": milling}
        | {"resourceConformsTo": flour_spec, "resourceQuantity": qty("160", w.kg)},
        "flour",
    )
    return WorkedExample(
        river=river,
        air=air,
        orchard=orchard,
        m3=m3,
        co2=co2,
        water=water,
        ghg=ghg,
        flour_spec=flour_spec,
        apples_spec=apples_spec,
        harvest=harvest,
        trip=trip,
        milling=milling,
        river_water=river_water,
        farm_grain=farm_grain,
        mill_grain=mill_grain,
        apples=apples,
        flour=flour,
        events=events,
    )
