"""The printed schema is the committed snapshot, and keeps the vf-graphql names.

When the schema changes on purpose, refresh the snapshot with
``vfgraph schema > tests/unit/snapshots/schema.graphql`` and run the vf-graphql conformance check.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from graphql import build_schema

from vfgraph.api.scalars import SCALARS
from vfgraph.api.schema import print_sdl

SNAPSHOT = Path(__file__).parent / "snapshots" / "schema.graphql"


def test_the_printed_schema_matches_the_snapshot() -> None:
    assert print_sdl() == SNAPSHOT.read_text()


def test_the_schema_has_the_valueflows_1_terms_vf_graphql_lacks() -> None:
    schema = build_schema(print_sdl())
    ecological = schema.get_type("EcologicalAgent")
    assert ecological is not None
    assert "Agent" in [i.name for i in ecological.interfaces]  # type: ignore[attr-defined]
    mutation = schema.mutation_type
    assert mutation is not None
    create = mutation.fields["createEcologicalAgent"]
    assert str(create.type) == "EcologicalAgentResponse!"
    assert str(create.args["ecologicalAgent"].type) == "EcologicalAgentCreateParams!"
    event = schema.get_type("EconomicEvent")
    assert {"corrects", "impliedTransfer"} <= set(event.fields)  # type: ignore[union-attr]
    params = schema.get_type("EconomicEventCreateParams")
    assert {"corrects", "atLocation", "toLocation", "state"} <= set(params.fields)  # type: ignore[union-attr]


def test_decimals_travel_as_strings() -> None:
    decimal = SCALARS[Decimal]
    assert decimal.serialize is not None
    assert decimal.serialize(Decimal("0.10")) == "0.1"
