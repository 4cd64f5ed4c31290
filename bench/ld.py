"""Linked-data benchmark: vfgraph's import and export of a generated graph against rdflib alone.

Generates an N-Triples file of about ``--triples`` triples (units, agents, specifications, resources with
quantities, and raise/consume events on them, under a fresh base IRI), then measures, each phase in its own
process so that peak memory is its own:

- rdflib: parse the file into a Graph, and serialise that Graph as N-Triples (the baseline);
- import: ``vfgraph.ld.importer`` on the same file, opened as a stream (spooled to disk, then chunk by
  chunk: read records, SHACL validation, batched UNWIND writes, all in one transaction; reconciliation,
  links and breadcrumbs);
- export: ``vfgraph.ld.export`` of the same records as N-Triples (keyset pages, streamed).

Prints triples per second of each, the ratios vfgraph/rdflib (1.0 = as fast as rdflib alone; import does
far more than parse, so expect well below), and each phase's peak resident memory.

    python bench/ld.py [--triples N]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

XSD = "http://www.w3.org/2001/XMLSchema#"
VF = "https://w3id.org/valueflows/ont/vf#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
EVENTS_PER_RESOURCE = 4
DELETE_BATCH = """
MATCH (n) WHERE (n:Record OR n:External) AND n.id STARTS WITH $base
WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS n
"""
TRIPLES_PER_GROUP = 58  # a resource (14 triples) and its four events (11 each)


def generate(path: Path, triples: int) -> tuple[str, int]:
    base = f"http://0.example/bench/{uuid.uuid4().hex}/"
    groups = max(1, triples // TRIPLES_PER_GROUP)
    n = 0

    def t(s: str, p: str, o: str) -> str:
        nonlocal n
        n += 1
        return f"<{base}{s}> <{VF}{p}> {o} .\n" if p != "a" else f"<{base}{s}> {RDF_TYPE} <{VF}{o}> .\n"

    def lit(text: str, dt: str | None = None) -> str:
        return f'"{text}"' + (f"^^<{XSD}{dt}>" if dt else "")

    def measure(owner: str, prop: str, label: str, value: str, out: list[str]) -> None:
        nonlocal n
        b = f"_:{label}"
        out.append(f"<{base}{owner}> <{VF}{prop}> {b} .\n")
        out.append(f"{b} {RDF_TYPE} <{VF}Measure> .\n")
        out.append(f'{b} <{VF}hasNumericalValue> "{value}"^^<{XSD}decimal> .\n')
        out.append(f"{b} <{VF}hasUnit> <{base}kg> .\n")
        n += 4

    with path.open("w") as f:
        head = [t("kg", "a", "Unit"), t("kg", "label", lit("kilogram")), t("kg", "symbol", lit("kg"))]
        for i in range(10):
            head += [t(f"org{i}", "a", "Organization"), t(f"org{i}", "a", "Agent")]
            head += [t(f"org{i}", "name", lit(f"org {i}"))]
            head += [t(f"spec{i}", "a", "ResourceSpecification"), t(f"spec{i}", "name", lit(f"spec {i}"))]
        f.writelines(head)
        for g in range(groups):
            r = f"res{g}"
            out = [
                t(r, "a", "EconomicResource"),
                t(r, "name", lit(f"lot {g}")),
                t(r, "conformsTo", f"<{base}spec{g % 10}>"),
            ]
            out += [
                t(r, "trackingIdentifier", lit(f"T-{g}")),
                t(r, "primaryAccountable", f"<{base}org{g % 10}>"),
            ]
            out += [t(r, "note", lit("generated"))]
            measure(r, "accountingQuantity", f"a{g}", "8", out)
            measure(r, "onhandQuantity", f"o{g}", "8", out)
            for k in range(EVENTS_PER_RESOURCE):
                e = f"ev{g}-{k}"
                action = "raise" if k < 2 else "consume"
                out += [t(e, "a", "EconomicEvent"), t(e, "action", f"<{VF}{action}>")]
                out += [t(e, "provider", f"<{base}org{g % 10}>"), t(e, "receiver", f"<{base}org{g % 10}>")]
                out += [t(e, "resourceInventoriedAs", f"<{base}{r}>")]
                out += [t(e, "hasPointInTime", lit(f"2024-01-01T00:{k:02d}:00Z", "dateTime"))]
                out += [t(e, "note", lit(f"event {k}"))]
                measure(e, "resourceQuantity", f"q{g}-{k}", "6" if k < 2 else "2", out)
            f.writelines(out)
    return base, n


def phase(name: str, path: Path, base: str) -> dict[str, float]:
    """Run one phase in this process; returns seconds, triples and peak RSS (MiB)."""
    from rdflib import Graph

    start = time.perf_counter()
    result: dict[str, float] = {}
    if name == "rdflib":
        g = Graph()
        g.parse(path, format="nt")
        parsed = time.perf_counter()
        text = g.serialize(format="nt")
        result = {"parse": parsed - start, "serialise": time.perf_counter() - parsed, "triples": len(g)}
        del text
    else:
        from vfgraph.bootstrap import open_ledger
        from vfgraph.ld import export, formats
        from vfgraph.ld.importer import import_data
        from vfgraph.settings import Settings

        with open_ledger(Settings.from_env()) as ledger:
            ledger.store.ensure_schema()
            if name == "import":
                with path.open("rb") as data:  # streamed: the file is not read into memory first
                    report = import_data(ledger, data, formats.NTRIPLES, source=str(path))
                if not report.ok:
                    raise SystemExit(json.dumps(report.to_json())[:2000])
                result = {"import": time.perf_counter() - start, "triples": report.triples}
            elif name == "cleanup":
                # The benchmark's records are removed again: the database is shared.
                while ledger.store.write(lambda tx: tx.rows(DELETE_BATCH, {"base": base}))[0]["n"]:
                    pass
            else:
                iris = {line.split(" ", 1)[0][1:-1] for line in path.open() if line.startswith("<")}
                written = 0
                with open(path.with_suffix(".out.nt"), "w") as out:
                    for chunk in export.export(ledger, formats.NTRIPLES, iris=sorted(iris)):
                        written += chunk.count("\n")
                        out.write(chunk)
                result = {"export": time.perf_counter() - start, "triples": written}
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--base", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.file, args.base)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.nt"
        base, n = generate(path, args.triples)
        print(f"generated {n:,} triples ({path.stat().st_size / 2**20:.0f} MiB of N-Triples)")
        results = {}
        for name in ("rdflib", "import", "export", "cleanup"):
            out = subprocess.run(
                [sys.executable, __file__, "--phase", name, "--file", str(path), "--base", base],
                check=False,
                capture_output=True,
                text=True,
            )
            if out.returncode != 0:
                raise SystemExit(f"phase {name} failed:\n{out.stderr[-3000:]}")
            results[name] = json.loads(out.stdout.strip().splitlines()[-1])
    rd, im, ex = results["rdflib"], results["import"], results["export"]
    rate = {
        "rdflib parse": rd["triples"] / rd["parse"],
        "rdflib serialise": rd["triples"] / rd["serialise"],
        "vfgraph import": im["triples"] / im["import"],
        "vfgraph export": ex["triples"] / ex["export"],
    }
    for label, value in rate.items():
        print(f"{label:18s} {value:12,.0f} triples/s")
    print(f"import / rdflib parse      {rate['vfgraph import'] / rate['rdflib parse']:.3f}")
    print(f"export / rdflib serialise  {rate['vfgraph export'] / rate['rdflib serialise']:.3f}")
    print(
        f"peak memory (MiB): rdflib {rd['peak_mib']:.0f}, import {im['peak_mib']:.0f},"
        f" export {ex['peak_mib']:.0f}"
    )
    times = f"rdflib parse {rd['parse']:.1f} + serialise {rd['serialise']:.1f}"
    print(f"times (s): {times}, import {im['import']:.1f}, export {ex['export']:.1f}")


if __name__ == "__main__":
    main()
