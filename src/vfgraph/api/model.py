"""The vf-graphql surface of every record kind, derived from the kind table (:mod:`vfgraph.domain.table`).

For each kind, at import: the object type (its fields read from the stored record, its references loaded
through the request's DataLoaders, its nested lists and connections along the table's reverse relations), the
create and update inputs, the ``<Type>Response`` type, the root fields ``<type>(id)`` and ``<types>(first,
after, last, before)``, and the create / update / delete mutations, which write through the ledger and read
the record back. The Agent interface is made the same way from the agent kinds, and ExternalAgent
(an agent known only by its IRI) implements it.

What the table cannot say is hand-written: the ``special`` fields of a kind come from a strawberry type in
``api/types`` that the derived type inherits from (:data:`MIXINS`), and whole mutations that are not
create / update / delete of one record (createEconomicEvent, createValueEquation, ...) stay in their modules.

Why at import rather than generated source: the contract a reviewer reads is the printed schema
(``tests/unit/snapshots/schema.graphql``) and ``make conformance``; the derivation is one readable module
instead of a few thousand generated lines, and a change to the table shows up in the snapshot diff. Types
built here are ``Any`` to mypy; hand-written code reaches them through :mod:`vfgraph.api.nodes`.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Optional

import strawberry
from strawberry.utils.str_converters import to_camel_case

from vfgraph.api.context import (
    Info,
    Node,
    connection_field,
    empty_connection_field,
    list_field,
    load_many,
    load_one,
    page_field,
    record_field,
)
from vfgraph.api.inputs import UNSET, IDuration, IMeasure, to_params
from vfgraph.api.nodes import (
    EXTERNAL_AGENT,
    KIND_TYPES,
    TYPES,
    UNION_ANNOTATIONS,
    external_agent,
    known_by_iri,
    node,
    ref,
)
from vfgraph.api.scalars import URI, as_datetime, as_decimal, as_uri, as_uris
from vfgraph.api.types.action import Action
from vfgraph.api.types.contributions import (
    DistributeAs,
    ValueBucketFields,
    ValueEquationFields,
    ValueWeighting,
)
from vfgraph.api.types.history import Recorded
from vfgraph.api.types.measurement import Measure
from vfgraph.api.types.observation import EconomicEventFields, EconomicResourceFields
from vfgraph.api.types.plan import PlanFields
from vfgraph.api.types.planning import CommitmentFields, IntentFields
from vfgraph.api.types.process import ProcessFields
from vfgraph.api.types.proposal import ProposalFields
from vfgraph.api.types.recipe import DurationFields
from vfgraph.api.types.thresholds import ThresholdType
from vfgraph.api.writes import read_back, write
from vfgraph.domain.filters import FILTERS, Filter
from vfgraph.domain.kinds import Kind
from vfgraph.domain.model import (
    ACTION,
    AGENT,
    DURATION,
    ID,
    INT,
    Field,
    FieldType,
    InterfaceSpec,
    KindSpec,
    Need,
    Related,
)
from vfgraph.domain.table import INTERFACES, KINDS, UNIONS
from vfgraph.errors import InvalidInput, NotFound
from vfgraph.store.reads import Record

# The enums the table's fields name (Field.gql), and the hand-written fields of each type (KindSpec.special).
ENUMS: dict[str, type[Enum]] = {
    "ThresholdType": ThresholdType,
    "ValueWeighting": ValueWeighting,
    "DistributeAs": DistributeAs,
}
MIXINS: dict[str, type] = {
    "EconomicEvent": EconomicEventFields,
    "EconomicResource": EconomicResourceFields,
    "Process": ProcessFields,
    "Intent": IntentFields,
    "Commitment": CommitmentFields,
    "Proposal": ProposalFields,
    "Plan": PlanFields,
    "RecipeProcess": DurationFields,
    "ScenarioDefinition": DurationFields,
    "ValueEquation": ValueEquationFields,
    "ValueBucket": ValueBucketFields,
}

INPUTS: dict[str, type] = {}
"""The derived input types by GraphQL name (create, update and filter inputs)."""


def python_name(name: str) -> str:
    """The attribute strawberry names ``name`` (``hasPointInTime`` is ``has_point_in_time``)."""
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
    if to_camel_case(snake) != name:
        raise ValueError(f"{name!r} does not survive strawberry's camel casing")
    return snake


def _label(target: Kind | str) -> str:
    """The Neo4j label of a target (a kind's class name, or Agent)."""
    return target.value if isinstance(target, Kind) else target


def _type_name(target: Kind | str) -> str:
    """The GraphQL type of a target (a kind's type, Agent, or a union)."""
    return KINDS[target].type_name if isinstance(target, Kind) else target


# -- output fields ---------------------------------------------------------------------------------------


def _scalar(f: Field) -> tuple[Any, Callable[[Any, Record, Info], Any]]:
    """The output annotation of a property field (without nullability) and how a stored value becomes it."""
    t, gql = f.type, f.gql
    required = f.output is Need.REQUIRED
    if gql == ACTION:
        if required:
            return Action, lambda v, _r, info: Action.of(info.context.action(str(v)))

        def action_or_none(v: Any, _r: Record, info: Info) -> Action | None:
            # vf-graphql types a resource's state as an Action (pass, fail); other states have none.
            action = info.context.ledger.actions.get(str(v)) if v is not None else None
            return Action.of(action) if action else None

        return Action, action_or_none
    if gql in ENUMS:
        enum = ENUMS[gql]
        return enum, lambda v, _r, _i: None if v is None else enum(v)
    if t is FieldType.MEASURE:
        return Measure, lambda _v, r, _i: Measure.of(r, f.name)
    if t is FieldType.STRING:
        if required:
            return str, lambda v, _r, _i: str(v or "")
        return str, lambda v, _r, _i: v
    if t is FieldType.URI:
        return URI, lambda v, _r, _i: as_uri(v)
    if t is FieldType.URIS:
        return list[URI], lambda v, _r, _i: as_uris(v)
    if t is FieldType.BOOLEAN:
        return bool, lambda v, _r, _i: None if v is None else bool(v)
    if t is FieldType.DATETIME:
        return datetime, lambda v, _r, _i: as_datetime(v)
    if t is FieldType.DECIMAL and gql == INT:
        return int, lambda v, _r, _i: int(Decimal(v or 0))
    if t is FieldType.DECIMAL:
        if required:
            return Decimal, lambda v, _r, _i: as_decimal(v or 0)
        return Decimal, lambda v, _r, _i: None if v is None else as_decimal(v)
    raise AssertionError(f"{f.name}: no output for {t}")


def _property_field(f: Field) -> Any:
    annotation, convert = _scalar(f)
    name, fallback = f.source or f.name, f.fallback

    def resolve(root: Node, info: Info) -> Any:
        value = root.rec.get(name)
        if value is None and fallback is not None:
            value = root.rec.get(fallback)
        return convert(value, root.rec, info)

    resolve.__annotations__["return"] = annotation if f.output is Need.REQUIRED else Optional[annotation]  # noqa: UP045
    return strawberry.field(resolver=resolve, description=f.doc)


def _labels(target: Kind | str) -> list[str]:
    """The labels a reference to ``target`` is read with (one for a union of agent kinds: Agent)."""
    members = UNIONS.get(target) if isinstance(target, str) else None
    if members is None:
        return [_label(target)]
    return [AGENT] if all(k.is_agent for k in members) else [k.value for k in members]


async def _load_target(info: Info, target: Kind | str, record_id: str, external: bool) -> Any:
    """The API object a reference points to: a record of the target type or a member of the target union;
    for an IRI no record here describes, an external agent or a record of an ``external`` kind known by
    its IRI only (imported references, places: docs/graph-model.md)."""
    members = UNIONS.get(target) if isinstance(target, str) else None
    for label in _labels(target):
        r = await load_one(info, label, record_id)
        if r is not None and (members is None or r.kind in members):
            return node(r)
    if not external:
        return None
    if target == AGENT:
        return external_agent(record_id)
    if isinstance(target, Kind) and KINDS[target].external:
        return known_by_iri(target, record_id)
    return None


def _ref_field(owner: str, f: Field) -> Any:
    assert f.target is not None
    target = f.target
    name = f.source or f.name
    required = f.output is Need.REQUIRED
    by_property = f.type is FieldType.URI  # a property holding the IRI (places)
    # An agent IRI no record describes is an external agent (imported references, docs/linked-data.md);
    # an output reading another field's relationship as one of its possible types is null instead.
    external = f.source is None

    async def resolve(root: Node, info: Info) -> Any:
        target_id = root.rec.get(name) if by_property else root.rec.ref(name)
        found = None if target_id is None else await _load_target(info, target, str(target_id), external)
        if found is None and required:
            raise NotFound(f"the {f.name} of {owner} {root.rec.id} cannot be read", id=root.rec.id)
        return found

    annotation = UNION_ANNOTATIONS.get(_type_name(target)) or ref(_type_name(target))
    resolve.__annotations__["return"] = annotation if required else Optional[annotation]  # noqa: UP045
    return strawberry.field(resolver=resolve, description=f.doc)


def _refs_field(f: Field) -> Any:
    assert f.target is not None
    target = f.target
    members = UNIONS.get(target) if isinstance(target, str) else None
    (label,) = _labels(target)  # lists of references point at one label (a kind, or Agent)

    async def resolve(root: Node, info: Info) -> Any:
        records = await load_many(info, label, root.rec.ref_list(f.name))
        return [node(r) for r in records if members is None or r.kind in members]

    item = UNION_ANNOTATIONS.get(_type_name(target)) or ref(_type_name(target))
    annotation = list[item]  # type: ignore[valid-type]
    resolve.__annotations__["return"] = annotation if f.output is Need.REQUIRED else Optional[annotation]  # noqa: UP045
    return strawberry.field(resolver=resolve, description=f.doc)


def _output_field(owner: str, f: Field) -> Any:
    if f.type is FieldType.REF or (f.type is FieldType.URI and f.target is not None):
        return _ref_field(owner, f)
    if f.type is FieldType.REFS:
        return _refs_field(f)
    return _property_field(f)


def _related_field(owner: str, r: Related) -> Any:
    child = ref(_type_name(r.child))
    if r.empty:
        return empty_connection_field(child)
    key = f"{owner}.{r.name}"
    where = (FILTERS[r.filter], INPUTS[r.filter]) if r.filter else (None, None)
    return connection_field(key, child, node, *where) if r.page else list_field(key, child, node, *where)


def _fields(owner: str, fields: Iterable[Field], lists: Iterable[Related]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields:
        if f.in_output:
            out[python_name(f.name)] = _output_field(owner, f)
    for r in lists:
        if r.shown:
            out[python_name(r.name)] = _related_field(owner, r)
    return out


def _object(
    name: str, bases: tuple[type, ...], fields: dict[str, Any], doc: str | None, *, interface: bool = False
) -> type:
    cls = type(name, bases, {"__module__": __name__, "__annotations__": {}, **fields})
    made: type = (strawberry.interface if interface else strawberry.type)(cls, description=doc)
    TYPES[name] = made
    globals()[name] = made
    return made


def _interface(spec: InterfaceSpec) -> type:
    shared = _shown(spec.name)
    fields = [f for f in KINDS[min(spec.kinds)].fields if f.name in shared]
    return _object(spec.name, (Recorded,), _fields(spec.name, fields, spec.lists), None, interface=True)


def _kind_type(spec: KindSpec) -> type:
    name = spec.type_name
    base: tuple[type, ...] = (MIXINS[name],) if name in MIXINS else ()
    fields = list(spec.fields) + list(spec.also)
    if spec.implements is not None:
        inherited = _shown(spec.implements)
        fields = [f for f in fields if f.name not in inherited]
        base = (*base, TYPES[spec.implements])
    elif not base:
        base = (Recorded,)
    made = _object(name, base, _fields(name, fields, spec.lists), spec.doc)
    KIND_TYPES[spec.kind] = made
    return made


def _shown(interface: str) -> set[str]:
    """The output fields an interface has: those every kind implementing it shows."""
    members = [KINDS[k] for k in INTERFACES[interface].kinds]
    return set.intersection(*({f.name for f in m.fields if f.in_output} for m in members))


# -- inputs ----------------------------------------------------------------------------------------------


def _input_annotation(f: Field) -> Any:
    t, gql = f.type, f.gql
    if gql in (ACTION, ID) or (t is FieldType.URI and f.target is not None):
        return strawberry.ID
    if gql in ENUMS:
        return ENUMS[gql]
    if gql == DURATION:
        return IDuration
    simple: dict[FieldType, Any] = {
        FieldType.STRING: str,
        FieldType.URI: URI,
        FieldType.URIS: list[URI],
        FieldType.BOOLEAN: bool,
        FieldType.DECIMAL: Decimal,
        FieldType.DATETIME: datetime,
        FieldType.MEASURE: IMeasure,
        FieldType.REF: strawberry.ID,
        FieldType.REFS: list[strawberry.ID],
    }
    return simple[t]


def _input(name: str, fields: Iterable[Field], *, update: bool, doc: str | None = None) -> type:
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__module__": __name__}
    if update:
        annotations["revision_id"] = strawberry.ID
    for f in fields:
        attr = python_name(f.name)
        t = _input_annotation(f)
        described = f.update_doc if update else f.input_doc
        if not update and f.create is Need.REQUIRED:
            annotations[attr] = t
            if described:
                namespace[attr] = strawberry.field(description=described)
        else:
            annotations[attr] = Optional[t]  # noqa: UP045
            namespace[attr] = strawberry.field(default=UNSET, description=described) if described else UNSET
    namespace["__annotations__"] = annotations
    made: type = strawberry.input(type(name, (), namespace), description=doc)
    INPUTS[name] = made
    globals()[name] = made
    return made


_CRITERIA: dict[str, Any] = {
    "[ID!]": list[strawberry.ID],
    "[URI!]": list[URI],
    "ID": strawberry.ID,
    "URI": URI,
    "Boolean": bool,
    "DateTime": datetime,
    "String": str,
    "Int": int,
}


def _filter_input(f: Filter) -> type:
    """The input type of a filter of vf-graphql's filtering module (domain/filters.py)."""
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__module__": __name__}
    for c in f.criteria:
        if not c.shown:
            continue
        attr = python_name(c.name)
        annotations[attr] = Optional[_CRITERIA[c.gql]]  # noqa: UP045 - built at run time
        namespace[attr] = strawberry.field(default=UNSET, description=c.doc) if c.doc else UNSET
    namespace["__annotations__"] = annotations
    made: type = strawberry.input(type(f.name, (), namespace), name=f.name, description=f.doc)
    INPUTS[f.name] = made
    return made


# -- root fields and mutations ---------------------------------------------------------------------------


NO_DEFAULT = inspect.Parameter.empty


def _resolver(fn: Callable[..., Any], params: list[tuple[str, Any, Any]], returns: Any) -> Callable[..., Any]:
    """``fn(info, **given)`` with the signature ``(info, <name>: <annotation> = <default>, ...) -> returns``,
    from which strawberry reads the field's arguments."""
    out = [inspect.Parameter("info", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Info)]
    for name, annotation, default in params:
        kind = inspect.Parameter.KEYWORD_ONLY
        out.append(inspect.Parameter(name, kind, annotation=annotation, default=default))
    fn.__signature__ = inspect.Signature(out, return_annotation=returns)  # type: ignore[attr-defined]
    return fn


def _inputs(spec: KindSpec) -> tuple[type | None, type | None]:
    """The kind's create and update inputs. They exist where the mutation is hand-written too
    (createEconomicEvent takes EconomicEventCreateParams and EconomicResourceCreateParams); the schema has
    those it reaches."""
    m = spec.mutations
    assert m is not None
    creatable = [f for f in spec.fields if f.in_create]
    editable = [f for f in spec.fields if f.in_update]
    create_name, update_name = spec.input_names
    create = _input(create_name, creatable, update=False) if m.create_input and creatable else None
    update = _input(update_name, editable, update=True, doc=m.update_doc) if editable else None
    return create, update


def _response(spec: KindSpec) -> type:
    """``<Type>Response``: the record a mutation wrote (vf-graphql's shape)."""
    assert spec.mutations is not None
    annotation = ref(spec.type_name)
    if spec.mutations.response_nullable:
        annotation = Optional[annotation]  # noqa: UP045 - built at run time
    namespace = {"__module__": __name__, "__annotations__": {python_name(spec.response_field): annotation}}
    made: type = strawberry.type(type(f"{spec.type_name}Response", (), namespace))
    globals()[f"{spec.type_name}Response"] = made
    return made


def _mutations(spec: KindSpec) -> dict[str, Any]:
    """The create / update / delete mutations of one kind: inputs become plain parameters, the ledger
    writes in one transaction, the record is read back."""
    m, kind = spec.mutations, spec.kind
    assert m is not None
    create_input, update_input = _inputs(spec)
    response = _response(spec)
    field, arg = python_name(spec.response_field), python_name(spec.argument_name)
    out: dict[str, Any] = {}

    async def written(info: Info, iri: str) -> Any:
        return response(**{field: await read_back(info, kind, iri)})

    def argument(input_type: type | None) -> list[tuple[str, Any, Any]]:
        assert input_type is not None
        if m.optional_arg:
            return [(arg, Optional[input_type], None)]  # noqa: UP045 - built at run time
        return [(arg, input_type, NO_DEFAULT)]

    if (name := spec.mutation_name("create")) is not None:
        if m.flat:  # the create fields are the arguments (vf-graphql's proposeIntent, proposeTo)

            async def create_flat(info: Info, **given: Any) -> Any:
                params = {to_camel_case(k): v for k, v in given.items() if v is not None}
                return await written(info, await write(info, info.context.ledger.create, kind, params))

            flat = [_flat_argument(f) for f in spec.fields if f.in_create]
            out[name] = _resolver(create_flat, flat, response)
        else:

            async def create(info: Info, **given: Any) -> Any:
                params = {} if given[arg] is None else to_params(given[arg])
                return await written(info, await write(info, info.context.ledger.create, kind, params))

            out[name] = _resolver(create, argument(create_input), response)

    if (name := spec.mutation_name("update")) is not None:
        update_name = name

        async def update(info: Info, **given: Any) -> Any:
            if given[arg] is None:
                raise InvalidInput(f"{update_name} needs {spec.argument_name} with its revisionId")
            params = to_params(given[arg])
            return await written(info, await write(info, info.context.ledger.update, kind, params))

        out[name] = _resolver(update, argument(update_input), response)

    if (name := spec.mutation_name("delete")) is not None:
        by = "id" if m.delete_by_id else "revision_id"

        async def delete(info: Info, **given: Any) -> bool:
            target = {"iri" if m.delete_by_id else "revision_id": str(given[by])}
            return await write(info, info.context.ledger.delete, kind, **target)

        out[name] = _resolver(delete, [(by, strawberry.ID, NO_DEFAULT)], bool)
    return {python_name(n): strawberry.mutation(resolver=fn) for n, fn in out.items()}


def _flat_argument(f: Field) -> tuple[str, Any, Any]:
    t = _input_annotation(f)
    if f.create is Need.REQUIRED:
        return python_name(f.name), t, NO_DEFAULT
    return python_name(f.name), Optional[t], None  # noqa: UP045 - built at run time


def _root_fields(
    type_name: str,
    label: str,
    one: str | None,
    many: str | None,
    one_required: bool = False,
    filter: str | None = None,
) -> dict[str, Any]:
    """``<type>(id: ID!)`` and ``<types>(first, after, last, before[, filter])``."""
    out: dict[str, Any] = {}
    if one is not None:
        out[python_name(one)] = record_field(label, ref(type_name), node, required=one_required)
    if many is not None:
        where = (FILTERS[filter], INPUTS[filter]) if filter else (None, None)
        out[python_name(many)] = page_field(label, ref(type_name), node, *where)
    return out


def _root(name: str, fields: dict[str, Any]) -> type:
    made: type = strawberry.type(type(name, (), {"__module__": __name__, "__annotations__": {}, **fields}))
    return made


def _build() -> tuple[type, type]:
    for f in FILTERS.values():
        _filter_input(f)
    for interface in INTERFACES.values():
        _interface(interface)
    # An agent known only by its IRI implements the interface with nothing of its own.
    _object(EXTERNAL_AGENT, (TYPES[AGENT],), {}, None)
    for spec in KINDS.values():
        _kind_type(spec)

    queries: dict[str, Any] = {}
    mutations: dict[str, Any] = {}
    for interface in INTERFACES.values():
        queries |= _root_fields(
            interface.name, interface.name, interface.one, interface.many, filter=interface.filter
        )
    for spec in KINDS.values():
        t, label = spec.type_name, spec.kind.value
        queries |= _root_fields(t, label, spec.one_name, spec.many_name, spec.one_required, spec.filter)
        if spec.mutations is not None:
            mutations |= _mutations(spec)
    return _root("KindQuery", queries), _root("KindMutation", mutations)


KindQuery, KindMutation = _build()
"""Every kind's root fields and mutations, merged into Query and Mutation by :mod:`vfgraph.api.schema`."""
