"""The root fields of vf-graphql's ``recipe`` module, and ``planFromRecipe`` (a vfgraph extension).

Recipe writes go through :mod:`vfgraph.services.recipes` (which turns a vf-graphql duration into the stored
measure); planning through :mod:`vfgraph.services.planning_recipes`.
"""

from __future__ import annotations

from datetime import datetime

import strawberry

from vfgraph.api import recipe_inputs as i
from vfgraph.api.context import Info, page_field, record_field
from vfgraph.api.inputs import IMeasure, to_params
from vfgraph.api.mutation import _delete, _read_back, _write
from vfgraph.api.planning import PlanResponse
from vfgraph.api.types.plan import Plan
from vfgraph.api.types.recipe import RecipeExchange, RecipeFlow, RecipeProcess
from vfgraph.domain.kinds import Kind
from vfgraph.services import planning_recipes, recipes


@strawberry.type
class RecipeQuery:
    recipe_flow = record_field(Kind.RECIPE_FLOW.value, RecipeFlow, RecipeFlow.from_record)

    recipe_flows = page_field(Kind.RECIPE_FLOW.value, RecipeFlow, RecipeFlow.from_record)

    recipe_process = record_field(Kind.RECIPE_PROCESS.value, RecipeProcess, RecipeProcess.from_record)

    recipe_processes = page_field(Kind.RECIPE_PROCESS.value, RecipeProcess, RecipeProcess.from_record)

    recipe_exchange = record_field(Kind.RECIPE_EXCHANGE.value, RecipeExchange, RecipeExchange.from_record)

    recipe_exchanges = page_field(Kind.RECIPE_EXCHANGE.value, RecipeExchange, RecipeExchange.from_record)


@strawberry.type
class RecipeProcessResponse:
    recipe_process: RecipeProcess


@strawberry.type
class RecipeFlowResponse:
    recipe_flow: RecipeFlow


@strawberry.type
class RecipeExchangeResponse:
    recipe_exchange: RecipeExchange


async def _write_recipe(info: Info, kind: Kind, params: object, *, create: bool) -> str:
    fn = recipes.create if create else recipes.update
    return await _write(info, fn, info.context.ledger, kind, to_params(params))


@strawberry.type
class RecipeMutation:
    @strawberry.mutation
    async def create_recipe_flow(
        self, info: Info, recipe_flow: i.RecipeFlowCreateParams
    ) -> RecipeFlowResponse:
        iri = await _write_recipe(info, Kind.RECIPE_FLOW, recipe_flow, create=True)
        return RecipeFlowResponse(
            recipe_flow=await _read_back(info, Kind.RECIPE_FLOW, iri, RecipeFlow.from_record)
        )

    @strawberry.mutation
    async def update_recipe_flow(
        self, info: Info, recipe_flow: i.RecipeFlowUpdateParams
    ) -> RecipeFlowResponse:
        iri = await _write_recipe(info, Kind.RECIPE_FLOW, recipe_flow, create=False)
        return RecipeFlowResponse(
            recipe_flow=await _read_back(info, Kind.RECIPE_FLOW, iri, RecipeFlow.from_record)
        )

    @strawberry.mutation
    async def delete_recipe_flow(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.RECIPE_FLOW, revision_id)

    @strawberry.mutation
    async def create_recipe_process(
        self, info: Info, recipe_process: i.RecipeProcessCreateParams
    ) -> RecipeProcessResponse:
        iri = await _write_recipe(info, Kind.RECIPE_PROCESS, recipe_process, create=True)
        return RecipeProcessResponse(
            recipe_process=await _read_back(info, Kind.RECIPE_PROCESS, iri, RecipeProcess.from_record)
        )

    @strawberry.mutation
    async def update_recipe_process(
        self, info: Info, recipe_process: i.RecipeProcessUpdateParams
    ) -> RecipeProcessResponse:
        iri = await _write_recipe(info, Kind.RECIPE_PROCESS, recipe_process, create=False)
        return RecipeProcessResponse(
            recipe_process=await _read_back(info, Kind.RECIPE_PROCESS, iri, RecipeProcess.from_record)
        )

    @strawberry.mutation
    async def delete_recipe_process(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.RECIPE_PROCESS, revision_id)

    @strawberry.mutation
    async def create_recipe_exchange(
        self, info: Info, recipe_exchange: i.RecipeExchangeCreateParams
    ) -> RecipeExchangeResponse:
        iri = await _write_recipe(info, Kind.RECIPE_EXCHANGE, recipe_exchange, create=True)
        return RecipeExchangeResponse(
            recipe_exchange=await _read_back(info, Kind.RECIPE_EXCHANGE, iri, RecipeExchange.from_record)
        )

    @strawberry.mutation
    async def update_recipe_exchange(
        self, info: Info, recipe_exchange: i.RecipeExchangeUpdateParams
    ) -> RecipeExchangeResponse:
        iri = await _write_recipe(info, Kind.RECIPE_EXCHANGE, recipe_exchange, create=False)
        return RecipeExchangeResponse(
            recipe_exchange=await _read_back(info, Kind.RECIPE_EXCHANGE, iri, RecipeExchange.from_record)
        )

    @strawberry.mutation
    async def delete_recipe_exchange(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.RECIPE_EXCHANGE, revision_id)

    @strawberry.mutation
    async def plan_from_recipe(
        self,
        info: Info,
        resource_specification: strawberry.ID,
        quantity: IMeasure,
        due: datetime,
        agent: strawberry.ID | None = None,
        name: str | None = None,
        receiver: strawberry.ID | None = None,
    ) -> PlanResponse:
        """Explode the recipe that makes resourceSpecification into a new plan for quantity due at due:
        processes back-scheduled from the due date, inputs netted against the agent's stock
        (docs/recipes.md). agent defaults to the caller's agent; receiver, when given, makes the demand a
        commitment to that agent. Returns the plan, whose processes list their planned flows (their
        committed and intended inputs and outputs). A vfgraph extension."""
        measure = to_params(quantity)
        planned = await _write(
            info,
            planning_recipes.plan_from_recipe,
            info.context.ledger,
            str(resource_specification),
            {"hasNumericalValue": measure.get("hasNumericalValue"), "hasUnit": measure.get("hasUnit")},
            due,
            agent=agent,
            name=name,
            receiver=receiver,
        )
        return PlanResponse(plan=await _read_back(info, Kind.PLAN, planned.plan, Plan.from_record))
