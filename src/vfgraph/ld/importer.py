"""Import: a file of linked data stored as stated, whole or not at all, in bounded memory.

For one file (:func:`import_data`):

1. parse it offline, as a stream, into a spool on disk (:mod:`vfgraph.ld.spool`), indexed by subject;
2. in one transaction, one chunk of records at a time (``batch`` records of one kind, read back from the
   spool as a small graph): read the records it states (:mod:`vfgraph.ld.records`), look up which IRIs they
   refer to are in the file, in the graph, or neither (*external references*, kept as ``:External`` nodes,
   never invented as records); validate the chunk with the SHACL shapes, its view built by
   :func:`vfgraph.vocab.views.add_record` exactly as on the write path, with the types of what it refers to
   (from the file, from the graph, and for an external reference the ``rdfs:range`` the ontology gives the
   property pointing at it); and, unless this is a dry run, write its nodes with batched ``UNWIND``
   statements;
3. reconcile the stated quantities of the file's resources with their events (:mod:`vfgraph.ld.reconcile`),
   resource chunk by resource chunk;
4. if anything was rejected, roll the transaction back (nothing is written); else link the records as the
   fields table says, and give the file's new events and their resources the ledger's breadcrumbs
   (:func:`_Import.breadcrumbs`). Event effects are not applied again.

Memory holds one chunk (plus the names of the external references and the report); the spool holds the
rest. The Neo4j transaction holds the whole file's changes, so the server's transaction memory bounds the
size of one file (docs/linked-data.md).

A record that is already stored with the same kind is replaced by the file's statement of it (so importing
a file twice changes nothing but revision numbers); one stored with another kind is a rejection. Economic
events are immutable: a stored event may be stated again only exactly as it is stored (a correction is a
new event that ``corrects`` it); a different statement of it is a rejection.

Imported records get the ledger's bookkeeping: ``createdBy``/``updatedBy`` (and key ids) name the importing
caller, ``involved`` lists the agents the record involves (as :func:`vfgraph.services.authorization.involved`
decides for written records), and each resource's events are numbered in order of time after the events it
already had (``resourceSeq``/``toResourceSeq``, ``eventCount``/``lastEvent``), each new event linked to the
one before it on the same resource (``PREVIOUS_EVENT``) unless the file states ``vfg:previousEvent`` for it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from vfgraph.domain.fields import DERIVED, FIELDS, field_map
from vfgraph.domain.kinds import Kind
from vfgraph.errors import InvalidInput, TransactionTooLarge, Violation
from vfgraph.ld import formats
from vfgraph.ld.progress import Progress
from vfgraph.ld.reconcile import Discrepancy, reconcile
from vfgraph.ld.records import RULE_IMMUTABLE, RULE_KIND, RULE_NODE, Stated, read_records
from vfgraph.ld.spool import Spool, spool
from vfgraph.services import authorization, claims, normalize
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


def _restated_differently(tx: Tx, events: Sequence[Stated]) -> set[str]:
    """The stored events among ``events`` that say something else than the file states (one read)."""
    if not events:
        return set()
    rows = tx.rows(write_cypher.RECORD_STATES, {"ids": [r.iri for r in events]})
    states = {row["id"]: row for row in rows}
    changed: set[str] = set()
    for r in events:
        state = states.get(r.iri)
        if state is None:
            continue
        stored = normalize.values_of(r.kind, current_values(r.kind, state))
        if _comparable(stored) != _comparable(r.values):
            changed.add(r.iri)
    return changed


def _labels(kind: Kind) -> list[str]:
    return ["Agent", kind.value] if kind.is_agent else [kind.value]


class _Rejected(Exception):
    """Raised inside the transaction to roll back an import that has rejections."""


_SLOTS = ("resourceInventoriedAs", "toResourceInventoriedAs")
_SEQ = {"resourceInventoriedAs": "resourceSeq", "toResourceInventoriedAs": "toResourceSeq"}


def _time_key(values: Mapping[str, Any]) -> str | None:
    """When an event happened, as sortable UTC text (as a trace shows it: point, else end, else start)."""
    for name in ("hasPointInTime", "hasEnd", "hasBeginning"):
        value = values.get(name)
        if isinstance(value, datetime):
            return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
    return None


class _Import:
    def __init__(
        self,
        ledger: Ledger,
        spooled: Spool,
        report: ImportReport,
        batch: int,
        progress: ProgressFactory | None,
    ) -> None:
        self.ledger = ledger
        self.spool = spooled
        self.report = report
        self.batch = batch
        self.progress = progress
        self.claims_touched: set[str] = set()

    @staticmethod
    def refs(r: Stated) -> set[str]:
        return normalize.referenced_ids(r.kind, r.values)

    def run(self, tx: Tx) -> None:
        report = self.report
        report.triples, report.written = 0, False
        self.claims_touched = set()
        report.records, report.rejected, report.discrepancies = {}, [], []
        self.spool.restart()
        writer = store_ld.Writer(now=now(), agent=self._agent(), key=self._key())
        counts: Counter[str] = Counter()
        external: set[str] = set()
        bar = self.progress("import", self.spool.count_roots()) if self.progress else None
        for roots in self.spool.roots(self.batch):
            g = self.spool.graph_of([s for s, _ in roots])
            report.triples += len(g)
            reading = read_records(g, self.ledger.actions)
            del g
            report.rejected.extend(reading.problems)
            counts.update(r.kind.value for r in reading.records)
            # A record the reader refused is reported once, for what the reader found, not again by the
            # shapes for the values it could not read.
            refused = {v.focus_node for v in reading.problems}
            readable = [r for r in reading.records if r.iri not in refused]
            self.chunk(tx, readable, dict(roots), external, writer)
            if bar is not None:
                bar.advance(len(roots))
        if bar is not None:
            bar.close()
        report.rejected.extend(
            Violation(
                node,
                None,
                "no record states this blank node (it and the blank nodes around it only point at each"
                " other), so its triples would be lost",
                RULE_NODE,
            )
            for node in self.spool.unreached()
        )
        report.records = dict(sorted(counts.items()))
        report.external = sorted(external)
        report.discrepancies = self.reconcile(tx)
        if report.rejected:
            raise _Rejected
        if report.dry_run:
            return
        self.link(tx)
        self.breadcrumbs(tx)
        # What remains of those claims, as a settlement written through the ledger would leave it.
        for claim in sorted(self.claims_touched):
            claims.recount(tx, claim, bump=False)
        report.written = True

    def _agent(self) -> str | None:
        caller = self.ledger.caller
        return None if caller is None else caller.agent

    def _key(self) -> str | None:
        caller = self.ledger.caller
        return None if caller is None else caller.key_id

    def chunk(
        self,
        tx: Tx,
        records: list[Stated],
        positions: Mapping[str, int],
        external: set[str],
        writer: store_ld.Writer,
    ) -> None:
        """Check, validate, keep and (unless rejected so far or a dry run) write one chunk of records."""
        report = self.report
        referenced = set().union(*(self.refs(r) for r in records)) if records else set()
        ids = {r.iri for r in records}
        in_file = self.spool.kinds_of(referenced | ids)
        stored = store_ld.labels_of(tx, sorted(referenced | ids))
        existing: list[str] = []
        restated = [
            r
            for r in records
            if r.kind is Kind.ECONOMIC_EVENT and Kind.ECONOMIC_EVENT.value in stored.get(r.iri, ())
        ]
        changed = _restated_differently(tx, restated)
        for r in records:
            labels = stored.get(r.iri)
            if labels is None:
                continue
            existing.append(r.iri)
            if r.kind.value not in labels:
                kinds = ", ".join(sorted(set(labels) - {"Record", "Agent"}))
                report.rejected.append(
                    Violation(r.iri, None, f"stored as {kinds}; the file states a {r.kind.value}", RULE_KIND)
                )
            elif r.iri in changed:
                report.rejected.append(
                    Violation(
                        r.iri,
                        None,
                        "this economic event is already recorded differently; events are immutable, so"
                        " correct it with a new event that vf:corrects it",
                        RULE_IMMUTABLE,
                    )
                )
        outside = referenced - set(in_file) - set(stored)
        external |= outside
        report.rejected.extend(self.validate(records, in_file, stored, outside))
        self.spool.keep(records)
        # Claims the file states or settles: recounted once everything is linked (run()).
        self.claims_touched |= {r.iri for r in records if r.kind is Kind.CLAIM} | {
            str(r.values["settles"]) for r in records if r.kind is Kind.SETTLEMENT and r.values.get("settles")
        }
        self.spool.add_flows(
            (
                r.values[slot],
                slot,
                r.iri,
                _time_key(r.values),
                positions.get(r.iri, 0),
                r.iri not in stored,
                bool(r.values.get("previousEvent")),
            )
            for r in records
            if r.kind is Kind.ECONOMIC_EVENT
            for slot in _SLOTS
            if r.values.get(slot)
        )
        if report.rejected or report.dry_run:
            return
        store_ld.write_nodes(
            tx,
            [self.row(r) for r in records],
            externals=sorted(outside),
            existing=existing,
            writer=writer,
            batch=self.batch,
        )

    def validate(
        self,
        records: Sequence[Stated],
        in_file: Mapping[str, Kind],
        stored: Mapping[str, list[str]],
        external: set[str],
    ) -> list[Violation]:
        # One kind per view: the shapes read a resource with properties next to an event as one the event
        # creates, which an import never does. (The spool hands out chunks of one kind.)
        by_kind: dict[Kind, list[Stated]] = {}
        for r in records:
            by_kind.setdefault(r.kind, []).append(r)
        found: list[Violation] = []
        ranges = self.ledger.ontology.graph
        for chunk in by_kind.values():
            view = Graph()
            here = {r.iri for r in chunk}
            refs: set[str] = set()
            for r in chunk:
                views.add_record(view, r.kind, r.iri, r.values)
                if "action" in field_map(r.kind) and r.values.get("action"):
                    views.add_action(view, self.ledger.ontology.action_triples(str(r.values["action"])))
                refs |= self.refs(r)
            for ref in sorted(refs - here):
                if ref in in_file:
                    views.add_type(view, ref, _labels(in_file[ref]))
                elif ref in stored:
                    views.add_type(view, ref, stored[ref])
                elif ref in external:
                    node = URIRef(ref)
                    for p in set(view.predicates(None, node)):
                        rng = ranges.value(p, RDFS.range)
                        if isinstance(rng, URIRef) and not rng.startswith(str(XSD)):
                            view.add((node, RDF.type, rng))
            found.extend(self.ledger.validator.validate(view))
        return found

    def reconcile(self, tx: Tx) -> list[Discrepancy]:
        """Stated quantities against events, a chunk of the file's resources at a time."""
        found: list[Discrepancy] = []
        for chunk in self.spool.kept(self.batch, Kind.ECONOMIC_RESOURCE):
            resources = {r.iri: r.values for r in chunk}
            events: dict[str, Mapping[str, Any]] = {
                r.iri: r.values for r in self.spool.kept_by_ids(self.spool.events_of(sorted(resources)))
            }
            for stored in store_ld.events_of_resources(tx, sorted(resources)):
                if stored.id not in events:
                    values = current_values(Kind.ECONOMIC_EVENT, stored.state)
                    try:
                        events[stored.id] = normalize.values_of(Kind.ECONOMIC_EVENT, values)
                    except InvalidInput:
                        continue
            found.extend(reconcile(resources, events.items(), self.ledger.actions))
        return found

    def link(self, tx: Tx) -> None:
        """Every record's relationships as the file states them (all nodes and externals exist by now)."""
        bar = self.progress("link", sum(self.report.records.values())) if self.progress else None
        for chunk in self.spool.kept(self.batch):
            links: dict[str, list[tuple[str, str]]] = {}
            for r in chunk:
                for rel, targets in self.row(r).rels.items():
                    links.setdefault(rel, []).extend((r.iri, t) for t in targets)
            store_ld.write_links(tx, links, self.batch)
            if bar is not None:
                bar.advance(len(chunk))
        if bar is not None:
            bar.close()

    def breadcrumbs(self, tx: Tx) -> None:
        """Number the file's new events per resource, after the events each resource had, in order of time.

        As the ledger does when it records an event (:mod:`vfgraph.services.events`): the n-th event of a
        resource has ``resourceSeq`` (or ``toResourceSeq``) n and a ``PREVIOUS_EVENT`` link to the (n-1)-th;
        the resource keeps ``eventCount`` and ``lastEvent``. An event for which the file states
        ``vfg:previousEvent`` keeps the links it states. Resources that are external references get none.
        """
        pending: list[tuple[str, list[tuple[str, str, bool]]]] = []
        for item in self.spool.new_flows():
            pending.append(item)
            if len(pending) >= self.batch:
                self._breadcrumbs(tx, pending)
                pending = []
        if pending:
            self._breadcrumbs(tx, pending)

    def _breadcrumbs(self, tx: Tx, flows: Sequence[tuple[str, list[tuple[str, str, bool]]]]) -> None:
        crumbs = store_ld.breadcrumbs_of(tx, [resource for resource, _ in flows])
        numbered: list[dict[str, Any]] = []
        resources: list[dict[str, Any]] = []
        previous: list[tuple[str, str]] = []
        for resource, events in flows:
            if resource not in crumbs:
                continue
            count, last = crumbs[resource]
            for slot, event, states_previous in events:
                count += 1
                numbered.append({"id": event, "resourceSeq": None, "toResourceSeq": None, _SEQ[slot]: count})
                if last is not None and not states_previous and last != event:
                    previous.append((event, last))
                last = event
            resources.append({"id": resource, "eventCount": count, "lastEvent": last})
        store_ld.set_breadcrumbs(tx, numbered, resources)
        store_ld.write_links(tx, {"PREVIOUS_EVENT": previous}, self.batch)

    def row(self, r: Stated) -> store_ld.RecordRow:
        # Every field of the kind: what the file does not state is removed from a record stored before.
        values = {f.name: r.values.get(f.name) for f in FIELDS[r.kind]}
        props, rels = normalize.properties(r.kind, values)
        # A resource involves the agents accountable for it, not whoever wrote it (as on the write path).
        caller = None if r.kind is Kind.ECONOMIC_RESOURCE else self.ledger.caller
        return store_ld.RecordRow(
            kind=r.kind,
            id=r.iri,
            props=props,
            rels={rel: targets for rel, targets in rels.items() if targets},
            created_at=r.created_at,
            involved=authorization.involved(r.kind, r.values, caller),
        )


