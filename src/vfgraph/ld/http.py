"""The linked-data routes of the HTTP service.

GET  <base IRI path>...    a record's description, by its IRI (Turtle, JSON-LD or N-Triples by
                           ``Accept``; 404 for an unknown record, 406 for a type vfgraph cannot write)
GET  /ld/graph             the whole graph, streamed, negotiated the same way
GET  /ld/context.jsonld    the JSON-LD context of vfgraph's JSON-LD output
POST /ld/import            a document (by ``Content-Type``) imported whole or not at all;
                           ``?dryRun=true`` validates only. 200 with the report, 422 with the rejections,
                           400 for a document that does not parse, 415 for a type vfgraph cannot read
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from vfgraph.ld import export, formats, terms
from vfgraph.ld.importer import import_data
from vfgraph.services.ledger import Ledger
from vfgraph.settings import Settings

_SUPPORTED = ", ".join(f.media_type for f in formats.WRITABLE)


def _not_acceptable() -> Response:
    return PlainTextResponse(f"vfgraph serves {_SUPPORTED}\n", status_code=406)


def _media(fmt: formats.Format) -> str:
    return f"{fmt.media_type}; charset=utf-8" if fmt.media_type.startswith("text/") else fmt.media_type


def routes(settings: Settings, get_ledger: Callable[[], Ledger]) -> list[BaseRoute]:
    """The routes, with record IRIs under the path of ``settings.base_iri`` (``/id/`` by default)."""
    base_path = urlsplit(settings.base_iri).path or "/"

    def ledger_for(request: Request) -> Ledger:
        """The ledger as the caller sees it (the Authentication middleware set the caller)."""
        return get_ledger().acting_as(getattr(request.state, "caller", None))

    async def describe(request: Request) -> Response:
        fmt = formats.negotiate(request.headers.get("accept"))
        if fmt is None:
            return _not_acceptable()
        ledger = ledger_for(request)
        iri = ledger.settings.base_iri + request.path_params["rest"]
        text = await asyncio.to_thread(export.describe, ledger, iri, fmt)
        if text is None:
            return PlainTextResponse(f"no record {iri}\n", status_code=404)
        return Response(text, media_type=_media(fmt), headers={"Vary": "Accept"})

    async def graph(request: Request) -> Response:
        fmt = formats.negotiate(request.headers.get("accept"))
        if fmt is None:
            return _not_acceptable()
        chunks = (chunk.encode("utf-8") for chunk in export.export(ledger_for(request), fmt))
        return StreamingResponse(chunks, media_type=_media(fmt), headers={"Vary": "Accept"})

    async def context(request: Request) -> Response:
        return JSONResponse(terms.context_document(), media_type="application/ld+json")

    async def import_(request: Request) -> Response:
        fmt = formats.by_media_type(request.headers.get("content-type", ""))
        if fmt is None:
            readable = ", ".join(f.media_type for f in formats.FORMATS)
            return PlainTextResponse(f"vfgraph imports {readable}\n", status_code=415)
        dry_run = request.query_params.get("dryRun", "false").lower() in ("true", "1", "yes")
        ledger = ledger_for(request)
        caller = ledger.caller
        if caller is None or not caller.operator:
            code, status = ("UNAUTHENTICATED", 401) if caller is None else ("FORBIDDEN", 403)
            message = "imports write records as stated, for any agent: they need an operator key"
            return JSONResponse({"error": message, "code": code}, status_code=status)
        body = await request.body()
        report = await asyncio.to_thread(import_data, ledger, body, fmt, dry_run=dry_run)
        status = 200 if report.ok else (400 if report.error else 422)
        return JSONResponse(report.to_json(), status_code=status)

    return [
        Route("/ld/context.jsonld", context),
        Route("/ld/graph", graph),
        Route("/ld/import", import_, methods=["POST"]),
        Route(base_path + "{rest:path}", describe),
    ]
