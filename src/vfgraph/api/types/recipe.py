"""vf-graphql ``recipe``: recipe processes, recipe flows and recipe exchanges (docs/recipes.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from vfgraph.api.context import Info, connection_field, load_one
from vfgraph.api.scalars import URI, as_uris
from vfgraph.api.types.action import Action
from vfgraph.api.types.history import Recorded
from vfgraph.api.types.measurement import Duration, Measure, TimeUnit
from vfgraph.domain.durations import unit_type_of
from vfgraph.domain.kinds import Kind
from vfgraph.errors import NotFound
from vfgraph.store.reads import Record

if TYPE_CHECKING:
    from vfgraph.api.types.specification import ProcessSpecification, ResourceSpecification

_SPECS = "vfgraph.api.types.specification"
_HERE = "vfgraph.api.types.recipe"
ProcessSpecificationRef = Annotated["ProcessSpecification", strawberry.lazy(_SPECS)]
ResourceSpecificationRef = Annotated["ResourceSpecification", strawberry.lazy(_SPECS)]
RecipeProcessRef = Annotated["RecipeProcess", strawberry.lazy(_HERE)]
RecipeFlowRef = Annotated["RecipeFlow", strawberry.lazy(_HERE)]


def recipe_process_connection(relation: str) -> Any:
    """A page of the recipe processes pointing at the parent along ``relation``."""
    return connection_field(relation, RecipeProcessRef, lambda: RecipeProcess.from_record)


def recipe_flow_connection(relation: str) -> Any:
    """A page of the recipe flows pointing at the parent along ``relation``."""
    return connection_field(relation, RecipeFlowRef, lambda: RecipeFlow.from_record)


async def _process_specification(info: Info, spec_id: str | None) -> ProcessSpecification | None:
    from vfgraph.api.types.specification import ProcessSpecification

    r = await load_one(info, Kind.PROCESS_SPECIFICATION.value, spec_id)
    return ProcessSpecification.from_record(r) if r else None


@strawberry.type
class RecipeProcess(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    name: str
    process_classified_as: list[URI] | None
    note: str | None

    @classmethod
    def from_record(cls, r: Record) -> RecipeProcess:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            name=str(r.get("name") or ""),
            process_classified_as=as_uris(r.get("processClassifiedAs")),
            note=r.get("note"),
        )

    @strawberry.field
    async def has_duration(self, info: Info) -> Duration | None:
        """Stored as a measure; its unit record's OM 2 identifier says which time unit it is."""
        measure = Measure.of(self.rec, "hasDuration")
        if measure is None:
            return None
        unit = await load_one(info, Kind.UNIT.value, measure.unit_id)
        unit_type = unit_type_of(unit.get("omUnitIdentifier") if unit else None)
        if unit_type is None:
            return None
        return Duration(numeric_duration=measure.has_numerical_value, unit_type=TimeUnit(unit_type))

    @strawberry.field
    async def process_conforms_to(self, info: Info) -> ProcessSpecificationRef | None:
        return await _process_specification(info, self.rec.ref("processConformsTo"))


@strawberry.type
class RecipeExchange(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    name: str
    note: str | None

    @classmethod
    def from_record(cls, r: Record) -> RecipeExchange:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            name=str(r.get("name") or ""),
            note=r.get("note"),
        )


@strawberry.type
class RecipeFlow(Recorded):
    rec: strawberry.Private[Record]

    id: strawberry.ID
    revision_id: strawberry.ID
    resource_quantity: Measure | None
    effort_quantity: Measure | None
    note: str | None
    state: str | None = strawberry.field(
        description="The state a resource must be in to be used for this flow (vf:state)."
    )

    @classmethod
    def from_record(cls, r: Record) -> RecipeFlow:
        return cls(
            rec=r,
            id=strawberry.ID(r.id),
            revision_id=strawberry.ID(r.revision_id),
            resource_quantity=Measure.of(r, "resourceQuantity"),
            effort_quantity=Measure.of(r, "effortQuantity"),
            note=r.get("note"),
            state=r.get("state"),
        )

    @strawberry.field
    def action(self, info: Info) -> Action:
        return Action.of(info.context.action(str(self.rec.get("action"))))

    @strawberry.field
    async def recipe_input_of(self, info: Info) -> RecipeProcess | None:
        r = await load_one(info, Kind.RECIPE_PROCESS.value, self.rec.ref("recipeInputOf"))
        return RecipeProcess.from_record(r) if r else None

    @strawberry.field
    async def recipe_output_of(self, info: Info) -> RecipeProcess | None:
        r = await load_one(info, Kind.RECIPE_PROCESS.value, self.rec.ref("recipeOutputOf"))
        return RecipeProcess.from_record(r) if r else None

    @strawberry.field
    async def recipe_clause_of(self, info: Info) -> RecipeExchange | None:
        r = await load_one(info, Kind.RECIPE_EXCHANGE.value, self.rec.ref("recipeClauseOf"))
        return RecipeExchange.from_record(r) if r else None

    @strawberry.field
    async def resource_conforms_to(self, info: Info) -> ResourceSpecificationRef:
        from vfgraph.api.types.specification import ResourceSpecification

        spec_id = self.rec.ref("resourceConformsTo")
        r = await load_one(info, Kind.RESOURCE_SPECIFICATION.value, spec_id)
        if r is None:
            raise NotFound(f"recipe flow {self.id} has no resource specification", id=self.id)
        return ResourceSpecification.from_record(r)

    @strawberry.field
    async def stage(self, info: Info) -> ProcessSpecificationRef | None:
        """The stage (process specification) a resource must be at to be used for this flow (vf:stage)."""
        return await _process_specification(info, self.rec.ref("stage"))