def import_data(
    ledger: Ledger,
    data: bytes | str | IO[bytes],
    fmt: formats.Format,
    *,
    source: str = "(request body)",
    dry_run: bool = False,
    batch: int = 1000,
    progress: ProgressFactory | None = None,
) -> ImportReport:
    """Import one document (text, bytes, or a binary file opened for reading); the report says what was
    written, or every reason it was not."""
    report = ImportReport(source=source, format=fmt.name, dry_run=dry_run)
    try:
        spooled = spool(data, fmt)
    except InvalidInput as e:
        report.error = e.message
        return report
    try:
        work = _Import(ledger, spooled, report, batch, progress)
        try:
            if dry_run:
                ledger.store.read(work.run)
            else:
                # Not retried: an import that failed once (too large for one transaction) would fail again.
                ledger.store.write_once(work.run)
        except _Rejected:
            report.written = False
        except TransactionTooLarge as e:
            report.written = False
            report.error = (
                f"{e.message}: this file is too large to import in one transaction; split it into smaller"
                " files (each is imported whole or not at all), or raise VFGRAPH_NEO4J_HEAP"
            )
    finally:
        spooled.close()
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
            with path.open("rb") as data:
                reports.append(
                    import_data(
                        ledger, data, fmt, source=str(path), dry_run=dry_run, batch=batch, progress=progress
                    )
                )
        except (InvalidInput, OSError) as e:
            message = e.message if isinstance(e, InvalidInput) else str(e)
            reports.append(ImportReport(source=str(path), format="?", dry_run=dry_run, error=message))
    return reports
