"""The vf-graphql ``claim`` module's root fields and input types (claims, settlements).

Writes go through :mod:`vfgraph.services.claims`: the generic record write plus, in the same
transaction, the recount of the settled claim (docs/contributions.md).
"""

from __future__ import annotations

from datetime import datetime

import strawberry

from vfgraph.api.context import Info, page_field, record_field
from vfgraph.api.inputs import UNSET, IMeasure, to_params
from vfgraph.api.mutation import _read_back, _write
from vfgraph.api.scalars import URI
from vfgraph.api.types.claim import Claim, Settlement
from vfgraph.domain.kinds import Kind
from vfgraph.services import claims


@strawberry.input
class ClaimCreateParams:
    action: strawberry.ID
    triggered_by: strawberry.ID
    resource_classified_as: list[URI] | None = UNSET
    resource_quantity: IMeasure | None = UNSET
    effort_quantity: IMeasure | None = UNSET
    due: datetime | None = UNSET
    created: datetime | None = UNSET
    finished: bool | None = UNSET
    note: str | None = UNSET
    agreed_in: URI | None = UNSET
    provider: strawberry.ID | None = UNSET
    receiver: strawberry.ID | None = UNSET
    in_scope_of: list[strawberry.ID] | None = UNSET
    resource_conforms_to: strawberry.ID | None = UNSET


@strawberry.input
class ClaimUpdateParams:
    revision_id: strawberry.ID
    action: strawberry.ID | None = UNSET
    triggered_by: strawberry.ID | None = UNSET
    resource_classified_as: list[URI] | None = UNSET
    resource_quantity: IMeasure | None = UNSET
    effort_quantity: IMeasure | None = UNSET
    due: datetime | None = UNSET
    created: datetime | None = UNSET
    finished: bool | None = UNSET
    note: str | None = UNSET
    agreed_in: URI | None = UNSET
    provider: strawberry.ID | None = UNSET
    receiver: strawberry.ID | None = UNSET
    in_scope_of: list[strawberry.ID] | None = UNSET
    resource_conforms_to: strawberry.ID | None = UNSET


@strawberry.input
class SettlementCreateParams:
    settles: strawberry.ID
    settled_by: strawberry.ID
    resource_quantity: IMeasure | None = strawberry.field(
        default=UNSET, description="vfgraph: when neither quantity is given, what the settling event moved."
    )
    effort_quantity: IMeasure | None = UNSET
    note: str | None = UNSET


@strawberry.input
class SettlementUpdateParams:
    revision_id: strawberry.ID
    settles: strawberry.ID | None = UNSET
    settled_by: strawberry.ID | None = UNSET
    resource_quantity: IMeasure | None = UNSET
    effort_quantity: IMeasure | None = UNSET
    note: str | None = UNSET


@strawberry.type
class ClaimResponse:
    claim: Claim


@strawberry.type
class SettlementResponse:
    settlement: Settlement


@strawberry.type
class ClaimQuery:
    claim = record_field(Kind.CLAIM.value, Claim, Claim.from_record)

    claims = page_field(Kind.CLAIM.value, Claim, Claim.from_record)

    settlement = record_field(Kind.SETTLEMENT.value, Settlement, Settlement.from_record)

    settlements = page_field(Kind.SETTLEMENT.value, Settlement, Settlement.from_record)


@strawberry.type
class ClaimMutation:
    @strawberry.mutation
    async def create_claim(self, info: Info, claim: ClaimCreateParams) -> ClaimResponse:
        iri = await _write(info, claims.create_claim, info.context.ledger, to_params(claim))
        return ClaimResponse(claim=await _read_back(info, Kind.CLAIM, iri, Claim.from_record))

    @strawberry.mutation
    async def update_claim(self, info: Info, claim: ClaimUpdateParams) -> ClaimResponse:
        iri = await _write(info, claims.update_claim, info.context.ledger, to_params(claim))
        return ClaimResponse(claim=await _read_back(info, Kind.CLAIM, iri, Claim.from_record))

    @strawberry.mutation
    async def delete_claim(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _write(info, claims.delete_claim, info.context.ledger, revision_id)

    @strawberry.mutation
    async def create_settlement(self, info: Info, settlement: SettlementCreateParams) -> SettlementResponse:
        iri = await _write(info, claims.create_settlement, info.context.ledger, to_params(settlement))
        made = await _read_back(info, Kind.SETTLEMENT, iri, Settlement.from_record)
        return SettlementResponse(settlement=made)

    @strawberry.mutation
    async def update_settlement(self, info: Info, settlement: SettlementUpdateParams) -> SettlementResponse:
        iri = await _write(info, claims.update_settlement, info.context.ledger, to_params(settlement))
        made = await _read_back(info, Kind.SETTLEMENT, iri, Settlement.from_record)
        return SettlementResponse(settlement=made)

    @strawberry.mutation
    async def delete_settlement(self, info: Info, revision_id: strawberry.ID) -> bool:
        return await _write(info, claims.delete_settlement, info.context.ledger, revision_id)
