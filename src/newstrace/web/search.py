"""Full-text search over titles and texts: SQLite FTS5, or LIKE on a store without the index.

The index (table ``article_search``, rowid = ``article_key``) is built by the store migration
``0008_search`` and kept current by ``newstrace analyze``; it holds current versions only.
A store opened read-only that predates the index is searched with LIKE, which is slower and
unranked, and the result says so.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from datetime import date, timedelta

from newstrace.errors import InputError
from newstrace.store import Store

__all__ = ["PAGE_SIZE", "index_articles", "has_index", "search", "parse_day"]

PAGE_SIZE = 20
MAX_QUERY = 200
_WORD = re.compile(r"\w+")
_HIT_START, _HIT_END = "\x02", "\x03"  # snippet markers: text, never HTML, until rendered


def index_articles(store: Store, keys: Sequence[int]) -> None:
    """(Re)index the article versions ``keys`` and drop the versions they replace; inside the
    caller's transaction."""
    for i in range(0, len(keys), 500):
        chunk = list(keys[i:i + 500])
        marks = ",".join("?" * len(chunk))
        store.conn.execute(
            f"DELETE FROM article_search WHERE rowid IN (SELECT o.article_key FROM articles o JOIN articles n"
            f" ON n.id = o.id WHERE n.article_key IN ({marks}))", chunk)
        store.conn.execute(
            f"INSERT INTO article_search(rowid, title, text) SELECT article_key, COALESCE(title, ''), text"
            f" FROM articles WHERE article_key IN ({marks}) AND is_current = 1", chunk)


def has_index(store: Store) -> bool:
    return store.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'article_search'").fetchone() is not None


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
    for i, part in enumerate(re.split(f"[{_HIT_START}{_HIT_END}]", snippet)):
        if part:
            out.append([part, i % 2 == 1])
    return out


def _like_snippet(text: str, words: list[str], width: int = 90) -> str:
    low = text.lower()
    at = min((p for p in (low.find(w.lower()) for w in words) if p >= 0), default=0)
    start = max(0, at - width // 2)
    piece = text[start:start + width]
    for w in words:  # mark the words, as FTS5's snippet() does
        piece = re.sub(re.escape(w), lambda m: _HIT_START + m.group() + _HIT_END, piece, flags=re.IGNORECASE)
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def search(store: Store, query: str = "", *, outlet: str | None = None, since: date | None = None,
           until: date | None = None, page: int = 1) -> dict[str, object]:
    """One page of current articles matching every word of ``query`` (best first), filtered by
    outlet and publication day (``until`` inclusive); without words, the newest articles."""
    query = query.strip()[:MAX_QUERY]
    page = max(1, page)
    words = _WORD.findall(query)[:12]
    where, args = ["a.is_current = 1"], []
    indexed = has_index(store)
    if outlet:
        # With words, the unary + keeps SQLite from driving the full-text query from the outlet
        # index, which would probe the text index once per article of the outlet (seconds on
        # a large store); without words, the outlet index is the fast way in.
        where.append("+a.outlet = ?" if words and indexed else "a.outlet = ?")
        args.append(outlet)
    # Days as the article dates itself (its own offset): the first ten characters of ``published``.
    # The UTC bounds a day wider (offsets span -12 to +14 hours) let the time index narrow it first.
    if since:
        where += ["a.published_utc >= ?", "substr(a.published, 1, 10) >= ?"]
        args += [(since - timedelta(days=1)).isoformat(), since.isoformat()]
    if until:
        where += ["a.published_utc < ?", "substr(a.published, 1, 10) <= ?"]
        args += [(until + timedelta(days=2)).isoformat(), until.isoformat()]
    note = None
    cols = "a.id, a.title, a.outlet, a.published, g.story"
    joins = "LEFT JOIN groups g ON g.id = a.id"  # for the page's rows only: counting needs no join
    if words and indexed:
        match = " ".join(f'"{w}"' for w in words)
        base = (f"FROM article_search s JOIN articles a ON a.article_key = s.rowid"
                f" WHERE article_search MATCH ? AND {' AND '.join(where)}")
        sql = (f"SELECT {cols}, snippet(article_search, 1, '{_HIT_START}', '{_HIT_END}', '…', 14) "
               f"{base.replace(' WHERE ', f' {joins} WHERE ', 1)} ORDER BY s.rank LIMIT ? OFFSET ?")
        args = [match, *args]
    else:
        for w in words:
            pattern = "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append("(a.title LIKE ? ESCAPE '\\' OR a.text LIKE ? ESCAPE '\\')")
            args += [pattern, pattern]
        if words:
            note = ("this store has no search index yet, so the search is slower and unranked; "
                    "`newstrace analyze` builds the index")
        base = f"FROM articles a WHERE {' AND '.join(where)}"
        sql = (f"SELECT {cols}, substr(a.text, 1, 4000) FROM articles a {joins} WHERE {' AND '.join(where)}"
               " ORDER BY a.published_utc DESC LIMIT ? OFFSET ?")  # newest first; SQLite puts NULLs (undated) last
    try:
        total = int(store.conn.execute(f"SELECT COUNT(*) {base}", args).fetchone()[0])
        rows = store.conn.execute(sql, [*args, PAGE_SIZE, (page - 1) * PAGE_SIZE]).fetchall()
    except sqlite3.OperationalError as exc:  # a query FTS5 cannot parse: say so, do not fail
        raise InputError(f"cannot search for {query!r}: {exc}") from None
    results = []
    for r in rows:
        snippet = r[5] if words and indexed else (_like_snippet(r[5], words) if words else r[5][:160])
        results.append({"id": r[0], "title": r[1], "outlet": r[2], "published": r[3], "story": r[4],
                        "snippet": _segments(snippet)})
    return {"query": query, "outlet": outlet, "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None, "page": page, "page_size": PAGE_SIZE,
            "total": total, "pages": max(1, -(-total // PAGE_SIZE)), "results": results,
            "engine": "fts5" if words and indexed else "like", "note": note}
