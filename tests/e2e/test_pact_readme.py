"""The README's PACT example, run as written (with bash and curl) against the app served over HTTPS, and
the demo's flour footprint, which it lists, checked against the PACT schema."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from tests.e2e.pact_host import Certificate, Host, certificate, pact_host
from vfgraph.pact import credentials, demo, footprints, schema
from vfgraph.services.demo import load_demo
from vfgraph.services.ledger import Ledger

README = Path(__file__).resolve().parents[2] / "README.md"


def _example() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## PACT: product carbon footprints") :]
    found = re.search(r"```sh\n(.*?)```", section, re.S)
    assert found, "the README's PACT section has a sh example"
    return found.group(1)


@pytest.fixture(scope="module")
def served(ledger: Ledger, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Host, Certificate]]:
    load_demo(ledger)
    demo.load_pact_demo(ledger)  # publishes the flour's footprint unless an earlier run did
    cert = certificate(tmp_path_factory.mktemp("pact-readme-tls"))
    with pact_host(ledger, cert) as host:
        yield host, cert


def test_the_readme_example_gets_a_token_and_lists_the_demo_footprint(
    served: tuple[Host, Certificate], ledger: Ledger
) -> None:
    host, cert = served
    mill = ledger.settings.base_iri + "demo/organization/stone-mill"
    client = credentials.create_client(ledger, agent=mill, name="README example")
    script = (
        _example().replace("https://127.0.0.1:8443/pact", host.base).replace(".tls/cert.pem", str(cert.cert))
    )
    env = {**os.environ, "PACT_CLIENT_ID": client.client_id, "PACT_CLIENT_SECRET": client.client_secret}
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    assert schema.errors("ListFootprintsResponse", body) == []
    assert body["data"] and {f["companyName"] for f in body["data"]} == {"Stone Mill"}
    assert all(Decimal(f["pcf"]["pcfExcludingBiogenicUptake"]) == Decimal("0.25") for f in body["data"])


def test_the_demo_footprint_conforms_and_carries_the_water_in_the_extension(
    ledger: Ledger, served: tuple[Host, Certificate]
) -> None:
    # Published again as `vfgraph demo` publishes it (the database may hold other flour footprints).
    doc = footprints.document_of(footprints.publish(ledger, demo.publication(ledger)))
    assert schema.errors("ProductFootprint", doc) == []
    assert doc["pcf"]["pcfExcludingBiogenicUptake"] == "0.25"  # docs/footprints.md's worked example
    (ext,) = doc["extensions"]
    assert [i["amount"] for i in ext["data"]["indicators"]] == ["0.025"]
    contributions = {c["process"].rsplit("/", 1)[-1]: c["amount"] for c in ext["data"]["breakdown"]}
    assert contributions == {"harvest-2026": "0.125", "truck-trip-17": "0.05", "milling-run-3": "0.075"}
