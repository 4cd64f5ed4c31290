"""Reading RDF files, offline: Turtle, N-Triples, JSON-LD and YAML-LD into an rdflib graph.

JSON-LD contexts are never fetched. A document's contexts are resolved locally:

- vfgraph's own context (a URL ending in ``/ld/context.jsonld``) is replaced by :data:`terms.CONTEXT`;
- a context entry that declares the ValueFlows namespace (current or pre-1.0) as ``@vocab`` -- the form of
  the ValueFlows specification's examples -- is read with vfgraph's ValueFlows term definitions, so that
  references (``provider: https://...``) are IRIs and times are ``xsd:dateTime`` as the vocabulary defines
  them, not plain strings; in such a document a bare unit name (``hasUnit: kilogram``) is the OM 2 unit of
  that name (``om2:kilogram``), as ValueFlows measures with OM 2;
- any other remote context is refused with an error naming it.

YAML-LD is read with YAML's JSON-compatible core (timestamps stay strings) and then parsed as JSON-LD.
Relative IRIs resolve against a reserved base (:data:`vfgraph.ld.records.RELATIVE_BASE`) so that the
reader can refuse them. Pre-1.0 ValueFlows terms are rewritten to the current namespace.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

import yaml
from rdflib import Graph

from vfgraph.errors import InvalidInput
from vfgraph.ld import terms
from vfgraph.ld.formats import JSONLD, YAMLLD, Format
from vfgraph.ld.records import RELATIVE_BASE
from vfgraph.vocab.namespaces import VF_IRI

_VF_VOCABS = frozenset({VF_IRI, terms.OLD_VF_IRI})
# ValueFlows measures units with OM 2 (http://www.ontology-of-units-of-measure.org/); its examples name them.
OM2_IRI = terms.OM2_IRI
_UNIT_TERMS = frozenset({"hasUnit", "defaultUnitOfResource", "defaultUnitOfEffort", "unitOfEffort"})
_BARE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


class _YamlLoader(yaml.SafeLoader):
    """YAML's safe loader without implicit timestamps: ``2019-04-08T10:00:00-05:00`` stays a string."""


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _local_context(ctx: Any) -> Any:
    if isinstance(ctx, str):
        if ctx.rstrip("/").endswith("/ld/context.jsonld"):
            return dict(terms.CONTEXT)
        raise InvalidInput(
            f"the JSON-LD context {ctx!r} is remote and vfgraph does not fetch contexts; inline it, or use "
            "vfgraph's context (/ld/context.jsonld)"
        )
    if isinstance(ctx, list):
        out: list[Any] = []
        for item in ctx:
            local = _local_context(item)
            out.extend(local if isinstance(local, list) else [local])
        return out
    if isinstance(ctx, dict) and ctx.get("@vocab") in _VF_VOCABS:
        rest = {k: v for k, v in ctx.items() if k != "@vocab"}
        return [dict(terms.CONTEXT), rest] if rest else dict(terms.CONTEXT)
    return ctx


def _localise(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: (_local_context(v) if k == "@context" else _localise(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_localise(item) for item in node]
    return node


def _declares_vf_vocab(ctx: Any) -> bool:
    if isinstance(ctx, list):
        return any(_declares_vf_vocab(item) for item in ctx)
    return isinstance(ctx, dict) and ctx.get("@vocab") in _VF_VOCABS


def _om_units(node: Any) -> Any:
    """Bare unit names (``hasUnit: kilogram``) as the OM 2 units ValueFlows means by them."""
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k in _UNIT_TERMS and isinstance(v, str) and _BARE_NAME.fullmatch(v):
                out[k] = OM2_IRI + v
            else:
                out[k] = _om_units(v)
        return out
    if isinstance(node, list):
        return [_om_units(item) for item in node]
    return node


def json_document(data: bytes | str, fmt: Format) -> Any:
    """The JSON-LD document of a JSON-LD or YAML-LD text, with its contexts made local."""
    try:
        # _YamlLoader is a SafeLoader: it builds no arbitrary objects.
        doc = yaml.load(data, Loader=_YamlLoader) if fmt is YAMLLD else json.loads(data)
    except (yaml.YAMLError, ValueError) as e:
        raise InvalidInput(f"not valid {'YAML' if fmt is YAMLLD else 'JSON'}: {e}") from None
    if isinstance(doc, dict) and _declares_vf_vocab(doc.get("@context")):
        doc = _om_units(doc)
    return _localise(doc)


def parse(data: bytes | str, fmt: Format) -> Graph:
    """The graph of one document in ``fmt``; malformed input raises :class:`InvalidInput`."""
    g = Graph()
    # rdflib logs a traceback for every ill-typed literal (a malformed date); the reader reports them.
    quiet = logging.getLogger("rdflib.term")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        if fmt in (JSONLD, YAMLLD):
            doc = json_document(data, fmt)
            g.parse(data=json.dumps(doc), format="json-ld", base=RELATIVE_BASE)
        else:
            text = data.decode("utf-8") if isinstance(data, bytes) else data
            g.parse(data=text, format=fmt.rdflib, publicID=RELATIVE_BASE)
    except InvalidInput:
        raise
    except Exception as e:  # rdflib raises many unrelated types for syntax errors
        raise InvalidInput(f"not valid {fmt.name}: {e}") from None
    finally:
        quiet.setLevel(level)
    return terms.rewrite_old_namespace(g)
