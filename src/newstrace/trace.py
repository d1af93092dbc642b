"""Who copied whom inside a copy group, and where the text first appeared.

The versions of one text are compared sentence by sentence. Aligned sentences across all
versions form *slots*; in each slot a version holds one *variant* (its wording of that
sentence) or nothing. Chrome (related links, datelines) is left out.

The weight of a candidate edge ``parent -> child`` is minus the cost of the edits that turn
the parent into the child (parsimony), so a copy that carries a change first made by an
earlier copy (a new number, a dropped hedge, an added clause) costs nothing from that copy
and an edit from the original:

* the child rewords a sentence its own way: ``own_edit``; adds one: ``own_addition`` (copies
  add more often than originals lose text, so an addition costs less than a loss);
* the child lacks the parent's sentences: ``dropped`` per run, ``truncated`` for a lost tail;
* the child holds a variant an earlier version has but the parent lacks: it got it there,
  ``borrowed`` (large).

Runs of sentences dropped or added together count as one edit. The tree is a maximum
spanning arborescence (Chu-Liu/Edmonds) over these weights, tried from every version that
could be the origin, with a bonus per child of the origin (copies mostly copy the original).
Publication time is a hard constraint: a parent is never certainly later than its child, also
through undated versions in between. Times are intervals (:mod:`newstrace.trace_time`): a
day-precision date stands for its whole day and never outranks a minute of that day, and a
body or dateline date only bounds publication from below.

The origin is the earliest dated version (by the latest moment its time allows) unless a
version whose time cannot be ordered against it (undated, or a day overlapping it) is shown
first by the text itself: a dated version cites its outlet, or carries all of its text plus
changes of its own. Such a contender is then tried as the origin too, without the prior that
favours the earliest dated, and parsimony decides. A version that names another version's
outlet as its source ("dikutip dari detikcom") copied it and is never the origin; the edge
from the named version to it earns ``cited_parent_bonus``. Versions that times cannot place
are flagged ``uncertain`` on their edge.

An *unknown source* is tried too: its text is what most of the versions it would parent hold,
it costs a prior plus a penalty per hour between its children's publication times (copies of
one wire story or press release appear close together), and it is kept when it explains the
group better; its children then hang from ``unknown:<id>``. A version holding that text
verbatim explains the others as well without positing anything, so it stands in for the
source, unless a version credits an outlet none of the versions is from ("(Antara)", "Jakarta
(ANTARA) -", "Artikel ini telah tayang di ..."): that source is known to exist, costs no prior,
and its verbatim copies are its children.

Confidence of an edge is the softmax share of the chosen parent's weight among every feasible
parent of that child, calibrated to observed accuracy (:mod:`newstrace.confidence`). Pure
functions; no I/O.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations

import numpy as np

from newstrace.algo.diff import align_sentences, is_chrome_sentence, strip_dateline
from newstrace.algo.passages import tokenize
from newstrace.confidence import calibrate, calibrated_alternatives, edge_shares, origin_shares
from newstrace.model import CopyEdge
from newstrace.trace_time import Span, certainly_before, certainly_later, span_of

__all__ = ["TraceConfig", "TraceItem", "TraceResult", "UNKNOWN_PREFIX", "trace_group"]

UNKNOWN_PREFIX = "unknown:"


@dataclass(slots=True)
class TraceItem:
    """One version of a text: its id, publication time (if known), outlet and sentences.

    ``precision`` (``minute``, ``hour`` or ``day``) and ``source`` (where the time came
    from; ``body`` and ``dateline`` dates bound publication from below only) say what the
    time stands for; ``cited`` names the sources the version cites (a copy naming the outlet
    it took the text from); ``credited`` those of them that the text says it came from (a
    credit line "(Antara)", an agency dateline, "Artikel ini telah tayang di ...").
    """

    id: str
    published: datetime | None
    outlet: str | None
    sentences: list[str]
    precision: str | None = "minute"
    source: str | None = None
    cited: tuple[str, ...] = ()
    credited: tuple[str, ...] = ()

    @property
    def span(self) -> Span:
        return span_of(self.published, self.precision, self.source)


@dataclass(slots=True)
class TraceResult:
    """Copy edges (a forest) plus the origin.

    ``origin`` is the id of the version the text started from, or an ``unknown:`` id when the
    versions copy an absent common source; ``earliest`` is the earliest dated version.
    """

    edges: list[CopyEdge] = field(default_factory=list)
    origin: str | None = None
    earliest: str | None = None
    # The chosen origin's share among every origin hypothesis tried (each version that could
    # be first, and an absent source), by a softmax of the whole trees' scores; the others
    # that keep at least 5% are ``alternatives`` (id, probability), most likely first.
    origin_confidence: float = 1.0
    alternatives: list[tuple[str, float]] = field(default_factory=list)

    @property
    def first_known(self) -> str | None:
        """The earliest known version: the origin, or when that is an absent source, the
        earliest dated version (else the first version copying the source)."""
        if self.origin is None or not self.origin.startswith(UNKNOWN_PREFIX):
            return self.origin
        if self.earliest is not None:
            return self.earliest
        return next((e.child for e in self.edges if e.parent == self.origin), None)


@dataclass(frozen=True, slots=True)
class TraceConfig:
    """Edit costs and priors, in log-odds-like units (see the module docstring)."""

    own_edit: float = 1.0  # child rewords a sentence its own way
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
    origin_child_bonus: float = 1.0  # prior: copies mostly copy the origin itself
    earlier_bonus: float = 0.05  # tie-break towards the earliest candidate parent
    similarity_weight: float = 0.5  # weight of a caller's precomputed pair similarity
    cited_parent_bonus: float = 1.0  # the child names the parent's outlet as its source
    run_extra: float = 0.1  # each further sentence of a dropped or added run
    max_aligned_partners: int = 12  # large groups: align each version with its closest only
    temperature: float = 1.0  # softmax temperature for confidences

    def __post_init__(self) -> None:
        for name in ("own_edit", "own_addition", "borrowed", "dropped", "truncated", "dropped_lead",
                     "unknown_source", "source_spread_per_hour", "origin_not_earliest",
                     "origin_child_bonus", "earlier_bonus", "similarity_weight",
                     "cited_parent_bonus", "run_extra",
                     "temperature"):
            if getattr(self, name) < 0:
                raise ValueError(f"TraceConfig.{name} must be >= 0")
        if self.temperature == 0:
            raise ValueError("TraceConfig.temperature must be > 0")
        if self.max_aligned_partners < 1:
            raise ValueError("TraceConfig.max_aligned_partners must be >= 1")


DEFAULT_CONFIG = TraceConfig()

_State = tuple[tuple[str, ...], ...] | None  # a version's sentences in one slot, or absent


def trace_group(
    items: Sequence[TraceItem],
    *,
    similarity: Mapping[tuple[str, str], float] | None = None,
    group_id: str | None = None,
    config: TraceConfig = DEFAULT_CONFIG,
) -> TraceResult:
    """Infer who copied whom among ``items`` (the versions of one copy group).

    ``similarity`` may give a precomputed pair similarity in [0, 1] keyed by ``(id_a, id_b)``
    (either order); it only breaks ties the sentence evidence leaves open. ``group_id`` names
    the unknown source (``unknown:<group_id>``); by default a hash of the member ids.
    """
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        raise ValueError("trace_group needs distinct item ids; merge duplicate versions first")
    if not items:
        return TraceResult()
    earliest = _earliest(items)
    if len(items) == 1:
        return TraceResult([CopyEdge(items[0].id, None, 1.0)], items[0].id, earliest)

    slots = _slot_states(items, config)
    parents, weights, totals = _build_tree(items, slots, similarity, config)
    n = len(items)
    unknown, top = n, n + 1
    spans = [item.span for item in items]
    confidences = edge_shares(weights, parents, [span.key for span in spans], config)
    unknown_id = UNKNOWN_PREFIX + (group_id or _hash_ids(ids))
    roots = [v for v in range(n) if parents[v] == top]
    origin = items[roots[0]].id if roots else unknown_id
    shares = origin_shares(totals, roots[0] if roots else unknown, config)
    names = {v: (unknown_id if v == unknown else items[v].id) for v in shares}
    chosen = roots[0] if roots else unknown
    edges = []
    for child in _topological(parents, top):
        if child == unknown:
            continue
        parent = parents[child]
        parent_id = unknown_id if parent == unknown else None if parent == top else items[parent].id
        # Stated probabilities are calibrated on held-out trees (the origin's own edge,
        # having no parent, is not a parent claim and keeps its raw share).
        stated = confidences[child] if parent == top else calibrate("parent", confidences[child])
        edges.append(CopyEdge(items[child].id, parent_id, round(stated, 4),
                              _uncertain(child, parent, spans)))
    raw = shares.get(chosen, 1.0)
    stated_origin = calibrate("origin", raw)
    others = calibrated_alternatives(raw, stated_origin,
                                     [(names[v], p) for v, p in shares.items() if v != chosen])
    alternatives = sorted(((name, round(p, 4)) for name, p in others if p >= 0.05),
                          key=lambda pair: -pair[1])
    return TraceResult(edges, origin, earliest, round(stated_origin, 4), alternatives)


def _uncertain(child: int, parent: int, spans: list[Span]) -> bool:
    """Times cannot confirm this place: for an origin, some version may have come first; under
    the unknown source, the child has no time; under a version, the two times overlap and one
    of them is not a precise minute."""
    n = len(spans)
    if parent == n + 1:
        return any(v != child and not certainly_before(spans[child], spans[v])
                   and not (spans[child].exact and spans[v].exact) for v in range(n))
    if parent == n:
        return not spans[child].dated
    pair = (spans[parent], spans[child])
    return not certainly_before(*pair) and not (pair[0].exact and pair[1].exact)


# --- sentence slots --------------------------------------------------------------------------


def _content_key(sentence: str) -> tuple[str, ...]:
    """A sentence's words without an outlet/dateline prefix."""
    return tuple(tokenize(strip_dateline(sentence)[1]))


