"""Average-linkage merging of clusters along scored links, as one compiled kernel.

Grouping a whole store merges its hundreds of thousands of relations three times (copy
groups, stories, storylines), and every incremental analysis regroups the store. Written
with dictionaries in Python the merge loop cost seconds per level; no library merges by
average linkage over a sparse graph in a given link order (scipy's linkage wants a dense
distance matrix), so the loop is written here, compiled.
"""

from __future__ import annotations

import numpy as np
from numba import typed, types

from newstrace.algo.jit import njit

__all__ = ["average_linkage"]

_WEIGHTS = types.DictType(types.int64, types.float64)  # type: ignore[no-untyped-call]


@njit()
def _find(parent: np.ndarray, x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


@njit()
def _crossing_weights(parent: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[typed.Dict, np.ndarray]:
    """Per cluster, per linked cluster: how many links join them; and which links cross."""
    between = typed.Dict.empty(key_type=types.int64, value_type=_WEIGHTS)
    crossing = np.zeros(a.size, np.bool_)
    for k in range(a.size):
        ra, rb = parent[a[k]], parent[b[k]]
        if ra == rb:
            continue
        crossing[k] = True
        for x, y in ((ra, rb), (rb, ra)):
            if x not in between:
                between[x] = typed.Dict.empty(key_type=types.int64, value_type=types.float64)
            weights = between[x]
            weights[y] = weights.get(y, 0.0) + 1.0
    return between, crossing


@njit()
def _absorb(between: typed.Dict, keep: int, gone: int) -> None:
    """Move the links of cluster ``gone`` to cluster ``keep``."""
    theirs_of_gone = between.pop(gone)
    mine = between[keep]
    for other, weight in theirs_of_gone.items():
        if other != keep:
            mine[other] = mine.get(other, 0.0) + weight
            theirs = between[other]
            theirs[keep] = theirs.get(keep, 0.0) + weight
            theirs.pop(gone)
    if gone in mine:
        mine.pop(gone)


@njit()
def _merge_kernel(
    cluster: np.ndarray, a: np.ndarray, b: np.ndarray, score: np.ndarray, min_density: float
) -> np.ndarray:
    parent = cluster.copy()
    size = np.zeros(parent.size, np.float64)
    for i in range(parent.size):
        size[cluster[i]] += 1.0
    between, crossing = _crossing_weights(parent, a, b)
    links = np.flatnonzero(crossing)
    order = links[np.argsort(-score[links], kind="mergesort")]  # stable: ties keep link order
    for k in order:
        ra, rb = _find(parent, a[k]), _find(parent, b[k])
        if ra == rb or between[ra].get(rb, 0.0) < min_density * size[ra] * size[rb]:
            continue
        parent[rb] = ra  # the first cluster named keeps its representative
        size[ra] += size[rb]
        size[rb] = 0.0
        _absorb(between, ra, rb)
    for i in range(parent.size):
        parent[i] = _find(parent, i)
    return parent


def average_linkage(
    cluster: np.ndarray, a: np.ndarray, b: np.ndarray, score: np.ndarray, min_density: float
) -> np.ndarray:
    """Merge the clusters of items ``0..n-1`` along links ``a[k]``-``b[k]``, strongest
    ``score`` first (equal scores in link order), whenever the links between two clusters
    cover at least ``min_density`` of their member pairs. ``cluster[i]`` names a
    representative item of ``i``'s cluster (its own representative). Returns each item's
    representative after merging; of two merged clusters, the one named first in the
    merging link keeps its representative."""
    return np.asarray(
        _merge_kernel(
            np.ascontiguousarray(cluster, np.int64),
            np.ascontiguousarray(a, np.int64),
            np.ascontiguousarray(b, np.int64),
            np.ascontiguousarray(score, np.float64),
            float(min_density),
        )
    )
