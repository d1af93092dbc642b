"""Questions a user asks of an analysed store: relations, stories, family trees, diffs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from newstrace.algo.diff import diff_articles, is_substantive, summarise_changes
from newstrace.clean import split_sentences
from newstrace.errors import NotFoundError
from newstrace.model import Article, Borrowing, Change, CopyEdge, Relation
from newstrace.store import Store
from newstrace.store import analysis as db

__all__ = ["StorySummary", "TreeNode", "TraceView", "borrowings", "similar", "stories", "trace", "diff"]


def _require_analysis(store: Store) -> None:
    if store.conn.execute("SELECT 1 FROM groups LIMIT 1").fetchone() is None:
        raise NotFoundError(f"{store.path} has not been analysed yet; run `newstrace analyze --db {store.path}`")


def similar(store: Store, article_id: str) -> list[Relation]:
    """Every relation of ``article_id`` (copies, same story, related), strongest first, with
    the shared passages; each relation is seen from the article (``a`` is it)."""
    _require_analysis(store)
    order = {"copy": 0, "same_story": 1, "related": 2}
    return sorted(db.relations_of(store, article_id), key=lambda r: (order[r.kind], -r.score))


def borrowings(store: Store, article_id: str) -> tuple[list[Borrowing], list[Borrowing]]:
    """(passages ``article_id`` borrows from earlier articles, passages later ones borrow from
    it): partial reuse that makes no copy, largest share first."""
    _require_analysis(store)
    store.article(article_id)
    return db.borrowings_of(store, article_id)


@dataclass(slots=True)
class StorySummary:
    id: str
    title: str | None
    size: int
    copy_groups: int
    outlets: list[str]
    first: datetime | None
    last: datetime | None
    storyline: str


def stories(store: Store, *, min_size: int = 1) -> list[StorySummary]:
    """Stories with their size, outlets and time span, largest first."""
    _require_analysis(store)
    rows = store.conn.execute(
        "SELECT g.story, g.copy_group, g.storyline, a.outlet, a.published, a.id, a.title"
        " FROM groups g JOIN articles a ON a.id = g.id AND a.is_current = 1").fetchall()
    by_story: dict[str, list[tuple[str, str, str | None, datetime | None, str, str | None]]] = {}
    for story, cg, line, outlet, published, aid, title in rows:
        when = datetime.fromisoformat(published) if published else None
        by_story.setdefault(story, []).append((cg, line, outlet, when, aid, title))
    out = []
    for story, members in by_story.items():
        if len(members) < min_size:
            continue
        times = [m[3] for m in members if m[3]]
        outlets = Counter(m[2] or "?" for m in members)
        head_title = next((m[5] for m in members if m[4] == story), members[0][5])
        out.append(StorySummary(story, head_title, len(members), len({m[0] for m in members}),
                                [o for o, _ in outlets.most_common()],
                                min(times) if times else None, max(times) if times else None,
                                members[0][1]))
    out.sort(key=lambda s: (-s.size, s.first.timestamp() if s.first else float("inf"), s.id))
    return out


@dataclass(slots=True)
class TreeNode:
    id: str
    article: Article | None  # None for an absent common source
    confidence: float
    changes: dict[str, int] = field(default_factory=dict)
    children: list[TreeNode] = field(default_factory=list)


@dataclass(slots=True)
class TraceView:
    """A copy group as a family tree, plus its story and storyline neighbours."""

    article_id: str
    copy_group: str
    origin: str
    roots: list[TreeNode]
    cited_sources: list[str]  # external sources the versions cite, shown upstream of the origin
    same_story: list[Article]  # other articles of the story, outside this copy group
    storyline: list[Article]  # articles of the storyline outside the story
    # Partial reuse across the group's edge: passages its versions borrow from other articles,
    # and passages other articles borrow from its versions.
    borrows_from: list[Borrowing] = field(default_factory=list)
    borrowed_by: list[Borrowing] = field(default_factory=list)


def trace(store: Store, article_id: str) -> TraceView:
    """The family tree of ``article_id``'s copy group."""
    _require_analysis(store)
    store.article(article_id)
    row = store.conn.execute("SELECT copy_group, story, storyline, origin FROM groups WHERE id=?",
                             (article_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"{article_id!r} arrived after the last analysis; run `newstrace analyze`")
    group, story, line, origin = row
    edges: list[CopyEdge] = db.edges_of_group(store, group)
    nodes: dict[str, TreeNode] = {}
    for e in edges:
        nodes[e.child] = TreeNode(e.child, store.article(e.child), e.confidence)
    for e in edges:
        if e.parent and e.parent not in nodes:  # an absent common source
            nodes[e.parent] = TreeNode(e.parent, None, 1.0)
    roots = []
    for e in edges:
        node = nodes[e.child]
        if e.parent:
            node.changes = summarise_changes(c for c in db.changes_between(store, e.parent, e.child)
                                             if is_substantive(c))
            nodes[e.parent].children.append(node)
        else:
            roots.append(node)
    roots += [n for n in nodes.values() if n.article is None]
    for node in nodes.values():
        node.children.sort(key=lambda n: (n.article is None or n.article.published is None,
                                          n.article.published.timestamp() if n.article and n.article.published else 0,
                                          n.id))
    cited: list[str] = []
    for node in nodes.values():
        if node.article:
            cited += [s.name for s in node.article.sources if s.name not in cited]
    in_group = set(nodes)
    same_story = [store.article(i) for i in db.group_members(store, "story", story) if i not in in_group]
    in_story = in_group | {a.id for a in same_story}
    storyline = [store.article(i) for i in db.group_members(store, "storyline", line) if i not in in_story]
    borrows_from: list[Borrowing] = []
    borrowed_by: list[Borrowing] = []
    for member in sorted(i for i in in_group if not i.startswith("unknown:")):
        takes, given = db.borrowings_of(store, member)
        borrows_from += [b for b in takes if b.source not in in_group]
        borrowed_by += [b for b in given if b.borrower not in in_group]
    return TraceView(article_id, group, origin, roots, cited, same_story, storyline,
                     borrows_from, borrowed_by)


def diff(store: Store, parent_id: str, child_id: str) -> list[Change]:
    """What ``child_id`` changed relative to ``parent_id``: stored changes when the two are
    an edge of a traced tree, otherwise computed now."""
    parent, child = store.article(parent_id), store.article(child_id)
    stored = db.changes_between(store, parent_id, child_id)
    if stored:
        return stored
    return diff_articles(parent.id, child.id, split_sentences(parent.text), split_sentences(child.text))
