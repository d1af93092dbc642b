"""Sentence slots of a copy group and the edit costs between its versions.

The versions' sentences are clustered into *slots* (aligned sentences); the weight of an
edge ``parent -> child`` is minus the cost of the edits that turn the parent into the child
(see :mod:`newstrace.trace` for the model). Pure functions; no I/O.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np

from newstrace.algo.align import align_sentences, is_chrome_sentence, strip_dateline
from newstrace.algo.graph import UnionFind
from newstrace.algo.tokens import tokenize
from newstrace.trace_time import Span, certainly_later

if TYPE_CHECKING:
    from newstrace.trace import TraceItem

__all__ = [
    "DEFAULT_CONFIG",
    "Slots",
    "State",
    "TraceConfig",
    "edge_score",
    "majority_text",
    "outlet_key",
    "slot_states",
    "version_weights",
]


@dataclass(frozen=True, slots=True)
class TraceConfig:
    """Edit costs and priors, in log-odds-like units (see the module docstring)."""

    own_edit: float = 1.0  # child rewords a sentence its own way
    # and per further word it changes there (up to ``_MAX_EXTRA_WORDS``): of two versions
    # with different wordings, the child's came from the closer one
    reword_per_word: float = 0.25
    own_addition: float = 0.5  # child adds a sentence nobody else has
    borrowed: float = 3.0  # child holds an earlier version's variant the parent lacks
    dropped: float = 1.0  # child lacks a run of the parent's sentences
    truncated: float = 0.5  # child lacks the parent's tail (it stops early)
    dropped_lead: float = 2.0  # child lacks the parent's first sentences
    # Prior cost of positing an absent common source; at least the origin's bonus for one
    # child, since the plain tree's origin would have had no parent at all.
    unknown_source: float = 1.0
    # Copies of one wire story or press release appear close together; spread costs this much
    # per hour between the first and the last of them.
    source_spread_per_hour: float = 0.5
    origin_not_earliest: float = 0.5  # prior cost of an origin other than the earliest dated
    origin_child_bonus: float = 0.75  # prior: copies mostly copy the origin itself
    earlier_bonus: float = 0.05  # tie-break towards the earliest candidate parent
    similarity_weight: float = 0.5  # weight of a caller's precomputed pair similarity
    cited_parent_bonus: float = 1.0  # the child names the parent's outlet as its source
    run_extra: float = 0.1  # each further sentence of a dropped or added run
    max_aligned_partners: int = 12  # large groups: align each version with its closest only
    temperature: float = 1.0  # softmax temperature for confidences

    def __post_init__(self) -> None:
        for name in (
            "own_edit",
            "reword_per_word",
            "own_addition",
            "borrowed",
            "dropped",
            "truncated",
            "dropped_lead",
            "unknown_source",
            "source_spread_per_hour",
            "origin_not_earliest",
            "origin_child_bonus",
            "earlier_bonus",
            "similarity_weight",
            "cited_parent_bonus",
            "run_extra",
            "temperature",
        ):
            if getattr(self, name) < 0:
                raise ValueError(f"TraceConfig.{name} must be >= 0")
        if self.temperature == 0:
            raise ValueError("TraceConfig.temperature must be > 0")
        if self.max_aligned_partners < 1:
            raise ValueError("TraceConfig.max_aligned_partners must be >= 1")


DEFAULT_CONFIG = TraceConfig()

State = tuple[tuple[str, ...], ...] | None  # a version's sentences in one slot, or absent


# --- sentence slots --------------------------------------------------------------------------


def _content_key(sentence: str) -> tuple[str, ...]:
    """A sentence's words without an outlet/dateline prefix."""
    return tuple(tokenize(strip_dateline(sentence)[1]))


@dataclass(frozen=True, slots=True)
class Slots:
    """``states[slot][version]``: the version's sentences in that slot, or None;
    ``positions[slot][version]``: where the slot starts in that version's content sentences;
    ``order[slot]``: the slot's rank in the group's usual reading order."""

    states: list[list[State]]
    positions: list[list[int | None]]
    order: list[int]
    lengths: list[int]  # content sentences per version
    holders: list[Counter[State]]  # per slot: how many versions hold each variant
    inherited: list[list[bool]]  # [slot][v]: v holds a variant another version made first


