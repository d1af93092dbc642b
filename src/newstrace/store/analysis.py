"""Reads and writes of the analysis tables: signatures, relations, borrowings, groups, edges,
changes."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from newstrace.model import Borrowing, Change, CitedSource, CopyEdge, Passage, Relation
from newstrace.settings import default
from newstrace.store import Store

__all__ = [
    "ArticleRow",
    "SignatureSet",
    "pending_articles",
    "pending_count",
    "article_rows",
    "save_signatures",
    "lead_words",
    "save_lead_words",
    "load_signatures",
    "forget_articles",
    "StagedResults",
    "StoredCoverage",
    "relation_row",
    "borrowing_row",
    "passage_coverage",
    "relation_links",
    "relations_of",
    "borrowings_of",
    "all_borrowings",
    "save_groups",
    "load_groups",
    "save_trace",
    "edges_of_group",
    "changes_between",
    "group_members",
    "cited_sources",
    "parent_of",
    "relation_kind",
    "origin_of_group",
    "analysed_published",
]


@dataclass(slots=True)
class ArticleRow:
    """What analysis reads of one current article."""

    key: int
    id: str
    title: str | None
    outlet: str | None
    published: datetime | None
    text: str
    published_from: str | None = None
    published_precision: str | None = None


def _row(r: sqlite3.Row) -> ArticleRow:
    published = datetime.fromisoformat(r["published"]) if r["published"] else None
    return ArticleRow(
        int(r["article_key"]),
        r["id"],
        r["title"],
        r["outlet"],
        published,
        r["text"],
        r["published_from"],
        r["published_precision"],
    )


# Analysis reads at most max_analysed_chars of a text (ingest notes the longer ones), so one
# huge record cannot take the memory of the whole analysis.
_COLUMNS = (
    "a.article_key, a.id, a.title, a.outlet, a.published,"
    f" substr(a.text, 1, {int(default('max_analysed_chars'))}) AS text, a.published_from,"
    " a.published_precision"
)


def pending_articles(store: Store) -> list[ArticleRow]:
    """Current articles not analysed yet (new, or a new version)."""
    return [
        _row(r)
        for r in store.conn.execute(
            f"SELECT {_COLUMNS} FROM articles a LEFT JOIN signatures s USING(article_key)"
            " WHERE a.is_current = 1 AND s.article_key IS NULL ORDER BY a.article_key"
        )
    ]


def pending_count(store: Store) -> int:
    """How many current articles the next analysis will analyse."""
    return int(
        store.conn.execute(
            "SELECT COUNT(*) FROM articles a LEFT JOIN signatures s USING(article_key)"
            " WHERE a.is_current = 1 AND s.article_key IS NULL"
        ).fetchone()[0]
    )


# The same row without its text: what analysis keeps of the articles it is not reading now.
_COLUMNS_NO_TEXT = _COLUMNS.replace(f"substr(a.text, 1, {int(default('max_analysed_chars'))})", "''")


def article_rows(
    store: Store,
    *,
    ids: Iterable[str] | None = None,
    between: tuple[str, str] | None = None,
    undated: bool = False,
    with_text: bool = True,
) -> list[ArticleRow]:
    """Current articles by id, or published (UTC) between two ISO times, plus undated ones;
    ``with_text=False`` leaves their texts empty."""
    columns = _COLUMNS if with_text else _COLUMNS_NO_TEXT
    if ids is not None:
        wanted = list(dict.fromkeys(ids))
        rows: list[ArticleRow] = []
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            rows += [
                _row(r)
                for r in store.conn.execute(
                    f"SELECT {columns} FROM articles a WHERE a.is_current=1 AND a.id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
            ]
        return rows
    where, args = "a.is_current=1", []
    if between is not None:
        where += " AND (a.published_utc BETWEEN ? AND ?" + (" OR a.published_utc IS NULL)" if undated else ")")
        args = list(between)
    return [_row(r) for r in store.conn.execute(f"SELECT {columns} FROM articles a WHERE {where}", args)]


def forget_articles(store: Store, ids: Sequence[str]) -> None:
    """Drop analysis results of articles whose text changed (a new version arrived)."""
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        marks = ",".join("?" * len(chunk))
        store.conn.execute(f"DELETE FROM relations WHERE a IN ({marks}) OR b IN ({marks})", chunk + chunk)
        store.conn.execute(f"DELETE FROM borrowings WHERE borrower IN ({marks}) OR source IN ({marks})", chunk + chunk)
        for table in ("signatures", "lead_tokens"):
            store.conn.execute(
                f"DELETE FROM {table} WHERE article_key IN (SELECT article_key FROM articles"
                f" WHERE id IN ({marks}) AND is_current = 0)",
                chunk,
            )


def save_signatures(store: Store, keys: Sequence[int], fingerprints: Sequence[str], signatures: np.ndarray) -> None:
    store.conn.executemany(
        "INSERT OR REPLACE INTO signatures(article_key, fingerprint, minhash) VALUES (?,?,?)",
        [(k, f, signatures[i].tobytes()) for i, (k, f) in enumerate(zip(keys, fingerprints))],
    )


@dataclass(slots=True)
class SignatureSet:
    """Analysed articles: keys, ids, exact-copy fingerprints and MinHash signatures, row-aligned."""

    keys: np.ndarray
    ids: list[str]
    fingerprints: list[str]
    signatures: np.ndarray


def load_signatures(store: Store, num_perm: int) -> SignatureSet:
    """All analysed current articles in key order."""
    rows = store.conn.execute(
        "SELECT s.article_key, a.id, s.fingerprint, s.minhash FROM signatures s"
        " JOIN articles a USING(article_key) WHERE a.is_current = 1 ORDER BY s.article_key"
    ).fetchall()
    keys = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    sigs = (
        np.frombuffer(b"".join(r[3] for r in rows), dtype=np.uint32).reshape(len(rows), num_perm)
        if rows
        else np.empty((0, num_perm), np.uint32)
    )
    return SignatureSet(keys, [r[1] for r in rows], [r[2] for r in rows], sigs)


def _passages_json(passages: list[Passage]) -> str:
    return json.dumps(
        [[p.a_start, p.a_end, p.b_start, p.b_end, p.text, p.similarity] for p in passages], ensure_ascii=False
    )


_RELATION = "SELECT a, b, kind, score, shared_a, shared_b, passages FROM relations"


def _relation(r: sqlite3.Row) -> Relation:
    passages = [Passage(*p) for p in json.loads(r["passages"])]
    return Relation(r["a"], r["b"], r["kind"], float(r["score"]), float(r["shared_a"]), float(r["shared_b"]), passages)


RelationRow = tuple[str, str, str, float, float, float, str]  # as stored: a < b, passages in JSON
BorrowingRow = tuple[str, str, float, str]


def relation_row(r: Relation) -> RelationRow:
    """A relation as the relations table holds it: a < b, the passages' sides swapped to match."""
    a, b, sa, sb = r.a, r.b, r.shared_a, r.shared_b
    passages = r.passages
    if a > b:  # stored with a < b; passages keep a's view, so swap their sides too
        a, b, sa, sb = b, a, sb, sa
        passages = [Passage(p.b_start, p.b_end, p.a_start, p.a_end, p.text, p.similarity) for p in passages]
    return (a, b, r.kind, r.score, sa, sb, _passages_json(passages))


