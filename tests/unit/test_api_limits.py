"""The limits' arithmetic: depth, aliases and cost of a document, the rate limit's buckets, media types."""

from __future__ import annotations

import pytest
from graphql import parse

from vfgraph.api import http
from vfgraph.api.cost import LIST_FACTOR, WALK_COST, Measure, Pages, measure
from vfgraph.api.ratelimit import RateLimiter
from vfgraph.api.schema import schema
from vfgraph.errors import BatchNotSupported, UnsupportedMediaType

PAGES = Pages(default=20, maximum=100)


def measured(query: str, **variables: object) -> Measure:
    return measure(schema._schema, parse(query), PAGES, variables=variables)


def test_a_connection_multiplies_what_its_nodes_cost_by_the_page_asked_for() -> None:
    m = measured("{ economicResources(first: 10) { edges { node { id name } } } }")
    # node: 1 + id + name = 3; edges: 1 + 3 = 4 (counted once: the page size counts the items);
    # connection: 1 + 10 * 4.
    assert m == Measure(depth=4, aliases=0, cost=41)


def test_a_page_size_may_come_from_a_variable_and_is_capped_at_the_maximum_page() -> None:
    query = "query($n: Int) { economicResources(first: $n) { edges { node { id } } } }"
    assert measured(query, n=5).cost == 1 + 5 * 3
    assert measured(query, n=10**9).cost == 1 + PAGES.maximum * 3
    assert measured(query).cost == 1 + PAGES.default * 3


def test_plain_lists_count_as_several_items_and_walks_cost_more() -> None:
    m = measured('{ economicResource(id: "x") { trace { __typename } } }')
    assert m.cost == 1 + (1 + WALK_COST + LIST_FACTOR * 1)


def test_fragments_are_expanded_and_a_fragment_that_spreads_itself_does_not_loop() -> None:
    query = """
      { agents(first: 2) { edges { node { ...A } } } }
      fragment A on Agent { id name ...A }
    """
    m = measured(query)
    assert m.depth == 4
    assert m.cost == 1 + 2 * (1 + (1 + 2))


def test_fragments_spreading_each_other_many_times_over_are_measured_once_each() -> None:
    levels = 40  # expanded, 2**40 fields
    fragments = "".join(f"fragment F{i} on Agent {{ ...F{i + 1} ...F{i + 1} }} " for i in range(levels))
    last = f"fragment F{levels} on Agent {{ id }}"
    query = f"{{ agents {{ edges {{ node {{ ...F0 }} }} }} }} {fragments} {last}"
    m = measured(query)
    assert m.cost > 2**levels
    assert m.depth == 4


def test_depth_and_aliases_are_counted_on_any_document_even_an_invalid_one() -> None:
    deep = "{ a " + "{ b " * 30 + "}" * 31
    assert measured(deep).depth == 31  # unknown fields too: depth is counted on the syntax
    nested = "{ agent(id: 1) { " + "primaryLocation { " * 3 + "name" + " }" * 3 + " } }"
    assert measured(nested).depth == 5
    aliases = "{ " + " ".join(f"a{i}: __typename" for i in range(200)) + " }"
    assert measured(aliases).aliases == 200


def test_introspection_counts_as_one_level_whatever_its_depth() -> None:
    query = "{ __schema { types { fields { type { ofType { ofType { name } } } } } } }"
    assert measured(query) == Measure(depth=1, aliases=0, cost=1)


def test_a_bucket_refuses_what_it_does_not_hold_and_refills_over_a_minute() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=600, clock=lambda: now[0])
    assert limiter.take("k", 500) is None
    wait = limiter.take("k", 200)
    assert wait == pytest.approx(10.0)  # 100 units missing, at 10 a second
    assert limiter.take("other", 600) is None  # buckets are per key
    now[0] = 10.0
    assert limiter.take("k", 200) is None


def test_a_rate_limit_of_zero_lets_everything_through() -> None:
    assert RateLimiter(per_minute=0).take("k", 10**9) is None


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (None, http.JSON),
        ("", http.JSON),
        ("*/*", http.JSON),
        ("application/json", http.JSON),
        ("application/graphql-response+json", http.GRAPHQL_RESPONSE),
        ("application/json, application/graphql-response+json", http.GRAPHQL_RESPONSE),
        ("application/graphql-response+json;q=0.5, application/json", http.JSON),
        ("text/html, application/*;q=0.1", http.JSON),
        ("text/html", None),
        ("application/json;q=0", None),
    ],
)
def test_the_response_media_type_follows_accept(accept: str | None, media: str | None) -> None:
    assert http.negotiate(accept) == media


@pytest.mark.parametrize(
    "content_type",
    [None, "", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin-1"],
)
def test_a_post_body_must_be_json_in_utf8(content_type: str | None) -> None:
    with pytest.raises(UnsupportedMediaType):
        http.check_body_type(content_type)


def test_a_json_body_in_utf8_is_accepted_and_a_list_is_a_batch() -> None:
    http.check_body_type("application/json")
    http.check_body_type('application/json; charset="UTF-8"')
    with pytest.raises(BatchNotSupported):
        http.check_not_batch(b'  [{"query": "{ __typename }"}]')


@pytest.mark.parametrize(
    ("media", "data_absent", "codes", "expected"),
    [
        (http.GRAPHQL_RESPONSE, False, [], (200, False)),
        (http.GRAPHQL_RESPONSE, True, ["GRAPHQL_VALIDATION_FAILED"], (400, True)),
        (http.GRAPHQL_RESPONSE, True, ["DEADLINE_EXCEEDED"], (504, True)),
        (http.GRAPHQL_RESPONSE, True, ["RATE_LIMITED"], (429, True)),
        (http.JSON, True, ["QUERY_TOO_DEEP"], (200, False)),
        (http.JSON, True, ["RATE_LIMITED"], (429, False)),
    ],
)
def test_status_codes_follow_the_graphql_over_http_draft(
    media: str, data_absent: bool, codes: list[str], expected: tuple[int, bool]
) -> None:
    assert http.result_status(media, data_absent, codes) == expected
