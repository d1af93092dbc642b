"""How two articles overlap, measured: ``pair_features`` gives a pair's ``PairFeatures``
(shared passages and word 8-gram reuse, TF-IDF cosines of bodies, titles, leads and openers,
shared names, places, numbers and event dates, title words, hours apart), the measures the
relation models in ``newstrace.match_models`` read.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from newstrace.algo.passages import DEFAULT_MIN_SIMILARITY, PassageMatch, SentencePair, shared_passages
from newstrace.background import background_weight
from newstrace.match_doc import MatchDoc
from newstrace.model import Passage
from newstrace.tfidf import TfidfIndex

__all__ = ["PairFeatures", "pair_features"]

_SECONDS_PER_HOUR = 3600.0

# Words too common in Indonesian and English news to tell texts apart without corpus weights.
# fmt: off
_STOPWORDS = frozenset((
    "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "pada", "ini", "itu", "dalam", "tidak",
    "akan", "ada", "juga", "atau", "karena", "oleh", "sebagai", "bagi", "saat", "telah", "sudah",
    "masih", "bisa", "dapat", "hingga", "agar", "para", "serta", "lebih", "kata", "ujar", "jadi",
    "jika", "usai", "soal", "begini", "begitu", "ia", "kami", "kita", "mereka", "saya", "anda",
    "dia", "nya", "pun", "lagi", "the", "a", "an", "of", "to", "in", "on", "for", "and", "or",
    "is", "are", "was", "were", "be", "by", "with", "at", "from", "as", "that", "this", "it",
))
# fmt: on


@dataclass(slots=True)
class PairFeatures:
    """Everything measured about one pair; ``nan`` marks a measure that was not available."""

    shared_a: float  # share of a's words in sentences b reuses
    shared_b: float
    matched_sentences: int
    longest_run: int  # matched sentence pairs in the longest shared passage
    longest_run_words: int
    ngram_containment: float  # share of the shorter text's word 8-grams found in the other
    reuse_start: float  # sentences before shared text begins, in the later-starting article
    tfidf_cosine: float  # whole bodies
    title_similarity: float
    lead_cosine: float  # titles and leads
    opener_cosine: float  # titles and first sentences
    embed_cosine: float
    entity_overlap: float
    rare_entity_overlap: float  # names in common, each weighed by how rare its words are
    lead_entity_overlap: float  # names in common between the titles and leads
    place_overlap: float  # places in common, weighed by rarity
    title_overlap: float  # share of the shorter title's content words in the other title
    number_overlap: float
    date_agreement: float  # 1 same event date in the leads, 0 different, 0.5 unknown
    hours_apart: float
    same_outlet: bool
    # Share of the shorter text's words (the text with fewer) that lie in sentences the other
    # text carries: how much of one text is a version of the other.
    coverage: float = 0.0
    # Whole sentences of the shorter text that the other carries: the labels' "several whole
    # sentences" of a copy that reproduces part of one release or statement.
    carried_sentences: int = 0
    first_a: int | None = None  # first sentence of a (of b) in a shared passage
    first_b: int | None = None
    passages: list[Passage] = field(default_factory=list, repr=False)

    @property
    def shared_max(self) -> float:
        return max(self.shared_a, self.shared_b)


def pair_features(
    a: MatchDoc,
    b: MatchDoc,
    *,
    tfidf_cosine: float | None = None,
    embed_cosine: float | None = None,
    index: TfidfIndex | None = None,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
) -> PairFeatures:
    """Measure how much and in what way ``a`` and ``b`` overlap.

    The similarity measures are meant to be TF-IDF cosines from a corpus-wide ``index``
    holding both articles (``TfidfIndex.from_docs``); ``tfidf_cosine`` overrides its body
    cosine. Without an index, cosines of plain content-word counts stand in: good enough to
    rank, but the calibrated cuts assume corpus weights. ``embed_cosine`` is optional.
    """
    shared = shared_passages(a.prepared, b.prepared, min_similarity=min_similarity)
    containment = _ngram_containment(a, b)
    hours = _hours_apart(a, b)
    cosines = _cosines(a, b, index, tfidf_cosine)
    weigh, weigh_all = _name_weighers(index)
    return PairFeatures(
        shared_a=shared.shared_a,
        shared_b=shared.shared_b,
        matched_sentences=shared.matched,
        longest_run=shared.longest_run,
        longest_run_words=shared.longest_run_words,
        ngram_containment=float(containment),
        reuse_start=_reuse_start(shared),
        tfidf_cosine=cosines.get("body", 0.0),
        title_similarity=cosines.get("title", 0.0),
        lead_cosine=cosines.get("lead", 0.0),
        opener_cosine=cosines.get("opener", 0.0),
        embed_cosine=float(embed_cosine) if embed_cosine is not None else math.nan,
        entity_overlap=_overlap(a.entities, b.entities),
        rare_entity_overlap=_weighted_overlap(a.entities, b.entities, weigh, weigh_all),
        lead_entity_overlap=_overlap(a.lead_entities, b.lead_entities),
        place_overlap=_weighted_overlap(a.places, b.places, weigh, weigh_all),
        title_overlap=_title_overlap(a.title_tokens, b.title_tokens),
        number_overlap=_overlap(a.numbers, b.numbers),
        date_agreement=_date_agreement(a.lead_dates, b.lead_dates),
        hours_apart=hours,
        same_outlet=bool(a.outlet and a.outlet == b.outlet),
        coverage=_coverage(a, b, shared.pairs),
        carried_sentences=_carried_sentences(a, b, shared.pairs),
        first_a=shared.first_a,
        first_b=shared.first_b,
        passages=shared.passages,
    )


def _ngram_containment(a: MatchDoc, b: MatchDoc) -> float:
    """Share of the shorter text's distinct word 8-grams that the other text also has."""
    if not (a.shingles.size and b.shingles.size):
        return 0.0
    common = np.intersect1d(a.shingles, b.shingles, assume_unique=True).size
    return common / min(a.shingles.size, b.shingles.size)


