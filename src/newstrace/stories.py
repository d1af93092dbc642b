"""Groups from relations: copy groups, stories and storylines. Pure; no I/O.

* a **copy group** holds the versions of one text: components of ``copy`` relations;
* a **story** is one event: components of ``copy`` and ``same_story`` relations;
* a **storyline** links stories over time: stories joined by ``related`` relations.

A group's id is its earliest member (by publication time, then id), so ids are stable
and readable, and an article alone is its own group.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from newstrace.model import Relation

__all__ = ["Groups", "group_articles", "UnionFind"]


class UnionFind:
    """Disjoint sets over hashable items, with path halving."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent.setdefault(x, x)
        while parent != x:
            grand = self.parent[parent]
            self.parent[x] = grand
            x, parent = parent, grand
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def components(self, items: Iterable[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for item in items:
            out[self.find(item)].append(item)
        return out


@dataclass(slots=True)
class Groups:
    """Per article id: its copy group, story and storyline ids."""

    copy_group: dict[str, str]
    story: dict[str, str]
    storyline: dict[str, str]


def _earliest(members: Sequence[str], published: Mapping[str, datetime | None]) -> str:
    def key(article_id: str) -> tuple[int, float, str]:
        when = published.get(article_id)
        return (0, when.timestamp(), article_id) if when else (1, 0.0, article_id)

    return min(members, key=key)


def _label(ids: Sequence[str], uf: UnionFind, published: Mapping[str, datetime | None]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for members in uf.components(ids).values():
        head = _earliest(members, published)
        for m in members:
            labels[m] = head
    return labels


def group_articles(ids: Sequence[str], relations: Iterable[Relation],
                   published: Mapping[str, datetime | None], *,
                   storyline_min_score: float = 0.0) -> Groups:
    """Group ``ids`` by their relations; ids without relations stay alone.

    ``related`` relations join storylines only at ``storyline_min_score`` or above,
    so that one loose link does not chain unrelated affairs together.
    """
    copies, stories, lines = UnionFind(), UnionFind(), UnionFind()
    for r in relations:
        if r.kind == "copy":
            copies.union(r.a, r.b)
        if r.kind in ("copy", "same_story"):
            stories.union(r.a, r.b)
        if r.kind != "related" or r.score >= storyline_min_score:
            lines.union(r.a, r.b)
    # A story contains its copy groups and a storyline its stories, whatever the links say.
    for a in ids:
        stories.union(a, copies.find(a))
        lines.union(a, stories.find(a))
    return Groups(copy_group=_label(ids, copies, published), story=_label(ids, stories, published),
                  storyline=_label(ids, lines, published))
