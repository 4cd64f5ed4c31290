"""Run the ValueFlows specification's worked examples through import and export, by hand.

    python scripts/ld_examples.py FOLDER [--dry-run]

For each ``*.yaml`` file (YAML-LD): import it (records keep the examples' IRIs, under example domains), export
the records it states, and check that the export is the file's graph up to vfgraph's documented
normalisations (vfgraph.ld.canonical). Prints one line per file and the reasons of every rejection. The
project's tests do not use this script (the examples live outside the repository).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, isomorphic

from vfgraph.bootstrap import open_ledger
from vfgraph.ld import export, formats
from vfgraph.ld.canonical import canonical
from vfgraph.ld.importer import import_data
from vfgraph.ld.parse import parse
from vfgraph.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    outcome: Counter[str] = Counter()
    with open_ledger(Settings.from_env()) as ledger:
        ledger.store.ensure_schema()
        for path in sorted(args.folder.glob("*.yaml")):
            data = path.read_bytes()
            report = import_data(ledger, data, formats.YAMLLD, source=path.name, dry_run=args.dry_run)
            if report.error:
                outcome["unreadable"] += 1
                print(f"UNREADABLE {path.name}: {report.error}")
                continue
            if report.rejected:
                outcome["rejected"] += 1
                print(f"REJECTED   {path.name}: {len(report.rejected)} problems")
                for v in report.rejected:
                    print(f"    {v.focus_node} {v.path or ''}\n        {v.message}  [{v.shape}]")
                continue
            if args.dry_run:
                outcome["valid"] += 1
                print(f"VALID      {path.name}: {sum(report.records.values())} records")
                continue
            source = canonical(parse(data, formats.YAMLLD))
            iris = sorted({str(s) for s in source.subjects() if isinstance(s, URIRef)})
            out = canonical(
                Graph().parse(data="".join(export.export(ledger, formats.TURTLE, iris=iris)), format="turtle")
            )
            if isomorphic(source, out):
                outcome["round-trip"] += 1
                print(
                    f"ROUND TRIP {path.name}: {sum(report.records.values())} records, {len(source)} triples"
                )
            else:
                outcome["differs"] += 1
                _, only_in, only_out = graph_diff(source, out)
                print(
                    f"DIFFERS    {path.name}: {len(only_in)} triples only in the file,"
                    f" {len(only_out)} only in the export"
                )
            for d in report.discrepancies:
                print(
                    f"    reconcile {d.resource} {d.quantity}: stated {d.stated},"
                    f" events give {d.from_events} {d.note}"
                )
    print(dict(outcome))


if __name__ == "__main__":
    main()
