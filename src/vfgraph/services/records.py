"""Creating, updating and deleting records other than events (agents, units, specifications, processes,
resources' descriptive fields, agent relationships, the planning records).

A use case that needs more than the generic steps inside the same transaction (the planning layer locks and
recounts commitments, docs/planning.md) passes :class:`Hooks`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from vfgraph.domain import ids
from vfgraph.domain.fields import UPDATABLE, FieldType, field_map
from vfgraph.domain.kinds import Kind
from vfgraph.errors import Immutable, InvalidInput, NotFound, ShaclViolation, StaleRevision
from vfgraph.services import authorization, normalize, thresholds
from vfgraph.store.cypher import write as cypher
from vfgraph.store.driver import Row, Tx
from vfgraph.vocab import views

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger


# (tx, IRI, new values, stored values): new values are empty on delete, stored values empty on create.
Step = Callable[[Tx, str, dict[str, Any], Mapping[str, Any]], None]


@dataclass(frozen=True, slots=True)
class Hooks:
    """Extra steps of one write, run in its transaction: ``prepare`` before the view is built (it may lock,
    refuse, or fill in values), ``written`` after the record is stored (or deleted)."""

    prepare: Step | None = None
    written: Step | None = None


NO_HOOKS = Hooks()


def add_action(ledger: Ledger, kind: Kind, view: Graph, values: Mapping[str, Any]) -> None:
    """Put the action individual's triples in the view of a flow (intent, commitment ...), so that the
    shapes read the action's behaviour as they do for events."""
    if "action" in field_map(kind) and values.get("action"):
        views.add_action(view, ledger.ontology.action_triples(str(values["action"])))


# Kinds whose views need more of the store than the types of the records they name: a function adds it
# to the view and returns the further ids to type (docs/rdf-view.md).
ViewContext = Callable[[Tx, str, Mapping[str, Any], Graph], set[str]]
VIEW_CONTEXT: Mapping[Kind, ViewContext] = {Kind.ALLOCATION: thresholds.allocation_context}


def _context(tx: Tx, kind: Kind, iri: str, values: Mapping[str, Any], view: Graph) -> set[str]:
    add = VIEW_CONTEXT.get(kind)
    return set() if add is None else add(tx, iri, values, view)


def exists(ledger: Ledger, iri: str) -> bool:
    return bool(ledger.store.rows(cypher.RECORD_EXISTS, {"id": iri}))


def now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def validate(ledger: Ledger, tx: Tx, view: Graph, refs: set[str]) -> None:
    """Type the referenced records from the store, then run the shapes; raise on any violation."""
    if refs:
        for row in tx.rows(cypher.LABELS_OF, {"ids": sorted(refs)}):
            views.add_type(view, row["id"], row["labels"])
    violations = ledger.validator.validate(view)
    if violations:
        raise ShaclViolation(violations)


def create(
    ledger: Ledger, kind: Kind, params: Mapping[str, Any], iri: str | None = None, hooks: Hooks = NO_HOOKS
) -> str:
    if kind in (Kind.ECONOMIC_EVENT, Kind.ECONOMIC_RESOURCE):
        raise InvalidInput(f"{kind.value} records are created by recording economic events")
    values = normalize.values_of(kind, params)
    authorization.may_create(ledger, kind, values)
    new_iri = iri or ids.mint(ledger.settings.base_iri, kind)
    return ledger.store.write(lambda tx: insert(ledger, tx, kind, new_iri, values, hooks))


@dataclass(frozen=True, slots=True)
class NewRecord:
    """A record to store with :func:`insert_many`: ``values`` already normalised and authorised."""

    kind: Kind
    iri: str
    values: dict[str, Any]
    hooks: Hooks = NO_HOOKS


def insert(
    ledger: Ledger, tx: Tx, kind: Kind, iri: str, values: dict[str, Any], hooks: Hooks = NO_HOOKS
) -> str:
    """Validate and store a new record inside the caller's transaction."""
    return insert_many(ledger, tx, [NewRecord(kind, iri, values, hooks)])[0]


def insert_many(ledger: Ledger, tx: Tx, new: Sequence[NewRecord]) -> list[str]:
    """Validate several new records together (one view, one SHACL run) and store them in the caller's
    transaction, in the order given (a record may refer to one before it), so that a use case writing
    several records writes them all or none."""
    view = Graph()
    refs: set[str] = set()
    for r in new:
        if r.hooks.prepare is not None:
            r.hooks.prepare(tx, r.iri, r.values, {})
        views.add_record(view, r.kind, r.iri, r.values)
        add_action(ledger, r.kind, view, r.values)
        refs |= normalize.referenced_ids(r.kind, r.values) | _context(tx, r.kind, r.iri, r.values, view)
    validate(ledger, tx, view, refs - {r.iri for r in new})
    stamp = now()
    for r in new:
        props, rels = normalize.properties(r.kind, r.values)
        props.update(id=r.iri, rev=1, createdAt=stamp, updatedAt=stamp)
        props.update(authorization.written_by(ledger, created=True))
        props["involved"] = authorization.involved(r.kind, r.values, ledger.caller)
        props = {k: v for k, v in props.items() if v is not None}
        tx.rows(cypher.CREATE_RECORD[r.kind], {"props": props, "rels": rels})
        if r.hooks.written is not None:
            r.hooks.written(tx, r.iri, r.values, {})
    return [r.iri for r in new]


