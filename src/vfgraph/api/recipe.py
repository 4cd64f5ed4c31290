"""The root fields of vf-graphql's ``recipe`` module, and ``planFromRecipe`` (a vfgraph extension).

Recipe writes go through :mod:`vfgraph.services.recipes` (which turns a vf-graphql duration into the stored
measure); planning through :mod:`vfgraph.services.planning_recipes`.
"""

from __future__ import annotations

from datetime import datetime

import strawberry

from vfgraph.api import recipe_inputs as i
from vfgraph.api.context import Info, kind_connection, load_one
from vfgraph.api.inputs import IMeasure, to_params
from vfgraph.api.mutation import _delete, _read_back, _write
from vfgraph.api.pagination import Connection
from vfgraph.api.planning import PlanResponse
from vfgraph.api.types.plan import Plan
from vfgraph.api.types.recipe import RecipeExchange, RecipeFlow, RecipeProcess
from vfgraph.domain.kinds import Kind
from vfgraph.services import planning_recipes, recipes


@strawberry.type
class RecipeQuery:
    @strawberry.field
    async def recipe_flow(self, info: Info, id: strawberry.ID) -> RecipeFlow | None:
        r = await load_one(info, Kind.RECIPE_FLOW.value, id)
        return RecipeFlow.from_record(r) if r else None

    @strawberry.field
    async def recipe_flows(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[RecipeFlow]:
        label, make = Kind.RECIPE_FLOW.value, RecipeFlow.from_record
        return await kind_connection(info, label, make, first, after, last, before)

    @strawberry.field
    async def recipe_process(self, info: Info, id: strawberry.ID) -> RecipeProcess | None:
        r = await load_one(info, Kind.RECIPE_PROCESS.value, id)
        return RecipeProcess.from_record(r) if r else None

    @strawberry.field
    async def recipe_processes(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[RecipeProcess]:
        label, make = Kind.RECIPE_PROCESS.value, RecipeProcess.from_record
        return await kind_connection(info, label, make, first, after, last, before)

    @strawberry.field
    async def recipe_exchange(self, info: Info, id: strawberry.ID) -> RecipeExchange | None:
        r = await load_one(info, Kind.RECIPE_EXCHANGE.value, id)
        return RecipeExchange.from_record(r) if r else None

    @strawberry.field
    async def recipe_exchanges(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[RecipeExchange]:
        label, make = Kind.RECIPE_EXCHANGE.value, RecipeExchange.from_record
        return await kind_connection(info, label, make, first, after, last, before)


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
