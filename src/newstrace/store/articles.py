"""Reads and writes of what ingest stores: raw inputs, article versions with their bylines,
sources, removed lines and notes, rejects, ingest runs and the chrome learned per outlet."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from newstrace.errors import NotFoundError
from newstrace.model import Article, CitedSource, Person, RawInput, Reject

if TYPE_CHECKING:
    from newstrace.store.connection import Store

__all__ = [
    "WriteStatus",
    "raw_sha256",
    "known_recipes",
    "write_article",
    "write_reject",
    "start_run",
    "finish_run",
    "outlet_texts",
    "boilerplate",
    "save_boilerplate",
    "replace_text",
    "article",
    "current_articles",
    "count_articles",
    "rejects",
    "raw_payload",
]

WriteStatus = Literal["added", "new_version", "unchanged"]

_ARTICLE_COLUMNS = (
    "article_key, id, version, url, outlet, title, published, published_from, published_precision,"
    " dateline, text, text_hash"
)


def raw_sha256(raw: RawInput) -> str:
    """Identity of an input: its format and exact payload."""
    h = hashlib.sha256(raw.format.encode())
    h.update(b"\0")
    h.update(raw.payload.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _alive(pid: int | None) -> bool:
    """Whether process ``pid`` still runs on this machine (runs without a pid predate the column)."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _iso(dt: datetime | None) -> tuple[str | None, str | None]:
    if dt is None:
        return None, None
    utc = dt.astimezone(UTC) if dt.tzinfo else dt.replace(tzinfo=UTC)
    return dt.isoformat(), utc.strftime("%Y-%m-%dT%H:%M:%SZ")


def _same_metadata(stored: Article, new: Article) -> bool:
    """Whether two versions say the same of an article beyond its text."""

    def key(a: Article) -> tuple[object, ...]:
        return (
            a.url,
            a.outlet,
            a.title,
            a.published.isoformat() if a.published else None,
            a.published_from,
            a.dateline,
            [(p.role, p.name) for p in a.byline],
            [(s.name, s.phrase) for s in a.sources],
        )

    return key(stored) == key(new)


# -- ingest writes -------------------------------------------------------------------


def known_recipes(store: Store, recipes: list[str]) -> dict[str, str | None]:
    """Inputs already processed with the same mapping and cleaning: recipe -> None for an
    article, or the reject reason."""
    found: dict[str, str | None] = {}
    for i in range(0, len(recipes), 500):
        chunk = recipes[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for recipe, reason in store.conn.execute(
            f"SELECT recipe, reject_reason FROM ingested WHERE recipe IN ({marks})", chunk
        ):
            found[recipe] = reason
    return found


def _record_recipe(store: Store, recipe: str | None, raw_id: int | None, reason: str | None) -> None:
    if recipe is not None and raw_id is not None:
        store.conn.execute(
            "INSERT OR REPLACE INTO ingested(recipe, raw_id, reject_reason) VALUES (?,?,?)", (recipe, raw_id, reason)
        )


def _insert_raw(store: Store, raw: RawInput, sha: str) -> int:
    cur = store.conn.execute(
        "INSERT INTO raw_inputs(sha256, origin, line, format, payload, ingested_at) "
        "VALUES (?,?,?,?,?,?) ON CONFLICT(sha256) DO NOTHING",
        (sha, raw.origin, raw.line, raw.format, raw.payload, _now()),
    )
    if cur.rowcount:
        return int(cur.lastrowid or 0)
    return int(store.conn.execute("SELECT raw_id FROM raw_inputs WHERE sha256=?", (sha,)).fetchone()[0])


def write_article(
    store: Store,
    raw: RawInput,
    sha: str,
    article: Article,
    removed: list[tuple[str, str]],
    notes: list[tuple[str, str]] | None = None,
    recipe: str | None = None,
) -> WriteStatus:
    """Store one article inside the caller's transaction.

    The same id with the same text and metadata already stored (any version) is
    ``unchanged``; the same id with new text or new metadata (a corrected field
    mapping, better cleaning) becomes a new version, never an overwrite.
    """
    raw_id = _insert_raw(store, raw, sha)
    _record_recipe(store, recipe, raw_id, None)
    versions = store.conn.execute(
        f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id=? ORDER BY version", (article.id,)
    ).fetchall()
    if any(v["text_hash"] == article.text_hash and _same_metadata(_article(store, v), article) for v in versions):
        return "unchanged"
    version = versions[-1]["version"] + 1 if versions else 1
    if versions:
        store.conn.execute("UPDATE articles SET is_current=0 WHERE id=?", (article.id,))
    published, published_utc = _iso(article.published)
    cur = store.conn.execute(
        "INSERT INTO articles(id, version, is_current, url, outlet, title, published, published_utc,"
        " published_from, published_precision, dateline, text, text_hash, raw_id, ingested_at)"
        " VALUES (?,?,1,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            article.id,
            version,
            article.url,
            article.outlet,
            article.title,
            published,
            published_utc,
            article.published_from,
            article.published_precision if published else None,
            article.dateline,
            article.text,
            article.text_hash,
            raw_id,
            _now(),
        ),
    )
    _insert_parts(store, int(cur.lastrowid or 0), article, removed, notes or [])
    article.version = version
    return "added" if version == 1 else "new_version"


