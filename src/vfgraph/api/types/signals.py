"""Signals (docs/signals.md): the ``signals`` subscription, the ``matches`` query, and the filters of
``offers`` and ``requests``.

``signals(filter)`` pushes a :class:`SignalChange` for every committed change to an intent, proposal or
commitment that the filter lets through. The feed (:mod:`vfgraph.services.changes`) only names the record;
each one is re-read here as the subscriber, so a record the subscriber may not see is never pushed. A
deletion is pushed only for a record this subscription has pushed before (a deleted record can no longer
be read, so it cannot be checked).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from datetime import datetime
from enum import Enum

import strawberry

from vfgraph.api.context import Info, page_window
from vfgraph.api.inputs import UNSET
from vfgraph.api.nodes import CommitmentRef, IntentRef, ProposalRef, ResourceSpecificationRef, load_node
from vfgraph.api.pagination import Connection, Edge, PageInfo, encode_cursor
from vfgraph.api.scalars import URI, as_datetime
from vfgraph.domain import signals as rules
from vfgraph.domain.kinds import Kind
from vfgraph.errors import InvalidInput
from vfgraph.services import signals
from vfgraph.services.changes import Change, Operation
from vfgraph.store.driver import deadline

# A subscription remembers at most this many ids it has pushed (to pass their deletions on).
PUSHED_MEMORY = 10_000


@strawberry.enum(description="The kinds of record signals are about.")
class SignalKind(Enum):
    INTENT = Kind.INTENT.value
    PROPOSAL = Kind.PROPOSAL.value
    COMMITMENT = Kind.COMMITMENT.value


@strawberry.enum(description="What a committed write did to the record.")
class SignalOperation(Enum):
    CREATED = Operation.CREATED.value
    UPDATED = Operation.UPDATED.value
    DELETED = Operation.DELETED.value


@strawberry.input(
    description="Which changes to hear about. Each criterion left out lets everything through; each one "
    "given must share a value with the record (a proposal has the values of its intents)."
)
class SignalFilterParams:
    kinds: list[SignalKind] | None = UNSET
    resource_conforms_to: list[strawberry.ID] | None = strawberry.field(
        default=UNSET, description="resource specifications"
    )
    at_location: list[URI] | None = strawberry.field(
        default=UNSET, description="an intent's or commitment's atLocation, or a proposal's eligibleLocation"
    )
    agents: list[strawberry.ID] | None = strawberry.field(
        default=UNSET,
        description="providers, receivers and scopes (and for a proposal, the agents it is proposed to)",
    )

    def rule(self) -> rules.SignalFilter:
        def given(values: list[str] | list[strawberry.ID] | list[URI] | None) -> frozenset[str]:
            return frozenset() if values is UNSET or values is None else frozenset(map(str, values))

        kinds = self.kinds if self.kinds is not UNSET and self.kinds else list(SignalKind)
        return rules.SignalFilter(
            kinds=frozenset(Kind(k.value) for k in kinds),
            specs=given(self.resource_conforms_to),
            locations=given(self.at_location),
            agents=given(self.agents),
        )


@strawberry.type(
    description="A committed change to an intent, proposal or commitment; the record is read as it is now "
    "(null once deleted)."
)
class SignalChange:
    operation: SignalOperation
    kind: SignalKind
    id: strawberry.ID

    @strawberry.field
    async def intent(self, info: Info) -> IntentRef | None:
        return await load_node(info, Kind.INTENT, self.id) if self._is(SignalKind.INTENT) else None

    @strawberry.field
    async def proposal(self, info: Info) -> ProposalRef | None:
        return await load_node(info, Kind.PROPOSAL, self.id) if self._is(SignalKind.PROPOSAL) else None

    @strawberry.field
    async def commitment(self, info: Info) -> CommitmentRef | None:
        return await load_node(info, Kind.COMMITMENT, self.id) if self._is(SignalKind.COMMITMENT) else None

    def _is(self, kind: SignalKind) -> bool:
        return self.kind is kind and self.operation is not SignalOperation.DELETED


@strawberry.type(description="An open request (an intent with no provider) an agent could fill.")
class SignalMatch:
    intent_id: strawberry.ID
    score: int = strawberry.field(
        description="3: holds enough on hand; 2: holds some; 1: produces it (docs/signals.md)"
    )
    reasons: list[str]
    due: datetime | None
    resource_conforms_to_id: strawberry.Private[str]

    @strawberry.field
    async def intent(self, info: Info) -> IntentRef | None:
        return await load_node(info, Kind.INTENT, str(self.intent_id))

    @strawberry.field
    async def resource_conforms_to(self, info: Info) -> ResourceSpecificationRef | None:
        return await load_node(info, Kind.RESOURCE_SPECIFICATION, self.resource_conforms_to_id)

    @classmethod
    def of(cls, m: rules.Match) -> SignalMatch:
        return cls(
            intent_id=strawberry.ID(m.request.id),
            score=m.score,
            reasons=list(m.reasons),
            due=as_datetime(m.request.due),
            resource_conforms_to_id=m.request.spec,
        )


def _page(matches: list[rules.Match], first: int, after: str | None) -> Connection[SignalMatch]:
    start = 0
    if after is not None:
        ids = [m.request.id for m in matches]
        if after not in ids:
            raise InvalidInput("the cursor names a match that is no longer in the list; start again")
        start = ids.index(after) + 1
    window = matches[start : start + first]
    edges = [Edge(node=SignalMatch.of(m), cursor=encode_cursor(m.request.id)) for m in window]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
            has_previous_page=start > 0,
            has_next_page=start + first < len(matches),
            total_count=len(matches),
            page_limit=first,
        ),
    )


@strawberry.type
class SignalsQuery:
    @strawberry.field
    async def matches(
        self,
        info: Info,
        agent: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SignalMatch]:
        """Open requests the agent could fill, from what it holds and produces, best first."""
        window = page_window(info, first, after, None, None)  # checks the page size and the cursor
        found = await asyncio.to_thread(signals.matches, info.context.ledger, str(agent))
        return _page(found, window.limit, window.after)


async def _visible_and_wanted(info: Info, change: Change, wanted: rules.SignalFilter) -> bool:
    ledger = info.context.ledger
    with deadline(ledger.settings.request_deadline):
        about = await asyncio.to_thread(signals.subject, ledger, change)
    return about is not None and wanted.accepts(about)


@strawberry.type
class SignalsSubscription:
    @strawberry.subscription
    async def signals(
        self, info: Info, filter: SignalFilterParams | None = None
    ) -> AsyncGenerator[SignalChange, None]:
        """Committed changes to intents, proposals and commitments that match the filter and that the
        caller may see (this server process's writes only)."""
        wanted = (filter or SignalFilterParams()).rule()
        pushed: dict[str, None] = {}  # ids pushed, oldest first
        subscription = info.context.ledger.feed.subscribe()
        try:
            async for change in subscription:
                if change.kind not in wanted.kinds:
                    continue
                if change.operation is Operation.DELETED:
                    if change.id in pushed:
                        del pushed[change.id]
                        yield _signal(change)
                    continue
                if not await _visible_and_wanted(info, change, wanted):
                    continue
                pushed.pop(change.id, None)
                pushed[change.id] = None  # now the newest
                if len(pushed) > PUSHED_MEMORY:
                    del pushed[next(iter(pushed))]
                info.context.loaders.clear()  # what the subscriber reads next is the record as it is now
                yield _signal(change)
        finally:
            subscription.close()


def _signal(change: Change) -> SignalChange:
    return SignalChange(
        operation=SignalOperation(change.operation.value),
        kind=SignalKind(change.kind.value),
        id=strawberry.ID(change.id),
    )
