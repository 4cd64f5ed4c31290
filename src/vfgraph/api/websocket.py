"""GraphQL over a WebSocket (graphql-transport-ws, docs/signals.md): who the connection acts as.

A connection is authenticated once, by the key in the upgrade request's ``Authorization`` header (checked
by the ``Authentication`` middleware, which closes the socket with 4401 for a bad key) or by the key in the
``connection_init`` payload, ``{"Authorization": "Bearer vfg_..."}``, which takes precedence: a bad key there
closes the socket with 4403, as the protocol says. Every operation on the connection then runs as that
caller, under the same limits as a request over HTTP (depth, cost, rate), and at most
``VFGRAPH_MAX_SUBSCRIPTIONS`` operations are open at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from strawberry.exceptions import ConnectionRejectionError

from vfgraph.api.context import Context, Loaders
from vfgraph.errors import Unauthenticated
from vfgraph.services import keys


@dataclass
class ConnectionContext(Context):
    """The context of every operation on one WebSocket; strawberry puts the ``connection_init`` payload in
    ``connection_params``."""

    connection_params: object = None
    streaming: ClassVar[bool] = True


def _authorization(payload: object) -> str | None:
    if not isinstance(payload, Mapping):
        return None
    for name, value in payload.items():
        if isinstance(name, str) and name.lower() == "authorization":
            return value if isinstance(value, str) else ""
    return None


async def accept(context: ConnectionContext) -> None:
    """Authenticate the connection with the key in its ``connection_init`` payload, if it sends one."""
    header = _authorization(context.connection_params)
    if header is None:
        return
    scheme, _, token = header.partition(" ")
    try:
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("send the key as {'Authorization': 'Bearer <key>'}")
        caller = await asyncio.to_thread(keys.authenticate, context.ledger, token.strip())
    except Unauthenticated:
        raise ConnectionRejectionError from None
    context.ledger = context.ledger.acting_as(caller)
    context.loaders = Loaders(context.ledger)
