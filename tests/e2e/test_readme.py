"""Every example of README.md, run as written, so that the README cannot drift from what vfgraph does.

- Each ```graphql block is sent in order over real HTTP (the app served by uvicorn on a free port) to the
  demo data: queries anonymously (reading is open), mutations with a key for the demo's Stone Mill, as the
  README tells a reader to. None may answer an error, and each answers what the README says it shows.
- Each ```sh line and each command quoted inline (``vfgraph ...``, ``python ...``) is run as a command,
  with the README's placeholders (IRI, FOLDER, file names) filled in; ``make run`` is run as its steps
  (``vfgraph init``, ``vfgraph demo``, ``vfgraph serve`` until ``/health`` answers): the suite is what
  ``make test`` runs, so it cannot run ``make`` itself.
- The linked-data endpoints table is requested row by row.

The demo is loaded afresh under its own base IRI for this module (the README's ``http://127.0.0.1:8000/id/``
is replaced by it everywhere), so the mutations, which spend the demo's flour, can run on every test run.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from rdflib import Graph, URIRef

from vfgraph.app import create_app
from vfgraph.services import keys
from vfgraph.services.demo import load_demo
from vfgraph.services.ledger import Ledger

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
README_BASE = "http://127.0.0.1:8000/id/"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)
INLINE = re.compile(r"`((?:\.venv/bin/)?vfgraph [^`]+|python [^`]+)`")


def blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(README) if lang == language]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Demo:
    base: str  # the base IRI the demo was loaded under (in place of the README's)
    url: str  # where the app listens
    client: httpx.Client
    mill_key: str
    operator_key: str

    def text(self, text: str) -> str:
        """README text with the demo's base IRI in place of the README's."""
        return text.replace(README_BASE, self.base)

    def iri(self, path: str) -> str:
        return self.base + path

    def graphql(
        self, query: str, key: str | None = None, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        headers = {"authorization": f"Bearer {key}"} if key else {}
        response = self.client.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body


@pytest.fixture(scope="module")
def demo(ledger: Ledger) -> Iterator[Demo]:
    base = f"http://0.example/readme-{uuid.uuid4().hex}/"
    settings = dataclasses.replace(ledger.settings, base_iri=base)
    served = dataclasses.replace(ledger, settings=settings)
    load_demo(served)
    mill_key = keys.create(ledger, agent=base + "demo/organization/stone-mill", name="README reader").token
    operator_key = keys.create(ledger, agent=None, name="README operator", operator=True).token
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings, served), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, name="readme-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the app did not start"
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=url, timeout=60) as client:
        try:
            yield Demo(base, url, client, mill_key, operator_key)
        finally:
            server.should_exit = True
            thread.join(timeout=10)


# -- the GraphQL blocks --------------------------------------------------------------------------------


def _names(items: list[dict[str, Any]], key: str) -> set[str]:
    return {i[key] for i in items if i.get(key)}


def check_resources(data: dict[str, Any]) -> None:
    page = data["economicResources"]
    assert page["edges"], "the demo has resources"
    for edge in page["edges"]:
        assert edge["node"]["id"] and isinstance(edge["node"]["conformsTo"]["name"], str)


def check_sell(data: dict[str, Any]) -> None:
    made = data["createEconomicEvent"]
    assert made["economicEvent"]["action"] == {"id": "transfer"}
    assert made["economicResource"]["accountingQuantity"] == {"hasNumericalValue": "25"}
    assert made["economicResource"]["primaryAccountable"] == {"name": "Orchard Coop"}


def check_flour(data: dict[str, Any]) -> None:
    flour = data["economicResource"]
    assert flour["name"] == "Flour batch SM-F-0007"
    trace = flour["trace"]
    assert {"Milling run 3", "Truck trip 17", "Harvest 2026"} <= _names(trace, "processName")
    assert {"Grain at Stone Mill", "Grain lot GV-2026-01"} <= _names(trace, "resourceName")
    per_unit = {
        p["indicator"]["name"]: p["quantity"]["hasNumericalValue"] for p in data["footprint"]["perUnit"]
    }
    # docs/footprints.md, worked example: 0.25 kg CO2e and 0.025 m3 of water per kg of flour.
    assert per_unit == {"GHG emissions": "0.25", "Blue water": "0.025"}
    assert {"Milling run 3", "Harvest 2026"} <= {b["process"]["name"] for b in data["footprint"]["breakdown"]}


def check_bread(data: dict[str, Any]) -> None:
    plan = data["planFromRecipe"]["plan"]
    assert plan["processes"], plan
    assert all(p["hasBeginning"] and p["hasEnd"] for p in plan["processes"])


def check_signals(data: dict[str, Any]) -> None:
    requests = data["requests"]["edges"]
    assert requests, "Corner Bakery's request for flour"
    intents = [i for r in requests for i in r["node"]["primaryIntents"]]
    assert "Corner Bakery" in {i["receiver"]["name"] for i in intents if i["receiver"]}
    assert data["matches"]["edges"], "Stone Mill can fill a request"


CHECKS = {
    "Resources": check_resources,
    "Sell": check_sell,
    "Flour": check_flour,
    "Bread": check_bread,
    "Signals": check_signals,
}


def test_every_graphql_block_of_the_readme_answers_without_errors(demo: Demo) -> None:
    found = blocks("graphql")
    names = [re.match(r"\s*(query|mutation)\s+(\w+)", b) for b in found]
    assert all(names), "every block is a named operation"
    assert [n.group(2) for n in names if n] == list(CHECKS), "a new block needs its check here"
    for block, name in zip(found, names, strict=True):
        assert name is not None
        key = demo.mill_key if name.group(1) == "mutation" else None
        body = demo.graphql(demo.text(block), key)
        assert not body.get("errors"), f"{name.group(2)}: {body.get('errors')}"
        CHECKS[name.group(2)](body["data"])


def test_the_key_the_readme_makes_acts_as_stone_mill(demo: Demo, tmp_path: Path) -> None:
    (command,) = [c for c in INLINE.findall(README) if "keys create --agent http" in c]
    out = run(demo, command, tmp_path)
    key = out.strip().splitlines()[-1]
    assert key.startswith("vfg_")
    assert demo.graphql("{ myAgent { name } }", key)["data"] == {"myAgent": {"name": "Stone Mill"}}


# -- the commands --------------------------------------------------------------------------------------

SUPPLIER_YAML = """\
'@context':
  - '@vocab': https://w3id.org/valueflows/ont/vf#
