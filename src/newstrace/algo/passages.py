"""Shared passages between two articles: which sentences one reuses from the other.

Two sentences match when most of the shorter one's words reappear in the other in the same
order (longest common subsequence of normalised tokens), so word swaps ("pemain" ->
"pasukan"), cuts and embellishments inside a sentence still match, while sentences that merely
share vocabulary do not. The cheap prefilter is a merge join of the two articles' sorted
token hashes, which counts the distinct words every sentence pair shares: only pairs sharing
enough of them are aligned word by word (40 x 40 sentences: about 0.3 ms once prepared).

Matched sentences are then chained into runs along the diagonal, tolerating one inserted or
dropped sentence, merged or split sentences, a new lead and passages moved around; each run
becomes a ``Passage``.

Pure functions on lists of sentences; no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz.distance import LCSseq

from newstrace.algo.jit import njit
from newstrace.algo.tokens import token_hash, tokenize  # tokenize re-exported for callers
from newstrace.model import Passage

__all__ = [
    "DEFAULT_MIN_SIMILARITY",
    "PassageMatch",
    "PreparedText",
    "SentencePair",
    "prepare",
    "sentence_similarity",
    "shared_passages",
    "tokenize",
]

DEFAULT_MIN_SIMILARITY = 0.7
# Shorter sentences are too generic to count as evidence of reuse ("Hal itu dikatakannya").
MIN_SENTENCE_TOKENS = 5
# The common part must also be a fair share of the longer sentence, so a short sentence is not
# "found" inside a long one that happens to hold all its words...
MIN_LONGER_SHARE = 0.4
# ...unless it is long enough to be evidence on its own (a sentence merged into a longer one).
SELF_EVIDENT_TOKENS = 10
# A run may skip this many sentences on either side (an inserted "Baca juga", a dropped line).
RUN_GAP = 1


@dataclass(frozen=True, slots=True)
class PreparedText:
    """An article's sentences tokenised once, ready to be compared with many others."""

    sentences: tuple[str, ...]
    tokens: tuple[tuple[str, ...], ...]
    lengths: tuple[int, ...]  # tokens per sentence
    distinct_lengths: np.ndarray  # distinct tokens per sentence
    token_hashes: np.ndarray  # distinct token hashes of every sentence, sorted
    token_sentence: np.ndarray  # the sentence each entry of token_hashes belongs to
    total_words: int


def prepare(sentences: Sequence[str]) -> PreparedText:
    """Tokenise ``sentences`` for :func:`shared_passages` (do it once per article)."""
    token_lists = tuple(tuple(tokenize(sentence)) for sentence in sentences)
    # Hashes equal in every process: a prepared text compares the same with one prepared
    # in another process (a Spark executor, a worker pool).
    distinct = [set(map(token_hash, tokens)) for tokens in token_lists]
    distinct_lengths = np.fromiter((len(d) for d in distinct), np.int64, len(distinct))
    total = int(distinct_lengths.sum())
    hashes = np.fromiter((h for d in distinct for h in d), np.uint64, total)
    owner = np.repeat(np.arange(len(distinct), dtype=np.int64), distinct_lengths)
    order = np.argsort(hashes, kind="stable")
    lengths = tuple(len(tokens) for tokens in token_lists)
    return PreparedText(
        sentences=tuple(sentences),
        tokens=token_lists,
        lengths=lengths,
        distinct_lengths=distinct_lengths,
        token_hashes=hashes[order],
        token_sentence=owner[order],
        total_words=sum(lengths),
    )


@dataclass(frozen=True, slots=True)
class SentencePair:
    """Sentence ``a`` of the first article matches sentence ``b`` of the second."""

    a: int
    b: int
    similarity: float  # common words / words of the shorter sentence
    common_words: int  # length of the in-order common word sequence


@dataclass(slots=True)
class PassageMatch:
    """What two articles share: passages plus the share of each text that is reused."""

    passages: list[Passage] = field(default_factory=list)
    shared_a: float = 0.0  # share of a's words inside matched sentences
    shared_b: float = 0.0
    matched: int = 0  # matched sentence pairs
    longest_run: int = 0  # matched pairs in the longest passage
    longest_run_words: int = 0  # a's words covered by the longest passage
    first_a: int | None = None  # a's first matched sentence: late when only background is reused
    first_b: int | None = None
    pairs: list[SentencePair] = field(default_factory=list)

    @property
    def shared_shorter(self) -> float:
        """Share reused of whichever text is more fully reused (the shorter, usually)."""
        return max(self.shared_a, self.shared_b)


