"""Fixtures for tests on the real Neo4j: a fresh small world per test."""

from __future__ import annotations

import pytest

from tests.neo4j.world import World
from vfgraph.domain.kinds import Kind
from vfgraph.services.ledger import Ledger


@pytest.fixture
def world(ledger: Ledger) -> World:
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
