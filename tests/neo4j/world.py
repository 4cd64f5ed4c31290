"""A small world to record events in, on the real Neo4j (the `world` fixture of tests/neo4j).

Every test gets fresh records (fresh IRIs), so tests never see each other's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from vfgraph.domain.kinds import Kind
from vfgraph.services.ledger import Ledger

RESOURCE_STATE = """
MATCH (r:EconomicResource {id: $id})
RETURN r {
  .*,
  primaryAccountable: [(r)-[:PRIMARY_ACCOUNTABLE]->(x) | x.id][0],
  containedIn: [(r)-[:CONTAINED_IN]->(x) | x.id][0],
  stage: [(r)-[:STAGE]->(x) | x.id][0],
  conformsTo: [(r)-[:CONFORMS_TO]->(x) | x.id][0]
} AS r
"""

COUNT_RECORDS = "MATCH (n:Record) RETURN count(n) AS n"


def qty(value: str, unit: str) -> dict[str, Any]:
    return {"hasNumericalValue": Decimal(value), "hasUnit": unit}


@dataclass
class World:
    ledger: Ledger
    farm: str
    mill: str
    carrier: str
    kg: str
    hour: str
    grain: str
    labour: str
    milling: str

    def resource(self, iri: str) -> dict[str, Any]:
        rows = self.ledger.store.rows(RESOURCE_STATE, {"id": iri})
        assert rows, f"no resource {iri}"
        r: dict[str, Any] = rows[0]["r"]
        return r

    def count(self) -> int:
        n: int = self.ledger.store.rows(COUNT_RECORDS)[0]["n"]
        return n

    def event(
        self, action: str, provider: str | None = None, receiver: str | None = None, **fields: Any
    ) -> str:
        params = {"action": action, "provider": provider or self.farm, "receiver": receiver or self.farm}
        params.update(fields)
        event_iri, _ = self.ledger.record_event(params)
        return event_iri

    def stock(self, value: str, owner: str | None = None, **extra: Any) -> str:
        """A new resource of grain made by raising `value` kg."""
        _, iri = self.ledger.record_event(
            {
                "action": "raise",
                "provider": owner or self.farm,
                "receiver": owner or self.farm,
                "resourceConformsTo": self.grain,
                "resourceQuantity": qty(value, self.kg),
                **extra,
            },
            {"name": "grain lot", "trackingIdentifier": "lot-1"},
        )
        assert iri is not None
        return iri

    def process(self, name: str = "milling", based_on: str | None = None) -> str:
        params: dict[str, Any] = {"name": name}
        if based_on:
            params["basedOn"] = based_on
        return self.ledger.create(Kind.PROCESS, params)
