"""The local web server: HTML pages and their JSON API over one store, opened read-only."""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newstrace.errors import InputError, NotFoundError
from newstrace.store import Store
from newstrace.web import views
from newstrace.web.pages import SERVER_CSP, render
from newstrace.web.search import PAGE_SIZE, parse_day, search

__all__ = ["create_app", "ENDPOINTS"]

log = logging.getLogger("newstrace.web")

ENDPOINTS = [
    ("/api/summary", "the store: counts of articles, outlets, stories, copy groups; time span; largest stories"),
    ("/api/search?q=&outlet=&since=&until=&page=",
     f"current articles matching every word of q (FTS5, best first), {PAGE_SIZE} a page; since/until are "
     "YYYY-MM-DD publication days, until inclusive; without q, the newest articles"),
    ("/api/stories/{story}", "a story (its id or any member's): versions, copy trees (nodes, edges with "
     "confidence, uncertain, change counts), timeline, storyline"),
    ("/api/articles/{id}", "an article: metadata, sentences marked as shared or changed, parent, children, "
     "relations, claims"),
    ("/api/diff/{parent}/{child}", "what child changed from parent: each change's kind, tags and word diff"),
    ("/api/claims/{claim}", "a claim's carriers over time, certainty per version, denials and confirmations"),
    ("/report/{story}", "a one-file HTML report of the story, as `newstrace report` writes it"),
]
_MAX_ID = 1000


class SecurityHeaders:
    """Adds the Content-Security-Policy and related headers to every response, errors included,
    unless the response set its own policy (the report carries a stricter, hash-based one)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", SERVER_CSP.encode()))
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                            (b"x-frame-options", b"DENY")]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def _ids(request: Request, prefix: str, count: int) -> list[str]:
    """The ids in the path after ``prefix``, each percent-decoded from the raw path, so an id
    holding an encoded ``/`` stays one id."""
    raw = request.scope.get("raw_path")
    path = raw.decode("latin-1") if raw else request.url.path
    parts = path[len(prefix):].split("/") if path.startswith(prefix) else []
    ids = [unquote(p, errors="strict") for p in parts]
    if len(ids) != count or any(not i or len(i) > _MAX_ID or any(ord(ch) < 32 for ch in i) for i in ids):
        raise NotFoundError(f"no such page: {path[:200]!r}")
    return ids


def _page_number(value: str | None) -> int:
    try:
        page = int(value or 1)
    except ValueError:
        raise InputError(f"page must be a number, not {str(value)[:20]!r}") from None
    if not 1 <= page <= 100_000:
        raise InputError("page must be between 1 and 100000")
    return page


def create_app(db: str | Path) -> Starlette | SecurityHeaders:
    """The ASGI application over the store ``db``, which it only ever reads."""
    db = Path(db)
    with Store(db, readonly=True):  # fail now, with the usual message, if it is not a store
        pass

    def read(fn: Callable[[Store], dict[str, object]]) -> dict[str, object]:
        with Store(db, readonly=True) as store:
            return fn(store)

    # The overview reads every group (slow on a large store) and changes only when the store
    # does: kept until the database file or its write-ahead log changes.
    summary_cache: dict[tuple[int, ...], dict[str, object]] = {}

    def summary() -> dict[str, object]:
        key = tuple(p.stat().st_mtime_ns if p.exists() else 0 for p in (db, Path(f"{db}-wal")))
        if key not in summary_cache:
            summary_cache.clear()
            summary_cache[key] = read(views.summary_view)
        return summary_cache[key]

    def search_data(request: Request) -> dict[str, object]:
        q = request.query_params
        since, until = parse_day(q.get("since"), "since"), parse_day(q.get("until"), "until")
        page = _page_number(q.get("page"))
        return read(lambda s: search(s, q.get("q", ""), outlet=q.get("outlet") or None, since=since,
                                     until=until, page=page))

    def data_of(kind: str, request: Request) -> dict[str, object]:
        if kind == "summary":
            return summary()
        if kind == "search":
            return search_data(request)
        if kind == "stories":
            (story,) = _ids(request, "/api/stories/" if request.url.path.startswith("/api") else "/stories/", 1)
            return read(lambda s: views.story_page(s, story))
        if kind == "articles":
            (aid,) = _ids(request, "/api/articles/" if request.url.path.startswith("/api") else "/articles/", 1)
            return read(lambda s: views.article_page(s, aid))
        if kind == "diff":
            parent, child = _ids(request, "/api/diff/" if request.url.path.startswith("/api") else "/diff/", 2)
            return read(lambda s: views.diff_page(s, parent, child))
        (claim,) = _ids(request, "/api/claims/" if request.url.path.startswith("/api") else "/claims/", 1)
        return read(lambda s: views.claim_page(s, claim))

    def api(kind: str) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            return JSONResponse(data_of(kind, request))
        return endpoint

    templates = {"summary": "home.html", "search": "search.html", "stories": "story.html",
                 "articles": "article.html", "diff": "diff.html", "claims": "claim.html"}

    def page(kind: str) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            d = data_of(kind, request)
            extra: dict[str, object] = {}
            if kind == "search":
                extra["outlets"] = summary()["outlet_counts"]
                extra["q"] = d["query"]
                params = {k: v for k, v in request.query_params.items() if k != "page" and v}
                extra["page_url"] = lambda n: "/search?" + urlencode({**params, "page": n})
            return HTMLResponse(render(templates[kind], d=d, **extra))
        return endpoint

    def report(request: Request) -> Response:
        from newstrace.web.report import build_report

        (story,) = _ids(request, "/report/", 1)
        with Store(db, readonly=True) as store:
            html, csp = build_report(store, story)
        name = "newstrace-" + "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in story)[:80] + ".html"
        return HTMLResponse(html, headers={"content-security-policy": csp,
                                           "content-disposition": f'attachment; filename="{name}"'})

    def api_index(request: Request) -> Response:
        if "application/json" in request.headers.get("accept", ""):
            return JSONResponse({"endpoints": [{"path": p, "what": w} for p, w in ENDPOINTS]})
        return HTMLResponse(render("api.html", endpoints=ENDPOINTS))

    def failure(request: Request, status: int, title: str, message: str) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse({"error": message}, status_code=status)
        return HTMLResponse(render("error.html", status=status, title=title, message=message), status_code=status)

    async def not_found(request: Request, exc: Exception) -> Response:
        message = str(exc) if isinstance(exc, NotFoundError) else "no such page"
        return failure(request, 404, "Not found", message)

    async def bad_input(request: Request, exc: Exception) -> Response:
        return failure(request, 400, "Cannot do that", str(exc))

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return failure(request, 500, "Something went wrong",
                       "the server could not build this page; the error is in the server's log")

    routes: list[BaseRoute] = [Route("/", page("summary")), Route("/search", page("search")), Route("/api", api_index)]
    for kind, prefix in (("stories", "stories"), ("articles", "articles"), ("diff", "diff"), ("claims", "claims")):
        routes.append(Route(f"/{prefix}/{{rest:path}}", page(kind)))
        routes.append(Route(f"/api/{prefix}/{{rest:path}}", api(kind)))
    routes += [Route("/api/summary", api("summary")),
               Route("/api/search", api("search")), Route("/report/{rest:path}", report),
               Mount("/static", StaticFiles(directory=str(resources.files("newstrace.web") / "static")))]
    app = Starlette(routes=routes, exception_handlers={
        NotFoundError: not_found, 404: not_found, InputError: bad_input, 500: server_error,
        Exception: server_error})
    return SecurityHeaders(app)

