"""Trace benchmark: the GraphQL ``trace`` against the same traversal as one hand-written Cypher query.

Builds synthetic supply chains of three sizes: a tree of processes in which every process consumes
``--fan-in`` resources, each produced by a process of the tier below at another organisation and
transferred to the consumer, and every process also emits to the atmosphere. The largest size has about
100,000 events. The chains are bulk-loaded with UNWIND (the shape the ledger writes: events with their
per-resource sequence numbers and relationships), then for each size:

- api: ``economicResource(id) { trace { ... on X { id } } }`` over HTTP to a uvicorn server started here
  (the walk applies the ValueFlows rules, one round trip per level, and loads every record it reaches);
- cypher: one quantified-path-pattern query through the driver that follows the same steps for this
  chain's shape (produce <- process <- consume <- transfer <- produce ...) and returns the ids of the same
  records (the API returns each record's id too). It knows the shape in advance and applies no ValueFlows
  rule (pairing, per-resource order), so it is a lower bound rather than an equivalent.

Prints, per size: events, records reached by each side (they must agree), median seconds of each, the
ratio api/cypher, and how each side's time grows from one size to the next.

    python bench/trace.py [--fan-in 3] [--depths 6 8 10] [--runs 3]
"""

from __future__ import annotations

import argparse
import itertools
import os
import socket
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from vfgraph.bootstrap import open_ledger
from vfgraph.domain.kinds import Kind
from vfgraph.services.ledger import Ledger
from vfgraph.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
BATCH = 5000

CREATE_PROCESSES = """
UNWIND $rows AS row
CREATE (:Record:Process {id: row.id, rev: 1, name: row.name})
"""

CREATE_RESOURCES = """
UNWIND $rows AS row
MATCH (s:ResourceSpecification {id: $spec})
CREATE (r:Record:EconomicResource {id: row.id, rev: 1, name: row.name, eventCount: row.events,
        accountingQuantityValue: row.q, accountingQuantityUnit: $unit,
        onhandQuantityValue: row.q, onhandQuantityUnit: $unit})
CREATE (r)-[:CONFORMS_TO]->(s)
"""

CREATE_EVENTS = """
UNWIND $rows AS row
MATCH (pr:Agent {id: row.provider}), (rc:Agent {id: row.receiver})
CREATE (e:Record:EconomicEvent {id: row.id, rev: 1, action: row.action, resourceQuantityValue: row.q,
        resourceQuantityUnit: row.unit, resourceSeq: row.seq, toResourceSeq: row.toSeq,
        hasPointInTime: '2026-11-26T00:00:00Z'})
CREATE (e)-[:PROVIDER]->(pr), (e)-[:RECEIVER]->(rc)
WITH e, row
CALL (e, row) {
  OPTIONAL MATCH (r:EconomicResource {id: row.resource})
  OPTIONAL MATCH (t:EconomicResource {id: row.toResource})
  OPTIONAL MATCH (i:Process {id: row.inputOf})
  OPTIONAL MATCH (o:Process {id: row.outputOf})
  OPTIONAL MATCH (s:ResourceSpecification {id: row.conformsTo})
  FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END | CREATE (e)-[:RESOURCE_INVENTORIED_AS]->(r))
  FOREACH (_ IN CASE WHEN t IS NULL THEN [] ELSE [1] END | CREATE (e)-[:TO_RESOURCE_INVENTORIED_AS]->(t))
  FOREACH (_ IN CASE WHEN i IS NULL THEN [] ELSE [1] END | CREATE (e)-[:INPUT_OF]->(i))
  FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END | CREATE (e)-[:OUTPUT_OF]->(o))
  FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END | CREATE (e)-[:RESOURCE_CONFORMS_TO]->(s))
}
"""

