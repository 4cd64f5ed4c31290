"""Reads and writes of API keys (statements in :mod:`vfgraph.store.cypher.keys`)."""

from __future__ import annotations

from vfgraph.store.cypher import keys as cypher
from vfgraph.store.driver import Row, Store


def create(store: Store, row: Row) -> None:
    store.write(lambda tx: tx.rows(cypher.CREATE_KEY, row))


def get(store: Store, key_id: str) -> Row | None:
    rows = store.rows(cypher.GET_KEY, {"id": key_id})
    return rows[0] if rows else None


def all_keys(store: Store) -> list[Row]:
    return store.rows(cypher.LIST_KEYS)


def revoke(store: Store, key_id: str, now: str) -> bool:
    return bool(store.write(lambda tx: tx.rows(cypher.REVOKE_KEY, {"id": key_id, "now": now})))


def is_agent(store: Store, iri: str) -> bool:
    return bool(store.rows(cypher.IS_AGENT, {"id": iri}))