def slot_states(items: Sequence[TraceItem], config: TraceConfig) -> Slots:
    """Cluster the versions' sentences into slots of aligned sentences.

    Chrome (related links, bylines) is left out: outlets strip each other's chrome when they
    copy, so it says nothing about lineage. Identical sentences share a slot at once; reworded
    ones join through pairwise sentence alignment.
    """
    content = [_content_sentences(item.sentences) for item in items]
    nodes = [(v, k) for v, kept in enumerate(content) for k in range(len(kept))]
    union = _join_sentences(content, config.max_aligned_partners)

    slot_of_root: dict[tuple[int, int], int] = {}
    members: list[list[list[tuple[str, ...]]]] = []
    positions: list[list[int | None]] = []
    for v, k in nodes:
        root = union.find((v, k))
        if root not in slot_of_root:
            slot_of_root[root] = len(members)
            members.append([[] for _ in items])
            positions.append([None] * len(items))
        slot = slot_of_root[root]
        members[slot][v].append(content[v][k][0])
        if positions[slot][v] is None:
            positions[slot][v] = k
    states: list[list[State]] = [[tuple(keys) if keys else None for keys in slot] for slot in members]
    holders: list[Counter[State]] = [Counter(st for st in slot if st is not None) for slot in states]
    return Slots(
        states=states,
        positions=positions,
        order=_reading_order(positions, [len(kept) for kept in content]),
        lengths=[len(kept) for kept in content],
        holders=holders,
        inherited=_inherited(states, holders, [item.span for item in items]),
    )


_Content = list[tuple[tuple[str, ...], str]]  # a version's content sentences: (key, text)


def _content_sentences(sentences: Sequence[str]) -> _Content:
    kept = []
    for sentence in sentences:
        key = _content_key(sentence)
        if key and not is_chrome_sentence(sentence):
            kept.append((key, sentence))
    return kept


def _join_sentences(content: list[_Content], max_partners: int) -> UnionFind[tuple[int, int]]:
    """Sentences ``(version, index)`` joined when identical or aligned as one reworded."""
    union: UnionFind[tuple[int, int]] = UnionFind()
    first_with_key: dict[tuple[str, ...], tuple[int, int]] = {}
    for v, kept in enumerate(content):
        for k, (key, _) in enumerate(kept):
            if key in first_with_key:
                union.union(first_with_key[key], (v, k))
            else:
                first_with_key[key] = union.find((v, k))
    keys = [{key for key, _ in kept} for kept in content]
    for a, b in _alignment_pairs(content, max_partners):
        # Only sentences without a verbatim twin on the other side need aligning.
        rest_a = [k for k, (key, _) in enumerate(content[a]) if key not in keys[b]]
        rest_b = [k for k, (key, _) in enumerate(content[b]) if key not in keys[a]]
        if not rest_a or not rest_b:
            continue
        aligned = align_sentences([content[a][k][1] for k in rest_a], [content[b][k][1] for k in rest_b])
        for i, j, _ in aligned:
            if i is not None and j is not None:
                union.union((a, rest_a[i]), (b, rest_b[j]))
    return union


def _reading_order(positions: list[list[int | None]], lengths: list[int]) -> list[int]:
    """Each slot's rank in the group's reading order: its mean relative position over the
    versions holding it."""
    mean_position = [
        float(np.mean([k / max(1, lengths[v]) for v, k in enumerate(slot) if k is not None])) for slot in positions
    ]
    order = [0] * len(positions)
    for rank, slot in enumerate(sorted(range(len(positions)), key=lambda s: mean_position[s])):
        order[slot] = rank
    return order


