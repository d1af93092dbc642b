"""What the views, the exports and the web pages read of an analysed store, as typed rows."""

from __future__ import annotations

import json
from dataclasses import dataclass

from newstrace.model import Change
from newstrace.store.connection import Store

__all__ = [
    "StoryRow",
    "GroupRow",
    "StoreCounts",
    "is_analysed",
    "story_rows",
    "group_of",
    "groups_of",
    "parent_edges",
    "origin_confidences",
    "store_counts",
    "outlet_counts",
    "first_title",
    "group_change_kinds",
    "story_origins",
    "parent_confidence",
    "children_of",
    "has_claim_rows",
]


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One analysed current article as story listings read it."""

    story: str
    copy_group: str
    storyline: str
    outlet: str | None
    published: str | None  # ISO 8601 with the article's own offset
    id: str
    title: str | None


@dataclass(frozen=True, slots=True)
class GroupRow:
    """The groups an analysed article belongs to, and its copy group's origin."""

    copy_group: str
    story: str
    storyline: str
    origin: str


@dataclass(frozen=True, slots=True)
class StoreCounts:
    """The store at a glance."""

    articles: int
    outlets: int
    first: str | None  # UTC
    last: str | None
    analysed: bool
    stories: int
    copy_groups: int
    storylines: int


def is_analysed(store: Store) -> bool:
    """Whether an analysis has grouped anything yet."""
    return store.conn.execute("SELECT 1 FROM groups LIMIT 1").fetchone() is not None


_STORY_ROWS = (
    "SELECT g.story, g.copy_group, g.storyline, a.outlet, a.published, a.id, a.title"
    " FROM groups g JOIN articles a ON a.id = g.id AND a.is_current = 1"
)


def story_rows(store: Store, *, story: str | None = None, storyline: str | None = None) -> list[StoryRow]:
    """Every analysed current article, or those of one story or one storyline."""
    sql, args = _STORY_ROWS, tuple[str, ...]()
    if story is not None:
        sql, args = sql + " WHERE g.story = ?", (story,)
    elif storyline is not None:
        sql, args = sql + " WHERE g.storyline = ?", (storyline,)
    return [
        StoryRow(r["story"], r["copy_group"], r["storyline"], r["outlet"], r["published"], r["id"], r["title"])
        for r in store.conn.execute(sql, args)
    ]


def group_of(store: Store, column: str, article_id: str) -> str | None:
    """The ``column`` group (copy_group, story or storyline) of an analysed article, or None."""
    if column not in ("copy_group", "story", "storyline"):
        raise ValueError(f"unknown group column {column!r}")
    row = store.conn.execute(f"SELECT {column} FROM groups WHERE id=?", (article_id,)).fetchone()
    return str(row[0]) if row else None


def groups_of(store: Store, article_id: str) -> GroupRow | None:
    """An analysed article's groups, or None if the last analysis did not see it."""
    r = store.conn.execute(
        "SELECT copy_group, story, storyline, origin FROM groups WHERE id=?", (article_id,)
    ).fetchone()
    return GroupRow(r["copy_group"], r["story"], r["storyline"], r["origin"]) if r else None


def parent_edges(store: Store) -> dict[str, tuple[str | None, float]]:
    """child -> (traced parent or None for a root, confidence), for every traced article."""
    return {
        r["child"]: (r["parent"], r["confidence"])
        for r in store.conn.execute("SELECT child, parent, confidence FROM copy_edges")
    }


def origin_confidences(store: Store) -> dict[str, float]:
    """copy group -> the probability that its origin is right."""
    return {r["copy_group"]: r["confidence"] for r in store.conn.execute("SELECT copy_group, confidence FROM origins")}


def store_counts(store: Store) -> StoreCounts:
    articles, outlets, first, last = store.conn.execute(
        "SELECT COUNT(*), COUNT(DISTINCT outlet), MIN(published_utc), MAX(published_utc)"
        " FROM articles WHERE is_current = 1"
    ).fetchone()
    stories, copy_groups, storylines = store.conn.execute(
        "SELECT COUNT(DISTINCT story), COUNT(DISTINCT copy_group), COUNT(DISTINCT storyline) FROM groups"
    ).fetchone()
    return StoreCounts(articles, outlets, first, last, is_analysed(store), stories, copy_groups, storylines)


def outlet_counts(store: Store, limit: int = 200) -> list[tuple[str, int]]:
    """(outlet, current articles), most first."""
    return [
        (r[0], r[1])
        for r in store.conn.execute(
            "SELECT outlet, COUNT(*) FROM articles WHERE is_current = 1 AND outlet IS NOT NULL"
            " GROUP BY outlet ORDER BY 2 DESC, 1 LIMIT ?",
            (limit,),
        )
    ]


def first_title(store: Store, story_id: str) -> str | None:
    """The title of a story's earliest titled version."""
    row = store.conn.execute(
        "SELECT a.title FROM groups g JOIN articles a ON a.id = g.id AND a.is_current = 1 WHERE g.story = ?"
        " AND a.title IS NOT NULL ORDER BY a.published_utc IS NULL, a.published_utc, a.id LIMIT 1",
        (story_id,),
    ).fetchone()
    return str(row[0]) if row else None


def group_change_kinds(store: Store, group_id: str) -> dict[tuple[str, str], list[Change]]:
    """Every change along one copy group's edges, by (parent, child), with its kind and tags only
    (one query: a large story has hundreds of edges)."""
    changes: dict[tuple[str, str], list[Change]] = {}
    for r in store.conn.execute(
        "SELECT c.parent, c.child, c.kind, c.tags FROM changes c JOIN copy_edges e"
        " ON e.child = c.child AND e.parent = c.parent WHERE e.copy_group = ?",
        (group_id,),
    ):
        changes.setdefault((r["parent"], r["child"]), []).append(
            Change(r["parent"], r["child"], r["kind"], None, None, json.loads(r["tags"]))
        )
    return changes


def story_origins(store: Store, story_id: str) -> dict[str, str]:
    """copy group -> origin, for the copy groups of one story."""
    return {
        r["copy_group"]: r["origin"]
        for r in store.conn.execute("SELECT copy_group, origin FROM groups WHERE story = ?", (story_id,))
    }


def parent_confidence(store: Store, child: str) -> float | None:
    """The confidence of ``child``'s traced place in its tree, or None when it was not traced."""
    row = store.conn.execute("SELECT confidence FROM copy_edges WHERE child = ?", (child,)).fetchone()
    return float(row[0]) if row else None


def children_of(store: Store, parent: str) -> list[tuple[str, float]]:
    """(child, confidence) of the versions traced as copies of ``parent``, by id."""
    return [
        (r[0], float(r[1]))
        for r in store.conn.execute(
            "SELECT child, confidence FROM copy_edges WHERE parent = ? ORDER BY child", (parent,)
        )
    ]


def has_claim_rows(store: Store) -> bool:
    """Whether any claim has been extracted (a store made before claims has no table at all)."""
    if store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'claims'").fetchone() is None:
        return False
    return store.conn.execute("SELECT 1 FROM claims LIMIT 1").fetchone() is not None