@dataclass(frozen=True, slots=True)
class _Slots:
    """``states[slot][version]``: the version's sentences in that slot, or None;
    ``positions[slot][version]``: where the slot starts in that version's content sentences;
    ``order[slot]``: the slot's rank in the group's usual reading order."""

    states: list[list[_State]]
    positions: list[list[int | None]]
    order: list[int]
    lengths: list[int]  # content sentences per version
    holders: list[Counter[_State]]  # per slot: how many versions hold each variant
    inherited: list[list[bool]]  # [slot][v]: v holds a variant another version made first


def _slot_states(items: Sequence[TraceItem], config: TraceConfig) -> _Slots:
    """Cluster the versions' sentences into slots of aligned sentences.

    Chrome (related links, bylines) is left out: outlets strip each other's chrome when they
    copy, so it says nothing about lineage. Identical sentences share a slot at once; reworded
    ones join through pairwise sentence alignment.
    """
    content: list[list[tuple[tuple[str, ...], str]]] = []
    for item in items:
        kept = []
        for sentence in item.sentences:
            key = _content_key(sentence)
            if key and not is_chrome_sentence(sentence):
                kept.append((key, sentence))
        content.append(kept)

    nodes = [(v, k) for v, kept in enumerate(content) for k in range(len(kept))]
    node_index = {node: n for n, node in enumerate(nodes)}
    union = _UnionFind(len(nodes))
    first_with_key: dict[tuple[str, ...], int] = {}
    for (v, k), n in node_index.items():
        key = content[v][k][0]
        if key in first_with_key:
            union.join(n, first_with_key[key])
        else:
            first_with_key[key] = n

    keys = [{key for key, _ in kept} for kept in content]
    for a, b in _alignment_pairs(content, config.max_aligned_partners):
        # Only sentences without a verbatim twin on the other side need aligning.
        rest_a = [k for k, (key, _) in enumerate(content[a]) if key not in keys[b]]
        rest_b = [k for k, (key, _) in enumerate(content[b]) if key not in keys[a]]
        if not rest_a or not rest_b:
            continue
        aligned = align_sentences([content[a][k][1] for k in rest_a],
                                  [content[b][k][1] for k in rest_b])
        for i, j, _ in aligned:
            if i is not None and j is not None:
                union.join(node_index[(a, rest_a[i])], node_index[(b, rest_b[j])])

    slot_of_root: dict[int, int] = {}
    members: list[list[list[tuple[str, ...]]]] = []
    positions: list[list[int | None]] = []
    for (v, k), n in node_index.items():
        root = union.find(n)
        if root not in slot_of_root:
            slot_of_root[root] = len(members)
            members.append([[] for _ in items])
            positions.append([None] * len(items))
        slot = slot_of_root[root]
        members[slot][v].append(content[v][k][0])
        if positions[slot][v] is None:
            positions[slot][v] = k
    # Reading order of the group: mean relative position over the versions holding a slot.
    mean_position = [
        float(np.mean([k / max(1, len(content[v])) for v, k in enumerate(slot) if k is not None]))
        for slot in positions
    ]
    ranks = sorted(range(len(positions)), key=lambda s: mean_position[s])
    order = [0] * len(positions)
    for rank, slot in enumerate(ranks):
        order[slot] = rank
    states: list[list[_State]] = [[tuple(keys) if keys else None for keys in slot]
                                  for slot in members]
    spans = [item.span for item in items]
    holders: list[Counter[_State]] = [Counter(st for st in slot if st is not None)
                                      for slot in states]
    return _Slots(
        states=states,
        positions=positions,
        order=order,
        lengths=[len(kept) for kept in content],
        holders=holders,
        inherited=_inherited(states, holders, spans),
    )


