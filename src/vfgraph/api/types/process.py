"""vf-graphql ``process``: what a process answers beyond the kind table (api/model.py derives the rest)."""

from __future__ import annotations

import strawberry

from vfgraph.api.context import Info, nothing_points_at
from vfgraph.api.types.history import Recorded


@strawberry.type
class ProcessFields(Recorded):
    @strawberry.field
    async def deletable(self, info: Info) -> bool | None:
        # A process can go while no event, commitment or intent refers to it.
        return await nothing_points_at(
            info,
            self.rec.id,
            "Process.observedInputs",
            "Process.observedOutputs",
            "Process.committedInputs",
            "Process.committedOutputs",
            "Process.intendedInputs",
            "Process.intendedOutputs",
        )
