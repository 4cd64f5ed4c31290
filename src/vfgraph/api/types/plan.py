"""vf-graphql ``plan``: what a plan answers beyond the kind table (api/model.py derives the rest)."""

from __future__ import annotations

import strawberry

from vfgraph.api.context import Info, nothing_points_at
from vfgraph.api.types.history import Recorded


@strawberry.type
class PlanFields(Recorded):
    @strawberry.field
    async def deletable(self, info: Info) -> bool | None:
        # A plan can go while no process or commitment is planned within it.
        return await nothing_points_at(
            info, self.rec.id, "Plan.processes", "Plan.nonProcessCommitments", "Plan.independentDemands"
        )
