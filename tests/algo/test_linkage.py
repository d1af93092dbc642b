"""Average linkage over scored links: the compiled kernel against a plain dictionary version,
on random graphs with tied scores, and the cases grouping relies on."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from newstrace.algo.linkage import average_linkage
from newstrace.stories import changed_groups


def _reference(cluster: list[int], links: list[tuple[float, int, int]], min_density: float) -> list[int]:
    """Merge along links strongest first (ties in link order) while links cover the density."""
    parent = list(cluster)

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    size: dict[int, int] = defaultdict(int)
    for root in cluster:
        size[root] += 1
    for _, a, b in sorted(links, key=lambda link: -link[0]):
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        members_a = [i for i in range(len(parent)) if find(i) == ra]
        members_b = {i for i in range(len(parent)) if find(i) == rb}
        joining = sum(
            1 for _, x, y in links if (x in members_a and y in members_b) or (y in members_a and x in members_b)
        )
        if joining >= min_density * size[ra] * size[rb]:
            parent[rb] = ra
            size[ra] += size.pop(rb)
    return [find(i) for i in range(len(parent))]


def test_the_kernel_merges_as_the_plain_version_with_ties() -> None:
    rng = np.random.default_rng(7)
    for trial in range(60):
        n = int(rng.integers(2, 14))
        count = int(rng.integers(1, 30))
        a, b = rng.integers(0, n, count), rng.integers(0, n, count)
        score = rng.choice([0.2, 0.5, 0.5, 0.9], count)  # many ties
        cluster = np.arange(n) if trial % 2 else np.minimum(np.arange(n), np.arange(n) // 3 * 3)
        links = [(float(s), int(x), int(y)) for s, x, y in zip(score, a, b)]
        for density in (0.1, 0.5, 0.6):
            got = average_linkage(cluster, a, b, score, density).tolist()
            assert got == _reference(cluster.tolist(), links, density), (trial, density)


def test_one_loose_link_does_not_chain_two_pairs() -> None:
    """Two tight pairs and one link between them: at half density they stay apart."""
    a, b = np.array([0, 2, 1]), np.array([1, 3, 2])
    score = np.array([0.9, 0.9, 0.5])
    assert average_linkage(np.arange(4), a, b, score, 0.5).tolist() == [0, 0, 2, 2]
    assert average_linkage(np.arange(4), a, b, score, 0.2).tolist() == [0, 0, 0, 0]


def test_changed_groups_are_those_whose_members_differ() -> None:
    old = {"a": "a", "b": "a", "c": "c", "d": "d", "e": "d"}
    new = {"a": "a", "b": "a", "c": "c", "d": "c", "e": "e", "f": "f"}
    assert changed_groups(old, new) == {"c", "e", "f"}  # c gained d, e left d, f is new
    assert changed_groups(old, dict(old)) == set()
