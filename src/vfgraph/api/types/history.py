"""vf-graphql ``history``: who wrote a record, when, and at which revision (``meta`` on every record)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from vfgraph.api.context import Info, load_one
from vfgraph.api.scalars import as_datetime
from vfgraph.store.cypher.read import AGENT
from vfgraph.store.reads import Record

if TYPE_CHECKING:
    from vfgraph.api.types.agent import Agent

AgentRef = Annotated["Agent", strawberry.lazy("vfgraph.api.types.agent")]


@strawberry.type
class Revision:
    id: strawberry.ID
    time: datetime | None
    author_id: strawberry.Private[str | None]

    @strawberry.field
    async def author(self, info: Info) -> AgentRef | None:
        from vfgraph.api.types.agent import agent_from_record

        r = await load_one(info, AGENT, self.author_id)
        return agent_from_record(r) if r else None


@strawberry.type
class RecordMeta:
    previous_revision: Revision | None
    previous_revisions_count: int | None
    future_revisions_count: int | None
    latest_revision: Revision | None
    retrieved_revision: Revision


def record_meta(rec: Record) -> RecordMeta:
    """What the stored record says of its revisions (vfgraph keeps the current and the previous one)."""
    rev = int(rec.get("rev") or 1)
    current = Revision(
        id=strawberry.ID(rec.revision_id),
        time=as_datetime(rec.get("updatedAt")),
        author_id=rec.get("updatedBy"),
    )
    previous = None
    if rev > 1:
        previous = Revision(
            id=strawberry.ID(f"{rec.id}@{rev - 1}"),
            time=as_datetime(rec.get("previousUpdatedAt")),
            author_id=rec.get("previousUpdatedBy"),
        )
    return RecordMeta(
        previous_revision=previous,
        previous_revisions_count=rev - 1,
        future_revisions_count=0,
        latest_revision=current,
        retrieved_revision=current,
    )


@strawberry.type
class Recorded:
    """What every stored record answers besides its own fields: its revisions (vf-graphql ``history``)."""

    rec: strawberry.Private[Record]
    id: strawberry.ID
    revision_id: strawberry.ID

    @strawberry.field
    def meta(self) -> RecordMeta:
        """Who wrote this record, when, and at which revision."""
        return record_meta(self.rec)

    @strawberry.field
    def revision(self, revision_id: strawberry.ID) -> Self | None:
        """This record at ``revisionId``: vfgraph keeps the current revision only (null for older ones)."""
        return self if revision_id == self.revision_id else None


@strawberry.type
class Shareable(Recorded):
    """A record its writer may mark private (events, resources, processes; docs/security.md)."""

    @strawberry.field
    def private(self) -> bool | None:
        """True when only the agents involved in the record (and operators) may see it."""
        value = self.rec.get("private")
        return None if value is None else bool(value)
