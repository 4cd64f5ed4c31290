"""How every part of the demo writes: fixed IRIs under ``<base IRI>demo/``, and nothing written twice.

A record or event that already exists is skipped, so loading the demo again, or after an interrupted run,
writes only what is missing; :attr:`DemoRecords.created` counts what this load wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from vfgraph.domain.kinds import Kind
from vfgraph.services.ledger import Ledger

T0 = "2026-09-01T08:00:00Z"
"""When the demo's events happen unless they say otherwise."""


def quantity(value: str, unit: str) -> dict[str, Any]:
    """A measure, as the ledger's parameters take it."""
    return {"hasNumericalValue": Decimal(value), "hasUnit": unit}


class Written(NamedTuple):
    """The IRIs of a demo event and of the resource it creates (None when it creates none)."""

    event: str
    resource: str | None


@dataclass
class DemoRecords:
    ledger: Ledger
    created: int = 0

    def iri(self, kind: Kind, key: str) -> str:
        return f"{self.ledger.settings.base_iri}demo/{kind.path}/{key}"

    def record(self, kind: Kind, key: str, params: dict[str, Any]) -> str:
        """The record ``key`` of ``kind``, created with ``params`` unless it exists."""
        iri = self.iri(kind, key)
        if not self.ledger.exists(iri):
            self.ledger.create(kind, params, iri=iri)
            self.created += 1
        return iri

    def event(
        self, key: str, params: dict[str, Any], new: dict[str, Any] | None = None, at: str = T0
    ) -> Written:
        """The event ``key`` (and the resource ``new`` describes, under the same key), recorded at ``at``
        unless ``params`` give a time, and unless it exists."""
        iri = self.iri(Kind.ECONOMIC_EVENT, key)
        new_iri = self.iri(Kind.ECONOMIC_RESOURCE, key) if new is not None else None
        if not self.ledger.exists(iri):
            self.ledger.record_event({"hasPointInTime": at, **params}, new, iris=(iri, new_iri))
            self.created += 1
        return Written(iri, new_iri)
