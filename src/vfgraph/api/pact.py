"""PACT footprints in GraphQL (docs/pact.md): publish, deprecate, take a supplier's, list and read.

The PACT host API itself is REST (``/pact``, vfgraph.pact.http); these fields are for the ledger's own
users: an owner publishes its product's footprint from the roll-up, sees what it published and what it
took from suppliers, and deprecates a snapshot.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from vfgraph.api.context import Info
from vfgraph.api.nodes import AgentRef, ResourceSpecificationRef, load_agent, load_node
from vfgraph.api.pagination import Connection, Edge, PageInfo, decode_cursor, encode_cursor
from vfgraph.api.scalars import URI, as_datetime
from vfgraph.errors import InvalidInput
from vfgraph.pact import footprints as service
from vfgraph.pact import peers
from vfgraph.pact.remote import Remote
from vfgraph.store.driver import Row


@strawberry.enum(description="Where a footprint snapshot comes from.")
class PactFootprintOrigin(Enum):
    PUBLISHED = "published"  # made by this ledger from its roll-up
    RECEIVED = "received"  # taken from a supplier's PACT host


@strawberry.enum(description="PACT's lifecycle: a snapshot is Active until a newer one replaces it.")
class PactFootprintStatus(Enum):
    ACTIVE = "Active"
    DEPRECATED = "Deprecated"


@strawberry.type(description="A PACT v3 ProductFootprint snapshot (docs/pact.md).")
class PactFootprint:
    row: strawberry.Private[Row]

    @strawberry.field
    def id(self) -> strawberry.ID:
        """The snapshot's IRI in this ledger."""
        return strawberry.ID(self.row["id"])

    @strawberry.field
    def pf_id(self) -> str:
        """The PACT id (a UUID) of the footprint."""
        return str(self.row["pfId"])

    @strawberry.field
    def origin(self) -> PactFootprintOrigin:
        return PactFootprintOrigin(self.row["origin"])

    @strawberry.field
    def status(self) -> PactFootprintStatus:
        return PactFootprintStatus(self.row["status"])

    @strawberry.field
    def created(self) -> datetime | None:
        return as_datetime(self.row["created"])

    @strawberry.field
    def preceding_pf_ids(self) -> list[str]:
        """The ids of the snapshots this one replaces (PACT precedingPfIds)."""
        return list(self.row.get("precedingPfIds") or [])

    @strawberry.field
    def pcf_excluding_biogenic_uptake(self) -> Decimal:
        """kg CO2e per declared unit, fossil and biogenic, without biogenic uptake."""
        return Decimal(service.document_of(self.row)["pcf"]["pcfExcludingBiogenicUptake"])

    @strawberry.field
    def declared_unit_of_measurement(self) -> str:
        """The declared unit (one of PACT's); declaredUnitAmount is in the document."""
        return str(service.document_of(self.row)["pcf"]["declaredUnitOfMeasurement"])

    @strawberry.field
    def source(self) -> URI | None:
        """Where the snapshot was taken from (a supplier's GetFootprint URL)."""
        return URI(self.row["source"]) if self.row.get("source") else None

    @strawberry.field
    def document(self) -> JSON:
        """The whole PACT ProductFootprint, as PACT hosts exchange it."""
        doc: Any = service.document_of(self.row)
        return doc  # type: ignore[no-any-return]

    @strawberry.field
    async def resource_specification(self, info: Info) -> ResourceSpecificationRef | None:
        """The product this footprint is of (in this ledger)."""
        return await load_node(info, "ResourceSpecification", self.row.get("resourceSpecification"))

    @strawberry.field
    async def agent(self, info: Info) -> AgentRef | None:
        """The data owner: the publisher, or the supplier a received one is from."""
        return await load_agent(info, self.row.get("agent"))


def _of(row: Row) -> PactFootprint:
    return PactFootprint(row=row)


async def supplier_footprint(info: Info, iri: str) -> PactFootprint | None:
    """The received footprint ``iri`` names, if it is one the caller may see (a footprint's breakdown
    names one in place of a process: docs/footprints.md, rule 6)."""
    if "/pact-footprint/received/" not in iri:
        return None
    ledger = info.context.ledger
    row = await asyncio.to_thread(service.get, ledger, iri.rsplit("/", 1)[-1], service.RECEIVED)
    return _of(row) if row is not None and row["id"] == iri and service.visible(ledger, row) else None


