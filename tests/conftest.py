"""Fixtures shared by every test folder.

Markers come from the folder a test lives in (tests/unit, tests/neo4j, tests/e2e, tests/browser), so
nobody forgets one. Tests in tests/neo4j, tests/e2e and tests/browser run against the real Neo4j that
`make test` starts (`vfgraph neo4j start`); if it does not answer they FAIL, never skip. The schema is
created once per session; tests isolate themselves by creating their own records (every IRI is fresh) and
never rely on an empty database.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.neo4j.world import World
from vfgraph.domain.kinds import Kind
from vfgraph.services.ledger import Ledger
from vfgraph.settings import Settings

TESTS = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        folder = Path(str(item.fspath)).relative_to(TESTS).parts[0]
        if folder in ("unit", "neo4j", "e2e", "browser"):
            item.add_marker(getattr(pytest.mark, folder))


@pytest.fixture(scope="session")
def settings() -> Settings:
    # Apps built from these settings run no PACT worker: the PACT tests serve apps of their own that do,
    # and a second worker on the same database would take their jobs (tests/e2e/pact_host.py).
    return dataclasses.replace(Settings.from_env(), pact_worker=False)


@pytest.fixture(scope="session")
def ledger(settings: Settings) -> Iterator[Ledger]:
    """A Ledger on the real Neo4j, schema created once."""
    from vfgraph.bootstrap import open_ledger

    with open_ledger(settings) as ledger:
        ledger.store.ensure_schema()
        yield ledger


@pytest.fixture
def world(ledger: Ledger) -> World:
    """A fresh small world (three organisations, units, specifications) for one test."""
    c = ledger.create
    kg = c(Kind.UNIT, {"label": "kilogram", "symbol": "kg"})
    hour = c(Kind.UNIT, {"label": "hour", "symbol": "h"})
    return World(
        ledger=ledger,
        farm=c(Kind.ORGANIZATION, {"name": "Green Farm"}),
        mill=c(Kind.ORGANIZATION, {"name": "Stone Mill"}),
        carrier=c(Kind.ORGANIZATION, {"name": "Road Carriers"}),
        kg=kg,
        hour=hour,
        grain=c(Kind.RESOURCE_SPECIFICATION, {"name": "grain", "defaultUnitOfResource": kg}),
        labour=c(Kind.RESOURCE_SPECIFICATION, {"name": "farm work", "defaultUnitOfEffort": hour}),
        milling=c(Kind.PROCESS_SPECIFICATION, {"name": "milling"}),
    )
