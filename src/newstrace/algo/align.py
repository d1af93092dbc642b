"""Align a parent's sentences with a child's, and tell chrome and dateline prefixes apart
from content.

Alignment works on word tokens (datelines aside), so reworded sentences (a swapped word, an
inserted clause, a changed number) still pair up, while sentences that merely share vocabulary
do not. Similarities come from one C++ pass (rapidfuzz ``cdist``); only pairs above a bar are
candidates. The core is a monotone alignment, the heaviest increasing chain of candidate pairs
(like a diff); sentences moved out of order are paired afterwards, a lone leftover sentence on
each side of a gap pairs up when the two still share words, and a sentence merged from two
(or split into two) takes its neighbour along when that explains the other side better.

Pure functions on lists of sentences; no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel, LCSseq

from newstrace.algo.tokens import tokenize
from newstrace.lang.change_cues import CHROME_LINE, DATELINE, OUTLET_ONLY

__all__ = [
    "MIN_SIMILARITY",
    "Alignment",
    "align_sentences",
    "is_chrome_sentence",
    "strip_dateline",
]

Alignment = tuple[int | None, int | None, float]

# Token-level similarity (2 * common / total) above which two sentences are one reworded
# sentence; a one-word swap in a short sentence scores ~0.8, unrelated sentences ~0.2-0.3.
MIN_SIMILARITY = 0.5
# A sentence whose words mostly reappear inside a much longer one (an inserted clause) still
# pairs with it, as long as the two are not wildly different in length.
MIN_CONTAINMENT = 0.8
MIN_CONTAINED_RATIO = 0.35
MIN_CONTAINED_TOKENS = 5
# A lone sentence left on each side between two aligned pairs needs less to pair up.
MIN_GAP_SIMILARITY = 0.4
# Out-of-order pairs must be clearly the same sentence, since order no longer vouches for them.
MIN_MOVED_SIMILARITY = 0.6
# A merge/split neighbour must share this much of its own words with the joined sentence.
MIN_MERGE_SHARE = 0.5


def align_sentences(
    parent: Sequence[str],
    child: Sequence[str],
    *,
    min_similarity: float = MIN_SIMILARITY,
) -> list[Alignment]:
    """Align two sentence lists: ``(parent_index, child_index, similarity)`` in reading order.

    ``(i, j, s)`` pairs parent sentence ``i`` with child sentence ``j`` (same or reworded);
    ``(i, None, 0.0)`` is a removed and ``(None, j, 0.0)`` an added sentence. A sentence merged
    from two appears in two tuples with the same child index (a split: same parent index).
    Order follows the child, removed sentences where they stood in the parent.
    """
    if not 0.0 < min_similarity <= 1.0:
        raise ValueError("min_similarity must be in (0, 1]")
    parent_tokens = [_content_tokens(s) for s in parent]
    child_tokens = [_content_tokens(s) for s in child]
    similarity = _similarity_matrix(parent_tokens, child_tokens, min_similarity)
    # Gains relative to a floor just under the bar: an exact pair outweighs two weak ones,
    # so a moved sentence is not mistaken for a chain of rewordings.
    gain = np.where(similarity > 0.0, similarity - (min_similarity - _GAIN_SLACK), 0.0)
    pairs = _monotone_pairs(gain)
    pairs |= _moved_pairs(similarity, pairs)
    pairs |= _gap_pairs(parent_tokens, child_tokens, pairs)
    pairs |= _merge_split_pairs(parent_tokens, child_tokens, pairs)
    return _in_reading_order(pairs, similarity, len(parent), len(child))


@lru_cache(maxsize=1 << 15)
def _content_tokens(sentence: str) -> tuple[str, ...]:
    # Datelines are left out: a copy swapping the outlet prefix keeps the sentence. Cached:
    # tracing a copy group aligns each version's sentences with several others.
    return tuple(tokenize(strip_dateline(sentence)[1]))


def _similarity_matrix(
    parent_tokens: list[tuple[str, ...]], child_tokens: list[tuple[str, ...]], min_similarity: float
) -> np.ndarray:
    """Sentence similarity, zero below the match bar.

    The token-ratio (2 * common / total, in order) is computed in one C++ pass; the
    containment measure that keeps an embellished sentence with its original is only
    computed where the cheap ratio shows enough overlap to matter.
    """
    if not parent_tokens or not child_tokens:
        return np.zeros((len(parent_tokens), len(child_tokens)))
    ratio = process.cdist(
        parent_tokens,
        child_tokens,
        scorer=Indel.normalized_similarity,
        score_cutoff=MIN_CONTAINED_RATIO,
        dtype=np.float32,
    ).astype(np.float64)
    similarity = np.where(ratio >= min_similarity, ratio, 0.0)
    rows, cols = np.nonzero((ratio >= MIN_CONTAINED_RATIO) & (ratio < min_similarity))
    for i, j in zip(rows.tolist(), cols.tolist()):
        shorter = min(len(parent_tokens[i]), len(child_tokens[j]))
        if shorter < MIN_CONTAINED_TOKENS:
            continue
        common = LCSseq.similarity(parent_tokens[i], child_tokens[j])
        if common / shorter >= MIN_CONTAINMENT:
            # Ranked just above the bar: a contained sentence is a match, but a weaker one
            # than a plain reworded sentence when both compete.
            similarity[i, j] = min_similarity + 0.01 * ratio[i, j]
    return similarity


_GAIN_SLACK = 0.05


def _monotone_pairs(gain: np.ndarray) -> set[tuple[int, int]]:
    """Order-preserving pairs maximising total gain: the heaviest increasing chain over the
    candidate pairs (few per sentence after the similarity bar), found with a prefix-maximum
    tree over child positions in O(K log K) for K candidates."""
    rows, cols = np.nonzero(gain > 0.0)
    # Same parent sentence: larger child positions first, so that they cannot chain.
    order = sorted(zip(rows.tolist(), cols.tolist()), key=lambda pair: (pair[0], -pair[1]))
    size = gain.shape[1]
    tree_value = [0.0] * (size + 1)  # prefix maxima of chain weight by child position
    tree_index = [-1] * (size + 1)
    best: list[float] = []
    previous: list[int] = []
    for i, j in order:
        value, index, k = 0.0, -1, j  # best chain ending before child position j
        while k > 0:
            if tree_value[k] > value:
                value, index = tree_value[k], tree_index[k]
            k -= k & -k
        best.append(value + float(gain[i, j]))
        previous.append(index)
        k = j + 1
        while k <= size:
            if best[-1] > tree_value[k]:
                tree_value[k], tree_index[k] = best[-1], len(best) - 1
            k += k & -k
    pairs: set[tuple[int, int]] = set()
    k = max(range(len(best)), key=best.__getitem__, default=-1)
    while k >= 0:
        pairs.add(order[k])
        k = previous[k]
    return pairs


def _moved_pairs(similarity: np.ndarray, pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Pair leftover sentences that moved out of order, best first."""
    used_parent = {i for i, _ in pairs}
    used_child = {j for _, j in pairs}
    rows, cols = np.nonzero(similarity >= MIN_MOVED_SIMILARITY)
    candidates = sorted(
        (
            (-similarity[i, j], i, j)
            for i, j in zip(rows.tolist(), cols.tolist())
            if i not in used_parent and j not in used_child
        )
    )
    moved: set[tuple[int, int]] = set()
    for _, i, j in candidates:
        if i in used_parent or j in used_child:
            continue
        moved.add((i, j))
        used_parent.add(i)
        used_child.add(j)
    return moved


