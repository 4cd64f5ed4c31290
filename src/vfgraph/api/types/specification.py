"""vf-graphql ``resource_specification`` and ``process_specification``."""

from __future__ import annotations

import strawberry

from vfgraph.api.context import Info
from vfgraph.api.scalars import URI, as_uri, as_uris
from vfgraph.api.types.claim import claim_connection
from vfgraph.api.types.history import Recorded
from vfgraph.api.types.measurement import Unit, load_unit
from vfgraph.api.types.observation import event_connection, resource_connection
from vfgraph.api.types.planning import commitment_connection, intent_connection
from vfgraph.api.types.process import process_connection
from vfgraph.api.types.recipe import recipe_flow_connection, recipe_process_connection
from vfgraph.store.reads import Record


@strawberry.type
class ResourceSpecification(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    name: str
    image: URI | None
    image_list: list[URI] | None
    resource_classified_as: list[URI] | None
    note: str | None
    substitutable: bool | None

    @classmethod
    def from_record(cls, r: Record) -> ResourceSpecification:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            name=str(r.get("name") or ""),
            image=as_uri(r.get("image")),
            image_list=as_uris(r.get("imageList")),
            resource_classified_as=as_uris(r.get("resourceClassifiedAs")),
            note=r.get("note"),
            substitutable=r.get("substitutable"),
        )

    @strawberry.field
    async def default_unit_of_resource(self, info: Info) -> Unit | None:
        return await load_unit(info, self.rec.ref("defaultUnitOfResource"))

    @strawberry.field
    async def default_unit_of_effort(self, info: Info) -> Unit | None:
        return await load_unit(info, self.rec.ref("defaultUnitOfEffort"))

    conforming_resources = resource_connection("ResourceSpecification.conformingResources")
    economic_events = event_connection("ResourceSpecification.economicEvents")
    commitments = commitment_connection("ResourceSpecification.commitments")
    intents = intent_connection("ResourceSpecification.intents")
    claims = claim_connection("ResourceSpecification.claims")


@strawberry.type
class ProcessSpecification(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    name: str
    note: str | None

    @classmethod
    def from_record(cls, r: Record) -> ProcessSpecification:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            name=str(r.get("name") or ""),
            note=r.get("note"),
        )

    resources_currently_at_stage = resource_connection("ProcessSpecification.resourcesCurrentlyAtStage")
    conforming_processes = process_connection("ProcessSpecification.conformingProcesses")
    commitments_requiring_stage = commitment_connection("ProcessSpecification.commitmentsRequiringStage")
    conforming_recipe_processes = recipe_process_connection("ProcessSpecification.conformingRecipeProcesses")
    recipe_flows_requiring_stage = recipe_flow_connection("ProcessSpecification.recipeFlowsRequiringStage")
