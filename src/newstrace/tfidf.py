"""TF-IDF vectors of articles and their nearest neighbours: the paraphrase candidates that
near-copy hashing cannot find (other words, close in time, similar vocabulary or headline),
and the cosines the relation models read.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from itertools import chain, count, repeat
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from newstrace.algo.jit import njit
from newstrace.algo.window_search import TimePostings, window_neighbours
from newstrace.background import Background, default_background
from newstrace.forked import forked_map

if TYPE_CHECKING:
    from newstrace.match_doc import MatchDoc

__all__ = ["EXACT_UP_TO", "PRUNED_CANDIDATES", "RARE_DF", "TfidfIndex"]

_SECONDS_PER_HOUR = 3600.0
# Neighbour search is exact while a block is compared with at most this many articles (every
# labelled set the settings were fitted on is smaller), and pruned to rare words beyond.
EXACT_UP_TO = 20_000
RARE_DF = 200  # "rare": in at most this many indexed articles
PRUNED_CANDIDATES = 200  # articles scored exactly per article, the best by rare words
PARALLEL_MIN_ROWS = 4096  # fewer rows are searched in a few seconds at most: not worth forking


def _epoch_hours(moment: datetime | None) -> float:
    return moment.timestamp() / _SECONDS_PER_HOUR if moment is not None else math.nan


class TfidfIndex:
    """TF-IDF vectors of a corpus: sublinear term frequency, smoothed idf, unit length.

    Built from one token list per article (the "body" view); ``views`` adds other token
    lists per article (title, lead...) weighted with the same idf, so that their cosines
    are comparable. ``published`` enables the time window of :meth:`neighbours`, ``ids``
    lookups by article id. Words in more than ``max_df`` of the articles carry no weight.

    Document frequencies count the articles indexed plus a reference corpus of news
    (``background``, the shipped one unless told; ``Background.empty()`` for none), so a
    word weighs about the same whether five articles are indexed or a whole crawl, and a
    pair's cosine hardly depends on what else is stored.
    """

    def __init__(
        self,
        token_lists: Sequence[Sequence[str]],
        published: Sequence[datetime | None] | None = None,
        *,
        views: Mapping[str, Sequence[Sequence[str]]] | None = None,
        ids: Sequence[str] | None = None,
        max_df: float = 0.5,
        background: Background | None = None,
    ) -> None:
        n_docs = len(token_lists)
        for name, lists in [("published", published), ("ids", ids), *(views or {}).items()]:
            if lists is not None and len(lists) != n_docs:
                raise ValueError(f"{name} must have one entry per token list")
        self.vocabulary: dict[str, int] = {}
        # Words of every view join the vocabulary: a headline word that no stored body uses
        # still weighs by its background frequency, instead of dropping out of the title
        # vector only while the store is small.
        counts = {"body": self._count_matrix(token_lists, grow=True)}
        for name, lists in (views or {}).items():
            counts[name] = self._count_matrix(lists, grow=True)
        self._weigh_counts(counts, published or [None] * n_docs, ids or (), max_df, background)

    def _weigh_counts(
        self,
        counts: dict[str, sp.csr_matrix],
        published: Sequence[datetime | None],
        ids: Sequence[str],
        max_df: float,
        background: Background | None,
    ) -> None:
        """The weights and lookups of an index whose vocabulary and word counts are known."""
        background = default_background() if background is None else background
        n_docs, n_words = int(counts["body"].shape[0]), len(self.vocabulary)
        for matrix in counts.values():
            matrix.resize((n_docs, n_words))  # type: ignore[arg-type]
        document_frequency = np.bincount(counts["body"].indices, minlength=n_words)
        document_frequency = document_frequency + background.frequencies(self.vocabulary)
        total = n_docs + background.n_docs
        self.idf = np.log((1 + total) / (1 + document_frequency)) + 1.0
        self.idf[document_frequency > max(1.0, max_df * total)] = 0.0
        self.unseen_weight = float(np.log(1 + total) + 1.0)
        self.matrices: dict[str, sp.csr_matrix] = {name: self._weigh(m) for name, m in counts.items()}
        self.rows: dict[str, int] = {doc_id: row for row, doc_id in enumerate(ids)}
        self.hours = np.array([_epoch_hours(p) for p in published], dtype=np.float64)
        self._by_time: np.ndarray | None = None  # dated rows by time, built on first windowed search
        self._undated = np.empty(0, np.int64)
        self._rare: sp.csr_matrix | None = None
        self._rare_t: sp.csr_matrix | None = None
        self._sorted_rows: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._name_weights: dict[str, float] = {}
        self._set_weights: dict[frozenset[str], float] = {}

    @classmethod
    def from_docs(
        cls, docs: Iterable[MatchDoc], *, max_df: float = 0.5, background: Background | None = None
    ) -> TfidfIndex:
        """An index over ``docs`` with every view :func:`pair_features` reads.

        The documents are read one at a time and only their word counts are kept, so ``docs``
        may be a stream whose documents are dropped once read. The index is the one
        ``TfidfIndex(bodies, published, views=..., ids=...)`` builds from whole lists, to the
        last bit: the vocabulary is numbered in the same order."""
        counter = _ViewCounter(_DOC_VIEWS)
        published: list[datetime | None] = []
        ids: list[str] = []
        for doc in docs:
            counter.add(doc.views())
            published.append(doc.published)
            ids.append(doc.id)
        index = cls.__new__(cls)
        index.vocabulary, counts = counter.finish()
        index._weigh_counts(counts, published, ids, max_df, background)
        return index

    def __len__(self) -> int:
        return int(self.matrices["body"].shape[0])

    @property
    def view_names(self) -> tuple[str, ...]:
        return tuple(self.matrices)

    def _count_matrix(self, token_lists: Sequence[Sequence[str]], grow: bool = False) -> sp.csr_matrix:
        lengths = np.fromiter(map(len, token_lists), np.int64, len(token_lists))
        words = chain.from_iterable(token_lists)
        if grow:
            # New words are numbered in order of first appearance, in C: a whole store's leads
            # are millions of words, and a Python loop over them took seconds.
            numbering = defaultdict(count(len(self.vocabulary)).__next__, self.vocabulary)
            columns = np.fromiter(map(numbering.__getitem__, words), np.int64, int(lengths.sum()))
            self.vocabulary = dict(numbering)
        else:  # unseen words have no idf: they cannot be weighed
            columns = np.fromiter(map(self.vocabulary.get, words, repeat(-1)), np.int64, int(lengths.sum()))
        rows = np.repeat(np.arange(len(token_lists)), lengths)
        known = columns >= 0
        shape = (len(token_lists), len(self.vocabulary))
        counts = sp.csr_matrix((np.ones(int(known.sum())), (rows[known], columns[known])), shape=shape)
        counts.sum_duplicates()
        return counts

    def _weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        weighted = counts.copy()
        weighted.data = 1.0 + np.log(weighted.data)  # sublinear tf: repetition counts less
        weighted = sp.csr_matrix(weighted.multiply(self.idf[np.newaxis, :]))
        weighted.eliminate_zeros()
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ weighted)

    def word_weight(self, word: str) -> float:
        """The idf of ``word``; an unseen word weighs as the rarest."""
        column = self.vocabulary.get(word)
        return float(self.idf[column]) if column is not None else self.unseen_weight

    def name_weight(self, name: str) -> float:
        """The weight of a name: that of its rarest word. Remembered per name, as every pair
        an article is compared in weighs its names again."""
        weight = self._name_weights.get(name)
        if weight is None:
            weight = self._name_weights[name] = max(self.word_weight(word) for word in name.split())
        return weight

    def vector(self, tokens: Sequence[str]) -> sp.csr_matrix:
        """The unit TF-IDF row of a text outside the corpus (unknown words are ignored)."""
        return self._weigh(self._count_matrix([tokens]))

    def cosine(self, i: int, j: int, view: str = "body") -> float:
        """Cosine of articles ``i`` and ``j`` in one view ("body" unless told)."""
        return float(_row_dot(*self._sorted_arrays(view), i, j))

    def names_weight(self, names: frozenset[str]) -> float:
        """The summed :meth:`name_weight` of a set of names, remembered per set: an article's
        names are weighed again in every pair it is compared in."""
        weight = self._set_weights.get(names)
        if weight is None:
            weight = self._set_weights[names] = sum(map(self.name_weight, names))
        return weight

    def neighbours(
        self,
        i: int,
        k: int = 10,
        within_hours: float | None = 72.0,
        *,
        min_cosine: float = 0.0,
        also_by: Sequence[str] = ("title",),
        sure_cosine: float | None = None,
        max_sure: int = 50,
    ) -> list[tuple[int, float]]:
        """The ``k`` articles most similar to ``i``, published within ``within_hours`` of it.

        Returns ``(row, body cosine)`` pairs, best first. The ``k`` best in each view named
        in ``also_by`` join too: a retelling may keep the headline but few body words.
        Every article with a body cosine of at least ``sure_cosine`` joins as well (the
        ``max_sure`` most similar of them): a top ``k`` alone depends on how many other
        articles the store holds, a cosine over background weights hardly does, so ten
        reports of one event stay each other's candidates in a crowded store.
        Articles without a time are never excluded by the window.
        """
        found = self.all_neighbours(
            k,
            within_hours,
            min_cosine=min_cosine,
            also_by=also_by,
            rows=[i],
            sure_cosine=sure_cosine,
            max_sure=max_sure,
        )
        return next(found)[1]

    def all_neighbours(
        self,
        k: int = 10,
        within_hours: float | None = 72.0,
        *,
        min_cosine: float = 0.0,
        also_by: Sequence[str] = ("title",),
        rows: Sequence[int] | None = None,
        batch: int = 256,
        sure_cosine: float | None = None,
        max_sure: int = 50,
        exact_up_to: int | None = EXACT_UP_TO,
        workers: int = 1,
    ) -> Iterator[tuple[int, list[tuple[int, float]]]]:
        """:meth:`neighbours` of many articles (all by default), computed in blocks.

        Blocks are formed in order of time and scored only against the articles their window
        reaches (and the undated ones), so a window of a week over a half-year store reads a
        small part of the index per block instead of all of it. Results come in that order.

        When a block would be scored against more than ``exact_up_to`` articles (None: never),
        the scores are not computed against all of them, which grows with the square of the
        store: candidates are the articles sharing a rare word (``RARE_DF``) with the article,
        the ``PRUNED_CANDIDATES`` best by those words alone are scored exactly, and the
        neighbours are chosen among them. Work per article is then bounded, whatever the store
        holds; the neighbours are the same unless a true one shares no rare word at all.
        Blocks are searched in ``workers`` forked processes when there are many rows.
        """
        wanted = list(range(len(self))) if rows is None else list(rows)
        extra_views = [v for v in also_by if v in self.matrices and v != "body"]
        if within_hours is not None:
            # Dated first, by time; the undated (no window) last, together.
            wanted.sort(key=lambda i: (math.isnan(self.hours[i]), 0.0 if math.isnan(self.hours[i]) else self.hours[i]))
        blocks = [wanted[start : start + batch] for start in range(0, len(wanted), batch)]
        pruned = [exact_up_to is not None and self._reach(block, within_hours) > exact_up_to for block in blocks]
        postings = None
        if not all(pruned):  # built before any worker forks: they inherit it
            postings = TimePostings([self.matrices[v] for v in ["body", *extra_views]], self.hours)
        if any(pruned):
            self._rare_matrix()
            for view in ["body", *extra_views]:
                self._sorted_arrays(view)

        def search(given: tuple[list[int], bool]) -> list[list[tuple[int, float]]]:
            block, prune = given
            if prune:
                return [
                    found
                    for _, found in self._pruned_block(
                        block, k, within_hours, min_cosine, extra_views, sure_cosine, max_sure
                    )
                ]
            assert postings is not None
            return window_neighbours(
                postings, np.array(block, np.int64), within_hours, k, min_cosine, sure_cosine, max_sure
            )

        parallel = len(wanted) >= PARALLEL_MIN_ROWS
        for block, found in zip(blocks, forked_map(search, zip(blocks, pruned), workers, chunk=1, parallel=parallel)):
            yield from zip(block, found)

    def _reach(self, block: Sequence[int], within_hours: float | None) -> int:
        """How many articles ``block`` is compared with under the time window."""
        columns = self._window_columns(block, within_hours)
        return len(self) if columns is None else int(columns.size)

    def _pruned_block(
        self,
        block: Sequence[int],
        k: int,
        within_hours: float | None,
        min_cosine: float,
        extra_views: Sequence[str],
        sure_cosine: float | None,
        max_sure: int,
    ) -> Iterator[tuple[int, list[tuple[int, float]]]]:
        """``all_neighbours`` of one block among candidates that share a rare word."""
        columns = self._window_columns(block, within_hours)
        rare = self._rare_matrix()
        # Against the whole store, the transposed rare vectors are made once, not per block.
        transposed: sp.csr_matrix | sp.csc_matrix
        if columns is None:
            assert self._rare_t is not None  # made with the rare vectors
            transposed = self._rare_t
        else:
            transposed = rare[columns].T
        partial = sp.csr_matrix(rare[list(block)] @ transposed)
        pairs_a: list[np.ndarray] = []
        pairs_b: list[np.ndarray] = []
        for offset, i in enumerate(block):
            lo, hi = partial.indptr[offset], partial.indptr[offset + 1]
            found = partial.indices[lo:hi].astype(np.int64)
            found = found if columns is None else columns[found]
            weight = partial.data[lo:hi]
            keep = found != i
            if within_hours is not None and not math.isnan(self.hours[i]):
                keep &= ~(np.abs(self.hours[found] - self.hours[i]) > within_hours)  # nan (no time) stays
            found, weight = found[keep], weight[keep]
            if found.size > PRUNED_CANDIDATES:
                found = found[np.argpartition(-weight, PRUNED_CANDIDATES - 1)[:PRUNED_CANDIDATES]]
            pairs_a.append(np.full(found.size, i, np.int64))
            pairs_b.append(found)
        rows_a = np.concatenate(pairs_a) if pairs_a else np.empty(0, np.int64)
        rows_b = np.concatenate(pairs_b) if pairs_b else np.empty(0, np.int64)
        body_scores = self._row_dots("body", rows_a, rows_b)
        view_scores = [self._row_dots(v, rows_a, rows_b) for v in extra_views]
        bounds = np.concatenate([[0], np.cumsum([part.size for part in pairs_b])])
        for offset, i in enumerate(block):
            lo, hi = bounds[offset], bounds[offset + 1]
            others, scores = rows_b[lo:hi], body_scores[lo:hi]
            allowed = scores >= min_cosine
            chosen = set(_top_k(np.where(allowed, scores, -np.inf), k))
            if sure_cosine is not None:
                chosen.update(_top_k(np.where(allowed & (scores >= sure_cosine), scores, -np.inf), max_sure))
            for extra in view_scores:
                view = extra[lo:hi]
                chosen.update(_top_k(np.where(allowed & (view > 0), view, -np.inf), k))
            ranked = sorted(chosen, key=lambda j: (-scores[j], others[j]))
            yield i, [(int(others[j]), float(scores[j])) for j in ranked]

    def _row_dots(self, view: str, rows_a: np.ndarray, rows_b: np.ndarray) -> np.ndarray:
        """Cosines in ``view`` of the row pairs ``(rows_a[p], rows_b[p])``."""
        out = np.zeros(rows_a.size, np.float64)
        dense = np.zeros(self.matrices[view].shape[1], np.float64)
        _row_dots_kernel(*self._sorted_arrays(view), rows_a, rows_b, dense, out)
        return out

    def _sorted_arrays(self, view: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        arrays = self._sorted_rows.get(view)
        if arrays is None:
            matrix = self.matrices[view]
            matrix.sort_indices()
            arrays = (matrix.indptr.astype(np.int64), matrix.indices.astype(np.int64), matrix.data)
            self._sorted_rows[view] = arrays
        return arrays

    def _rare_matrix(self) -> sp.csr_matrix:
        """The body vectors restricted to words in at most ``RARE_DF`` indexed articles."""
        if self._rare is None:
            body = self.matrices["body"]
            frequency = np.bincount(body.indices, minlength=body.shape[1])
            rare = sp.csr_matrix(body.multiply((frequency <= RARE_DF)[np.newaxis, :].astype(np.float64)))
            rare.eliminate_zeros()
            self._rare, self._rare_t = rare, sp.csr_matrix(rare.T)
        return self._rare

    def _window_columns(self, block: Sequence[int], within_hours: float | None) -> np.ndarray | None:
        """The rows any article of ``block`` may be paired with under the time window, ascending
        (None: all of them, for no window or an undated article in the block)."""
        if within_hours is None or self.hours.size == 0:
            return None
        block_hours = self.hours[list(block)]
        if np.isnan(block_hours).any():
            return None
        if self._by_time is None:
            dated = np.flatnonzero(~np.isnan(self.hours))
            self._by_time = dated[np.argsort(self.hours[dated], kind="stable")]
            self._undated = np.flatnonzero(np.isnan(self.hours))
        times = self.hours[self._by_time]
        slack = 1e-6  # hours: the exact test is each row's own, below; the slice must not cut it
        lo = np.searchsorted(times, block_hours.min() - within_hours - slack, side="left")
        hi = np.searchsorted(times, block_hours.max() + within_hours + slack, side="right")
        if hi - lo + self._undated.size >= 0.8 * self.hours.size:
            return None  # hardly narrower: slicing would cost more than it saves
        columns: np.ndarray = np.sort(np.concatenate([self._by_time[lo:hi], self._undated]))
        return columns


@njit()
def _row_dot(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, row_a: int, row_b: int) -> float:
    """Dot product of CSR rows ``row_a`` and ``row_b`` (sorted indices): a merge of the two
    sorted word lists."""
    i, end_i = indptr[row_a], indptr[row_a + 1]
    j, end_j = indptr[row_b], indptr[row_b + 1]
    total = 0.0
    while i < end_i and j < end_j:
        if indices[i] == indices[j]:
            total += data[i] * data[j]
            i += 1
            j += 1
        elif indices[i] < indices[j]:
            i += 1
        else:
            j += 1
    return total


@njit()
def _row_dots_kernel(
    indptr: np.ndarray,
    indices: np.ndarray,
    data: np.ndarray,
    rows_a: np.ndarray,
    rows_b: np.ndarray,
    dense: np.ndarray,
    out: np.ndarray,
) -> None:
    """``out[p]`` = dot product of CSR rows ``rows_a[p]`` and ``rows_b[p]``. Pairs come grouped
    by ``rows_a`` (one article and its candidates): its row is spread into a dense vector once,
    and each candidate's words are looked up in it (``dense``: zeros, one per word)."""
    current = -1
    for p in range(rows_a.size):
        if rows_a[p] != current:
            if current >= 0:
                for e in range(indptr[current], indptr[current + 1]):
                    dense[indices[e]] = 0.0
            current = rows_a[p]
            for e in range(indptr[current], indptr[current + 1]):
                dense[indices[e]] = data[e]
        total = 0.0
        row = rows_b[p]
        for e in range(indptr[row], indptr[row + 1]):
            total += data[e] * dense[indices[e]]
        out[p] = total


