"""Signals benchmark: what the change feed costs a writer, how soon a change is pushed, what matches costs.

1. Writes: the median time of creating an intent through the ledger with no listener, and with
   ``--listeners`` subscriptions draining the feed on an event loop in another thread (ratio with/without).
2. Push: the median time from a committed intent (the ledger call returning) to its ``next`` message on a
   subscribed WebSocket, against the median time of reading that intent back over HTTP (``intent(id)``).
3. Matches: the median time of ``signals.matches`` for an agent holding ``--specs`` specifications, with
   ``--requests`` open requests for them, against a page of 100 intents read by id.

    python bench/signals.py [--runs R] [--listeners L] [--specs S] [--requests N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import threading
import time
import uuid
import warnings
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from starlette.exceptions import StarletteDeprecationWarning

from vfgraph.app import create_app
from vfgraph.bootstrap import open_ledger
from vfgraph.domain.kinds import Kind
from vfgraph.services import keys, signals
from vfgraph.services.ledger import Ledger
from vfgraph.settings import Settings
from vfgraph.store import reads

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

SUBSCRIBE = "subscription($f: SignalFilterParams) { signals(filter: $f) { id } }"


def median(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def listeners(ledger: Ledger, count: int) -> Callable[[], None]:
    """``count`` subscriptions draining the feed on a loop in another thread; returns a stop function."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    async def drain() -> None:
        subscription = ledger.feed.subscribe()
        try:
            async for _ in subscription:
                pass
        finally:
            subscription.close()

    def run() -> None:
        asyncio.set_event_loop(loop)
        tasks = [loop.create_task(drain()) for _ in range(count)]
        loop.call_soon(ready.set)
        loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait()

    def stop() -> None:
        for task in asyncio.all_tasks(loop):
            loop.call_soon_threadsafe(task.cancel)
        thread.join(timeout=10)
        loop.close()

    return stop


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--listeners", type=int, default=100)
    parser.add_argument("--specs", type=int, default=20)
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args()
    with open_ledger(Settings.from_env()) as ledger:
        ledger.store.ensure_schema()
        tag = uuid.uuid4().hex[:6]
        farm = ledger.create(Kind.ORGANIZATION, {"name": f"signals bench farm {tag}"})
        mill = ledger.create(Kind.ORGANIZATION, {"name": f"signals bench mill {tag}"})
        spec = ledger.create(Kind.RESOURCE_SPECIFICATION, {"name": f"signals bench {tag}"})

        def intent() -> str:
            return ledger.create(
                Kind.INTENT, {"action": "transfer", "receiver": mill, "resourceConformsTo": spec}
            )

        # 1. the feed's cost to writers
        intent()  # warm up
        alone = median(intent, args.runs)
        stop = listeners(ledger, args.listeners)
        try:
            crowded = median(intent, args.runs)
        finally:
            stop()
        print(
            f"write an intent: {alone * 1000:.1f} ms alone, {crowded * 1000:.1f} ms with {args.listeners} "
            f"listeners (ratio {crowded / alone:.2f})"
        )

        # 2. from commit to push, against a read over HTTP
        token = keys.create(ledger, agent=farm, name="signals bench").token
        latencies, readings = [], []
        with TestClient(create_app(ledger.settings, ledger)) as client:
            headers = {"authorization": f"Bearer {token}"}
            with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
                ws.send_json({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
                ws.receive_json()
                before = ledger.feed.listeners
                variables = {"f": {"resourceConformsTo": [spec]}}
                ws.send_json(
                    {"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE, "variables": variables}}
                )
                while ledger.feed.listeners <= before:
                    time.sleep(0.01)
                for _ in range(args.runs):
                    iri = intent()
                    started = time.perf_counter()
                    ws.receive_json()
                    latencies.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    client.post(
                        "/graphql", json={"query": f'{{ intent(id: "{iri}") {{ id }} }}'}, headers=headers
                    )
                    readings.append(time.perf_counter() - started)
        push, read_back = statistics.median(latencies), statistics.median(readings)
        print(
            f"commit to push: {push * 1000:.1f} ms; intent(id) over HTTP: {read_back * 1000:.1f} ms "
            f"(ratio {push / read_back:.2f})"
        )

        # 3. matches, against a page of intents by id
        kg = ledger.create(Kind.UNIT, {"label": "kilogram", "symbol": "kg"})
        specs = [
            ledger.create(Kind.RESOURCE_SPECIFICATION, {"name": f"bench {tag} {n}"})
            for n in range(args.specs)
        ]
        for s in specs:
            ledger.record_event(
                {
                    "action": "raise",
                    "provider": farm,
                    "receiver": farm,
                    "resourceConformsTo": s,
                    "resourceQuantity": {"hasNumericalValue": Decimal(10), "hasUnit": kg},
                },
                {"name": "bench lot", "conformsTo": s},
            )
        made = [
            ledger.create(
                Kind.INTENT,
                {
                    "action": "transfer",
                    "receiver": mill,
                    "resourceConformsTo": specs[n % len(specs)],
                    "resourceQuantity": {"hasNumericalValue": Decimal(n % 20), "hasUnit": kg},
                },
            )
            for n in range(args.requests)
        ]
        found = signals.matches(ledger, farm)
        assert len(found) == args.requests, len(found)
        ranked = median(lambda: signals.matches(ledger, farm), args.runs)
        page = median(lambda: reads.get_records(ledger.store, Kind.INTENT, made[:100]), args.runs)
        print(
            f"matches ({args.specs} specifications held, {args.requests} open requests): "
            f"{ranked * 1000:.1f} ms; "
            f"100 intents by id: {page * 1000:.1f} ms (ratio {ranked / page:.2f})"
        )


if __name__ == "__main__":
    main()