def _gap_pairs(
    parent_tokens: list[tuple[str, ...]], child_tokens: list[tuple[str, ...]], pairs: set[tuple[int, int]]
) -> set[tuple[int, int]]:
    """Pair the lone leftover sentence on each side of a gap between two aligned pairs when
    they still share some words: in that spot they are one sentence reworded ("kata X" ->
    "kata Y" in a short sentence), not one removed and another added."""
    used_parent = {i for i, _ in pairs}
    used_child = {j for _, j in pairs}
    anchors = sorted(pairs)
    extra: set[tuple[int, int]] = set()
    if not anchors:
        return extra
    previous = anchors[0]
    for anchor in anchors[1:]:
        if anchor[0] <= previous[0] or anchor[1] <= previous[1]:
            continue  # a moved pair: not a gap boundary
        gap_parent = [i for i in range(previous[0] + 1, anchor[0]) if i not in used_parent]
        gap_child = [j for j in range(previous[1] + 1, anchor[1]) if j not in used_child]
        if len(gap_parent) == 1 and len(gap_child) == 1:
            i, j = gap_parent[0], gap_child[0]
            if (
                parent_tokens[i]
                and child_tokens[j]
                and Indel.normalized_similarity(parent_tokens[i], child_tokens[j]) >= MIN_GAP_SIMILARITY
            ):
                extra.add((i, j))
        previous = anchor
    return extra


