"""Authorization benchmark: the same reads with and without the privacy rule, and with and without a key.

1. Cypher: the read statements the API runs (a page of events, events by ids, an agent's events as a
   nested connection), as generated with the privacy rule in their anchoring match, against the same
   statements with the rule replaced by ``true``, on a graph where a tenth of the events are private.
2. HTTP: the same GraphQL query (a page of events with provider, receiver and resource) sent anonymously
   and with an agent's key (which costs the key check, cached after the first request).

Prints the median time of each and the ratios (with / without).

    python bench/authz.py [--events N] [--runs R]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import httpx

from vfgraph.app import create_app
from vfgraph.bootstrap import open_ledger
from vfgraph.domain.kinds import Kind
from vfgraph.services import keys
from vfgraph.services.ledger import Ledger
from vfgraph.settings import Settings
from vfgraph.store.cypher import read
from vfgraph.store.driver import Store

QUERY = """query { economicEvents(first: 100) { edges { node {
  id provider { name } receiver { name } resourceInventoriedAs { name } } } } }"""


def without_rule(statement: str, var: str) -> str:
    return statement.replace(read.visible(var), "true")


def median(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def build(ledger: Ledger, events: int) -> tuple[list[str], list[str], list[str]]:
    tag = uuid.uuid4().hex[:6]
    agents = [ledger.create(Kind.ORGANIZATION, {"name": f"authz bench {tag} {n}"}) for n in range(10)]
    kg = ledger.create(Kind.UNIT, {"label": "kilogram", "symbol": "kg"})
    spec = ledger.create(Kind.RESOURCE_SPECIFICATION, {"name": "authz bench goods"})
    ids = []
    for n in range(events):
        agent = agents[n % len(agents)]
        event, _ = ledger.record_event(
            {"action": "raise", "provider": agent, "receiver": agent, "resourceConformsTo": spec}
            | {"resourceQuantity": {"hasNumericalValue": Decimal(1), "hasUnit": kg}, "private": n % 10 == 0},
            {"name": f"lot {n}", "private": n % 10 == 0},
        )
        ids.append(event)
    return agents, ids, [kg, spec]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    settings = Settings.from_env()
    with open_ledger(settings) as ledger:
        ledger.store.ensure_schema()
        started = time.perf_counter()
        agents, events, _ = build(ledger, args.events)
        print(f"built {args.events} events (a tenth private) in {time.perf_counter() - started:.1f}s")
        viewer: Store = ledger.store.viewing(
            keys.authenticate(ledger, keys.create(ledger, agent=agents[0]).token)
        )
        label = "EconomicEvent"
        relation = "Agent.economicEvents"
        cases = {
            "page of 100 events": (
                read.PAGE_FORWARD[label],
                "n",
                {"after": None, "before": None, "limit": 101},
            ),
            "100 events by id": (read.GET_BY_IDS[label], "n", {"ids": events[:100]}),
            "events of 10 agents (nested)": (
                read.REVERSE_FORWARD[relation],
                "c",
                {"parents": agents, "after": None, "before": None, "limit": 101},
            ),
        }
        print(f"\nCypher, median of {args.runs} runs (ms)      with rule   without   ratio")
        for name, (statement, var, params) in cases.items():
            plain = without_rule(statement, var)
            assert plain != statement, name
            with_s = median(lambda s=statement, p=params: viewer.rows(s, p), args.runs)
            without_s = median(lambda s=plain, p=params: viewer.rows(s, p), args.runs)
            print(f"{name:38s} {with_s * 1000:9.2f} {without_s * 1000:9.2f} {with_s / without_s:7.3f}")

        token = keys.create(ledger, agent=agents[0], name="authz bench").token
        app = create_app(settings, ledger)

        async def http() -> tuple[float, float]:
            async with app.router.lifespan_context(app):
                transport = httpx.ASGITransport(app=app)
                async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:

                    async def timed(headers: dict[str, str]) -> float:
                        times = []
                        for _ in range(args.runs):
                            started = time.perf_counter()
                            r = await client.post("/graphql", json={"query": QUERY}, headers=headers)
                            assert r.status_code == 200 and "errors" not in r.json(), r.text
                            times.append(time.perf_counter() - started)
                        return statistics.median(times)

                    await timed({})  # warm-up
                    anonymous = await timed({})
                    keyed = await timed({"authorization": f"Bearer {token}"})
                    return anonymous, keyed

        anonymous, keyed = asyncio.run(http())
        print(f"\nGraphQL page of 100 events with nested agents and resources, median of {args.runs} (ms)")
        print(
            f"anonymous {anonymous * 1000:.2f}  with a key {keyed * 1000:.2f}  ratio {keyed / anonymous:.3f}"
        )


if __name__ == "__main__":
    main()
