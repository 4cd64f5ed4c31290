"""The kind table is complete and consistent, and the API derived from it says what the table says."""

from __future__ import annotations

import pytest
from graphql import GraphQLNonNull, GraphQLObjectType, GraphQLSchema, build_schema

from vfgraph.api.model import ENUMS, MIXINS
from vfgraph.api.schema import print_sdl
from vfgraph.domain.filters import FILTERS
from vfgraph.domain.filters import Test as Select
from vfgraph.domain.kinds import Kind
from vfgraph.domain.model import ACTION, AGENT, DURATION, ID, INT, FieldType, Need, upper_snake
from vfgraph.domain.table import INTERFACES, KINDS, UNIONS, related_lists
from vfgraph.store.cypher import filters
from vfgraph.store.cypher.filters import NAMED
from vfgraph.store.cypher.read import PATHS, REVERSE


@pytest.fixture(scope="module")
def schema() -> GraphQLSchema:
    return build_schema(print_sdl())


def _object(schema: GraphQLSchema, name: str) -> GraphQLObjectType:
    t = schema.get_type(name)
    assert isinstance(t, GraphQLObjectType), name
    return t


def _targets() -> set[Kind | str]:
    return set(Kind) | {AGENT} | set(UNIONS)


def test_every_kind_is_described_once() -> None:
    assert set(KINDS) == set(Kind)
    for kind, spec in KINDS.items():
        names = [f.name for f in spec.fields]
        assert len(names) == len(set(names)), kind
        assert spec.kind is kind


def test_every_reference_points_at_a_type_of_the_table() -> None:
    for spec in KINDS.values():
        for f in (*spec.fields, *spec.also):
            if f.refers and f.in_output:
                assert f.target in _targets(), (spec.kind, f.name)
            if f.is_ref and f.source is None:
                assert f.rel is not None


def test_relationship_types_are_the_field_names_in_upper_snake_case_but_two() -> None:
    odd = {
        (k, f.name, f.rel)
        for k, s in KINDS.items()
        for f in s.fields
        if f.is_ref and f.rel != upper_snake(f.name)
    }
    assert odd == {
        (Kind.ALLOCATION, "threshold", "ALLOCATES"),
        (Kind.ALLOCATION, "parent", "PART_OF_ALLOCATION"),
        (Kind.ECONOMIC_RESOURCE, "lot", "OF_BATCH_LOT"),  # vf-graphql's lot is vf:ofBatchLot
    }


def test_nested_lists_follow_fields_of_their_kind_or_a_written_pattern() -> None:
    lists = related_lists()
    for key, r in lists.items():
        if r.empty:
            assert not r.via and not r.path, key
        elif r.path:
            assert key in PATHS, key
        else:
            child = KINDS[r.child if isinstance(r.child, Kind) else min(INTERFACES[AGENT].kinds)]
            fields = {f.name: f for f in child.fields}
            assert r.via and all(fields[v].refers for v in r.via), key
    assert set(PATHS) == {k for k, r in lists.items() if r.path}
    assert set(REVERSE) == {k for k, r in lists.items() if not r.empty}


def test_every_graphql_type_a_field_names_is_known() -> None:
    for spec in KINDS.values():
        for f in spec.fields:
            assert f.gql in (None, ACTION, ID, INT, DURATION, *ENUMS), (spec.kind, f.name)


def test_special_fields_are_those_the_hand_written_types_answer() -> None:
    for spec in KINDS.values():
        mixin = MIXINS.get(spec.type_name)
        answered = set()
        if mixin is not None:
            definition = mixin.__strawberry_definition__  # type: ignore[attr-defined]
            answered = {f.python_name for f in definition.fields} - {
                "rec",
                "id",
                "revision_id",
                "meta",
                "revision",
            }
        wanted = {_snake(n) for n in spec.special}
        assert answered == wanted, spec.kind


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


def test_the_output_type_shows_each_field_as_the_table_says(schema: GraphQLSchema) -> None:
    for spec in KINDS.values():
        t = _object(schema, spec.type_name)
        for f in spec.fields:
            shown = f.name in t.fields
            assert shown == (f.in_output or f.name in spec.special), (spec.kind, f.name)
            if f.in_output:
                assert isinstance(t.fields[f.name].type, GraphQLNonNull) == (f.output is Need.REQUIRED)
        for r in spec.lists:
            assert (r.name in t.fields) == (r.shown or r.name in spec.special), (spec.kind, r.name)
        for name in spec.special:
            assert name in t.fields


