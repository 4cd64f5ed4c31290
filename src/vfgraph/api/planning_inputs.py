"""The vf-graphql input types of the planning modules (intent, commitment, fulfillment, satisfaction,
proposal, plan, agreement); :func:`vfgraph.api.inputs.to_params` turns them into ledger parameters."""

from __future__ import annotations

from datetime import datetime

import strawberry

from vfgraph.api.inputs import UNSET, IMeasure
from vfgraph.api.scalars import URI

_PRIVATE = "Seen only by the agents involved in it (docs/security.md)."


# intent


@strawberry.input
class IntentCreateParams:
    action: strawberry.ID
    name: str | None = UNSET
    resource_classified_as: list[URI] | None = UNSET
    resource_quantity: IMeasure | None = UNSET
    effort_quantity: IMeasure | None = UNSET
    available_quantity: IMeasure | None = UNSET
    minimum_quantity: IMeasure | None = UNSET
    has_beginning: datetime | None = UNSET
    has_end: datetime | None = UNSET
    has_point_in_time: datetime | None = UNSET
    due: datetime | None = UNSET
    image: URI | None = UNSET
    image_list: list[URI] | None = UNSET
    note: str | None = UNSET
    agreed_in: URI | None = UNSET
    finished: bool | None = UNSET
    provider: strawberry.ID | None = UNSET
    receiver: strawberry.ID | None = UNSET
    in_scope_of: list[strawberry.ID] | None = UNSET
    resource_inventoried_as: strawberry.ID | None = UNSET
    resource_conforms_to: strawberry.ID | None = UNSET
    input_of: strawberry.ID | None = UNSET
    output_of: strawberry.ID | None = UNSET
    planned_within: strawberry.ID | None = UNSET
    private: bool | None = strawberry.field(default=UNSET, description=_PRIVATE)


@strawberry.input
class IntentUpdateParams:
    revision_id: strawberry.ID
    name: str | None = UNSET
    action: strawberry.ID | None = UNSET
    resource_classified_as: list[URI] | None = UNSET
    resource_quantity: IMeasure | None = UNSET
    effort_quantity: IMeasure | None = UNSET
    available_quantity: IMeasure | None = UNSET
    minimum_quantity: IMeasure | None = UNSET
    has_beginning: datetime | None = UNSET
    has_end: datetime | None = UNSET
    has_point_in_time: datetime | None = UNSET
    due: datetime | None = UNSET
    image: URI | None = UNSET
    image_list: list[URI] | None = UNSET
    finished: bool | None = UNSET
    note: str | None = UNSET
    agreed_in: URI | None = UNSET
    provider: strawberry.ID | None = UNSET
    receiver: strawberry.ID | None = UNSET
    in_scope_of: list[strawberry.ID] | None = UNSET
    resource_inventoried_as: strawberry.ID | None = UNSET
    resource_conforms_to: strawberry.ID | None = UNSET
    input_of: strawberry.ID | None = UNSET
    output_of: strawberry.ID | None = UNSET
    planned_within: strawberry.ID | None = UNSET
    private: bool | None = strawberry.field(default=UNSET, description=_PRIVATE)


# commitment


@strawberry.input
class CommitmentCreateParams:
    action: strawberry.ID
    provider: strawberry.ID
    receiver: strawberry.ID
    resource_classified_as: list[URI] | None = UNSET
    resource_quantity: IMeasure | None = UNSET
    effort_quantity: IMeasure | None = UNSET
    has_beginning: datetime | None = UNSET
    has_end: datetime | None = UNSET
    has_point_in_time: datetime | None = UNSET
    due: datetime | None = UNSET
    finished: bool | None = UNSET
    note: str | None = UNSET
    agreed_in: URI | None = UNSET
    in_scope_of: list[strawberry.ID] | None = UNSET
    clause_of: strawberry.ID | None = UNSET
    resource_inventoried_as: strawberry.ID | None = UNSET
    independent_demand_of: strawberry.ID | None = UNSET
    planned_within: strawberry.ID | None = UNSET
    resource_conforms_to: strawberry.ID | None = UNSET
    input_of: strawberry.ID | None = UNSET
    output_of: strawberry.ID | None = UNSET
    stage: strawberry.ID | None = UNSET
    private: bool | None = strawberry.field(default=UNSET, description=_PRIVATE)