def _hours_apart(a: MatchDoc, b: MatchDoc) -> float:
    """Hours between the two publication times; nan when either is unknown."""
    if a.published is None or b.published is None:
        return math.nan
    return abs((a.published - b.published).total_seconds()) / _SECONDS_PER_HOUR


def _cosines(a: MatchDoc, b: MatchDoc, index: TfidfIndex | None, tfidf_cosine: float | None) -> dict[str, float]:
    """The cosine of each view (body, title, lead, opener): TF-IDF from ``index`` when it holds
    both articles, else content-word counts; ``tfidf_cosine`` overrides the body's."""
    cosines: dict[str, float]
    if index is not None and a.id in index.rows and b.id in index.rows:
        i, j = index.rows[a.id], index.rows[b.id]
        cosines = {view: index.cosine(i, j, view) for view in index.view_names}
    else:
        views_a, views_b = a.views(), b.views()
        cosines = {view: _count_cosine(views_a[view], views_b[view]) for view in views_a}
    if tfidf_cosine is not None:
        cosines["body"] = float(tfidf_cosine)
    if not a.title_tokens or not b.title_tokens:
        cosines["title"] = math.nan  # an unknown title is not a dissimilar one
    return cosines


def _name_weighers(
    index: TfidfIndex | None,
) -> tuple[Callable[[str], float], Callable[[frozenset[str]], float]]:
    """How much a shared name or place counts (the weight of its rarest word, by the index's
    word weights when there is one, else by background statistics alone), and a whole set."""
    if index is not None:
        return index.name_weight, index.names_weight
    return _background_name_weight, _background_names_weight


@lru_cache(maxsize=65536)
def _background_name_weight(name: str) -> float:
    return max(background_weight(word) for word in name.split())


def _background_names_weight(names: frozenset[str]) -> float:
    return sum(map(_background_name_weight, names))


def _reuse_start(shared: PassageMatch) -> float:
    """Sentences before shared text begins in the later-starting article; inf when none is shared."""
    if shared.first_a is None or shared.first_b is None:
        return math.inf
    return float(max(shared.first_a, shared.first_b))


def _coverage(a: MatchDoc, b: MatchDoc, pairs: Sequence[SentencePair]) -> float:
    """Share of the shorter text's words in its sentences that match one of the other's.

    Whole sentences count (a reworded word does not make a sentence less carried over), so
    "a majority of the shorter text" reads as a coverage above one half.
    """
    shorter_is_a = a.prepared.total_words <= b.prepared.total_words
    doc = a if shorter_is_a else b
    if not doc.prepared.total_words:
        return 0.0
    matched = {p.a if shorter_is_a else p.b for p in pairs}
    return sum(doc.prepared.lengths[i] for i in matched) / doc.prepared.total_words


def _carried_sentences(a: MatchDoc, b: MatchDoc, pairs: Sequence[SentencePair]) -> int:
    """How many of the shorter text's sentences the other text carries."""
    shorter_is_a = a.prepared.total_words <= b.prepared.total_words
    return len({p.a if shorter_is_a else p.b for p in pairs})


def _overlap(a: frozenset[str], b: frozenset[str], prior: float = 1.0) -> float:
    """Shared share of the smaller set, shrunk towards 0 when the sets are tiny."""
    if not a or not b:
        return 0.0
    return len(a & b) / (min(len(a), len(b)) + prior)


def _weighted_overlap(
    a: frozenset[str],
    b: frozenset[str],
    weigh: Callable[[str], float],
    weigh_all: Callable[[frozenset[str]], float],
    prior: float = 1.0,
) -> float:
    """Like :func:`_overlap`, each item counting by its weight (a common name counts little);
    the prior is one average item of the smaller set."""
    if not a or not b:
        return 0.0
    weight_a, weight_b = weigh_all(a), weigh_all(b)
    smaller, size = (weight_a, len(a)) if weight_a <= weight_b else (weight_b, len(b))
    shared = sum(weigh(x) for x in a & b)
    return shared / (smaller + prior * smaller / size) if smaller else 0.0


def _title_overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of the shorter title's content words that the other title uses; nan untitled."""
    words_a = {t for t in a if t not in _STOPWORDS}
    words_b = {t for t in b if t not in _STOPWORDS}
    if not words_a or not words_b:
        return math.nan
    return len(words_a & words_b) / min(len(words_a), len(words_b))


def _date_agreement(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the fewer lead dates the other lead also names; 0.5 when one names none."""
    if not a or not b:
        return 0.5
    return len(a & b) / min(len(a), len(b))


def _count_cosine(a: Sequence[str], b: Sequence[str]) -> float:
    """Cosine of content-word counts: the stand-in when no corpus TF-IDF is at hand."""
    counts_a = Counter(t for t in a if t not in _STOPWORDS)
    counts_b = Counter(t for t in b if t not in _STOPWORDS)
    dot = sum(v * counts_b.get(k, 0) for k, v in counts_a.items())
    norm = math.sqrt(sum(v * v for v in counts_a.values()) * sum(v * v for v in counts_b.values()))
    return dot / norm if norm else 0.0
