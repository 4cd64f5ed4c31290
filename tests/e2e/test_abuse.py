"""Abuse: each request is refused or cut off with its code, and the server answers the next one as usual."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.e2e.apps import serving
from tests.e2e.client import Api
from vfgraph.api.http import GRAPHQL_RESPONSE, JSON
from vfgraph.services import keys
from vfgraph.services.ledger import Ledger

NORMAL = "{ economicResources(first: 2) { edges { node { id name } } } }"


@pytest.fixture(scope="module")
def key(ledger: Ledger) -> str:
    return keys.create(ledger, agent=None, name="abuse tests", operator=True).token


def send(api: Api, query: str, accept: str = JSON, **variables: Any) -> httpx.Response:
    body = {"query": query, "variables": variables}
    return api.request("POST", "/graphql", json=body, headers={"accept": accept})


def codes(response: httpx.Response) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in response.json().get("errors", [])]


def still_serves(api: Api) -> None:
    response = send(api, NORMAL)
    assert response.status_code == 200
    assert "errors" not in response.json(), response.json()


def test_a_deeply_nested_query_is_refused_before_it_runs(api: Api) -> None:
    deep = "containedIn { " * 60 + "id" + " }" * 60
    query = f'{{ economicResource(id: "http://example.org/r") {{ {deep} }} }}'
    anonymous = api.with_key(None)  # no key to look up: every statement would be the query's
    before = api.statements_run
    response = send(anonymous, query, accept=GRAPHQL_RESPONSE)
    assert response.status_code == 400
    assert codes(response) == ["QUERY_TOO_DEEP"]
    assert "data" not in response.json()
    assert api.statements_run == before  # nothing reached Neo4j
    still_serves(api)


def test_two_hundred_aliases_are_refused(api: Api) -> None:
    field = "economicResources(first: 1) { pageInfo { hasNextPage } }"
    query = "{ " + " ".join(f"a{i}: {field}" for i in range(200)) + " }"
    response = send(api, query)
    assert response.status_code == 200  # application/json: a request error is still a 200
    assert codes(response) == ["TOO_MANY_ALIASES"]
    assert response.json()["errors"][0]["extensions"]["maximum"] == api.ledger.settings.max_aliases
    still_serves(api)


def test_a_huge_page_is_served_at_the_maximum_page_size(api: Api) -> None:
    response = send(api, "{ economicResources(first: 1000000) { pageInfo { pageLimit } } }")
    body = response.json()
    assert "errors" not in body, body
    assert body["data"]["economicResources"]["pageInfo"]["pageLimit"] == api.ledger.settings.max_page_size
    assert body["extensions"]["clampedPages"][0]["requested"] == 1000000
    still_serves(api)


def test_a_query_whose_estimated_cost_is_too_high_is_refused(api: Api) -> None:
    query = """{ agents(first: 100) { edges { node {
        economicEvents(first: 100) { edges { node { id note resourceQuantity { hasNumericalValue } } } }
    } } } }"""
    response = send(api, query)
    assert codes(response) == ["QUERY_TOO_COSTLY"]
    error = response.json()["errors"][0]["extensions"]
    assert error["cost"] > error["maximum"] == api.ledger.settings.max_query_cost
    still_serves(api)


def test_a_document_with_too_many_tokens_is_refused(api: Api) -> None:
    query = "{ " + "__typename " * (api.ledger.settings.max_tokens + 10) + "}"
    response = send(api, query)
    assert codes(response) == ["TOO_MANY_TOKENS"]
    still_serves(api)


def test_a_batch_of_operations_is_refused(api: Api) -> None:
    batch = [{"query": NORMAL}, {"query": "{ __typename }"}]
    response = api.request("POST", "/graphql", json=batch)
    assert response.status_code == 400
    assert codes(response) == ["BATCH_NOT_SUPPORTED"]
    still_serves(api)


def test_a_query_past_its_deadline_is_cut_off_and_the_next_is_served(ledger: Ledger, key: str) -> None:
    with serving(ledger, key, request_deadline=0.0001) as tight:
        response = send(tight, NORMAL, accept=GRAPHQL_RESPONSE)
        assert "DEADLINE_EXCEEDED" in codes(response)
        if "data" not in response.json():  # cut off whole (rather than one field at its Neo4j transaction)
            assert response.status_code == 504
    with serving(ledger, key) as usual:
        still_serves(usual)


def test_the_rate_limit_counts_cost_per_key(ledger: Ledger, key: str) -> None:
    # NORMAL costs 1 + 2 * (1 + (1 + 2)) = 9 units; the bucket holds 20.
    with serving(ledger, key, rate_limit=20) as limited:
        assert send(limited, NORMAL).status_code == 200
        assert send(limited, NORMAL).status_code == 200
        refused = send(limited, NORMAL)
        assert refused.status_code == 429
        assert codes(refused) == ["RATE_LIMITED"]
        assert int(refused.headers["retry-after"]) >= 1
        still_serves(limited.with_key(None))  # another bucket: the anonymous client's address


@pytest.fixture
def production(ledger: Ledger, key: str) -> Iterator[Api]:
    with serving(ledger, key, mode="production") as api:
        yield api


def test_in_production_only_authenticated_callers_introspect(production: Api) -> None:
    query = "{ __schema { queryType { name } } }"
    assert send(production, query).json()["data"]["__schema"]["queryType"]["name"] == "Query"
    anonymous = production.with_key(None)
    response = send(anonymous, query, accept=GRAPHQL_RESPONSE)
    assert response.status_code == 400
    assert codes(response) == ["INTROSPECTION_DISABLED"]
    assert send(anonymous, "{ __typename }").json() == {"data": {"__typename": "Query"}}


def test_anonymous_callers_get_no_field_suggestions(api: Api) -> None:
    typo = "{ economicResorces(first: 1) { edges { node { id } } } }"
    (suggested,) = send(api, typo).json()["errors"]
    assert "Did you mean" in suggested["message"]
    (plain,) = send(api.with_key(None), typo).json()["errors"]
    assert "Did you mean" not in plain["message"]
    assert plain["message"].startswith("Cannot query field 'economicResorces' on type 'Query'.")


def test_an_iri_with_a_control_character_is_refused(api: Api) -> None:
    # Found by fuzzing: such an IRI was stored, and then broke the N-Triples export of the whole graph.
    mutation = """mutation ($c: [URI!]) {
        createOrganization(organization: {name: "x", classifiedAs: $c}) { agent { id } }
    }"""
    for iri in ("http://example.org/a\tb", "http://example.org/\u0085", "http://example.org/a b"):
        response = send(api, mutation, c=[iri])
        assert codes(response) == ["BAD_USER_INPUT"], response.json()
    still_serves(api)


def test_a_lone_surrogate_in_a_string_is_refused_without_a_server_error(api: Api) -> None:
    # Found by probing after the fuzzing: in a variable, it reached the Neo4j driver, which cannot encode it.
    in_query = b'{"query": "{ agent(id: \\"http://example.org/\\ud800\\") { id } }"}'
    in_variable = b'{"query": "query($id: ID!) { agent(id: $id) { id } }", "variables": {"id": "a\\ud800"}}'
    for body in (in_query, in_variable):
        response = api.request("POST", "/graphql", content=body, headers={"content-type": "application/json"})
        assert response.status_code == 400
        assert codes(response) == ["BAD_REQUEST"]
    response = api.get("/graphql", params={"query": "{ __typename }", "variables": '{"x": "\\udfff"}'})
    assert codes(response) == ["BAD_REQUEST"]
    still_serves(api)
