"""Full-text search statements: the FTS5 index over current versions' titles and texts, and one
page of matches by words, outlet and publication day (LIKE on a store without the index).

The index (table ``article_search``, rowid = ``article_key``) is built by the store migration
``0008_search`` and kept current by ``newstrace analyze``; it holds current versions only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newstrace.store.connection import Store

__all__ = ["SearchRow", "SearchPage", "index_articles", "has_index", "search_page", "HIT_START", "HIT_END"]

HIT_START, HIT_END = "\x02", "\x03"  # snippet markers: text, never HTML, until rendered


@dataclass(frozen=True, slots=True)
class SearchRow:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    story: str | None
    text: str  # the index's snippet with hit markers, or the text's start when searched without the index


@dataclass(frozen=True, slots=True)
class SearchPage:
    total: int
    rows: list[SearchRow]
    indexed: bool  # searched with the full-text index (ranked), not LIKE


def index_articles(store: Store, keys: Sequence[int]) -> None:
    """(Re)index the article versions ``keys`` and drop the versions they replace; inside the
    caller's transaction."""
    for i in range(0, len(keys), 500):
        chunk = list(keys[i : i + 500])
        marks = ",".join("?" * len(chunk))
        store.conn.execute(
            f"DELETE FROM article_search WHERE rowid IN (SELECT o.article_key FROM articles o JOIN articles n"
            f" ON n.id = o.id WHERE n.article_key IN ({marks}))",
            chunk,
        )
        store.conn.execute(
            f"INSERT INTO article_search(rowid, title, text) SELECT article_key, COALESCE(title, ''), text"
            f" FROM articles WHERE article_key IN ({marks}) AND is_current = 1",
            chunk,
        )


def has_index(store: Store) -> bool:
    return store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'article_search'").fetchone() is not None


def search_page(
    store: Store,
    words: list[str],
    *,
    outlet: str | None,
    since: date | None,
    until: date | None,
    page: int,
    page_size: int,
) -> SearchPage:
    """Current articles holding every word (best first with the index, else newest first), by
    outlet and publication day (``until`` inclusive); without words, the newest articles.
    An ``sqlite3.OperationalError`` means FTS5 could not parse the words."""
    where: list[str] = ["a.is_current = 1"]
    args: list[object] = []
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
    cols = "a.id, a.title, a.outlet, a.published, g.story"
    joins = "LEFT JOIN groups g ON g.id = a.id"  # for the page's rows only: counting needs no join
    if words and indexed:
        match = " ".join(f'"{w}"' for w in words)
        base = (
            f"FROM article_search s JOIN articles a ON a.article_key = s.rowid"
            f" WHERE article_search MATCH ? AND {' AND '.join(where)}"
        )
        sql = (
            f"SELECT {cols}, snippet(article_search, 1, '{HIT_START}', '{HIT_END}', '…', 14) AS text "
            f"{base.replace(' WHERE ', f' {joins} WHERE ', 1)} ORDER BY s.rank LIMIT ? OFFSET ?"
        )
        args = [match, *args]
    else:
        for w in words:
            pattern = "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append("(a.title LIKE ? ESCAPE '\\' OR a.text LIKE ? ESCAPE '\\')")
            args += [pattern, pattern]
        base = f"FROM articles a WHERE {' AND '.join(where)}"
        sql = (
            f"SELECT {cols}, substr(a.text, 1, 4000) AS text FROM articles a {joins} WHERE {' AND '.join(where)}"
            " ORDER BY a.published_utc DESC LIMIT ? OFFSET ?"
        )  # newest first; SQLite puts NULLs (undated) last
    total = int(store.conn.execute(f"SELECT COUNT(*) {base}", args).fetchone()[0])
    rows = [
        SearchRow(r["id"], r["title"], r["outlet"], r["published"], r["story"], r["text"])
        for r in store.conn.execute(sql, [*args, page_size, (page - 1) * page_size])
    ]
    return SearchPage(total, rows, indexed)
