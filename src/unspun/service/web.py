"""The web app's routes: server-rendered pages (see `pages`) and the in-memory static files."""

from __future__ import annotations

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from unspun.errors import InputError
from unspun.library import Library
from unspun.pipeline import trace
from unspun.service import pages
from unspun.service.api import service, stories_of, trace_input
from unspun.service.app import ApiError

router = APIRouter(include_in_schema=False)

_API_ROUTES = (
    ("POST", "/api/trace", "Trace one article (JSON text or html, or a file upload) to its "
     "sources: the same JSON as `unspun trace --json`."),
    ("POST", "/api/inspect", "What a page itself shows when its source is not in the "
     "library: the same JSON as `unspun inspect --json`."),
    ("POST", "/api/articles", "Add articles: JSONL, a JSON array, or uploaded files."),
    ("GET", "/api/articles/{id}", "One stored article with its text."),
    ("GET", "/api/stories", "Stories (as `unspun stories` stored them), largest first."),
    ("GET", "/api/stories/{id}", "One story: members, copy links with their evidence."),
    ("GET", "/api/sites", "Site profiles with content-farm scores."),
    ("GET", "/healthz", "The server is up."),
)


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers={"cache-control": "no-store"})


@router.get("/")
async def home(request: Request) -> HTMLResponse:
    svc = service(request)
    count = await svc.read(len, quick=True)
    return _html(pages.home_page(count, writable=svc.writer is not None))


@router.post("/trace")
async def trace_form(request: Request) -> HTMLResponse:
    svc = service(request)
    try:
        make = await trace_input(request, svc)

        def run(lib: Library) -> str:
            result = trace(lib, make(), svc.options.trace)
            return pages.trace_page(result, svc.options.page_sections)

        return _html(await svc.read(run))
    except (ApiError, InputError) as exc:
        # Back to the form, with the reason (the pasted text is not echoed back).
        status = exc.status if isinstance(exc, ApiError) else 400
        message = exc.message if isinstance(exc, ApiError) else f"Cannot read it: {exc.reason}"
        count = await svc.read(len, quick=True)
        return _html(pages.home_page(count, message=message, writable=svc.writer is not None),
                     status)


@router.get("/stories")
async def stories(request: Request, page: int = Query(1, ge=1, le=100_000)) -> HTMLResponse:
    result = await stories_of(service(request))
    return _html(pages.stories_index(result, page))


@router.get("/stories/{story_id}")
async def story(request: Request, story_id: str = Path(
        ..., min_length=2, max_length=80, pattern=r"^s[0-9a-f]+$")) -> HTMLResponse:
    result = await stories_of(service(request))
    found = next((s for s in result.stories if s.id == story_id), None) if result else None
    if result is None or found is None:
        raise ApiError(404, "no story with this id")
    return _html(pages.story_view(found, result))


@router.get("/sites")
async def sites(request: Request) -> HTMLResponse:
    result = await stories_of(service(request))
    return _html(pages.sites_view(result))


@router.get("/api")
async def api_index() -> HTMLResponse:
    return _html(pages.api_page(_API_ROUTES))


@router.get("/static/{name}")
async def static(request: Request, name: str) -> Response:
    asset = service(request).assets.get(name)  # a dict key, never a path
    if asset is None:
        raise ApiError(404, "not found")
    if request.headers.get("if-none-match") == asset.etag:
        return Response(status_code=304, headers={"etag": asset.etag})
    return Response(asset.body, media_type=asset.media_type,
                    headers={"etag": asset.etag, "cache-control": "no-cache"})
