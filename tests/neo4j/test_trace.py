"""Track and trace across organisations on the real Neo4j, with the ValueFlows pairing rules."""

from __future__ import annotations

import pytest

from tests.neo4j.chains import WorkedExample, worked_example
from tests.neo4j.world import World, qty
from vfgraph.domain.kinds import Kind
from vfgraph.domain.trace import Direction
from vfgraph.errors import VfgraphError
from vfgraph.services.tracing import Filters, trace


def reached(world: World, iri: str, direction: Direction = Direction.UPSTREAM) -> list[str]:
    return [record_id for _, record_id in trace(world.ledger, iri, direction).ids()]


@pytest.fixture
def chain(world: World) -> WorkedExample:
    return worked_example(world)


def test_tracing_flour_reaches_the_farm_through_the_mill_and_the_truck(
    world: World, chain: WorkedExample
) -> None:
    ids = reached(world, chain.flour)
    for expected in (
        chain.milling,
        chain.mill_grain,
        chain.events["dropoff grain"],
        chain.trip,
        chain.events["pickup grain"],
        chain.events["sale"],
        chain.farm_grain,
        chain.harvest,
        chain.events["water"],
        chain.river_water,
    ):
        assert expected in ids
    assert ids[0] == chain.flour
    assert ids.index(chain.milling) < ids.index(chain.trip) < ids.index(chain.harvest)


def test_the_shared_truck_never_brings_the_other_shippers_goods_into_a_trace(
    world: World, chain: WorkedExample
) -> None:
    ids = reached(world, chain.flour)
    assert chain.apples not in ids
    assert chain.events["pickup apples"] not in ids
    assert chain.events["dropoff apples"] not in ids
    apples_trace = reached(world, chain.apples)
    assert chain.mill_grain not in apples_trace
    assert chain.farm_grain not in apples_trace


def test_track_mirrors_trace(world: World, chain: WorkedExample) -> None:
    upstream = set(reached(world, chain.flour))
    for record in (chain.farm_grain, chain.mill_grain, chain.harvest, chain.events["sale"], chain.trip):
        assert record in upstream
        assert chain.flour in reached(world, record, Direction.DOWNSTREAM)
    downstream_of_apples = reached(world, chain.apples, Direction.DOWNSTREAM)
    assert chain.flour not in downstream_of_apples
    assert chain.events["dropoff apples"] in downstream_of_apples


def test_transfers_carry_a_trace_across_three_organisations(world: World) -> None:
    coop = world.ledger.create(Kind.ORGANIZATION, {"name": "Bakers' Coop"})
    made = world.process("growing")
    _, at_farm = world.ledger.record_event(
        {"action": "produce", "provider": world.farm, "receiver": world.farm, "outputOf": made}
        | {"resourceConformsTo": world.grain, "resourceQuantity": qty("30", world.kg)},
        {"name": "grain"},
    )
    _, at_mill = world.ledger.record_event(
        {
            "action": "transfer",
            "provider": world.farm,
            "receiver": world.mill,
            "resourceInventoriedAs": at_farm,
        }
        | {"resourceQuantity": qty("20", world.kg)},
        {"name": "grain at the mill"},
    )
    _, at_coop = world.ledger.record_event(
        {"action": "transfer", "provider": world.mill, "receiver": coop}
        | {"resourceInventoriedAs": at_mill, "resourceQuantity": qty("5", world.kg)},
        {"name": "grain at the coop"},
    )
    assert at_farm and at_mill and at_coop
    upstream = reached(world, at_coop)
    assert upstream.index(at_coop) < upstream.index(at_mill) < upstream.index(at_farm) < upstream.index(made)
    assert at_coop in reached(world, made, Direction.DOWNSTREAM)


def test_accept_and_modify_follow_only_the_repaired_item(world: World) -> None:
    repair_spec = world.ledger.create(Kind.PROCESS_SPECIFICATION, {"name": "repair"})
    mine, theirs = world.stock("1"), world.stock("1", owner=world.mill)
    repair = world.process("repair bench", based_on=repair_spec)
    for item, owner in ((mine, world.farm), (theirs, world.mill)):
        world.event(
            "accept",
            provider=owner,
            receiver=world.carrier,
            inputOf=repair,
            resourceInventoriedAs=item,
            resourceQuantity=qty("1", world.kg),
        )
    for item, owner in ((mine, world.farm), (theirs, world.mill)):
        world.event(
            "modify",
            provider=world.carrier,
            receiver=owner,
            outputOf=repair,
            resourceInventoriedAs=item,
            resourceQuantity=qty("1", world.kg),
        )
    ids = reached(world, mine)
    assert repair in ids
    assert theirs not in ids


