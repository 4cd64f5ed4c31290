"""Ingest benchmark: economic events through the GraphQL API versus hand-written Cypher.

Both sides record the same N `raise` events on one resource, one write transaction per event, sequentially,
against the same Neo4j:

- api: `createEconomicEvent` over HTTP to a uvicorn server started here (SHACL validation, effects,
  exact decimals, the full write path);
- cypher: one hand-written parameterised statement per event through the driver (create the event with its
  relationships and add the quantity to the resource), with none of the checks.

Prints events per second of each and the ratio api/cypher (higher is better; 1.0 would mean the API costs
nothing over bare Cypher).

    python bench/ingest.py [--events N] [--port P]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

import httpx

from vfgraph.bootstrap import open_ledger
from vfgraph.domain.ids import mint
from vfgraph.domain.kinds import Kind
from vfgraph.services import keys
from vfgraph.settings import Settings

ROOT = Path(__file__).resolve().parents[1]

MUTATION = """
mutation Raise($event: EconomicEventCreateParams!) {
  createEconomicEvent(event: $event) { economicEvent { id } }
}
"""

# The baseline: what someone would write by hand for the same event, without vfgraph.
BASELINE = """
MATCH (a:Agent {id: $agent}), (r:EconomicResource {id: $resource})
CREATE (e:Record:EconomicEvent {id: $id, rev: 1, action: 'raise', resourceQuantityValue: $q,
        resourceQuantityUnit: $unit, hasPointInTime: $t})
CREATE (e)-[:PROVIDER]->(a), (e)-[:RECEIVER]->(a), (e)-[:RESOURCE_INVENTORIED_AS]->(r)
SET r.accountingQuantityValue = toString(toFloat(r.accountingQuantityValue) + toFloat($q)),
    r.onhandQuantityValue = toString(toFloat(r.onhandQuantityValue) + toFloat($q))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the API did not come up at {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    n = args.events
    settings = Settings.from_env()

    with open_ledger(settings) as ledger:
        ledger.store.ensure_schema()
        tag = uuid.uuid4().hex[:8]
        org = ledger.create(Kind.ORGANIZATION, {"name": f"bench org {tag}"})
        kg = ledger.create(Kind.UNIT, {"label": "kilogram", "symbol": "kg"})
        spec = ledger.create(Kind.RESOURCE_SPECIFICATION, {"name": "bench grain"})
        _, api_lot = ledger.record_event(
            {"action": "raise", "provider": org, "receiver": org, "resourceConformsTo": spec}
            | {"resourceQuantity": {"hasNumericalValue": Decimal(0), "hasUnit": kg}},
            {"name": "api lot"},
        )
        _, cypher_lot = ledger.record_event(
            {"action": "raise", "provider": org, "receiver": org, "resourceConformsTo": spec}
            | {"resourceQuantity": {"hasNumericalValue": Decimal(0), "hasUnit": kg}},
            {"name": "cypher lot"},
        )

        port = args.port or free_port()
        env = dict(os.environ, VFGRAPH_PORT=str(port))
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "uvicorn", "vfgraph.app:create_app", "--factory"),
                *("--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"),
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            wait_for(f"http://127.0.0.1:{port}/health")
            key = keys.create(ledger, agent=org, name="ingest bench").token
            headers = {"authorization": f"Bearer {key}"}
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30, headers=headers) as client:
                variables = {
                    "event": {
                        "action": "raise",
                        "provider": org,
                        "receiver": org,
                        "resourceInventoriedAs": api_lot,
                        "resourceQuantity": {"hasNumericalValue": "0.1", "hasUnit": kg},
                        "hasPointInTime": "2026-11-26T00:00:00Z",
                    }
                }
                for _ in range(min(20, n)):  # warm-up
                    client.post("/graphql", json={"query": MUTATION, "variables": variables})
                started = time.perf_counter()
                for _ in range(n):
                    r = client.post("/graphql", json={"query": MUTATION, "variables": variables})
                    body = r.json()
                    if "errors" in body:
                        raise SystemExit(f"API error: {body['errors']}")
                api_seconds = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)

        driver, database = ledger.store.driver, ledger.store.database
        params = {"agent": org, "resource": cypher_lot, "q": "0.1", "unit": kg, "t": "2026-11-26T00:00:00Z"}
        warm_ids = [mint(settings.base_iri, Kind.ECONOMIC_EVENT) for _ in range(min(20, n))]
        timed_ids = [mint(settings.base_iri, Kind.ECONOMIC_EVENT) for _ in range(n)]
        with driver.session(database=database) as session:
            for ids in (warm_ids, timed_ids):
                started = time.perf_counter()
                for event_id in ids:
                    session.execute_write(lambda tx, e=event_id: tx.run(BASELINE, params, id=e).consume())
            cypher_seconds = time.perf_counter() - started

    api_rate, cypher_rate = n / api_seconds, n / cypher_seconds
    print(f"events: {n} sequential writes each, one transaction per event")
    for label, rate in (
        ("api (GraphQL over HTTP, SHACL, effects)", api_rate),
        ("hand-written Cypher", cypher_rate),
    ):
        print(f"{label:40s} {rate:8.1f} events/s ({1000 / rate:.2f} ms each)")
    print(f"ratio api/cypher: {api_rate / cypher_rate:.3f}")


if __name__ == "__main__":
    main()
