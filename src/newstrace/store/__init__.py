"""The embedded SQLite store: one writer connection, named migrations, plain tables.

Every write goes through ``Store`` inside a transaction, so a process killed in
the middle of a batch leaves the database as it was before that batch.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from newstrace.errors import NotFoundError, StoreError
from newstrace.model import Article, CitedSource, Person, RawInput, Reject
from newstrace.store.schema import MIGRATIONS, migrate

__all__ = ["Store", "raw_sha256", "WriteStatus", "store_error_message"]

WriteStatus = Literal["added", "new_version", "unchanged"]


def raw_sha256(raw: RawInput) -> str:
    """Identity of an input: its format and exact payload."""
    h = hashlib.sha256(raw.format.encode())
    h.update(b"\0")
    h.update(raw.payload.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def store_error_message(path: str | Path, exc: sqlite3.Error) -> str:
    """What a database error means for the user, and what to do about it."""
    name = getattr(exc, "sqlite_errorname", "")
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in str(exc):
        return (f"the store {path} is damaged ({exc}). Nothing more was written to it. Recover what it "
                f"holds into a new file with `sqlite3 {path} .recover | sqlite3 recovered.db` and use "
                "--db recovered.db; or ingest the inputs again into a new store")
    if name in ("SQLITE_BUSY", "SQLITE_LOCKED") or "locked" in str(exc):
        return f"the store {path} is busy (another newstrace is writing to it); try again when it is done"
    if name == "SQLITE_FULL" or "full" in str(exc):
        return f"the disk holding {path} is full; free some space and run the command again"
    return f"the store {path} cannot be used: {exc}"


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
        return (a.url, a.outlet, a.title, a.published.isoformat() if a.published else None, a.published_from,
                a.dateline, [(p.role, p.name) for p in a.byline], [(s.name, s.phrase) for s in a.sources])

    return key(stored) == key(new)


class Store:
    """A newstrace database file. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly and not self.path.exists():
            raise StoreError(f"no store at {self.path}; run `newstrace ingest PATH --db {self.path}` first")
        try:
            uri = f"file:{self.path}?mode=ro" if readonly else f"file:{self.path}"
            self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        self.conn.row_factory = sqlite3.Row
        try:
            if not readonly:
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._check_version()
            if not readonly:
                migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            if "malformed" in str(exc):
                raise StoreError(store_error_message(self.path, exc)) from exc
            raise StoreError(f"{self.path} is not a newstrace store ({exc}); choose another --db") from exc

    def _check_version(self) -> None:
        has = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='migrations'").fetchone()
        if not has:
            return
        known = {name for name, _ in MIGRATIONS}
        unknown = [r[0] for r in self.conn.execute("SELECT name FROM migrations") if r[0] not in known]
        if unknown:
            raise StoreError(f"{self.path} was written by a newer newstrace (migrations {unknown}); upgrade")

    def close(self) -> None:
        self.conn.close()

    def check(self) -> None:
        """Raise ``StoreError`` if the file is damaged, before anything is written into it
        (SQLite's quick check reads every page once)."""
        try:
            problems = [r[0] for r in self.conn.execute("PRAGMA quick_check(5)")]
        except sqlite3.DatabaseError as exc:
            raise StoreError(store_error_message(self.path, exc)) from exc
        if problems != ["ok"]:
            raise StoreError(store_error_message(self.path, sqlite3.DatabaseError(
                "database disk image is malformed: " + "; ".join(problems))))

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- ingest writes -------------------------------------------------------------

    def known_recipes(self, recipes: list[str]) -> dict[str, str | None]:
        """Inputs already processed with the same mapping and cleaning: recipe -> None for an
        article, or the reject reason."""
        found: dict[str, str | None] = {}
        for i in range(0, len(recipes), 500):
            chunk = recipes[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for recipe, reason in self.conn.execute(
                    f"SELECT recipe, reject_reason FROM ingested WHERE recipe IN ({marks})", chunk):
                found[recipe] = reason
        return found

    def _record_recipe(self, recipe: str | None, raw_id: int | None, reason: str | None) -> None:
        if recipe is not None and raw_id is not None:
            self.conn.execute("INSERT OR REPLACE INTO ingested(recipe, raw_id, reject_reason) VALUES (?,?,?)",
                              (recipe, raw_id, reason))

    def _insert_raw(self, raw: RawInput, sha: str) -> int:
        cur = self.conn.execute(
            "INSERT INTO raw_inputs(sha256, origin, line, format, payload, ingested_at) "
            "VALUES (?,?,?,?,?,?) ON CONFLICT(sha256) DO NOTHING",
            (sha, raw.origin, raw.line, raw.format, raw.payload, _now()))
        if cur.rowcount:
            return int(cur.lastrowid or 0)
        return int(self.conn.execute("SELECT raw_id FROM raw_inputs WHERE sha256=?", (sha,)).fetchone()[0])

    def write_article(self, raw: RawInput, sha: str, article: Article,
                      removed: list[tuple[str, str]], notes: list[tuple[str, str]] | None = None,
                      recipe: str | None = None) -> WriteStatus:
        """Store one article inside the caller's transaction.

        The same id with the same text and metadata already stored (any version) is
        ``unchanged``; the same id with new text or new metadata (a corrected field
        mapping, better cleaning) becomes a new version, never an overwrite.
        """
        raw_id = self._insert_raw(raw, sha)
        self._record_recipe(recipe, raw_id, None)
        versions = self.conn.execute(
            "SELECT * FROM articles WHERE id=? ORDER BY version", (article.id,)).fetchall()
        if any(v["text_hash"] == article.text_hash and _same_metadata(self._article(v), article)
               for v in versions):
            return "unchanged"
        version = versions[-1]["version"] + 1 if versions else 1
        if versions:
            self.conn.execute("UPDATE articles SET is_current=0 WHERE id=?", (article.id,))
        published, published_utc = _iso(article.published)
        cur = self.conn.execute(
            "INSERT INTO articles(id, version, is_current, url, outlet, title, published, published_utc,"
            " published_from, published_precision, dateline, text, text_hash, raw_id, ingested_at)"
            " VALUES (?,?,1,?,?,?,?,?,?,?,?,?,?,?,?)",
            (article.id, version, article.url, article.outlet, article.title, published, published_utc,
             article.published_from, article.published_precision if published else None,
             article.dateline, article.text, article.text_hash, raw_id, _now()))
        key = cur.lastrowid
        self.conn.executemany("INSERT INTO bylines VALUES (?,?,?,?)",
                              [(key, i, p.role, p.name) for i, p in enumerate(article.byline)])
        self.conn.executemany("INSERT INTO sources VALUES (?,?,?,?)",
                              [(key, i, s.name, s.phrase) for i, s in enumerate(article.sources)])
        self.conn.executemany("INSERT INTO removed_lines VALUES (?,?,?,?)",
                              [(key, i, line, reason) for i, (line, reason) in enumerate(removed)])
        self.conn.executemany("INSERT INTO notes VALUES (?,?,?)", [(key, k, d) for k, d in notes or []])
        article.version = version
        return "added" if version == 1 else "new_version"

    def write_reject(self, reject: Reject, run_id: int | None, raw: RawInput | None = None,
                     sha: str | None = None, recipe: str | None = None) -> bool:
        """Record a reject (once per origin, line and reason); True if it is new.

        The rejected input itself is kept in ``raw_inputs`` whenever it was read
        whole, so nothing is lost and a fixed re-run can be checked against it.
        """
        raw_id = None
        if raw is None and reject.payload is not None:
            raw = RawInput(reject.origin, reject.line, "jsonl", reject.payload)
            sha = raw_sha256(raw)
        if raw is not None and sha is not None:
            raw_id = self._insert_raw(raw, sha)
            self._record_recipe(recipe, raw_id, reject.reason)
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO rejects(origin, line, reason, detail, excerpt, raw_id, run_id)"
            " VALUES (?,?,?,?,?,?,?)",
            (reject.origin, reject.line, reject.reason, reject.detail, reject.excerpt, raw_id, run_id))
        return bool(cur.rowcount)

    def start_run(self, inputs: list[str]) -> int:
        """Record a new ingest run; runs left ``running`` by a process that is gone (killed)
        are marked ``interrupted`` first."""
        with self.transaction():
            for run_id, pid in self.conn.execute(
                    "SELECT run_id, pid FROM ingest_runs WHERE status='running'").fetchall():
                if not _alive(pid):
                    self.conn.execute("UPDATE ingest_runs SET status='interrupted' WHERE run_id=?", (run_id,))
            cur = self.conn.execute("INSERT INTO ingest_runs(started_at, inputs, pid) VALUES (?, ?, ?)",
                                    (_now(), "\n".join(inputs), os.getpid()))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "done") -> None:
        self.conn.execute(
            "UPDATE ingest_runs SET finished_at=?, added=?, new_versions=?, unchanged=?, rejected=?,"
            " status=? WHERE run_id=?",
            (_now(), counts.get("added", 0), counts.get("new_version", 0), counts.get("unchanged", 0),
             counts.get("rejected", 0), status, run_id))

    # -- boilerplate learned per outlet --------------------------------------------

    def outlet_texts(self, outlet: str) -> Iterator[tuple[int, str]]:
        yield from self.conn.execute(
            "SELECT article_key, text FROM articles WHERE is_current=1 AND outlet=?", (outlet,))

    def boilerplate(self, outlet: str) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT line FROM boilerplate WHERE outlet=?", (outlet,))}

    def replace_text(self, key: int, text: str, removed: list[tuple[str, str]]) -> None:
        """Re-cleaned text of one stored version (cleaning refinements are not new versions)."""
        start = self.conn.execute(
            "SELECT COALESCE(MAX(position)+1, 0) FROM removed_lines WHERE article_key=?", (key,)).fetchone()[0]
        self.conn.execute("UPDATE articles SET text=? WHERE article_key=?", (text, key))
        # The analysis of the old text is stale: dropping the signature makes the next
        # analysis treat the article as new.
        self.conn.execute("DELETE FROM signatures WHERE article_key=?", (key,))
        self.conn.executemany("INSERT INTO removed_lines VALUES (?,?,?,?)",
                              [(key, start + i, line, reason) for i, (line, reason) in enumerate(removed)])

    # -- reads ----------------------------------------------------------------------

    def _article(self, row: sqlite3.Row) -> Article:
        key = row["article_key"]
        byline = [Person(r["role"], r["name"]) for r in self.conn.execute(
            "SELECT role, name FROM bylines WHERE article_key=? ORDER BY position", (key,))]
        sources = [CitedSource(r["name"], r["phrase"]) for r in self.conn.execute(
            "SELECT name, phrase FROM sources WHERE article_key=? ORDER BY position", (key,))]
        published = datetime.fromisoformat(row["published"]) if row["published"] else None
        return Article(id=row["id"], text=row["text"], url=row["url"], outlet=row["outlet"],
                       title=row["title"], published=published, published_from=row["published_from"],
                       published_precision=row["published_precision"],
                       byline=byline, dateline=row["dateline"], sources=sources,
                       version=row["version"], text_hash=row["text_hash"])

    def article(self, article_id: str, version: int | None = None) -> Article:
        if version is None:
            row = self.conn.execute("SELECT * FROM articles WHERE id=? AND is_current=1",
                                    (article_id,)).fetchone()
        else:
            row = self.conn.execute("SELECT * FROM articles WHERE id=? AND version=?",
                                    (article_id, version)).fetchone()
        if row is None:
            raise NotFoundError(f"no article {article_id!r} in {self.path}; `newstrace export articles` lists ids")
        return self._article(row)

    def articles(self) -> Iterator[Article]:
        """Current versions, oldest publication first (undated last), then by id."""
        rows = self.conn.execute(
            "SELECT * FROM articles WHERE is_current=1 ORDER BY published_utc IS NULL, published_utc, id")
        for row in rows.fetchall():
            yield self._article(row)

    def count_articles(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM articles WHERE is_current=1").fetchone()[0])

    def rejects(self) -> list[Reject]:
        return [Reject(r["origin"], r["line"], r["reason"], r["detail"], r["excerpt"])
                for r in self.conn.execute("SELECT * FROM rejects ORDER BY reject_id")]

    def raw_payload(self, article_id: str) -> str:
        row = self.conn.execute(
            "SELECT r.payload FROM articles a JOIN raw_inputs r USING(raw_id)"
            " WHERE a.id=? AND a.is_current=1", (article_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no article {article_id!r} in {self.path}")
        return str(row[0])