def _inherited(states: list[list[State]], holders: list[Counter[State]], spans: list[Span]) -> list[list[bool]]:
    """``inherited[slot][v]``: v holds a variant that another version made first.

    A variant shared by several versions was made once. Its maker is a holder that no other
    holder predates; among several such (undated ones, or a day and a minute of it), the one
    whose text strays least from what most versions hold, since the version with changes
    against the majority is the derived one. When that does not single one out either, no
    candidate maker counts as inheriting it: publication order is not known, so it is left to
    the tree search.
    """
    n = len(spans)
    majority: list[State] = []
    for counts in holders:
        present = sum(counts.values())
        majority.append(counts.most_common(1)[0][0] if 2 * present > n else None)
    strays = [sum(slot[v] != common for slot, common in zip(states, majority)) for v in range(n)]
    inherited = [[False] * n for _ in states]
    for s, slot in enumerate(states):
        for variant, count in holders[s].items():
            if count < 2:
                continue
            owners = [v for v in range(n) if slot[v] == variant]
            first = [v for v in owners if not any(certainly_later(spans[v], spans[u]) for u in owners)]
            fewest = min(strays[v] for v in first)
            makers = [v for v in first if strays[v] == fewest]
            for v in owners:
                # Several could have made it, with times that cannot order them: none of them
                # is said to have inherited it, and the tree search weighs the rest.
                inherited[s][v] = v not in makers
    return inherited


def _alignment_pairs(content: list[list[tuple[tuple[str, ...], str]]], max_partners: int) -> list[tuple[int, int]]:
    """Version pairs worth aligning: all of them, or for large groups each version's closest."""
    n = len(content)
    if n - 1 <= max_partners:
        return [(a, b) for a, b in combinations(range(n), 2) if content[a] and content[b]]
    keys = [{key for key, _ in kept} for kept in content]
    chosen = set()
    for a in range(n):
        ranked = sorted((b for b in range(n) if b != a), key=lambda b: -len(keys[a] & keys[b]))
        for b in ranked[:max_partners]:
            chosen.add((min(a, b), max(a, b)))
    return sorted(chosen)


_SUFFIXES = ("coid", "com", "co", "id", "net", "org", "tv", "news", "online")


