"""The app as a whole: health, GraphiQL, and the GraphQL endpoint itself."""

from __future__ import annotations

from tests.e2e.client import Api


def test_health_says_ok_while_neo4j_answers(api: Api) -> None:
    response = api.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_graphiql_is_served_to_a_browser(api: Api) -> None:
    response = api.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


def test_the_actions_come_from_the_ontology_with_their_behaviour(api: Api) -> None:
    data = api.data(
        """{ action(id: "transfer") { id label resourceEffect onhandEffect inputOutput pairsWith
             accountingEffect createResource eventQuantity locationEffect containedEffect
             accountableEffect stageEffect stateEffect }
           actions { id } }"""
    )
    transfer = data["action"]
    assert transfer["id"] == "transfer"
    assert transfer["resourceEffect"] == transfer["accountingEffect"] == "decrementIncrement"
    assert transfer["createResource"] == "optionalTo"
    assert len(data["actions"]) >= 19
    assert {"produce", "consume", "work", "transfer", "move"} <= {a["id"] for a in data["actions"]}


def test_an_unknown_action_id_reads_as_null(api: Api) -> None:
    assert api.data('{ action(id: "teleport") { id } }') == {"action": None}


def test_graphiql_is_served_from_the_package_without_a_cdn(api: Api) -> None:
    page = api.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    scripts = [line for line in page.text.splitlines() if "<script src=" in line]
    assert scripts and all('src="/static/' in line for line in scripts)
    for line in scripts:
        asset = line.split('src="')[1].split('"')[0]
        assert api.get(asset).status_code == 200, asset