def borrowing_row(x: Borrowing) -> BorrowingRow:
    return (x.borrower, x.source, x.share, _passages_json(x.passages))


class StagedResults:
    """Verdicts of compared pairs, kept in temporary tables of the store's connection until
    they are saved: a large analysis does not hold them all in memory, and nothing reaches
    the store's own tables before the transaction that saves them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.borrowings = 0
        store.conn.execute("DROP TABLE IF EXISTS temp.staged_relations")
        store.conn.execute("DROP TABLE IF EXISTS temp.staged_borrowings")
        store.conn.execute(
            "CREATE TEMP TABLE staged_relations(pa, pb, a, b, kind, score, shared_a, shared_b, passages)"
        )
        store.conn.execute("CREATE TEMP TABLE staged_borrowings(pa, pb, borrower, source, share, passages)")

    def add(self, results: Iterable[tuple[tuple[str, str], RelationRow | None, BorrowingRow | None]]) -> None:
        """Stage the verdicts of pairs ``(a, b)``: a relation row, a borrowing row, or None."""
        relations, borrowings = [], []
        for pair, relation, borrowing in results:
            if relation is not None:
                relations.append((*pair, *relation))
            if borrowing is not None:
                borrowings.append((*pair, *borrowing))
        self.store.conn.executemany("INSERT INTO temp.staged_relations VALUES (?,?,?,?,?,?,?,?,?)", relations)
        self.store.conn.executemany("INSERT INTO temp.staged_borrowings VALUES (?,?,?,?,?,?)", borrowings)
        self.borrowings += len(borrowings)

    def save(self, checked: Iterable[tuple[str, str]]) -> None:
        """Replace the stored verdicts of the ``checked`` pairs with the staged ones, in pair
        order, and drop the staging tables; inside the caller's transaction."""
        conn = self.store.conn
        checked = list(checked)
        conn.executemany("DELETE FROM relations WHERE a=? AND b=?", [tuple(sorted(p)) for p in checked])
        conn.execute(
            "INSERT OR REPLACE INTO relations(a, b, kind, score, shared_a, shared_b, passages)"
            " SELECT a, b, kind, score, shared_a, shared_b, passages FROM temp.staged_relations ORDER BY pa, pb"
        )
        conn.executemany(
            "DELETE FROM borrowings WHERE (borrower=? AND source=?) OR (borrower=? AND source=?)",
            [(a, b, b, a) for a, b in checked],
        )
        conn.execute(
            "INSERT OR REPLACE INTO borrowings(borrower, source, share, passages)"
            " SELECT borrower, source, share, passages FROM temp.staged_borrowings ORDER BY pa, pb"
        )
        self.close()

    def close(self) -> None:
        self.store.conn.execute("DROP TABLE IF EXISTS temp.staged_relations")
        self.store.conn.execute("DROP TABLE IF EXISTS temp.staged_borrowings")