def _insert_parts(
    store: Store, key: int, article: Article, removed: list[tuple[str, str]], notes: list[tuple[str, str]]
) -> None:
    """One stored version's byline, cited sources, removed lines and notes."""
    store.conn.executemany(
        "INSERT INTO bylines(article_key, position, role, name) VALUES (?,?,?,?)",
        [(key, i, p.role, p.name) for i, p in enumerate(article.byline)],
    )
    store.conn.executemany(
        "INSERT INTO sources(article_key, position, name, phrase) VALUES (?,?,?,?)",
        [(key, i, s.name, s.phrase) for i, s in enumerate(article.sources)],
    )
    store.conn.executemany(
        "INSERT INTO removed_lines(article_key, position, line, reason) VALUES (?,?,?,?)",
        [(key, i, line, reason) for i, (line, reason) in enumerate(removed)],
    )
    store.conn.executemany(
        "INSERT INTO notes(article_key, kind, detail) VALUES (?,?,?)", [(key, k, d) for k, d in notes]
    )


def write_reject(
    store: Store,
    reject: Reject,
    run_id: int | None,
    raw: RawInput | None = None,
    sha: str | None = None,
    recipe: str | None = None,
) -> bool:
    """Record a reject (once per origin, line and reason); True if it is new.

    The rejected input itself is kept in ``raw_inputs`` whenever it was read
    whole, so nothing is lost and a fixed re-run can be checked against it.
    """
    raw_id = None
    if raw is None and reject.payload is not None:
        raw = RawInput(reject.origin, reject.line, "jsonl", reject.payload)
        sha = raw_sha256(raw)
    if raw is not None and sha is not None:
        raw_id = _insert_raw(store, raw, sha)
        _record_recipe(store, recipe, raw_id, reject.reason)
    cur = store.conn.execute(
        "INSERT OR IGNORE INTO rejects(origin, line, reason, detail, excerpt, raw_id, run_id) VALUES (?,?,?,?,?,?,?)",
        (reject.origin, reject.line, reject.reason, reject.detail, reject.excerpt, raw_id, run_id),
    )
    return bool(cur.rowcount)


def start_run(store: Store, inputs: list[str]) -> int:
    """Record a new ingest run; runs left ``running`` by a process that is gone (killed)
    are marked ``interrupted`` first."""
    with store.transaction():
        for run_id, pid in store.conn.execute("SELECT run_id, pid FROM ingest_runs WHERE status='running'").fetchall():
            if not _alive(pid):
                store.conn.execute("UPDATE ingest_runs SET status='interrupted' WHERE run_id=?", (run_id,))
        cur = store.conn.execute(
            "INSERT INTO ingest_runs(started_at, inputs, pid) VALUES (?, ?, ?)",
            (_now(), "\n".join(inputs), os.getpid()),
        )
    return int(cur.lastrowid or 0)


def finish_run(store: Store, run_id: int, counts: dict[str, int], status: str = "done") -> None:
    store.conn.execute(
        "UPDATE ingest_runs SET finished_at=?, added=?, new_versions=?, unchanged=?, rejected=?,"
        " status=? WHERE run_id=?",
        (
            _now(),
            counts.get("added", 0),
            counts.get("new_version", 0),
            counts.get("unchanged", 0),
            counts.get("rejected", 0),
            status,
            run_id,
        ),
    )


