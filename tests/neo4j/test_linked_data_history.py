"""Imported history gets the ledger's bookkeeping: breadcrumbs that track and trace follow, who wrote it,
and who may see it when it is private. On the real Neo4j; every test imports under fresh IRIs."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from tests.neo4j.chains import WorkedExample, worked_example
from tests.neo4j.world import World, qty
from vfgraph.domain.access import Caller
from vfgraph.domain.kinds import Kind
from vfgraph.domain.trace import Direction
from vfgraph.ld import export, formats
from vfgraph.ld.importer import import_data
from vfgraph.services.ledger import Ledger
from vfgraph.services.tracing import trace
from vfgraph.store import ld as store_ld
from vfgraph.vocab.namespaces import VFG

PREFIXES = """@prefix vf: <https://w3id.org/valueflows/ont/vf#> .
@prefix vfg: <https://w3id.org/vfgraph/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

BREADCRUMBS = """
UNWIND $ids AS id
MATCH (n:Record {id: id})
RETURN n.id AS id, n.resourceSeq AS resourceSeq, n.toResourceSeq AS toResourceSeq,
       n.eventCount AS eventCount, n.lastEvent AS lastEvent,
       [(n)-[:PREVIOUS_EVENT]->(p) | p.id] AS previous
"""


def _fresh_base() -> str:
    return f"http://0.example/ld-history/{uuid.uuid4().hex}/"


def _flows(chain: WorkedExample) -> list[str]:
    resources = [chain.river_water, chain.farm_grain, chain.mill_grain, chain.apples, chain.flour]
    return [*resources, chain.harvest, chain.trip, chain.milling, *chain.events.values()]


