"""Record search on the real full-text index: by words of a name, a tracking identifier, an IRI."""

from __future__ import annotations

import time
import uuid

import pytest

from tests.neo4j.world import World, qty
from vfgraph.domain.kinds import Kind
from vfgraph.services.ledger import Ledger
from vfgraph.store.search import Hit, await_search_index, search


@pytest.fixture(scope="module", autouse=True)
def _index_online(ledger: Ledger) -> None:
    await_search_index(ledger.store)


def _search(world: World, text: str, limit: int = 20) -> list[Hit]:
    """Search, retrying briefly: the full-text index may see a fresh write a moment later."""
    deadline = time.monotonic() + 5
    while True:
        hits = search(world.ledger.store, text, limit)
        if hits or time.monotonic() > deadline:
            return hits
        time.sleep(0.1)


def _lot(world: World, name: str, tracking: str) -> str:
    _, resource = world.ledger.record_event(
        {
            "action": "raise",
            "provider": world.farm,
            "receiver": world.farm,
            "resourceConformsTo": world.grain,
            "resourceQuantity": qty("5", world.kg),
            "hasPointInTime": "2026-01-01T00:00:00Z",
        },
        {"name": name, "trackingIdentifier": tracking},
    )
    assert resource is not None
    return resource


def test_words_of_a_name_find_the_record_by_prefix(world: World) -> None:
    word = f"zq{uuid.uuid4().hex[:10]}"
    lot = _lot(world, f"Rye lot {word}", f"T-{word}")

    hits = _search(world, f"rye {word[:6]}")

    assert [(h.id, h.kind, h.name) for h in hits if h.id == lot] == [
        (lot, Kind.ECONOMIC_RESOURCE, f"Rye lot {word}")
    ]
    assert all(word[:6] in f"{h.name} {h.tracking_identifier} {h.id}".lower() for h in hits)


def test_an_exact_tracking_identifier_or_iri_comes_first(world: World) -> None:
    word = uuid.uuid4().hex[:12]
    lot = _lot(world, "Barley", f"LOT-{word}")

    by_tracking = _search(world, f"LOT-{word}")
    by_iri = _search(world, lot)

    assert by_tracking[0].id == lot and by_tracking[0].tracking_identifier == f"LOT-{word}"
    assert by_iri[0].id == lot


def test_agents_processes_and_events_are_found_and_other_kinds_are_not(world: World) -> None:
    word = f"zq{uuid.uuid4().hex[:10]}"
    org = world.ledger.create(Kind.ORGANIZATION, {"name": f"Mill {word}"})
    proc = world.ledger.create(Kind.PROCESS, {"name": f"Milling {word}"})
    world.ledger.create(Kind.RESOURCE_SPECIFICATION, {"name": f"Spec {word}"})
    world.ledger.create(Kind.UNIT, {"label": f"unit {word}", "symbol": word})

    hits = _search(world, word)

    assert {(h.id, h.kind) for h in hits} == {(org, Kind.ORGANIZATION), (proc, Kind.PROCESS)}


def test_nothing_to_search_for_finds_nothing(world: World) -> None:
    assert search(world.ledger.store, "   ", 10) == []
    assert search(world.ledger.store, "--", 10) == []
    assert search(world.ledger.store, "grain", 0) == []