def sentence_similarity(a: str, b: str) -> float:
    """In-order word overlap of two sentences relative to the shorter one (0..1)."""
    tokens_a, tokens_b = tokenize(a), tokenize(b)
    if not tokens_a or not tokens_b:
        return 0.0
    return LCSseq.similarity(tokens_a, tokens_b) / min(len(tokens_a), len(tokens_b))


def shared_passages(
    a_sents: Sequence[str] | PreparedText,
    b_sents: Sequence[str] | PreparedText,
    *,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
) -> PassageMatch:
    """Find the passages two articles share, tolerating word edits, reordering and a new lead.

    ``a_sents``/``b_sents`` are sentence lists or :func:`prepare` results (faster when one
    article is compared with many). ``min_similarity`` is the share of the shorter sentence's
    words that must recur, in order, in the other for the two to match.
    """
    a = a_sents if isinstance(a_sents, PreparedText) else prepare(a_sents)
    b = b_sents if isinstance(b_sents, PreparedText) else prepare(b_sents)
    if a.total_words == 0 or b.total_words == 0:
        return PassageMatch()
    pairs = _select_pairs(_matching_pairs(a, b, min_similarity))
    if not pairs:
        return PassageMatch()
    shared_a = _covered_words(pairs, a.lengths, side="a") / a.total_words
    shared_b = _covered_words(pairs, b.lengths, side="b") / b.total_words
    passages, run_sizes = _chain_runs(pairs, a)
    longest = int(np.argmax(run_sizes))
    longest_passage = passages[longest]
    return PassageMatch(
        passages=passages,
        shared_a=float(shared_a),
        shared_b=float(shared_b),
        matched=len(pairs),
        longest_run=run_sizes[longest],
        longest_run_words=sum(a.lengths[longest_passage.a_start : longest_passage.a_end]),
        first_a=min(p.a for p in pairs),
        first_b=min(p.b for p in pairs),
        pairs=pairs,
    )


def _matching_pairs(a: PreparedText, b: PreparedText, min_similarity: float) -> list[SentencePair]:
    """Sentence pairs whose in-order common words reach ``min_similarity`` of the shorter."""
    candidates_a, candidates_b = _overlap_candidates(a, b, min_similarity)
    found: list[SentencePair] = []
    for i, j in zip(candidates_a.tolist(), candidates_b.tolist()):
        len_a, len_b = a.lengths[i], b.lengths[j]
        shorter, longer = min(len_a, len_b), max(len_a, len_b)
        needed = max(MIN_SENTENCE_TOKENS, min_similarity * shorter)
        needed = max(needed, min(MIN_LONGER_SHARE * longer, max(needed, SELF_EVIDENT_TOKENS)))
        common = LCSseq.similarity(a.tokens[i], b.tokens[j], score_cutoff=math.ceil(needed))
        if common >= needed:
            found.append(SentencePair(i, j, common / shorter, common))
    return found


def _overlap_candidates(a: PreparedText, b: PreparedText, min_similarity: float) -> tuple[np.ndarray, np.ndarray]:
    """Prefilter: sentence pairs sharing enough distinct tokens to possibly match.

    A merge join of the two sorted token-hash arrays counts the distinct tokens every
    sentence pair shares, without building a vocabulary.
    """
    if not (a.token_hashes.size and b.token_hashes.size):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    counts = np.zeros((len(a.tokens), len(b.tokens)), np.int64)
    _count_shared_tokens(a.token_hashes, a.token_sentence, b.token_hashes, b.token_sentence, counts)
    return _possible_matches(counts, a.distinct_lengths, b.distinct_lengths, min_similarity)


@njit()
def _possible_matches(
    counts: np.ndarray, lengths_a: np.ndarray, lengths_b: np.ndarray, min_similarity: float
) -> tuple[np.ndarray, np.ndarray]:
    """The sentence pairs whose shared distinct tokens could reach the thresholds of
    :func:`_matching_pairs`, in row order."""
    rows = np.empty(counts.size, np.int64)
    cols = np.empty(counts.size, np.int64)
    found = 0
    for i in range(counts.shape[0]):
        for j in range(counts.shape[1]):
            # Slack of one token: repeated words can make the in-order overlap exceed the distinct one.
            slack = counts[i, j] + 1
            shorter, longer = min(lengths_a[i], lengths_b[j]), max(lengths_a[i], lengths_b[j])
            if (
                slack >= MIN_SENTENCE_TOKENS
                and slack >= min_similarity * shorter
                and (slack >= MIN_LONGER_SHARE * longer or slack >= SELF_EVIDENT_TOKENS)
            ):
                rows[found], cols[found] = i, j
                found += 1
    return rows[:found], cols[:found]