def test_inputs_hold_what_a_client_may_give_and_change(schema: GraphQLSchema) -> None:
    for spec in KINDS.values():
        create_name, update_name = spec.input_names
        create, update = schema.get_type(create_name), schema.get_type(update_name)
        if spec.mutation_name("create") is not None and not spec.mutations.flat:  # type: ignore[union-attr]
            assert create is not None, spec.kind
            for f in spec.fields:
                assert (f.name in create.fields) == f.in_create, (spec.kind, f.name)  # type: ignore[union-attr]
                if f.in_create:
                    required = isinstance(create.fields[f.name].type, GraphQLNonNull)  # type: ignore[union-attr]
                    assert required == (f.create is Need.REQUIRED), (spec.kind, f.name)
        if update is not None:
            names = set(update.fields) - {"revisionId"}  # type: ignore[union-attr]
            assert names == {f.name for f in spec.fields if f.in_update}, spec.kind


def test_agents_share_the_agent_interface(schema: GraphQLSchema) -> None:
    interface = schema.get_type(AGENT)
    for kind in INTERFACES[AGENT].kinds:
        t = _object(schema, kind.value)
        assert interface in t.interfaces
        assert set(interface.fields) <= set(t.fields)  # type: ignore[union-attr]


def test_vf_graphql_oddities_are_kept(schema: GraphQLSchema) -> None:
    agent = _object(schema, "Person")
    assert str(agent.fields["claims"].type) == "IntentConnection"
    assert str(agent.fields["claimRecords"].type) == "ClaimConnection"
    response = _object(schema, "PersonResponse")
    assert set(response.fields) == {"agent"}
    mutation = schema.mutation_type
    assert mutation is not None
    assert set(mutation.fields["deleteProcess"].args) == {"id"}
    assert str(mutation.fields["createAgreement"].args["agreement"].type) == "AgreementCreateParams"
    assert str(_object(schema, "AgentRelationshipRoleResponse").fields["agentRelationshipRole"].type) == (
        "AgentRelationshipRole"
    )


def test_stored_field_types_are_the_write_sides() -> None:
    # Only these kinds of value are stored; a new one needs the write side, the view and linked data.
    used = {f.type for s in KINDS.values() for f in s.fields}
    assert used <= set(FieldType)


def _filtered_lists() -> list[tuple[str, Kind | str]]:
    """(filter, the kind or label it filters) for every page and list that takes a filter."""
    out: list[tuple[str, Kind | str]] = [(s.filter, s.kind) for s in KINDS.values() if s.filter]
    out += [(i.filter, i.name) for i in INTERFACES.values() if i.filter]
    out += [(r.filter, r.child) for r in related_lists().values() if r.filter]
    return out


def test_every_filter_reads_fields_the_records_it_filters_have() -> None:
    for name, target in _filtered_lists():
        f = FILTERS[name]
        kind = target if isinstance(target, Kind) else min(INTERFACES[AGENT].kinds)
        fields = {x.name for x in KINDS[kind].fields}
        for c in f.criteria:
            if c.test is Select.NAMED:
                assert f"{name}.{c.name}" in NAMED, (name, c.name)
            elif c.test is Select.REFERS:  # compiled from the field's relationship type
                assert set(c.fields) <= fields, (name, kind, c.name)
            elif c.test in (Select.ONE_OF, Select.SHARES, Select.IS):
                # a property the kind lacks selects nothing: people have no classification
                assert set(c.fields) <= fields or (kind, c.name) == (Kind.PERSON, "classifiedAs")


def test_every_filter_of_the_table_is_taken_somewhere() -> None:
    assert {name for name, _ in _filtered_lists()} == set(FILTERS)


def test_a_filters_criteria_compile_to_parameters_only() -> None:
    criteria = (("providerId", True), ("startDate", True), ("searchString", True))
    where = filters.where("EconomicEventFilterParams", "EconomicEvent", criteria, "n")
    assert "$f_providerId" in where and "$f_startDate" in where and "$f_searchString" in where
    negated = filters.where("ProposalFilterParams", "Proposal", (("active", False),), "n")
    assert negated.startswith("NOT ")
