"""A request's deadline bounds its transactions: Neo4j stops them, the store says DEADLINE_EXCEEDED."""

from __future__ import annotations

import time

import pytest

from vfgraph.errors import DeadlineExceeded
from vfgraph.services.ledger import Ledger
from vfgraph.store.driver import Tx, deadline, time_left

# Keeps Neo4j busy for minutes unless it is stopped (test-only: the API has no such statement).
SLOW = "UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 99 RETURN count(*) AS n"


def slow(tx: Tx) -> object:
    return tx.rows(SLOW)


def test_a_transaction_past_the_request_deadline_is_stopped_by_neo4j(ledger: Ledger) -> None:
    started = time.monotonic()
    with deadline(0.5), pytest.raises(DeadlineExceeded):
        ledger.store.read(slow)
    # Neo4j checks transaction timeouts every second or two.
    assert time.monotonic() - started < 10


def test_a_timeout_bounds_one_transaction_without_a_deadline(ledger: Ledger) -> None:
    with pytest.raises(DeadlineExceeded):
        ledger.store.read(slow, timeout=0.5)


def test_no_transaction_starts_once_the_deadline_has_passed(ledger: Ledger) -> None:
    before = ledger.store.statements_run
    with deadline(0.0), pytest.raises(DeadlineExceeded):
        ledger.store.read(slow)
    assert ledger.store.statements_run == before


def test_within_the_deadline_reads_work_as_usual(ledger: Ledger) -> None:
    with deadline(30.0):
        left = time_left()
        assert left is not None and 0 < left <= 30
        assert ledger.store.read(lambda tx: tx.rows("RETURN 1 AS ok")) == [{"ok": 1}]
    assert time_left() is None
