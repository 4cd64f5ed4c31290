"""``POST /3/events``: the four PACT v3 CloudEvents (structured content mode, JSON).

Each event is checked against the PACT schema before anything happens; a malformed one is refused with
400 and nothing is kept. Then, by type:

- ``RequestCreatedEvent.3`` (a data recipient asks for footprints): the request is queued in Neo4j (once
  per ``source`` and ``id``: a retried event is not queued twice) and the worker answers it later with
  ``RequestFulfilledEvent.3`` (the caller's owner's footprints that match the criteria) or
  ``RequestRejectedEvent.3`` (none match), posted to the peer that ``source`` names. A request from a
  source that is no registered peer is refused at once (400): vfgraph could not answer it.
- ``PublishedEvent.3`` (a supplier announces footprints): a fetch of each listed id from the peer that
  ``source`` names is queued; the worker takes them (:func:`vfgraph.pact.footprints.record_received`).
- ``RequestFulfilledEvent.3``: the footprints it carries are recorded as received from that peer.
- ``RequestRejectedEvent.3``: accepted and logged (vfgraph keeps no record of its own requests yet).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from vfgraph.pact import footprints, peers, schema
from vfgraph.pact.credentials import PactCaller
from vfgraph.store import pact as store

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger

log = logging.getLogger(__name__)

PREFIX = "org.wbcsd.pact.ProductFootprint."
PUBLISHED = PREFIX + "PublishedEvent.3"
REQUEST_CREATED = PREFIX + "RequestCreatedEvent.3"
REQUEST_FULFILLED = PREFIX + "RequestFulfilledEvent.3"
REQUEST_REJECTED = PREFIX + "RequestRejectedEvent.3"
DEFINITIONS = {
    PUBLISHED: "PublishedEvent",
    REQUEST_CREATED: "RequestCreatedEvent",
    REQUEST_FULFILLED: "RequestFulfilledEvent",
    REQUEST_REJECTED: "RequestRejectedEvent",
}
MEDIA_TYPES = ("application/cloudevents+json", "application/json")

ANSWER, FETCH = "answer-request", "fetch-footprints"


class EventRefused(Exception):
    """An event this host does not accept: 400 with the PACT error ``code``."""

    def __init__(self, message: str, code: str = "BadRequest") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def parse(body: bytes, content_type: str | None) -> dict[str, Any]:
    """The event a request carries, checked against the schema of its type."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media not in MEDIA_TYPES:
        raise EventRefused(f"events are sent as application/cloudevents+json, not {content_type!r}")
    try:
        event = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise EventRefused("the body is not a JSON document") from None
    if not isinstance(event, dict):
        raise EventRefused("the body is not a CloudEvent (a JSON object)")
    if event.get("specversion") != "1.0":
        raise EventRefused(f'specversion must be "1.0", not {event.get("specversion")!r}')
    kind = event.get("type")
    if kind not in DEFINITIONS:
        raise EventRefused(f"{kind!r} is not a PACT v3 event type ({', '.join(sorted(DEFINITIONS))})")
    problems = schema.errors(DEFINITIONS[kind], event)
    if kind == PUBLISHED and not problems and not event["data"].get("pfIds"):
        problems = ["$.data.pfIds: the list of published footprint ids must not be empty"]
    if problems:
        raise EventRefused(f"the event does not conform to PACT v3: {'; '.join(problems)}")
    return event


def job_id(kind: str, source: str, event_id: str) -> str:
    return kind + ":" + hashlib.sha256(f"{source}\n{event_id}".encode()).hexdigest()[:32]


def accept(ledger: Ledger, caller: PactCaller, event: Mapping[str, Any]) -> str | None:
    """Act on a checked event; the id of the job it queued, if any (for the worker to be woken)."""
    kind, source, data = event["type"], event["source"], event["data"]
    peer = peers.for_source(ledger, source)
    if kind == REQUEST_REJECTED:
        log.info(
            "PACT request %s was rejected by %s: %s", data.get("requestEventId"), source, data.get("error")
        )
        return None
    if peer is None:
        raise EventRefused(
            f"{source!r} is not the host of a registered PACT peer, so vfgraph cannot "
            + ("answer there" if kind == REQUEST_CREATED else "fetch from there")
        )
    now = datetime.now(UTC)
    if kind == REQUEST_FULFILLED:
        for pf in data["pfs"]:
            footprints.record_received(
                ledger, pf, peer=peer, url=None, resource_specification=None, indicator=None
            )
        return None
    job_kind = ANSWER if kind == REQUEST_CREATED else FETCH
    jid = job_id(job_kind, source, str(event["id"]))
    payload = {"eventId": event["id"], "source": source, "data": data}
    fresh = store.enqueue(
        ledger.store,
        jid,
        {
            "kind": job_kind,
            "status": "pending",
            "payload": json.dumps(payload, ensure_ascii=False),
            "peer": peer.id,
            "client": caller.client_id,
            "agent": caller.agent,
            "attempts": 0,
            "nextAttemptAt": now,
            "createdAt": now,
        },
    )
    return jid if fresh else None