@strawberry.input
class CommitmentUpdateParams:
    revision_id: strawberry.ID
    resource_classified_as: list[URI] | None = UNSET
    resource_quantity: IMeasure | None = UNSET
    effort_quantity: IMeasure | None = UNSET
    has_beginning: datetime | None = UNSET
    has_end: datetime | None = UNSET
    has_point_in_time: datetime | None = UNSET
    due: datetime | None = UNSET
    finished: bool | None = UNSET
    note: str | None = UNSET
    agreed_in: URI | None = UNSET
    provider: strawberry.ID | None = UNSET
    receiver: strawberry.ID | None = UNSET
    in_scope_of: list[strawberry.ID] | None = UNSET
    clause_of: strawberry.ID | None = UNSET
    resource_inventoried_as: strawberry.ID | None = UNSET
    independent_demand_of: strawberry.ID | None = UNSET
    planned_within: strawberry.ID | None = UNSET
    resource_conforms_to: strawberry.ID | None = UNSET
    input_of: strawberry.ID | None = UNSET
    output_of: strawberry.ID | None = UNSET
    stage: strawberry.ID | None = UNSET
    private: bool | None = strawberry.field(default=UNSET, description=_PRIVATE)


# fulfillment and satisfaction


@strawberry.input
class FulfillmentCreateParams:
    fulfilled_by: strawberry.ID
    fulfills: strawberry.ID
    resource_quantity: IMeasure | None = UNSET
    effort_quantity: IMeasure | None = UNSET
    note: str | None = UNSET


@strawberry.input
class FulfillmentUpdateParams:
    revision_id: strawberry.ID
    fulfilled_by: strawberry.ID | None = UNSET
    fulfills: strawberry.ID | None = UNSET
    resource_quantity: IMeasure | None = UNSET
    effort_quantity: IMeasure | None = UNSET
    note: str | None = UNSET


@strawberry.input
class SatisfactionCreateParams:
    satisfies: strawberry.ID
    satisfied_by: strawberry.ID
    resource_quantity: IMeasure | None = UNSET
    effort_quantity: IMeasure | None = UNSET
    note: str | None = UNSET


@strawberry.input
class SatisfactionUpdateParams:
    revision_id: strawberry.ID
    satisfies: strawberry.ID | None = UNSET
    satisfied_by: strawberry.ID | None = UNSET
    resource_quantity: IMeasure | None = UNSET
    effort_quantity: IMeasure | None = UNSET
    note: str | None = UNSET


# proposal


@strawberry.input
class ProposalCreateParams:
    name: str | None = UNSET
    has_beginning: datetime | None = UNSET
    has_end: datetime | None = UNSET
    unit_based: bool | None = UNSET
    note: str | None = UNSET
    created: datetime | None = UNSET
    in_scope_of: list[strawberry.ID] | None = UNSET


@strawberry.input
class ProposalUpdateParams:
    revision_id: strawberry.ID
    name: str | None = UNSET
    has_beginning: datetime | None = UNSET
    has_end: datetime | None = UNSET
    unit_based: bool | None = UNSET
    note: str | None = UNSET
    in_scope_of: list[strawberry.ID] | None = UNSET


# plan and agreement


@strawberry.input
class PlanCreateParams:
    name: str
    created: datetime | None = UNSET
    due: datetime | None = UNSET
    note: str | None = UNSET
    in_scope_of: list[strawberry.ID] | None = UNSET


@strawberry.input
class PlanUpdateParams:
    revision_id: strawberry.ID
    name: str | None = UNSET
    created: datetime | None = UNSET
    due: datetime | None = UNSET
    note: str | None = UNSET
    in_scope_of: list[strawberry.ID] | None = UNSET


@strawberry.input
class AgreementCreateParams:
    name: str | None = UNSET
    created: datetime | None = UNSET
    note: str | None = UNSET


@strawberry.input
class AgreementUpdateParams:
    revision_id: strawberry.ID
    name: str | None = UNSET
    created: datetime | None = UNSET
    note: str | None = UNSET
