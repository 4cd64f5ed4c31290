"""Linked data over HTTP: records by IRI with content negotiation, the context, the streamed graph, import."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any
from urllib.parse import urlsplit

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from tests.e2e.client import Api
from tests.linked_data import PREFIXES, every_kind, fresh_base
from vfgraph.app import create_app
from vfgraph.domain.kinds import Kind
from vfgraph.ld import formats
from vfgraph.ld.importer import import_data
from vfgraph.services.ledger import Ledger
from vfgraph.vocab.namespaces import VF


def path_of(api: Api, iri: str) -> str:
    """The path a record's IRI has on this server (records are minted under the base IRI)."""
    assert iri.startswith(api.ledger.settings.base_iri)
    return urlsplit(iri).path


@pytest.mark.parametrize("fmt", formats.WRITABLE, ids=lambda f: f.name)
def test_a_record_iri_serves_its_description_in_the_format_asked_for(api: Api, fmt: formats.Format) -> None:
    unit = api.ledger.create(Kind.UNIT, {"label": "litre", "symbol": "l"})
    response = api.get(path_of(api, unit), headers={"accept": fmt.media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(fmt.media_type)
    g = Graph().parse(data=response.text, format=fmt.rdflib)
    assert (URIRef(unit), RDF.type, VF.Unit) in g


def test_an_unknown_record_is_404_and_an_unwritable_type_406(api: Api) -> None:
    unit = api.ledger.create(Kind.UNIT, {"label": "litre", "symbol": "l"})
    assert api.get(path_of(api, unit) + "-none").status_code == 404
    response = api.get(path_of(api, unit), headers={"accept": "application/pdf"})
    assert response.status_code == 406
    assert "text/turtle" in response.text


def test_the_context_is_served_as_json_ld(api: Api) -> None:
    response = api.get("/ld/context.jsonld")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    assert response.json()["@context"]["vf"] == "https://w3id.org/valueflows/ont/vf#"


def test_import_over_http_reports_writes_and_refuses(api: Api) -> None:
    base = fresh_base().rstrip("/")
    good = PREFIXES + f'<{base}/p> a vf:Person, vf:Agent ; vf:name "Pat" .'
    headers = {"content-type": "text/turtle"}

    dry = api.request("POST", "/ld/import?dryRun=true", content=good, headers=headers)
    assert dry.status_code == 200 and dry.json()["written"] is False

    done = api.request("POST", "/ld/import", content=good, headers=headers)
    assert done.status_code == 200 and done.json()["written"] is True

    bad = PREFIXES + f"<{base}/q> a vf:Person ; vf:name 42 ."
    refused = api.request("POST", "/ld/import", content=bad, headers=headers)
    assert refused.status_code == 422
    (violation,) = refused.json()["rejected"]
    assert violation["focusNode"] == f"{base}/q" and violation["path"].endswith("#name")

    assert (
        api.request(
            "POST", "/ld/import", content="{", headers={"content-type": "application/ld+json"}
        ).status_code
        == 400
    )
    assert (
        api.request("POST", "/ld/import", content=good, headers={"content-type": "text/csv"}).status_code
        == 415
    )


class _Enough(Exception):
    """Stops reading a streamed response once the test has seen its head."""


async def _stream_head(ledger: Ledger, path: str, accept: str, chunks: int) -> tuple[int, list[bytes]]:
    app = create_app(ledger.settings, ledger)
    status = 0
    bodies: list[bytes] = []

    async def receive() -> dict[str, Any]:
        await asyncio.sleep(3600)  # the client never sends a body nor disconnects first
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            bodies.append(message.get("body", b""))
            if len(bodies) >= chunks and message.get("more_body"):
                raise _Enough

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(b"accept", accept.encode())],
        "http_version": "1.1",
        "scheme": "http",
        "server": ("vfgraph.test", 80),
        "client": ("127.0.0.1", 1),
        "root_path": "",
    }
    async with app.router.lifespan_context(app):
        with contextlib.suppress(_Enough):
            await app(scope, receive, send)
    return status, bodies


def test_the_whole_graph_is_streamed_in_chunks(api: Api) -> None:
    api.ledger.create(Kind.PERSON, {"name": "streamed"})
    status, bodies = asyncio.run(_stream_head(api.ledger, "/ld/graph", "application/n-triples", chunks=3))
    assert status == 200
    assert len(bodies) == 3  # the response went out in pieces, before the export was over
    lines = b"".join(bodies).decode().splitlines()
    complete = Graph().parse(data="\n".join(lines[:-1]), format="nt")  # the last line may be cut
    assert any(complete.subjects(RDF.type, VF.Person))


def test_an_event_with_an_external_receiver_reads_as_an_external_agent(api: Api) -> None:
    fixture = every_kind(external="http://0.example/elsewhere/")
    assert import_data(api.ledger, fixture.turtle, formats.TURTLE).ok
    data = api.data(
        "query ($id: ID!) { economicEvent(id: $id) { receiver { __typename id name } provider { name } } }",
        id=fixture.iri("gift"),
    )
    receiver = data["economicEvent"]["receiver"]
    assert receiver["__typename"] == "ExternalAgent"
    assert receiver["id"] == receiver["name"] and receiver["id"].startswith("http://0.example/elsewhere/")
