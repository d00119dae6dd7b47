"""`create_app(library_path, options)`: the FastAPI application of `unspun serve`.

One process serves the JSON API (`unspun.service.api`) and the web app
(`unspun.service.web`) over one library: a pool of reader threads with read-only
connections, one writer thread, and the guard in front of everything (security headers,
body size limits). Errors are JSON `{"error": message, "detail": ...}` on API paths and an
HTML page on the app's pages.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartParser

from unspun import __version__
from unspun.errors import InputError, UnspunError
from unspun.ingest import article_from_text
from unspun.library import Library
from unspun.model import Article
from unspun.pipeline import trace
from unspun.service.assets import Asset, load_assets
from unspun.service.guard import ASGIApp, Guard, Message, Receive, Scope, Send
from unspun.service.options import ServeOptions
from unspun.service.pages import error_page
from unspun.service.stories_view import StoriesCache
from unspun.service.workers import AddResult, Busy, ReaderPool, Writer

T = TypeVar("T")
_log = logging.getLogger("unspun.service")


class ApiError(Exception):
    """An error with its HTTP status, shown to the client as it is."""

    def __init__(self, status: int, message: str, detail: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.detail = detail


class Service:
    """What the routes share: options, readers, the writer, stories cache, assets."""

    def __init__(self, library_path: Path, options: ServeOptions) -> None:
        self.options = options
        self.path = library_path
        if options.read_only:
            Library.open(library_path, readonly=True).close()  # fail now if it is not there
            self.writer: Writer | None = None
        else:
            self.writer = Writer(library_path, options.writer_batch)
        self.readers = ReaderPool(library_path, options.readers, options.max_waiting)
        # Quick look-ups (an article, the stories, a count) get their own thread and
        # connection, so browsing never queues behind a line of traces.
        self.lookups = ReaderPool(library_path, 1, options.max_waiting)
        self.stories = StoriesCache()
        # Load what tracing loads lazily (word lists, lexicons) now, not on a user's request.
        self.readers.submit(_warm_up, options)
        self.assets: dict[str, Asset] = load_assets()

    async def read(self, fn: Callable[..., T], *args: Any, quick: bool = False) -> T:
        """`fn(library, *args)` on a reader thread (the look-up thread when `quick`); 503
        when too many wait already."""
        try:
            fut = (self.lookups if quick else self.readers).submit(fn, *args)
        except Busy:
            raise ApiError(503, "server busy: too many requests are waiting; retry shortly"
                           ) from None
        return await asyncio.wrap_future(fut)

    async def add(self, articles: list[Article]) -> AddResult:
        if self.writer is None:
            raise ApiError(403, "this server is read-only: adding articles is disabled")
        fut = self.writer.submit(articles)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(fut),
                                          timeout=self.options.writer_timeout)
        except TimeoutError:
            raise ApiError(503, "the library is busy (write lock held elsewhere); the articles "
                           "may still be added: retry to check") from None

    def close(self) -> None:
        self.readers.close()
        self.lookups.close()
        if self.writer is not None:
            self.writer.close()


def _warm_up(library: Library, options: ServeOptions) -> None:
    text = ("Warm-up article\n\nThe council said on Monday that 40 new homes would be built "
            "near the station, and residents welcomed the plan.")
    with contextlib.suppress(Exception):  # a failure here shows up again on real requests
        trace(library, article_from_text(text, options=options.read), options.trace)


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith(("/api/", "/healthz", "/openapi")) or path == "/api/"


def _error(request: Request, status: int, message: str, detail: Any = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message, "detail": detail}, status_code=status)
    return HTMLResponse(error_page(status, message), status_code=status)


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return _error(request, exc.status, exc.message, exc.detail)

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError) -> Response:
        return _error(request, 400, f"cannot read the article: {exc.reason}",
                      {"source": exc.source})

    @app.exception_handler(UnspunError)
    async def _unspun_error(request: Request, exc: UnspunError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{k: v for k, v in e.items() if k in ("type", "loc", "msg")}
                  for e in exc.errors()]
        if any(e.get("type") == "json_invalid" for e in errors):
            return _error(request, 400, "the body is not valid JSON", errors)
        return _error(request, 422, "invalid request", errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = "not found"
        return _error(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        # No traceback or internal detail reaches the client.
        return _error(request, 500, "internal error")


def body_limit(options: ServeOptions) -> Callable[[str], int]:
    def limit_for(path: str) -> int:
        if path in ("/api/trace", "/trace"):
            return options.max_trace_bytes
        if path == "/api/articles":
            return options.max_add_bytes
        return options.max_other_bytes

    return limit_for


class _Answered:
    """Ends a request normally once its response went out whole, even if the app raised.

    Starlette's handler of crashes sends our 500 and then re-raises, so that the server can
    log it; uvicorn then closes the connection, and a keep-alive client's next request on it
    fails (ECONNRESET). The crash is logged here instead, for the operator, not the client.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        answered = False

        async def send_tracked(message: Message) -> None:
            nonlocal answered
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                answered = True

        try:
            await self.app(scope, receive, send_tracked)
        except Exception:
            if not answered:
                raise  # the server must still answer (or drop a half-sent response)
            _log.exception("internal error on %s %s", scope.get("method"), scope.get("path"))


class _App(FastAPI):
    """FastAPI with the guard outside everything, even the handler of crashes, so every
    response (a 500 too) carries the security headers and no body skips the size limit."""

    def __init__(self, options: ServeOptions, **kwargs: Any) -> None:
        self._serve_options = options
        super().__init__(**kwargs)

    def build_middleware_stack(self) -> Any:
        opts = self._serve_options
        return Guard(_Answered(super().build_middleware_stack()), body_limit(opts),
                     opts.allowed_hosts)


def create_app(library_path: str | Path, options: ServeOptions | None = None) -> FastAPI:
    """The application over the library at `library_path` (created when missing, unless
    `options.read_only`). Readers and the writer start now; they stop at shutdown."""
    from unspun.service import api, web  # routes import this module's helpers

    opts = options or ServeOptions()
    # Uploads stay in memory (the guard already holds the whole body, within its limit):
    # starlette would otherwise spool parts over 1 MB to temporary files on disk.
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size,
                                         opts.max_trace_bytes, opts.max_add_bytes)
    service = Service(Path(library_path), opts)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            service.close()

    app = _App(
        opts,
        title="unspun",
        version=__version__,
        summary="Where did this news article come from, and what did they change?",
        description=("Trace an article to the library's articles it was copied from, add "
                     "articles, and browse stories and site profiles. Article text is "
                     "treated as hostile: nothing in it is fetched or run."),
        docs_url=None, redoc_url=None, openapi_url="/openapi.json", lifespan=lifespan,
    )
    app.state.service = service
    _install_handlers(app)
    app.include_router(api.router)
    app.include_router(web.router)
    return app
