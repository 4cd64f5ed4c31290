"""vf-graphql ``intent`` and ``commitment``: what planned flows answer beyond the kind table.

Beyond vf-graphql, a commitment shows ``remainingQuantity`` (what its fulfillments leave owed) and an intent
the same (what its satisfactions leave wanted); the ledger keeps ``fulfilledQuantity`` and
``satisfiedQuantity`` as fulfillments and satisfactions are written (docs/planning.md). Everything else is
derived from :mod:`vfgraph.domain.table` (api/model.py).
"""

from __future__ import annotations

from typing import Any

import strawberry

from vfgraph.api.context import Info, nothing_points_at
from vfgraph.api.nodes import AgentRef, load_agent
from vfgraph.api.types.history import Recorded
from vfgraph.api.types.measurement import Measure
from vfgraph.services.planning import remaining


def _measure(m: Any) -> Measure | None:
    if m is None:
        return None
    return Measure(unit_id=m.unit, has_numerical_value=m.value)


@strawberry.type
class IntentFields(Recorded):
    @strawberry.field
    async def deletable(self, info: Info) -> bool | None:
        return await nothing_points_at(info, self.rec.id, "Intent.satisfiedBy", "Intent.publishedIn")

    remaining_quantity: Measure | None = strawberry.field(
        resolver=lambda root: _measure(remaining(root.rec.props, "satisfiedQuantity")),
        description="What is still wanted: the intent's quantity less what is satisfied, never below zero "
        "(vfgraph; in the unit of the intent's resourceQuantity, or effortQuantity for effort-only flows).",
    )


@strawberry.type
class CommitmentFields(Recorded):
    @strawberry.field
    async def deletable(self, info: Info) -> bool | None:
        return await nothing_points_at(info, self.rec.id, "Commitment.fulfilledBy", "Commitment.satisfies")

    @strawberry.field
    async def involved_agents(self, info: Info) -> list[AgentRef] | None:
        ids = dict.fromkeys(
            [self.rec.ref("provider"), self.rec.ref("receiver"), *self.rec.ref_list("inScopeOf")]
        )
        agents = [await load_agent(info, i) for i in ids if i]
        return [a for a in agents if a is not None]

    remaining_quantity: Measure | None = strawberry.field(
        resolver=lambda root: _measure(remaining(root.rec.props, "fulfilledQuantity")),
        description="What is still owed: the committed quantity less what is fulfilled, never below zero "
        "(vfgraph; in the unit of the resourceQuantity, or effortQuantity for effort-only flows).",
    )