def _inherited(states: list[list[_State]], holders: list[Counter[_State]],
               spans: list[Span]) -> list[list[bool]]:
    """``inherited[slot][v]``: v holds a variant that another version made first.

    A variant shared by several versions was made once. Its maker is a holder that no other
    holder predates; among several such (undated ones), the one whose text strays least from
    what most versions hold, since the version with changes against the majority is the
    derived one.
    """
    n = len(spans)
    dates = [span.key for span in spans]
    majority: list[_State] = []
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
            first = [v for v in owners
                     if not any(certainly_later(spans[v], spans[u]) for u in owners)]
            maker = min(first, key=lambda v: (strays[v], dates[v], v))
            for v in owners:
                inherited[s][v] = v != maker
    return inherited


def _alignment_pairs(
    content: list[list[tuple[tuple[str, ...], str]]], max_partners: int
) -> list[tuple[int, int]]:
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


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


# --- tree search -----------------------------------------------------------------------------


def _build_tree(
    items: Sequence[TraceItem],
    slots: _Slots,
    similarity: Mapping[tuple[str, str], float] | None,
    config: TraceConfig,
) -> tuple[list[int], np.ndarray, dict[int, float]]:
    """The best tree, as ``parents`` over nodes ``0..n-1`` (versions), ``n`` (the unknown
    source) and ``n + 1`` (the top, parent of the origin or of the unknown source), plus the
    edge weights (row ``n``: from the unknown source) and each origin hypothesis's best score."""
    spans = [item.span for item in items]
    weights = _version_weights(items, slots, similarity, config)
    for _ in range(_TIME_REPAIRS):
        parents, chosen, totals = _search(items, slots, weights, spans, config)
        violation = _time_violation(parents, spans)
        if violation is None:
            break
        # An undated version placed below a later one that its own subtree predates: that
        # placement contradicts the dates, so forbid it and search again.
        weights[violation] = -np.inf
    return parents, chosen, totals


