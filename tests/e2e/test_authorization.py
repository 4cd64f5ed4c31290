"""Two organisations on one ledger: each writes only as itself; private records stay private everywhere."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from tests.e2e.client import Api
from vfgraph.api.pagination import encode_cursor
from vfgraph.domain.kinds import Kind
from vfgraph.services import keys

EVENT = """
mutation ($event: EconomicEventCreateParams!, $new: EconomicResourceCreateParams) {
  createEconomicEvent(event: $event, newInventoriedResource: $new) {
    economicEvent { id } economicResource { id }
  }
}"""


@dataclass
class Two:
    a: Api
    b: Api
    anonymous: Api
    org_a: str
    org_b: str
    kg: str
    spec: str
    private_process: str
    private_event: str
    private_lot: str
    public_lot: str


def raise_event(
    api: Api, agent: str, spec: str, kg: str, q: str, private: bool = False, **extra: object
) -> dict:
    event = {
        "action": "raise",
        "provider": agent,
        "receiver": agent,
        "resourceConformsTo": spec,
        "resourceQuantity": {"hasNumericalValue": q, "hasUnit": kg},
        "private": private,
        **extra,
    }
    body = api.post(EVENT, {"event": event, "new": {"name": f"lot {q}", "private": private}})
    return body


@pytest.fixture
def two(api: Api) -> Two:
    ledger = api.ledger
    org_a = ledger.create(Kind.ORGANIZATION, {"name": "Coop A"})
    org_b = ledger.create(Kind.ORGANIZATION, {"name": "Coop B"})
    kg = ledger.create(Kind.UNIT, {"label": "kilogram", "symbol": "kg"})
    spec = ledger.create(Kind.RESOURCE_SPECIFICATION, {"name": "beans"})
    a = api.with_key(keys.create(ledger, agent=org_a, name="A").token)
    b = api.with_key(keys.create(ledger, agent=org_b, name="B").token)
    process = b.data(
        "mutation ($p: ProcessCreateParams!) { createProcess(process: $p) { process { id } } }",
        p={"name": "secret roasting", "private": True},
    )["createProcess"]["process"]["id"]
    body = raise_event(b, org_b, spec, kg, "5", private=True)
    assert not body.get("errors"), body
    private_event = body["data"]["createEconomicEvent"]["economicEvent"]["id"]
    private_lot = body["data"]["createEconomicEvent"]["economicResource"]["id"]
    public = raise_event(b, org_b, spec, kg, "7")["data"]["createEconomicEvent"]["economicResource"]["id"]
    return Two(a, b, api.with_key(None), org_a, org_b, kg, spec, process, private_event, private_lot, public)


BY_B = "MATCH (e:EconomicEvent)-[:PROVIDER]->(:Agent {id: $b}) RETURN count(e) AS n"


def test_an_agent_cannot_record_an_event_as_another_agent(two: Two) -> None:
    before = two.a.ledger.store.rows(BY_B, {"b": two.org_b})[0]["n"]
    errors = raise_event(two.a, two.org_b, two.spec, two.kg, "1")["errors"]
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert two.a.ledger.store.rows(BY_B, {"b": two.org_b})[0]["n"] == before


def test_an_agent_cannot_touch_a_resource_another_agent_is_accountable_for(two: Two) -> None:
    errors = two.a.errors(
        EVENT,
        event={
            "action": "lower",
            "provider": two.org_a,
            "receiver": two.org_a,
            "resourceInventoriedAs": two.public_lot,
            "resourceQuantity": {"hasNumericalValue": "1", "hasUnit": two.kg},
        },
    )
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"


def test_an_agent_records_its_own_events_and_the_record_remembers_who_wrote_it(two: Two) -> None:
    body = raise_event(two.a, two.org_a, two.spec, two.kg, "3")
    event = body["data"]["createEconomicEvent"]["economicEvent"]["id"]
    meta = two.a.data(
        "query ($id: ID!) { economicEvent(id: $id) { meta { retrievedRevision { id author { name } } } } }",
        id=event,
    )["economicEvent"]["meta"]["retrievedRevision"]
    assert meta == {"id": f"{event}@1", "author": {"name": "Coop A"}}
    assert two.a.data("{ myAgent { id name } }")["myAgent"] == {"id": two.org_a, "name": "Coop A"}


def test_only_an_operator_creates_agents_and_anonymous_callers_write_nothing(two: Two) -> None:
    create = 'mutation { createOrganization(organization: {name: "Mine"}) { agent { id } } }'
    assert two.a.errors(create)[0]["extensions"]["code"] == "FORBIDDEN"
    assert two.anonymous.errors(create)[0]["extensions"]["code"] == "UNAUTHENTICATED"
    refused = two.anonymous.with_key("vfg_0000_not-a-key").request(
        "POST", "/graphql", json={"query": "{ actions { id } }"}
    )
    assert refused.status_code == 401
    assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_an_agent_cannot_change_another_agents_process(two: Two) -> None:
    errors = two.a.errors(
        "mutation ($p: ProcessUpdateParams!) { updateProcess(process: $p) { process { id } } }",
        p={"revisionId": f"{two.private_process}@1", "name": "mine now"},
    )
    assert errors[0]["extensions"]["code"] in ("FORBIDDEN", "NOT_FOUND")


@pytest.mark.parametrize(
    "query",
    [
        "query ($id: ID!) { economicEvent(id: $id) { id } }",
        "query ($id: ID!) { process(id: $id) { id } }",
        "query ($id: ID!) { economicResource(id: $id) { id } }",
    ],
)
def test_a_private_record_does_not_exist_for_others(two: Two, query: str) -> None:
    ids = {
        "economicEvent": two.private_event,
        "process": two.private_process,
        "economicResource": two.private_lot,
    }
    field = query.split("{ ")[1].split("(")[0]
    assert two.a.data(query, id=ids[field])[field] is None
    assert two.anonymous.data(query, id=ids[field])[field] is None
    assert two.b.data(query, id=ids[field])[field] == {"id": ids[field]}


def test_private_records_are_left_out_of_lists_and_nested_fields_for_others(two: Two) -> None:
    nested = """query ($agent: ID!) { organization(id: $agent) {
        economicEvents(first: 100) { edges { node { id } } }
        inventoriedEconomicResources(first: 100) { edges { node { id } } } } }"""
    seen_by_a = two.a.data(nested, agent=two.org_b)["organization"]
    events = {e["node"]["id"] for e in seen_by_a["economicEvents"]["edges"]}
    lots = {e["node"]["id"] for e in seen_by_a["inventoriedEconomicResources"]["edges"]}
    assert two.private_event not in events and two.private_lot not in lots
    assert two.public_lot in lots
    seen_by_b = two.b.data(nested, agent=two.org_b)["organization"]
    assert two.private_event in {e["node"]["id"] for e in seen_by_b["economicEvents"]["edges"]}
    # The page that would hold B's private process (ids are time-ordered, so it starts just before it).
    listing = "query ($after: String) { processes(first: 5, after: $after) { edges { node { id } } } }"
    just_before = encode_cursor(two.private_process[:-1])
    found = {e["node"]["id"] for e in two.a.data(listing, after=just_before)["processes"]["edges"]}
    assert two.private_process in {
        e["node"]["id"] for e in two.b.data(listing, after=just_before)["processes"]["edges"]
    }
    assert two.private_process not in found


def test_a_trace_through_a_private_record_shows_it_redacted(two: Two) -> None:
    ledger = two.a.ledger
    # B sells from its private lot to A: A's lot traces back through B's private records.
    sale = {
        "action": "transfer",
        "provider": two.org_b,
        "receiver": two.org_a,
        "resourceInventoriedAs": two.private_lot,
        "resourceQuantity": {"hasNumericalValue": "2", "hasUnit": two.kg},
    }
    body = two.b.post(EVENT, {"event": sale, "new": {"name": "A's beans"}})
    assert not body.get("errors"), body
    a_lot = body["data"]["createEconomicEvent"]["economicResource"]["id"]
    graph = """query ($id: ID!) { traceGraph(start: $id) { nodes { id kind redacted resource { name } }
        edges { from to action { id } resourceQuantity { hasNumericalValue } } } }"""
    nodes = {n["id"]: n for n in two.a.data(graph, id=a_lot)["traceGraph"]["nodes"]}
    assert nodes[two.private_lot]["redacted"] and nodes[two.private_lot]["resource"] is None
    assert nodes[two.private_event]["redacted"]
    assert not nodes[a_lot]["redacted"] and nodes[a_lot]["resource"] == {"name": "A's beans"}
    edges = two.a.data(graph, id=a_lot)["traceGraph"]["edges"]
    into_private = [e for e in edges if e["to"] == two.private_lot]
    assert into_private and all(e["action"] is None and e["resourceQuantity"] is None for e in into_private)
    listed = two.a.data(
        "query ($id: ID!) { economicResource(id: $id) { trace { ... on EconomicResource { id } } } }",
        id=a_lot,
    )
    assert two.private_lot not in {i.get("id") for i in listed["economicResource"]["trace"]}
    seen_by_b = {n["id"]: n for n in two.b.data(graph, id=a_lot)["traceGraph"]["nodes"]}
    assert not seen_by_b[two.private_lot]["redacted"]
    assert ledger.store.rows(
        "MATCH (r:EconomicResource {id: $id}) RETURN r.private AS p", {"id": two.private_lot}
    )[0]["p"]


def test_linked_data_respects_privacy_and_imports_need_an_operator(two: Two) -> None:
    path = "/" + two.private_lot.split("/", 3)[3]
    assert two.a.get(path, headers={"accept": "text/turtle"}).status_code == 404
    assert two.b.get(path, headers={"accept": "text/turtle"}).status_code == 200
    refused = two.a.request("POST", "/ld/import", content=b"", headers={"content-type": "text/turtle"})
    assert refused.status_code == 403


def test_a_quantity_stays_exact_for_its_owner(two: Two) -> None:
    q = two.b.data(
        "query ($id: ID!) { economicResource(id: $id) { accountingQuantity { hasNumericalValue } } }",
        id=two.public_lot,
    )
    assert Decimal(q["economicResource"]["accountingQuantity"]["hasNumericalValue"]) == 7


def test_search_finds_a_private_record_only_for_the_agents_involved(two: Two) -> None:
    query = "query ($text: String!) { search(text: $text) { id } }"
    assert two.a.data(query, text=two.private_lot)["search"] == []
    assert two.b.data(query, text=two.private_lot)["search"] == [{"id": two.private_lot}]


def test_meta_tells_the_revisions_of_a_record_and_who_made_them(two: Two) -> None:
    mutation = "mutation ($p: ProcessUpdateParams!) { updateProcess(process: $p) { process { revisionId } } }"
    created = two.a.data(
        'mutation { createProcess(process: {name: "drying"}) { process { id revisionId } } }'
    )["createProcess"]["process"]
    second = two.a.data(mutation, p={"revisionId": created["revisionId"], "note": "slower"})
    assert second["updateProcess"]["process"]["revisionId"] == f"{created['id']}@2"
    meta = two.b.data(
        """query ($id: ID!, $old: ID!, $now: ID!) { process(id: $id) {
            meta { previousRevisionsCount previousRevision { id author { name } }
                   retrievedRevision { id author { name } } }
            old: revision(revisionId: $old) { id }
            now: revision(revisionId: $now) { id } } }""",
        id=created["id"],
        old=created["revisionId"],
        now=f"{created['id']}@2",
    )["process"]
    assert meta["meta"]["previousRevisionsCount"] == 1
    assert meta["meta"]["previousRevision"] == {"id": created["revisionId"], "author": {"name": "Coop A"}}
    assert meta["meta"]["retrievedRevision"] == {"id": f"{created['id']}@2", "author": {"name": "Coop A"}}
    assert meta["old"] is None and meta["now"] == {"id": created["id"]}
