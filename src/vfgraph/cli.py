"""The ``vfgraph`` command line.

vfgraph neo4j start|stop|status   the project's own Neo4j server
vfgraph schema                    print the GraphQL schema (SDL)
vfgraph init                      create constraints and indexes
vfgraph demo                      load the demo supply chain (idempotent)
vfgraph serve                     serve the API (uvicorn)
vfgraph export|import             the graph as linked data (Turtle, JSON-LD, N-Triples; YAML-LD in)
vfgraph keys create|list|revoke   API keys (an agent's, or an operator's)
vfgraph pact ...                  PACT clients, peers, footprints (docs/pact.md)
vfgraph tls self-signed           a certificate for serving HTTPS on localhost
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from vfgraph import neo4j_server
from vfgraph.ld import cli as ld_cli
from vfgraph.pact import cli as pact_cli
from vfgraph.settings import Settings


def _neo4j(args: argparse.Namespace, settings: Settings) -> int:
    if settings.neo4j_external:
        print(f"VFGRAPH_NEO4J_URI is set ({settings.neo4j_uri}): vfgraph starts no server of its own")
        return 0
    try:
        if args.action == "start":
            print(neo4j_server.start(settings, timeout=args.timeout))
        elif args.action == "stop":
            print(neo4j_server.stop(settings))
        else:
            print(neo4j_server.status(settings))
    except neo4j_server.Neo4jServerError as e:
        print(f"vfgraph neo4j {args.action}: {e}", file=sys.stderr)
        return 1
    return 0


def _schema(args: argparse.Namespace, settings: Settings) -> int:
    from vfgraph.api.schema import print_sdl

    sys.stdout.write(print_sdl())
    return 0


def _init(args: argparse.Namespace, settings: Settings) -> int:
    from vfgraph.bootstrap import open_ledger

    with open_ledger(settings) as ledger:
        ledger.store.ensure_schema()
    print("schema ready (constraints and indexes)")
    return 0


def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from vfgraph.bootstrap import open_ledger
    from vfgraph.pact.demo import load_pact_demo
    from vfgraph.services import keys
    from vfgraph.services.demo import load_demo

    with open_ledger(settings) as ledger:
        ledger.store.ensure_schema()
        summary = load_demo(ledger)
        print(summary)
        mill = settings.base_iri + "demo/organization/stone-mill"
        if "first load" in summary:
            key = keys.create(ledger, agent=mill, name="demo: Stone Mill").token
            print("To write as Stone Mill in GraphiQL, put this in its Headers tab (shown once):")
            print(f'  {{"Authorization": "Bearer {key}"}}')
            print(f"More keys: vfgraph keys create --agent {mill}")
        pact = load_pact_demo(ledger)
        if pact is not None:
            where = f"{settings.pact_base_url}/3/footprints"
            print(f"Stone Mill's flour footprint {pact.pf_id} is served at {where};")
            print("a PACT client reads it with these credentials (shown once; docs/pact.md):")
            print(f"  PACT_CLIENT_ID={pact.client.client_id}")
            print(f"  PACT_CLIENT_SECRET={pact.client.client_secret}")
            print(f"More clients: vfgraph pact clients create --agent {mill}")
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from vfgraph.pact import tls

    tls.serve(settings)  # plain HTTP, HTTPS, or both (VFGRAPH_TLS_*, docs/pact.md)
    return 0


def _keys(args: argparse.Namespace, settings: Settings) -> int:
    from vfgraph.bootstrap import open_ledger
    from vfgraph.errors import VfgraphError
    from vfgraph.services import keys

    with open_ledger(settings) as ledger:
        try:
            if args.action == "create":
                new = keys.create(ledger, agent=args.agent, name=args.name, operator=args.operator)
                who = "operator key" if args.operator else f"key for {args.agent}"
                print(f"created {who} {new.key_id}; it is shown once, on the next line:")
                print(new.token)
            elif args.action == "list":
                for k in keys.list_keys(ledger):
                    state = f"revoked {k['revokedAt']}" if k["revokedAt"] else "active"
                    who = "operator" if k["operator"] else k["agent"]
                    print(f"{k['id']}  {who}  {k['name'] or '-'}  created {k['createdAt']}  {state}")
            else:
                keys.revoke(ledger, args.key_id)
                print(f"revoked {args.key_id}")
        except VfgraphError as e:
            print(f"vfgraph keys {args.action}: {e.message}", file=sys.stderr)
            return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vfgraph", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    neo = sub.add_parser("neo4j", help="the project's own Neo4j server")
    neo.add_argument("action", choices=["start", "stop", "status"])
    neo.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for Bolt")
    neo.set_defaults(func=_neo4j)
    sub.add_parser("schema", help="print the GraphQL schema").set_defaults(func=_schema)
    sub.add_parser("init", help="create constraints and indexes").set_defaults(func=_init)
    sub.add_parser("demo", help="load the demo supply chain").set_defaults(func=_demo)
    sub.add_parser("serve", help="serve the GraphQL API").set_defaults(func=_serve)
    ld_cli.add_commands(sub)
    pact_cli.add_commands(sub)
    keys = sub.add_parser("keys", help="API keys").add_subparsers(dest="action", required=True)
    create = keys.add_parser("create", help="create a key and print it once (alone on the last line)")
    owner = create.add_mutually_exclusive_group(required=True)
    owner.add_argument("--agent", help="IRI of the agent the key acts as")
    owner.add_argument("--operator", action="store_true", help="a key that may act for any agent")
    create.add_argument("--name", help="a label to recognise the key by")
    create.set_defaults(func=_keys)
    keys.add_parser("list", help="list keys (never their secrets)").set_defaults(func=_keys)
    revoke = keys.add_parser("revoke", help="revoke a key")
    revoke.add_argument("key_id")
    revoke.set_defaults(func=_keys)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.func(args, Settings.from_env())
    return code


if __name__ == "__main__":
    raise SystemExit(main())
