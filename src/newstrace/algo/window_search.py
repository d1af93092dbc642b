"""Nearest neighbours of articles among those published within a time window, as one kernel.

Sparse matrix products would score a block of articles against its window, but each product
slices and transposes the window's vectors and runs a symbolic pass before the numeric one,
and the choice of neighbours then takes several passes over every dense row. Here the vectors
of all articles are turned once into postings per word, ordered by publication time, so the
window of an article is a contiguous range of every word's postings: one pass accumulates the
scores of every view (body, title...) and one pass over the window chooses the neighbours.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from newstrace.algo.jit import njit

__all__ = ["TimePostings", "window_neighbours"]


class TimePostings:
    """The vectors of several views of the same articles, as postings ordered by time.

    ``matrices`` are CSR (one row per article) over the same rows; their columns are stacked,
    view after view. ``hours`` is each article's time (NaN: undated). Positions number the
    articles dated first, by time (ties by row), then the undated ones by row.
    """

    def __init__(self, matrices: list[sp.csr_matrix], hours: np.ndarray) -> None:
        stacked = sp.hstack(matrices, format="csr")
        dated = np.flatnonzero(~np.isnan(hours))
        undated = np.flatnonzero(np.isnan(hours))
        self.order = np.concatenate([dated[np.argsort(hours[dated], kind="stable")], undated]).astype(np.int64)
        self.position = np.empty(self.order.size, np.int64)
        self.position[self.order] = np.arange(self.order.size)
        self.n_dated = int(dated.size)
        self.hours_by_position = hours[self.order]
        self.view_starts = np.cumsum([0] + [m.shape[1] for m in matrices]).astype(np.int64)
        stacked.sort_indices()
        self.rows = (stacked.indptr.astype(np.int64), stacked.indices.astype(np.int32), stacked.data)
        postings = sp.csc_matrix(stacked[self.order])
        postings.sort_indices()
        self.postings = (postings.indptr.astype(np.int64), postings.indices.astype(np.int32), postings.data)

    def window(self, first_hours: float, last_hours: float, within_hours: float | None) -> tuple[int, int]:
        """The range of dated positions any article published between the two times may be
        paired with (all of them for no window or an undated article)."""
        if within_hours is None or np.isnan(first_hours) or np.isnan(last_hours):
            return 0, self.n_dated
        times = self.hours_by_position[: self.n_dated]
        slack = 1e-6  # hours: the exact test is each pair's own, in the kernel
        lo = int(np.searchsorted(times, first_hours - within_hours - slack, side="left"))
        hi = int(np.searchsorted(times, last_hours + within_hours + slack, side="right"))
        return lo, hi


def window_neighbours(
    postings: TimePostings,
    rows: np.ndarray,
    within_hours: float | None,
    k: int,
    min_cosine: float,
    sure_cosine: float | None,
    max_sure: int,
) -> list[list[tuple[int, float]]]:
    """For each of ``rows``: the ``k`` best by the first view's score (the body), the
    ``max_sure`` best of those scoring at least ``sure_cosine``, and the ``k`` best by each
    other view's score, among the articles with a body score of at least ``min_cosine``
    published within ``within_hours`` (undated ones always qualify); each as
    ``(row, body score)``, best first, ties by row."""
    if rows.size == 0:
        return []
    hours = postings.hours_by_position[postings.position[rows]]
    lo, hi = postings.window(float(hours.min()), float(hours.max()), within_hours)  # NaN: all
    n_extra = postings.view_starts.size - 2
    capacity = k + max_sure + k * n_extra
    found = np.full((rows.size, capacity), -1, np.int64)
    scores = np.zeros((rows.size, capacity), np.float64)
    _neighbours_kernel(
        *postings.rows,
        *postings.postings,
        postings.view_starts,
        postings.hours_by_position,
        postings.position,
        postings.order,
        postings.n_dated,
        rows.astype(np.int64),
        lo,
        hi,
        np.inf if within_hours is None else within_hours,
        k,
        min_cosine,
        np.inf if sure_cosine is None else sure_cosine,
        max_sure if sure_cosine is not None else 0,
        found,
        scores,
    )
    order = postings.order
    results: list[list[tuple[int, float]]] = []
    for offset in range(rows.size):
        chosen = found[offset] >= 0
        pairs = sorted(zip(order[found[offset][chosen]].tolist(), scores[offset][chosen].tolist()), key=_best_first)
        results.append(pairs)
    return results


def _best_first(pair: tuple[int, float]) -> tuple[float, int]:
    return -pair[1], pair[0]


@njit()
def _offer(keys: np.ndarray, ids: np.ndarray, count: int, key: float, ident: int) -> int:
    """Insert ``(key, ident)`` into the best-first list ``keys``/``ids`` of ``count`` entries
    (higher key first, lower id first among equal keys), keeping at most its capacity."""
    capacity = keys.size
    if capacity == 0:
        return count
    if count == capacity and (key < keys[count - 1] or (key == keys[count - 1] and ident > ids[count - 1])):
        return count
    place = count if count < capacity else capacity - 1
    while place > 0 and (keys[place - 1] < key or (keys[place - 1] == key and ids[place - 1] > ident)):
        if place < capacity:
            keys[place] = keys[place - 1]
            ids[place] = ids[place - 1]
        place -= 1
    keys[place] = key
    ids[place] = ident
    return count + 1 if count < capacity else count


@njit()
def _accumulate(
    r_indptr: np.ndarray,
    r_indices: np.ndarray,
    r_data: np.ndarray,
    p_indptr: np.ndarray,
    p_positions: np.ndarray,
    p_data: np.ndarray,
    view_starts: np.ndarray,
    n_dated: int,
    row: int,
    lo: int,
    hi: int,
    acc: np.ndarray,
) -> None:
    """Scores of ``row`` against the window's positions (then the undated ones), per view."""
    acc[:] = 0.0
    width_dated = hi - lo
    for e in range(r_indptr[row], r_indptr[row + 1]):
        term = r_indices[e]
        weight = r_data[e]
        view = 0
        while term >= view_starts[view + 1]:
            view += 1
        start, end = p_indptr[term], p_indptr[term + 1]
        s = start + np.searchsorted(p_positions[start:end], lo)
        while s < end and p_positions[s] < hi:
            acc[view, p_positions[s] - lo] += weight * p_data[s]
            s += 1
        s = start + np.searchsorted(p_positions[start:end], n_dated)
        while s < end:
            acc[view, width_dated + p_positions[s] - n_dated] += weight * p_data[s]
            s += 1