_TIME_REPAIRS = 8


def _time_violation(parents: list[int], spans: list[Span]) -> tuple[int, int] | None:
    """An edge ``(ancestor, undated child)`` that puts a version above a descendant it is
    certainly later than, or None."""
    n = len(spans)
    for v in range(n):
        if not spans[v].dated:
            continue
        below, node = v, parents[v]
        while 0 <= node < n:
            if certainly_later(spans[node], spans[v]) and below != v:
                return node, below
            below, node = node, parents[node]
    return None


def _search(
    items: Sequence[TraceItem],
    slots: _Slots,
    weights: np.ndarray,
    spans: list[Span],
    config: TraceConfig,
) -> tuple[list[int], np.ndarray, dict[int, float]]:
    """A tree from each possible origin, then trees from an unknown source; the best wins.

    The unknown source's text is what most of the versions it would parent hold: starting
    from the best plain tree's origin and its children (or from all versions), then from
    whichever versions chose it, until stable.
    """
    n = len(items)
    unknown, top = n, n + 1
    earliest = _earliest_index(items)
    dates = [span.key for span in spans]
    weights = weights.copy()
    best: list[int] = []
    best_total = -np.inf
    totals: dict[int, float] = {}  # best tree score per origin hypothesis (n: an unknown source)
    candidates, favoured = _origin_candidates(items, slots, weights, spans, earliest)
    for origin in candidates:
        tree = weights.copy()
        tree[origin, :n] += config.origin_child_bonus
        tree[top, origin] = 0.0
        tree[top, unknown] = 0.0  # the unknown source, unused, hangs from the top alone
        parents = _max_arborescence(tree, root=top)
        total = _total(tree, parents)
        if earliest is not None and origin != earliest and origin not in favoured:
            # The earliest dated is most likely first, unless the text says otherwise.
            total -= config.origin_not_earliest
        totals[origin] = max(totals.get(origin, -np.inf), total)
        if total > best_total:
            best, best_total = parents, total
    origin = next(v for v in range(n) if best[v] == top)
    credits_absent = _credits_absent_outlet(items)

    source_row = np.full(n + 2, -np.inf)
    source_total = -np.inf
    for voters in _source_voters(best, origin, dates):
        for _ in range(_SOURCE_ROUNDS):
            text = _majority_text(slots, voters, dates)
            row = np.full(n + 2, -np.inf)
            row[:n] = [_edge_score(slots, text, None, c, config) for c in range(n)]
            sourced = weights.copy()
            sourced[unknown] = row + config.origin_child_bonus
            sourced[top, unknown] = 0.0
            if earliest is not None:
                # Copying a common source, the earliest dated version copied it first.
                sourced[:n, earliest] -= config.origin_not_earliest
            parents = _max_arborescence(sourced, root=top)
            siblings = sorted(v for v in range(n) if parents[v] == unknown)
            # A credited absent outlet is known to exist: positing it costs nothing.
            total = _total(sourced, parents) - (0.0 if credits_absent else (
                config.unknown_source
                + config.source_spread_per_hour * _spread_hours(siblings, dates)))
            if total > source_total:
                source_row, source_total = row, total
            # A child holding the source's text verbatim stands in for it: "the others copied
            # that one" explains the text as well as an unseen source, without positing one.
            # Unless a version credits an outlet none of the versions is from: that source
            # exists, and a verbatim copy of it is one of its children.
            stand_in = not credits_absent and any(row[v] == 0.0 for v in siblings)
            if len(siblings) >= 2 and not stand_in:
                totals[unknown] = max(totals.get(unknown, -np.inf), total)
                if total > best_total:
                    best, best_total = parents, total
            if len(siblings) < 2 or siblings == sorted(voters):
                break
            voters = siblings
    weights[unknown] = source_row
    return best, weights, totals


