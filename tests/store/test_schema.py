"""Migrations: a store written by an older release gains the new columns, filled from what it holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newstrace.store import Store
from newstrace.store.schema import MIGRATIONS


def test_older_stores_gain_the_columns(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    for _name, sql in MIGRATIONS[:2]:  # a store written before time precision
        conn.executescript(sql)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    conn.executemany("INSERT INTO migrations VALUES (?, '2026-01-01')", [(m[0],) for m in MIGRATIONS[:2]])
    conn.execute("INSERT INTO raw_inputs VALUES (1, 'x', 'f', NULL, 'txt', 'p', '2026-01-01')")
    rows = [
        ("a", "2022-03-21T05:40:00+07:00", "page"),
        ("b", "2022-03-15T00:00:00+07:00", "body"),
        ("c", "2022-03-15T00:00:00+07:00", "html"),
        ("d", None, None),
    ]
    for article_id, published, source in rows:
        conn.execute(
            "INSERT INTO articles(id, version, published, published_from, text, text_hash,"
            " raw_id, ingested_at) VALUES (?, 1, ?, ?, 't', ?, 1, 'now')",
            (article_id, published, source, article_id),
        )
    conn.commit()
    conn.close()
    with Store(db) as store:
        found = {a.id: a.published_precision for a in store.articles()}
    assert found == {"a": "minute", "b": "day", "c": "day", "d": None}
