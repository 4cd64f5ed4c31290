"""The change feed: once a write commits, a small notice of what changed, for whoever listens here.

The ledger publishes one :class:`Change` per record a write created, updated or deleted, and only once its
transaction has committed (a rolled-back write publishes nothing). Listeners are the GraphQL subscriptions
(:mod:`vfgraph.api.types.signals`): each holds a :class:`Subscription`, a bounded queue on its own event
loop, and re-reads every record it is told about as its own caller, so a notice never carries data.

Writes run in worker threads (``asyncio.to_thread``) or in plain synchronous code (command line, tests), so
:meth:`ChangeFeed.publish` may be called from any thread: it hands each notice to the listener's loop with
``call_soon_threadsafe``. A listener that falls more than ``QUEUE_SIZE`` notices behind loses the oldest
ones and is told so by an ``overflowed`` flag, rather than slowing the writers.

The feed lives in one process: a write made by another process (a second server, ``vfgraph import``)
is not seen here. See docs/signals.md.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from vfgraph.domain.kinds import Kind

QUEUE_SIZE = 1000


class Operation(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class Change:
    """What a committed write did to one record."""

    kind: Kind
    id: str
    operation: Operation


# Link records whose writing changes the record they point at, as a listener sees it: a proposal offers its
# intents and is addressed to its recipients; an intent's satisfactions and a commitment's fulfilments
# count towards it. (field of the link, kind of the record it points at)
_LINKED: dict[Kind, tuple[str, Kind]] = {
    Kind.PROPOSED_INTENT: ("publishedIn", Kind.PROPOSAL),
    Kind.PROPOSED_TO: ("proposed", Kind.PROPOSAL),
    Kind.SATISFACTION: ("satisfies", Kind.INTENT),
    Kind.FULFILLMENT: ("fulfills", Kind.COMMITMENT),
}


def written(kind: Kind, iri: str, operation: Operation, params: Mapping[str, Any]) -> list[Change]:
    """The changes one committed write of a record makes: the record's own, and for a link record written
    with ``params`` naming its target, that target's (updated)."""
    changes = [Change(kind, iri, operation)]
    link = _LINKED.get(kind)
    if link is not None and params.get(link[0]):
        changes.append(Change(link[1], str(params[link[0]]), Operation.UPDATED))
    return changes


class Subscription:
    """One listener's queue of changes, read with ``async for`` on the loop that opened it."""

    def __init__(self, feed: ChangeFeed, loop: asyncio.AbstractEventLoop) -> None:
        self._feed = feed
        self._loop = loop
        self._queue: asyncio.Queue[Change] = asyncio.Queue(QUEUE_SIZE)
        self.overflowed = False

    def _offer(self, change: Change) -> None:
        """On the listener's loop: queue ``change``, dropping the oldest notice when full."""
        if self._queue.full():
            self._queue.get_nowait()
            self.overflowed = True
        self._queue.put_nowait(change)

    def deliver(self, change: Change) -> None:
        """From any thread."""
        try:
            self._loop.call_soon_threadsafe(self._offer, change)
        except RuntimeError:  # the listener's loop is closed: it will not read again
            self.close()

    async def get(self) -> Change:
        return await self._queue.get()

    def close(self) -> None:
        self._feed._remove(self)

    async def __aiter__(self) -> AsyncIterator[Change]:
        while True:
            yield await self._queue.get()


class ChangeFeed:
    """The in-process broker: many writers (any thread), many listeners (each on an event loop)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscriptions: set[Subscription] = set()

    def subscribe(self) -> Subscription:
        """A new listener on the running event loop; ``close()`` it when done."""
        subscription = Subscription(self, asyncio.get_running_loop())
        with self._lock:
            self._subscriptions.add(subscription)
        return subscription

    def _remove(self, subscription: Subscription) -> None:
        with self._lock:
            self._subscriptions.discard(subscription)

    @property
    def listeners(self) -> int:
        with self._lock:
            return len(self._subscriptions)

    def publish(self, *changes: Change) -> None:
        """Tell every listener about ``changes`` (call it only after the write committed)."""
        with self._lock:
            listeners = list(self._subscriptions)
        for subscription in listeners:
            for change in changes:
                subscription.deliver(change)
