"""The vf-graphql input types, and their conversion to the plain parameters the ledger takes.

Optional fields default to ``UNSET``: :func:`to_params` leaves out what the client did not send, so an update
can tell "not given" from an explicit null.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal
from typing import Any

import strawberry
from strawberry.utils.str_converters import to_camel_case

from vfgraph.api.scalars import URI
from vfgraph.api.types.measurement import TimeUnit

UNSET: Any = strawberry.UNSET


@strawberry.input
class IMeasure:
    has_numerical_value: Decimal
    has_unit: strawberry.ID | None = UNSET


@strawberry.input
class IDuration:
    numeric_duration: Decimal
    unit_type: TimeUnit


def _value(value: Any) -> Any:
    if isinstance(value, IMeasure):
        unit = None if value.has_unit is UNSET else value.has_unit
        return {"hasNumericalValue": value.has_numerical_value, "hasUnit": unit}
    if isinstance(value, IDuration):
        return {"numericDuration": value.numeric_duration, "unitType": value.unit_type.value}
    if isinstance(value, list):
        return [_value(v) for v in value]
    return value


def to_params(params: object) -> dict[str, Any]:
    """An input object as a dict keyed by the vf-graphql field names, without the fields not sent."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(params):  # type: ignore[arg-type]
        value = getattr(params, f.name)
        if value is not UNSET:
            out[to_camel_case(f.name)] = _value(value)
    return out


# agent


@strawberry.input
class AgentCreateParams:
    name: str
    image: URI | None = UNSET
    note: str | None = UNSET


@strawberry.input
class AgentUpdateParams:
    revision_id: strawberry.ID
    name: str | None = UNSET
    image: URI | None = UNSET
    note: str | None = UNSET


@strawberry.input
class OrganizationCreateParams:
    name: str
    image: URI | None = UNSET
    classified_as: list[URI] | None = UNSET
    note: str | None = UNSET


@strawberry.input
class OrganizationUpdateParams:
    revision_id: strawberry.ID
    name: str | None = UNSET
    image: URI | None = UNSET
    classified_as: list[URI] | None = UNSET
    note: str | None = UNSET


@strawberry.input
class EcologicalAgentCreateParams:
    name: str
    image: URI | None = UNSET
    classified_as: list[URI] | None = UNSET
    note: str | None = UNSET


@strawberry.input
class EcologicalAgentUpdateParams:
    revision_id: strawberry.ID
    name: str | None = UNSET
    image: URI | None = UNSET
    classified_as: list[URI] | None = UNSET
    note: str | None = UNSET


@strawberry.input
class AgentRelationshipCreateParams:
    subject: strawberry.ID
    object: strawberry.ID
    relationship: strawberry.ID
    in_scope_of: list[strawberry.ID] | None = UNSET
    note: str | None = UNSET


@strawberry.input
class AgentRelationshipUpdateParams:
    revision_id: strawberry.ID
    subject: strawberry.ID | None = UNSET
    object: strawberry.ID | None = UNSET
    relationship: strawberry.ID | None = UNSET
    in_scope_of: list[strawberry.ID] | None = UNSET
    note: str | None = UNSET


@strawberry.input
class AgentRelationshipRoleCreateParams:
    role_label: str
    inverse_role_label: str | None = UNSET
    note: str | None = UNSET


@strawberry.input
class AgentRelationshipRoleUpdateParams:
    revision_id: strawberry.ID
    role_label: str | None = UNSET
    inverse_role_label: str | None = UNSET
    note: str | None = UNSET


# measurement


@strawberry.input
class UnitCreateParams:
    label: str
    symbol: str
    om_unit_identifier: str | None = UNSET


@strawberry.input
class UnitUpdateParams:
    revision_id: strawberry.ID
    label: str | None = UNSET
    symbol: str | None = UNSET
    om_unit_identifier: str | None = UNSET


# observation


