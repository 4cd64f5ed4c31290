"""Neo4j's refusals that vfgraph turns into its own errors (no server needed: the errors are built here)."""

from __future__ import annotations

import pytest
from neo4j.exceptions import Neo4jError

from vfgraph.errors import TransactionTooLarge
from vfgraph.store.driver import _timeouts


def _neo4j_error(code: str) -> Neo4jError:
    # The driver builds its errors from the server's code; its (private) factory is the only way to do so.
    return Neo4jError._hydrate_neo4j(code=code, message="refused")


def test_a_transaction_past_neo4js_memory_limit_is_transaction_too_large() -> None:
    with pytest.raises(TransactionTooLarge) as caught, _timeouts():
        raise _neo4j_error("Neo.TransientError.General.MemoryPoolOutOfMemoryError")
    assert caught.value.code == "TRANSACTION_TOO_LARGE"


def test_other_transient_errors_pass_through() -> None:
    error = _neo4j_error("Neo.TransientError.Transaction.DeadlockDetected")
    with pytest.raises(type(error)), _timeouts():
        raise error
