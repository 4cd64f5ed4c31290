"""The outgoing PACT client: vfgraph calling another host (a supplier's, or a requester's callback).

It authenticates as the PACT specification says: the token endpoint from the peer's OpenID Connect
discovery document (``<auth base>/.well-known/openid-configuration``), else ``<auth base>/auth/token``;
client credentials in HTTP Basic, ``grant_type=client_credentials`` in a form body. Tokens are reused until
shortly before they expire, and fetched again once when a call is refused with 401.

HTTPS only, certificates verified against the system's CAs plus ``VFGRAPH_PACT_CA_FILE``. Any failure
(network, refusal, an error status, a body that is not JSON) is :class:`~vfgraph.errors.PeerUnavailable`.
"""

from __future__ import annotations

import json
import ssl
import threading
import time
from typing import Any

import httpx

from vfgraph.errors import PeerUnavailable
from vfgraph.pact.peers import Peer
from vfgraph.settings import Settings

TIMEOUT = httpx.Timeout(10.0)
EVENTS_MEDIA_TYPE = "application/cloudevents+json; charset=UTF-8"


class Remote:
    """Calls to peers; one per process (tokens are cached per peer)."""

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None) -> None:
        context = ssl.create_default_context()
        if settings.pact_ca_file is not None:
            context.load_verify_locations(cafile=str(settings.pact_ca_file))
        self._client = httpx.Client(verify=context, timeout=TIMEOUT, transport=transport)
        self._tokens: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def _send(self, peer: Peer, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return self._client.request(method, url, **kwargs)
        except httpx.HTTPError as e:
            raise PeerUnavailable(f"{peer.url}: {method} {url} failed: {e}", peer=peer.id) from None

    def token_endpoint(self, peer: Peer) -> str:
        base = peer.auth_url or peer.url
        try:
            r = self._client.get(base + "/.well-known/openid-configuration")
            if r.status_code == 200:
                endpoint = r.json().get("token_endpoint")
                if isinstance(endpoint, str) and endpoint.startswith("https://"):
                    return endpoint
        except (httpx.HTTPError, ValueError, AttributeError):
            pass  # no discovery document: the specification's default path
        return base + "/auth/token"

    def token(self, peer: Peer, fresh: bool = False) -> str:
        with self._lock:
            cached = self._tokens.get(peer.id)
        if cached is not None and not fresh and cached[0] > time.monotonic():
            return cached[1]
        endpoint = self.token_endpoint(peer)
        r = self._send(
            peer,
            "POST",
            endpoint,
            auth=(peer.client_id, peer.client_secret),
            data={"grant_type": "client_credentials"},
            headers={"Accept": "application/json"},
        )
        body = _json(peer, r)
        token = body.get("access_token") if isinstance(body, dict) else None
        if r.status_code != 200 or not isinstance(token, str):
            raise PeerUnavailable(
                f"{peer.url} refused vfgraph's credentials ({r.status_code}): {r.text[:200]}", peer=peer.id
            )
        lifetime = body.get("expires_in")
        seconds = float(lifetime) if isinstance(lifetime, int | float) and lifetime > 0 else 300.0
        with self._lock:
            self._tokens[peer.id] = (time.monotonic() + max(seconds - 30, seconds / 2), token)
        return token

    def _authorised(self, peer: Peer, method: str, url: str, **kwargs: Any) -> httpx.Response:
        headers = dict(kwargs.pop("headers", {}))
        for attempt in (0, 1):
            headers["Authorization"] = f"Bearer {self.token(peer, fresh=attempt == 1)}"
            r = self._send(peer, method, url, headers=headers, **kwargs)
            if r.status_code != 401:
                return r
        return r

    def get_footprint(self, peer: Peer, pf_id: str) -> dict[str, Any]:
        """The ``data`` of GetFootprint for ``pf_id`` at ``peer`` (not yet checked against the schema)."""
        r = self._authorised(
            peer, "GET", f"{peer.url}/3/footprints/{pf_id}", headers={"Accept": "application/json"}
        )
        body = _json(peer, r)
        if r.status_code != 200 or not isinstance(body, dict) or not isinstance(body.get("data"), dict):
            raise PeerUnavailable(
                f"{peer.url} did not return footprint {pf_id} ({r.status_code}): {r.text[:300]}",
                peer=peer.id,
                status=r.status_code,
            )
        data: dict[str, Any] = body["data"]
        return data

    def post_event(self, peer: Peer, event: dict[str, Any]) -> int:
        """POST a CloudEvent to the peer's events endpoint; its status (2xx: accepted)."""
        body = json.dumps(event, ensure_ascii=False).encode("utf-8")
        r = self._authorised(
            peer, "POST", peer.events_url, content=body, headers={"Content-Type": EVENTS_MEDIA_TYPE}
        )
        if not 200 <= r.status_code < 300:
            raise PeerUnavailable(
                f"{peer.events_url} did not accept the event ({r.status_code}): {r.text[:300]}",
                peer=peer.id,
                status=r.status_code,
            )
        return r.status_code


def _json(peer: Peer, r: httpx.Response) -> Any:
    try:
        return r.json()
    except ValueError:
        if r.status_code >= 400:
            return None
        raise PeerUnavailable(
            f"{peer.url} answered {r.request.url} with a body that is not JSON", peer=peer.id
        ) from None
