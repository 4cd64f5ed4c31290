"""A pending event's linked-data description, at its IRI, for the agents who may see it.

It states what the event would be with the ValueFlows properties of an event, but is typed
``vfg:PendingEconomicEvent`` only, never ``vf:EconomicEvent``: no reader of the data may take it for a
recorded event (docs/security.md, "Pending events"). Exports of the graph leave pending events out: they
are not part of the ledger until confirmed.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from vfgraph.domain.fields import field_map
from vfgraph.domain.kinds import Kind
from vfgraph.services.records import current_values
from vfgraph.store.reads import Record
from vfgraph.vocab import views
from vfgraph.vocab.namespaces import VF, VFG


def add_pending(g: Graph, r: Record) -> URIRef:
    fields = field_map(Kind.ECONOMIC_EVENT)
    rels = [{"rel": fields[name].rel, "id": i} for name, ids in r.refs.items() for i in ids]
    values = current_values(Kind.ECONOMIC_EVENT, {"props": r.props, "rels": rels})
    node = views.add_record(g, Kind.ECONOMIC_EVENT, r.id, values, int(r.get("rev") or 1))
    g.remove((node, RDF.type, VF.EconomicEvent))
    g.add((node, RDF.type, VFG.PendingEconomicEvent))
    g.add((node, VFG.requestStatus, Literal(str(r.get("status")))))
    if r.get("rejectionNote"):
        g.add((node, VFG.rejectionNote, Literal(str(r.get("rejectionNote")))))
    for term, name in ((VFG.createdAt, "createdAt"), (VFG.updatedAt, "updatedAt")):
        if r.get(name):
            g.add((node, term, Literal(r.get(name), datatype=XSD.dateTime)))
    return node
