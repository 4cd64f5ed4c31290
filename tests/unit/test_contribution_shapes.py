"""The claim, settlement and value-equation shapes, over hand-built views."""

from __future__ import annotations

import pytest
from rdflib import Graph

from vfgraph.vocab.shacl import ShapesValidator

PREFIXES = """\
@prefix vf:  <https://w3id.org/valueflows/ont/vf#> .
@prefix vfg: <https://w3id.org/vfgraph/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex:  <https://example.org/> .
ex:sale a vf:EconomicEvent .
ex:payment a vf:EconomicEvent .
ex:kg a vf:Unit .
ex:coop a vf:Organization, vf:Agent .
"""


@pytest.fixture(scope="module")
def validator() -> ShapesValidator:
    return ShapesValidator()


def messages(validator: ShapesValidator, turtle: str) -> list[str]:
    return [v.message for v in validator.validate(Graph().parse(data=PREFIXES + turtle, format="turtle"))]


def test_a_claim_against_a_known_event_with_a_measure_conforms(validator: ShapesValidator) -> None:
    assert (
        messages(
            validator,
            """ex:c a vf:Claim ; vfg:revisionId "ex:c@1" ; vf:action vf:transfer ; vf:triggeredBy ex:sale ;
           vf:receiver ex:coop ;
           vf:resourceQuantity [ a vf:Measure ; vf:hasNumericalValue "5"^^xsd:decimal ;
                                 vf:hasUnit ex:kg ] .""",
        )
        == []
    )


def test_a_claim_needs_its_trigger_and_an_action(validator: ShapesValidator) -> None:
    found = messages(validator, 'ex:c a vf:Claim ; vfg:revisionId "ex:c@1" ; vf:resourceQuantity 5 .')
    assert any("needs vf:triggeredBy" in m for m in found)
    assert any("needs a vf:action" in m for m in found)
    assert any("vf:resourceQuantity is at most one vf:Measure" in m for m in found)


def test_a_settlement_links_exactly_one_claim_and_one_event(validator: ShapesValidator) -> None:
    found = messages(validator, 'ex:s a vfg:Settlement ; vfg:revisionId "ex:s@1" ; vfg:settles ex:payment .')
    assert any("vfg:settles is exactly one known vf:Claim" in m for m in found)
    assert any("vfg:settledBy is exactly one" in m for m in found)


def test_a_bucket_needs_a_share_in_range_known_weighting_and_a_fixed_weight_when_fixed(
    validator: ShapesValidator,
) -> None:
    eq = 'ex:q a vfg:ValueEquation ; vfg:revisionId "ex:q@1" ; vfg:name "q" .\n'
    found = messages(
        validator,
        eq
        + """ex:b a vfg:ValueBucket ; vfg:bucketOf ex:q ; vfg:share "-0.1"^^xsd:decimal ;
                  vfg:countsActions vf:work ; vfg:weighting "hours" .""",
    )
    assert any("between 0 and 1" in m for m in found)
    assert any("one of effort, resourceQuantity, fixed" in m for m in found)
    found = messages(
        validator,
        eq
        + """ex:b a vfg:ValueBucket ; vfg:bucketOf ex:q ; vfg:share "0.5"^^xsd:decimal ;
                  vfg:countsActions vf:work ; vfg:weighting "fixed" .""",
    )
    assert found == ["vfg:ValueBucket: a bucket weighted 'fixed' needs a vfg:fixedWeight"]


def test_an_equations_shares_add_up_to_one_at_most(validator: ShapesValidator) -> None:
    eq = 'ex:q a vfg:ValueEquation ; vfg:revisionId "ex:q@1" ; vfg:name "q" .\n'

    def bucket(n: int, share: str) -> str:
        return (
            f'ex:b{n} a vfg:ValueBucket ; vfg:bucketOf ex:q ; vfg:share "{share}"^^xsd:decimal ; '
            'vfg:countsActions vf:work ; vfg:weighting "effort" .\n'
        )

    assert messages(validator, eq + bucket(0, "0.25") + bucket(1, "0.75")) == []
    found = messages(validator, eq + bucket(0, "0.5") + bucket(1, "0.6"))
    assert any("add up to more than 1" in m for m in found)