# The baseline: the same upstream steps for this chain's shape, written by hand as one query.
BASELINE = """
MATCH (start:EconomicResource {id: $id})
MATCH path = (start)(
  (:EconomicResource)<-[:RESOURCE_INVENTORIED_AS]-(:EconomicEvent {action: 'produce'})
  -[:OUTPUT_OF]->(:Process)<-[:INPUT_OF]-(:EconomicEvent {action: 'consume'})
  -[:RESOURCE_INVENTORIED_AS]->(:EconomicResource)
  <-[:TO_RESOURCE_INVENTORIED_AS]-(:EconomicEvent {action: 'transfer'})
  -[:RESOURCE_INVENTORIED_AS]->(:EconomicResource)
){0,100}(last)
OPTIONAL MATCH leaf = (last)<-[:RESOURCE_INVENTORIED_AS]-(:EconomicEvent {action: 'produce'})
                      -[:OUTPUT_OF]->(:Process)
WITH nodes(path) + coalesce(nodes(leaf), []) AS found
UNWIND found AS n
RETURN DISTINCT n.id AS id
"""

QUERY = """
query ($id: ID!) {
  economicResource(id: $id) {
    trace { ... on EconomicResource { id } ... on EconomicEvent { id } ... on Process { id } }
  }
}"""


@dataclass
class Chain:
    tag: str
    processes: list[dict[str, Any]] = field(default_factory=list)
    resources: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    root: str = ""


def build(
    base: str, depth: int, fan_in: int, orgs: list[str], air: str, kg: str, ghg: str, co2: str
) -> Chain:
    """A tree of `depth` tiers; returns the records to load and the root product's IRI."""
    c = Chain(tag=uuid.uuid4().hex[:8])
    counter = iter(range(10**9))

    def iri(kind: str) -> str:
        return f"{base}bench/{c.tag}/{kind}/{next(counter)}"

    def make(tier: int, org: int) -> str:
        """A process at `tier` for organisation `org`; returns the resource it produced (at `org`)."""
        p = iri("process")
        c.processes.append({"id": p, "name": f"process tier {tier}"})
        owner = orgs[org % len(orgs)]
        if tier > 1:
            for k in range(fan_in):
                supplier = (org * fan_in + k + 1) % len(orgs)
                source = make(tier - 1, supplier)
                received = iri("resource")
                c.resources.append({"id": received, "name": "received", "q": "0", "events": 2})
                c.events.append(
                    _event(
                        iri("event"),
                        "transfer",
                        orgs[supplier],
                        owner,
                        "10",
                        kg,
                        source,
                        received,
                        seq=2,
                        to_seq=1,
                    )
                )
                c.events.append(
                    _event(iri("event"), "consume", owner, owner, "10", kg, received, input_of=p, seq=2)
                )
        made = iri("resource")
        c.resources.append({"id": made, "name": "made", "q": "0", "events": 2})
        c.events.append(_event(iri("event"), "produce", owner, owner, "10", kg, made, output_of=p, seq=1))
        c.events.append(_event(iri("event"), "produce", owner, air, "1", co2, output_of=p, conforms_to=ghg))
        return made

    c.root = make(depth, 0)
    return c


def _event(
    event_id: str,
    action: str,
    provider: str,
    receiver: str,
    q: str,
    unit: str,
    resource: str | None = None,
    to_resource: str | None = None,
    *,
    input_of: str | None = None,
    output_of: str | None = None,
    conforms_to: str | None = None,
    seq: int | None = None,
    to_seq: int | None = None,
) -> dict[str, Any]:
    return {
        "id": event_id,
        "action": action,
        "provider": provider,
        "receiver": receiver,
        "q": q,
        "unit": unit,
        "resource": resource,
        "toResource": to_resource,
        "inputOf": input_of,
        "outputOf": output_of,
        "conformsTo": conforms_to,
        "seq": seq,
        "toSeq": to_seq,
    }