def outlet_key(name: str | None) -> str:
    """An outlet or cited source reduced to its brand: "news.detik.com", "detikcom" and
    "Detik.com" are all ``detik``."""
    if not name:
        return ""
    name = name.lower().strip().removeprefix("www.")
    host = re.search(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", name)
    if host:  # a host name: its brand is the label before the public suffix
        labels = host.group().split(".")
        while len(labels) > 1 and labels[-1] in _SUFFIXES:
            labels.pop()
        key = labels[-1]
    else:  # a name as written: "Kompas TV", "detikcom"
        key = re.sub(r"[^a-z0-9]+", "", name)
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            return key[: -len(suffix)]
    return key


def majority_text(slots: Slots, voters: list[int], dates: list[float]) -> list[State]:
    """An absent source's likely text: in each slot, what most ``voters`` hold (a slot most
    of them lack is left out). Ties go to what most versions hold, then to the earliest."""
    text: list[State] = []
    n = len(dates)
    for s, slot in enumerate(slots.states):
        present = [v for v in voters if slot[v] is not None]
        # Two voters split: keep the slot only if most versions hold it (more voters) or
        # never (a pair: what both hold is all they surely copied).
        held_by_most = len(voters) > 2 and 2 * sum(slots.holders[s].values()) > n
        if 2 * len(present) < len(voters) or (2 * len(present) == len(voters) and not held_by_most):
            text.append(None)
            continue
        votes = Counter(slot[v] for v in present)
        first_seen: dict[State, float] = {}
        for v in present:
            first_seen[slot[v]] = min(dates[v], first_seen.get(slot[v], math.inf))
        text.append(max(votes, key=lambda st: (votes[st], slots.holders[s][st], -first_seen[st])))
    return text


def version_weights(
    items: Sequence[TraceItem],
    slots: Slots,
    similarity: Mapping[tuple[str, str], float] | None,
    config: TraceConfig,
) -> np.ndarray:
    """Edge weights between versions: ``weights[p, c]`` is minus the cost of turning ``p``
    into ``c`` (0: an exact copy). Infeasible edges (a later parent, a self-loop) are
    ``-inf``; rows and columns ``n`` and ``n + 1`` (unknown source, top) are left to fill."""
    n = len(items)
    spans = [item.span for item in items]
    weights = np.full((n + 2, n + 2), -np.inf)
    order = sorted(range(n), key=lambda v: (spans[v].key, v))
    rank = {v: r for r, v in enumerate(order)}
    outlets = [outlet_key(item.outlet) for item in items]
    cited = [{outlet_key(name) for name in item.cited} for item in items]
    for c in range(n):
        for p in range(n):
            if p == c or certainly_later(spans[p], spans[c]):
                continue
            weight = edge_score(slots, [slot[p] for slot in slots.states], p, c, config)
            if similarity is not None:
                pair = similarity.get((items[p].id, items[c].id), similarity.get((items[c].id, items[p].id), 0.0))
                weight += config.similarity_weight * (pair - 1.0)
            if outlets[p] and outlets[p] != outlets[c] and outlets[p] in cited[c]:
                weight += config.cited_parent_bonus  # the child names the parent's outlet
            # Tie-break towards earlier candidate parents: most copies copy the first version.
            weights[p, c] = weight - config.earlier_bonus * rank[p] / n
    return weights


def edge_score(
    slots: Slots,
    parent_states: list[State],
    p: int | None,
    c: int,
    config: TraceConfig,
) -> float:
    """Minus the cost of the edits that turn a version with ``parent_states`` (version ``p``,
    or None for the unknown source) into version ``c``: 0 for an exact copy.

    Sentences dropped together (a truncated tail) or added together (appended background)
    are one edit, so runs cost their dearest sentence plus a little per extra sentence.
    """
    score = 0.0
    dropped: list[tuple[int, float]] = []  # (position in the parent, cost)
    added: list[tuple[int, float]] = []  # (position in the child, cost)
    for s, slot in enumerate(slots.states):
        parent_state, child_state = parent_states[s], slot[c]
        if parent_state == child_state:
            continue
        if child_state is None:
            where = slots.order[s] if p is None else slots.positions[s][p]
            dropped.append((int(where or 0), config.dropped))
        elif slots.holders[s][child_state] > 1 and slots.inherited[s][c]:
            # An earlier version has it too: the child got it from there, not from this parent.
            score -= config.borrowed
        elif parent_state is None:
            # A sentence another version words differently was not written afresh: it was
            # reworded from a version that has it, so from one lacking it, it costs an edit too.
            reworded = len(slots.holders[s]) > 1
            added.append((int(slots.positions[s][c] or 0), config.own_addition + config.own_edit * reworded))
        else:
            score -= config.own_edit + config.reword_per_word * _extra_words(parent_state, child_state)
    if p is None:
        parent_end = max((slots.order[s] for s, st in enumerate(parent_states) if st is not None), default=-1)
    else:
        parent_end = slots.lengths[p] - 1
    # A lost tail is the commonest cut of all (a truncated copy); a lost lead the rarest,
    # since a copier keeps the top of what it copies.
    return (
        score
        - _run_costs(dropped, config.run_extra, tail=(parent_end, config.truncated), head=config.dropped_lead)
        - _run_costs(added, config.run_extra)
    )


_MAX_EXTRA_WORDS = 4


@lru_cache(maxsize=65536)
def _extra_words(old: tuple[tuple[str, ...], ...], new: tuple[tuple[str, ...], ...]) -> int:
    """Words a rewording changes beyond the first (substitutions count once), at most
    ``_MAX_EXTRA_WORDS``: past a few words a sentence is rewritten, whichever it came from."""
    before = Counter(word for sentence in old for word in sentence)
    after = Counter(word for sentence in new for word in sentence)
    changed = max(sum((before - after).values()), sum((after - before).values()))
    return min(_MAX_EXTRA_WORDS, max(0, changed - 1))


def _run_costs(
    events: list[tuple[int, float]], extra: float, tail: tuple[int, float] | None = None, head: float | None = None
) -> float:
    """Total cost of edits grouped into runs of consecutive positions; a run ending at
    ``tail[0]`` costs at most ``tail[1]``, a run from position 0 at least ``head``."""
    total = 0.0
    runs: list[list[tuple[int, float]]] = []
    for position, cost in sorted(events):
        if runs and position == runs[-1][-1][0] + 1:
            runs[-1].append((position, cost))
        else:
            runs.append([(position, cost)])
    for run in runs:
        cost = max(c for _, c in run)
        if tail is not None and run[-1][0] >= tail[0]:
            cost = min(cost, tail[1])
        elif head is not None and run[0][0] == 0:
            cost = max(cost, head)
        total += cost + extra * (len(run) - 1)
    return total
