"""vf-graphql ``history``: who wrote a record, when, and at which revision (``meta`` on every record)."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry

from vfgraph.api.context import Info
from vfgraph.api.nodes import AgentRef, load_node
from vfgraph.api.scalars import as_datetime
from vfgraph.domain.model import AGENT
from vfgraph.store.reads import Record


@strawberry.type
class Revision:
    id: strawberry.ID
    time: datetime | None
    author_id: strawberry.Private[str | None]

    @strawberry.field
    async def author(self, info: Info) -> AgentRef | None:
        return await load_node(info, AGENT, self.author_id)


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
    """What every stored record answers besides its own fields: its id, its revisions (vf-graphql
    ``history``). Every type of the kind table (api/model.py) is one of these, made from the stored record."""

    rec: strawberry.Private[Record]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.rec.id)

    @strawberry.field
    def revision_id(self) -> strawberry.ID:
        return strawberry.ID(self.rec.revision_id)

    @strawberry.field
    def meta(self) -> RecordMeta:
        """Who wrote this record, when, and at which revision."""
        return record_meta(self.rec)

    @strawberry.field
    def revision(self, revision_id: strawberry.ID) -> Self | None:
        """This record at ``revisionId``: vfgraph keeps the current revision only (null for older ones)."""
        return self if revision_id == self.rec.revision_id else None
