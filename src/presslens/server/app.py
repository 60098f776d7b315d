"""The FastAPI app: JSON API under /api, the web UI at /, API docs at /docs.

Security posture (ingested pages are hostile input): GET/HEAD only; a strict Content-Security-Policy
(no inline script or style, nothing from other origins); the UI builds DOM with textContent only;
a Host-header allow-list so a web page elsewhere cannot reach the API through DNS rebinding.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ..store import StoreError
from ..text.safe import one_line
from .api import router
from .cursor import BadCursor
from .db import Db
from .db_base import THREADS

STATIC = Path(str(resources.files("presslens.server") / "static"))
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]


class HeadAsGet:
    """ASGI middleware: a HEAD request runs as GET and its body is dropped (headers, including
    Content-Length, stay those of the GET), so every GET route answers HEAD instead of 405."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Any) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


def _index_quietly(database: Db) -> None:
    with contextlib.suppress(StoreError):  # busy or unreadable now: the first search builds it instead
        database.build_index()


def create_app(db_path: str | Path, *, allowed_hosts: Sequence[str] | None = None,
               index_in_background: bool = True, threads: int = THREADS) -> FastAPI:
    """Build the app over the store at ``db_path`` (opened read-only; ``threads``: setting server.threads)."""
    database = Db(db_path, threads=threads)
    database.background_index = index_in_background

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if index_in_background:
            # Search falls back to building the index on first use if this has not finished.
            threading.Thread(target=_index_quietly, args=(database,), name="presslens-fts", daemon=True).start()
        yield
        database.close()

    app = FastAPI(
        title="presslens",
        version="1",
        description="Read-only API over a presslens store. Every item carries article_id and page "
        "character offsets (start/end). List endpoints have a `.csv` twin exporting all rows.",
        docs_url=None,  # FastAPI's Swagger page loads scripts from a CDN; ours is vendored (see /docs)
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.db = database
    hosts = list(allowed_hosts or []) + LOOPBACK_HOSTS
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if request.method not in ("GET", "HEAD"):
            resp: Response = JSONResponse({"detail": "read-only server: only GET"}, status_code=405,
                                          headers={"Allow": "GET, HEAD"})
        else:
            resp = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            resp.headers.setdefault(k, v)
        return resp

    @app.middleware("http")
    async def hold_store(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        # The store is attached only while API requests run, so an ingest can commit between them.
        if not request.url.path.startswith("/api/"):
            return await call_next(request)
        try:
            await run_in_threadpool(database.acquire)
        except StoreError as exc:
            return JSONResponse({"detail": one_line(exc)}, status_code=503, headers={"Retry-After": "2"})
        try:
            return await call_next(request)
        finally:
            await run_in_threadpool(database.release)

    @app.exception_handler(BadCursor)
    async def bad_cursor(request: Request, exc: BadCursor) -> Response:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    # Outermost: HEAD is answered as GET without a body (the docs promise GET/HEAD everywhere).
    app.add_middleware(HeadAsGet)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html; charset=utf-8")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    return app
