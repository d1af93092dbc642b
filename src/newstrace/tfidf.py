"""TF-IDF vectors of articles and their nearest neighbours: the paraphrase candidates that
near-copy hashing cannot find (other words, close in time, similar vocabulary or headline),
and the cosines the relation models read.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from newstrace.background import Background, default_background

if TYPE_CHECKING:
    from newstrace.match import MatchDoc

__all__ = ["TfidfIndex"]

_SECONDS_PER_HOUR = 3600.0


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
        background = default_background() if background is None else background
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
        n_words = len(self.vocabulary)
        for matrix in counts.values():
            matrix.resize((n_docs, n_words))  # type: ignore[arg-type]
        document_frequency = np.bincount(counts["body"].indices, minlength=n_words)
        document_frequency = document_frequency + background.frequencies(self.vocabulary)
        total = n_docs + background.n_docs
        self.idf = np.log((1 + total) / (1 + document_frequency)) + 1.0
        self.idf[document_frequency > max(1.0, max_df * total)] = 0.0
        self.unseen_weight = float(np.log(1 + total) + 1.0)
        self.matrices: dict[str, sp.csr_matrix] = {name: self._weigh(m) for name, m in counts.items()}
        self.rows: dict[str, int] = {doc_id: row for row, doc_id in enumerate(ids or ())}
        self.hours = np.array(
            [_epoch_hours(p) for p in (published or [None] * n_docs)], dtype=np.float64
        )

    @classmethod
    def from_docs(
        cls, docs: Sequence[MatchDoc], *, max_df: float = 0.5, background: Background | None = None
    ) -> TfidfIndex:
        """An index over ``docs`` with every view :func:`pair_features` reads."""
        views = {name: [d.views()[name] for d in docs] for name in ("title", "lead", "opener")}
        return cls(
            [d.tokens for d in docs],
            [d.published for d in docs],
            views=views,
            ids=[d.id for d in docs],
            max_df=max_df,
            background=background,
        )

    def __len__(self) -> int:
        return int(self.matrices["body"].shape[0])

    @property
    def view_names(self) -> tuple[str, ...]:
        return tuple(self.matrices)

    def _count_matrix(
        self, token_lists: Sequence[Sequence[str]], grow: bool = False
    ) -> sp.csr_matrix:
        rows: list[int] = []
        columns: list[int] = []
        for row, tokens in enumerate(token_lists):
            for token in tokens:
                column = self.vocabulary.get(token)
                if column is None:
                    if not grow:
                        continue  # unseen words have no idf: they cannot be weighed
                    column = self.vocabulary[token] = len(self.vocabulary)
                rows.append(row)
                columns.append(column)
        shape = (len(token_lists), len(self.vocabulary))
        counts = sp.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=shape)
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

    def vector(self, tokens: Sequence[str]) -> sp.csr_matrix:
        """The unit TF-IDF row of a text outside the corpus (unknown words are ignored)."""
        return self._weigh(self._count_matrix([tokens]))

    def cosine(self, i: int, j: int, view: str = "body") -> float:
        """Cosine of articles ``i`` and ``j`` in one view ("body" unless told)."""
        matrix = self.matrices[view]
        start_i, end_i = matrix.indptr[i], matrix.indptr[i + 1]
        start_j, end_j = matrix.indptr[j], matrix.indptr[j + 1]
        _, in_i, in_j = np.intersect1d(
            matrix.indices[start_i:end_i],
            matrix.indices[start_j:end_j],
            assume_unique=True,
            return_indices=True,
        )
        return float(matrix.data[start_i:end_i][in_i] @ matrix.data[start_j:end_j][in_j])

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
    ) -> Iterator[tuple[int, list[tuple[int, float]]]]:
        """:meth:`neighbours` of many articles (all by default), computed in blocks."""
        wanted = list(range(len(self))) if rows is None else list(rows)
        extra_views = [v for v in also_by if v in self.matrices and v != "body"]
        body = self.matrices["body"]
        for start in range(0, len(wanted), batch):
            block = wanted[start : start + batch]
            body_scores = (body[block] @ body.T).toarray()
            extra_scores = [
                (self.matrices[v][block] @ self.matrices[v].T).toarray() for v in extra_views
            ]
            for offset, i in enumerate(block):
                allowed = body_scores[offset] >= min_cosine
                allowed[i] = False
                if within_hours is not None and not math.isnan(self.hours[i]):
                    apart = np.abs(self.hours - self.hours[i])
                    allowed &= ~(apart > within_hours)  # nan (no time) stays allowed
                scores = body_scores[offset]
                chosen = set(_top_k(np.where(allowed, scores, -np.inf), k))
                if sure_cosine is not None:
                    sure = allowed & (scores >= sure_cosine)
                    chosen.update(_top_k(np.where(sure, scores, -np.inf), max_sure))
                for extra in extra_scores:
                    view_scores = extra[offset]
                    chosen.update(
                        _top_k(np.where(allowed & (view_scores > 0), view_scores, -np.inf), k)
                    )
                ranked = sorted(chosen, key=lambda j: (-scores[j], j))
                yield i, [(j, float(scores[j])) for j in ranked]


def _top_k(scores: np.ndarray, k: int) -> list[int]:
    """Indices of the ``k`` largest finite scores."""
    if k <= 0 or scores.size == 0:
        return []
    k = min(k, scores.size)
    candidates = np.argpartition(-scores, k - 1)[:k]
    return [int(j) for j in candidates if np.isfinite(scores[j])]
