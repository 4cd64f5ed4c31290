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
from dataclasses import dataclass, replace
from typing import Any

from vfgraph.domain.access import Caller
from vfgraph.domain.actions import Action
from vfgraph.domain.kinds import Kind
from vfgraph.settings import Settings
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
    """

    settings: Settings
    store: Store
    ontology: Ontology
    validator: ShapesValidator
    caller: Caller | None = SYSTEM

    def acting_as(self, caller: Caller | None) -> Ledger:
        return replace(self, caller=caller, store=self.store.viewing(caller))

    @property
    def actions(self) -> Mapping[str, Action]:
        return self.ontology.actions

    def create(self, kind: Kind, params: Params, iri: str | None = None) -> str:
        """Create a record of any kind but EconomicEvent and EconomicResource; returns its IRI.

        ``iri`` keeps a given IRI (imports, demo data) instead of minting one.
        """
        from vfgraph.services import planning, records

        return records.create(self, kind, params, iri, planning.hooks(self, kind))

    def exists(self, iri: str) -> bool:
        from vfgraph.services import records

        return records.exists(self, iri)

    def update(self, kind: Kind, params: Params) -> str:
        """Update the record named by ``params["revisionId"]`` (which must be current)."""
        from vfgraph.services import planning, records

        return records.update(self, kind, params, hooks=planning.hooks(self, kind))

    def delete(self, kind: Kind, *, revision_id: str | None = None, iri: str | None = None) -> bool:
        """Delete a record that nothing refers to; refused with IMMUTABLE when something does."""
        from vfgraph.services import planning, records

        return records.delete(self, kind, revision_id=revision_id, iri=iri, hooks=planning.hooks(self, kind))

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

        return events.record(self, event, new_resource, iris)

    def update_event(self, params: Params) -> str:
        """Change an event's note, agreedIn or triggeredBy (events are otherwise immutable)."""
        from vfgraph.services import events

        return events.update(self, params)

    def update_resource(self, params: Params) -> str:
        """Change a resource's descriptive fields (quantities change only through events)."""
        from vfgraph.services import records

        return records.update(self, Kind.ECONOMIC_RESOURCE, params)