def relation_links(store: Store) -> list[Relation]:
    """Every relation without its passages: all that grouping needs, and far cheaper to read."""
    cursor = store.conn.cursor()
    cursor.row_factory = None  # plain tuples: a store holds hundreds of thousands of relations
    return [
        Relation(a, b, kind, float(score), float(shared_a), float(shared_b))
        for a, b, kind, score, shared_a, shared_b in cursor.execute(
            "SELECT a, b, kind, score, shared_a, shared_b FROM relations"
        )
    ]


def passage_coverage(store: Store, articles: Iterable[str]) -> dict[str, dict[str, frozenset[int]]]:
    """Per article, per article it shares passages with: the sentences of the first in them."""
    coverage: dict[str, dict[str, frozenset[int]]] = {}
    for article in sorted(set(articles)):
        spans: dict[str, frozenset[int]] = {}
        rows = store.conn.execute(
            "SELECT a, b, passages FROM relations WHERE a = ?"
            " UNION ALL SELECT a, b, passages FROM relations WHERE b = ?",
            (article, article),
        )
        for a, b, passages in rows:
            # Stored passages read from a's side: (a_start, a_end, b_start, b_end, ...).
            first = 0 if a == article else 2
            spans[b if a == article else a] = frozenset(
                k for p in json.loads(passages or "[]") for k in range(p[first], p[first + 1])
            )
        coverage[article] = spans
    return coverage