def _credits_absent_outlet(items: Sequence[TraceItem]) -> bool:
    """Some version says its text came from an outlet none of the versions is from."""
    present = {_outlet_key(item.outlet) for item in items}
    return any(key and key not in present
               for item in items for key in map(_outlet_key, item.credited))


def _source_voters(parents: list[int], origin: int, dates: list[float]) -> list[list[int]]:
    """Starting guesses at which versions copied an absent source: the plain tree's origin
    with its children, all versions, and pairs among the origin and its children (closest in
    time first), since the origin's own children would otherwise vote for its own edits."""
    n = len(dates)
    level = [origin] + [v for v in range(n) if parents[v] == origin]
    pairs = sorted(combinations(level, 2), key=lambda pair: _spread_hours(list(pair), dates))
    return [level, list(range(n))] + [list(pair) for pair in pairs[:_MAX_SOURCE_PAIRS]]


_MAX_SOURCE_PAIRS = 10


def _origin_candidates(items: Sequence[TraceItem], slots: _Slots, weights: np.ndarray,
                       spans: list[Span], earliest: int | None) -> tuple[list[int], set[int]]:
    """Versions that could be the origin: the earliest dated one, and the versions times
    cannot order against it (undated, a day overlapping it) when the text says they came
    first (for large groups, those that explain the others best). With nothing dated, every
    version; never one that names another version's outlet as its source. Also returns the
    contenders the text favours."""
    n = len(spans)
    evidence: dict[int, str | None] = {}
    if earliest is None:
        contenders = list(range(n))
    else:
        evidence = {v: _text_says_first(v, items, slots, spans) for v in range(n)
                    if v != earliest and not certainly_later(spans[v], spans[earliest])}
        contenders = [v for v, said in evidence.items() if said]
    if len(contenders) > _MAX_UNDATED_ORIGINS:
        fit = {v: float(np.sort(weights[v, :n][np.isfinite(weights[v, :n])])[::-1][:3].sum())
               for v in contenders}
        contenders = sorted(contenders, key=lambda v: -fit[v])[:_MAX_UNDATED_ORIGINS]
    # Text evidence lifts the prior for the earliest dated version.
    favoured = {v for v in contenders if evidence.get(v)}
    candidates = ([earliest] if earliest is not None else []) + sorted(contenders)
    # A version that names another version's outlet as its source copied it: not the origin.
    keys = [_outlet_key(item.outlet) for item in items]
    copied = [v for v in candidates
              if any(keys[m] and keys[m] != keys[v] and keys[m] in {_outlet_key(c) for c in items[v].cited}
                     and not certainly_later(spans[m], spans[v]) for m in range(n))]
    if len(copied) < len(candidates):
        candidates = [v for v in candidates if v not in copied]
    return candidates, favoured


