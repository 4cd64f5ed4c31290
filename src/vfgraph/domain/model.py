"""The words of the kind table (:mod:`vfgraph.domain.table`): what a field, a nested list and a kind are.

A kind is described once, as a :class:`KindSpec`: its fields (how each is stored, how it reads in RDF, and
how it shows in the vf-graphql API), the nested lists other records make on it, the output fields whose value
needs hand-written code, its root fields and its mutations. Storage (Cypher), the RDF view, linked-data import
and export, and the whole GraphQL surface are derived from these records; nothing here imports anything but
the kind enum.

Where an output value comes from is always one of four things, which is what a query compiler needs to know:
a node property (a :class:`Field` that is not a reference, or an :attr:`KindSpec.also` value), a record
referred to (a REF/REFS field: an outgoing relationship; or a URI field with a ``target``: a property holding
the record's IRI, as places are kept), a reverse relation (a :class:`Related` list), or a hand-written
resolver (a name in :attr:`KindSpec.special`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum, StrEnum

from vfgraph.domain.kinds import Kind


class FieldType(StrEnum):
    STRING = "string"
    URI = "uri"  # one IRI, stored as a string
    URIS = "uris"  # a list of IRIs
    BOOLEAN = "boolean"
    DECIMAL = "decimal"  # an exact number, stored as its canonical string
    DATETIME = "datetime"
    MEASURE = "measure"  # stored as <name>Value / <name>Unit
    REF = "ref"  # one relationship to another record
    REFS = "refs"  # relationships to several records


class Need(Enum):
    """Whether a field is in a GraphQL input (output) type, and whether it must be given (is non-null)."""

    NO = "no"
    OPTIONAL = "optional"
    REQUIRED = "required"


AGENT = "Agent"
"""The GraphQL interface (and the Neo4j label) every agent kind shares."""

# The GraphQL types a field can have besides the one its FieldType gives (see vfgraph.api.model).
ACTION = "Action"  # a string holding an action's local name; input ID, output the Action from the ontology
ID = "ID"  # an IRI the API types as ID rather than URI
INT = "Int"  # a decimal read back as an integer
DURATION = "Duration"  # a measure whose unit is a time unit; input IDuration


def upper_snake(name: str) -> str:
    """``resourceInventoriedAs`` -> ``RESOURCE_INVENTORIED_AS``: the relationship type of a reference."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a kind: stored as a node property (or ``<name>Value``/``<name>Unit`` for a measure) or
    as relationships of type ``rel``; written in RDF as ``vf:<rdf>`` (``vfg:<rdf>`` when ``vfgraph_term``);
    shown in the API as ``name``."""

    name: str  # the vf-graphql field name, also the node property name
    type: FieldType
    rdf: str  # local name of the RDF property in the view and in linked data
    rel: str | None = None  # relationship type for REF/REFS
    vfgraph_term: bool = False  # the RDF property is in vfgraph's namespace, not ValueFlows'
    # What a REF/REFS points to in the API: a kind's GraphQL type, AGENT, or a union of the table. A URI
    # field with a target keeps the IRI of such a record as a property (it may name a record of another
    # ledger: a place, vf:atLocation); the API reads it as the record, or as one known only by its IRI.
    target: Kind | str | None = None
    create: Need = Need.OPTIONAL  # in the create input
    update: bool = True  # a client may change it (and it is in the update input)
    output: Need = Need.OPTIONAL  # in the output type: nullable, non-null, or not shown
    graphql: bool = True  # False: not in the GraphQL API (kept for the services and linked data)
    derived: bool = False  # kept by the ledger: refused in every input
    gql: str | None = None  # the GraphQL type where the field type's default is not it (ACTION, ID, an enum)
    doc: str | None = None  # the output field's description
    input_doc: str | None = None  # the create input field's description
    update_doc: str | None = None  # the update input field's description
    fallback: str | None = None  # the property the output reads when the field's own is absent
    source: str | None = None  # an output-only value read from another field (KindSpec.also)

    @property
    def is_ref(self) -> bool:
        return self.type in (FieldType.REF, FieldType.REFS)

    @property
    def refers(self) -> bool:
        """True when the value names a record (a relationship, or an IRI property with a target)."""
        return self.is_ref or (self.type is FieldType.URI and self.target is not None)

    @property
    def in_create(self) -> bool:
        return self.graphql and not self.derived and self.create is not Need.NO

    @property
    def in_update(self) -> bool:
        return self.graphql and self.update and not self.derived

    @property
    def in_output(self) -> bool:
        return self.graphql and self.output is not Need.NO


@dataclass(frozen=True, slots=True)
class Related:
    """A nested list or connection on a type: the records that point at it.

    ``via`` names the fields of the ``child`` kind whose relationships point at the parent (any of them);
    ``path`` says the records are reached by a hand-written pattern instead
    (:data:`vfgraph.store.cypher.read.PATHS`, under ``<Type>.<name>``).
    """

    name: str  # the GraphQL field on the parent type
    child: Kind | str  # the kind listed, or AGENT
    via: tuple[str, ...] = ()
    path: bool = False
    page: bool = True  # a Relay connection with its page window; False: a plain list (up to LIST_LIMIT)
    empty: bool = False  # declared by vf-graphql, but nothing of the kind it names is kept: always empty
    shown: bool = True  # False: read by hand-written code only (a special resolver, a root field)
    filter: str | None = None  # the filter input it takes (domain/filters.FILTERS), if any


@dataclass(frozen=True, slots=True)
class Mutations:
    """A kind's create / update / delete mutations (vf-graphql's names unless said otherwise).

    ``None`` for ``create``/``update``/``delete`` leaves the mutation out (or to hand-written code).
    """

    create: str | None = ""  # "" means the default name create<Type>
    update: str | None = ""
    delete: str | None = ""
    arg: str = ""  # the argument of create and update ("" = the type name, lower camel case)
    optional_arg: bool = False  # the input argument may be left out (vf-graphql's createAgreement)
    flat: bool = False  # create takes the create fields as arguments, not one input object
    inputs: str = ""  # prefix of the input type names ("" = the type name): <inputs>CreateParams
    create_input: bool = True  # False: the create input is hand-written with its create mutation
    update_doc: str | None = None  # the update input type's description
    response_field: str = ""  # the field of <Type>Response holding the record ("" = type, lower camel)
    response_nullable: bool = False
    delete_by_id: bool = False  # delete<Type>(id: ID!) instead of (revisionId: ID!)


@dataclass(frozen=True, slots=True)
class KindSpec:
    """Everything about one kind of record; see the module docstring."""

    kind: Kind
    fields: tuple[Field, ...]
    doc: str | None = None
    name: str = ""  # the GraphQL type ("" = the kind's class name; ProductBatch for vf:BatchLotRecord)
    implements: str | None = None  # AGENT for the agent kinds
    # A reference to an IRI no record here describes reads as a record of this kind with its IRI only
    # (places named by other ledgers, docs/graph-model.md); agents read as ExternalAgent the same way.
    external: bool = False
    lists: tuple[Related, ...] = ()
    # Output-only values the ledger stores on the node that are not fields (no input, no RDF).
    also: tuple[Field, ...] = ()
    special: tuple[str, ...] = ()  # output fields resolved by hand-written code (vfgraph.api.types)
    one: str | None = ""  # the root field <type>(id: ID!) ("" = default name, None = none)
    one_required: bool = False  # <type>(id) is non-null (vf-graphql's appreciation): NOT_FOUND if none
    filter: str | None = None  # the filter input <types> takes (domain/filters.FILTERS), if any
    many: str | None = ""  # the root field <types>(first, after, last, before)
    mutations: Mutations | None = field(default_factory=Mutations)

    @property
    def type_name(self) -> str:
        return self.name or self.kind.value

    # The names the defaults above stand for.

    @property
    def one_name(self) -> str | None:
        return lower_first(self.type_name) if self.one == "" else self.one

    @property
    def many_name(self) -> str | None:
        return lower_first(self.type_name) + "s" if self.many == "" else self.many

    def mutation_name(self, verb: str) -> str | None:
        """The name of the ``create``/``update``/``delete`` mutation, or None when there is none."""
        if self.mutations is None:
            return None
        name: str | None = getattr(self.mutations, verb)
        return f"{verb}{self.type_name}" if name == "" else name

    @property
    def argument_name(self) -> str:
        m = self.mutations
        return (m.arg if m is not None and m.arg else "") or lower_first(self.type_name)

    @property
    def input_names(self) -> tuple[str, str]:
        """The create and update input types, ``<Type>CreateParams`` and ``<Type>UpdateParams``."""
        prefix = (self.mutations.inputs if self.mutations is not None else "") or self.type_name
        return f"{prefix}CreateParams", f"{prefix}UpdateParams"

    @property
    def response_field(self) -> str:
        m = self.mutations
        return (m.response_field if m is not None else "") or lower_first(self.type_name)


@dataclass(frozen=True, slots=True)
class InterfaceSpec:
    """A GraphQL interface several kinds implement (Agent); its fields are those all its kinds show."""

    name: str
    kinds: frozenset[Kind]
    lists: tuple[Related, ...] = ()
    one: str | None = None
    many: str | None = None
    filter: str | None = None


def lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]
