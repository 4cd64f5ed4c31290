"""Records other than events through GraphQL: create, read back, update by revision, page through."""

from __future__ import annotations

from tests.e2e.client import Api
from vfgraph.domain.kinds import Kind

CREATE_ORG = """
mutation ($o: OrganizationCreateParams!) {
  createOrganization(organization: $o) { agent { id revisionId name note classifiedAs __typename } }
}"""


def test_an_organization_is_created_and_read_back_as_an_agent(api: Api) -> None:
    org = {"name": "Hill Bakery", "classifiedAs": ["https://example.org/bakery"]}
    created = api.data(CREATE_ORG, o=org)["createOrganization"]["agent"]
    assert created["name"] == "Hill Bakery"
    assert created["revisionId"] == created["id"] + "@1"
    assert created["__typename"] == "Organization"

    read = api.data(
        "query ($id: ID!) { agent(id: $id) { __typename name } organization(id: $id) { classifiedAs } "
        "person(id: $id) { name } }",
        id=created["id"],
    )
    assert read["agent"] == {"__typename": "Organization", "name": "Hill Bakery"}
    assert read["organization"] == {"classifiedAs": ["https://example.org/bakery"]}
    assert read["person"] is None  # an organization is not a person


def test_an_ecological_agent_is_an_agent(api: Api) -> None:
    created = api.data(
        """mutation { createEcologicalAgent(ecologicalAgent: {name: "Oak Wood"}) {
             ecologicalAgent { id name __typename } } }"""
    )["createEcologicalAgent"]["ecologicalAgent"]
    assert created["__typename"] == "EcologicalAgent"
    read = api.data(
        "query ($id: ID!) { agent(id: $id) { name } ecologicalAgent(id: $id) { name } }",
        id=created["id"],
    )
    assert read == {"agent": {"name": "Oak Wood"}, "ecologicalAgent": {"name": "Oak Wood"}}


def test_an_update_needs_the_current_revision(api: Api) -> None:
    created = api.data(CREATE_ORG, o={"name": "River Mill"})["createOrganization"]["agent"]
    update = """mutation ($o: OrganizationUpdateParams!) {
                  updateOrganization(organization: $o) { agent { revisionId name note } } }"""
    updated = api.data(update, o={"revisionId": created["revisionId"], "note": "by the river"})
    agent = updated["updateOrganization"]["agent"]
    assert agent == {"revisionId": created["id"] + "@2", "name": "River Mill", "note": "by the river"}

    errors = api.errors(update, o={"revisionId": created["revisionId"], "note": "stale"})
    assert errors[0]["extensions"]["code"] == "STALE_REVISION"


def test_units_page_forward_and_backward_with_opaque_cursors(api: Api) -> None:
    ids = [
        api.data(
            'mutation ($l: String!) { createUnit(unit: {label: $l, symbol: "x"}) { unit { id } } }',
            l=f"unit {n}",
        )["createUnit"]["unit"]["id"]
        for n in range(3)
    ]
    page = """query ($first: Int, $after: String, $last: Int, $before: String) {
                units(first: $first, after: $after, last: $last, before: $before) {
                  edges { cursor node { id } }
                  pageInfo { hasNextPage hasPreviousPage endCursor startCursor } } }"""
    last_three = api.data(page, last=3)["units"]
    assert [e["node"]["id"] for e in last_three["edges"]] == ids
    assert last_three["pageInfo"]["hasNextPage"] is False

    first_cursor = last_three["edges"][0]["cursor"]
    assert ids[0] not in first_cursor  # cursors are opaque
    after_first = api.data(page, first=5, after=first_cursor)["units"]
    assert [e["node"]["id"] for e in after_first["edges"]] == ids[1:]
    assert after_first["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": True,
        "startCursor": after_first["edges"][0]["cursor"],
        "endCursor": after_first["edges"][-1]["cursor"],
    }
    before_last = api.data(page, last=1, before=last_three["pageInfo"]["endCursor"])["units"]
    assert [e["node"]["id"] for e in before_last["edges"]] == [ids[1]]
    assert before_last["pageInfo"]["hasPreviousPage"] is True


def test_a_page_above_the_maximum_is_the_largest_page_and_the_response_says_so(api: Api) -> None:
    maximum = api.ledger.settings.max_page_size
    for n in range(maximum + 1):
        api.ledger.create(Kind.UNIT, {"label": f"clamp {n}", "symbol": "c"})
    query = "query ($n: Int) { units(last: $n) { edges { cursor } pageInfo { pageLimit hasPreviousPage } } }"
    body = api.post(query, {"n": 100000})
    assert "errors" not in body, body
    units = body["data"]["units"]
    assert len(units["edges"]) == maximum
    assert units["pageInfo"] == {"pageLimit": maximum, "hasPreviousPage": True}
    assert body["extensions"]["clampedPages"] == [{"path": ["units"], "requested": 100000, "limit": maximum}]
    assert "extensions" not in api.post(query, {"n": maximum})


def test_a_cursor_the_server_did_not_issue_is_refused(api: Api) -> None:
    errors = api.errors('{ units(after: "not-a-cursor") { edges { cursor } } }')
    assert errors[0]["extensions"]["code"] == "INVALID_CURSOR"


def test_a_resource_specification_shows_its_default_unit(api: Api) -> None:
    unit = api.data('mutation { createUnit(unit: {label: "litre", symbol: "l"}) { unit { id } } }')
    unit_id = unit["createUnit"]["unit"]["id"]
    created = api.data(
        """mutation ($s: ResourceSpecificationCreateParams!) {
             createResourceSpecification(resourceSpecification: $s) {
               resourceSpecification { name substitutable defaultUnitOfResource { symbol } } } }""",
        s={"name": "Milk", "defaultUnitOfResource": unit_id, "substitutable": True},
    )
    spec = created["createResourceSpecification"]["resourceSpecification"]
    assert spec == {"name": "Milk", "substitutable": True, "defaultUnitOfResource": {"symbol": "l"}}


def test_a_role_and_a_relationship_link_two_agents(api: Api) -> None:
    a = api.data(CREATE_ORG, o={"name": "Coop"})["createOrganization"]["agent"]["id"]
    b = api.data('mutation { createPerson(person: {name: "Mo"}) { agent { id } } }')
    b_id = b["createPerson"]["agent"]["id"]
    role = api.data(
        """mutation { createAgentRelationshipRole(agentRelationshipRole:
             {roleLabel: "member of", inverseRoleLabel: "has member"}) { agentRelationshipRole { id } } }"""
    )["createAgentRelationshipRole"]["agentRelationshipRole"]["id"]
    api.data(
        """mutation ($r: AgentRelationshipCreateParams!) {
             createAgentRelationship(relationship: $r) { agentRelationship { id } } }""",
        r={"subject": b_id, "object": a, "relationship": role},
    )
    person = api.data(
        """query ($id: ID!) { person(id: $id) {
             roles { roleLabel }
             relationshipsAsSubject { edges { node { subject { name } object { name }
                                                     relationship { inverseRoleLabel } } } }
             relationshipsAsObject { edges { cursor } } } }""",
        id=b_id,
    )["person"]
    assert person["roles"] == [{"roleLabel": "member of"}]
    assert person["relationshipsAsSubject"]["edges"] == [
        {
            "node": {
                "subject": {"name": "Mo"},
                "object": {"name": "Coop"},
                "relationship": {"inverseRoleLabel": "has member"},
            }
        }
    ]
    assert person["relationshipsAsObject"]["edges"] == []
