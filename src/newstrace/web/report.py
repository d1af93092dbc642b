"""One self-contained HTML file for a story: styles, scripts and data inline, no network request.

Its Content-Security-Policy (a meta element) allows exactly its own inline scripts and style
by hash and forbids every fetch, so it also opens safely from a mail attachment.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from markupsafe import Markup

from newstrace.errors import NotFoundError
from newstrace.export import write_file_atomically
from newstrace.store import Store, queries
from newstrace.web import views
from newstrace.web.pages import csp_hash, render, static_text

__all__ = ["build_report", "write_report"]


def _story_of(store: Store, story_or_article: str) -> str:
    """An article id, or a story id (itself an article id: the story's earliest member)."""
    if queries.groups_of(store, story_or_article) is None:
        store.article(story_or_article)  # "no article ..." for an unknown id
        raise NotFoundError(f"{story_or_article!r} arrived after the last analysis; run `newstrace analyze`")
    return story_or_article


def build_report(store: Store, story_or_article: str) -> tuple[str, str]:
    """(the report's HTML, its Content-Security-Policy) for the story of ``story_or_article``."""
    article_id = _story_of(store, story_or_article)
    d = views.story_page(store, article_id)
    ids = [str(v["id"]) for v in cast(list[dict[str, Any]], d["versions"])]
    anchors = {aid: f"a-{i}" for i, aid in enumerate(ids)}
    edges = [
        (str(e["parent"]), str(e["child"]))
        for g in cast(list[dict[str, Any]], d["groups"])
        for e in g["edges"]
        if not str(e["parent"]).startswith("unknown:")
    ]
    diffs = {f"{p}\n{c}": f"d-{i}" for i, (p, c) in enumerate(edges)}
    articles = []
    for aid in ids:
        page = views.article_page(store, aid)
        articles.append({"article": page["article"], "parent": page["parent"], "paragraphs": page["paragraphs"]})
    diff_views = [views.diff_page(store, p, c) for p, c in edges]
    claims = views.story_claims(store, ids)
    scripts = [static_text("vendor/cytoscape.min.js"), static_text("app.js")]
    css = static_text("app.css")
    csp = (
        "default-src 'none'; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'; "
        f"style-src {csp_hash(css)}; script-src {' '.join(csp_hash(s) for s in scripts)}"
    )
    report = {
        "csp": csp,
        "css": Markup(css),
        "scripts": [Markup(s) for s in scripts],
        "anchors": anchors,
        "diffs": diffs,
        "links": {"anchors": anchors, "diffs": diffs},
        "articles": articles,
        "diff_views": diff_views,
        "claims": claims,
        "written": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "db": store.path.name,
    }
    for s in scripts:  # inline text that could end its element early would break the page
        assert "</script" not in s.lower(), "a vendored script holds </script"
    return render("report.html", d=d, report=report), csp


def write_report(store: Store, story_or_article: str, out: str | Path) -> int:
    """Write the report to ``out`` whole or not at all, never over the store; returns its size in bytes."""
    html, _ = build_report(store, story_or_article)
    data = html.encode("utf-8")
    return write_file_atomically(out, lambda fh: fh.write(data), protect=[store.path])