def _text_says_first(v: int, items: Sequence[TraceItem], slots: _Slots,
                     spans: list[Span]) -> str | None:
    """``named`` when a dated version names ``v``'s outlet as its source, ``carried`` when
    one carries all of ``v``'s text (reworded or not) plus changes of its own, else None."""
    own = _outlet_key(items[v].outlet)
    held = [s for s, slot in enumerate(slots.states) if slot[v] is not None]
    dated = [d for d in range(len(items)) if d != v and spans[d].dated]
    if own and any(own != _outlet_key(items[d].outlet)
                   and own in {_outlet_key(c) for c in items[d].cited} for d in dated):
        return "named"
    for d in dated:
        if held and all(slots.states[s][d] is not None for s in held) and any(
                slot[d] != slot[v] for slot in slots.states):
            return "carried"
    return None


_SUFFIXES = ("coid", "com", "co", "id", "net", "org", "tv", "news", "online")


def _outlet_key(name: str | None) -> str:
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


_MAX_UNDATED_ORIGINS = 8
_SOURCE_ROUNDS = 3


def _spread_hours(versions: list[int], dates: list[float]) -> float:
    """Hours between the first and last dated of ``versions``."""
    known = [dates[v] for v in versions if math.isfinite(dates[v])]
    return (max(known) - min(known)) / 3600.0 if len(known) > 1 else 0.0


