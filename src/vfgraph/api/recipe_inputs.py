"""The vf-graphql ``recipe`` input types (made into ledger parameters by ``inputs.to_params``)."""

from __future__ import annotations

import strawberry

from vfgraph.api.inputs import UNSET, IDuration, IMeasure
from vfgraph.api.scalars import URI


@strawberry.input
class RecipeProcessCreateParams:
    name: str
    has_duration: IDuration | None = UNSET
    process_classified_as: list[URI] | None = UNSET
    note: str | None = UNSET
    process_conforms_to: strawberry.ID | None = UNSET


@strawberry.input
class RecipeProcessUpdateParams:
    revision_id: strawberry.ID
    name: str | None = UNSET
    has_duration: IDuration | None = UNSET
    process_classified_as: list[URI] | None = UNSET
    note: str | None = UNSET
    process_conforms_to: strawberry.ID | None = UNSET


@strawberry.input
class RecipeExchangeCreateParams:
    name: str
    note: str | None = UNSET


@strawberry.input
class RecipeExchangeUpdateParams:
    revision_id: strawberry.ID
    name: str | None = UNSET
    note: str | None = UNSET


@strawberry.input
class RecipeFlowCreateParams:
    action: strawberry.ID
    resource_conforms_to: strawberry.ID
    resource_quantity: IMeasure | None = UNSET
    effort_quantity: IMeasure | None = UNSET
    recipe_input_of: strawberry.ID | None = UNSET
    recipe_output_of: strawberry.ID | None = UNSET
    recipe_clause_of: strawberry.ID | None = UNSET
    state: str | None = UNSET
    note: str | None = UNSET
    stage: strawberry.ID | None = UNSET


@strawberry.input
class RecipeFlowUpdateParams:
    revision_id: strawberry.ID
    action: strawberry.ID | None = UNSET
    resource_conforms_to: strawberry.ID | None = UNSET
    resource_quantity: IMeasure | None = UNSET
    effort_quantity: IMeasure | None = UNSET
    recipe_input_of: strawberry.ID | None = UNSET
    recipe_output_of: strawberry.ID | None = UNSET
    recipe_clause_of: strawberry.ID | None = UNSET
    state: str | None = UNSET
    note: str | None = UNSET
    stage: strawberry.ID | None = UNSET
