"""Record search: agents, resources, processes and events by name, IRI, tracking identifier or note.

One read transaction runs two statements (:mod:`vfgraph.store.cypher.search`): the exact matches on IRI or
tracking identifier first, then the full-text matches. The full-text query is built here from the letters
and digits of the text, so nothing the user types reaches Lucene's syntax: each word must match the start
of a word of the record (``flo ba`` finds "Flour batch"), and whole-word matches rank higher.

A new full-text index is filled in the background; until it is online, search raises ``StoreUnavailable``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from neo4j.exceptions import ClientError

from vfgraph.domain.kinds import Kind
from vfgraph.errors import StoreUnavailable
from vfgraph.store.cypher import search as q
from vfgraph.store.driver import Row, Store, Tx

_KIND_BY_LABEL = {k.value: k for k in Kind}
_WORD = re.compile(r"[^\W_]+")
MAX_WORDS = 12
EXACT_SCORE = 1e6  # above any full-text score


@dataclass(frozen=True, slots=True)
class Hit:
    """One record found: its kind (the ValueFlows class, e.g. ``Organization``) and what identifies it."""

    id: str
    kind: Kind
    name: str | None
    tracking_identifier: str | None
    note: str | None
    action: str | None
    score: float


def lucene_query(text: str) -> str | None:
    """The Lucene query for ``text``: every word as a whole word or a prefix; None when it has no word."""
    words = [w.lower() for w in _WORD.findall(text)][:MAX_WORDS]
    if not words:
        return None
    whole = " AND ".join(words)
    prefix = " AND ".join(f"{w}*" for w in words)
    return f"({whole})^4 OR ({prefix})"


def _hit(row: Row, score: float) -> Hit:
    kind = next(_KIND_BY_LABEL[label] for label in row["labels"] if label in _KIND_BY_LABEL)
    return Hit(
        id=row["id"],
        kind=kind,
        name=row["name"],
        tracking_identifier=row["trackingIdentifier"],
        note=row["note"],
        action=row["action"],
        score=score,
    )


def search(store: Store, text: str, limit: int) -> list[Hit]:
    """At most ``limit`` records matching ``text``, exact IRI or tracking identifier matches first."""
    text = text.strip()
    if not text or limit <= 0:
        return []
    query = lucene_query(text)

    def work(tx: Tx) -> list[Hit]:
        exact = tx.rows(q.SEARCH_EXACT, {"text": text, "limit": limit})
        hits = {r["id"]: _hit(r, EXACT_SCORE) for r in exact}
        if query is not None:
            for r in tx.rows(q.SEARCH_FULLTEXT, {"query": query, "limit": limit}):
                hits.setdefault(r["id"], _hit(r, float(r["score"])))
        return list(hits.values())[:limit]

    try:
        return store.read(work)
    except ClientError as e:
        if "not online" in (e.message or "").lower() or "populating" in (e.message or "").lower():
            raise StoreUnavailable("the search index is still being built; try again shortly") from e
        raise


def await_search_index(store: Store, seconds: int = 300) -> None:
    """Block until the search index is online (after ``ensure_schema`` on a large graph, or in tests)."""
    with store.driver.session(database=store.database) as s:
        s.run(q.AWAIT_SEARCH_INDEX, {"seconds": seconds}).consume()