def load(ledger: Ledger, chain: Chain, spec: str, kg: str) -> None:
    with ledger.store.driver.session(database=ledger.store.database) as s:
        for statement, rows, extra in (
            (CREATE_PROCESSES, chain.processes, {}),
            (CREATE_RESOURCES, chain.resources, {"spec": spec, "unit": kg}),
            (CREATE_EVENTS, chain.events, {}),
        ):
            for i in range(0, len(rows), BATCH):
                batch = rows[i : i + BATCH]
                s.execute_write(lambda tx, b=batch, st=statement, x=extra: tx.run(st, rows=b, **x).consume())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def median_time(fn: Any, runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fan-in", type=int, default=3)
    parser.add_argument("--depths", type=int, nargs="+", default=[6, 8, 10])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    # The largest chains reach far more states, take longer and cost more than the API's default limits allow.
    env = dict(
        os.environ,
        VFGRAPH_TRACE_MAX_NODES="2000000",
        VFGRAPH_TRACE_DEFAULT_DEPTH="400",
        VFGRAPH_REQUEST_DEADLINE="900",
        VFGRAPH_RATE_LIMIT="0",
    )
    settings = Settings.from_env(env)

    with open_ledger(settings) as ledger:
        ledger.store.ensure_schema()
        orgs = [ledger.create(Kind.ORGANIZATION, {"name": f"bench org {n}"}) for n in range(12)]
        air = ledger.create(Kind.ECOLOGICAL_AGENT, {"name": "bench atmosphere"})
        kg = ledger.create(Kind.UNIT, {"label": "kilogram", "symbol": "kg"})
        co2 = ledger.create(Kind.UNIT, {"label": "kg CO2e", "symbol": "kg CO2e"})
        product = ledger.create(Kind.RESOURCE_SPECIFICATION, {"name": "bench part"})
        ghg = ledger.create(Kind.RESOURCE_SPECIFICATION, {"name": "bench GHG"})
        chains = []
        for depth in args.depths:
            chain = build(settings.base_iri, depth, args.fan_in, orgs, air, kg, ghg, co2)
            started = time.perf_counter()
            load(ledger, chain, product, kg)
            print(
                f"loaded depth {depth}: {len(chain.events)} events, {len(chain.resources)} resources,"
                f" {len(chain.processes)} processes in {time.perf_counter() - started:.1f}s",
                flush=True,
            )
            chains.append((depth, chain))

        port = free_port()
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "uvicorn", "vfgraph.app:create_app", "--factory"),
                *("--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"),
            ],
            env=dict(env, VFGRAPH_PORT=str(port)),
            cwd=ROOT,
        )
        rows = []
        try:
            _wait(f"http://127.0.0.1:{port}/health")
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
                for depth, chain in chains:

                    def api(c: Chain = chain) -> int:
                        body = client.post(
                            "/graphql", json={"query": QUERY, "variables": {"id": c.root}}
                        ).json()
                        if body.get("errors"):
                            raise SystemExit(f"API error: {body['errors']}")
                        return len(body["data"]["economicResource"]["trace"])

                    def cypher(c: Chain = chain) -> int:
                        return len({row["id"] for row in ledger.store.rows(BASELINE, {"id": c.root})})

                    api()  # warm-up
                    cypher()
                    api_s, api_n = median_time(api, args.runs)
                    cy_s, cy_n = median_time(cypher, args.runs)
                    rows.append((depth, len(chain.events), api_n, cy_n, api_s, cy_s))
        finally:
            server.terminate()
            server.wait(timeout=30)

    print(f"\nfan-in {args.fan_in}, median of {args.runs} runs")
    heads = ("depth", "events", "reached api", "cypher", "api s", "cypher s", "api/cypher")
    print(" ".join(f"{h:>11}" for h in heads))
    for depth, events, api_n, cy_n, api_s, cy_s in rows:
        cells = (depth, events, api_n, cy_n, f"{api_s:.3f}", f"{cy_s:.3f}", f"{api_s / cy_s:.2f}")
        print(" ".join(f"{c:>11}" for c in cells))
    for (d1, e1, *_, a1, c1), (d2, e2, *_, a2, c2) in itertools.pairwise(rows):
        print(
            f"depth {d1} -> {d2}: events x{e2 / e1:.1f}, api time x{a2 / a1:.1f}, cypher time x{c2 / c1:.1f}"
        )


def _wait(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the API did not come up at {url}")


if __name__ == "__main__":
    main()
