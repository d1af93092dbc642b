"""The questions a user asks of an analysed store, answered as data: an article's relations
(similar), stories, a story, a storyline, a copy group's family tree (trace), a diff, claims.

Each answer is a dataclass built from the store's queries; the terminal (``render.terminal``),
``--json``, the web pages (``web.views``) and the HTML report all show these same objects.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from newstrace.changes import diff_articles, is_substantive, summarise_changes
from newstrace.claims.link import ClaimState, certainty_changes
from newstrace.clean import split_sentences
from newstrace.errors import NotFoundError
from newstrace.model import Article, Borrowing, Change, CopyEdge, Relation
from newstrace.settings import default
from newstrace.store import Store, queries
from newstrace.store import analysis as db
from newstrace.store import claims as claim_db
from newstrace.store.claims import ClaimRow
from newstrace.store.queries import GroupRow, StoryRow

__all__ = [
    "ArticleView",
    "StorySummary",
    "StoryView",
    "StorylineView",
    "SimilarView",
    "TreeNode",
    "TraceView",
    "DiffView",
    "ClaimView",
    "ClaimsView",
    "article_view",
    "borrowings",
    "claim",
    "claims",
    "similar",
    "similar_view",
    "stories",
    "story",
    "storyline",
    "trace",
    "diff",
    "diff_view",
]

# Tags that say how a copy was derived from its parent: meaningful only along a traced copy edge.
DERIVATION_TAGS = frozenset(("embellishment", "lead", "truncation", "appended"))


def _require_analysis(store: Store) -> None:
    if not queries.is_analysed(store):
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
class SimilarView:
    """An article with its relations (strongest first, seen from it) and its partial reuse."""

    article: Article
    relations: list[Relation]
    borrows: list[Borrowing]  # what it borrows from other articles
    borrowed_by: list[Borrowing]  # what other articles borrow from it
    # The related articles, by id, for showing them; left out of the JSON (their ids are in it).
    others: dict[str, Article] = field(default_factory=dict, metadata={"json": False})


def similar_view(store: Store, article_id: str) -> SimilarView:
    """``similar`` and ``borrowings`` of one article, with the related articles."""
    relations = similar(store, article_id)
    others = {r.b: store.article(r.b) for r in relations}
    article = store.article(article_id)
    borrows, borrowed_by = borrowings(store, article_id)
    return SimilarView(article, relations, borrows, borrowed_by, others)


@dataclass(slots=True)
class ArticleView:
    """One article and its place in the analysis: its groups, its traced parent (with the changes
    from it) and children, its relations (strongest first, with the related articles) and claims."""

    article: Article
    groups: GroupRow | None  # None until an analysis has seen the article
    relations: list[Relation]
    parent: str | None  # an article id, an ``unknown:`` id for an absent common source, or None
    parent_confidence: float | None
    changes_from_parent: list[Change]
    children: list[tuple[str, float]]  # (id, confidence) of the versions traced as its copies
    claims: list[ClaimRow] | None  # None when the store holds no claim analysis
    others: dict[str, Article] = field(default_factory=dict, metadata={"json": False})


def article_view(store: Store, article_id: str) -> ArticleView:
    """``article_id`` with its groups, relations, parent, children and claims."""
    article = store.article(article_id)
    groups = queries.groups_of(store, article_id)
    relations = similar(store, article_id) if groups else []
    parent_id = db.parent_of(store, article_id)
    from_parent = db.changes_between(store, parent_id, article_id) if parent_id else []
    confidence = queries.parent_confidence(store, article_id)
    children = queries.children_of(store, article_id)
    others = {r.b: store.article(r.b) for r in relations}
    found = claim_db.claims_of_articles(store, [article_id]) if claim_db.has_claims(store) else None
    return ArticleView(article, groups, relations, parent_id, confidence, from_parent, children, found, others)


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


def _summaries(rows: list[StoryRow], min_size: int) -> list[StorySummary]:
    by_story: dict[str, list[tuple[str, str, str | None, datetime | None, str, str | None]]] = {}
    for r in rows:
        when = datetime.fromisoformat(r.published) if r.published else None
        by_story.setdefault(r.story, []).append((r.copy_group, r.storyline, r.outlet, when, r.id, r.title))
    out = []
    for story, members in by_story.items():
        if len(members) < min_size:
            continue
        times = [m[3] for m in members if m[3]]
        outlets = Counter(m[2] or "?" for m in members)
        head_title = next((m[5] for m in members if m[4] == story), members[0][5])
        out.append(
            StorySummary(
                story,
                head_title,
                len(members),
                len({m[0] for m in members}),
                [o for o, _ in outlets.most_common()],
                min(times) if times else None,
                max(times) if times else None,
                members[0][1],
            )
        )
    out.sort(key=lambda s: (-s.size, s.first.timestamp() if s.first else float("inf"), s.id))
    return out


def stories(store: Store, *, min_size: int = 1) -> list[StorySummary]:
    """Stories with their size, outlets and time span, largest first."""
    _require_analysis(store)
    return _summaries(queries.story_rows(store), min_size)


def _group_of(store: Store, column: str, article_id: str) -> str:
    """The ``column`` group (story or storyline) that ``article_id`` belongs to."""
    _require_analysis(store)
    group = queries.group_of(store, column, article_id)
    if group is None:
        store.article(article_id)  # says "no article" when the id is unknown
        raise NotFoundError(f"{article_id!r} arrived after the last analysis; run `newstrace analyze`")
    return group


@dataclass(slots=True)
class StoryView:
    """One story: its summary and its articles by copy group, oldest first."""

    summary: StorySummary
    copy_groups: dict[str, list[Article]]


def _oldest_first(a: Article) -> tuple[bool, float, str]:
    return a.published is None, a.published.timestamp() if a.published else 0.0, a.id


def story(store: Store, article_id: str) -> StoryView:
    """The story ``article_id`` belongs to (a story id is its earliest member's id)."""
    story_id = _group_of(store, "story", article_id)
    rows = queries.story_rows(store, story=story_id)
    summary = _summaries(rows, 1)[0]
    copy_group = {r.id: r.copy_group for r in rows}
    groups: dict[str, list[Article]] = {}
    for article in sorted((store.article(i) for i in copy_group), key=_oldest_first):
        groups.setdefault(copy_group[article.id], []).append(article)
    return StoryView(summary, groups)


@dataclass(slots=True)
class StorylineView:
    """A storyline (its id is its earliest member's) and its stories, oldest first."""

    storyline: str
    stories: list[StorySummary]


def storyline(store: Store, article_id: str) -> StorylineView:
    """The storyline ``article_id`` (or a story id) belongs to, with its stories oldest first."""
    line = _group_of(store, "storyline", article_id)
    found = _summaries(queries.story_rows(store, storyline=line), 1)
    found.sort(key=lambda s: (s.first is None, s.first.timestamp() if s.first else 0.0, s.id))
    return StorylineView(line, found)


@dataclass(slots=True)
class TreeNode:
    id: str
    article: Article | None  # None for an absent common source
    confidence: float
    changes: dict[str, int] = field(default_factory=dict)
    children: list[TreeNode] = field(default_factory=list)
    added_sources: list[str] = field(default_factory=list)  # cited here but not by the parent
    uncertain: bool = False  # publication times cannot confirm this place (see CopyEdge)
    # How this copy changed the certainty of claims it shares with its parent:
    # (claim id, "certainty" or "hedge", old, new), e.g. a hedge's agent replaced.
    claim_changes: list[tuple[str, str, str, str]] = field(default_factory=list)


@dataclass(slots=True)
class TraceView:
    """A copy group as a family tree, plus its story and storyline neighbours."""

    article_id: str
    copy_group: str
    origin: str
    roots: list[TreeNode]
    cited_sources: list[str]  # external sources the origin cites, shown upstream of it
    same_story: list[Article]  # other articles of the story, outside this copy group
    storyline: list[Article]  # articles of the storyline outside the story
    # Partial reuse across the group's edge: passages its versions borrow from other articles,
    # and passages other articles borrow from its versions.
    borrows_from: list[Borrowing] = field(default_factory=list)
    borrowed_by: list[Borrowing] = field(default_factory=list)
    origin_confidence: float | None = None  # probability that ``origin`` is right
    # Other origins the evidence leaves open: (id, probability, why it stays open).
    alternatives: list[tuple[str, float, str]] = field(default_factory=list)


def trace(store: Store, article_id: str) -> TraceView:
    """The family tree of ``article_id``'s copy group."""
    _require_analysis(store)
    store.article(article_id)
    row = queries.groups_of(store, article_id)
    if row is None:
        raise NotFoundError(f"{article_id!r} arrived after the last analysis; run `newstrace analyze`")
    group, story, line, origin = row.copy_group, row.story, row.storyline, row.origin
    edges: list[CopyEdge] = db.edges_of_group(store, group)
    nodes, roots = _tree(store, edges)
    _annotate(store, nodes, {e.child: e.parent for e in edges})
    origin_node = nodes.get(origin)
    cited = _source_names(origin_node.article) if origin_node and origin_node.article else []
    in_group = set(nodes)
    same_story = [store.article(i) for i in db.group_members(store, "story", story) if i not in in_group]
    in_story = in_group | {a.id for a in same_story}
    storyline = [store.article(i) for i in db.group_members(store, "storyline", line) if i not in in_story]
    borrows_from, borrowed_by = _outside_borrowings(store, in_group)
    traced = db.origin_of_group(store, group)
    alternatives = _alternatives(nodes, traced[2] if traced else [])
    return TraceView(
        article_id,
        group,
        origin,
        roots,
        cited,
        same_story,
        storyline,
        borrows_from,
        borrowed_by,
        traced[1] if traced else None,
        alternatives,
    )


def _tree(store: Store, edges: list[CopyEdge]) -> tuple[dict[str, TreeNode], list[TreeNode]]:
    """A copy group's nodes by id, absent common sources included, and its roots; children oldest first."""
    nodes: dict[str, TreeNode] = {}
    for e in edges:
        nodes[e.child] = TreeNode(e.child, store.article(e.child), e.confidence, uncertain=e.uncertain)
    for e in edges:
        if e.parent and e.parent not in nodes:  # an absent common source
            nodes[e.parent] = TreeNode(e.parent, None, 1.0)
    roots = []
    for e in edges:
        node = nodes[e.child]
        if e.parent:
            node.changes = summarise_changes(
                c for c in db.changes_between(store, e.parent, e.child) if is_substantive(c)
            )
            nodes[e.parent].children.append(node)
        else:
            roots.append(node)
    roots += [n for n in nodes.values() if n.article is None]
    for node in nodes.values():
        node.children.sort(
            key=lambda n: (
                n.article is None or n.article.published is None,
                n.article.published.timestamp() if n.article and n.article.published else 0,
                n.id,
            )
        )
    return nodes, roots


def _annotate(store: Store, nodes: dict[str, TreeNode], parent_of: dict[str, str | None]) -> None:
    """Each copy's claim changes and the sources it cites that its parent does not."""
    _add_claim_changes(store, nodes, parent_of)
    for node in nodes.values():
        parent = nodes.get(parent_of.get(node.id) or "")
        if node.article and parent is not None and parent.article is not None:
            node.added_sources = _source_names(node.article, exclude=_source_names(parent.article))


def _outside_borrowings(store: Store, in_group: set[str]) -> tuple[list[Borrowing], list[Borrowing]]:
    """Passages the group's versions borrow from other articles, and other articles from them."""
    borrows_from: list[Borrowing] = []
    borrowed_by: list[Borrowing] = []
    for member in sorted(i for i in in_group if not i.startswith("unknown:")):
        takes, given = db.borrowings_of(store, member)
        borrows_from += [b for b in takes if b.source not in in_group]
        borrowed_by += [b for b in given if b.borrower not in in_group]
    return borrows_from, borrowed_by


def _alternatives(nodes: dict[str, TreeNode], weighed: list[tuple[str, float]]) -> list[tuple[str, float, str]]:
    """The other origins the tracer weighed, each with why the evidence leaves it open."""
    alternatives = []
    for other, probability in weighed:
        candidate = nodes.get(other)
        why = (
            "an absent common source"
            if candidate is None or candidate.article is None
            else "undated"
            if candidate.article.published is None
            else f"dated to the {candidate.article.published_precision or 'minute'}"
        )
        alternatives.append((other, probability, why))
    return alternatives


def _source_names(article: Article, exclude: Sequence[str] = ()) -> list[str]:
    names: list[str] = []
    for source in article.sources:
        if source.name not in names and source.name not in exclude:
            names.append(source.name)
    return names


@dataclass(slots=True)
class DiffView:
    """What ``child`` changed relative to ``parent``, and whether that comparison is a copy edge.

    ``edge`` is ``"copy"`` when the tree says the child derives from the parent, ``"reversed"``
    when the tree says the opposite, and None for two articles that are not parent and child.
    ``note`` says so in words when the comparison is not along a copy edge.
    """

    parent: Article
    child: Article
    changes: list[Change]
    edge: str | None
    relation: str | None  # the two articles' matched relation (copy, same_story, related) or None
    note: str | None


def diff_view(store: Store, parent_id: str, child_id: str) -> DiffView:
    """``child_id``'s changes from ``parent_id``: the stored changes of a traced copy edge, or
    for any other pair a comparison computed now, without the tags that only a copy can earn."""
    parent, child = store.article(parent_id), store.article(child_id)
    relation = db.relation_kind(store, parent_id, child_id)
    if db.parent_of(store, child_id) == parent_id:
        return DiffView(parent, child, db.changes_between(store, parent_id, child_id), "copy", relation, None)
    edge = "reversed" if db.parent_of(store, parent_id) == child_id else None
    cap = default("max_analysed_chars")  # as analysis does: a huge text is compared up to here
    changes = diff_articles(parent.id, child.id, split_sentences(parent.text[:cap]), split_sentences(child.text[:cap]))
    for change in changes:
        change.tags = [t for t in change.tags if t not in DERIVATION_TAGS]
    if edge == "reversed":
        note = (
            f"{parent_id} derives from {child_id}, not the other way round: this compares them in the "
            f"order asked; `newstrace diff {child_id} {parent_id}` shows what the copy changed"
        )
    elif relation == "copy":
        note = (
            f"{child_id} is a copy of {parent_id}'s text but not traced as its direct copy: "
            "a plain comparison, without derivation tags"
        )
    else:
        note = (
            f"{parent_id} and {child_id} are not copies of each other "
            f"({'relation: ' + relation.replace('_', ' ') if relation else 'no relation found'}): "
            "a plain comparison, without derivation tags"
        )
    return DiffView(parent, child, changes, edge, relation, note)


def diff(store: Store, parent_id: str, child_id: str) -> list[Change]:
    """What ``child_id`` changed relative to ``parent_id`` (see ``diff_view`` for the context)."""
    return diff_view(store, parent_id, child_id).changes


def _add_claim_changes(store: Store, nodes: dict[str, TreeNode], parent_of: dict[str, str | None]) -> None:
    if not claim_db.has_claims(store):
        return
    per_article: dict[str, list[ClaimState]] = {}
    for row in claim_db.claims_of_articles(store, [i for i, n in nodes.items() if n.article is not None]):
        if row.claim:
            per_article.setdefault(row.article, []).append((row.claim, row.certainty, row.hedge_phrases, row.via))
    for child, parent in parent_of.items():
        if parent and child in per_article and parent in per_article:
            nodes[child].claim_changes = certainty_changes(per_article[parent], per_article[child])


@dataclass(slots=True)
class ClaimView:
    """One claim: its statement, its carriers over time (each with its wording, speaker,
    certainty and hedges), and the later statements that deny or confirm it."""

    claim: str
    quote: str  # as its earliest carrier prints it
    speaker: str | None
    carriers: list[ClaimRow]
    denials: list[ClaimRow] = field(default_factory=list)
    confirmations: list[ClaimRow] = field(default_factory=list)
    about: str | None = None  # for a denial or confirmation: the claim it is about


@dataclass(slots=True)
class ClaimsView:
    """The claims of a story (given by its id or any member's id)."""

    story: str
    articles: list[str]
    claims: list[ClaimView]


def _claim_view(store: Store, claim_id: str, carriers: list[ClaimRow]) -> ClaimView:
    stances = claim_db.stances_about(store, [claim_id])
    speaker = next((c.speaker for c in carriers if c.speaker), None)
    about = next((c.stance_to for c in carriers if c.stance_to), None)
    return ClaimView(
        claim_id,
        carriers[0].quote,
        speaker,
        carriers,
        [s for s in stances if s.stance == "denial"],
        [s for s in stances if s.stance == "confirmation"],
        about,
    )


def claim(store: Store, claim_id: str) -> ClaimView:
    """One claim across the store, by its id."""
    carriers = claim_db.claim_rows(store, claim_id) if claim_db.has_claims(store) else []
    if not carriers:
        raise NotFoundError(f"no claim {claim_id!r} in {store.path}")
    return _claim_view(store, claim_id, carriers)


def claims(store: Store, story_or_article: str) -> ClaimsView:
    """The claims carried by a story's articles, each with all its carriers in the store over
    time, the certainty each version gives it, and the denials and confirmations of it."""
    story_id = _group_of(store, "story", story_or_article)
    members = db.group_members(store, "story", story_id)
    if not claim_db.has_claims(store):
        return ClaimsView(story_id, members, [])
    order: list[str] = []
    for row in claim_db.claims_of_articles(store, members):
        if row.claim and row.claim not in order:
            order.append(row.claim)
    return ClaimsView(story_id, members, [_claim_view(store, c, claim_db.claim_rows(store, c)) for c in order])