@njit()
def _neighbours_kernel(
    r_indptr: np.ndarray,
    r_indices: np.ndarray,
    r_data: np.ndarray,
    p_indptr: np.ndarray,
    p_positions: np.ndarray,
    p_data: np.ndarray,
    view_starts: np.ndarray,
    hours_by_position: np.ndarray,
    position: np.ndarray,
    order: np.ndarray,
    n_dated: int,
    rows: np.ndarray,
    lo: int,
    hi: int,
    within: float,
    k: int,
    min_cosine: float,
    sure: float,
    max_sure: int,
    found: np.ndarray,
    scores: np.ndarray,
) -> None:
    n_views = view_starts.size - 1
    width_dated = hi - lo
    width = width_dated + hours_by_position.size - n_dated
    acc = np.zeros((n_views, width))
    best_keys = np.empty((n_views, k))
    best_ids = np.empty((n_views, k), np.int64)
    sure_keys = np.empty(max_sure)
    sure_ids = np.empty(max_sure, np.int64)
    counts = np.zeros(n_views, np.int64)
    chosen = np.zeros(width, np.bool_)
    for q in range(rows.size):
        row = rows[q]
        _accumulate(r_indptr, r_indices, r_data, p_indptr, p_positions, p_data, view_starts, n_dated, row, lo, hi, acc)
        own = position[row]
        hours = hours_by_position[own]
        counts[:] = 0
        n_sure = 0
        for slot in range(width):
            score = acc[0, slot]
            if score < min_cosine:
                continue
            pos = lo + slot if slot < width_dated else n_dated + slot - width_dated
            if pos == own:
                continue
            other = hours_by_position[pos]
            if not np.isnan(hours) and not np.isnan(other) and abs(other - hours) > within:
                continue
            ident = order[pos]
            counts[0] = _offer(best_keys[0], best_ids[0], counts[0], score, ident)
            if score >= sure:
                n_sure = _offer(sure_keys, sure_ids, n_sure, score, ident)
            for view in range(1, n_views):
                if acc[view, slot] > 0.0:
                    counts[view] = _offer(best_keys[view], best_ids[view], counts[view], acc[view, slot], ident)
        _collect(
            best_ids, counts, sure_ids, n_sure, position, lo, width_dated, n_dated, acc, chosen, found[q], scores[q]
        )


@njit()
def _slot(pos: int, lo: int, width_dated: int, n_dated: int) -> int:
    """Where position ``pos`` (in the window, or undated) is in a row of scores."""
    return pos - lo if pos < n_dated else width_dated + pos - n_dated


@njit()
def _collect(
    best_ids: np.ndarray,
    counts: np.ndarray,
    sure_ids: np.ndarray,
    n_sure: int,
    position: np.ndarray,
    lo: int,
    width_dated: int,
    n_dated: int,
    acc: np.ndarray,
    chosen: np.ndarray,
    found: np.ndarray,
    scores: np.ndarray,
) -> None:
    """The union of the chosen lists, as positions with their body scores."""
    n = 0
    for view in range(counts.size + 1):
        ids = sure_ids if view == counts.size else best_ids[view]
        count = n_sure if view == counts.size else counts[view]
        for c in range(count):
            pos = position[ids[c]]
            slot = _slot(pos, lo, width_dated, n_dated)
            if not chosen[slot]:
                chosen[slot] = True
                found[n] = pos
                scores[n] = acc[0, slot]
                n += 1
    for c in range(n):
        chosen[_slot(found[c], lo, width_dated, n_dated)] = False
