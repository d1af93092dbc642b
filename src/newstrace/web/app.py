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
    (
        "/api/search?q=&outlet=&since=&until=&page=",
        f"current articles matching every word of q (FTS5, best first), {PAGE_SIZE} a page; since/until are "
        "YYYY-MM-DD publication days, until inclusive; without q, the newest articles",
    ),
    (
        "/api/stories/{story}",
        "a story (its id or any member's): versions, copy trees (nodes, edges with "
        "confidence, uncertain, change counts), timeline, storyline",
    ),
    (
        "/api/articles/{id}",
        "an article: metadata, sentences marked as shared or changed, parent, children, relations, claims",
    ),
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
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def _ids(request: Request, prefix: str, count: int) -> list[str]:
    """The ids in the path after ``prefix``, each percent-decoded from the raw path, so an id
    holding an encoded ``/`` stays one id."""
    raw = request.scope.get("raw_path")
    path = raw.decode("latin-1") if raw else request.url.path
    parts = path[len(prefix) :].split("/") if path.startswith(prefix) else []
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
    app = Starlette(
        routes=_routes(_Site(db)),
        exception_handlers={
            NotFoundError: _not_found,
            404: _not_found,
            InputError: _bad_input,
            500: _server_error,
            Exception: _server_error,
        },
    )
    return SecurityHeaders(app)


class _Site:
    """The store the server reads, each request in its own read-only connection."""

    def __init__(self, db: Path) -> None:
        self.db = db
        # The overview reads every group (slow on a large store) and changes only when the store
        # does: kept until the database file or its write-ahead log changes.
        self._summary_cache: dict[tuple[int, ...], dict[str, object]] = {}

    def read(self, fn: Callable[[Store], dict[str, object]]) -> dict[str, object]:
        with Store(self.db, readonly=True) as store:
            return fn(store)

    def summary(self) -> dict[str, object]:
        key = tuple(p.stat().st_mtime_ns if p.exists() else 0 for p in (self.db, Path(f"{self.db}-wal")))
        if key not in self._summary_cache:
            self._summary_cache.clear()
            self._summary_cache[key] = self.read(views.summary_view)
        return self._summary_cache[key]


def _section_ids(request: Request, section: str, count: int) -> list[str]:
    """The ids after a section's page path ("/stories/") or its API path ("/api/stories/")."""
    prefix = f"/api/{section}/" if request.url.path.startswith("/api") else f"/{section}/"
    return _ids(request, prefix, count)


def _summary_data(site: _Site, request: Request) -> dict[str, object]:
    return site.summary()


def _search_data(site: _Site, request: Request) -> dict[str, object]:
    q = request.query_params
    since, until = parse_day(q.get("since"), "since"), parse_day(q.get("until"), "until")
    page = _page_number(q.get("page"))
    return site.read(
        lambda s: search(s, q.get("q", ""), outlet=q.get("outlet") or None, since=since, until=until, page=page)
    )


def _story_data(site: _Site, request: Request) -> dict[str, object]:
    (story,) = _section_ids(request, "stories", 1)
    return site.read(lambda s: views.story_page(s, story))


def _article_data(site: _Site, request: Request) -> dict[str, object]:
    (aid,) = _section_ids(request, "articles", 1)
    return site.read(lambda s: views.article_page(s, aid))


def _diff_data(site: _Site, request: Request) -> dict[str, object]:
    parent, child = _section_ids(request, "diff", 2)
    return site.read(lambda s: views.diff_page(s, parent, child))


def _claim_data(site: _Site, request: Request) -> dict[str, object]:
    (claim,) = _section_ids(request, "claims", 1)
    return site.read(lambda s: views.claim_page(s, claim))


# Each kind of page: the data it shows (also served as JSON under /api) and its template.
_DATA: dict[str, Callable[[_Site, Request], dict[str, object]]] = {
    "summary": _summary_data,
    "search": _search_data,
    "stories": _story_data,
    "articles": _article_data,
    "diff": _diff_data,
    "claims": _claim_data,
}
_TEMPLATES = {
    "summary": "home.html",
    "search": "search.html",
    "stories": "story.html",
    "articles": "article.html",
    "diff": "diff.html",
    "claims": "claim.html",
}


def _api(site: _Site, kind: str) -> Callable[[Request], Response]:
    def endpoint(request: Request) -> Response:
        return JSONResponse(_DATA[kind](site, request))

    return endpoint


def _page(site: _Site, kind: str) -> Callable[[Request], Response]:
    def endpoint(request: Request) -> Response:
        d = _DATA[kind](site, request)
        extra = _search_extra(site, request, d) if kind == "search" else {}
        return HTMLResponse(render(_TEMPLATES[kind], d=d, **extra))

    return endpoint


def _search_extra(site: _Site, request: Request, d: dict[str, object]) -> dict[str, object]:
    """What the search page shows besides its results: the outlets to filter by, paging links."""
    params = {k: v for k, v in request.query_params.items() if k != "page" and v}
    return {
        "outlets": site.summary()["outlet_counts"],
        "q": d["query"],
        "page_url": lambda n: "/search?" + urlencode({**params, "page": n}),
    }


def _report(site: _Site) -> Callable[[Request], Response]:
    def endpoint(request: Request) -> Response:
        from newstrace.web.report import build_report

        (story,) = _ids(request, "/report/", 1)
        with Store(site.db, readonly=True) as store:
            html, csp = build_report(store, story)
        name = "newstrace-" + "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in story)[:80] + ".html"
        return HTMLResponse(
            html, headers={"content-security-policy": csp, "content-disposition": f'attachment; filename="{name}"'}
        )

    return endpoint


def _api_index(request: Request) -> Response:
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"endpoints": [{"path": p, "what": w} for p, w in ENDPOINTS]})
    return HTMLResponse(render("api.html", endpoints=ENDPOINTS))


def _failure(request: Request, status: int, title: str, message: str) -> Response:
    if request.url.path.startswith("/api"):
        return JSONResponse({"error": message}, status_code=status)
    return HTMLResponse(render("error.html", status=status, title=title, message=message), status_code=status)


async def _not_found(request: Request, exc: Exception) -> Response:
    message = str(exc) if isinstance(exc, NotFoundError) else "no such page"
    return _failure(request, 404, "Not found", message)


async def _bad_input(request: Request, exc: Exception) -> Response:
    return _failure(request, 400, "Cannot do that", str(exc))


async def _server_error(request: Request, exc: Exception) -> Response:
    log.exception("error serving %s", request.url.path)
    return _failure(
        request, 500, "Something went wrong", "the server could not build this page; the error is in the server's log"
    )


def _routes(site: _Site) -> list[BaseRoute]:
    """Pages and their JSON twins under /api, the API index, the report download, static files."""
    routes: list[BaseRoute] = [
        Route("/", _page(site, "summary")),
        Route("/search", _page(site, "search")),
        Route("/api", _api_index),
    ]
    for kind in ("stories", "articles", "diff", "claims"):
        routes.append(Route(f"/{kind}/{{rest:path}}", _page(site, kind)))
        routes.append(Route(f"/api/{kind}/{{rest:path}}", _api(site, kind)))
    routes += [
        Route("/api/summary", _api(site, "summary")),
        Route("/api/search", _api(site, "search")),
        Route("/report/{rest:path}", _report(site)),
        Mount("/static", StaticFiles(directory=str(resources.files("newstrace.web") / "static"))),
    ]
    return routes