def test_combine_and_separate_follow_only_the_same_resource(world: World) -> None:
    container = world.stock("1", owner=world.carrier)
    a, b = world.stock("2"), world.stock("3", owner=world.mill)
    shipping = world.process("container shipping")
    for item, owner, q in ((a, world.farm, "2"), (b, world.mill, "3")):
        world.event(
            "combine",
            provider=owner,
            receiver=world.carrier,
            inputOf=shipping,
            resourceInventoriedAs=item,
            toResourceInventoriedAs=container,
            resourceQuantity=qty(q, world.kg),
        )
    for item, owner, q in ((a, world.farm, "2"), (b, world.mill, "3")):
        world.event(
            "separate",
            provider=world.carrier,
            receiver=owner,
            outputOf=shipping,
            resourceInventoriedAs=item,
            resourceQuantity=qty(q, world.kg),
        )
    ids = reached(world, a)
    assert shipping in ids
    assert b not in ids
    assert b not in reached(world, a, Direction.DOWNSTREAM)


def test_a_repair_cycle_terminates_and_keeps_causal_order(world: World) -> None:
    repair_spec = world.ledger.create(Kind.PROCESS_SPECIFICATION, {"name": "repair"})
    made_in = world.process("making")
    _, item = world.ledger.record_event(
        {"action": "produce", "provider": world.farm, "receiver": world.farm, "outputOf": made_in}
        | {"resourceConformsTo": world.grain, "resourceQuantity": qty("1", world.kg)},
        {"name": "a machine"},
    )
    assert item is not None
    repairs, modifies = [], []
    for n in range(3):
        p = world.process(f"repair {n}", based_on=repair_spec)
        repairs.append(p)
        world.event("accept", inputOf=p, resourceInventoriedAs=item, resourceQuantity=qty("1", world.kg))
        modifies.append(
            world.event("modify", outputOf=p, resourceInventoriedAs=item, resourceQuantity=qty("1", world.kg))
        )
    ids = reached(world, item)
    positions = [ids.index(m) for m in reversed(modifies)] + [ids.index(made_in)]
    assert positions == sorted(positions), "latest repair first, then earlier ones, then the making"
    assert len(ids) == len(set(ids))
    forward = reached(world, made_in, Direction.DOWNSTREAM)
    assert [forward.index(p) for p in repairs] == sorted(forward.index(p) for p in repairs)


def test_a_walk_beyond_its_depth_says_it_was_truncated(world: World, chain: WorkedExample) -> None:
    short = trace(world.ledger, chain.flour, Direction.UPSTREAM, max_depth=2)
    assert short.truncated
    assert len(list(short.ids())) == 3  # the flour, its produce event, the milling
    assert not trace(world.ledger, chain.flour, Direction.UPSTREAM).truncated
    with pytest.raises(VfgraphError) as e:
        trace(world.ledger, chain.flour, Direction.UPSTREAM, max_depth=10_000)
    assert e.value.code == "BAD_USER_INPUT"


def test_filters_keep_only_the_chosen_actions_and_agents(world: World, chain: WorkedExample) -> None:
    only_production = trace(
        world.ledger,
        chain.flour,
        Direction.UPSTREAM,
        filters=Filters(actions=frozenset({"produce", "consume"})),
    )
    ids = [i for _, i in only_production.ids()]
    assert chain.milling in ids
    assert chain.events["sale"] not in ids  # the transfer is not followed
    by_mill = trace(
        world.ledger, chain.flour, Direction.UPSTREAM, filters=Filters(agents=frozenset({world.mill}))
    )
    assert chain.harvest not in [i for _, i in by_mill.ids()]


def test_a_walk_costs_one_round_trip_per_level_not_per_node(world: World, chain: WorkedExample) -> None:
    w = trace(world.ledger, chain.flour, Direction.UPSTREAM)
    assert w.graph.round_trips <= max(w.depth.values()) + 2
    assert len(w.items) > w.graph.round_trips
