"""The demo supply chain loads once; loading it again writes nothing."""

from __future__ import annotations

from tests.neo4j.world import COUNT_RECORDS
from vfgraph.services.demo import load_demo
from vfgraph.services.ledger import Ledger


def test_loading_the_demo_twice_writes_nothing_the_second_time(ledger: Ledger) -> None:
    load_demo(ledger)
    before = ledger.store.rows(COUNT_RECORDS)[0]["n"]
    assert "0 records written" in load_demo(ledger)
    assert ledger.store.rows(COUNT_RECORDS)[0]["n"] == before


def test_the_demo_flour_is_the_mills_160_kg(ledger: Ledger) -> None:
    load_demo(ledger)
    flour = ledger.settings.base_iri + "demo/economic-resource/milling-flour"
    rows = ledger.store.rows(
        "MATCH (r:EconomicResource {id: $id})-[:PRIMARY_ACCOUNTABLE]->(a) "
        "RETURN r.accountingQuantityValue AS q, a.name AS owner",
        {"id": flour},
    )
    assert rows == [{"q": "160", "owner": "Stone Mill"}]
