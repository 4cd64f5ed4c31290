"""Settings: the only module that reads the environment.

Every knob is an environment variable with a ``VFGRAPH_`` prefix; :meth:`Settings.from_env` reads them
once and the rest of the code receives the frozen result.

=============================  =================================================  ==========================
variable                       meaning                                            default
=============================  =================================================  ==========================
VFGRAPH_NEO4J_URI              Bolt URI of an existing Neo4j (``neo4j://...``);    unset: the project starts
                               when set, vfgraph starts no server of its own       its own on 127.0.0.1
VFGRAPH_NEO4J_USER             Neo4j user                                         ``neo4j``
VFGRAPH_NEO4J_PASSWORD         Neo4j password                                     generated once, kept in
                                                                                  ``.neo4j/password``
VFGRAPH_NEO4J_DATABASE         database name                                      ``neo4j``
VFGRAPH_NEO4J_BOLT_PORT        Bolt port of the project's own server              ``7687``
VFGRAPH_NEO4J_HOME             folder of the project's own server                 ``<repo>/.neo4j``
VFGRAPH_NEO4J_HEAP             heap of the project's own server                   ``2g``
VFGRAPH_NEO4J_PAGECACHE        page cache of the project's own server             ``2g``
VFGRAPH_BASE_IRI               base IRI for new records                           ``http://127.0.0.1:8000/id/``
VFGRAPH_HOST, VFGRAPH_PORT     where the API listens                              ``127.0.0.1``, ``8000``
VFGRAPH_MAX_PAGE_SIZE          hard maximum of ``first``/``last``                 ``100``
VFGRAPH_DEFAULT_PAGE_SIZE      page size when a client gives none                 ``20``
VFGRAPH_ONTOLOGY_DIR           folder of vf.ttl and vfgraph.ttl                   ``<repo>/ontology``
VFGRAPH_SHAPES_DIR             folder of the SHACL shapes                         ``<repo>/shapes``
VFGRAPH_TRACE_DEFAULT_DEPTH    steps a trace/track walks when not told             ``60``
VFGRAPH_TRACE_MAX_DEPTH        hard maximum of maxDepth                           ``400``
VFGRAPH_TRACE_MAX_NODES        states a walk may reach before it is truncated     ``20000``
VFGRAPH_MODE                   ``development`` or ``production``: in production   ``development``
                               only authenticated callers may introspect
VFGRAPH_MAX_QUERY_DEPTH        deepest nesting of selections in an operation      ``15``
VFGRAPH_MAX_ALIASES            aliased fields in one document                     ``30``
VFGRAPH_MAX_TOKENS             tokens in one document (parsing stops past it)     ``5000``
VFGRAPH_MAX_QUERY_COST         estimated cost of one operation (docs/security.md) ``10000``
VFGRAPH_REQUEST_DEADLINE       seconds a GraphQL request (and each of its Neo4j    ``10``
                               transactions) may run
VFGRAPH_RATE_LIMIT             cost units per key (per client address when        ``120000``
                               anonymous) per minute; ``0`` turns it off
VFGRAPH_MAX_SUBSCRIPTIONS      operations open at once on one WebSocket           ``10``
                               (docs/signals.md)
VFGRAPH_SHACL_ENGINE           ``turbo`` (pyshacl-turbo, Rust) or ``pyshacl``     ``turbo``
                               (the reference engine, slower; vocab/shacl.py)
=============================  =================================================  ==========================
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True, slots=True)
class Settings:
    neo4j_uri: str
    neo4j_user: str
    neo4j_password: str | None
    neo4j_database: str
    neo4j_external: bool
    neo4j_bolt_port: int
    neo4j_home: Path
    neo4j_heap: str
    neo4j_pagecache: str
    base_iri: str
    host: str
    port: int
    max_page_size: int
    default_page_size: int
    ontology_dir: Path
    shapes_dir: Path
    trace_default_depth: int
    trace_max_depth: int
    trace_max_nodes: int
    # Limits of the GraphQL API (docs/security.md); defaults here so that tests can build Settings directly.
    mode: str = "development"
    max_query_depth: int = 15
    max_aliases: int = 30
    max_tokens: int = 5000
    max_query_cost: int = 10000
    request_deadline: float = 10.0
    rate_limit: int = 120000
    max_subscriptions: int = 10
    shacl_engine: str = "turbo"

    @property
    def production(self) -> bool:
        return self.mode == "production"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the settings from ``env`` (default: the process environment)."""
        e = os.environ if env is None else env
        port = int(e.get("VFGRAPH_NEO4J_BOLT_PORT", "7687"))
        home = Path(e.get("VFGRAPH_NEO4J_HOME", str(REPO_ROOT / ".neo4j"))).resolve()
        uri = e.get("VFGRAPH_NEO4J_URI", "")
        password = e.get("VFGRAPH_NEO4J_PASSWORD") or None
        if password is None and not uri:
            stored = home / "password"
            if stored.exists():
                password = stored.read_text().strip()
        base_iri = e.get("VFGRAPH_BASE_IRI", "http://127.0.0.1:8000/id/")
        if not base_iri.endswith(("/", "#")):
            base_iri += "/"
        return cls(
            neo4j_uri=uri or f"bolt://127.0.0.1:{port}",
            neo4j_user=e.get("VFGRAPH_NEO4J_USER", "neo4j"),
            neo4j_password=password,
            neo4j_database=e.get("VFGRAPH_NEO4J_DATABASE", "neo4j"),
            neo4j_external=bool(uri),
            neo4j_bolt_port=port,
            neo4j_home=home,
            neo4j_heap=e.get("VFGRAPH_NEO4J_HEAP", "2g"),
            neo4j_pagecache=e.get("VFGRAPH_NEO4J_PAGECACHE", "2g"),
            base_iri=base_iri,
            host=e.get("VFGRAPH_HOST", "127.0.0.1"),
            port=int(e.get("VFGRAPH_PORT", "8000")),
            max_page_size=int(e.get("VFGRAPH_MAX_PAGE_SIZE", "100")),
            default_page_size=int(e.get("VFGRAPH_DEFAULT_PAGE_SIZE", "20")),
            ontology_dir=Path(e.get("VFGRAPH_ONTOLOGY_DIR", str(REPO_ROOT / "ontology"))),
            shapes_dir=Path(e.get("VFGRAPH_SHAPES_DIR", str(REPO_ROOT / "shapes"))),
            trace_default_depth=int(e.get("VFGRAPH_TRACE_DEFAULT_DEPTH", "60")),
            trace_max_depth=int(e.get("VFGRAPH_TRACE_MAX_DEPTH", "400")),
            trace_max_nodes=int(e.get("VFGRAPH_TRACE_MAX_NODES", "20000")),
            mode=_mode(e.get("VFGRAPH_MODE", "development")),
            max_query_depth=int(e.get("VFGRAPH_MAX_QUERY_DEPTH", "15")),
            max_aliases=int(e.get("VFGRAPH_MAX_ALIASES", "30")),
            max_tokens=int(e.get("VFGRAPH_MAX_TOKENS", "5000")),
            max_query_cost=int(e.get("VFGRAPH_MAX_QUERY_COST", "10000")),
            request_deadline=float(e.get("VFGRAPH_REQUEST_DEADLINE", "10")),
            rate_limit=int(e.get("VFGRAPH_RATE_LIMIT", "120000")),
            max_subscriptions=int(e.get("VFGRAPH_MAX_SUBSCRIPTIONS", "10")),
            shacl_engine=_one_of(
                "VFGRAPH_SHACL_ENGINE", e.get("VFGRAPH_SHACL_ENGINE", "turbo"), SHACL_ENGINES
            ),
        )


def _mode(value: str) -> str:
    return _one_of("VFGRAPH_MODE", value, ("development", "production"))


# The SHACL engines vocab/shacl.py wraps (the first is the default).
SHACL_ENGINES = ("turbo", "pyshacl")


def _one_of(name: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"{name} must be {' or '.join(allowed)}, not {value!r}")
    return value
