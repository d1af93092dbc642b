"""The windowed neighbour kernel against brute force on the bundled sample: the body's best, the
"sure" ones above a cosine, the title's best, the time window, undated articles and ties."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.sparse as sp

from newstrace import tfidf
from newstrace.algo.window_search import TimePostings, window_neighbours

from .test_tfidf import _index

WINDOW = 72.0


def _expected(scores: np.ndarray, title: np.ndarray, hours: np.ndarray, i: int, k: int, sure: float) -> set[int]:
    allowed = scores >= 0.05
    allowed[i] = False
    if not math.isnan(hours[i]):
        allowed &= ~(np.abs(hours - hours[i]) > WINDOW)
    rows = np.flatnonzero(allowed)

    def best(keys: np.ndarray, among: np.ndarray, n: int) -> list[int]:
        return sorted(among.tolist(), key=lambda j: (-keys[j], j))[:n]

    chosen = set(best(scores, rows, k))
    chosen.update(best(scores, rows[scores[rows] >= sure], 50))
    chosen.update(best(title, rows[title[rows] > 0], k))
    return chosen


def test_the_kernel_finds_the_brute_force_neighbours_of_every_view() -> None:
    index = _index()
    body, title = index.matrices["body"], index.matrices["title"]
    everything, titles = (body @ body.T).toarray(), (title @ title.T).toarray()
    postings = TimePostings([body, title], index.hours)
    rows = np.arange(len(index))
    found = window_neighbours(postings, rows, WINDOW, 3, 0.05, 0.5, 50)
    undated = [i for i in rows if math.isnan(index.hours[i])]
    assert undated and len(found) == len(rows)
    for i, neighbours in zip(rows, found):
        assert {j for j, _ in neighbours} == _expected(everything[i], titles[i], index.hours, i, 3, 0.5)
        assert [c for _, c in neighbours] == sorted((c for _, c in neighbours), reverse=True)
        for j, cosine in neighbours:
            assert math.isclose(cosine, everything[i, j], rel_tol=1e-9, abs_tol=1e-12)


def test_blocks_of_nearby_rows_read_only_their_window() -> None:
    index = _index()
    postings = TimePostings([index.matrices["body"]], index.hours)
    dated = postings.order[: postings.n_dated]
    lo, hi = postings.window(index.hours[dated[40]], index.hours[dated[42]], WINDOW)
    assert 0 < lo and hi < postings.n_dated  # three months of articles, a window of three days
    inside = index.hours[postings.order[lo:hi]]
    assert inside.min() >= index.hours[dated[40]] - WINDOW and inside.max() <= index.hours[dated[42]] + WINDOW


def test_equal_scores_are_chosen_by_row_whatever_the_block() -> None:
    # Four identical articles and one query like them: k=2 keeps the two lowest rows.
    vectors = sp.csr_matrix(np.array([[1.0, 0.0], [0.6, 0.8], [0.6, 0.8], [0.6, 0.8], [0.6, 0.8]]))
    hours = np.array([0.0, 5.0, 1.0, 3.0, np.nan])
    postings = TimePostings([vectors], hours)
    for rows in (np.array([0]), np.array([1, 0]), np.array([4, 0])):
        found = dict(zip(rows.tolist(), window_neighbours(postings, rows, WINDOW, 2, 0.0, None, 50)))
        assert [j for j, _ in found[0]] == [1, 2]
    assert [j for j, _ in window_neighbours(postings, np.array([1]), 2.5, 2, 0.0, None, 50)[0]] == [3, 4]


def test_blocks_searched_in_forked_workers_find_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    index = _index()
    monkeypatch.setattr(tfidf, "PARALLEL_MIN_ROWS", 1)
    for exact_up_to in (None, 0):  # the kernel, and the search pruned to rare words
        one, two = (
            list(index.all_neighbours(3, WINDOW, min_cosine=0.05, batch=8, exact_up_to=exact_up_to, workers=workers))
            for workers in (1, 2)
        )
        assert one == two and len(one) == len(index)
