"""Loads vfgraph's ValueFlows ontology and reads the actions out of it.

The nineteen ValueFlows actions and their behaviour are data in ``ontology/vf.ttl``; nothing in
Python lists them. :func:`load_ontology` parses the ontology files and turns every ``vf:Action``
individual into a :class:`vfgraph.domain.actions.Action`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from vfgraph.domain.actions import Action
from vfgraph.vocab.files import ontology_dir
from vfgraph.vocab.namespaces import VF, VF_IRI

Triple = tuple[URIRef, URIRef, Node]

# Behaviour property local name -> Action field name. The order is the order of Action's fields.
BEHAVIOUR_PROPERTIES: Mapping[str, str] = MappingProxyType(
    {
        "inputOutput": "input_output",
        "pairsWith": "pairs_with",
        "createResource": "create_resource",
        "eventQuantity": "event_quantity",
        "accountingEffect": "accounting_effect",
        "onhandEffect": "onhand_effect",
        "locationEffect": "location_effect",
        "containedEffect": "contained_effect",
        "accountableEffect": "accountable_effect",
        "stageEffect": "stage_effect",
        "stateEffect": "state_effect",
    }
)


class OntologyError(ValueError):
    """The ontology files are missing or do not describe the actions as vfgraph expects."""


@dataclass(frozen=True, slots=True)
class Ontology:
    """The parsed ontology graph and the actions read from it."""

    graph: Graph
    actions: Mapping[str, Action]
    _action_triples: Mapping[str, tuple[Triple, ...]] = field(repr=False, compare=False)

    def action(self, action_id: str) -> Action:
        """The action with this local name (``"produce"``); ``KeyError`` if there is none."""
        return self.actions[action_id]

    def action_triples(self, action_id: str) -> tuple[Triple, ...]:
        """Every triple whose subject is the action individual, as it stands in the ontology.

        The view builder adds these to each economic event's view so that the SHACL shapes can
        read the action's behaviour. ``KeyError`` for an unknown action.
        """
        return self._action_triples[action_id]


def load_ontology(path: Path | None = None) -> Ontology:
    """Parse the ontology and read its actions.

    ``path`` is a Turtle file or a folder whose ``*.ttl`` files are all parsed; by default the
    folder given by :func:`vfgraph.vocab.files.ontology_dir`.
    """
    source = ontology_dir() if path is None else path
    graph = _parse(source)
    actions: dict[str, Action] = {}
    triples: dict[str, tuple[Triple, ...]] = {}
    for subject in sorted(set(graph.subjects(RDF.type, VF.Action)), key=str):
        if not isinstance(subject, URIRef):
            raise OntologyError(f"an action must be an IRI, not {subject!r}")
        action = _read_action(graph, subject)
        actions[action.id] = action
        statements = graph.predicate_objects(subject)
        triples[action.id] = tuple(
            (subject, p, o)
            for p, o in sorted(statements, key=lambda po: (str(po[0]), str(po[1])))
            if isinstance(p, URIRef)
        )
    if not actions:
        raise OntologyError(f"no vf:Action individuals in {source}")
    return Ontology(
        graph=graph,
        actions=MappingProxyType(actions),
        _action_triples=MappingProxyType(triples),
    )


def _parse(source: Path) -> Graph:
    if source.is_dir():
        files = sorted(source.glob("*.ttl"))
        if not files:
            raise OntologyError(f"no .ttl files in {source}")
    elif source.is_file():
        files = [source]
    else:
        raise OntologyError(f"ontology not found: {source}")
    graph = Graph()
    for file in files:
        graph.parse(file, format="turtle")
    return graph


def _local_name(term: Node, where: str) -> str:
    if not isinstance(term, URIRef) or not term.startswith(VF_IRI):
        raise OntologyError(f"{where}: expected a vf: term, found {term!r}")
    return term[len(VF_IRI) :]


def _read_action(graph: Graph, subject: URIRef) -> Action:
    action_id = _local_name(subject, "action")
    behaviour: dict[str, str] = {}
    for prop, field_name in BEHAVIOUR_PROPERTIES.items():
        values = list(graph.objects(subject, VF[prop]))
        if len(values) != 1:
            raise OntologyError(f"vf:{action_id} must have exactly one vf:{prop}, found {len(values)}")
        behaviour[field_name] = _local_name(values[0], f"vf:{action_id} vf:{prop}")
    return Action(id=action_id, label=_label(graph, subject, action_id), **behaviour)


def _label(graph: Graph, subject: URIRef, fallback: str) -> str:
    labels = [o for o in graph.objects(subject, RDFS.label) if isinstance(o, Literal)]
    for preferred in ("en", None):
        for label in labels:
            if label.language == preferred:
                return str(label)
    return str(labels[0]) if labels else fallback
