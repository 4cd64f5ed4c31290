"""``vfgraph pact ...`` and ``vfgraph tls ...`` (docs/pact.md).

vfgraph pact clients create --agent IRI [--name NAME]   a client for a data recipient (secret shown once)
vfgraph pact clients list | revoke ID
vfgraph pact peers add --url URL --client-id ID --client-secret SECRET|- [--agent IRI] [--auth-url URL]
vfgraph pact peers list | remove ID
vfgraph pact publish --product IRI --agent IRI --ghg IRI [--indicator IRI ...] [--from T] [--to T]
                     [--declarations FILE]
vfgraph pact deprecate PF_ID
vfgraph pact take --peer ID --footprint PF_ID [--product IRI --indicator IRI]
vfgraph tls self-signed --cert FILE --key FILE [--if-missing] [--name NAME ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from vfgraph.settings import Settings


def _pact(args: argparse.Namespace, settings: Settings) -> int:
    from vfgraph.bootstrap import open_ledger
    from vfgraph.errors import VfgraphError
    from vfgraph.pact import credentials, footprints, peers
    from vfgraph.pact.remote import Remote

    with open_ledger(settings) as ledger:
        ledger.store.ensure_schema()
        try:
            if args.group == "clients":
                if args.action == "create":
                    new = credentials.create_client(ledger, agent=args.agent, name=args.name)
                    print(f"created PACT client {new.client_id} reading the footprints of {args.agent};")
                    print("its secret is shown once, on the last line:")
                    print(f"client_id={new.client_id}")
                    print(f"client_secret={new.client_secret}")
                elif args.action == "list":
                    for c in credentials.list_clients(ledger):
                        state = f"revoked {c['revokedAt']}" if c["revokedAt"] else "active"
                        print(
                            f"{c['id']}  {c['agent']}  {c['name'] or '-'}  created {c['createdAt']}  {state}"
                        )
                else:
                    credentials.revoke_client(ledger, args.id)
                    print(f"revoked {args.id} (and its tokens)")
            elif args.group == "peers":
                if args.action == "add":
                    secret = sys.stdin.readline().strip() if args.client_secret == "-" else args.client_secret
                    peer_id = peers.add(
                        ledger,
                        url=args.url,
                        client_id=args.client_id,
                        client_secret=secret,
                        agent=args.agent,
                        name=args.name,
                        auth_url=args.auth_url,
                    )
                    print(f"added PACT peer {peer_id} ({args.url})")
                elif args.action == "list":
                    for p in peers.list_peers(ledger):
                        agent, name = p["agent"] or "-", p["name"] or "-"
                        print(f"{p['id']}  {p['url']}  agent {agent}  client {p['clientId']}  {name}")
                else:
                    peers.remove(ledger, args.id)
                    print(f"removed {args.id}")
            elif args.group == "publish":
                declarations: Any = None
                if args.declarations:
                    declarations = json.loads(Path(args.declarations).read_text(encoding="utf-8"))
                row = footprints.publish(
                    ledger,
                    footprints.Publication(
                        resource_specification=args.product,
                        agent=args.agent,
                        ghg_indicator=args.ghg,
                        indicators=args.indicator or [],
                        start=args.start,
                        end=args.end,
                        declarations=declarations,
                    ),
                )
                print(json.dumps(footprints.document_of(row), indent=2, ensure_ascii=False))
            elif args.group == "deprecate":
                row = footprints.deprecate(ledger, args.pf_id)
                print(f"{row['pfId']}: {row['status']}")
            else:  # take
                remote = Remote(settings)
                try:
                    row = footprints.take(
                        ledger,
                        remote,
                        peers.get(ledger, args.peer),
                        args.footprint,
                        args.product,
                        args.indicator,
                    )
                finally:
                    remote.close()
                print(f"took {row['pfId']} from {row['source']} (per unit: {row['perUnit'] or '-'})")
        except VfgraphError as e:
            print(f"vfgraph pact {args.group}: {e.message}", file=sys.stderr)
            return 1
    return 0


def _tls(args: argparse.Namespace, settings: Settings) -> int:
    from vfgraph.pact import tls

    cert, key = Path(args.cert), Path(args.key)
    if args.if_missing and cert.exists() and key.exists():
        print(f"{cert} and {key} exist: kept")
        return 0
    tls.self_signed(cert, key, tuple(args.name or ("localhost", "127.0.0.1", "::1")))
    print(f"wrote a self-signed certificate {cert} and its key {key}")
    return 0


def _time(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 date-time: {value!r}") from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(f"give a time zone: {value!r}")
    return moment


def add_commands(sub: Any) -> None:
    pact = sub.add_parser("pact", help="PACT v3: clients, peers, footprints (docs/pact.md)")
    groups = pact.add_subparsers(dest="group", required=True)

    clients = groups.add_parser("clients", help="credentials of data recipients on this host").add_subparsers(
        dest="action", required=True
    )
    create = clients.add_parser("create", help="a new client; prints its id and secret once")
    create.add_argument("--agent", required=True, help="IRI of the agent whose footprints it reads")
    create.add_argument("--name", help="who the client is for")
    clients.add_parser("list", help="clients (never their secrets)")
    revoke = clients.add_parser("revoke", help="revoke a client and its tokens")
    revoke.add_argument("id")

    peer = groups.add_parser("peers", help="other PACT hosts and vfgraph's credentials there").add_subparsers(
        dest="action", required=True
    )
    add = peer.add_parser("add", help="register another PACT host")
    add.add_argument("--url", required=True, help="its base URL (https://..., the one /3/... hangs under)")
    add.add_argument("--client-id", required=True)
    add.add_argument("--client-secret", required=True, help="the secret, or - to read it from standard input")
    add.add_argument("--agent", help="IRI of the agent of this ledger that the host stands for")
    add.add_argument("--auth-url", help="its auth base URL, when not the base URL")
    add.add_argument("--name")
    peer.add_parser("list", help="peers (never their secrets)")
    remove = peer.add_parser("remove", help="forget a peer")
    remove.add_argument("id")

    publish = groups.add_parser("publish", help="publish a product's footprint from the roll-up")
    publish.add_argument("--product", required=True, help="IRI of the ResourceSpecification")
    publish.add_argument("--agent", required=True, help="IRI of the owner (who produced it)")
    publish.add_argument("--ghg", required=True, help="IRI of the GHG indicator (kg CO2e)")
    publish.add_argument("--indicator", action="append", help="another indicator for vfgraph's extension")
    publish.add_argument("--from", dest="start", type=_time, help="outputs from (inclusive)")
    publish.add_argument("--to", dest="end", type=_time, help="outputs until (exclusive)")
    publish.add_argument("--declarations", help="a JSON file: the PACT properties the ledger does not hold")

    deprecate = groups.add_parser("deprecate", help="mark a footprint Deprecated")
    deprecate.add_argument("pf_id")

    take = groups.add_parser("take", help="take a supplier's footprint from a peer")
    take.add_argument("--peer", required=True)
    take.add_argument("--footprint", required=True, help="its PACT id")
    take.add_argument("--product", help="IRI of the ResourceSpecification of this ledger it is of")
    take.add_argument("--indicator", help="IRI of the GHG indicator it counts toward")
    pact.set_defaults(func=_pact)

    tls = sub.add_parser("tls", help="HTTPS certificates").add_subparsers(dest="action", required=True)
    selfsigned = tls.add_parser("self-signed", help="write a self-signed certificate for localhost")
    selfsigned.add_argument("--cert", required=True)
    selfsigned.add_argument("--key", required=True)
    selfsigned.add_argument(
        "--name", action="append", help="a DNS name or IP (default: localhost, 127.0.0.1, ::1)"
    )
    selfsigned.add_argument("--if-missing", action="store_true", help="keep existing files")
    selfsigned.set_defaults(func=_tls)