class StoredCoverage(Mapping[str, Mapping[str, frozenset[int]]]):
    """:func:`passage_coverage` read one article at a time, when asked: grouping asks only of
    the few articles that may be stitched from several texts, known once it has looked at
    every relation."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __getitem__(self, article: str) -> Mapping[str, frozenset[int]]:
        return passage_coverage(self.store, [article])[article]

    def __iter__(self) -> Iterator[str]:
        return (r[0] for r in self.store.conn.execute("SELECT id FROM articles WHERE is_current = 1"))

    def __len__(self) -> int:
        return int(self.store.conn.execute("SELECT COUNT(*) FROM articles WHERE is_current = 1").fetchone()[0])


_BORROWING = "SELECT borrower, source, share, passages FROM borrowings"


def _borrowing(r: sqlite3.Row) -> Borrowing:
    return Borrowing(r["borrower"], r["source"], float(r["share"]), [Passage(*p) for p in json.loads(r["passages"])])


def borrowings_of(store: Store, article_id: str) -> tuple[list[Borrowing], list[Borrowing]]:
    """(what ``article_id`` borrows from others, what others borrow from it), largest share first."""
    takes = [
        _borrowing(r)
        for r in store.conn.execute(_BORROWING + " WHERE borrower=? ORDER BY share DESC, source", (article_id,))
    ]
    given = [
        _borrowing(r)
        for r in store.conn.execute(_BORROWING + " WHERE source=? ORDER BY share DESC, borrower", (article_id,))
    ]
    return takes, given


def all_borrowings(store: Store) -> list[Borrowing]:
    return [_borrowing(r) for r in store.conn.execute(_BORROWING + " ORDER BY borrower, source")]


def relations_of(store: Store, article_id: str) -> list[Relation]:
    """Every relation of one article, seen from it (``a`` is the article)."""
    store.article(article_id)  # NotFoundError with a hint if unknown
    out = []
    for r in store.conn.execute(_RELATION + " WHERE a=? OR b=? ORDER BY score DESC", (article_id, article_id)):
        rel = _relation(r)
        if rel.b == article_id:
            rel = Relation(
                rel.b,
                rel.a,
                rel.kind,
                rel.score,
                rel.shared_b,
                rel.shared_a,
                [Passage(p.b_start, p.b_end, p.a_start, p.a_end, p.text, p.similarity) for p in rel.passages],
            )
        out.append(rel)
    return out


_INSERT_GROUP = "INSERT INTO groups(id, copy_group, story, storyline, origin) VALUES (?,?,?,?,?)"


def save_groups(
    store: Store,
    rows: Iterable[tuple[str, str, str, str, str]],
    previous: dict[str, tuple[str, str, str, str]] | None = None,
) -> None:
    """(id, copy_group, story, storyline, origin) for every current article; with the
    ``previous`` rows, only what changed is written."""
    rows = list(rows)
    if previous is None:
        store.conn.execute("DELETE FROM groups")
        store.conn.executemany(_INSERT_GROUP, rows)
        return
    current = {r[0] for r in rows}
    store.conn.executemany("DELETE FROM groups WHERE id=?", [(i,) for i in previous if i not in current])
    store.conn.executemany(
        _INSERT_GROUP.replace("INSERT", "INSERT OR REPLACE"), [r for r in rows if previous.get(r[0]) != tuple(r[1:])]
    )


def load_groups(store: Store) -> dict[str, tuple[str, str, str, str]]:
    """id -> (copy_group, story, storyline, origin), for every analysed article."""
    return {
        r["id"]: (r["copy_group"], r["story"], r["storyline"], r["origin"])
        for r in store.conn.execute("SELECT id, copy_group, story, storyline, origin FROM groups")
    }


def group_members(store: Store, column: str, group_id: str) -> list[str]:
    if column not in ("copy_group", "story", "storyline"):
        raise ValueError(f"unknown group column {column!r}")
    return [r[0] for r in store.conn.execute(f"SELECT id FROM groups WHERE {column}=?", (group_id,))]


def save_trace(
    store: Store,
    group_id: str,
    members: Sequence[str],
    edges: Iterable[CopyEdge],
    changes: Iterable[Change],
    origin: tuple[str, float, list[tuple[str, float]]] | None = None,
) -> None:
    """Replace one copy group's provenance edges and changes, and its origin with the
    probability of it and of the alternatives."""
    store.conn.execute("DELETE FROM origins WHERE copy_group=?", (group_id,))
    if origin is not None:
        store.conn.execute(
            "INSERT INTO origins(copy_group, origin, confidence, alternatives) VALUES (?,?,?,?)",
            (group_id, origin[0], origin[1], json.dumps(origin[2], ensure_ascii=False)),
        )
    marks = ",".join("?" * len(members))
    store.conn.execute(f"DELETE FROM copy_edges WHERE child IN ({marks}) OR copy_group=?", [*members, group_id])
    store.conn.execute(f"DELETE FROM changes WHERE child IN ({marks})", list(members))
    store.conn.executemany(
        "INSERT OR REPLACE INTO copy_edges(child, parent, confidence, copy_group, uncertain) VALUES (?,?,?,?,?)",
        [(e.child, e.parent, e.confidence, group_id, int(e.uncertain)) for e in edges],
    )
    by_edge: dict[tuple[str, str], int] = {}
    rows = []
    for c in changes:
        position = by_edge.get((c.parent, c.child), 0)
        by_edge[(c.parent, c.child)] = position + 1
        rows.append(
            (
                c.parent,
                c.child,
                position,
                c.kind,
                c.old,
                c.new,
                json.dumps(c.tags),
                json.dumps(c.word_diff, ensure_ascii=False),
            )
        )
    store.conn.executemany(
        "INSERT INTO changes(parent, child, position, kind, old, new, tags, word_diff) VALUES (?,?,?,?,?,?,?,?)", rows
    )


def edges_of_group(store: Store, group_id: str) -> list[CopyEdge]:
    return [
        CopyEdge(r[0], r[1], float(r[2]), bool(r[3]))
        for r in store.conn.execute(
            "SELECT child, parent, confidence, uncertain FROM copy_edges WHERE copy_group=? ORDER BY child", (group_id,)
        )
    ]


def changes_between(store: Store, parent: str | None = None, child: str | None = None) -> list[Change]:
    where, args = [], []
    if parent is not None:
        where.append("parent=?")
        args.append(parent)
    if child is not None:
        where.append("child=?")
        args.append(child)
    sql = (
        "SELECT parent, child, kind, old, new, tags, word_diff FROM changes"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY parent, child, position"
    )
    return [
        Change(
            r["parent"],
            r["child"],
            r["kind"],
            r["old"],
            r["new"],
            json.loads(r["tags"]),
            [tuple(x) for x in json.loads(r["word_diff"])],
        )
        for r in store.conn.execute(sql, args)
    ]


def parent_of(store: Store, child: str) -> str | None:
    """The traced parent of ``child`` (an article id or an ``unknown:`` id), or None."""
    row = store.conn.execute("SELECT parent FROM copy_edges WHERE child=?", (child,)).fetchone()
    return row[0] if row else None


def relation_kind(store: Store, a: str, b: str) -> str | None:
    """The stored relation between two articles, whichever way it was stored, or None."""
    row = store.conn.execute("SELECT kind FROM relations WHERE (a=? AND b=?) OR (a=? AND b=?)", (a, b, b, a)).fetchone()
    return str(row[0]) if row else None


def cited_sources(store: Store, ids: Sequence[str]) -> dict[str, tuple[CitedSource, ...]]:
    """The sources each current article cites (name and phrase), in text order."""
    found: dict[str, list[CitedSource]] = {}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        for article_id, name, phrase in store.conn.execute(
            "SELECT a.id, s.name, s.phrase FROM sources s JOIN articles a USING(article_key)"
            f" WHERE a.is_current = 1 AND a.id IN ({','.join('?' * len(chunk))})"
            " ORDER BY a.id, s.position",
            chunk,
        ):
            found.setdefault(article_id, []).append(CitedSource(name=name, phrase=phrase or ""))
    return {article_id: tuple(sources) for article_id, sources in found.items()}


def origin_of_group(store: Store, group_id: str) -> tuple[str, float, list[tuple[str, float]]] | None:
    """A traced copy group's origin, its probability and the alternatives, or None."""
    row = store.conn.execute(
        "SELECT origin, confidence, alternatives FROM origins WHERE copy_group=?", (group_id,)
    ).fetchone()
    if row is None:
        return None
    return str(row[0]), float(row[1]), [(str(i), float(p)) for i, p in json.loads(row[2])]


