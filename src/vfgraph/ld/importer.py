"""Import: a file of linked data stored as stated, whole or not at all.

For one file (:func:`import_data`):

1. parse it offline (:mod:`vfgraph.ld.parse`) and read the records it states (:mod:`vfgraph.ld.records`);
2. in one transaction: look up which referenced IRIs the graph holds; the rest are *external references*
   (kept as ``:External`` nodes, never invented as records);
3. validate with the SHACL shapes, in batches of records of one kind: each batch's view is built by
   :func:`vfgraph.vocab.views.add_record` exactly as on the write path, with the types of what it refers to
   (from the file, from the graph, and for an external reference the ``rdfs:range`` the ontology gives the
   property pointing at it);
4. reconcile the stated quantities of the file's resources with their events (:mod:`vfgraph.ld.reconcile`);
5. unless the report has rejections or this is a dry run, write every record as stated (properties, and
   relationships from the fields table), in batched ``UNWIND`` statements of the same transaction. Event
   effects are not applied again.

A record that is already stored with the same kind is replaced by the file's statement of it (so importing
a file twice changes nothing but revision numbers); one stored with another kind is a rejection. Economic
events are immutable: a stored event may be stated again only exactly as it is stored (a correction is a
new event that ``corrects`` it); a different statement of it is a rejection.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from vfgraph.domain.fields import DERIVED, FIELDS, field_map
from vfgraph.domain.kinds import Kind
from vfgraph.errors import InvalidInput, Violation
from vfgraph.ld import formats
from vfgraph.ld.parse import parse
from vfgraph.ld.progress import Progress
from vfgraph.ld.reconcile import Discrepancy, reconcile
from vfgraph.ld.records import RULE_IMMUTABLE, RULE_KIND, Stated, read_records
from vfgraph.services import normalize
from vfgraph.services.ledger import Ledger
from vfgraph.services.records import current_values, now
from vfgraph.store import ld as store_ld
from vfgraph.store.cypher import write as write_cypher
from vfgraph.store.driver import Tx
from vfgraph.vocab import views

ProgressFactory = Callable[[str, int | None], Progress]


@dataclass
class ImportReport:
    """What an import of one file did, or why it did not."""

    source: str
    format: str
    dry_run: bool
    triples: int = 0
    records: dict[str, int] = field(default_factory=dict)
    written: bool = False
    rejected: list[Violation] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and not self.rejected

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.format,
            "dryRun": self.dry_run,
            "ok": self.ok,
            "written": self.written,
            "triples": self.triples,
            "records": self.records,
            "error": self.error,
            "rejected": [
                {"focusNode": v.focus_node, "path": v.path, "message": v.message, "shape": v.shape}
                for v in self.rejected
            ],
            "external": self.external,
            "discrepancies": [d.to_json() for d in self.discrepancies],
        }


def _comparable(values: Mapping[str, Any]) -> dict[str, Any]:
    derived = DERIVED.get(Kind.ECONOMIC_EVENT, frozenset())
    return {
        k: sorted(v) if isinstance(v, list) else v
        for k, v in values.items()
        if v is not None and k not in derived
    }


def _same_event(tx: Tx, r: Stated) -> bool:
    """True when the stored event says exactly what the file states about it."""
    state = tx.one(write_cypher.RECORD_STATE, {"id": r.iri})
    if state is None:
        return True
    stored = normalize.values_of(r.kind, current_values(r.kind, state))
    return _comparable(stored) == _comparable(r.values)


def _labels(kind: Kind) -> list[str]:
    return ["Agent", kind.value] if kind.is_agent else [kind.value]


class _Import:
    def __init__(
        self,
        ledger: Ledger,
        records: list[Stated],
        report: ImportReport,
        batch: int,
        progress: ProgressFactory | None,
    ) -> None:
        self.ledger = ledger
        self.records = records
        self.report = report
        self.batch = batch
        self.progress = progress
        self.kind_in_file = {r.iri: r.kind for r in records}

    def refs(self, r: Stated) -> set[str]:
        return normalize.referenced_ids(r.kind, r.values)

    def run(self, tx: Tx) -> None:
        report = self.report
        referenced = set().union(*(self.refs(r) for r in self.records)) if self.records else set()
        stored = store_ld.labels_of(tx, sorted(referenced | set(self.kind_in_file)))
        existing = []
        for r in self.records:
            labels = stored.get(r.iri)
            if labels is None:
                continue
            existing.append(r.iri)
            if r.kind.value not in labels:
                kinds = ", ".join(sorted(set(labels) - {"Record", "Agent"}))
                report.rejected.append(
                    Violation(r.iri, None, f"stored as {kinds}; the file states a {r.kind.value}", RULE_KIND)
                )
            elif r.kind is Kind.ECONOMIC_EVENT and not _same_event(tx, r):
                report.rejected.append(
                    Violation(
                        r.iri,
                        None,
                        "this economic event is already recorded differently; events are immutable, so"
                        " correct it with a new event that vf:corrects it",
                        RULE_IMMUTABLE,
                    )
                )
        external = sorted(referenced - set(self.kind_in_file) - set(stored))
        report.external = external
        report.rejected.extend(self.validate(stored, set(external)))
        report.discrepancies = self.reconcile(tx)
        if report.rejected or report.dry_run:
            return
        rows = [self.row(r) for r in self.records]
        bar = self.progress("write", len(rows)) if self.progress else None
        store_ld.write_records(
            tx,
            rows,
            externals=external,
            existing=existing,
            now=now(),
            batch=self.batch,
            progress=None if bar is None else bar.advance,
        )
        if bar is not None:
            bar.close()
        report.written = True

    def validate(self, stored: Mapping[str, list[str]], external: set[str]) -> list[Violation]:
        by_kind: dict[Kind, list[Stated]] = {}
        for r in self.records:
            by_kind.setdefault(r.kind, []).append(r)
        bar = self.progress("validate", len(self.records)) if self.progress else None
        found: list[Violation] = []
        ranges = self.ledger.ontology.graph
        # One kind per view: the shapes read a resource with properties next to an event as one the event
        # creates, which an import never does.
        for records in by_kind.values():
            for start in range(0, len(records), self.batch):
                chunk = records[start : start + self.batch]
                view = Graph()
                here = {r.iri for r in chunk}
                refs: set[str] = set()
                for r in chunk:
                    views.add_record(view, r.kind, r.iri, r.values)
                    if "action" in field_map(r.kind) and r.values.get("action"):
                        views.add_action(view, self.ledger.ontology.action_triples(str(r.values["action"])))
                    refs |= self.refs(r)
                for ref in sorted(refs - here):
                    if ref in self.kind_in_file:
                        views.add_type(view, ref, _labels(self.kind_in_file[ref]))
                    elif ref in stored:
                        views.add_type(view, ref, stored[ref])
                    elif ref in external:
                        node = URIRef(ref)
                        for p in set(view.predicates(None, node)):
                            rng = ranges.value(p, RDFS.range)
                            if isinstance(rng, URIRef) and not rng.startswith(str(XSD)):
                                view.add((node, RDF.type, rng))
                found.extend(self.ledger.validator.validate(view))
                if bar is not None:
                    bar.advance(len(chunk))
        if bar is not None:
            bar.close()
        return found

    def reconcile(self, tx: Tx) -> list[Discrepancy]:
        resources = {r.iri: r.values for r in self.records if r.kind is Kind.ECONOMIC_RESOURCE}
        if not resources:
            return []
        events: dict[str, Mapping[str, Any]] = {
            r.iri: r.values for r in self.records if r.kind is Kind.ECONOMIC_EVENT
        }
        for stored in store_ld.events_of_resources(tx, sorted(resources)):
            if stored.id not in events:
                values = current_values(Kind.ECONOMIC_EVENT, stored.state)
                try:
                    events[stored.id] = normalize.values_of(Kind.ECONOMIC_EVENT, values)
                except InvalidInput:
                    continue
        return reconcile(resources, events.items(), self.ledger.actions)

    @staticmethod
    def row(r: Stated) -> store_ld.RecordRow:
        # Every field of the kind: what the file does not state is removed from a record stored before.
        values = {f.name: r.values.get(f.name) for f in FIELDS[r.kind]}
        props, rels = normalize.properties(r.kind, values)
        return store_ld.RecordRow(
            kind=r.kind,
            id=r.iri,
            props=props,
            rels={rel: targets for rel, targets in rels.items() if targets},
            created_at=r.created_at,
        )


def import_data(
    ledger: Ledger,
    data: bytes | str,
    fmt: formats.Format,
    *,
    source: str = "(request body)",
    dry_run: bool = False,
    batch: int = 1000,
    progress: ProgressFactory | None = None,
) -> ImportReport:
    """Import one document; the report says what was written, or every reason it was not."""
    report = ImportReport(source=source, format=fmt.name, dry_run=dry_run)
    try:
        g = parse(data, fmt)
    except InvalidInput as e:
        report.error = e.message
        return report
    report.triples = len(g)
    reading = read_records(g, ledger.actions)
    del g
    report.records = dict(sorted(Counter(r.kind.value for r in reading.records).items()))
    report.rejected.extend(reading.problems)
    if report.rejected:
        return report
    work = _Import(ledger, reading.records, report, batch, progress)
    if dry_run:
        ledger.store.read(work.run)
    else:
        ledger.store.write(work.run)
    report.rejected.sort(key=lambda v: (v.focus_node, v.path or "", v.shape, v.message))
    return report


def import_files(
    ledger: Ledger,
    paths: Sequence[Path],
    *,
    dry_run: bool = False,
    batch: int = 1000,
    progress: ProgressFactory | None = None,
) -> list[ImportReport]:
    """Import each file in its own transaction (a file is written whole or not at all)."""
    reports = []
    for path in paths:
        try:
            fmt = formats.by_path(path)
            data = path.read_bytes()
        except (InvalidInput, OSError) as e:
            message = e.message if isinstance(e, InvalidInput) else str(e)
            reports.append(ImportReport(source=str(path), format="?", dry_run=dry_run, error=message))
            continue
        reports.append(
            import_data(ledger, data, fmt, source=str(path), dry_run=dry_run, batch=batch, progress=progress)
        )
    return reports
