"""A small synchronous GraphQL client for the e2e tests (the ``api`` fixture)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from vfgraph.services.ledger import Ledger


class Api:
    """GraphQL over HTTP against the app."""

    def __init__(
        self, runner: asyncio.Runner, client: httpx.AsyncClient, ledger: Ledger, key: str | None = None
    ) -> None:
        self._runner = runner
        self._client = client
        self.ledger = ledger
        self.key = key

    def with_key(self, key: str | None) -> Api:
        """The same client sending another key (None: anonymous requests)."""
        return Api(self._runner, self._client, self.ledger, key)

    def _headers(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        headers = dict(kwargs.pop("headers", None) or {})
        if self.key is not None:
            headers.setdefault("authorization", f"Bearer {self.key}")
        return headers

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self._runner.run(self._client.get(path, headers=self._headers(kwargs), **kwargs))

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Any HTTP request to the app (the linked-data routes)."""
        return self._runner.run(self._client.request(method, path, headers=self._headers(kwargs), **kwargs))

    def post(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The JSON body of a GraphQL request, errors included."""
        response = self._runner.run(
            self._client.post(
                "/graphql", json={"query": query, "variables": variables or {}}, headers=self._headers({})
            )
        )
        body: dict[str, Any] = response.json()
        return body

    def data(self, query: str, **variables: Any) -> dict[str, Any]:
        """The data of a request that must succeed."""
        body = self.post(query, variables)
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    def errors(self, query: str, **variables: Any) -> list[dict[str, Any]]:
        """The errors of a request that must fail."""
        body = self.post(query, variables)
        assert body.get("errors"), f"expected errors, got {body}"
        errors: list[dict[str, Any]] = body["errors"]
        return errors

    @property
    def statements_run(self) -> int:
        return self.ledger.store.statements_run