def _merge_split_pairs(
    parent_tokens: list[tuple[str, ...]],
    child_tokens: list[tuple[str, ...]],
    pairs: set[tuple[int, int]],
) -> set[tuple[int, int]]:
    """Extra pairs for a sentence merged from its neighbours (or split into two).

    An unmatched neighbour joins a pair when the joined text resembles the other side
    clearly better than the pair alone did.
    """
    extra: set[tuple[int, int]] = set()
    used_parent = {i for i, _ in pairs}
    used_child = {j for _, j in pairs}
    for i, j in sorted(pairs):
        # Merge: parent sentences around i joined into child sentence j.
        group = [i]
        for step in (-1, 1):
            k = i + step
            while 0 <= k < len(parent_tokens) and k not in used_parent:
                joined = [t for g in sorted(group + [k]) for t in parent_tokens[g]]
                if not _joins_better(parent_tokens[k], joined, group, parent_tokens, child_tokens[j]):
                    break
                group.append(k)
                used_parent.add(k)
                extra.add((k, j))
                k += step
        # Split: child sentences around j together copy parent sentence i.
        group = [j]
        for step in (-1, 1):
            k = j + step
            while 0 <= k < len(child_tokens) and k not in used_child:
                joined = [t for g in sorted(group + [k]) for t in child_tokens[g]]
                if not _joins_better(child_tokens[k], joined, group, child_tokens, parent_tokens[i]):
                    break
                group.append(k)
                used_child.add(k)
                extra.add((i, k))
                k += step
    return extra


def _joins_better(
    neighbour: Sequence[str],
    joined: Sequence[str],
    group: list[int],
    side_tokens: list[tuple[str, ...]],
    other: Sequence[str],
) -> bool:
    """True when adding ``neighbour`` to ``group`` makes it match ``other`` clearly better."""
    if not neighbour or not other:
        return False
    share = LCSseq.similarity(neighbour, other) / len(neighbour)
    if share < MIN_MERGE_SHARE:
        return False
    alone = [t for g in sorted(group) for t in side_tokens[g]]
    return Indel.normalized_similarity(joined, other) > Indel.normalized_similarity(alone, other) + 0.05


def _in_reading_order(
    pairs: set[tuple[int, int]], similarity: np.ndarray, n_parent: int, n_child: int
) -> list[Alignment]:
    """All pairs, additions and removals, ordered by the child; removals where they stood."""
    child_of_parent: dict[int, int] = {}
    for i, j in pairs:
        child_of_parent[i] = min(j, child_of_parent.get(i, j))
    matched_child = {j for _, j in pairs}
    keyed: list[tuple[tuple[float, int, int], Alignment]] = []
    for i, j in pairs:
        keyed.append(((float(j), 0, i), (i, j, float(similarity[i, j]))))
    for j in range(n_child):
        if j not in matched_child:
            keyed.append(((float(j), 0, -1), (None, j, 0.0)))
    anchor = -1.0
    for i in range(n_parent):
        if i in child_of_parent:
            anchor = float(child_of_parent[i])
        else:
            keyed.append(((anchor + 0.5, 1, i), (i, None, 0.0)))
    keyed.sort(key=lambda item: item[0])
    return [alignment for _, alignment in keyed]


def strip_dateline(sentence: str) -> tuple[str, str]:
    """Split an outlet/dateline prefix off a sentence: ``(prefix, rest)``.

    A copy may stack its own dateline on the source's ("TRIBUNNEWS.COM - JAKARTA, KOMPAS.com -
    ..."), so prefixes are taken off while they last.
    """
    end = 0
    while match := DATELINE.match(sentence, end):
        if match.end() >= len(sentence.rstrip()) or match.end() == end:
            break
        end = match.end()
    return sentence[:end], sentence[end:]


@lru_cache(maxsize=65536)
def is_chrome_sentence(sentence: str) -> bool:
    """A related-link, video-teaser, byline, source or outlet-credit line, or no words at all."""
    text = sentence.strip()
    # A lone word ("TERBARU", "[X]") is page furniture, never a claim.
    if len(tokenize(text)) <= 1:
        return True
    if CHROME_LINE.match(text) or OUTLET_ONLY.match(text):
        return True
    prefix, rest = strip_dateline(text)
    return bool(prefix) and not tokenize(rest)
