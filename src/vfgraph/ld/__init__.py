"""Linked data: the graph read and written as RDF in the ValueFlows 1.0 vocabulary.

terms.py     the one correspondence between stored fields and RDF terms (from the fields table), the
             JSON-LD context built from it, the namespace rewrite for pre-1.0 documents
formats.py   the RDF formats, their media types, file extensions and HTTP content negotiation
parse.py     reading a file (Turtle, N-Triples, JSON-LD, YAML-LD) into an rdflib graph, offline
records.py   RDF of a stored record (through vocab/views.py) and stated records read back from RDF
writers.py   streaming serialisers: N-Triples, Turtle, JSON-LD (a streamed ``@graph``)
export.py    the whole graph, a set of records, or what a trace or track reaches, streamed in pages
importer.py  validate with the SHACL shapes, reconcile, write a file whole or not at all
reconcile.py stated resource quantities against the events recorded for them
progress.py  a one-line progress bar on a terminal
http.py      the HTTP routes: record descriptions by IRI, /ld/graph, /ld/context.jsonld, /ld/import
"""
