"""The recipe shapes (shapes/recipe_*.ttl) on hand-built views."""

from __future__ import annotations

import pytest
from rdflib import Graph

from tests.unit.test_shapes import PREFIXES, REFERENCES, quantity, shape
from vfgraph.vocab.shacl import ShapesValidator

RECIPE_REFERENCES = """
ex:mill-recipe a vf:RecipeProcess .
ex:bake-recipe a vf:RecipeProcess .
ex:sale a vf:RecipeExchange .
"""


@pytest.fixture(scope="module")
def validator() -> ShapesValidator:
    return ShapesValidator()


def shapes_broken(validator: ShapesValidator, turtle: str) -> set[str]:
    graph = Graph().parse(data=PREFIXES + REFERENCES + RECIPE_REFERENCES + turtle, format="turtle")
    return {v.shape for v in validator.validate(graph)}


FLOW = """
ex:flow a vf:RecipeFlow ; vfg:revisionId "ex:flow@1" ;
    vf:action vf:consume ; vf:resourceConformsTo ex:wheat ; vf:resourceQuantity {q} ;
    vf:recipeInputOf ex:mill-recipe {more} .
"""


def test_a_complete_recipe_flow_conforms(validator: ShapesValidator) -> None:
    more = '; vf:stage ex:milling ; vf:state "clean" ; vf:recipeClauseOf ex:sale'
    assert shapes_broken(validator, FLOW.format(q=quantity("1.25"), more=more)) == set()


def test_a_recipe_flow_is_an_input_or_an_output_not_both(validator: ShapesValidator) -> None:
    turtle = FLOW.format(q=quantity(), more="; vf:recipeOutputOf ex:bake-recipe")
    assert shapes_broken(validator, turtle) == {shape("RecipeFlow-oneSide")}


def test_a_recipe_flow_needs_a_specification_and_a_known_stage(validator: ShapesValidator) -> None:
    turtle = """
ex:flow a vf:RecipeFlow ; vfg:revisionId "ex:flow@1" ; vf:action vf:work ; vf:stage ex:wheat .
"""
    assert shapes_broken(validator, turtle) == {
        shape("RecipeFlow-resourceConformsToRequired"),
        shape("RecipeFlow-stage"),
    }


def test_a_recipe_flow_action_must_be_a_valueflows_term(validator: ShapesValidator) -> None:
    turtle = FLOW.format(q=quantity(), more="").replace("vf:consume", "ex:bake")
    assert shapes_broken(validator, turtle) == {shape("RecipeFlow-action")}


def test_a_recipe_process_needs_a_name_and_a_duration_in_a_known_unit(validator: ShapesValidator) -> None:
    turtle = f"""
ex:p a vf:RecipeProcess ; vfg:revisionId "ex:p@1" ; vf:hasDuration {quantity("3.0", "ex:nowhere")} ;
    vf:processConformsTo ex:milling .
"""
    assert shapes_broken(validator, turtle) == {shape("RecipeProcess-nameRequired"), shape("Measure-hasUnit")}


def test_a_recipe_exchange_needs_a_name(validator: ShapesValidator) -> None:
    turtle = 'ex:x a vf:RecipeExchange ; vfg:revisionId "ex:x@1" ; vf:note "no name" .'
    assert shapes_broken(validator, turtle) == {shape("RecipeExchange-nameRequired")}