@strawberry.input
class EconomicEventCreateParams:
    action: strawberry.ID
    provider: strawberry.ID
    receiver: strawberry.ID
    resource_inventoried_as: strawberry.ID | None = UNSET
    resource_classified_as: list[URI] | None = UNSET
    resource_quantity: IMeasure | None = UNSET
    effort_quantity: IMeasure | None = UNSET
    has_beginning: datetime | None = UNSET
    has_end: datetime | None = UNSET
    has_point_in_time: datetime | None = UNSET
    note: str | None = UNSET
    agreed_in: URI | None = UNSET
    triggered_by: strawberry.ID | None = UNSET
    to_resource_inventoried_as: strawberry.ID | None = UNSET
    input_of: strawberry.ID | None = UNSET
    output_of: strawberry.ID | None = UNSET
    resource_conforms_to: strawberry.ID | None = UNSET
    realization_of: strawberry.ID | None = UNSET
    # ValueFlows 1.0 terms beyond vf-graphql 0.9:
    corrects: strawberry.ID | None = strawberry.field(
        default=UNSET, description="The event this one corrects (vf:corrects)."
    )
    at_location: strawberry.ID | None = strawberry.field(
        default=UNSET, description="IRI of where the event happens (vf:atLocation)."
    )
    to_location: strawberry.ID | None = strawberry.field(
        default=UNSET, description="IRI of where a move or transfer takes the resource (vf:toLocation)."
    )
    state: str | None = strawberry.field(
        default=UNSET, description="The state the event leaves the resource in (vf:state)."
    )
    in_scope_of: list[strawberry.ID] | None = UNSET
    private: bool | None = strawberry.field(
        default=UNSET, description="Seen only by the agents involved in it (docs/security.md)."
    )
    footprint_share: Decimal | None = strawberry.field(
        default=UNSET,
        description="On an output: its weight when the process's footprint is shared among its outputs "
        "(without any declared weight, outputs share by quantity).",
    )


@strawberry.input
class EconomicEventUpdateParams:
    revision_id: strawberry.ID
    note: str | None = UNSET
    agreed_in: URI | None = UNSET
    triggered_by: strawberry.ID | None = UNSET
    realization_of: strawberry.ID | None = UNSET
    private: bool | None = strawberry.field(
        default=UNSET, description="Seen only by the agents involved in it (docs/security.md)."
    )


@strawberry.input
class EconomicResourceCreateParams:
    name: str | None = UNSET
    tracking_identifier: str | None = UNSET
    image: URI | None = UNSET
    image_list: list[URI] | None = UNSET
    contained_in: strawberry.ID | None = UNSET
    note: str | None = UNSET
    conforms_to: strawberry.ID | None = UNSET
    private: bool | None = strawberry.field(
        default=UNSET, description="Seen only by the agents involved in it (docs/security.md)."
    )


@strawberry.input
class EconomicResourceUpdateParams:
    revision_id: strawberry.ID
    classified_as: list[URI] | None = UNSET
    image: URI | None = UNSET
    image_list: list[URI] | None = UNSET
    contained_in: strawberry.ID | None = UNSET
    unit_of_effort: strawberry.ID | None = UNSET
    note: str | None = UNSET
    private: bool | None = strawberry.field(
        default=UNSET, description="Seen only by the agents involved in it (docs/security.md)."
    )


# process


@strawberry.input
class ProcessCreateParams:
    name: str
    has_beginning: datetime | None = UNSET
    has_end: datetime | None = UNSET
    finished: bool | None = UNSET
    note: str | None = UNSET
    classified_as: list[URI] | None = UNSET
    in_scope_of: list[strawberry.ID] | None = UNSET
    based_on: strawberry.ID | None = UNSET
    planned_within: strawberry.ID | None = UNSET
    private: bool | None = strawberry.field(
        default=UNSET, description="Seen only by the agents involved in it (docs/security.md)."
    )


@strawberry.input
class ProcessUpdateParams:
    revision_id: strawberry.ID
    name: str | None = UNSET
    has_beginning: datetime | None = UNSET
    has_end: datetime | None = UNSET
    finished: bool | None = UNSET
    note: str | None = UNSET
    classified_as: list[URI] | None = UNSET
    in_scope_of: list[strawberry.ID] | None = UNSET
    based_on: strawberry.ID | None = UNSET
    planned_within: strawberry.ID | None = UNSET
    private: bool | None = strawberry.field(
        default=UNSET, description="Seen only by the agents involved in it (docs/security.md)."
    )


# specifications


@strawberry.input
class ProcessSpecificationCreateParams:
    name: str
    note: str | None = UNSET


@strawberry.input
class ProcessSpecificationUpdateParams:
    revision_id: strawberry.ID
    name: str | None = UNSET
    note: str | None = UNSET


@strawberry.input
class ResourceSpecificationCreateParams:
    name: str
    image: URI | None = UNSET
    image_list: list[URI] | None = UNSET
    resource_classified_as: list[URI] | None = UNSET
    note: str | None = UNSET
    default_unit_of_resource: strawberry.ID | None = UNSET
    default_unit_of_effort: strawberry.ID | None = UNSET
    substitutable: bool | None = UNSET


@strawberry.input
class ResourceSpecificationUpdateParams:
    revision_id: strawberry.ID
    name: str | None = UNSET
    image: URI | None = UNSET
    image_list: list[URI] | None = UNSET
    resource_classified_as: list[URI] | None = UNSET
    note: str | None = UNSET
    default_unit_of_resource: strawberry.ID | None = UNSET
    default_unit_of_effort: strawberry.ID | None = UNSET
    substitutable: bool | None = UNSET
