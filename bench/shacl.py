"""SHACL benchmark: validating the view of one economic event, with each engine vocab/shacl.py wraps.

The view is the one the write path builds for a `transfer` of 25 kg from one stored resource to another
(the event, its measure, the action individual's triples, the types of the records it names), validated
by `ShapesValidator.validate` as a write calls it. Prints, for each engine, the median and the 90th
percentile of single validations, the ratio pyshacl/turbo, and for the turbo engine the events/s of one
thread against two threads validating at once (whether it validates on both cores, i.e. releases the GIL).
A chunk of 1,000 such views in one graph (an import-sized chunk, a bulk write) is timed too.

Target (issue 11): one event view in <= 1 ms median on a quiet machine with the default engine.

    python bench/shacl.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from decimal import Decimal

from rdflib import Graph

from vfgraph.domain.kinds import Kind
from vfgraph.settings import SHACL_ENGINES
from vfgraph.vocab import views
from vfgraph.vocab.ontology import Ontology, load_ontology
from vfgraph.vocab.shacl import ShapesValidator

EX = "https://example.org/bench/"


def event_view(ontology: Ontology, n: int = 0) -> Graph:
    """The view of a transfer event, as services/events.py builds it (record, action, referenced types)."""
    g = Graph()
    values = {
        "action": "transfer",
        "provider": EX + "mill",
        "receiver": EX + "bakery",
        "resourceInventoriedAs": EX + "flour",
        "toResourceInventoriedAs": EX + "bakery-flour",
        "resourceQuantity": {"hasNumericalValue": Decimal(25), "hasUnit": EX + "kg"},
        "hasPointInTime": "2026-10-01T09:00:00Z",
        "previousEvent": [EX + "earlier"],
    }
    views.add_record(g, Kind.ECONOMIC_EVENT, f"{EX}event/{n}", values)
    views.add_action(g, ontology.action_triples("transfer"))
    for iri, labels in (
        ("mill", ["Record", "Agent", "Organization"]),
        ("bakery", ["Record", "Agent", "Organization"]),
        ("flour", ["Record", "EconomicResource"]),
        ("bakery-flour", ["Record", "EconomicResource"]),
        ("kg", ["Record", "Unit"]),
        ("earlier", ["Record", "EconomicEvent"]),
    ):
        views.add_type(g, EX + iri, labels)
    return g


def timings(validator: ShapesValidator, view: Graph, runs: int) -> list[float]:
    for _ in range(min(50, runs)):  # warm-up
        validator.validate(view)
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        found = validator.validate(view)
        out.append(time.perf_counter() - started)
        if found:
            raise SystemExit(f"the bench view does not conform: {found}")
    return out


def rate(validator: ShapesValidator, view: Graph, threads: int, seconds: float = 2.0) -> float:
    """Validations per second with ``threads`` threads validating at once."""
    done = [0] * threads
    stop = time.perf_counter() + seconds

    def work(i: int) -> None:
        while time.perf_counter() < stop:
            validator.validate(view)
            done[i] += 1

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    started = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sum(done) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1000, help="validations per engine (pyshacl: a fifth)")
    args = parser.parse_args()
    ontology = load_ontology()
    view = event_view(ontology)
    chunk = Graph()
    for n in range(1000):
        chunk += event_view(ontology, n)
    turbo = ShapesValidator(engine="turbo")
    medians: dict[str, float] = {}
    print(f"one event view: {len(view)} triples; chunk: 1,000 views, {len(chunk)} triples")
    for engine in SHACL_ENGINES:
        validator = turbo.using(engine)
        runs = args.runs if engine == "turbo" else max(20, args.runs // 5)
        times = timings(validator, view, runs)
        medians[engine] = statistics.median(times)
        p90 = statistics.quantiles(times, n=10)[-1]
        started = time.perf_counter()
        validator.validate(chunk)
        chunk_seconds = time.perf_counter() - started
        print(
            f"{engine:8s} one view: median {medians[engine] * 1000:7.3f} ms, p90 {p90 * 1000:7.3f} ms"
            f" ({runs} runs); chunk of 1,000: {chunk_seconds * 1000:8.1f} ms"
            f" ({chunk_seconds:.3f} ms per view)"
        )
    print(f"ratio pyshacl/turbo (one view, medians): {medians['pyshacl'] / medians['turbo']:.1f}x")
    one, two = rate(turbo, view, 1), rate(turbo, view, 2)
    print(f"turbo, validations/s: 1 thread {one:.0f}, 2 threads {two:.0f} (ratio {two / one:.2f})")
    verdict = "met" if medians["turbo"] <= 0.001 else "not met (on this machine)"
    print(f"target <= 1 ms median with turbo: {verdict}")


if __name__ == "__main__":
    main()
