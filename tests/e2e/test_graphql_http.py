"""GraphQL over HTTP as the draft asks: media types, methods, status codes (see vfgraph.api.http)."""

from __future__ import annotations

from typing import Any

from tests.e2e.client import Api
from vfgraph.api.http import GRAPHQL_RESPONSE, JSON

QUERY = "{ __typename }"


def error_codes(body: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in body["errors"]]


def test_the_response_has_the_media_type_the_client_accepts(api: Api) -> None:
    for accept, media in [(GRAPHQL_RESPONSE, GRAPHQL_RESPONSE), (JSON, JSON), ("*/*", JSON), (None, JSON)]:
        headers = {"accept": accept} if accept else {}
        response = api.request("POST", "/graphql", json={"query": QUERY}, headers=headers)
        assert response.status_code == 200
        assert response.headers["content-type"].split(";")[0] == media
        assert response.json() == {"data": {"__typename": "Query"}}


def test_every_response_carries_a_request_id(api: Api) -> None:
    first = api.request("POST", "/graphql", json={"query": QUERY})
    second = api.request("POST", "/graphql", json={"query": "{"})
    ids = {first.headers["x-request-id"], second.headers["x-request-id"]}
    assert len(ids) == 2


def test_a_query_over_get_is_served_and_a_mutation_over_get_is_405(api: Api) -> None:
    assert api.get("/graphql", params={"query": QUERY}).json() == {"data": {"__typename": "Query"}}
    mutation = 'mutation { deleteUnit(id: "http://example.org/u") }'
    response = api.get("/graphql", params={"query": mutation}, headers={"accept": GRAPHQL_RESPONSE})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert error_codes(response.json()) == ["METHOD_NOT_ALLOWED"]


def test_other_methods_are_405(api: Api) -> None:
    response = api.request("PUT", "/graphql", json={"query": QUERY})
    assert response.status_code == 405
    assert error_codes(response.json()) == ["METHOD_NOT_ALLOWED"]


def test_a_body_that_is_not_json_is_415(api: Api) -> None:
    for headers in ({"content-type": "text/plain"}, {}):
        response = api.request("POST", "/graphql", content=b'{"query": "{ __typename }"}', headers=headers)
        assert response.status_code == 415
        assert error_codes(response.json()) == ["UNSUPPORTED_MEDIA_TYPE"]


def test_an_accept_header_without_json_is_406(api: Api) -> None:
    response = api.request("POST", "/graphql", json={"query": QUERY}, headers={"accept": "text/csv"})
    assert response.status_code == 406
    assert error_codes(response.json()) == ["NOT_ACCEPTABLE"]


def test_a_browser_still_gets_graphiql(api: Api) -> None:
    response = api.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


def test_documents_that_fail_to_parse_or_validate_are_400_without_data_when_asked_for(api: Api) -> None:
    for query in ("{", "{ noSuchField }", "query($id: ID!) { __typename }"):
        response = api.request(
            "POST", "/graphql", json={"query": query, "variables": {}}, headers={"accept": GRAPHQL_RESPONSE}
        )
        assert response.status_code == 400, query
        body = response.json()
        assert "data" not in body and body["errors"], query
        legacy = api.request("POST", "/graphql", json={"query": query}, headers={"accept": JSON})
        assert legacy.status_code == 200, query
        assert legacy.json()["data"] is None


def test_a_body_that_is_not_a_graphql_request_is_400_with_a_code(api: Api) -> None:
    for content in (b"{ not json", b'{"notquery": "{ __typename }"}', b'{"query": 7}'):
        response = api.request("POST", "/graphql", content=content, headers={"content-type": JSON})
        assert response.status_code == 400
        assert error_codes(response.json()) == ["BAD_REQUEST"]
