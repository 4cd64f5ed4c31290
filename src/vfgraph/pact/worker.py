"""The background worker: the PACT work that happens after an event was accepted.

Jobs live in Neo4j (``:PactJob``), so a restart loses none: the app's lifespan runs :meth:`Worker.run`,
which takes the jobs that are due, does them, and sleeps until the next is due (or until
:meth:`Worker.wake`, when a request has just been queued).

- *answer a request*: find the footprints of the requesting client's data owner that match the request's
  criteria and post ``RequestFulfilledEvent.3`` with them, or ``RequestRejectedEvent.3`` (``NotFound``)
  when none match, to the peer that sent the request (the event's id is derived from the job's, so a
  retried delivery is recognisably the same event);
- *fetch footprints*: take each footprint a ``PublishedEvent.3`` announced from its peer.

A delivery or fetch that fails (the peer is down, refuses, answers an error) is tried again after
``VFGRAPH_PACT_RETRY_SECONDS``, doubling each time (at most an hour apart), and given up after 72 hours,
as the specification suggests. A job is leased while it runs, so two workers do not take it at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from vfgraph.errors import InvalidFootprint, PeerUnavailable, VfgraphError
from vfgraph.pact import criteria, footprints, peers, schema
from vfgraph.pact.events import ANSWER, FETCH, REQUEST_FULFILLED, REQUEST_REJECTED
from vfgraph.pact.remote import Remote
from vfgraph.store import pact as store
from vfgraph.store.driver import Row

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger

log = logging.getLogger(__name__)

GIVE_UP_AFTER = timedelta(hours=72)
LONGEST_WAIT = timedelta(hours=1)
LEASE = timedelta(minutes=2)
IDLE_POLL = 30.0
ANSWER_LIMIT = 1000  # footprints in one RequestFulfilledEvent


def _now() -> datetime:
    return datetime.now(UTC)


def _native(value: Any) -> datetime:
    native = value.to_native() if hasattr(value, "to_native") else value
    assert isinstance(native, datetime)
    return native


def source_of(ledger: Ledger) -> str:
    """This host as the ``source`` of the events it sends (``//host/path/3/events``)."""
    base = ledger.settings.pact_base_url
    return "//" + base.split("://", 1)[-1] + "/3/events"


def answer_event(ledger: Ledger, job: Row) -> dict[str, Any]:
    """The RequestFulfilledEvent (or RequestRejectedEvent) that answers a queued request."""
    payload = json.loads(job["payload"])
    wanted = criteria.from_event(payload["data"])
    params = {
        **wanted.params(),
        "agent": job["agent"],
        "afterCreated": None,
        "afterId": None,
        "limit": ANSWER_LIMIT,
    }
    rows = store.published_matching(ledger.store, params)
    event_id = str(uuid.uuid5(uuid.NAMESPACE_URL, job["id"]))
    base = {
        "specversion": "1.0",
        "id": event_id,
        "source": source_of(ledger),
        "time": _now().isoformat().replace("+00:00", "Z"),
    }
    if rows:
        pfs = [footprints.document_of(r) for r in rows]
        event = {
            **base,
            "type": REQUEST_FULFILLED,
            "data": {"requestEventId": payload["eventId"], "pfs": pfs},
        }
        definition = "RequestFulfilledEvent"
    else:
        error = {"code": "NotFound", "message": "No footprint of this host matches the request's criteria."}
        event = {
            **base,
            "type": REQUEST_REJECTED,
            "data": {"requestEventId": payload["eventId"], "error": error},
        }
        definition = "RequestRejectedEvent"
    problems = schema.errors(definition, event)
    if problems:  # a bug: never send what the specification does not allow
        raise InvalidFootprint(
            "the answer does not conform to PACT v3: " + "; ".join(problems), violations=problems
        )
    return event


class Worker:
    """Runs the due jobs; one per app (several apps on one database share the queue)."""

    def __init__(self, ledger: Callable[[], Ledger], remote: Remote) -> None:
        self._ledger = ledger
        self.remote = remote
        self._wake = asyncio.Event()
        self._stopped = False

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stopped = True
        self._wake.set()

    async def run(self) -> None:
        """Until :meth:`stop`: do the due jobs, then sleep until the next one is due or a wake-up."""
        while not self._stopped:
            try:
                await asyncio.to_thread(self.run_due)
                wait = await asyncio.to_thread(self._seconds_to_next)
            except Exception:  # the store may be down for a while: never let the loop die
                log.exception("the PACT worker failed; it tries again shortly")
                wait = IDLE_POLL
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=wait)

    def _seconds_to_next(self) -> float:
        nxt = store.next_due(self._ledger().store)
        if nxt is None:
            return IDLE_POLL
        return max(0.05, min(IDLE_POLL, (nxt - _now()).total_seconds()))

    def run_due(self, limit: int = 20) -> int:
        """Do the jobs that are due now; how many were taken."""
        ledger = self._ledger()
        now = _now()
        jobs = store.claim_due(ledger.store, now, now + LEASE, limit)
        for job in jobs:
            self._do(ledger, job)
        return len(jobs)

    def _do(self, ledger: Ledger, job: Row) -> None:
        try:
            peer = peers.get(ledger, job["peer"])
            if job["kind"] == ANSWER:
                event = answer_event(ledger, job)
                self.remote.post_event(peer, event)
                outcome = "fulfilled" if event["type"] == REQUEST_FULFILLED else "rejected"
            elif job["kind"] == FETCH:
                outcome = self._fetch(ledger, peer, job)
            else:
                raise InvalidFootprint(f"unknown job kind {job['kind']}")
        except PeerUnavailable as e:
            self._retry(ledger, job, e.message)
            return
        except VfgraphError as e:
            log.warning("PACT job %s failed for good: %s", job["id"], e.message)
            store.finish_job(ledger.store, job["id"], "failed", _now(), e.message, None)
            return
        store.finish_job(ledger.store, job["id"], "done", _now(), None, outcome)

    def _fetch(self, ledger: Ledger, peer: peers.Peer, job: Row) -> str:
        payload = json.loads(job["payload"])
        taken = 0
        for pf_id in payload["data"]["pfIds"]:
            if footprints.get(ledger, pf_id, footprints.RECEIVED) is not None:
                continue
            doc = footprints.check_received(self.remote.get_footprint(peer, pf_id))
            footprints.record_received(
                ledger,
                doc,
                peer=peer,
                url=f"{peer.url}/3/footprints/{pf_id}",
                resource_specification=None,
                indicator=None,
            )
            taken += 1
        return f"taken {taken}"

    def _retry(self, ledger: Ledger, job: Row, error: str) -> None:
        created = _native(job["createdAt"])
        attempts = int(job["attempts"] or 1)
        seconds = ledger.settings.pact_retry_seconds * 2 ** min(attempts - 1, 20)
        nxt = _now() + min(timedelta(seconds=seconds), LONGEST_WAIT)
        if nxt - created > GIVE_UP_AFTER:
            log.warning("PACT job %s abandoned after %d attempts: %s", job["id"], attempts, error)
            store.finish_job(ledger.store, job["id"], "abandoned", _now(), error, None)
            return
        log.info(
            "PACT job %s: attempt %d failed (%s); next at %s", job["id"], attempts, error, nxt.isoformat()
        )
        store.retry_job(ledger.store, job["id"], nxt, error)