@strawberry.type
class PactQuery:
    @strawberry.field
    async def pact_footprint(self, info: Info, id: strawberry.ID) -> PactFootprint | None:
        """A footprint snapshot by its IRI or its PACT id."""
        ledger = info.context.ledger
        wanted = str(id)
        pf_id = wanted.rsplit("/", 1)[-1]
        origin = (
            None if wanted == pf_id else service.RECEIVED if "/received/" in wanted else service.PUBLISHED
        )
        row = await asyncio.to_thread(service.get, ledger, pf_id, origin)
        if row is None or (wanted != pf_id and row["id"] != wanted) or not service.visible(ledger, row):
            return None
        return _of(row)

    @strawberry.field
    async def pact_footprints(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        origin: PactFootprintOrigin | None = None,
        agent: strawberry.ID | None = None,
        resource_specification: strawberry.ID | None = None,
        status: PactFootprintStatus | None = None,
    ) -> Connection[PactFootprint]:
        """Footprint snapshots: the published ones, the caller's received ones (operators: all)."""
        settings = info.context.ledger.settings
        # Like every connection, a page above the maximum is served at the maximum (docs/security.md).
        size = max(0, min(settings.default_page_size if first is None else first, settings.max_page_size))
        rows = await asyncio.to_thread(
            service.page,
            info.context.ledger,
            origin=origin.value if origin else None,
            agent=str(agent) if agent else None,
            resource_specification=str(resource_specification) if resource_specification else None,
            status=status.value if status else None,
            after=decode_cursor(after),
            limit=size + 1,
        )
        page = rows[:size]
        edges = [Edge(node=_of(r), cursor=encode_cursor(r["id"])) for r in page]
        return Connection(
            edges=edges,
            page_info=PageInfo(
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
                has_previous_page=after is not None,
                has_next_page=len(rows) > size,
                page_limit=size,
            ),
        )


@strawberry.type
class PactMutation:
    @strawberry.mutation
    async def publish_pact_footprint(
        self,
        info: Info,
        resource_specification: strawberry.ID,
        agent: strawberry.ID,
        ghg_indicator: strawberry.ID,
        indicators: list[strawberry.ID] | None = None,
        from_: Annotated[datetime | None, strawberry.argument(name="from")] = None,
        to: datetime | None = None,
        declarations: JSON | None = None,
    ) -> PactFootprint:
        """Publish a PACT footprint of a product of an agent from the roll-up of the agent's outputs of it
        (in [from, to) when given); deprecates the active snapshot of the same product (docs/pact.md).
        ``declarations``: the PACT properties the ledger does not hold (a partial ProductFootprint; omitted:
        the last ones published for this product)."""
        if declarations is not None and not isinstance(declarations, dict):
            raise InvalidInput("declarations must be an object (a partial PACT ProductFootprint)")
        p = service.Publication(
            resource_specification=str(resource_specification),
            agent=str(agent),
            ghg_indicator=str(ghg_indicator),
            indicators=[str(i) for i in indicators or []],
            start=from_,
            end=to,
            declarations=declarations,
        )
        row = await asyncio.to_thread(service.publish, info.context.ledger, p)
        info.context.loaders.clear()
        return _of(row)

    @strawberry.mutation
    async def deprecate_pact_footprint(self, info: Info, id: strawberry.ID) -> PactFootprint:
        """Mark a footprint snapshot Deprecated (PACT's lifecycle)."""
        wanted = str(id)
        origin = service.RECEIVED if "/received/" in wanted else service.PUBLISHED
        row = await asyncio.to_thread(
            service.deprecate, info.context.ledger, wanted.rsplit("/", 1)[-1], origin
        )
        return _of(row)

    @strawberry.mutation
    async def take_pact_footprint(
        self,
        info: Info,
        peer: strawberry.ID,
        footprint_id: str,
        resource_specification: strawberry.ID | None = None,
        indicator: strawberry.ID | None = None,
    ) -> PactFootprint:
        """Take a supplier's footprint from a registered PACT peer (operators): fetched, checked against the
        PACT schema and recorded; with a product and an indicator, roll-ups count it for what the peer's
        agent delivers of that product (docs/footprints.md, rule 6)."""
        ledger = info.context.ledger
        service.require_operator(ledger, "taking a supplier's footprint")
        found = await asyncio.to_thread(peers.get, ledger, str(peer))
        remote = Remote(ledger.settings)
        try:
            row = await asyncio.to_thread(
                service.take,
                ledger,
                remote,
                found,
                footprint_id,
                str(resource_specification) if resource_specification else None,
                str(indicator) if indicator else None,
            )
        finally:
            remote.close()
        return _of(row)