_DOC_VIEWS = ("body", "title", "lead", "opener")  # the body first: its words are numbered first


class _ViewCounter:
    """Word counts per view, one document at a time, as compressed rows.

    Words get provisional numbers as they come; :meth:`finish` renumbers them in the order
    ``TfidfIndex`` numbers whole lists (every body's words by first appearance, then the new
    words of every title, and so on), so a streamed index equals a listed one exactly.
    """

    def __init__(self, views: Sequence[str]) -> None:
        self.views = tuple(views)
        self.words: dict[str, int] = {}
        self.seen = {view: np.zeros(1024, np.bool_) for view in self.views}
        self.first = {view: array("q") for view in self.views}  # provisional ids by first sight
        self.indptr = {view: array("q", [0]) for view in self.views}
        self.indices = {view: array("i") for view in self.views}  # 4 bytes a word: ids stay small
        self.counts = {view: array("i") for view in self.views}

    def add(self, views: Mapping[str, Sequence[str]]) -> None:
        words = self.words
        for view in self.views:
            counted = Counter(views[view])  # distinct words in order of first appearance
            numbers = []
            for token in counted:
                number = words.get(token)
                if number is None:
                    number = words[token] = len(words)
                numbers.append(number)
            columns = np.array(numbers, np.int64)
            self._first_seen(view, columns)
            order = np.argsort(columns)
            self.indices[view].frombytes(columns[order].astype(np.int32).tobytes())
            self.counts[view].frombytes(np.fromiter(counted.values(), np.int32, len(counted))[order].tobytes())
            self.indptr[view].append(len(self.indices[view]))

    def _first_seen(self, view: str, columns: np.ndarray) -> None:
        """Remember which of ``columns`` (in order of appearance) ``view`` sees for the first time."""
        seen = self.seen[view]
        if len(self.words) > seen.size:
            seen = self.seen[view] = np.concatenate([seen, np.zeros(max(seen.size, len(self.words)), np.bool_)])
        fresh = columns[~seen[columns]]
        if fresh.size:
            seen[fresh] = True
            self.first[view].frombytes(fresh.tobytes())

    def finish(self) -> tuple[dict[str, int], dict[str, sp.csr_matrix]]:
        """The vocabulary and one count matrix per view, every one as wide as the vocabulary."""
        order = np.concatenate([np.frombuffer(self.first[v], np.int64) for v in self.views] + [np.empty(0, np.int64)])
        _, keep = np.unique(order, return_index=True)
        order = order[np.sort(keep)]  # each provisional id where it was first seen, views in turn
        final = np.empty(len(self.words), np.int64)
        final[order] = np.arange(order.size)
        by_number = list(self.words)
        vocabulary = {by_number[number]: column for column, number in enumerate(order.tolist())}
        shape = (len(self.indptr[self.views[0]]) - 1, len(vocabulary))
        matrices = {}
        for view in self.views:
            indices = final[np.frombuffer(self.indices[view], np.int32)]
            counts = np.frombuffer(self.counts[view], np.int32).astype(np.float64)
            matrix = sp.csr_matrix((counts, indices, self.indptr[view]), shape)
            matrix.sort_indices()
            matrices[view] = matrix
        return vocabulary, matrices


def _top_k(scores: np.ndarray, k: int) -> list[int]:
    """Indices of the ``k`` largest finite scores."""
    if k <= 0 or scores.size == 0:
        return []
    k = min(k, scores.size)
    candidates = np.argpartition(-scores, k - 1)[:k]
    return [int(j) for j in candidates if np.isfinite(scores[j])]
