"""planFromRecipe benchmark: a plan's records validated in one SHACL view, against one view per record.

Builds a chain of recipes N levels deep (each level makes its specification from the next level's, plus a
bought input), then plans from its top: 1 plan, N processes and 3N flows. The same plan is timed as
vfgraph writes it (``records.insert_many``: one SHACL run over all the records) and, as the baseline in the
same run, with every record validated on its own (what N separate creations would cost). Prints the median
time of each and the ratio (baseline / batched).

    python bench/recipes.py [--levels N] [--runs R]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from vfgraph.bootstrap import open_ledger
from vfgraph.domain.kinds import Kind
from vfgraph.services import planning_recipes, recipes, records
from vfgraph.services.ledger import Ledger
from vfgraph.settings import Settings
from vfgraph.store.driver import Tx


def chain(ledger: Ledger, levels: int) -> tuple[str, str, str]:
    """A recipe chain ``levels`` deep; returns (top specification, kg, planning agent)."""
    c = ledger.create
    kg = c(Kind.UNIT, {"label": "kilogram", "symbol": "kg"})
    agent = c(Kind.ORGANIZATION, {"name": "bench planner"})
    specs = [c(Kind.RESOURCE_SPECIFICATION, {"name": f"part {i}"}) for i in range(levels + 1)]
    bought = c(Kind.RESOURCE_SPECIFICATION, {"name": "bought part"})

    def q(value: str) -> dict[str, Any]:
        return {"hasNumericalValue": Decimal(value), "hasUnit": kg}

    for i in range(levels):
        duration = {"numericDuration": Decimal("2"), "unitType": "hour"}
        step = recipes.create(ledger, Kind.RECIPE_PROCESS, {"name": f"step {i}", "hasDuration": duration})
        for side, spec, amount, action in (
            ("recipeOutputOf", specs[i], "1", "produce"),
            ("recipeInputOf", specs[i + 1], "1.1", "consume"),
            ("recipeInputOf", bought, "0.2", "consume"),
        ):
            flow = {"action": action, "resourceConformsTo": spec, "resourceQuantity": q(amount), side: step}
            recipes.create(ledger, Kind.RECIPE_FLOW, flow)
    return specs[0], kg, agent


def one_view_per_record(original: Callable[..., list[str]]) -> Callable[..., list[str]]:
    def insert_each(ledger: Ledger, tx: Tx, new: Sequence[records.NewRecord]) -> list[str]:
        return [iri for r in new for iri in original(ledger, tx, [r])]

    return insert_each


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--levels", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with open_ledger(Settings.from_env()) as ledger:
        top, kg, agent = chain(ledger, args.levels)
        quantity = {"hasNumericalValue": Decimal("100"), "hasUnit": kg}

        def plan() -> int:
            p = planning_recipes.plan_from_recipe(ledger, top, quantity, "2026-12-01T12:00:00Z", agent=agent)
            return 1 + len(p.processes) + len(p.commitments) + len(p.intents)

        def median(label: str) -> float:
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                written = plan()
                times.append(time.perf_counter() - started)
            seconds = statistics.median(times)
            print(f"{label:<28} {written} records  median {seconds * 1000:8.1f} ms")
            return seconds

        batched = median("one SHACL view per plan")
        original = records.insert_many
        records.insert_many = one_view_per_record(original)
        try:
            baseline = median("one SHACL view per record")
        finally:
            records.insert_many = original
        print(f"ratio (per record / per plan): {baseline / batched:.2f}")


if __name__ == "__main__":
    main()
