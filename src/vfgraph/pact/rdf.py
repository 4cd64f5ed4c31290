"""PACT footprint snapshots as linked data, in vfgraph's namespace (docs/pact.md, "Linked data").

    <…/pact-footprint/<id>> a vfg:ProductFootprint ;
        vfg:pactId "<id>" ; vfg:pactStatus "Active" ; vfg:pactPrecedingId "<earlier id>" ;
        vfg:footprintOf <…/resource-specification/flour> ; vfg:dataOwner <…/organization/stone-mill> ;
        vfg:pcfExcludingBiogenicUptake "0.25"^^xsd:decimal ;
        vfg:pactDocument "{…the PACT ProductFootprint…}"^^rdf:JSON .

The whole export (``vfgraph export``, ``GET /ld/graph``) carries the snapshots the reader may see after the
records, and each one is described at its IRI. Import does not read them back (a footprint is taken from
its PACT host, not restated): it skips them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rdflib import RDF, XSD, Graph, Literal, URIRef

from vfgraph.pact import footprints
from vfgraph.store import pact as store
from vfgraph.store.driver import Row
from vfgraph.vocab.namespaces import VFG

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger


def add(g: Graph, row: Row) -> None:
    node = URIRef(row["id"])
    doc = footprints.document_of(row)
    g.add((node, RDF.type, VFG.ProductFootprint))
    g.add((node, VFG.pactId, Literal(row["pfId"])))
    g.add((node, VFG.pactStatus, Literal(row["status"])))
    for earlier in row.get("precedingPfIds") or []:
        g.add((node, VFG.pactPrecedingId, Literal(earlier)))
    if row.get("resourceSpecification"):
        g.add((node, VFG.footprintOf, URIRef(row["resourceSpecification"])))
    if row.get("agent"):
        g.add((node, VFG.dataOwner, URIRef(row["agent"])))
    g.add(
        (
            node,
            VFG.pcfExcludingBiogenicUptake,
            Literal(doc["pcf"]["pcfExcludingBiogenicUptake"], datatype=XSD.decimal),
        )
    )
    g.add(
        (
            node,
            VFG.pactDocument,
            Literal(json.dumps(doc, ensure_ascii=False, sort_keys=True), datatype=RDF.JSON),
        )
    )


def batches(ledger: Ledger, batch: int = 1000) -> Iterator[Graph]:
    """Every snapshot the reader may see, ``batch`` per graph."""
    after = ""
    while True:
        rows = store.all_footprints(ledger.store, after, batch)
        if not rows:
            return
        g = Graph()
        for row in rows:
            if footprints.visible(ledger, row):
                add(g, row)
        if len(g):
            yield g
        after = rows[-1]["id"]
        if len(rows) < batch:
            return


def describe(ledger: Ledger, iri: str) -> Graph | None:
    row = store.footprint_by_id(ledger.store, iri)
    if row is None or not footprints.visible(ledger, row):
        return None
    g = Graph()
    add(g, row)
    return g
