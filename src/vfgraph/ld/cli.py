"""``vfgraph export`` and ``vfgraph import`` (wired into :mod:`vfgraph.cli`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from vfgraph.errors import VfgraphError
from vfgraph.settings import Settings


def export_command(args: argparse.Namespace, settings: Settings) -> int:
    from vfgraph.bootstrap import open_ledger
    from vfgraph.ld import export, formats
    from vfgraph.ld.progress import Progress

    fmt = formats.by_name(args.format)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        with open_ledger(settings) as ledger:
            bar = Progress("export", None if args.root else export.total(ledger))
            try:
                for chunk in export.export(
                    ledger, fmt, root=args.root, direction=args.direction, progress=bar.advance
                ):
                    out.write(chunk)
            finally:
                bar.close()
    except VfgraphError as e:
        print(f"vfgraph export: {e.message} ({e.code})", file=sys.stderr)
        return 1
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def import_command(args: argparse.Namespace, settings: Settings) -> int:
    from vfgraph.bootstrap import open_ledger
    from vfgraph.ld.importer import import_files
    from vfgraph.ld.progress import Progress

    with open_ledger(settings) as ledger:
        ledger.store.ensure_schema()
        reports = import_files(
            ledger,
            [Path(p) for p in args.files],
            dry_run=args.dry_run,
            batch=max(1, args.batch),
            progress=lambda label, n: Progress(label, n),
        )
    if args.json:
        print(json.dumps([r.to_json() for r in reports], indent=2))
    for r in reports:
        if args.json:
            break
        records = sum(r.records.values())
        if r.error:
            print(f"{r.source}: not imported: {r.error}")
        elif r.rejected:
            print(f"{r.source}: rejected ({len(r.rejected)} problems, nothing written)")
            for v in r.rejected:
                print(f"  {v.focus_node}\n    path:    {v.path or '-'}")
                print(f"    message: {v.message}\n    shape:   {v.shape}")
        else:
            verb = "valid (dry run, nothing written)" if r.dry_run else "imported"
            print(f"{r.source}: {verb}: {records} records, {r.triples} triples")
        if r.external:
            print(f"  {len(r.external)} external references kept as IRIs")
        for d in r.discrepancies:
            note = f" ({d.note})" if d.note else ""
            print(
                f"  reconcile {d.resource} {d.quantity}: stated {d.stated}, events give {d.from_events}{note}"
            )
    return 0 if all(r.ok for r in reports) else 1


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ex = sub.add_parser("export", help="write the graph (or what a trace/track reaches) as linked data")
    ex.add_argument("--format", choices=["turtle", "jsonld", "nt"], default="turtle")
    ex.add_argument("--root", help="IRI of the record to trace or track from")
    ex.add_argument("--direction", choices=["upstream", "downstream"], default="downstream")
    ex.add_argument("-o", "--output", help="file to write (default: standard output)")
    ex.set_defaults(func=export_command)
    im = sub.add_parser("import", help="validate and load Turtle, N-Triples, JSON-LD or YAML-LD files")
    im.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    im.add_argument("--json", action="store_true", help="print the reports as JSON")
    im.add_argument(
        "--batch", type=int, default=1000, help="records per chunk (validation and writes; default 1000)"
    )
    im.add_argument("files", nargs="+", metavar="FILE")
    im.set_defaults(func=import_command)