def analysed_published(store: Store) -> dict[str, datetime | None]:
    """Every analysed current article's publication time (None when undated)."""
    return {
        r["id"]: datetime.fromisoformat(r["published"]) if r["published"] else None
        for r in store.conn.execute(
            "SELECT id, published FROM articles a JOIN signatures USING(article_key) WHERE is_current = 1"
        )
    }


def lead_words(store: Store, characters: int) -> list[tuple[str, int, str | None, str | None]]:
    """(id, key, words kept, lead) of every current article: the words of its lead (title
    and the text's first ``characters``) as kept by :func:`save_lead_words` for that length,
    space-separated, else None and the lead itself, to be split and kept."""
    return list(
        store.conn.execute(
            "SELECT a.id, a.article_key, t.tokens,"
            " CASE WHEN t.tokens IS NULL THEN COALESCE(a.title, '') || ' ' || substr(a.text, 1, ?) END"
            " FROM articles a LEFT JOIN lead_tokens t ON t.article_key = a.article_key AND t.characters = ?"
            " WHERE a.is_current = 1",
            (characters, characters),
        )
    )


def save_lead_words(store: Store, characters: int, words: Iterable[tuple[int, Sequence[str]]]) -> None:
    """Keep the words of articles' leads of ``characters`` (by article key): words hold no spaces."""
    store.conn.executemany(
        "INSERT OR REPLACE INTO lead_tokens(article_key, characters, tokens) VALUES (?,?,?)",
        ((key, characters, " ".join(tokens)) for key, tokens in words),
    )