# -- boilerplate learned per outlet ----------------------------------------------------


def outlet_texts(store: Store, outlet: str) -> Iterator[tuple[int, str]]:
    """(article key, text) of every current article of ``outlet``."""
    for key, text in store.conn.execute(
        "SELECT article_key, text FROM articles WHERE is_current=1 AND outlet=?", (outlet,)
    ):
        yield int(key), str(text)


def boilerplate(store: Store, outlet: str) -> set[str]:
    return {r[0] for r in store.conn.execute("SELECT line FROM boilerplate WHERE outlet=?", (outlet,))}


def save_boilerplate(store: Store, outlet: str, lines: Iterable[str]) -> None:
    """Replace the chrome lines learned for ``outlet``; inside the caller's transaction."""
    store.conn.execute("DELETE FROM boilerplate WHERE outlet=?", (outlet,))
    store.conn.executemany(
        "INSERT INTO boilerplate(outlet, line, articles) VALUES (?,?,?)", [(outlet, line, 0) for line in lines]
    )


def replace_text(store: Store, key: int, text: str, removed: list[tuple[str, str]]) -> None:
    """Re-cleaned text of one stored version (cleaning refinements are not new versions)."""
    start = store.conn.execute(
        "SELECT COALESCE(MAX(position)+1, 0) FROM removed_lines WHERE article_key=?", (key,)
    ).fetchone()[0]
    store.conn.execute("UPDATE articles SET text=? WHERE article_key=?", (text, key))
    # The analysis of the old text is stale: dropping the signature makes the next
    # analysis treat the article as new.
    store.conn.execute("DELETE FROM signatures WHERE article_key=?", (key,))
    store.conn.executemany(
        "INSERT INTO removed_lines(article_key, position, line, reason) VALUES (?,?,?,?)",
        [(key, start + i, line, reason) for i, (line, reason) in enumerate(removed)],
    )


# -- reads ---------------------------------------------------------------------------


def _article(store: Store, row: sqlite3.Row) -> Article:
    key = row["article_key"]
    byline = [
        Person(r["role"], r["name"])
        for r in store.conn.execute("SELECT role, name FROM bylines WHERE article_key=? ORDER BY position", (key,))
    ]
    sources = [
        CitedSource(r["name"], r["phrase"])
        for r in store.conn.execute("SELECT name, phrase FROM sources WHERE article_key=? ORDER BY position", (key,))
    ]
    published = datetime.fromisoformat(row["published"]) if row["published"] else None
    return Article(
        id=row["id"],
        text=row["text"],
        url=row["url"],
        outlet=row["outlet"],
        title=row["title"],
        published=published,
        published_from=row["published_from"],
        published_precision=row["published_precision"],
        byline=byline,
        dateline=row["dateline"],
        sources=sources,
        version=row["version"],
        text_hash=row["text_hash"],
    )


def article(store: Store, article_id: str, version: int | None = None) -> Article:
    """One article: its current version, or the given one."""
    if version is None:
        row = store.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id=? AND is_current=1", (article_id,)
        ).fetchone()
    else:
        row = store.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id=? AND version=?", (article_id, version)
        ).fetchone()
    if row is None:
        raise NotFoundError(f"no article {article_id!r} in {store.path}; `newstrace export articles` lists ids")
    return _article(store, row)


def current_articles(store: Store) -> Iterator[Article]:
    """Current versions, oldest publication first (undated last), then by id."""
    rows = store.conn.execute(
        f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE is_current=1 ORDER BY published_utc IS NULL, published_utc, id"
    )
    for row in rows.fetchall():
        yield _article(store, row)


def count_articles(store: Store) -> int:
    return int(store.conn.execute("SELECT COUNT(*) FROM articles WHERE is_current=1").fetchone()[0])


def rejects(store: Store) -> list[Reject]:
    return [
        Reject(r["origin"], r["line"], r["reason"], r["detail"], r["excerpt"])
        for r in store.conn.execute("SELECT origin, line, reason, detail, excerpt FROM rejects ORDER BY reject_id")
    ]


def raw_payload(store: Store, article_id: str) -> str:
    row = store.conn.execute(
        "SELECT r.payload FROM articles a JOIN raw_inputs r USING(raw_id) WHERE a.id=? AND a.is_current=1",
        (article_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no article {article_id!r} in {store.path}")
    return str(row[0])
