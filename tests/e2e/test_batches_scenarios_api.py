"""vf-graphql ``product_batch``, ``scenario`` and ``appreciation``: batches of resources, what-if scenarios
with their plans and processes, and gifts given in acknowledgement of events."""

from __future__ import annotations

from typing import Any

from tests.e2e.client import Api

T = "2026-10-01T09:00:00Z"


def _get(api: Api, query: str, *path: str, **variables: Any) -> Any:
    data: Any = api.data(query, **variables)
    for key in path:
        data = data[key]
    return data


def _unit(api: Api) -> str:
    query = 'mutation { createUnit(unit: {label: "one", symbol: "1"}) { unit { id } } }'
    return str(_get(api, query, "createUnit", "unit", "id"))


def test_a_resource_belongs_to_a_batch(api: Api) -> None:
    batch = _get(
        api,
        """mutation { createProductBatch(productBatch: {batchNumber: "B-2026-17",
             expiryDate: "2027-03-01T00:00:00Z"}) {
             productBatch { id revisionId batchNumber expiryDate } } }""",
        "createProductBatch",
        "productBatch",
    )
    assert batch["batchNumber"] == "B-2026-17" and batch["expiryDate"].startswith("2027-03-01")
    farm = _get(
        api, 'mutation { createOrganization(organization: {name: "Batch Farm"}) { agent { id } } }',
        "createOrganization", "agent", "id",
    )  # fmt: skip
    spec = _get(
        api,
        'mutation { createResourceSpecification(resourceSpecification: {name: "Batched flour"}) '
        "{ resourceSpecification { id } } }",
        "createResourceSpecification",
        "resourceSpecification",
        "id",
    )
    made = _get(
        api,
        """mutation ($e: EconomicEventCreateParams!, $r: EconomicResourceCreateParams) {
             createEconomicEvent(event: $e, newInventoriedResource: $r) {
               economicResource { id lot { id batchNumber } } } }""",
        "createEconomicEvent",
        "economicResource",
        e={
            "action": "raise",
            "provider": farm,
            "receiver": farm,
            "hasPointInTime": T,
            "resourceConformsTo": spec,
            "resourceQuantity": {"hasNumericalValue": "20", "hasUnit": _unit(api)},
        },
        r={"name": "Flour of batch 17", "conformsTo": spec, "lot": batch["id"]},
    )
    assert made["lot"] == {"id": batch["id"], "batchNumber": "B-2026-17"}

    updated = _get(
        api,
        """mutation ($b: ProductBatchUpdateParams!) { updateProductBatch(productBatch: $b) {
             productBatch { productionDate } } }""",
        "updateProductBatch",
        "productBatch",
        b={"revisionId": batch["revisionId"], "productionDate": "2026-09-30T12:00:00Z"},
    )
    assert updated["productionDate"].startswith("2026-09-30")
    [error] = api.errors("mutation ($id: ID!) { deleteProductBatch(id: $id) }", id=batch["id"])
    assert error["extensions"]["code"] == "IMMUTABLE"  # a resource refers to it


def test_a_scenario_refines_another_and_holds_plans_and_processes(api: Api) -> None:
    definition = _get(
        api,
        """mutation { createScenarioDefinition(plan: {name: "Yearly budget",
             hasDuration: {numericDuration: "1", unitType: year}}) {
             scenarioDefinition { id hasDuration { numericDuration unitType } } } }""",
        "createScenarioDefinition",
        "scenarioDefinition",
    )
    assert definition["hasDuration"] == {"numericDuration": "1", "unitType": "year"}
    create = """mutation ($s: ScenarioCreateParams!) { createScenario(plan: $s) { scenario { id name } } }"""
    budget = _get(
        api, create, "createScenario", "scenario", s={"name": "2027", "definedAs": definition["id"]}
    )
    lean = _get(
        api, create, "createScenario", "scenario", s={"name": "2027, lean", "refinementOf": budget["id"]}
    )
    plan = _get(
        api,
        'mutation ($s: ID) { createPlan(plan: {name: "Lean mill plan", refinementOf: $s}) { plan { id } } }',
        "createPlan",
        "plan",
        "id",
        s=lean["id"],
    )
    process = _get(
        api,
        'mutation ($s: ID) { createProcess(process: {name: "Lean milling", nestedIn: $s}) '
        "{ process { id } } }",
        "createProcess",
        "process",
        "id",
        s=lean["id"],
    )

    read = _get(
        api,
        """query ($id: ID!) { scenario(id: $id) { refinementOf { name definedAs { name } }
             refinements { id } plans { id } processes { edges { node { id nestedIn { id } } } } } }""",
        "scenario",
        id=lean["id"],
    )
    assert read["refinementOf"] == {"name": "2027", "definedAs": {"name": "Yearly budget"}}
    assert read["refinements"] == [] and read["plans"] == [{"id": plan}]
    assert read["processes"]["edges"] == [{"node": {"id": process, "nestedIn": {"id": lean["id"]}}}]
    parent = _get(
        api, "query ($id: ID!) { scenario(id: $id) { refinements { id } } }", "scenario", id=budget["id"]
    )
    assert parent["refinements"] == [{"id": lean["id"]}]
    scenarios = _get(
        api,
        "query ($id: ID!) { scenarioDefinition(id: $id) { scenarios { edges { node { id } } } } }",
        "scenarioDefinition",
        "scenarios",
        "edges",
        id=definition["id"],
    )
    assert scenarios == [{"node": {"id": budget["id"]}}]


def test_an_appreciation_links_a_gift_to_the_event_it_acknowledges(api: Api) -> None:
    farm = _get(
        api, 'mutation { createOrganization(organization: {name: "Grateful Farm"}) { agent { id } } }',
        "createOrganization", "agent", "id",
    )  # fmt: skip
    spec = _get(
        api,
        'mutation { createResourceSpecification(resourceSpecification: {name: "Help"}) '
        "{ resourceSpecification { id } } }",
        "createResourceSpecification",
        "resourceSpecification",
        "id",
    )
    record = """mutation ($e: EconomicEventCreateParams!) { createEconomicEvent(event: $e) {
                  economicEvent { id } } }"""
    event = {
        "action": "work",
        "provider": farm,
        "receiver": farm,
        "hasPointInTime": T,
        "resourceConformsTo": spec,
        "effortQuantity": {"hasNumericalValue": "2", "hasUnit": _unit(api)},
    }
    help_given = _get(api, record, "createEconomicEvent", "economicEvent", "id", e=event)
    gift = _get(api, record, "createEconomicEvent", "economicEvent", "id", e=event)
    created = api.data(
        """mutation ($of: ID!, $w: ID!) { createAppreciation(appreciation:
             {appreciationOf: $of, appreciationWith: $w, note: "thanks"}) { appreciation { id note } } }""",
        of=help_given,
        w=gift,
    )["createAppreciation"]["appreciation"]
    read = _get(
        api,
        """query ($id: ID!, $e: ID!) { appreciation(id: $id) { appreciationOf { id } appreciationWith { id } }
             economicEvent(id: $e) { appreciationOf { id } } }""",
        id=created["id"],
        e=help_given,
    )
    assert read["appreciation"] == {"appreciationOf": {"id": help_given}, "appreciationWith": {"id": gift}}
    assert read["economicEvent"]["appreciationOf"] == [{"id": created["id"]}]
    # vf-graphql's appreciation(id) is non-null: an unknown id is an error, not null.
    [error] = api.errors('{ appreciation(id: "https://example.org/none") { id } }')
    assert error["extensions"]["code"] == "NOT_FOUND"
