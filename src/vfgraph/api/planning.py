"""The planning modules' root fields that are not a kind's own (those are derived: api/model.py):
``offers`` and ``requests``, pages of the open proposals of one side (docs/planning.md, docs/signals.md).

Both take vf-graphql's ProposalFilterParams, as ``proposals`` does, and add the criteria that make a proposal
an open offer (request): open now, every primary intent on that side, one of them not finished. Like every
filter, they are compiled into the statement that anchors the page (store/cypher/filters.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import strawberry

from vfgraph.api import model
from vfgraph.api.context import Info, kind_connection
from vfgraph.api.inputs import to_params
from vfgraph.api.nodes import ProposalRef, node
from vfgraph.api.pagination import Connection
from vfgraph.domain.filters import FILTERS, Where
from vfgraph.domain.kinds import Kind
from vfgraph.domain.signals import Side, open_side

if TYPE_CHECKING:
    ProposalFilterParams = Any
else:
    ProposalFilterParams = model.INPUTS["ProposalFilterParams"]


def _open_proposals(side: Side) -> Any:
    """``offers`` / ``requests``: a page of the open proposals of one side, filtered (docs/signals.md)."""

    async def resolve(
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: ProposalFilterParams | None = None,
    ) -> Connection[ProposalRef]:
        given = to_params(filter) if filter is not None else {}
        where = Where.of(FILTERS["ProposalFilterParams"], {**given, **open_side(side)})
        return await kind_connection(info, Kind.PROPOSAL.value, node, first, after, last, before, where)

    return strawberry.field(resolver=resolve)


@strawberry.type
class PlanningQuery:
    offers = _open_proposals("offer")
    requests = _open_proposals("request")
