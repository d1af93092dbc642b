"""Graph kernels shared by the stages: disjoint sets, and the maximum spanning arborescence
(Chu-Liu/Edmonds) with its topological order.

Hand-written because the stages need them on small dense numpy matrices inside tight loops
(a copy group's versions, tried from every origin): networkx's versions take graph objects,
and scipy has no arborescence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

import numpy as np

__all__ = ["UnionFind", "max_arborescence", "topological"]

T = TypeVar("T", bound=Hashable)


class UnionFind(Generic[T]):
    """Disjoint sets over hashable items, with path halving; the first set named keeps its
    root when two are joined."""

    def __init__(self) -> None:
        self.parent: dict[T, T] = {}

    def find(self, x: T) -> T:
        parent = self.parent.setdefault(x, x)
        while parent != x:
            grand = self.parent[parent]
            self.parent[x] = grand
            x, parent = parent, grand
        return x

    def union(self, a: T, b: T) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def components(self, items: Iterable[T]) -> dict[T, list[T]]:
        out: dict[T, list[T]] = defaultdict(list)
        for item in items:
            out[self.find(item)].append(item)
        return out


def max_arborescence(weights: np.ndarray, root: int) -> list[int]:
    """Chu-Liu/Edmonds: ``parents[v]`` of the maximum spanning arborescence rooted at
    ``root`` (``-1`` for the root). ``-inf`` marks a missing edge; every node must be
    reachable from the root."""
    n = len(weights)
    w = weights.copy()
    np.fill_diagonal(w, -np.inf)
    w[:, root] = -np.inf
    best_in = np.argmax(w, axis=0)
    parents = [int(best_in[v]) if v != root else -1 for v in range(n)]
    cycle = _find_cycle(parents, root)
    if cycle is None:
        return parents

    in_cycle = set(cycle)
    outside = [v for v in range(n) if v not in in_cycle]
    index = {v: k for k, v in enumerate(outside)}
    contracted = len(outside)
    w2 = np.full((contracted + 1, contracted + 1), -np.inf)
    enter_via: dict[int, int] = {}  # outside u -> the cycle node its best edge enters
    leave_from: dict[int, int] = {}  # outside v -> the cycle node its best edge leaves
    for u in outside:
        for v in outside:
            w2[index[u], index[v]] = w[u, v]
        gains = [(w[u, v] - w[parents[v], v], v) for v in cycle if w[u, v] > -np.inf]
        if gains:
            gain, v = max(gains)
            w2[index[u], contracted] = gain
            enter_via[u] = v
        sources = [(w[c, u], c) for c in cycle if w[c, u] > -np.inf]
        if sources:
            value, c = max(sources)
            w2[contracted, index[u]] = value
            leave_from[u] = c
    inner = max_arborescence(w2, index[root])

    result = list(parents)
    for v in outside:
        if v == root:
            continue
        p = inner[index[v]]
        result[v] = leave_from[v] if p == contracted else outside[p]
    entering = outside[inner[contracted]]
    result[enter_via[entering]] = entering
    return result


def _find_cycle(parents: list[int], root: int) -> list[int] | None:
    state = [0] * len(parents)  # 0 unseen, 1 on the current path, 2 done
    for start in range(len(parents)):
        path: list[int] = []
        v = start
        while v != -1 and v != root and state[v] == 0:
            state[v] = 1
            path.append(v)
            v = parents[v]
        if v != -1 and v != root and state[v] == 1:
            return path[path.index(v) :]
        for u in path:
            state[u] = 2
    return None


def topological(parents: list[int], root: int) -> list[int]:
    """Versions ordered parents first (the root itself excluded)."""
    children: dict[int, list[int]] = {}
    for v, p in enumerate(parents):
        if v != root:
            children.setdefault(p, []).append(v)
    order: list[int] = []
    stack = sorted(children.get(root, []), reverse=True)
    while stack:
        v = stack.pop()
        order.append(v)
        stack.extend(sorted(children.get(v, []), reverse=True))
    return order
