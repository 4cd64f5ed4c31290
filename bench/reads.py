"""Read benchmark: vfgraph's GraphQL reads against @neo4j/graphql on the same Neo4j and the same data.

The peer is @neo4j/graphql 7 served by Apollo Server 5 (``bench/peer/``: npm, with a lockfile), over type
definitions that read vfgraph's own labels, properties and relationship types
(``bench/peer/typeDefs.graphql``). Both servers run here, on loopback, against the database of
``VFGRAPH_NEO4J_*``; vfgraph with one uvicorn process. The data (``--resources`` resources among ten
organisations, about ten events each: raises, lowers and transfers between the organisations, with quantities
in kilograms) is written once through vfgraph's ledger, under a fixed base IRI, and reused by later runs.

Workloads (each answer compared between the two servers before anything is timed):

- ``nested``: a page of 100 resources, each with its events (up to 100 per resource), each event with its
  provider's and receiver's names and its quantity with the unit's label and symbol;
- ``events``: a page of 100 events, each with its provider's, receiver's and resource's names;
- ``by-id``: 100 resources asked by id in one document (100 aliased root fields), each with its name,
  tracking identifier and accountable agent's name; its second baseline is the single hand-written Cypher
  statement returning the same fields (target: vfgraph <= 1.2x its time).

The vfgraph server here allows an estimated cost of 1,000,000 and 100 aliases (the nested page is estimated
at about 120,000, past the default maximum of 10,000) and has no rate limit; every other limit is the
default.

Privacy: vfgraph applies its rule (a private record is seen only by the agents involved) to every record
it reads; the peer is given the equivalent filter for an anonymous reader, ``private = false OR private =
null``, on each list it reads (the bench data has no private records, so both see everything). Agents are
never private.

Each workload runs at 1 and at 8 concurrent clients (``--clients``) for ``--seconds`` each; printed per
side: requests/s, p50 and p99 latency, and server CPU per request (user+system time of the server process
over the run, from /proc, divided by the requests answered); then the throughput ratio vfgraph/peer
(target >= 1.5 for ``nested`` at 1 and at 8 clients).

    python bench/reads.py [--resources 1000] [--seconds 20] [--clients 1 8] [--workloads nested events by-id]

Run it on a quiet machine, on a database of its own (``VFGRAPH_NEO4J_HOME``/``VFGRAPH_NEO4J_BOLT_PORT``), so
that other records do not change the pages compared.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

from vfgraph.bootstrap import open_ledger
from vfgraph.domain.kinds import Kind
from vfgraph.services.ledger import Ledger
from vfgraph.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
PEER = ROOT / "bench" / "peer"
BASE = "http://bench.vfgraph.test/reads/"
ORGS = 10
EVENTS_PER_RESOURCE = 10

# --- the two sides' documents -------------------------------------------------------------------------

VF_NESTED = """
query Nested {
  economicResources(first: 100) {
    edges { node {
      id name
      economicEventsInOutFrom(first: 100) {
        edges { node {
          id
          provider { name }
          receiver { name }
          resourceQuantity { hasNumericalValue hasUnit { label symbol } }
        } }
      }
    } }
  }
}
"""

# The privacy rule for an anonymous reader, as a filter of the peer's (vfgraph: ``private IS NULL OR
# private = false``); substituted for $OPEN below.
OPEN = "{ OR: [{ private: { eq: false } }, { private: { eq: null } }] }"

PEER_NESTED = """
query Nested {
  economicResourcesConnection(first: 100, sort: [{ id: ASC }], where: $OPEN) {
    edges { node {
      id name
      eventsInOutFromConnection(first: 100, sort: [{ node: { id: ASC } }],
                                where: { node: $OPEN }) {
        edges { node {
          id
          provider { name }
          receiver { name }
          resourceQuantityValue
          resourceQuantityUnitRecord { label symbol }
        } }
      }
    } }
  }
}
""".replace("$OPEN", OPEN)

VF_EVENTS = """
query Events {
  economicEvents(first: 100) {
    edges { node { id provider { name } receiver { name } resourceInventoriedAs { name } } }
  }
}
"""

PEER_EVENTS = """
query Events {
  economicEventsConnection(first: 100, sort: [{ id: ASC }], where: $OPEN) {
    edges { node {
      id provider { name } receiver { name }
      resourceInventoriedAs(where: $OPEN) { name }
    } }
  }
}
""".replace("$OPEN", OPEN)


def vf_by_id(ids: list[str]) -> str:
    fields = "\n".join(
        f'  r{i}: economicResource(id: "{iri}")'
        " { id name trackingIdentifier primaryAccountable { name } }"
        for i, iri in enumerate(ids)
    )
    return "query ById {\n" + fields + "\n}"


def peer_by_id(ids: list[str]) -> str:
    fields = "\n".join(
        f'  r{i}: economicResources(where: {{ id: {{ eq: "{iri}" }}, {OPEN[2:-2]} }})'
        " { id name trackingIdentifier primaryAccountable { name } }"
        for i, iri in enumerate(ids)
    )
    return "query ById {\n" + fields + "\n}"


BY_ID_CYPHER = """
UNWIND $ids AS id
MATCH (r:EconomicResource {id: id})
WHERE r.private IS NULL OR r.private = false
RETURN r.id AS id, r.name AS name, r.trackingIdentifier AS trackingIdentifier,
       [(r)-[:PRIMARY_ACCOUNTABLE]->(a) | a.name][0] AS accountable
