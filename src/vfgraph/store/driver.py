"""The Neo4j driver, opened once per process, and the two ways to run Cypher through it.

``Store.read`` and ``Store.write`` run a function in one managed transaction (retried by the driver on
transient errors), so a write is all or nothing. Statements come from :mod:`vfgraph.store.cypher`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import neo4j
from neo4j.exceptions import ServiceUnavailable

from vfgraph.errors import StoreUnavailable
from vfgraph.settings import Settings

T = TypeVar("T")
Params = Mapping[str, Any]
Row = dict[str, Any]


class Tx:
    """A thin typed view of a Neo4j transaction: run a named statement, get rows as dicts."""

    def __init__(self, tx: neo4j.ManagedTransaction, store: Store) -> None:
        self._tx = tx
        self._store = store

    def rows(self, statement: str, params: Params | None = None) -> list[Row]:
        self._store.statements_run += 1
        result = self._tx.run(statement, dict(params or {}))
        return [r.data() for r in result]

    def one(self, statement: str, params: Params | None = None) -> Row | None:
        rows = self.rows(statement, params)
        return rows[0] if rows else None


class Store:
    """Access to one Neo4j database."""

    def __init__(self, driver: neo4j.Driver, database: str) -> None:
        self.driver = driver
        self.database = database
        # Counts statements sent, so tests can check that a request costs a bounded number of them.
        self.statements_run = 0

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

    def read(self, work: Callable[[Tx], T]) -> T:
        with self.driver.session(database=self.database) as s:
            return s.execute_read(lambda tx: work(Tx(tx, self)))

    def write(self, work: Callable[[Tx], T]) -> T:
        with self.driver.session(database=self.database) as s:
            return s.execute_write(lambda tx: work(Tx(tx, self)))

    def rows(self, statement: str, params: Params | None = None) -> list[Row]:
        """Run one read statement in its own transaction."""
        return self.read(lambda tx: tx.rows(statement, params))

    def ensure_schema(self) -> None:
        """Create every constraint and index (idempotent)."""
        from vfgraph.store.cypher.schema import SCHEMA_STATEMENTS

        with self.driver.session(database=self.database) as s:
            for statement in SCHEMA_STATEMENTS:
                s.run(statement).consume()
