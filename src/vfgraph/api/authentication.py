"""Who is calling, for every HTTP route: ``Authorization: Bearer <key>`` becomes a :class:`Caller`.

An ASGI middleware so that GraphQL and the linked-data routes see the same caller
(``request.state.caller``: a Caller, or None for an anonymous request). A request that sends a key that
is not valid is refused outright with 401 and the code UNAUTHENTICATED, rather than served as anonymous:
a client that thinks it is authenticated must learn that it is not.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Receive, Scope, Send

from vfgraph.errors import Unauthenticated
from vfgraph.services import keys

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger


class Authentication:
    """``exempt``: path prefixes with credentials of their own (the PACT API, docs/pact.md), left alone."""

    def __init__(self, app: ASGIApp, ledger: Callable[[], Ledger], exempt: tuple[str, ...] = ()) -> None:
        self.app = app
        self.ledger = ledger
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or str(scope.get("path", "")).startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        header = dict(scope.get("headers") or []).get(b"authorization")
        caller = None
        if header is not None:
            scheme, _, token = header.decode("latin-1").partition(" ")
            try:
                if scheme.lower() != "bearer" or not token.strip():
                    raise Unauthenticated("send the key as 'Authorization: Bearer <key>'")
                caller = await asyncio.to_thread(keys.authenticate, self.ledger(), token.strip())
            except Unauthenticated as e:
                if scope["type"] == "websocket":
                    await send({"type": "websocket.close", "code": 4401, "reason": e.message})
                else:
                    await _refuse(send, e.message)
                return
        scope.setdefault("state", {})["caller"] = caller
        await self.app(scope, receive, send)


async def _refuse(send: Send, message: str) -> None:
    body = json.dumps({"errors": [{"message": message, "extensions": {"code": Unauthenticated.code}}]})
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", b"application/json"),
                (b"www-authenticate", b'Bearer realm="vfgraph"'),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body.encode()})