"""

# --- answers in one canonical form (what must be equal) -----------------------------------------------


def _num(value: Any) -> str:
    return str(Decimal(str(value)).normalize())


def canon_nested_vf(body: dict[str, Any]) -> list[Any]:
    out = []
    for edge in body["data"]["economicResources"]["edges"]:
        r = edge["node"]
        events = []
        for e in r["economicEventsInOutFrom"]["edges"]:
            ev = e["node"]
            q = ev["resourceQuantity"]
            unit = q["hasUnit"] if q else None
            events.append(
                (
                    ev["id"],
                    ev["provider"]["name"],
                    ev["receiver"]["name"],
                    _num(q["hasNumericalValue"]) if q else None,
                    (unit["label"], unit["symbol"]) if unit else None,
                )
            )
        out.append((r["id"], r["name"], events))
    return out


def canon_nested_peer(body: dict[str, Any]) -> list[Any]:
    out = []
    for edge in body["data"]["economicResourcesConnection"]["edges"]:
        r = edge["node"]
        events = []
        for e in r["eventsInOutFromConnection"]["edges"]:
            ev = e["node"]
            unit = ev["resourceQuantityUnitRecord"]
            events.append(
                (
                    ev["id"],
                    ev["provider"][0]["name"],
                    ev["receiver"][0]["name"],
                    _num(ev["resourceQuantityValue"]) if ev["resourceQuantityValue"] is not None else None,
                    (unit["label"], unit["symbol"]) if unit else None,
                )
            )
        out.append((r["id"], r["name"], events))
    return out


def canon_events_vf(body: dict[str, Any]) -> list[Any]:
    return [
        (
            n["id"],
            n["provider"]["name"],
            n["receiver"]["name"],
            n["resourceInventoriedAs"]["name"] if n["resourceInventoriedAs"] else None,
        )
        for n in (e["node"] for e in body["data"]["economicEvents"]["edges"])
    ]


def canon_events_peer(body: dict[str, Any]) -> list[Any]:
    return [
        (
            n["id"],
            n["provider"][0]["name"],
            n["receiver"][0]["name"],
            n["resourceInventoriedAs"][0]["name"] if n["resourceInventoriedAs"] else None,
        )
        for n in (e["node"] for e in body["data"]["economicEventsConnection"]["edges"])
    ]


def _resource_row(r: dict[str, Any] | None) -> Any:
    if r is None:
        return None
    accountable = r["primaryAccountable"]
    if isinstance(accountable, list):
        accountable = accountable[0] if accountable else None
    return (r["id"], r["name"], r["trackingIdentifier"], accountable["name"] if accountable else None)


def canon_by_id_vf(body: dict[str, Any]) -> list[Any]:
    data = body["data"]
    return [_resource_row(data[f"r{i}"]) for i in range(len(data))]


def canon_by_id_peer(body: dict[str, Any]) -> list[Any]:
    data = body["data"]
    return [_resource_row((data[f"r{i}"] or [None])[0]) for i in range(len(data))]


@dataclass(frozen=True)
class Workload:
    name: str
    vf: str
    peer: str
    canon_vf: Callable[[dict[str, Any]], list[Any]]
    canon_peer: Callable[[dict[str, Any]], list[Any]]


# --- the data -----------------------------------------------------------------------------------------


def iri(kind: Kind, n: int | str) -> str:
    return f"{BASE}{kind.path}/{n}"


def load_data(ledger: Ledger, resources: int) -> None:
    """Write the bench data through the ledger once (skipped when it is there)."""
    count = ledger.store.rows(
        "MATCH (e:EconomicEvent) WHERE e.id STARTS WITH $base RETURN count(e) AS n", {"base": BASE}
    )[0]["n"]
    wanted = resources * EVENTS_PER_RESOURCE
    if count >= wanted:
        print(f"data: {count} events under {BASE} (reused)")
        return
    while count and ledger.store.write(lambda tx: tx.one(DELETE_BATCH, {"base": BASE}))["n"]:
        pass  # a run cut short left part of the data: start again
    started = time.perf_counter()
    rng = random.Random(7)
    kg = ledger.create(Kind.UNIT, {"label": "kilogram", "symbol": "kg"}, iri(Kind.UNIT, "kg"))
    spec = ledger.create(Kind.RESOURCE_SPECIFICATION, {"name": "grain"}, iri(Kind.RESOURCE_SPECIFICATION, 1))
    orgs = [
        ledger.create(
            Kind.ORGANIZATION, {"name": f"Organisation {o:02d}"}, iri(Kind.ORGANIZATION, f"{o:02d}")
        )
        for o in range(ORGS)
    ]
    owner: dict[str, str] = {}
    seq = 0

    def event(fields: dict[str, Any], new: dict[str, Any] | None = None, new_iri: str | None = None) -> None:
        nonlocal seq
        seq += 1
        base = {"hasPointInTime": f"2026-01-01T00:00:{seq % 60:02d}Z"}
        ledger.record_event(base | fields, new, (iri(Kind.ECONOMIC_EVENT, f"{seq:06d}"), new_iri))

    def kilos(value: int) -> dict[str, Any]:
        return {"hasNumericalValue": Decimal(value), "hasUnit": kg}

    for r in range(resources):
        org = orgs[r % ORGS]
        resource = iri(Kind.ECONOMIC_RESOURCE, f"{r:05d}")
        owner[resource] = org
        fields = {"action": "raise", "provider": org, "receiver": org, "resourceConformsTo": spec}
        event(
            fields | {"resourceQuantity": kilos(1000)},
            {"name": f"Lot {r:05d}", "trackingIdentifier": f"LOT-{r:05d}"},
            resource,
        )
        if (r + 1) % 200 == 0:
            print(f"  {r + 1} resources", flush=True)
    lots = sorted(owner)
    for n in range(resources * (EVENTS_PER_RESOURCE - 1)):
        resource = lots[n % resources]
        org = owner[resource]
        choice = rng.random()
        if choice < 0.5:
            other = lots[(n % resources + 1 + rng.randrange(resources - 1)) % resources]
            fields = {"action": "transfer", "provider": org, "receiver": owner[other]}
            fields |= {"resourceInventoriedAs": resource, "toResourceInventoriedAs": other}
        else:
            fields = {"action": "raise" if choice < 0.8 else "lower", "provider": org, "receiver": org}
            fields |= {"resourceInventoriedAs": resource}
        event(fields | {"resourceQuantity": kilos(rng.randint(1, 5))})
        if (n + 1) % 1000 == 0:
            print(f"  {n + 1} more events", flush=True)
    print(f"data: {seq} events on {resources} resources written in {time.perf_counter() - started:.0f} s")


DELETE_BATCH = """
MATCH (n) WHERE (n:Record OR n:External) AND n.id STARTS WITH $base
WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS n
"""


# --- the servers --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for(url: str, body: dict[str, Any] | None = None, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            r = httpx.post(url, json=body, timeout=2) if body else httpx.get(url, timeout=2)
            if r.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"no server came up at {url}")


def start_vfgraph(port: int) -> subprocess.Popen[bytes]:
    # The nested workload's estimated cost (about 120,000) and the 100 aliases of by-id pass the default
    # limits of a deployment; the bench raises them (and turns the rate limit off) for its own server.
    limits = {"VFGRAPH_MAX_QUERY_COST": "1000000", "VFGRAPH_MAX_ALIASES": "100", "VFGRAPH_RATE_LIMIT": "0"}
    env = dict(os.environ, VFGRAPH_PORT=str(port), **limits)
    command = [sys.executable, "-m", "uvicorn", "vfgraph.app:create_app", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    wait_for(f"http://127.0.0.1:{port}/health")
    return server


def start_peer(settings: Settings, port: int) -> subprocess.Popen[bytes]:
    if not (PEER / "node_modules").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=PEER, check=True)
    env = dict(
        os.environ,
        NEO4J_URI=settings.neo4j_uri,
        NEO4J_USER=settings.neo4j_user,
        NEO4J_PASSWORD=settings.neo4j_password or "",
        NEO4J_DATABASE=settings.neo4j_database,
        PORT=str(port),
    )
    server = subprocess.Popen(["node", "server.mjs"], env=env, cwd=PEER, stdout=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}/", {"query": "{ __typename }"})
    return server


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


# --- timing -------------------------------------------------------------------------------------------


@dataclass
class Run:
    requests: int
    seconds: float
    latencies: list[float]
    cpu: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


async def drive(url: str, document: str, clients: int, seconds: float, pid: int) -> Run:
    latencies: list[float] = []
    stop_at = time.perf_counter() + seconds
    payload = json.dumps({"query": document})
    headers = {"content-type": "application/json"}

    async def client(http: httpx.AsyncClient) -> None:
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            r = await http.post(url, content=payload, headers=headers)
            if r.status_code != 200 or "errors" in r.json():
                raise SystemExit(f"{url}: {r.status_code} {r.text[:500]}")
            latencies.append(time.perf_counter() - started)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=120, limits=limits) as http:
        cpu_before, started = cpu_seconds(pid), time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        elapsed, cpu_after = time.perf_counter() - started, cpu_seconds(pid)
    return Run(len(latencies), elapsed, latencies, cpu_after - cpu_before)


def post(url: str, document: str) -> dict[str, Any]:
    r = httpx.post(url, json={"query": document}, timeout=120)
    body: dict[str, Any] = r.json()
    if r.status_code != 200 or "errors" in body:
        raise SystemExit(f"{url}: {r.status_code} {r.text[:800]}")
    return body


def time_cypher(ledger: Ledger, ids: list[str], runs: int) -> float:
    driver, database = ledger.store.driver, ledger.store.database
    times = []
    with driver.session(database=database) as session:
        for _ in range(runs):
            started = time.perf_counter()
            session.execute_read(lambda tx: tx.run(BY_ID_CYPHER, ids=ids).data())
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resources", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--workloads", nargs="+", default=["nested", "events", "by-id"])
    args = parser.parse_args()
    settings = Settings.from_env()

    with open_ledger(settings) as ledger:
        ledger.store.ensure_schema()
        load_data(ledger, args.resources)
        ids = [
            iri(Kind.ECONOMIC_RESOURCE, f"{r:05d}") for r in range(0, args.resources, args.resources // 100)
        ]
        ids = ids[:100]
        workloads = {
            "nested": Workload("nested", VF_NESTED, PEER_NESTED, canon_nested_vf, canon_nested_peer),
            "events": Workload("events", VF_EVENTS, PEER_EVENTS, canon_events_vf, canon_events_peer),
            "by-id": Workload("by-id", vf_by_id(ids), peer_by_id(ids), canon_by_id_vf, canon_by_id_peer),
        }
        vf_port, peer_port = free_port(), free_port()
        vf_server = start_vfgraph(vf_port)
        peer_server = start_peer(settings, peer_port)
        vf_url, peer_url = f"http://127.0.0.1:{vf_port}/graphql", f"http://127.0.0.1:{peer_port}/"
        try:
            for name in args.workloads:
                w = workloads[name]
                ours, theirs = w.canon_vf(post(vf_url, w.vf)), w.canon_peer(post(peer_url, w.peer))
                if ours != theirs:
                    raise SystemExit(
                        f"{name}: the answers differ\n vfgraph {ours[:2]}\n peer    {theirs[:2]}"
                    )
                items = sum(len(x[2]) if name == "nested" else 1 for x in ours)
                print(f"\n{name}: answers equal ({len(ours)} records, {items} items)")
                for _ in range(3):  # warm-up
                    post(vf_url, w.vf), post(peer_url, w.peer)
                for clients in args.clients:
                    vf = asyncio.run(drive(vf_url, w.vf, clients, args.seconds, vf_server.pid))
                    peer = asyncio.run(drive(peer_url, w.peer, clients, args.seconds, peer_server.pid))
                    for label, run in (("vfgraph", vf), ("@neo4j/graphql", peer)):
                        print(
                            f"  {clients} client(s) {label:15s} {run.rate:7.1f} req/s  "
                            f"p50 {run.percentile(0.5) * 1000:7.1f} ms  "
                            f"p99 {run.percentile(0.99) * 1000:7.1f} ms  "
                            f"server CPU {run.cpu / max(run.requests, 1) * 1000:6.1f} ms/req"
                        )
                    print(f"  {clients} client(s) ratio vfgraph/peer: {vf.rate / peer.rate:.2f}")
                if name == "by-id":
                    one = asyncio.run(drive(vf_url, w.vf, 1, args.seconds / 2, vf_server.pid))
                    cypher = time_cypher(ledger, ids, 50)
                    p50 = one.percentile(0.5)
                    print(
                        f"  hand-written Cypher, one statement: {cypher * 1000:.1f} ms; "
                        f"vfgraph p50 {p50 * 1000:.1f} ms; ratio vfgraph/cypher: {p50 / cypher:.2f}"
                    )
        finally:
            for server in (vf_server, peer_server):
                server.terminate()
                server.wait(timeout=30)


if __name__ == "__main__":
    main()
