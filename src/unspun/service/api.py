"""The JSON API. Heavy work (reading articles, tracing) runs on reader threads; adding goes
through the one writer. Request bodies are already bounded by the guard."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from unspun.errors import InputError
from unspun.ingest.jsonl import parse_json
from unspun.library import Library
from unspun.model import Article
from unspun.pipeline import trace
from unspun.report.json import article_to_dict, trace_to_dict
from unspun.report.schema import INSPECTION, TRACE_SCHEMA
from unspun.service.app import ApiError, Service
from unspun.service.inputs import (
    Format,
    TraceRequest,
    article_of,
    body_items,
    first_article,
    parse_date,
    pasted_article,
    upload_items,
)
from unspun.stories.types import StoriesResult

router = APIRouter()

_FORM_SCHEMA = {
    "type": "object",
    "properties": {
        "file": {"type": "string", "format": "binary",
                 "description": "A saved page (HTML, text, JSONL, WARC): its first article."},
        "text": {"type": "string", "description": "Pasted text or HTML (when no file)."},
        "format": {"type": "string", "enum": ["auto", "text", "html"]},
        "title": {"type": "string"}, "url": {"type": "string"},
        "published": {"type": "string", "format": "date"},
    },
}
#: The request body of the routes that read one article (`trace_input`).
_ARTICLE_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": TraceRequest.model_json_schema()},
    "multipart/form-data": {"schema": _FORM_SCHEMA}}}}
_ERROR = {"description": "Error", "content": {"application/json": {"schema": {
    "type": "object", "properties": {"error": {"type": "string"}, "detail": {}},
    "required": ["error"]}}}}
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {**_ERROR, "description": what} for code, what in (
        (400, "Bad input: not JSON, or no article text could be read"),
        (413, "Request body too large"), (415, "Unsupported content type"),
        (422, "Invalid fields"), (503, "Busy"))}
_TRACE_RESPONSE = {k: v for k, v in TRACE_SCHEMA.items() if k not in ("$schema", "$id")}
_INSPECTION = INSPECTION


def service(request: Request) -> Service:
    svc: Service = request.app.state.service
    return svc


def _media(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def trace_input(request: Request, svc: Service) -> Callable[[], Article]:
    """The article of a trace request, as a function to call on a reader thread (reading a
    page is CPU work that must not hold up the event loop)."""
    media = _media(request)
    opts = svc.options.read
    if media == "application/json":
        try:
            obj = parse_json(await request.body())
        except ValueError as exc:
            raise ApiError(400, f"the body is not valid JSON ({exc})") from None
        try:
            req = TraceRequest.model_validate(obj)
        except ValidationError as exc:
            raise RequestValidationError(exc.errors(include_url=False, include_context=False)
                                         ) from None
        return lambda: article_of(req, opts)
    if media in ("multipart/form-data", "application/x-www-form-urlencoded"):
        limit = svc.options.max_trace_bytes
        async with request.form(max_files=1, max_fields=16, max_part_size=limit) as form:
            fields: dict[str, str] = {}
            for name in ("text", "format", "title", "url", "published"):
                value = form.get(name)
                if value is not None and not isinstance(value, str):
                    raise ApiError(422, f"`{name}` must be a form field, not a file")
                fields[name] = (value or "").strip() if name != "text" else (value or "")
            upload = form.get("file")
            data, filename, ctype = b"", None, None
            if isinstance(upload, UploadFile):
                data = await upload.read()
                filename, ctype = upload.filename, upload.content_type
        fmt = fields["format"] or "auto"
        if fmt not in ("auto", "text", "html"):
            raise ApiError(422, "`format` must be auto, text or html")
        form_fmt: Format = fmt  # type: ignore[assignment]
        try:
            published = parse_date(fields["published"])
        except InputError as exc:
            raise ApiError(422, exc.reason) from None
        if data:
            return lambda: first_article(upload_items(data, filename, ctype, opts, form_fmt),
                                         filename or "upload")
        if not fields["text"].strip():
            raise ApiError(400, "nothing to trace: paste an article or upload a file")
        return lambda: pasted_article(fields["text"], form_fmt, title=fields["title"],
                                      url=fields["url"], published=published, options=opts)
    raise ApiError(415, "send JSON (application/json) or a form (multipart/form-data)",
                   {"content_type": media or None})


@router.get("/healthz", tags=["service"], summary="Liveness: the server answers")
async def healthz(request: Request) -> dict[str, Any]:
    svc = service(request)
    return {"status": "ok", "writable": svc.writer is not None}


@router.post(
    "/api/trace", tags=["trace"], summary="Trace one article to its sources",
    description=("Body: JSON `{\"text\", \"title\"?, \"url\"?, \"published\"?}` or "
                 "`{\"html\", \"url\"?}`, or a multipart form with a `file` (or `text`). "
                 "Returns the same JSON as `unspun trace --json` (schema in the response)."),
    openapi_extra=_ARTICLE_BODY,
    responses={200: {"description": "The trace result",
                     "content": {"application/json": {"schema": _TRACE_RESPONSE}}}, **_ERRORS},
)
async def api_trace(
    request: Request,
    include_text: bool = Query(False, description="Include both texts in the result."),
) -> JSONResponse:
    svc = service(request)
    make = await trace_input(request, svc)

    def run(lib: Library) -> dict[str, Any]:
        result = trace(lib, make(), svc.options.trace)
        return trace_to_dict(result, include_text=include_text)

    return JSONResponse(await svc.read(run))


@router.post(
    "/api/articles", tags=["library"], summary="Add articles to the library",
    description=("Body: JSONL (one object per line: `url`, `site`, `title`, `published`, "
                 "`text` or `html`), a JSON array of such objects, or a multipart form with "
                 "one or more `files` (HTML, text, JSONL, WARC). Written by the server's one "
                 "writer; answers once they are committed."),
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/jsonl": {"schema": {"type": "string"}},
        "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
        "multipart/form-data": {"schema": {"type": "object", "properties": {"files": {
            "type": "array", "items": {"type": "string", "format": "binary"}}}}}}}},
    responses={200: {"description": "Counts and the ids of the articles read"}, **_ERRORS,
               403: {**_ERROR, "description": "The server is read-only"}},
)
async def api_add(request: Request) -> JSONResponse:
    svc = service(request)
    opts = svc.options.read
    media = _media(request)
    uploads: list[tuple[bytes, str | None, str | None]] = []
    raw = b""
    if media == "multipart/form-data":
        async with request.form(max_files=1000, max_fields=1000,
                                max_part_size=svc.options.max_add_bytes) as form:
            for _, value in form.multi_items():
                if isinstance(value, UploadFile):
                    uploads.append((await value.read(), value.filename, value.content_type))
        if not uploads:
            raise ApiError(400, "no file in the form (field `files`)")
    else:
        raw = await request.body()
        if not raw.strip():
            raise ApiError(400, "empty body: send JSONL, a JSON array, or files")

    def read() -> tuple[list[Article], list[str], int]:
        items = ([i for d, n, c in uploads for i in upload_items(d, n, c, opts)] if uploads
                 else list(body_items(raw, media, opts)))
        arts = [i for i in items if isinstance(i, Article)]
        errors = [str(i) for i in items if isinstance(i, InputError)]
        return arts, errors[:50], len(items) - len(arts)

    # Not on the reader threads: an add must not wait behind a queue of traces.
    articles, errors, failed = await asyncio.to_thread(read)
    if not articles:
        raise ApiError(400, "no article could be read", {"failed": failed, "errors": errors})
    res = await svc.add(articles)
    return JSONResponse({**res.as_dict(), "failed": failed, "errors": errors})


@router.get("/api/articles/{article_id}", tags=["library"], summary="One stored article",
            responses={404: {**_ERROR, "description": "No such article"}})
async def api_article(request: Request, article_id: str = Path(
        ..., min_length=1, max_length=64, pattern=r"^[0-9A-Za-z_-]+$")) -> JSONResponse:
    svc = service(request)
    art = await svc.read(lambda lib: lib.get(article_id), quick=True)
    if art is None:
        raise ApiError(404, "no article with this id", {"id": article_id})
    out = article_to_dict(art, include_text=True)
    out["blocks"] = [{"role": b.role, "start": b.start, "end": b.end} for b in art.blocks]
    return JSONResponse(out)


async def stories_of(svc: Service) -> StoriesResult | None:
    return await svc.read(svc.stories.get, quick=True)


_NOT_RUN = "no stories stored in this library: run `unspun stories` on it"


@router.get("/api/stories", tags=["stories"], summary="Stories, largest first",
            description="As the last `unspun stories` run stored them (never recomputed).")
async def api_stories(
    request: Request,
    limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0),
    min_size: int = Query(2, ge=1, description="Only stories of at least this many articles."),
) -> JSONResponse:
    result = await stories_of(service(request))
    if result is None:
        return JSONResponse({"computed": False, "note": _NOT_RUN, "total": 0, "stories": []})
    chosen = [s for s in result.stories if s.size >= min_size]
    return JSONResponse({"computed": True, "total": len(chosen), "offset": offset,
                         "stories": [s.as_row() for s in chosen[offset : offset + limit]]})


@router.get("/api/stories/{story_id}", tags=["stories"], summary="One story: members, links",
            responses={404: {**_ERROR, "description": "No such story"}})
async def api_story(request: Request, story_id: str = Path(
        ..., min_length=2, max_length=80, pattern=r"^s[0-9a-f]+$")) -> JSONResponse:
    result = await stories_of(service(request))
    story = next((s for s in result.stories if s.id == story_id), None) if result else None
    if result is None or story is None:
        raise ApiError(404, "no story with this id" if result else _NOT_RUN, {"id": story_id})
    return JSONResponse({
        "story": story.as_row(),
        "members": [m.as_row() for m in result.members if m.story_id == story_id],
        "edges": [e.as_row() for e in result.edges if e.story_id == story_id]})


@router.get("/api/sites", tags=["stories"], summary="Site profiles, likeliest farms first")
async def api_sites(request: Request, limit: int = Query(500, ge=1, le=10000),
                    offset: int = Query(0, ge=0),
                    sample: int = Query(20, ge=0, le=200, description=(
                        "Articles per site scored for machine rewriting (0: none)."))
                    ) -> JSONResponse:
    svc = service(request)
    result = await stories_of(svc)
    if result is None:
        return JSONResponse({"computed": False, "note": _NOT_RUN, "total": 0, "sites": []})
    page = result.sites[offset : offset + limit]

    def rewriting(lib: Library) -> dict[str, Any]:
        from unspun.inspection.sites import library_fetch, site_rewriting

        return dict(site_rewriting(result.members, [p.site for p in page], library_fetch(lib),
                                   sample))

    rw = await svc.read(rewriting) if sample else {}
    return JSONResponse({"computed": True, "total": len(result.sites), "offset": offset,
                         "sites": [{**p.as_row(), **({"rewriting": rw[p.site].as_dict()}
                                                     if p.site in rw else {})} for p in page]})


@router.post(
    "/api/inspect", tags=["trace"], summary="What a page itself shows (no source needed)",
    description=("The same body as `/api/trace`. Returns `{\"query\", \"inspection\"}` as "
                 "`unspun inspect --json`: the machine-rewriting score with its flags, names "
                 "against the library, where to look."),
    openapi_extra=_ARTICLE_BODY,
    responses={200: {"description": "The inspection", "content": {"application/json": {
        "schema": {"type": "object", "properties": {"query": {"type": "object"},
                                                    "inspection": _INSPECTION}}}}}, **_ERRORS},
)
async def api_inspect(request: Request) -> JSONResponse:
    from unspun.inspection.run import inspect_article
    from unspun.report.inspection import inspection_to_dict

    svc = service(request)
    make = await trace_input(request, svc)

    def run(lib: Library) -> dict[str, Any]:
        article = make()
        return {"query": article_to_dict(article),
                "inspection": inspection_to_dict(inspect_article(article, lib))}

    return JSONResponse(await svc.read(run))
