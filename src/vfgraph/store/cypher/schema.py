"""Constraints and indexes, created by ``vfgraph init`` and at app start-up (all idempotent)."""

from __future__ import annotations

from vfgraph.domain.fields import FIELDS
from vfgraph.domain.kinds import AGENT_KINDS, Kind
from vfgraph.domain.model import FieldType
from vfgraph.store.cypher import pact


def _place_indexes() -> tuple[str, ...]:
    """An index per property that holds the IRI of a place (read back by SpatialThing's lists, and by
    location filters); agents' under the Agent label they share."""
    out: dict[str, str] = {}
    for kind, fields in FIELDS.items():
        label = "Agent" if kind in AGENT_KINDS else kind.value
        for f in fields:
            if f.type is FieldType.URI and f.target is not None:
                name = f"{label.lower()}_{f.name.lower()}"
                out[name] = f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.{f.name})"
    return tuple(out.values())


_UNIQUE = "CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"

SCHEMA_STATEMENTS: tuple[str, ...] = (
    _UNIQUE.format(name="record_id", label="Record"),
    *(_UNIQUE.format(name=f"{k.value.lower()}_id", label=k.value) for k in Kind),
    _UNIQUE.format(name="agent_id", label="Agent"),
    "CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE",
    # External references kept by linked-data imports (docs/graph-model.md).
    _UNIQUE.format(name="external_id", label="External"),
    "CREATE INDEX event_action IF NOT EXISTS FOR (n:EconomicEvent) ON (n.action)",
    "CREATE INDEX event_time IF NOT EXISTS FOR (n:EconomicEvent) ON (n.hasPointInTime)",
    "CREATE INDEX resource_tracking IF NOT EXISTS FOR (n:EconomicResource) ON (n.trackingIdentifier)",
    # Agent.proposals: the proposals an agent created (docs/planning.md).
    "CREATE INDEX proposal_created_by IF NOT EXISTS FOR (n:Proposal) ON (n.createdBy)",
    *_place_indexes(),
    # Record search (store/search.py): words of names, tracking identifiers, notes, actions and IRIs.
    "CREATE FULLTEXT INDEX record_search IF NOT EXISTS FOR (n:Agent|EconomicResource|Process|EconomicEvent)"
    " ON EACH [n.name, n.trackingIdentifier, n.note, n.action, n.id]",
    # PACT: clients, tokens, peers, footprint snapshots and the job queue (docs/pact.md).
    *pact.SCHEMA,
)
