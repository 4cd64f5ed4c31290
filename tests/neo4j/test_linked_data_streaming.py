"""Import streams a file chunk by chunk, yet reads it as one graph and writes it whole or not at all.

The tests use tiny chunks (``batch=2``) so that every file spans many chunks. On the real Neo4j."""

from __future__ import annotations

import random

from rdflib import Graph
from rdflib.compare import isomorphic

from tests.linked_data import PREFIXES, every_kind
from vfgraph.ld import export, formats
from vfgraph.ld.canonical import canonical
from vfgraph.ld.importer import import_data
from vfgraph.services.ledger import Ledger

EXISTS = "MATCH (n) WHERE n.id IN $ids AND (n:Record OR n:External) RETURN n.id AS id"


def _shuffled_ntriples(turtle: str, seed: int) -> str:
    lines = Graph().parse(data=turtle, format="turtle").serialize(format="nt").splitlines(keepends=True)
    random.Random(seed).shuffle(lines)
    return "".join(lines)


def test_records_stated_in_pieces_across_the_file_import_as_the_grouped_file(ledger: Ledger) -> None:
    fixture = every_kind()
    # Every record's triples, and its measures' triples, are scattered over the file.
    report = import_data(ledger, _shuffled_ntriples(fixture.turtle, seed=7), formats.NTRIPLES, batch=2)
    assert report.ok and report.written, report.to_json()
    grouped = import_data(ledger, every_kind().turtle, formats.TURTLE, dry_run=True)
    assert report.records == grouped.records and report.triples == grouped.triples
    text = "".join(export.export(ledger, formats.TURTLE, iris=fixture.iris))
    out = canonical(Graph().parse(data=text, format="turtle"))
    assert isomorphic(out, canonical(Graph().parse(data=fixture.turtle, format="turtle")))


def test_references_between_chunks_are_records_not_external_references(ledger: Ledger) -> None:
    fixture = every_kind()
    small = import_data(ledger, fixture.turtle, formats.TURTLE, batch=2, dry_run=True)
    whole = import_data(ledger, fixture.turtle, formats.TURTLE, batch=1000, dry_run=True)
    assert small.ok and whole.ok
    assert small.external == whole.external
    assert not any(iri.startswith(fixture.base) for iri in small.external)


def test_a_rejection_in_the_last_chunk_leaves_nothing_of_the_earlier_chunks(ledger: Ledger) -> None:
    fixture = every_kind()
    # Untyped subjects are read after every kind, so this record's problem is found in the last chunk.
    bad = fixture.turtle + f'\n<{fixture.base}zz> <https://w3id.org/valueflows/ont/vf#name> "who?" .\n'
    report = import_data(ledger, bad, formats.TURTLE, batch=2)
    assert not report.ok and not report.written
    assert [v.focus_node for v in report.rejected] == [f"{fixture.base}zz"]
    assert ledger.store.rows(EXISTS, {"ids": fixture.iris}) == []


def test_a_shapes_violation_found_in_one_chunk_rolls_back_the_chunks_already_written(ledger: Ledger) -> None:
    fixture = every_kind()
    # A unit without its required label: the shapes refuse it, in the chunk of units, after other kinds.
    bad = fixture.turtle + PREFIXES + f'<{fixture.base}zz-unit> a vf:Unit ; vf:symbol "zz" .\n'
    report = import_data(ledger, bad, formats.TURTLE, batch=2)
    assert not report.ok and not report.written
    assert {v.focus_node for v in report.rejected} == {f"{fixture.base}zz-unit"}
    assert ledger.store.rows(EXISTS, {"ids": fixture.iris}) == []


def test_blank_nodes_no_record_reaches_are_reported_not_lost(ledger: Ledger) -> None:
    fixture = every_kind()
    note = "<https://w3id.org/valueflows/ont/vf#note>"
    loop = f"_:a {note} _:b .\n_:b {note} _:a .\n"
    nt = Graph().parse(data=fixture.turtle, format="turtle").serialize(format="nt") + loop
    report = import_data(ledger, nt, formats.NTRIPLES, batch=2, dry_run=True)
    assert sorted(v.focus_node for v in report.rejected) == ["_:a", "_:b"]
