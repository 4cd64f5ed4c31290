"""The ledger: every use case that changes the graph.

Each public method is one write: it builds the RDF view of the write (:mod:`vfgraph.vocab.views`),
validates it with the SHACL shapes, applies the action's effects (:mod:`vfgraph.domain.effects`) and stores
the result, all inside one Neo4j transaction; it returns the IRI of the record written. Nothing is stored
when any step fails.

Parameters are mappings keyed by the vf-graphql input field names (``resourceQuantity``, ``provider`` ...),
with plain values: strings, :class:`decimal.Decimal`, :class:`datetime.datetime`, booleans, lists, and for a
measure a mapping ``{"hasNumericalValue": Decimal, "hasUnit": IRI}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from vfgraph.domain import ids
from vfgraph.domain.access import Caller
from vfgraph.domain.actions import Action
from vfgraph.domain.kinds import Kind
from vfgraph.services.changes import Change, ChangeFeed, Operation, written
from vfgraph.settings import Settings

if TYPE_CHECKING:
    from vfgraph.services.records import Hooks
from vfgraph.store.driver import Store
from vfgraph.vocab.ontology import Ontology
from vfgraph.vocab.shacl import ShapesValidator

Params = Mapping[str, Any]


# The caller of what the project does itself (command line, demo loading): an operator.
SYSTEM = Caller(key_id="system", agent=None, operator=True)


@dataclass
class Ledger:
    """The long-lived objects a write needs (built once by :func:`vfgraph.bootstrap.open_ledger`), and who
    is acting: every write is checked against ``caller`` (None: anonymous, who may write nothing) and
    every read sees what ``caller`` may see. :meth:`acting_as` gives the same ledger for another caller.

    Once a write has committed, it is announced on ``feed`` (:mod:`vfgraph.services.changes`), which every
    view of the ledger shares; a write that fails announces nothing.
    """

    settings: Settings
    store: Store
    ontology: Ontology
    validator: ShapesValidator
    caller: Caller | None = SYSTEM
    feed: ChangeFeed = field(default_factory=ChangeFeed)

    def acting_as(self, caller: Caller | None) -> Ledger:
        return replace(self, caller=caller, store=self.store.viewing(caller))

    @property
    def actions(self) -> Mapping[str, Action]:
        return self.ontology.actions

    def create(self, kind: Kind, params: Params, iri: str | None = None) -> str:
        """Create a record of any kind but EconomicEvent and EconomicResource; returns its IRI.

        ``iri`` keeps a given IRI (imports, demo data) instead of minting one.
        """
        from vfgraph.services import records

        created = records.create(self, kind, self._input(kind, params), iri, self._hooks(kind))
        self.feed.publish(*written(kind, created, Operation.CREATED, params))
        return created

    def _hooks(self, kind: Kind) -> Hooks:
        """The extra steps a write of ``kind`` takes in its transaction (planning links and flows recount
        what they account for, a settlement its claim)."""
        from vfgraph.services import claims, planning

        return claims.hooks(self, kind) if kind in claims.KINDS else planning.hooks(self, kind)

    def _input(self, kind: Kind, params: Params) -> Params:
        """Input values as the fields table stores them (a recipe process's duration becomes a measure)."""
        from vfgraph.services import recipes

        wanted = kind in recipes.RECIPE_KINDS or kind in recipes.DURATION_KINDS
        return recipes.input_values(self, kind, params) if wanted else params

    def exists(self, iri: str) -> bool:
        from vfgraph.services import records

        return records.exists(self, iri)

    def update(self, kind: Kind, params: Params) -> str:
        """Update the record named by ``params["revisionId"]`` (which must be current)."""
        from vfgraph.services import records

        updated = records.update(self, kind, self._input(kind, params), hooks=self._hooks(kind))
        self.feed.publish(*written(kind, updated, Operation.UPDATED, params))
        return updated

    def delete(self, kind: Kind, *, revision_id: str | None = None, iri: str | None = None) -> bool:
        """Delete a record that nothing refers to; refused with IMMUTABLE when something does."""
        from vfgraph.services import contributions, records

        if kind is Kind.VALUE_EQUATION and revision_id is not None:
            # An equation goes with its buckets, while no recorded distribution follows it.
            deleted = contributions.delete_equation(self, revision_id)
        else:
            hooks = self._hooks(kind)
            deleted = records.delete(self, kind, revision_id=revision_id, iri=iri, hooks=hooks)
        target = iri if revision_id is None else ids.parse_revision_id(revision_id)[0]
        if deleted and target is not None:
            self.feed.publish(Change(kind, target, Operation.DELETED))
        return deleted

    def record_event(
        self,
        event: Params,
        new_resource: Params | None = None,
        iris: tuple[str, str | None] | None = None,
    ) -> tuple[str, str | None]:
        """Record an EconomicEvent and apply its effects; returns (event IRI, new resource IRI).

        ``iris`` keeps given IRIs for the event and the new resource instead of minting them.
        """
        from vfgraph.services import events

        event_iri, resource_iri = events.record(self, event, new_resource, iris)
        changes = [Change(Kind.ECONOMIC_EVENT, event_iri, Operation.CREATED)]
        if resource_iri is not None:
            changes.append(Change(Kind.ECONOMIC_RESOURCE, resource_iri, Operation.CREATED))
        self.feed.publish(*changes)
        return event_iri, resource_iri

    def update_event(self, params: Params) -> str:
        """Change an event's note, agreedIn or triggeredBy (events are otherwise immutable)."""
        from vfgraph.services import events

        updated = events.update(self, params)
        self.feed.publish(Change(Kind.ECONOMIC_EVENT, updated, Operation.UPDATED))
        return updated

    def update_resource(self, params: Params) -> str:
        """Change a resource's descriptive fields (quantities change only through events)."""
        from vfgraph.services import records

        updated = records.update(self, Kind.ECONOMIC_RESOURCE, params)
        self.feed.publish(Change(Kind.ECONOMIC_RESOURCE, updated, Operation.UPDATED))
        return updated
