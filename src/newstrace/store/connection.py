"""The store's connection: one SQLite file, opened with its migrations applied, and transactions.

Every write goes through ``Store`` inside a transaction, so a process killed in
the middle of a batch leaves the database as it was before that batch. The statements
themselves live beside this module as functions over a ``Store`` (``articles``, ``analysis``,
``claims``, ``queries``, ``search``); the few reading methods here are the public API's
shortcuts to them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newstrace.errors import StoreError
from newstrace.model import Article, Reject
from newstrace.store import articles as _articles
from newstrace.store.schema import MIGRATIONS, migrate

__all__ = ["Store", "store_error_message"]


def store_error_message(path: str | Path, exc: sqlite3.Error) -> str:
    """What a database error means for the user, and what to do about it."""
    name = getattr(exc, "sqlite_errorname", "")
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in str(exc):
        return (
            f"the store {path} is damaged ({exc}). Nothing more was written to it. Recover what it "
            f"holds into a new file with `sqlite3 {path} .recover | sqlite3 recovered.db` and use "
            "--db recovered.db; or ingest the inputs again into a new store"
        )
    if name in ("SQLITE_BUSY", "SQLITE_LOCKED") or "locked" in str(exc):
        return f"the store {path} is busy (another newstrace is writing to it); try again when it is done"
    if name == "SQLITE_FULL" or "full" in str(exc):
        return f"the disk holding {path} is full; free some space and run the command again"
    return f"the store {path} cannot be used: {exc}"


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
        has = self.conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='migrations'").fetchone()
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
            raise StoreError(
                store_error_message(
                    self.path, sqlite3.DatabaseError("database disk image is malformed: " + "; ".join(problems))
                )
            )

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

    # -- the public API's reading shortcuts (the statements are in ``store.articles``) --------

    def article(self, article_id: str, version: int | None = None) -> Article:
        """One article: its current version, or the given one; NotFoundError names how to list ids."""
        return _articles.article(self, article_id, version)

    def articles(self) -> Iterator[Article]:
        """Current versions, oldest publication first (undated last), then by id."""
        return _articles.current_articles(self)

    def count_articles(self) -> int:
        return _articles.count_articles(self)

    def rejects(self) -> list[Reject]:
        return _articles.rejects(self)

    def raw_payload(self, article_id: str) -> str:
        return _articles.raw_payload(self, article_id)
