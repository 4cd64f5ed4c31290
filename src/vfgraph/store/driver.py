"""The Neo4j driver, opened once per process, and the two ways to run Cypher through it.

``Store.read`` and ``Store.write`` run a function in one managed transaction (retried by the driver on
transient errors), so a write is all or nothing. ``Store.write_once`` runs one explicit write transaction
that is not retried, for work too large to do twice (a linked-data import); a transaction that needs more
memory than Neo4j allows one (``db.memory.transaction.total.max``) raises
:class:`~vfgraph.errors.TransactionTooLarge`. Statements come from :mod:`vfgraph.store.cypher`.

Deadlines: a transaction may be given a ``timeout`` (seconds), after which Neo4j terminates it; inside
:func:`deadline` (the API opens one per request) every transaction is also bounded by the time left, and
none starts once it has passed. Either way a transaction cut short raises
:class:`~vfgraph.errors.DeadlineExceeded`. The deadline is a context variable, so it follows the request into
the threads that ``asyncio.to_thread`` runs reads in.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import neo4j
from neo4j.exceptions import ClientError, ServiceUnavailable, TransientError

from vfgraph.domain.access import Caller
from vfgraph.errors import DeadlineExceeded, StoreUnavailable, TransactionTooLarge
from vfgraph.settings import Settings

T = TypeVar("T")
Params = Mapping[str, Any]
Row = dict[str, Any]


class Tx:
    """A thin typed view of a Neo4j transaction: run a named statement, get rows as dicts."""

    def __init__(self, tx: neo4j.ManagedTransaction | neo4j.Transaction, store: Store) -> None:
        self._tx = tx
        self._store = store

    def rows(self, statement: str, params: Params | None = None) -> list[Row]:
        self._store.count.statements += 1
        result = self._tx.run(statement, {**self._store.visibility, **(params or {})})
        return [r.data() for r in result]

    def one(self, statement: str, params: Params | None = None) -> Row | None:
        rows = self.rows(statement, params)
        return rows[0] if rows else None


class _Count:
    statements = 0


class Store:
    """Access to one Neo4j database, as seen by one viewer.

    Every statement receives ``$viewer`` (the calling agent's IRI, or null) and ``$operator`` (whether the
    caller may see everything); the read statements use them in their anchoring match to leave out
    private records the viewer is not involved in. :meth:`viewing` gives the same database seen by
    another caller; the store built at start-up sees as an anonymous caller.
    """

    def __init__(
        self,
        driver: neo4j.Driver,
        database: str,
        visibility: Params | None = None,
        count: _Count | None = None,
    ) -> None:
        self.driver = driver
        self.database = database
        self.visibility: Params = visibility or {"viewer": None, "operator": False}
        # Counts statements sent (shared by every view of this store), so tests can check that a request
        # costs a bounded number of them.
        self.count = count or _Count()

    @property
    def statements_run(self) -> int:
        return self.count.statements

    def viewing(self, caller: Caller | None) -> Store:
        """The same database as ``caller`` sees it (None: an anonymous caller)."""
        visibility = {
            "viewer": caller.agent if caller is not None else None,
            "operator": caller.operator if caller is not None else False,
        }
        return Store(self.driver, self.database, visibility, self.count)

    @classmethod
    def connect(cls, settings: Settings) -> Store:
        auth = (settings.neo4j_user, settings.neo4j_password or "")
        # Notifications (e.g. "relationship type does not exist yet" on a fresh database) are noise here.
        driver = neo4j.GraphDatabase.driver(settings.neo4j_uri, auth=auth, notifications_min_severity="OFF")
        try:
            driver.verify_connectivity()
        except (ServiceUnavailable, OSError) as e:
            driver.close()
            raise StoreUnavailable(f"Neo4j at {settings.neo4j_uri} cannot be reached: {e}") from e
        return cls(driver, settings.neo4j_database)

    def close(self) -> None:
        self.driver.close()

    def read(self, work: Callable[[Tx], T], timeout: float | None = None) -> T:
        """Run ``work`` in one read transaction, bounded by ``timeout`` and the current deadline."""
        unit = self._unit(work, timeout)
        with self.driver.session(database=self.database) as s, _timeouts():
            return s.execute_read(unit)

    def write(self, work: Callable[[Tx], T], timeout: float | None = None) -> T:
        """Run ``work`` in one write transaction, bounded by ``timeout`` and the current deadline."""
        unit = self._unit(work, timeout)
        with self.driver.session(database=self.database) as s, _timeouts():
            return s.execute_write(unit)

    def write_once(self, work: Callable[[Tx], T], timeout: float | None = None) -> T:
        """Run ``work`` in one write transaction that is not retried (rolled back if ``work`` raises)."""
        seconds = _bound(timeout)
        with (
            self.driver.session(database=self.database) as s,
            _timeouts(),
            s.begin_transaction(timeout=seconds) as tx,
        ):
            result = work(Tx(tx, self))
            tx.commit()
            return result

    def _unit(
        self, work: Callable[[Tx], T], timeout: float | None
    ) -> Callable[[neo4j.ManagedTransaction], T]:
        def unit(tx: neo4j.ManagedTransaction) -> T:
            return work(Tx(tx, self))

        seconds = _bound(timeout)
        if seconds is None:
            return unit
        wrapped: Callable[[neo4j.ManagedTransaction], T] = neo4j.unit_of_work(timeout=seconds)(unit)
        return wrapped

    def rows(self, statement: str, params: Params | None = None) -> list[Row]:
        """Run one read statement in its own transaction."""
        return self.read(lambda tx: tx.rows(statement, params))

    def ensure_schema(self) -> None:
        """Create every constraint and index (idempotent)."""
        from vfgraph.store.cypher.schema import SCHEMA_STATEMENTS

        with self.driver.session(database=self.database) as s:
            for statement in SCHEMA_STATEMENTS:
                s.run(statement).consume()


# The monotonic time by which the current request must be done (None: no deadline).
_DEADLINE: ContextVar[float | None] = ContextVar("vfgraph_store_deadline", default=None)

# Neo4j's codes for a transaction it terminated because its timeout passed.
_TIMED_OUT = frozenset(
    {
        "Neo.ClientError.Transaction.TransactionTimedOut",
        "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    }
)

# Neo4j's code for a transaction that would pass its memory limit (a transient error the driver retries).
_OUT_OF_MEMORY = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"

# Neo4j reads a timeout of 0 as "no timeout"; nothing shorter than this is sent.
_SHORTEST = 0.001


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Bound every transaction started inside (in this context) to end within ``seconds`` from now."""
    token = _DEADLINE.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def time_left() -> float | None:
    """Seconds left before the current deadline (None when there is none; may be negative)."""
    at = _DEADLINE.get()
    return None if at is None else at - time.monotonic()


def _bound(timeout: float | None) -> float | None:
    """The transaction timeout: ``timeout`` or the time left, whichever is shorter."""
    left = time_left()
    if left is not None and left <= 0:
        raise DeadlineExceeded("the request ran past its deadline")
    bounds = [b for b in (timeout, left) if b is not None]
    return max(min(bounds), _SHORTEST) if bounds else None


@contextmanager
def _timeouts() -> Iterator[None]:
    """Neo4j's termination of a transaction at its timeout, as :class:`DeadlineExceeded`, and at its memory
    limit, as :class:`TransactionTooLarge`."""
    try:
        yield
    except ClientError as e:
        if e.code in _TIMED_OUT:
            raise DeadlineExceeded("the request ran past its deadline: Neo4j stopped its transaction") from e
        raise
    except TransientError as e:
        if e.code == _OUT_OF_MEMORY:
            raise TransactionTooLarge(
                "the transaction needs more memory than Neo4j allows one transaction"
                " (db.memory.transaction.total.max); split the work, or give Neo4j a larger heap",
            ) from e
        raise
