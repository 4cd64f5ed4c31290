"""``planFromRecipe`` (a vfgraph extension): explode a recipe into a plan (docs/recipes.md).

The recipe kinds' own root fields and mutations are derived from the kind table (api/model.py); planning goes
through :mod:`vfgraph.services.planning_recipes`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import strawberry

from vfgraph.api import model
from vfgraph.api.context import Info
from vfgraph.api.inputs import IMeasure, to_params
from vfgraph.api.writes import read_back, write
from vfgraph.domain.kinds import Kind
from vfgraph.services import planning_recipes

if TYPE_CHECKING:
    PlanResponse = Any
else:
    PlanResponse = model.PlanResponse


@strawberry.type
class RecipeMutation:
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
        planned = await write(
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
        return PlanResponse(plan=await read_back(info, Kind.PLAN, planned.plan))
