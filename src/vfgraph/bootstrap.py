"""The composition root for everything but HTTP: settings in, a ready :class:`Ledger` out."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from vfgraph.services.ledger import SYSTEM, Ledger
from vfgraph.settings import Settings
from vfgraph.store.driver import Store
from vfgraph.vocab.ontology import load_ontology
from vfgraph.vocab.shacl import ShapesValidator


def build_ledger(settings: Settings, store: Store | None = None) -> Ledger:
    """Load the ontology and the shapes once and connect to Neo4j."""
    store = store if store is not None else Store.connect(settings)
    return Ledger(
        settings=settings,
        store=store.viewing(SYSTEM),
        ontology=load_ontology(settings.ontology_dir),
        validator=ShapesValidator(settings.shapes_dir, engine=settings.shacl_engine),
    )


@contextmanager
def open_ledger(settings: Settings) -> Iterator[Ledger]:
    ledger = build_ledger(settings)
    try:
        yield ledger
    finally:
        ledger.store.close()