@njit()
def _count_shared_tokens(
    hashes_a: np.ndarray, owner_a: np.ndarray, hashes_b: np.ndarray, owner_b: np.ndarray, counts: np.ndarray
) -> None:
    """``counts[i, j]`` += the distinct tokens sentence ``i`` of a shares with sentence ``j`` of
    b: a merge of the two sorted hash arrays, where a run of equal hashes on each side (one
    word in several sentences) adds one to every pair of their sentences."""
    i, j = 0, 0
    while i < hashes_a.size and j < hashes_b.size:
        if hashes_a[i] < hashes_b[j]:
            i += 1
        elif hashes_a[i] > hashes_b[j]:
            j += 1
        else:
            value, end_i, end_j = hashes_a[i], i, j
            while end_i < hashes_a.size and hashes_a[end_i] == value:
                end_i += 1
            while end_j < hashes_b.size and hashes_b[end_j] == value:
                end_j += 1
            for x in range(i, end_i):
                for y in range(j, end_j):
                    counts[owner_a[x], owner_b[y]] += 1
            i, j = end_i, end_j


def _select_pairs(pairs: list[SentencePair]) -> list[SentencePair]:
    """Keep the best match per sentence; a sentence may take a second one only as a merge.

    Accepting a pair when either side is still free lets two sentences of one article match a
    single merged sentence of the other, without letting a common sentence match everything.
    """
    pairs = sorted(pairs, key=lambda p: (-p.similarity, -p.common_words, p.a, p.b))
    used_a: set[int] = set()
    used_b: set[int] = set()
    kept: list[SentencePair] = []
    for pair in pairs:
        if pair.a in used_a and pair.b in used_b:
            continue
        kept.append(pair)
        used_a.add(pair.a)
        used_b.add(pair.b)
    kept.sort(key=lambda p: (p.a, p.b))
    return kept


def _covered_words(pairs: list[SentencePair], lengths: tuple[int, ...], *, side: str) -> int:
    """Words of one article reused in the other: common words of its matched sentences.

    A sentence merged from several of the other article's sentences sums its parts, capped by
    its own length; words an edit added or swapped do not count as reused.
    """
    covered: dict[int, int] = {}
    for pair in pairs:
        index = pair.a if side == "a" else pair.b
        covered[index] = covered.get(index, 0) + pair.common_words
    return sum(min(words, lengths[index]) for index, words in covered.items())


def _chain_runs(pairs: list[SentencePair], a: PreparedText) -> tuple[list[Passage], list[int]]:
    """Chain matched pairs into diagonal runs; each run becomes one Passage."""
    position = {(p.a, p.b): k for k, p in enumerate(pairs)}
    best = [1] * len(pairs)
    previous: list[int | None] = [None] * len(pairs)
    for k, pair in enumerate(pairs):  # pairs are sorted by (a, b): predecessors come first
        for di in range(RUN_GAP + 2):
            for dj in range(RUN_GAP + 2):
                if di == 0 and dj == 0:
                    continue
                before = position.get((pair.a - di, pair.b - dj))
                if before is not None and best[before] + 1 > best[k]:
                    best[k], previous[k] = best[before] + 1, before
    used = [False] * len(pairs)
    passages: list[Passage] = []
    sizes: list[int] = []
    for end in sorted(range(len(pairs)), key=lambda k: (-best[k], k)):
        if used[end]:
            continue
        chain: list[int] = []
        cursor: int | None = end
        while cursor is not None and not used[cursor]:
            chain.append(cursor)
            used[cursor] = True
            cursor = previous[cursor]
        members = [pairs[k] for k in reversed(chain)]
        a_start, a_end = members[0].a, max(p.a for p in members) + 1
        b_start, b_end = min(p.b for p in members), max(p.b for p in members) + 1
        passages.append(
            Passage(
                a_start=a_start,
                a_end=a_end,
                b_start=b_start,
                b_end=b_end,
                text=" ".join(a.sentences[a_start:a_end]),
                similarity=math.fsum(p.similarity for p in members) / len(members),
            )
        )
        sizes.append(len(members))
    order = sorted(range(len(passages)), key=lambda k: (passages[k].a_start, passages[k].b_start))
    return [passages[k] for k in order], [sizes[k] for k in order]
