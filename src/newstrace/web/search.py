"""Full-text search over titles and texts: SQLite FTS5, or LIKE on a store without the index.

The index (table ``article_search``, rowid = ``article_key``) is built by the store migration
``0008_search`` and kept current by ``newstrace analyze``; it holds current versions only.
A store opened read-only that predates the index is searched with LIKE, which is slower and
unranked, and the result says so.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date

from newstrace.errors import InputError
from newstrace.store import Store
from newstrace.store.search import HIT_END, HIT_START, has_index, index_articles, search_page

__all__ = ["PAGE_SIZE", "index_articles", "has_index", "search", "parse_day"]

PAGE_SIZE = 20
MAX_QUERY = 200
_WORD = re.compile(r"\w+")


def parse_day(value: str | None, name: str) -> date | None:
    """A ``YYYY-MM-DD`` filter value, or None when empty."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{name} must be a date like 2022-03-21, not {value[:40]!r}") from None


def _segments(snippet: str) -> list[list[object]]:
    """A snippet with hit markers as ``[[text, is_hit], ...]``, so templates escape every part."""
    out: list[list[object]] = []
    for i, part in enumerate(re.split(f"[{HIT_START}{HIT_END}]", snippet)):
        if part:
            out.append([part, i % 2 == 1])
    return out


def _like_snippet(text: str, words: list[str], width: int = 90) -> str:
    low = text.lower()
    at = min((p for p in (low.find(w.lower()) for w in words) if p >= 0), default=0)
    start = max(0, at - width // 2)
    piece = text[start : start + width]
    for w in words:  # mark the words, as FTS5's snippet() does
        piece = re.sub(re.escape(w), lambda m: HIT_START + m.group() + HIT_END, piece, flags=re.IGNORECASE)
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def search(
    store: Store,
    query: str = "",
    *,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    page: int = 1,
) -> dict[str, object]:
    """One page of current articles matching every word of ``query`` (best first), filtered by
    outlet and publication day (``until`` inclusive); without words, the newest articles."""
    query = query.strip()[:MAX_QUERY]
    page = max(1, page)
    words = _WORD.findall(query)[:12]
    try:
        found = search_page(store, words, outlet=outlet, since=since, until=until, page=page, page_size=PAGE_SIZE)
    except sqlite3.OperationalError as exc:  # a query FTS5 cannot parse: say so, do not fail
        raise InputError(f"cannot search for {query!r}: {exc}") from None
    indexed, total = found.indexed, found.total
    note = None
    if words and not indexed:
        note = (
            "this store has no search index yet, so the search is slower and unranked; "
            "`newstrace analyze` builds the index"
        )
    results = []
    for r in found.rows:
        snippet = r.text if words and indexed else (_like_snippet(r.text, words) if words else r.text[:160])
        results.append(
            {
                "id": r.id,
                "title": r.title,
                "outlet": r.outlet,
                "published": r.published,
                "story": r.story,
                "snippet": _segments(snippet),
            }
        )
    return {
        "query": query,
        "outlet": outlet,
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "page": page,
        "page_size": PAGE_SIZE,
        "total": total,
        "pages": max(1, -(-total // PAGE_SIZE)),
        "results": results,
        "engine": "fts5" if words and indexed else "like",
        "note": note,
    }
