"""The store's schema as named migrations, applied in order and recorded.

Tables a user may query directly:
  raw_inputs     every input exactly as read (payload verbatim), one row per distinct input
  articles       clean articles; one row per version, ``is_current`` marks the newest;
                 ``published_from`` and ``published_precision`` say where the publication
                 time came from and whether it names a minute, an hour or only a day
  bylines        people per article version (role, name)
  sources        cited sources per article version (name, phrase)
  removed_lines  chrome dropped by cleaning, per article version, with the reason
  boilerplate    lines learned as chrome per outlet
  rejects        inputs that did not become articles: origin, line, reason, detail
  ingest_runs    one row per ingest, with its counts
  signatures     per analysed article version: exact-duplicate fingerprint and MinHash signature
  relations      article pairs: copy, same_story or related, with score and shared passages
  groups         per article: its copy group, story and storyline ids, and its copy group's
                 origin (the earliest known version)
  copy_edges     provenance: each copy's most likely parent, with a confidence, and
                 ``uncertain`` where publication times cannot confirm the place
  changes        sentence-level changes along each copy edge, tagged
  notes          per article version: what ingest changed or could not use (NUL bytes dropped,
                 an unreadable published value, text beyond what analysis reads)
  ingested       every (input, field mapping, cleaning code) already processed and its outcome,
                 so a re-run skips it and a changed mapping or cleaning processes it again
  origins        per traced copy group: its origin, the probability that it is the origin, and
                 the alternatives that keep some probability (JSON [id, probability])
  borrowings     partial reuse between articles that are not copies: the borrower (the later
                 article), its source, the share of the borrower's text borrowed, the passages
  claims         attributed claims per article version: claim (id shared by every article carrying
                 the same statement), quote as printed without marks, kind, speaker as resolved
                 and as written, cue, via (JSON, innermost first), certainty, hedges (JSON
                 [{word, kind, strength, phrase}]), stance and stance_to (the claim a denial or
                 confirmation is about), char_start/char_end in the cleaned text, key terms
  article_search full-text index (FTS5) of current articles' titles and texts, rowid = article_key;
                 built here for the articles already stored, kept current by each analysis
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

__all__ = ["MIGRATIONS", "migrate", "SCHEMA_VERSION"]

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_articles",
        """
        CREATE TABLE raw_inputs (
            raw_id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            origin TEXT NOT NULL,
            line INTEGER,
            format TEXT NOT NULL,
            payload TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE articles (
            article_key INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            version INTEGER NOT NULL,
            is_current INTEGER NOT NULL DEFAULT 1,
            url TEXT,
            outlet TEXT,
            title TEXT,
            published TEXT,
            published_utc TEXT,
            published_from TEXT,
            dateline TEXT,
            text TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            raw_id INTEGER NOT NULL REFERENCES raw_inputs(raw_id),
            ingested_at TEXT NOT NULL,
            UNIQUE (id, version)
        );
        CREATE INDEX articles_current ON articles(id) WHERE is_current = 1;
        CREATE INDEX articles_url ON articles(url);
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE INDEX articles_raw ON articles(raw_id);
        CREATE TABLE bylines (
            article_key INTEGER NOT NULL REFERENCES articles(article_key),
            position INTEGER NOT NULL,
            role TEXT NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (article_key, position)
        );
        CREATE TABLE sources (
            article_key INTEGER NOT NULL REFERENCES articles(article_key),
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            phrase TEXT NOT NULL,
            PRIMARY KEY (article_key, position)
        );
        CREATE INDEX sources_name ON sources(name);
        CREATE TABLE removed_lines (
            article_key INTEGER NOT NULL REFERENCES articles(article_key),
            position INTEGER NOT NULL,
            line TEXT NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (article_key, position)
        );
        CREATE TABLE boilerplate (
            outlet TEXT NOT NULL,
            line TEXT NOT NULL,
            articles INTEGER NOT NULL,
            PRIMARY KEY (outlet, line)
        );
        CREATE TABLE rejects (
            reject_id INTEGER PRIMARY KEY,
            origin TEXT NOT NULL,
            line INTEGER,
            reason TEXT NOT NULL,
            detail TEXT NOT NULL,
            excerpt TEXT NOT NULL DEFAULT '',
            raw_id INTEGER REFERENCES raw_inputs(raw_id),
            run_id INTEGER
        );
        -- NULL lines (whole files) must collide too, so the key uses IFNULL.
        CREATE UNIQUE INDEX rejects_once ON rejects(origin, IFNULL(line, 0), reason);
        CREATE INDEX rejects_raw ON rejects(raw_id);
        CREATE TABLE ingest_runs (
            run_id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            inputs TEXT NOT NULL,
            added INTEGER NOT NULL DEFAULT 0,
            new_versions INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            rejected INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'running'
        );
        """,
    ),
    (
        "0002_analysis",
        """
        CREATE TABLE signatures (
            article_key INTEGER PRIMARY KEY REFERENCES articles(article_key),
            fingerprint TEXT NOT NULL,
            minhash BLOB NOT NULL
        );
        CREATE INDEX signatures_fingerprint ON signatures(fingerprint);
        CREATE TABLE relations (
            a TEXT NOT NULL,
            b TEXT NOT NULL,
            kind TEXT NOT NULL,
            score REAL NOT NULL,
            shared_a REAL NOT NULL DEFAULT 0,
            shared_b REAL NOT NULL DEFAULT 0,
            passages TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (a, b)
        );
        CREATE INDEX relations_b ON relations(b);
        CREATE TABLE groups (
            id TEXT PRIMARY KEY,
            copy_group TEXT NOT NULL,
            story TEXT NOT NULL,
            storyline TEXT NOT NULL,
            origin TEXT NOT NULL
        );
        CREATE INDEX groups_copy ON groups(copy_group);
        CREATE INDEX groups_story ON groups(story);
        CREATE TABLE copy_edges (
            child TEXT PRIMARY KEY,
            parent TEXT,
            confidence REAL NOT NULL,
            copy_group TEXT NOT NULL
        );
        CREATE INDEX copy_edges_group ON copy_edges(copy_group);
        CREATE TABLE changes (
            parent TEXT NOT NULL,
            child TEXT NOT NULL,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            old TEXT,
            new TEXT,
            tags TEXT NOT NULL DEFAULT '[]',
            word_diff TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (parent, child, position)
        );
        CREATE INDEX changes_child ON changes(child);
        """,
    ),
    (
        "0003_notes",
        """
        CREATE TABLE notes (
            article_key INTEGER NOT NULL REFERENCES articles(article_key),
            kind TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX notes_article ON notes(article_key);
        -- The process of a running ingest, so a later one can tell a killed run from a live one.
        ALTER TABLE ingest_runs ADD COLUMN pid INTEGER;
        """,
    ),
    (
        "0004_ingest_recipes",
        """
        CREATE TABLE ingested (
            recipe TEXT PRIMARY KEY,
            raw_id INTEGER NOT NULL REFERENCES raw_inputs(raw_id),
            reject_reason TEXT
        );
        """,
    ),
    (
        "0005_time_precision",
        # Rows stored before: a body date or a bare midnight named only a day.
        """
        ALTER TABLE articles ADD COLUMN published_precision TEXT;
        UPDATE articles SET published_precision = CASE
            WHEN published IS NULL THEN NULL
            WHEN published_from = 'body' OR substr(published, 12, 8) = '00:00:00' THEN 'day'
            ELSE 'minute' END;
        ALTER TABLE copy_edges ADD COLUMN uncertain INTEGER NOT NULL DEFAULT 0;
        """,
    ),
    (
        "0006_borrowings",
        """
        CREATE TABLE borrowings (
            borrower TEXT NOT NULL,
            source TEXT NOT NULL,
            share REAL NOT NULL,
            passages TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (borrower, source)
        );
        CREATE INDEX borrowings_source ON borrowings(source);
        """,
    ),
    (
        "0007_origins",
        """
        CREATE TABLE origins (
            copy_group TEXT PRIMARY KEY,
            origin TEXT NOT NULL,
            confidence REAL NOT NULL,
            alternatives TEXT NOT NULL DEFAULT '[]'
        );
        """,
    ),
    (
        "0008_search",
        """
        CREATE VIRTUAL TABLE article_search USING fts5(title, text, tokenize='unicode61 remove_diacritics 2');
        INSERT INTO article_search(rowid, title, text)
            SELECT article_key, COALESCE(title, ''), text FROM articles WHERE is_current = 1;
        -- Browsing the newest articles (a search without words) reads this instead of sorting.
        CREATE INDEX articles_newest ON articles(published_utc) WHERE is_current = 1;
        """,
    ),
    (
        "0009_claims",
        """
        CREATE TABLE claims (
            article_key INTEGER NOT NULL REFERENCES articles(article_key),
            position INTEGER NOT NULL,
            claim TEXT,
            quote TEXT NOT NULL,
            kind TEXT NOT NULL,
            speaker TEXT,
            speaker_mention TEXT,
            speaker_role TEXT,
            cue TEXT,
            via TEXT NOT NULL DEFAULT '[]',
            certainty TEXT NOT NULL,
            hedges TEXT NOT NULL DEFAULT '[]',
            stance TEXT,
            stance_words TEXT NOT NULL DEFAULT '[]',
            stance_to TEXT,
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL,
            terms TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (article_key, position)
        );
        CREATE INDEX claims_claim ON claims(claim);
        CREATE INDEX claims_stance_to ON claims(stance_to);
        CREATE INDEX claims_speaker ON claims(speaker COLLATE NOCASE);
        """,
    ),
    (
        "0010_storyline_index",
        # A story page lists its storyline: without this index that read scans every article.
        """
        CREATE INDEX groups_storyline ON groups(storyline);
        """,
    ),
    (
        "0011_lead_tokens",
        # The storyline search compares every new article's lead with every stored one: their
        # words are kept, so an analysis of a few new articles does not tokenize the whole store.
        """
        CREATE TABLE lead_tokens (
            article_key INTEGER PRIMARY KEY REFERENCES articles(article_key),
            characters INTEGER NOT NULL,
            tokens TEXT NOT NULL
        );
        """,
    ),
    (
        "0012_claim_lookup",
        # Linking an increment's claims reads only the stored claims that could match them:
        # those of the same copy groups and storylines (indexed on groups), of the same speakers,
        # and opening with the same words. Rows stored before are keyed when next linked.
        """
        ALTER TABLE claims ADD COLUMN opening TEXT;
        ALTER TABLE claims ADD COLUMN speaker_key TEXT;
        CREATE INDEX claims_opening ON claims(opening);
        CREATE INDEX claims_speaker_key ON claims(speaker_key);
        """,
    ),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations this database lacks, each in its own transaction."""
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    applied: list[str] = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        # executescript commits first; wrap the script so a failure leaves no half-schema.
        conn.executescript(
            "BEGIN;\n" + sql + f"\nINSERT INTO migrations(name, applied_at) VALUES ('{name}', "
            f"'{datetime.now(UTC).isoformat(timespec='seconds')}');\nCOMMIT;"
        )
        applied.append(name)
    return applied
