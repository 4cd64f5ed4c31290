"""ValueFlows 1.0 ways of stating links that vfgraph stores differently: inverse properties
(``process vf:hasInput event``), a flow's direct ``vf:fulfills``/``vf:satisfies``/``vf:settles`` and a
proposal's direct ``vf:publishes``/``vf:reciprocal``/``vf:proposedTo``.
On the real Neo4j; every test uses fresh IRIs."""

from __future__ import annotations

from rdflib import Graph
from rdflib.compare import isomorphic

from tests.linked_data import PREFIXES, fresh_base
from tests.neo4j.world import World
from vfgraph.ld import export, formats
from vfgraph.ld.canonical import canonical
from vfgraph.ld.importer import import_data
from vfgraph.ld.terms import link_record_iri

LINKS = "MATCH (n:Record {id: $id})-[r]->(m) RETURN type(r) AS rel, m.id AS to, labels(n) AS labels"


def _event(world: World, iri: str, extra: str = "") -> str:
    return f"""<{iri}> a vf:EconomicEvent ; vf:action vf:work ; vf:provider <{world.farm}> ;
        vf:receiver <{world.mill}> ; vf:hasPointInTime "2030-01-01T00:00:00Z"^^xsd:dateTime ;
        vf:effortQuantity [ vf:hasNumericalValue 2 ; vf:hasUnit <{world.hour}> ] {extra} .
    """


def _links(world: World, iri: str) -> set[tuple[str, str]]:
    return {(r["rel"], r["to"]) for r in world.ledger.store.rows(LINKS, {"id": iri})}


def test_a_process_stating_its_inputs_and_outputs_links_them_as_the_events_would(world: World) -> None:
    base = fresh_base()
    work, process = f"{base}work", f"{base}run"
    text = (
        PREFIXES + _event(world, work) + f'<{process}> a vf:Process ; vf:name "run" ; vf:hasInput <{work}> .'
    )
    report = import_data(world.ledger, text, formats.TURTLE)
    assert report.ok and report.written, report.to_json()
    assert ("INPUT_OF", process) in _links(world, work)
    out = "".join(export.export(world.ledger, formats.TURTLE, iris=[work, process]))
    assert isomorphic(
        canonical(Graph().parse(data=out, format="turtle")),
        canonical(Graph().parse(data=text, format="turtle")),
    )


def test_a_flow_that_fulfils_a_commitment_directly_is_read_as_a_fulfillment(world: World) -> None:
    base = fresh_base()
    work, promise = f"{base}work", f"{base}promise"
    text = PREFIXES + _event(world, work, f"; vf:fulfills <{promise}>")
    for _ in range(2):  # the same statement gives the same record: a second import replaces it
        report = import_data(world.ledger, text, formats.TURTLE)
        assert report.ok and report.written, report.to_json()
        assert report.records == {"EconomicEvent": 1, "Fulfillment": 1}
    fulfillment = link_record_iri(work, "fulfills", promise)
    assert _links(world, fulfillment) == {("FULFILLED_BY", work), ("FULFILLS", promise)}
    assert report.external == [promise]
    out = "".join(export.export(world.ledger, formats.TURTLE, iris=[work, fulfillment]))
    assert isomorphic(
        canonical(Graph().parse(data=out, format="turtle")),
        canonical(Graph().parse(data=text, format="turtle")),
    )


def test_a_fulfillment_record_stating_its_own_field_is_not_read_as_another_link(world: World) -> None:
    base = fresh_base()
    work, promise, record = f"{base}work", f"{base}promise", f"{base}f1"
    # The pre-1.0 form: a vf:Fulfillment with vf:fulfilledBy and vf:fulfills.
    text = PREFIXES + _event(world, work) + f"<{record}> a vf:Fulfillment ; vf:fulfilledBy <{work}> ;"
    text += f" vf:fulfills <{promise}> ."
    report = import_data(world.ledger, text, formats.TURTLE)
    assert report.ok and report.written, report.to_json()
    assert report.records == {"EconomicEvent": 1, "Fulfillment": 1}
    assert _links(world, record) == {("FULFILLED_BY", work), ("FULFILLS", promise)}


def test_fulfills_in_a_yaml_ld_document_of_the_valueflows_examples_form_is_a_fulfillment(
    world: World,
) -> None:
    base = fresh_base()
    work, promise = f"{base}work", f"{base}promise"
    doc = f"""
'@context':
  - '@vocab': https://w3id.org/valueflows/ont/vf#
'@graph':
  - '@id': {work}
    '@type': EconomicEvent
    action: work
    provider: {world.farm}
    receiver: {world.mill}
    hasPointInTime: '2030-01-01T00:00:00Z'
    effortQuantity: {{hasNumericalValue: 2, hasUnit: {world.hour}}}
    fulfills: {promise}
"""
    report = import_data(world.ledger, doc, formats.YAMLLD)
    assert report.ok and report.written, report.to_json()
    assert _links(world, link_record_iri(work, "fulfills", promise)) == {
        ("FULFILLED_BY", work),
        ("FULFILLS", promise),
    }


def test_a_proposal_stating_its_intents_and_recipient_directly_is_read_as_vf_graphql_link_records(
    world: World,
) -> None:
    base = fresh_base()
    offer, grain, price = f"{base}offer", f"{base}grain", f"{base}price"
    text = PREFIXES + (
        f'<{offer}> a vf:Proposal ; vf:name "grain for sale" ; vf:unitBased true ;\n'
        f"    vf:publishes <{grain}> ; vf:reciprocal <{price}> ; vf:proposedTo <{world.mill}> .\n"
        f"<{grain}> a vf:Intent ; vf:action vf:transfer ; vf:provider <{world.farm}> ;\n"
        f"    vf:resourceQuantity [ vf:hasNumericalValue 1 ; vf:hasUnit <{world.kg}> ] .\n"
        f"<{price}> a vf:Intent ; vf:action vf:transfer ; vf:receiver <{world.farm}> .\n"
    )
    report = import_data(world.ledger, text, formats.TURTLE)
    assert report.ok and report.written, report.to_json()
    assert report.records == {"Intent": 2, "Proposal": 1, "ProposedIntent": 2, "ProposedTo": 1}
    primary = link_record_iri(offer, "publishes", grain)
    reciprocal = link_record_iri(offer, "reciprocal", price)
    assert _links(world, primary) == {("PUBLISHED_IN", offer), ("PUBLISHES", grain)}
    assert _links(world, reciprocal) == {("PUBLISHED_IN", offer), ("PUBLISHES", price)}
    flags = world.ledger.store.rows(
        "MATCH (n:ProposedIntent) WHERE n.id IN $ids RETURN n.id AS id, n.reciprocal AS reciprocal",
        {"ids": [primary, reciprocal]},
    )
    assert {r["id"]: r["reciprocal"] for r in flags} == {primary: None, reciprocal: True}
    assert _links(world, link_record_iri(offer, "proposedTo", world.mill)) == {
        ("PROPOSED", offer),
        ("PROPOSED_TO", world.mill),
    }