def _total(weights: np.ndarray, parents: list[int]) -> float:
    return float(sum(weights[p, v] for v, p in enumerate(parents) if p >= 0))


def _majority_text(slots: _Slots, voters: list[int], dates: list[float]) -> list[_State]:
    """An absent source's likely text: in each slot, what most ``voters`` hold (a slot most
    of them lack is left out). Ties go to what most versions hold, then to the earliest."""
    text: list[_State] = []
    n = len(dates)
    for s, slot in enumerate(slots.states):
        present = [v for v in voters if slot[v] is not None]
        # Two voters split: keep the slot only if most versions hold it (more voters) or
        # never (a pair: what both hold is all they surely copied).
        held_by_most = len(voters) > 2 and 2 * sum(slots.holders[s].values()) > n
        if 2 * len(present) < len(voters) or (2 * len(present) == len(voters)
                                               and not held_by_most):
            text.append(None)
            continue
        votes = Counter(slot[v] for v in present)
        first_seen: dict[_State, float] = {}
        for v in present:
            first_seen[slot[v]] = min(dates[v], first_seen.get(slot[v], math.inf))
        text.append(max(votes, key=lambda st: (votes[st], slots.holders[s][st], -first_seen[st])))
    return text


def _version_weights(
    items: Sequence[TraceItem],
    slots: _Slots,
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
    outlets = [_outlet_key(item.outlet) for item in items]
    cited = [{_outlet_key(name) for name in item.cited} for item in items]
    for c in range(n):
        for p in range(n):
            if p == c or certainly_later(spans[p], spans[c]):
                continue
            weight = _edge_score(slots, [slot[p] for slot in slots.states], p, c, config)
            if similarity is not None:
                pair = similarity.get((items[p].id, items[c].id),
                                      similarity.get((items[c].id, items[p].id), 0.0))
                weight += config.similarity_weight * (pair - 1.0)
            if outlets[p] and outlets[p] != outlets[c] and outlets[p] in cited[c]:
                weight += config.cited_parent_bonus  # the child names the parent's outlet
            # Tie-break towards earlier candidate parents: most copies copy the first version.
            weights[p, c] = weight - config.earlier_bonus * rank[p] / n
    return weights


def _edge_score(
    slots: _Slots,
    parent_states: list[_State],
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
            added.append((int(slots.positions[s][c] or 0), config.own_addition))
        else:
            score -= config.own_edit
    if p is None:
        parent_end = max((slots.order[s] for s, st in enumerate(parent_states) if st is not None),
                         default=-1)
    else:
        parent_end = slots.lengths[p] - 1
    # A lost tail is the commonest cut of all (a truncated copy); a lost lead the rarest,
    # since a copier keeps the top of what it copies.
    return (score
            - _run_costs(dropped, config.run_extra, tail=(parent_end, config.truncated),
                         head=config.dropped_lead)
            - _run_costs(added, config.run_extra))


def _run_costs(events: list[tuple[int, float]], extra: float,
               tail: tuple[int, float] | None = None, head: float | None = None) -> float:
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


def _earliest_index(items: Sequence[TraceItem]) -> int | None:
    """The earliest dated version by the latest moment its time allows (a day never before a
    minute of that day); body dates and undated versions are not dated."""
    dated = [(span.key, span.lo, k) for k, item in enumerate(items) if (span := item.span).dated]
    return min(dated)[2] if dated else None


def _earliest(items: Sequence[TraceItem]) -> str | None:
    index = _earliest_index(items)
    return None if index is None else items[index].id


def _hash_ids(ids: list[str]) -> str:
    return hashlib.sha1("\n".join(sorted(ids)).encode("utf-8")).hexdigest()[:12]


# --- tree ------------------------------------------------------------------------------------


def _max_arborescence(weights: np.ndarray, root: int) -> list[int]:
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
    inner = _max_arborescence(w2, index[root])

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
            return path[path.index(v):]
        for u in path:
            state[u] = 2
    return None


def _topological(parents: list[int], root: int) -> list[int]:
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
