"""Fuzzing from the schema: whatever operation schemathesis generates, no server error and no unmasked error.

schemathesis (hypothesis-graphql) writes queries and mutations for every root field of the served schema,
valid ones and invalid ones, and each is sent in-process to the app on the real Neo4j with an operator key
(the rate limit is off here: it is tested in test_abuse.py). A response passes when its status is below
500 and every error it carries has a code other than ``INTERNAL_SERVER_ERROR``.

``make test`` runs a short pass (``FUZZ_EXAMPLES`` examples per root field, 3 by default); ``make fuzz``
the long one (``FUZZ_EXAMPLES=25 FUZZ_MIN_REQUESTS=1000``), whose last test checks the number of requests.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes

from tests.e2e.apps import serving
from tests.e2e.client import Api
from vfgraph.api.http import GRAPHQL_RESPONSE
from vfgraph.api.schema import schema
from vfgraph.domain.kinds import Kind
from vfgraph.services import keys
from vfgraph.services.ledger import Ledger

# Test knobs, not application settings (those are read by vfgraph.settings only).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
MIN_REQUESTS = int(os.environ.get("FUZZ_MIN_REQUESTS", "0"))

SCHEMA = schemathesis.graphql.from_dict(schema.introspect())

# Ids that mean something (filled by the fixture): IRIs of records that exist, their revision ids, action
# names; so that some references resolve, some updates name a current revision, and some writes go through.
KNOWN: list[str] = []


def _known(index: int) -> str:
    return KNOWN[index % len(KNOWN)] if KNOWN else "http://127.0.0.1:8000/id/none"


_iris = st.one_of(
    st.integers(min_value=0).map(_known),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20).map("http://127.0.0.1:8000/id/{}".format),
    st.text(max_size=30),
)
_decimals = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers().map(str),
    st.text(max_size=12),
)
schemathesis.graphql.scalar("URI", _iris.map(nodes.String))
schemathesis.graphql.scalar("ID", _iris.map(nodes.String))
schemathesis.graphql.scalar("Decimal", _decimals.map(nodes.String))

# What the run saw: requests sent, and responses by status and by error code.
SEEN: Counter[str] = Counter()


@pytest.fixture(scope="module")
def fuzzed(ledger: Ledger) -> Iterator[Api]:
    key = keys.create(ledger, agent=None, name="fuzzing", operator=True).token
    c = ledger.create
    kg = c(Kind.UNIT, {"label": "kilogram", "symbol": "kg"})
    farm, mill = c(Kind.ORGANIZATION, {"name": "Fuzz Farm"}), c(Kind.PERSON, {"name": "Fuzz Miller"})
    grain = c(Kind.RESOURCE_SPECIFICATION, {"name": "grain", "defaultUnitOfResource": kg})
    milling = c(Kind.PROCESS, {"name": "milling"})
    produce = {"action": "raise", "provider": farm, "receiver": farm, "resourceConformsTo": grain}
    _, stock = ledger.record_event(
        produce | {"resourceQuantity": {"hasNumericalValue": Decimal("100"), "hasUnit": kg}},
        {"name": "grain"},
    )
    records = [i for i in (kg, farm, mill, grain, milling, stock) if i is not None]
    KNOWN.extend([*records, *(f"{i}@1" for i in records), *ledger.actions])
    with serving(ledger, key, rate_limit=0) as api:
        yield api
    print(f"\nfuzz: {SEEN['requests']} requests; {dict(sorted(SEEN.items()))}", file=sys.stderr)


@SCHEMA.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
def test_no_generated_operation_gets_a_server_error(case: Any, fuzzed: Api) -> None:
    response = fuzzed.request(
        "POST", "/graphql", json={"query": case.body}, headers={"accept": GRAPHQL_RESPONSE}
    )
    SEEN["requests"] += 1
    SEEN[f"status {response.status_code}"] += 1
    assert response.status_code < 500, (case.body, response.text)
    body = response.json()
    if body.get("data") and not body.get("errors"):
        SEEN["answered without errors"] += 1
    for error in body.get("errors", []):
        code = (error.get("extensions") or {}).get("code")
        SEEN[f"code {code}"] += 1
        assert code, (case.body, error)
        assert code != "INTERNAL_SERVER_ERROR", (case.body, error)


def test_the_run_sent_enough_requests() -> None:
    assert SEEN["requests"] >= MIN_REQUESTS, SEEN