def current_values(kind: Kind, state: Row) -> dict[str, Any]:
    """The values of a stored record, keyed by field name (the inverse of normalize.properties)."""
    props: Mapping[str, Any] = state["props"]
    out: dict[str, Any] = {}
    by_rel: dict[str, list[str]] = {}
    for r in state["rels"]:
        by_rel.setdefault(r["rel"], []).append(r["id"])
    for name, field in field_map(kind).items():
        if field.rel is not None:
            targets = by_rel.get(field.rel, [])
            if targets:
                out[name] = targets if field.type is FieldType.REFS else targets[0]
        elif field.type is FieldType.MEASURE:
            if props.get(name + "Value") is not None:
                out[name] = {
                    "hasNumericalValue": props[name + "Value"],
                    "hasUnit": props.get(name + "Unit"),
                }
        elif props.get(name) is not None:
            out[name] = props[name]
    return out


def load_state(tx: Tx, kind: Kind, iri: str, rev: int | None) -> Row:
    state = tx.one(cypher.RECORD_STATE, {"id": iri})
    if state is None or kind.value not in state["labels"]:
        raise NotFound(f"no {kind.value} with id {iri}", id=iri)
    current = state["props"].get("rev")
    if rev is not None and current != rev:
        raise StaleRevision(
            f"{iri} is at revision {current}, not {rev}; reload it and try again",
            id=iri,
            currentRevisionId=ids.revision_id(iri, current),
        )
    return state


def update(
    ledger: Ledger,
    kind: Kind,
    params: Mapping[str, Any],
    enrich: Callable[[Graph, Mapping[str, Any]], None] | None = None,
    hooks: Hooks = NO_HOOKS,
) -> str:
    if "revisionId" not in params or not params["revisionId"]:
        raise InvalidInput("revisionId is required to update a record")
    iri, rev = ids.parse_revision_id(str(params["revisionId"]))
    changes = normalize.values_of(kind, params, allowed=UPDATABLE[kind])

    def work(tx: Tx) -> str:
        state = load_state(tx, kind, iri, rev)
        current = current_values(kind, state)
        authorization.may_change(ledger, kind, iri, current, state["props"])
        merged = dict(current)
        merged.update(changes)
        merged = {k: v for k, v in merged.items() if v is not None}
        if hooks.prepare is not None:
            hooks.prepare(tx, iri, merged, current)
            changes.update({k: v for k, v in merged.items() if current.get(k) != v})
        view = Graph()
        views.add_record(view, kind, iri, merged)
        if enrich is not None:
            enrich(view, merged)
        else:
            add_action(ledger, kind, view, merged)
        refs = normalize.referenced_ids(kind, merged) | _context(tx, kind, iri, merged, view)
        validate(ledger, tx, view, refs)
        props, rels = normalize.properties(kind, changes)
        before = state["props"]
        props.update(
            updatedAt=now(),
            previousUpdatedAt=before.get("updatedAt"),
            previousUpdatedBy=before.get("updatedBy"),
            involved=authorization.involved(kind, merged, ledger.caller, before.get("involved") or ()),
        )
        props.update(authorization.written_by(ledger, created=False))
        tx.rows(
            cypher.UPDATE_RECORD[kind],
            {"id": iri, "props": props, "rels": rels, "replace": list(rels)},
        )
        if hooks.written is not None:
            hooks.written(tx, iri, merged, current)
        return iri

    return ledger.store.write(work)


def delete(
    ledger: Ledger, kind: Kind, *, revision_id: str | None, iri: str | None, hooks: Hooks = NO_HOOKS
) -> bool:
    rev: int | None = None
    if revision_id is not None:
        iri, rev = ids.parse_revision_id(revision_id)
    if iri is None:
        raise InvalidInput("a revisionId or an id is required")
    target = iri

    def work(tx: Tx) -> bool:
        state = load_state(tx, kind, target, rev)
        current = current_values(kind, state)
        authorization.may_change(ledger, kind, target, current, state["props"])
        if hooks.prepare is not None:
            hooks.prepare(tx, target, {}, current)
        if state["incoming"]:
            raise Immutable(
                f"{target} is referred to by {state['incoming']} other records and cannot be deleted",
                id=target,
            )
        tx.rows(cypher.DELETE_NODE, {"id": target})
        if hooks.written is not None:
            hooks.written(tx, target, {}, current)
        return True

    return ledger.store.write(work)
