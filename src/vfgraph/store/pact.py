"""Reads and writes of PACT's nodes (statements in :mod:`vfgraph.store.cypher.pact`, docs/pact.md)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from vfgraph.store.cypher import pact as cypher
from vfgraph.store.driver import Row, Store, Tx


def _first(rows: list[Row]) -> Row | None:
    return rows[0] if rows else None


# -- clients and tokens ---------------------------------------------------------------------------------


def create_client(store: Store, row: Row) -> None:
    store.write(lambda tx: tx.rows(cypher.CREATE_CLIENT, row))


def get_client(store: Store, client_id: str) -> Row | None:
    return _first(store.rows(cypher.GET_CLIENT, {"id": client_id}))


def all_clients(store: Store) -> list[Row]:
    return store.rows(cypher.LIST_CLIENTS)


def revoke_client(store: Store, client_id: str, now: str) -> bool:
    return bool(store.write(lambda tx: tx.rows(cypher.REVOKE_CLIENT, {"id": client_id, "now": now})))


def create_token(store: Store, row: Row) -> None:
    store.write(lambda tx: tx.rows(cypher.CREATE_TOKEN, row))


def get_token(store: Store, token_id: str) -> Row | None:
    return _first(store.rows(cypher.GET_TOKEN, {"id": token_id}))


def agent(store: Store, iri: str) -> Row | None:
    return _first(store.rows(cypher.IS_AGENT, {"id": iri}))


# -- peers ----------------------------------------------------------------------------------------------


def create_peer(store: Store, row: Row) -> None:
    store.write(lambda tx: tx.rows(cypher.CREATE_PEER, row))


def get_peer(store: Store, peer_id: str) -> Row | None:
    return _first(store.rows(cypher.GET_PEER, {"id": peer_id}))


def peers_by_host(store: Store, host: str) -> list[Row]:
    return store.rows(cypher.PEERS_BY_HOST, {"host": host})


def all_peers(store: Store) -> list[Row]:
    return store.rows(cypher.LIST_PEERS)


def remove_peer(store: Store, peer_id: str) -> bool:
    return bool(store.write(lambda tx: tx.rows(cypher.REMOVE_PEER, {"id": peer_id})))


# -- footprints -----------------------------------------------------------------------------------------


def lock_series(tx: Tx, key: str, now: str) -> str | None:
    """Lock the series ``key`` for the transaction; its remembered declarations (JSON text), if any."""
    row = tx.one(cypher.LOCK_SERIES, {"key": key, "now": now})
    return None if row is None else row["declarations"]


def set_series_declarations(tx: Tx, key: str, declarations: str) -> None:
    tx.rows(cypher.SET_SERIES_DECLARATIONS, {"key": key, "declarations": declarations})


def series_declarations(store: Store, key: str) -> str | None:
    row = _first(store.rows(cypher.SERIES_DECLARATIONS, {"key": key}))
    return None if row is None else row["declarations"]


def active_in_series(tx: Tx, series: str) -> list[Row]:
    return tx.rows(cypher.ACTIVE_IN_SERIES, {"series": series})


def deprecate_ids(tx: Tx, ids: Sequence[str], now: str) -> list[str]:
    """Deprecate the active snapshots among ``ids`` (IRIs); those it changed."""
    return [r["id"] for r in tx.rows(cypher.DEPRECATE, {"ids": list(ids), "now": now})]


def create_footprint(tx: Tx, props: Mapping[str, Any]) -> None:
    tx.rows(cypher.CREATE_FOOTPRINT, {"props": dict(props)})


def footprint_by_pf_id(store: Store, pf_id: str, origin: str | None = None) -> Row | None:
    """The snapshot with PACT id ``pf_id`` (of ``origin``, when given; else the published one first)."""
    return _first(store.rows(cypher.FOOTPRINT_BY_PF_ID, {"pfId": pf_id, "origin": origin}))


def footprint_by_id(store: Store, iri: str) -> Row | None:
    return _first(store.rows(cypher.FOOTPRINT_BY_ID, {"id": iri}))


def published_matching(store: Store, params: Mapping[str, Any]) -> list[Row]:
    """A page of an owner's published footprints that match PACT criteria (see the statement)."""
    return store.rows(cypher.PUBLISHED_MATCHING, params)


def footprints_page(store: Store, params: Mapping[str, Any]) -> list[Row]:
    return store.rows(cypher.FOOTPRINTS_PAGE, params)


def all_footprints(store: Store, after: str, limit: int) -> list[Row]:
    return store.rows(cypher.ALL_FOOTPRINTS, {"after": after, "limit": limit})


def declared_for(store: Store, pairs: Iterable[tuple[str, str]]) -> list[Row]:
    wanted = [list(p) for p in sorted(set(pairs))]
    return store.rows(cypher.DECLARED_FOR, {"pairs": wanted}) if wanted else []


def received_series_of(tx: Tx, pf_ids: Sequence[str]) -> Row | None:
    return tx.one(cypher.RECEIVED_SERIES_OF, {"pfIds": list(pf_ids)})


def product_outputs(store: Store, params: Mapping[str, Any]) -> list[Row]:
    return store.rows(cypher.PRODUCT_OUTPUTS, params)


def product_facts(store: Store, spec: str, agent_iri: str) -> Row | None:
    return _first(store.rows(cypher.PRODUCT_FACTS, {"spec": spec, "agent": agent_iri}))


def unit(store: Store, iri: str) -> Row | None:
    return _first(store.rows(cypher.UNIT_OF, {"id": iri}))


def spec_unit(store: Store, iri: str) -> Row | None:
    return _first(store.rows(cypher.SPEC_UNITS, {"id": iri}))


# -- jobs -----------------------------------------------------------------------------------------------


def enqueue(store: Store, job_id: str, props: Mapping[str, Any]) -> bool:
    """Queue a job once per id; False when a job with that id was already queued."""
    row = store.write(lambda tx: tx.one(cypher.ENQUEUE_JOB, {"id": job_id, "props": dict(props)}))
    return bool(row and row["fresh"])


def claim_due(store: Store, now: datetime, lease_until: datetime, limit: int) -> list[Row]:
    params = {"now": now, "leaseUntil": lease_until, "limit": limit}
    return store.write(lambda tx: tx.rows(cypher.CLAIM_DUE_JOBS, params))


def finish_job(
    store: Store, job_id: str, status: str, now: datetime, error: str | None, outcome: str | None
) -> None:
    params = {"id": job_id, "status": status, "now": now, "error": error, "outcome": outcome}
    store.write(lambda tx: tx.rows(cypher.FINISH_JOB, params))


def retry_job(store: Store, job_id: str, next_at: datetime, error: str) -> None:
    store.write(lambda tx: tx.rows(cypher.RETRY_JOB, {"id": job_id, "next": next_at, "error": error}))


def get_job(store: Store, job_id: str) -> Row | None:
    return _first(store.rows(cypher.GET_JOB, {"id": job_id}))


def next_due(store: Store) -> datetime | None:
    row = _first(store.rows(cypher.NEXT_DUE))
    value = None if row is None else row["next"]
    return value.to_native() if value is not None and hasattr(value, "to_native") else value
