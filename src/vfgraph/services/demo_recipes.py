"""The demo's recipes: Stone Mill's milling (1.25 kg grain, 1 litre of water and 3 minutes of work make 1 kg
of flour, in batches that take 4 hours) and a bakery's bread (0.6 kg flour makes 1 kg bread in 2 hours).

Written through :class:`vfgraph.services.demo_records.DemoRecords`: fixed IRIs, nothing written twice.
With the demo loaded, ``planFromRecipe(resourceSpecification: <demo bread>, quantity: 10 kg, ...)`` for Stone
Mill plans the baking and nets the flour against the mill's 160 kg batch.
"""

from __future__ import annotations

from vfgraph.domain.kinds import Kind
from vfgraph.services.demo_records import DemoRecords, quantity


def load_recipes(demo: DemoRecords) -> None:
    """Write the demo recipes that are not there yet (the demo's units and specifications must be)."""
    record, iri = demo.record, demo.iri
    spec, unit = Kind.RESOURCE_SPECIFICATION, Kind.UNIT
    kg, m3, hour = iri(unit, "kilogram"), iri(unit, "cubic-metre"), iri(unit, "hour")
    grain, flour, water = iri(spec, "grain"), iri(spec, "flour"), iri(spec, "blue-water")
    milling_work = iri(spec, "milling-work")
    bread = record(spec, "bread", {"name": "Bread", "defaultUnitOfResource": kg})
    baking = record(Kind.PROCESS_SPECIFICATION, "baking", {"name": "Baking"})

    mill = record(
        Kind.RECIPE_PROCESS,
        "milling",
        {
            "name": "Milling a batch of flour",
            "processConformsTo": iri(Kind.PROCESS_SPECIFICATION, "milling"),
            "hasDuration": quantity("4", hour),
        },
    )
    bake = record(
        Kind.RECIPE_PROCESS,
        "baking",
        {"name": "Baking bread", "processConformsTo": baking, "hasDuration": quantity("2", hour)},
    )
    out, into = "recipeOutputOf", "recipeInputOf"
    flows = (
        ("milling-flour", "produce", flour, out, mill, {"resourceQuantity": quantity("1", kg)}),
        ("milling-grain", "consume", grain, into, mill, {"resourceQuantity": quantity("1.25", kg)}),
        ("milling-water", "consume", water, into, mill, {"resourceQuantity": quantity("0.001", m3)}),
        ("milling-work", "work", milling_work, into, mill, {"effortQuantity": quantity("0.05", hour)}),
        ("baking-flour", "consume", flour, into, bake, {"resourceQuantity": quantity("0.6", kg)}),
        ("baking-bread", "produce", bread, out, bake, {"resourceQuantity": quantity("1", kg)}),
    )
    for key, action, conforms_to, side, process, measure in flows:
        params = {"action": action, "resourceConformsTo": conforms_to, side: process, **measure}
        record(Kind.RECIPE_FLOW, key, params)