def _closure(ledger: Ledger, starts: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for start in starts:
        for direction in ("upstream", "downstream"):
            found |= export.reachable(ledger, start, direction)
    return found


def _imported_copy(ledger: Ledger, iris: Iterable[str], keep_breadcrumb_links: bool = False) -> str:
    """Export ``iris`` and import them again under a fresh base; returns the base."""
    text = "".join(export.export(ledger, formats.NTRIPLES, iris=sorted(iris)))
    if not keep_breadcrumb_links:
        text = "".join(line for line in text.splitlines(keepends=True) if str(VFG.previousEvent) not in line)
    base = _fresh_base()
    report = import_data(ledger, text.replace(ledger.settings.base_iri, base), formats.NTRIPLES)
    assert report.ok and report.written, report.to_json()
    return base


def _walk(ledger: Ledger, iri: str, direction: Direction) -> list[str]:
    return [record_id for _, record_id in trace(ledger, iri, direction).ids()]


def _crumbs(ledger: Ledger, ids: list[str]) -> dict[str, tuple[object, ...]]:
    rows = ledger.store.rows(BREADCRUMBS, {"ids": ids})
    return {
        r["id"]: (
            r["resourceSeq"],
            r["toResourceSeq"],
            r["eventCount"],
            r["lastEvent"],
            sorted(r["previous"]),
        )
        for r in rows
    }


def test_an_imported_chain_traces_and_tracks_as_the_same_chain_written_through_the_ledger(
    world: World,
) -> None:
    ledger = world.ledger
    chain = worked_example(world)
    base = _imported_copy(ledger, _closure(ledger, _flows(chain)))

    def moved(iri: str) -> str:
        return iri.replace(ledger.settings.base_iri, base)

    longest = 0
    for start in _flows(chain):
        for direction in Direction:
            written = _walk(ledger, start, direction)
            longest = max(longest, len(written))
            assert _walk(ledger, moved(start), direction) == [moved(i) for i in written], (start, direction)
    assert longest > 10, "the walks go through the chain"


def test_imported_events_get_the_breadcrumbs_the_ledger_gives_in_order_of_time(world: World) -> None:
    ledger = world.ledger
    chain = worked_example(world)
    flows = _flows(chain)
    base = _imported_copy(ledger, _closure(ledger, flows))

    def moved(value: object) -> object:
        if isinstance(value, str):
            return value.replace(ledger.settings.base_iri, base)
        if isinstance(value, list):
            return [moved(v) for v in value]
        return value

    written = _crumbs(ledger, flows)
    imported = _crumbs(ledger, [str(moved(i)) for i in flows])
    assert any(crumbs[2] for crumbs in written.values()), "the chain has resources with events"
    for iri, crumbs in written.items():
        assert imported[str(moved(iri))] == tuple(moved(c) for c in crumbs), iri


def test_a_repair_cycle_imported_without_breadcrumb_links_keeps_causal_order(world: World) -> None:
    ledger = world.ledger
    made_in = world.process("making")
    _, item = ledger.record_event(
        {"action": "produce", "provider": world.farm, "receiver": world.farm, "outputOf": made_in}
        | {"resourceConformsTo": world.grain, "resourceQuantity": qty("1", world.kg)},
        {"name": "a machine"},
    )
    assert item is not None
    repairs = [world.process(f"repair {n}") for n in range(3)]
    for p in repairs:
        world.event("accept", inputOf=p, resourceInventoriedAs=item, resourceQuantity=qty("1", world.kg))
        world.event("modify", outputOf=p, resourceInventoriedAs=item, resourceQuantity=qty("1", world.kg))
    base = _imported_copy(ledger, _closure(ledger, [item]))

    def moved(iri: str) -> str:
        return iri.replace(ledger.settings.base_iri, base)

    for start, direction in ((item, Direction.UPSTREAM), (made_in, Direction.DOWNSTREAM)):
        assert _walk(ledger, moved(start), direction) == [moved(i) for i in _walk(ledger, start, direction)]


def test_stated_previous_event_links_are_kept_and_not_doubled(world: World) -> None:
    ledger = world.ledger
    chain = worked_example(world)
    flows = _flows(chain)
    base = _imported_copy(ledger, _closure(ledger, flows), keep_breadcrumb_links=True)
    written = _crumbs(ledger, flows)
    imported = _crumbs(ledger, [i.replace(ledger.settings.base_iri, base) for i in flows])
    for iri, crumbs in written.items():
        assert imported[iri.replace(ledger.settings.base_iri, base)][4] == [
            p.replace(ledger.settings.base_iri, base) for p in crumbs[4]
        ]


def test_imported_events_follow_what_the_resource_had_and_a_reimport_changes_no_breadcrumb(
    world: World,
) -> None:
    ledger = world.ledger
    lot = world.stock("10")
    first = _crumbs(ledger, [lot])[lot][3]  # the raise that made the lot
    base = _fresh_base()
    text = PREFIXES + "".join(
        f"""<{base}use{n}> a vf:EconomicEvent ; vf:action vf:consume ; vf:provider <{world.farm}> ;
            vf:receiver <{world.farm}> ; vf:resourceInventoriedAs <{lot}> ;
            vf:resourceQuantity [ vf:hasNumericalValue 1 ; vf:hasUnit <{world.kg}> ] ;
            vf:hasPointInTime "2030-01-0{n}T00:00:00Z"^^xsd:dateTime .
        """
        for n in (2, 1)  # stated out of order: the order of time counts, not the order in the file
    )
    for _ in range(2):
        report = import_data(ledger, text, formats.TURTLE)
        assert report.ok and report.written, report.to_json()
        crumbs = _crumbs(ledger, [lot, f"{base}use1", f"{base}use2"])
        assert crumbs[lot][2:4] == (3, f"{base}use2")
        assert crumbs[f"{base}use1"][0] == 2 and crumbs[f"{base}use1"][4] == [first]
        assert crumbs[f"{base}use2"][0] == 3 and crumbs[f"{base}use2"][4] == [f"{base}use1"]


def test_imported_records_name_the_importer_and_private_ones_are_visible_to_the_agents_involved(
    world: World,
) -> None:
    ledger = world.ledger.acting_as(Caller("import-key", agent=world.carrier, operator=True))
    base = _fresh_base()
    event = f"{base}sample"
    lot = world.stock("10")
    text = (
        PREFIXES
        + f"""
        <{event}> a vf:EconomicEvent ; vf:action vf:consume ; vf:provider <{world.farm}> ;
            vf:receiver <{world.mill}> ; vfg:private true ; vf:resourceInventoriedAs <{lot}> ;
            vf:resourceQuantity [ vf:hasNumericalValue 3 ; vf:hasUnit <{world.kg}> ] ;
            vf:hasPointInTime "2030-01-01T00:00:00Z"^^xsd:dateTime .
    """
    )
    report = import_data(ledger, text, formats.TURTLE)
    assert report.ok and report.written, report.to_json()
    (row,) = world.ledger.store.rows(
        "MATCH (n:EconomicEvent {id: $id}) RETURN n.createdBy AS by, n.createdByKey AS key,"
        " n.updatedBy AS updatedBy, n.involved AS involved",
        {"id": event},
    )
    assert (row["by"], row["key"], row["updatedBy"]) == (world.carrier, "import-key", world.carrier)
    assert sorted(row["involved"]) == sorted([world.farm, world.mill, world.carrier])

    def seen_by(agent: str) -> bool:
        viewer = world.ledger.acting_as(Caller(f"key-{uuid.uuid4().hex}", agent=agent))
        return [r.id for r in store_ld.records_by_ids(viewer.store, [event])] == [event]

    assert seen_by(world.farm) and seen_by(world.mill)
    outsider = world.ledger.create(Kind.ORGANIZATION, {"name": "Outsider"})
    assert not seen_by(outsider)
