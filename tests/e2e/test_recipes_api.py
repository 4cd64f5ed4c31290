"""The recipe module and planFromRecipe over GraphQL, against the app and the real Neo4j."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.client import Api
from vfgraph.domain.kinds import Kind
from vfgraph.services import keys

SETUP = """
mutation {
  kg: createUnit(unit: {label: "kilogram", symbol: "kg"}) { unit { id } }
  hour: createUnit(unit: {label: "hour", symbol: "h"}) { unit { id } }
  grain: createResourceSpecification(resourceSpecification: {name: "Grain"}) { resourceSpecification { id } }
  flour: createResourceSpecification(resourceSpecification: {name: "Flour"}) { resourceSpecification { id } }
  work: createResourceSpecification(resourceSpecification: {name: "Milling work"}) {
    resourceSpecification { id } }
  milling: createProcessSpecification(processSpecification: {name: "Milling"}) { processSpecification { id } }
  mill: createOrganization(organization: {name: "Mill"}) { agent { id } }
}"""

CREATE_PROCESS = """
mutation ($p: RecipeProcessCreateParams!) {
  createRecipeProcess(recipeProcess: $p) {
    recipeProcess { id revisionId name hasDuration { numericDuration unitType }
                    processConformsTo { id name } }
  }
}"""

CREATE_FLOW = """
mutation ($f: RecipeFlowCreateParams!) {
  createRecipeFlow(recipeFlow: $f) {
    recipeFlow { id action { id } resourceQuantity { hasNumericalValue hasUnit { symbol } }
                 effortQuantity { hasNumericalValue } resourceConformsTo { name }
                 recipeInputOf { id } recipeOutputOf { id } stage { id } state }
  }
}"""

PLAN = """
mutation ($spec: ID!, $q: IMeasure!, $due: DateTime!, $agent: ID) {
  planFromRecipe(resourceSpecification: $spec, quantity: $q, due: $due, agent: $agent) {
    plan {
      id name due
      processes {
        name hasBeginning hasEnd basedOn { name }
        intendedInputs { action { id } resourceConformsTo { name } resourceQuantity { hasNumericalValue }
                         effortQuantity { hasNumericalValue } due }
        intendedOutputs { action { id } resourceQuantity { hasNumericalValue } due }
        committedInputs { id }
      }
    }
  }
}"""


@pytest.fixture
def mill_recipe(api: Api) -> dict[str, Any]:
    """A milling recipe: 1.25 kg grain (at the milling stage, 'clean') and 0.5 h work make 1 kg flour in 90
    minutes."""
    ids = {k: next(iter(v.values()))["id"] for k, v in api.data(SETUP).items()}
    process = api.data(
        CREATE_PROCESS,
        p={
            "name": "Mill",
            "hasDuration": {"numericDuration": "90", "unitType": "minute"},
            "processConformsTo": ids["milling"],
        },
    )["createRecipeProcess"]["recipeProcess"]
    ids["process"] = process["id"]
    ids["created"] = process
    flows = [
        {"action": "produce", "resourceConformsTo": ids["flour"], "recipeOutputOf": process["id"]}
        | {"resourceQuantity": {"hasNumericalValue": "1", "hasUnit": ids["kg"]}},
        {"action": "consume", "resourceConformsTo": ids["grain"], "recipeInputOf": process["id"]}
        | {"resourceQuantity": {"hasNumericalValue": "1.25", "hasUnit": ids["kg"]}}
        | {"stage": ids["milling"], "state": "clean"},
        {"action": "work", "resourceConformsTo": ids["work"], "recipeInputOf": process["id"]}
        | {"effortQuantity": {"hasNumericalValue": "0.5", "hasUnit": ids["hour"]}},
    ]
    ids["flows"] = [api.data(CREATE_FLOW, f=f)["createRecipeFlow"]["recipeFlow"] for f in flows]
    return ids


def test_a_recipe_process_reads_back_its_duration_and_specification(
    api: Api, mill_recipe: dict[str, Any]
) -> None:
    created = mill_recipe["created"]
    assert created["hasDuration"] == {"numericDuration": "90", "unitType": "minute"}
    assert created["processConformsTo"] == {"id": mill_recipe["milling"], "name": "Milling"}


def test_recipe_flows_read_back_with_their_process_stage_and_state(
    api: Api, mill_recipe: dict[str, Any]
) -> None:
    out, grain, work = mill_recipe["flows"]
    assert out["recipeOutputOf"] == {"id": mill_recipe["process"]} and out["recipeInputOf"] is None
    assert grain["resourceQuantity"] == {"hasNumericalValue": "1.25", "hasUnit": {"symbol": "kg"}}
    assert (grain["stage"], grain["state"]) == ({"id": mill_recipe["milling"]}, "clean")
    assert work["action"] == {"id": "work"} and work["effortQuantity"] == {"hasNumericalValue": "0.5"}
    spec = api.data(
        """query ($id: ID!) { processSpecification(id: $id) {
             conformingRecipeProcesses { edges { node { id } } }
             recipeFlowsRequiringStage { edges { node { id } } } } }""",
        id=mill_recipe["milling"],
    )["processSpecification"]
    assert spec["conformingRecipeProcesses"]["edges"] == [{"node": {"id": mill_recipe["process"]}}]
    assert spec["recipeFlowsRequiringStage"]["edges"] == [{"node": {"id": grain["id"]}}]


def test_a_recipe_process_is_updated_by_revision_and_deleted_when_unused(
    api: Api, mill_recipe: dict[str, Any]
) -> None:
    update = """mutation ($p: RecipeProcessUpdateParams!) { updateRecipeProcess(recipeProcess: $p) {
                  recipeProcess { revisionId hasDuration { numericDuration unitType } } } }"""
    revision = mill_recipe["created"]["revisionId"]
    p = {"revisionId": revision, "hasDuration": {"numericDuration": "2", "unitType": "day"}}
    updated = api.data(update, p=p)["updateRecipeProcess"]["recipeProcess"]
    assert updated["hasDuration"] == {"numericDuration": "2", "unitType": "day"}
    # Its flows still point at it.
    errors = api.errors("mutation ($r: ID!) { deleteRecipeProcess(revisionId: $r) }", r=updated["revisionId"])
    assert errors[0]["extensions"]["code"] == "IMMUTABLE"
    exchange = api.data(
        'mutation { createRecipeExchange(recipeExchange: {name: "Sale"}) { recipeExchange { revisionId } } }'
    )
    gone = api.data(
        "mutation ($r: ID!) { deleteRecipeExchange(revisionId: $r) }",
        r=exchange["createRecipeExchange"]["recipeExchange"]["revisionId"],
    )
    assert gone == {"deleteRecipeExchange": True}


def test_a_recipe_flow_with_an_unknown_action_is_refused(api: Api, mill_recipe: dict[str, Any]) -> None:
    errors = api.errors(CREATE_FLOW, f={"action": "bake", "resourceConformsTo": mill_recipe["flour"]})
    assert errors[0]["extensions"]["code"] == "UNKNOWN_ACTION"


def test_plan_from_recipe_end_to_end(api: Api, mill_recipe: dict[str, Any]) -> None:
    q = {"hasNumericalValue": "4", "hasUnit": mill_recipe["kg"]}
    due = "2026-12-01T12:00:00+00:00"
    planned = api.data(PLAN, spec=mill_recipe["flour"], q=q, due=due, agent=mill_recipe["mill"])
    plan = planned["planFromRecipe"]["plan"]
    assert plan["name"] == "Flour: 4" and plan["due"] == due
    (process,) = plan["processes"]
    assert (process["name"], process["basedOn"]) == ("Mill", {"name": "Milling"})
    assert (process["hasBeginning"], process["hasEnd"]) == ("2026-12-01T10:30:00+00:00", due)
    # The demand is an intent the mill offers; grain and work are requested by the mill (nothing committed).
    assert process["intendedOutputs"] == [
        {"action": {"id": "produce"}, "resourceQuantity": {"hasNumericalValue": "4"}, "due": due}
    ]
    inputs = sorted(process["intendedInputs"], key=lambda f: f["action"]["id"])
    begins = "2026-12-01T10:30:00+00:00"
    assert inputs == [
        {"action": {"id": "consume"}, "resourceConformsTo": {"name": "Grain"}}
        | {"resourceQuantity": {"hasNumericalValue": "5"}, "effortQuantity": None, "due": begins},
        {"action": {"id": "work"}, "resourceConformsTo": {"name": "Milling work"}}
        | {"resourceQuantity": None, "effortQuantity": {"hasNumericalValue": "2"}, "due": begins},
    ]
    assert process["committedInputs"] == []


def test_plan_from_recipe_refuses_a_specification_without_recipe(
    api: Api, mill_recipe: dict[str, Any]
) -> None:
    q = {"hasNumericalValue": "1", "hasUnit": mill_recipe["kg"]}
    errors = api.errors(
        PLAN, spec=mill_recipe["grain"], q=q, due="2026-12-01T12:00:00Z", agent=mill_recipe["mill"]
    )
    assert errors[0]["extensions"]["code"] == "INVALID_RECIPE"


def test_agents_change_only_their_own_recipes_and_plan_only_for_themselves(
    api: Api, mill_recipe: dict[str, Any]
) -> None:
    ledger = api.ledger
    other = ledger.create(Kind.ORGANIZATION, {"name": "Other bakery"})
    mill = api.with_key(keys.create(ledger, agent=mill_recipe["mill"], name="mill").token)
    rival = api.with_key(keys.create(ledger, agent=other, name="rival").token)
    created = mill.data(
        'mutation { createRecipeExchange(recipeExchange: {name: "Mill terms"}) '
        "{ recipeExchange { revisionId } } }"
    )["createRecipeExchange"]["recipeExchange"]
    update = """mutation ($x: RecipeExchangeUpdateParams!) {
                  updateRecipeExchange(recipeExchange: $x) { recipeExchange { note } } }"""
    x = {"revisionId": created["revisionId"], "note": "mine now"}
    assert rival.errors(update, x=x)[0]["extensions"]["code"] == "FORBIDDEN"
    assert mill.data(update, x=x)["updateRecipeExchange"]["recipeExchange"] == {"note": "mine now"}

    q = {"hasNumericalValue": "1", "hasUnit": mill_recipe["kg"]}
    due = "2026-12-01T12:00:00Z"
    errors = rival.errors(PLAN, spec=mill_recipe["flour"], q=q, due=due, agent=mill_recipe["mill"])
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    own = mill.data(PLAN, spec=mill_recipe["flour"], q=q, due=due)["planFromRecipe"]["plan"]
    assert len(own["processes"]) == 1
    assert api.with_key(None).errors(PLAN, spec=mill_recipe["flour"], q=q, due=due)[0]["extensions"][
        "code"
    ] == ("UNAUTHENTICATED")