'@graph':
  - '@id': {base}supplier
    '@type': Organization
    name: A supplier from the README
"""
SUPPLIER_TTL = """\
@prefix vf: <https://w3id.org/valueflows/ont/vf#> .
<{base}supplier-ttl> a vf:Organization, vf:Agent ; vf:name "Supplier (Turtle)" .
"""
AUDIT_JSONLD = """\
{{"@context": {{"vf": "https://w3id.org/valueflows/ont/vf#"}},
 "@graph": [{{"@id": "{base}auditor", "@type": ["vf:Organization", "vf:Agent"], "vf:name": "Auditor"}}]}}
"""


def _executable(word: str) -> str:
    if word in ("vfgraph", ".venv/bin/vfgraph"):
        return str(Path(sys.executable).parent / "vfgraph")
    if word == "python":
        return sys.executable
    return word


def run(demo: Demo, command: str, cwd: Path, *extra: str) -> str:
    """Run a README command (placeholders filled in) in ``cwd``; it must succeed. Returns its output."""
    filled = demo.text(command.split("#")[0].strip())
    filled = filled.replace(" IRI", " " + demo.iri("demo/economic-resource/milling-flour"))
    filled = filled.replace(" FOLDER", " " + str(cwd / "examples"))
    words = shlex.split(filled)
    words[0] = _executable(words[0])
    if words[1:2] and words[1].startswith(("scripts/", "bench/")):
        words[1] = str(ROOT / words[1])
    done = subprocess.run(
        [*words, *extra], cwd=cwd, capture_output=True, text=True, timeout=600, env=dict(os.environ)
    )
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@dataclass
class Files:
    folder: Path
    base: str  # the base IRI of the records the files state


@pytest.fixture
def files(demo: Demo, tmp_path: Path) -> Files:
    fresh = f"http://0.example/readme-files-{uuid.uuid4().hex}/"
    (tmp_path / "supplier.yaml").write_text(SUPPLIER_YAML.format(base=fresh))
    (tmp_path / "supplier.ttl").write_text(SUPPLIER_TTL.format(base=fresh))
    (tmp_path / "audit.jsonld").write_text(AUDIT_JSONLD.format(base=fresh))
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "supplier.yaml").write_text(SUPPLIER_YAML.format(base=fresh + "examples/"))
    return Files(tmp_path, fresh)


def test_every_command_of_the_linked_data_section_runs(demo: Demo, files: Files) -> None:
    (section,) = [b for b in blocks("sh") if "vfgraph export" in b]
    commands = [line for line in section.splitlines() if line.strip()]
    assert len(commands) == 4
    for command in commands:
        out = run(demo, command, files.folder)
        if "-o graph.ttl" in command:
            whole = Graph().parse(files.folder / "graph.ttl", format="turtle")
            assert (URIRef(demo.iri("demo/organization/stone-mill")), None, None) in whole
        elif "--root" in command:
            upstream = Graph().parse(data=out, format="turtle")
            # Upstream of the flour: the mill's grain and the farm's lot it came from.
            assert (URIRef(demo.iri("demo/economic-resource/harvest-grain")), None, None) in upstream
        elif "--dry-run" in command:
            assert "valid (dry run, nothing written)" in out
        else:
            assert out.count(": imported:") == 2

    def name_of(iri: str) -> str | None:
        query = "query ($id: ID!) { organization(id: $id) { name } }"
        found = demo.graphql(query, variables={"id": iri})["data"]["organization"]
        return None if found is None else str(found["name"])

    assert name_of(files.base + "supplier-ttl") == "Supplier (Turtle)"
    assert name_of(files.base + "auditor") == "Auditor"
    assert name_of(files.base + "supplier") is None  # the dry run wrote nothing


def test_the_scripts_the_readme_names_run(demo: Demo, files: Files) -> None:
    commands = [c for c in INLINE.findall(README) if c.startswith("python ")]
    assert sorted(c.split()[1] for c in commands) == ["bench/ld.py", "scripts/ld_examples.py"]
    for command in commands:
        # The bench's default is a million triples; the README's command is run on a small graph.
        extra = ("--triples", "2000") if "bench/ld.py" in command else ()
        out = run(demo, command, files.folder, *extra)
        assert out.strip()


def test_make_run_sets_up_loads_the_demo_and_serves(demo: Demo, tmp_path: Path) -> None:
    (two,) = [b for b in blocks("sh") if "make run" in b]
    assert "make run" in two and "make test" in two
    for step in ("vfgraph init", "vfgraph demo"):
        run(demo, step, tmp_path)
    port = _free_port()
    env = dict(os.environ, VFGRAPH_PORT=str(port))
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [_executable("vfgraph"), "serve"], cwd=tmp_path, env=env, stdout=out, stderr=out
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, log.read_text()
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                if health.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"vfgraph serve did not answer /health\n{log.read_text()}"
            time.sleep(0.2)
        answer = httpx.post(
            f"http://127.0.0.1:{port}/graphql",
            json={
                "query": '{ organization(id: "%s") { name } }'
                % (README_BASE + "demo/organization/stone-mill")
            },
        )
        assert answer.json() == {"data": {"organization": {"name": "Stone Mill"}}}
    finally:
        server.terminate()
        server.wait(timeout=30)


# -- the linked-data endpoints table -------------------------------------------------------------------


def test_every_row_of_the_linked_data_endpoints_table(demo: Demo) -> None:
    rows = re.findall(r"^\| `(GET|POST) ([^`]+)`", README, re.M)
    assert [f"{m} {p}" for m, p in rows] == [
        "GET /id/...",
        "GET /ld/graph",
        "GET /ld/context.jsonld",
        "POST /ld/import[?dryRun=true]",
    ], "a new row needs its check here"
    flour = demo.iri("demo/economic-resource/milling-flour")
    path = "/" + flour.split("/", 3)[3]
    for accept, fmt in (
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
    ):
        got = demo.client.get(path, headers={"accept": accept})
        assert got.status_code == 200 and got.headers["content-type"].startswith(accept)
        assert (URIRef(flour), None, None) in Graph().parse(data=got.text, format=fmt)
    assert demo.client.get(path + "-none", headers={"accept": "text/turtle"}).status_code == 404
    assert demo.client.get(path, headers={"accept": "image/png"}).status_code == 406

    with demo.client.stream("GET", "/ld/graph", headers={"accept": "text/turtle"}) as whole:
        assert whole.status_code == 200
        assert next(whole.iter_text()).startswith("@prefix")

    context = demo.client.get("/ld/context.jsonld")
    assert context.status_code == 200 and "@context" in context.json()

    operator = {"authorization": f"Bearer {demo.operator_key}", "content-type": "text/turtle"}
    fresh = f"http://0.example/readme-import-{uuid.uuid4().hex}/"
    good = SUPPLIER_TTL.format(base=fresh)
    checked = demo.client.post("/ld/import?dryRun=true", content=good, headers=operator)
    assert checked.status_code == 200, checked.text
    bad = good.replace('vf:name "Supplier (Turtle)"', 'vf:name "one", "two"')
    refused = demo.client.post("/ld/import", content=bad, headers=operator)
    assert refused.status_code == 422 and json.loads(refused.text)
    imported = demo.client.post("/ld/import", content=good, headers=operator)
    assert imported.status_code == 200, imported.text
