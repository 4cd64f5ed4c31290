"""Sharing an income by a value equation, and what remains of a claim: exact arithmetic in memory."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vfgraph.domain import claims, distribution
from vfgraph.domain.distribution import Bucket
from vfgraph.domain.quantities import Measure
from vfgraph.domain.trace import FlowEvent
from vfgraph.errors import ClaimOverSettled, UnitMismatch
from vfgraph.vocab.ontology import Ontology, load_ontology

EUR, HOUR, MIN = "urn:unit:eur", "urn:unit:h", "urn:unit:min"


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return load_ontology()


def work(ontology: Ontology, n: int, who: str, hours: str, unit: str = HOUR) -> FlowEvent:
    effort = Measure(Decimal(hours), unit)
    return FlowEvent(f"urn:event:{n}", ontology.actions["work"], who, "urn:agent:org", effort=effort)


def bucket(n: int, share: str, weighting: str = "effort", **extra: object) -> Bucket:
    return Bucket(f"urn:bucket:{n}", n, None, Decimal(share), frozenset({"work"}), weighting, **extra)  # type: ignore[arg-type]


def split(buckets: list[Bucket], events: list[FlowEvent], amount: str) -> dict[str, Decimal]:
    picked = distribution.contributions(buckets, events, {})
    d = distribution.distribute("urn:income", Measure(Decimal(amount), EUR), buckets, picked)
    assert sum((p.amount for p in d.parts), Decimal(0)) == d.distributed.value
    assert d.distributed.value + d.undistributed.value == Decimal(amount)
    return {p.agent: p.amount for p in d.parts}


def test_three_equal_workers_share_a_hundred_to_the_cent(ontology: Ontology) -> None:
    events = [work(ontology, n, f"urn:agent:{n}", "1") for n in range(3)]
    parts = split([bucket(0, "1")], events, "100")
    # 33.333... each: the one cent left goes to the first agent in IRI order (equal remainders).
    assert parts == {
        "urn:agent:0": Decimal("33.34"),
        "urn:agent:1": Decimal("33.33"),
        "urn:agent:2": Decimal("33.33"),
    }


def test_fixed_weights_count_events_not_hours(ontology: Ontology) -> None:
    events = [work(ontology, 0, "urn:agent:a", "10"), work(ontology, 1, "urn:agent:b", "1")]
    parts = split([bucket(0, "1", "fixed", fixed_weight=Decimal(1))], events, "10")
    assert parts == {"urn:agent:a": Decimal("5.00"), "urn:agent:b": Decimal("5.00")}


def test_an_income_finer_than_a_cent_is_split_at_its_own_precision(ontology: Ontology) -> None:
    events = [work(ontology, n, f"urn:agent:{n}", "1") for n in range(3)]
    parts = split([bucket(0, "1")], events, "0.001")
    assert sorted(parts.values()) == [Decimal("0"), Decimal("0"), Decimal("0.001")]


def test_hours_and_minutes_in_one_bucket_are_refused(ontology: Ontology) -> None:
    events = [work(ontology, 0, "urn:agent:a", "1"), work(ontology, 1, "urn:agent:b", "30", MIN)]
    with pytest.raises(UnitMismatch):
        distribution.contributions([bucket(0, "1")], events, {})


def test_a_classification_filter_keeps_only_classified_events(ontology: Ontology) -> None:
    events = [work(ontology, 0, "urn:agent:a", "1"), work(ontology, 1, "urn:agent:b", "1")]
    only = bucket(0, "1", classified_as=frozenset({"urn:class:design"}))
    picked = distribution.contributions([only], events, {"urn:event:1": ["urn:class:design"]})
    assert [c.event.provider for c in picked[only.id]] == ["urn:agent:b"]


def test_a_claim_is_finished_when_its_settlements_pay_it_all() -> None:
    t = claims.totals("urn:claim", Measure(Decimal("50"), EUR), [Measure(Decimal("20"), EUR)] * 2)
    assert (t.settled.value, t.remaining.value, t.finished) == (Decimal("40"), Decimal("10"), False)
    assert claims.totals("urn:claim", Measure(Decimal("50"), EUR), [Measure(Decimal("50"), EUR)]).finished
    with pytest.raises(ClaimOverSettled):
        claims.totals("urn:claim", Measure(Decimal("50"), EUR), [Measure(Decimal("51"), EUR)])
    with pytest.raises(UnitMismatch):
        claims.totals("urn:claim", Measure(Decimal("50"), EUR), [Measure(Decimal("5"), HOUR)])
