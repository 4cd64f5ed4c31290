"""The root fields of the planning modules: ``PlanningQuery`` and ``PlanningMutation`` (merged into the one
``Query`` and ``Mutation`` by :mod:`vfgraph.api.schema`).

Every kind gets ``<kind>(id)`` and a Relay page ``<kinds>``; ``offers`` and ``requests`` page through the
open proposals (docs/planning.md). Mutations write through the ledger like the foundation's
(:mod:`vfgraph.api.mutation`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

import strawberry

from vfgraph.api import planning_inputs as i
from vfgraph.api.context import Info, load_many, page_field, page_window, record_field
from vfgraph.api.mutation import _create, _delete, _read_back, _update, _write
from vfgraph.api.pagination import Connection, to_connection
from vfgraph.api.types.agreement import Agreement
from vfgraph.api.types.plan import Plan
from vfgraph.api.types.planning import Commitment, Fulfillment, Intent, Satisfaction
from vfgraph.api.types.proposal import Proposal, ProposedIntent, ProposedTo
from vfgraph.api.types.signals import ProposalFilterParams
from vfgraph.domain.kinds import Kind
from vfgraph.domain.signals import ProposalFilter, Side
from vfgraph.errors import InvalidInput
from vfgraph.services import signals
from vfgraph.store.reads import Record, Slice

T = TypeVar("T")


async def _create_with(info: Info, kind: Kind, params: dict[str, Any], make: Callable[[Record], T]) -> T:
    """Create a record from plain parameters (the mutations whose arguments are not one input object)."""
    sent = {k: v for k, v in params.items() if v is not None}
    iri = await _write(info, info.context.ledger.create, kind, sent)
    return await _read_back(info, kind, iri, make)


def _open_proposals(side: Side) -> Any:
    """``offers`` / ``requests``: a page of the open proposals of one side, filtered (docs/signals.md)."""

    async def resolve(
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: ProposalFilterParams | None = None,
    ) -> Connection[Proposal]:
        window = page_window(info, first, after, last, before)
        where = filter.rule() if filter is not None else ProposalFilter()
        ids = await asyncio.to_thread(signals.open_proposals, info.context.ledger, side, where, window)
        records = await load_many(info, Kind.PROPOSAL.value, ids.items)
        page = Slice(records, has_previous=ids.has_previous, has_next=ids.has_next)
        return to_connection(page, window, Proposal.from_record)

    return strawberry.field(resolver=resolve)


@strawberry.type
class PlanningQuery:
    agreement = record_field(Kind.AGREEMENT.value, Agreement, Agreement.from_record)
    agreements = page_field(Kind.AGREEMENT.value, Agreement, Agreement.from_record)
    commitment = record_field(Kind.COMMITMENT.value, Commitment, Commitment.from_record)
    commitments = page_field(Kind.COMMITMENT.value, Commitment, Commitment.from_record)
    fulfillment = record_field(Kind.FULFILLMENT.value, Fulfillment, Fulfillment.from_record)
    fulfillments = page_field(Kind.FULFILLMENT.value, Fulfillment, Fulfillment.from_record)
    intent = record_field(Kind.INTENT.value, Intent, Intent.from_record)
    intents = page_field(Kind.INTENT.value, Intent, Intent.from_record)
    plan = record_field(Kind.PLAN.value, Plan, Plan.from_record)
    plans = page_field(Kind.PLAN.value, Plan, Plan.from_record)
    proposal = record_field(Kind.PROPOSAL.value, Proposal, Proposal.from_record)
    proposals = page_field(Kind.PROPOSAL.value, Proposal, Proposal.from_record)
    offers = _open_proposals("offer")
    requests = _open_proposals("request")
    satisfaction = record_field(Kind.SATISFACTION.value, Satisfaction, Satisfaction.from_record)
    satisfactions = page_field(Kind.SATISFACTION.value, Satisfaction, Satisfaction.from_record)


@strawberry.type
class AgreementResponse:
    agreement: Agreement


@strawberry.type
class CommitmentResponse:
    commitment: Commitment


@strawberry.type
class FulfillmentResponse:
    fulfillment: Fulfillment


@strawberry.type
class IntentResponse:
    intent: Intent


@strawberry.type
class PlanResponse:
    plan: Plan


@strawberry.type
class ProposalResponse:
    proposal: Proposal


@strawberry.type
class ProposedIntentResponse:
    proposed_intent: ProposedIntent


@strawberry.type
class ProposedToResponse:
    proposed_to: ProposedTo


@strawberry.type
class SatisfactionResponse:
    satisfaction: Satisfaction


@strawberry.type
class PlanningMutation:
    # agreement (vf-graphql takes these inputs as optional)

    @strawberry.mutation
    async def create_agreement(
        self, info: Info, agreement: i.AgreementCreateParams | None = None
    ) -> AgreementResponse:
        params = agreement or i.AgreementCreateParams()
        return AgreementResponse(agreement=await _create(info, Kind.AGREEMENT, params, Agreement.from_record))

    @strawberry.mutation
    async def update_agreement(
        self, info: Info, agreement: i.AgreementUpdateParams | None = None
    ) -> AgreementResponse:
        if agreement is None:
            raise InvalidInput("updateAgreement needs an agreement with its revisionId")
        return AgreementResponse(
            agreement=await _update(info, Kind.AGREEMENT, agreement, Agreement.from_record)
        )

    @strawberry.mutation
    async def delete_agreement(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.AGREEMENT, revision_id)

    # commitment

    @strawberry.mutation
    async def create_commitment(self, info: Info, commitment: i.CommitmentCreateParams) -> CommitmentResponse:
        made = await _create(info, Kind.COMMITMENT, commitment, Commitment.from_record)
        return CommitmentResponse(commitment=made)

    @strawberry.mutation
    async def update_commitment(self, info: Info, commitment: i.CommitmentUpdateParams) -> CommitmentResponse:
        made = await _update(info, Kind.COMMITMENT, commitment, Commitment.from_record)
        return CommitmentResponse(commitment=made)

    @strawberry.mutation
    async def delete_commitment(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.COMMITMENT, revision_id)

    # fulfillment

    @strawberry.mutation
    async def create_fulfillment(
        self, info: Info, fulfillment: i.FulfillmentCreateParams
    ) -> FulfillmentResponse:
        made = await _create(info, Kind.FULFILLMENT, fulfillment, Fulfillment.from_record)
        return FulfillmentResponse(fulfillment=made)

    @strawberry.mutation
    async def update_fulfillment(
        self, info: Info, fulfillment: i.FulfillmentUpdateParams
    ) -> FulfillmentResponse:
        made = await _update(info, Kind.FULFILLMENT, fulfillment, Fulfillment.from_record)
        return FulfillmentResponse(fulfillment=made)

    @strawberry.mutation
    async def delete_fulfillment(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.FULFILLMENT, revision_id)

    # intent

    @strawberry.mutation
    async def create_intent(self, info: Info, intent: i.IntentCreateParams) -> IntentResponse:
        return IntentResponse(intent=await _create(info, Kind.INTENT, intent, Intent.from_record))

    @strawberry.mutation
    async def update_intent(self, info: Info, intent: i.IntentUpdateParams) -> IntentResponse:
        return IntentResponse(intent=await _update(info, Kind.INTENT, intent, Intent.from_record))

    @strawberry.mutation
    async def delete_intent(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.INTENT, revision_id)

    # plan

    @strawberry.mutation
    async def create_plan(self, info: Info, plan: i.PlanCreateParams) -> PlanResponse:
        return PlanResponse(plan=await _create(info, Kind.PLAN, plan, Plan.from_record))

    @strawberry.mutation
    async def update_plan(self, info: Info, plan: i.PlanUpdateParams) -> PlanResponse:
        return PlanResponse(plan=await _update(info, Kind.PLAN, plan, Plan.from_record))

    @strawberry.mutation
    async def delete_plan(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.PLAN, revision_id)

    # proposal

    @strawberry.mutation
    async def create_proposal(self, info: Info, proposal: i.ProposalCreateParams) -> ProposalResponse:
        return ProposalResponse(proposal=await _create(info, Kind.PROPOSAL, proposal, Proposal.from_record))

    @strawberry.mutation
    async def update_proposal(self, info: Info, proposal: i.ProposalUpdateParams) -> ProposalResponse:
        return ProposalResponse(proposal=await _update(info, Kind.PROPOSAL, proposal, Proposal.from_record))

    @strawberry.mutation
    async def delete_proposal(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.PROPOSAL, revision_id)

    @strawberry.mutation
    async def propose_intent(
        self,
        info: Info,
        published_in: strawberry.ID,
        publishes: strawberry.ID,
        reciprocal: bool | None = None,
    ) -> ProposedIntentResponse:
        """Publish an intent in a proposal: as what is offered or asked for, or (``reciprocal``) as what is
        expected in return."""
        params = {"publishedIn": published_in, "publishes": publishes, "reciprocal": reciprocal}
        made = await _create_with(info, Kind.PROPOSED_INTENT, params, ProposedIntent.from_record)
        return ProposedIntentResponse(proposed_intent=made)

    @strawberry.mutation
    async def delete_proposed_intent(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.PROPOSED_INTENT, revision_id)

    @strawberry.mutation
    async def propose_to(
        self, info: Info, proposed: strawberry.ID, proposed_to: strawberry.ID
    ) -> ProposedToResponse:
        """Address a proposal to an agent."""
        params = {"proposed": proposed, "proposedTo": proposed_to}
        made = await _create_with(info, Kind.PROPOSED_TO, params, ProposedTo.from_record)
        return ProposedToResponse(proposed_to=made)

    @strawberry.mutation
    async def delete_proposed_to(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.PROPOSED_TO, revision_id)

    # satisfaction

    @strawberry.mutation
    async def create_satisfaction(
        self, info: Info, satisfaction: i.SatisfactionCreateParams
    ) -> SatisfactionResponse:
        made = await _create(info, Kind.SATISFACTION, satisfaction, Satisfaction.from_record)
        return SatisfactionResponse(satisfaction=made)

    @strawberry.mutation
    async def update_satisfaction(
        self, info: Info, satisfaction: i.SatisfactionUpdateParams
    ) -> SatisfactionResponse:
        made = await _update(info, Kind.SATISFACTION, satisfaction, Satisfaction.from_record)
        return SatisfactionResponse(satisfaction=made)

    @strawberry.mutation
    async def delete_satisfaction(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _delete(info, Kind.SATISFACTION, revision_id)
