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
first by the text itself: a dated version cites its outlet, or (for a version with no time
at all) carries all of its text plus changes of its own. Such a contender is then tried as
the origin too, without the prior that favours the earliest dated, and parsimony decides. A
version that names another version's outlet as its source ("dikutip dari detikcom") copied
it and is never the origin; the edge from the named version to it earns
``cited_parent_bonus``. Versions that times cannot place are flagged ``uncertain`` on their
edge.

An *unknown source* is tried too: its text is what most of the versions it would parent hold,
it costs a prior plus a penalty per hour between its children's publication times (copies of
one wire story or press release appear close together), and it is kept when it explains the
group better; its children then hang from ``unknown:<id>``. It is posited only when the text
demands it: the best tree without it must need a change copies seldom make on their own (the
same wording written by two copies, or a copy losing the lead of the version it copied), and
the source must explain it (hold those words for two or more of its children, or lack that
lead). A text the versions merely share (one that leaves out what each copy added) explains
nothing a chain of copies does not, and the costs alone would favour it (an addition costs
less than a loss, and each child of an origin earns its bonus). A version holding the
source's text verbatim explains the others as well without positing anything, so it stands
in for the source. Both tests are waived when a version credits an outlet none of the
versions is from ("(Antara)", "Jakarta (ANTARA) -", "Artikel ini telah tayang di ..."): that
source is known to exist, costs no prior, and its verbatim copies are its children.

Confidence of an edge is the softmax share of the chosen parent's weight among every feasible
parent of that child, calibrated to observed accuracy (:mod:`newstrace.confidence`). Pure
functions; no I/O.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations

import numpy as np

from newstrace.algo.graph import max_arborescence, topological
from newstrace.confidence import calibrate, calibrated_alternatives, edge_shares, origin_shares
from newstrace.model import CopyEdge
from newstrace.trace_slots import (
    DEFAULT_CONFIG,
    Slots,
    State,
    TraceConfig,
    edge_score,
    majority_text,
    outlet_key,
    slot_states,
    version_weights,
)
from newstrace.trace_time import Span, certainly_before, certainly_later, span_of

__all__ = ["DEFAULT_CONFIG", "TraceConfig", "TraceItem", "TraceResult", "UNKNOWN_PREFIX", "trace_group"]

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

    slots = slot_states(items, config)
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
    for child in topological(parents, top):
        if child == unknown:
            continue
        parent = parents[child]
        parent_id = unknown_id if parent == unknown else None if parent == top else items[parent].id
        # Stated probabilities are calibrated on held-out trees (the origin's own edge,
        # having no parent, is not a parent claim and keeps its raw share).
        stated = confidences[child] if parent == top else calibrate("parent", confidences[child])
        edges.append(CopyEdge(items[child].id, parent_id, round(stated, 4), _uncertain(child, parent, spans)))
    raw = shares.get(chosen, 1.0)
    stated_origin = calibrate("origin", raw)
    others = calibrated_alternatives(raw, stated_origin, [(names[v], p) for v, p in shares.items() if v != chosen])
    alternatives = sorted(((name, round(p, 4)) for name, p in others if p >= 0.05), key=lambda pair: -pair[1])
    return TraceResult(edges, origin, earliest, round(stated_origin, 4), alternatives)


def _uncertain(child: int, parent: int, spans: list[Span]) -> bool:
    """Times cannot confirm this place: for an origin, some version may have come first; under
    the unknown source, the child has no time; under a version, the two times overlap and one
    of them is not a precise minute."""
    n = len(spans)
    if parent == n + 1:
        return any(
            v != child and not certainly_before(spans[child], spans[v]) and not (spans[child].exact and spans[v].exact)
            for v in range(n)
        )
    if parent == n:
        return not spans[child].dated
    pair = (spans[parent], spans[child])
    return not certainly_before(*pair) and not (pair[0].exact and pair[1].exact)


# --- tree search -----------------------------------------------------------------------------


def _build_tree(
    items: Sequence[TraceItem],
    slots: Slots,
    similarity: Mapping[tuple[str, str], float] | None,
    config: TraceConfig,
) -> tuple[list[int], np.ndarray, dict[int, float]]:
    """The best tree, as ``parents`` over nodes ``0..n-1`` (versions), ``n`` (the unknown
    source) and ``n + 1`` (the top, parent of the origin or of the unknown source), plus the
    edge weights (row ``n``: from the unknown source) and each origin hypothesis's best score."""
    spans = [item.span for item in items]
    weights = version_weights(items, slots, similarity, config)
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
    slots: Slots,
    weights: np.ndarray,
    spans: list[Span],
    config: TraceConfig,
) -> tuple[list[int], np.ndarray, dict[int, float]]:
    """A tree from each possible origin, then trees from an unknown source; the best wins.

    Returns the best tree's parents, the weights with the unknown source's row filled in, and
    the best score per origin hypothesis (key ``n``: an unknown source).
    """
    n = len(items)
    earliest = _earliest_index(items)
    weights = weights.copy()
    candidates, favoured = _origin_candidates(items, slots, weights, spans, earliest)
    totals, best, best_total = _plain_trees(weights, candidates, favoured, earliest, config)
    origin = next(v for v in range(n) if best[v] == n + 1)
    search = _SourceSearch(
        slots,
        weights,
        [span.key for span in spans],
        earliest,
        _credits_absent_outlet(items),
        config,
        _improbable_changes(slots, best),
    )
    source_row = search.run(_source_voters(best, origin, search.dates))
    if search.best and search.best_total > best_total:
        best = search.best
    if math.isfinite(search.hypothesis_total):
        totals[n] = search.hypothesis_total
    weights[n] = source_row
    return best, weights, totals


def _plain_trees(
    weights: np.ndarray, candidates: list[int], favoured: set[int], earliest: int | None, config: TraceConfig
) -> tuple[dict[int, float], list[int], float]:
    """The best tree from each candidate origin: scores per origin, the best tree, its score."""
    n = len(weights) - 2
    unknown, top = n, n + 1
    best: list[int] = []
    best_total = -np.inf
    totals: dict[int, float] = {}
    for origin in candidates:
        tree = weights.copy()
        tree[origin, :n] += config.origin_child_bonus
        tree[top, origin] = 0.0
        tree[top, unknown] = 0.0  # the unknown source, unused, hangs from the top alone
        parents = max_arborescence(tree, root=top)
        total = _total(tree, parents)
        if earliest is not None and origin != earliest and origin not in favoured:
            # The earliest dated is most likely first, unless the text says otherwise.
            total -= config.origin_not_earliest
        totals[origin] = max(totals.get(origin, -np.inf), total)
        if total > best_total:
            best, best_total = parents, total
    return totals, best, best_total


@dataclass(slots=True)
class _SourceSearch:
    """Trees from an unknown source. Its text is what most of the versions it would parent
    hold: starting from each group of ``voters``, then from whichever versions chose it,
    until stable."""

    slots: Slots
    weights: np.ndarray
    dates: list[float]
    earliest: int | None
    credits_absent: bool
    config: TraceConfig
    improbable: set[tuple[int, State]]  # changes the plain tree needs that copies seldom make
    best: list[int] = field(default_factory=list)
    best_total: float = -np.inf
    hypothesis_total: float = -np.inf  # best score of a tree that keeps the source

    def run(self, starts: list[list[int]]) -> np.ndarray:
        """Search from every start; returns the best-scoring source's edge row."""
        n = len(self.dates)
        source_row = np.full(n + 2, -np.inf)
        source_total = -np.inf
        for voters in starts:
            for _ in range(_SOURCE_ROUNDS):
                text, row, parents, total = self._tree(voters)
                if total > source_total:
                    source_row, source_total = row, total
                siblings = sorted(v for v in range(n) if parents[v] == n)
                self._keep(text, row, parents, siblings, total)
                if len(siblings) < 2 or siblings == sorted(voters):
                    break
                voters = siblings
        return source_row

    def _tree(self, voters: list[int]) -> tuple[list[State], np.ndarray, list[int], float]:
        n, config = len(self.dates), self.config
        text = majority_text(self.slots, voters, self.dates)
        row = np.full(n + 2, -np.inf)
        row[:n] = [edge_score(self.slots, text, None, c, config) for c in range(n)]
        sourced = self.weights.copy()
        sourced[n] = row + config.origin_child_bonus
        sourced[n + 1, n] = 0.0
        if self.earliest is not None:
            # Copying a common source, the earliest dated version copied it first.
            sourced[:n, self.earliest] -= config.origin_not_earliest
        parents = max_arborescence(sourced, root=n + 1)
        siblings = [v for v in range(n) if parents[v] == n]
        # A credited absent outlet is known to exist: positing it costs nothing.
        prior = (
            0.0
            if self.credits_absent
            else (config.unknown_source + config.source_spread_per_hour * _spread_hours(siblings, self.dates))
        )
        return text, row, parents, _total(sourced, parents) - prior

    def _keep(self, text: list[State], row: np.ndarray, parents: list[int], siblings: list[int], total: float) -> None:
        # A child holding the source's text verbatim stands in for it: "the others copied
        # that one" explains the text as well as an unseen source, without positing one; and
        # a source must explain a change copying cannot. Unless a version
        # credits an outlet none of the versions is from: that source exists, and a verbatim
        # copy of it is one of its children.
        stand_in = not self.credits_absent and any(row[v] == 0.0 for v in siblings)
        if len(siblings) < 2 or stand_in or not (self.credits_absent or self._explains(text, siblings)):
            return
        self.hypothesis_total = max(self.hypothesis_total, total)
        if total > self.best_total:
            self.best, self.best_total = parents, total

    def _explains(self, text: list[State], siblings: list[int]) -> bool:
        """The source holds a change the tree without it cannot explain by copying (see
        :func:`_improbable_changes`): words two or more of its children share that no present
        version passed on to both, or the absence of a lead one of its children lacks. A
        source that only leaves out what some versions added in the middle or at the end
        explains nothing a chain of copies does not."""
        states = self.slots.states
        return any(
            text[s] == state and sum(states[s][v] == state for v in siblings) >= (1 if state is None else 2)
            for s, state in self.improbable
        )


def _improbable_changes(slots: Slots, parents: list[int]) -> set[tuple[int, State]]:
    """Changes a tree over the versions needs that copies seldom make on their own: a sentence
    variant it has arise twice or more (held by versions whose parents lack it, the origin
    counting as having made its own), and a lead lost (a copy lacking the first sentences of
    the version it would have copied). Copies almost never write the same words independently,
    and keep the top of what they copy; either change is explained once by a common absent
    source. Sentences cut from the middle or the tail and sentences added are not counted:
    copies make those edits every day, and may hit the same sentence."""
    n = len(slots.lengths)
    arisen: Counter[tuple[int, State]] = Counter()
    for v in range(n):
        parent = parents[v] if 0 <= parents[v] < n else None
        lead = -1 if parent is None else _first_kept(slots, parent, v)
        for s, slot in enumerate(slots.states):
            if parent is None:
                changed = slot[v] is not None
            elif slot[v] is None:
                where = slots.positions[s][parent]
                changed = slot[parent] is not None and where is not None and where < lead
            else:
                changed = slot[v] != slot[parent]
            if changed:
                arisen[(s, slot[v])] += 1
    # One lost lead is improbable already; a variant only when it arises twice.
    return {(s, state) for (s, state), count in arisen.items() if state is None or count >= 2}


def _first_kept(slots: Slots, parent: int, child: int) -> int:
    """Where in ``parent`` the first of its sentences that ``child`` also holds stands: what
    comes before it is a lead the child lost."""
    kept = [
        where
        for slot, position in zip(slots.states, slots.positions)
        if slot[parent] is not None and slot[child] is not None and (where := position[parent]) is not None
    ]
    return min(kept, default=-1)


def _credits_absent_outlet(items: Sequence[TraceItem]) -> bool:
    """Some version says its text came from an outlet none of the versions is from."""
    present = {outlet_key(item.outlet) for item in items}
    return any(key and key not in present for item in items for key in map(outlet_key, item.credited))


def _source_voters(parents: list[int], origin: int, dates: list[float]) -> list[list[int]]:
    """Starting guesses at which versions copied an absent source: the plain tree's origin
    with its children, all versions, and pairs among the origin and its children (closest in
    time first), since the origin's own children would otherwise vote for its own edits."""
    n = len(dates)
    level = [origin] + [v for v in range(n) if parents[v] == origin]
    pairs = sorted(combinations(level, 2), key=lambda pair: _spread_hours(list(pair), dates))
    return [level, list(range(n))] + [list(pair) for pair in pairs[:_MAX_SOURCE_PAIRS]]


_MAX_SOURCE_PAIRS = 10


def _origin_candidates(
    items: Sequence[TraceItem], slots: Slots, weights: np.ndarray, spans: list[Span], earliest: int | None
) -> tuple[list[int], set[int]]:
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
        evidence = {
            v: _text_says_first(v, items, slots, spans)
            for v in range(n)
            if v != earliest and not certainly_later(spans[v], spans[earliest])
        }
        # A version with a time of its own (a day overlapping the earliest's, or a dateline or
        # body day) is shown first only by a copy naming its outlet: a copy carrying its text
        # plus changes fits as well with it having cut that copy's text.
        contenders = [v for v, said in evidence.items() if said == "named" or (said and spans[v].lo == -math.inf)]
    if len(contenders) > _MAX_UNDATED_ORIGINS:
        fit = {v: float(np.sort(weights[v, :n][np.isfinite(weights[v, :n])])[::-1][:3].sum()) for v in contenders}
        contenders = sorted(contenders, key=lambda v: -fit[v])[:_MAX_UNDATED_ORIGINS]
    # Text evidence lifts the prior for the earliest dated version.
    favoured = {v for v in contenders if evidence.get(v)}
    candidates = ([earliest] if earliest is not None else []) + sorted(contenders)
    # A version that names another version's outlet as its source copied it: not the origin.
    keys = [outlet_key(item.outlet) for item in items]
    copied = [
        v
        for v in candidates
        if any(
            keys[m]
            and keys[m] != keys[v]
            and keys[m] in {outlet_key(c) for c in items[v].cited}
            and not certainly_later(spans[m], spans[v])
            for m in range(n)
        )
    ]
    if len(copied) < len(candidates):
        candidates = [v for v in candidates if v not in copied]
    return candidates, favoured


def _text_says_first(v: int, items: Sequence[TraceItem], slots: Slots, spans: list[Span]) -> str | None:
    """``named`` when a dated version names ``v``'s outlet as its source, ``carried`` when
    one carries all of ``v``'s text (reworded or not) plus changes of its own, else None."""
    own = outlet_key(items[v].outlet)
    held = [s for s, slot in enumerate(slots.states) if slot[v] is not None]
    dated = [d for d in range(len(items)) if d != v and spans[d].dated]
    if own and any(
        own != outlet_key(items[d].outlet) and own in {outlet_key(c) for c in items[d].cited} for d in dated
    ):
        return "named"
    for d in dated:
        if (
            held
            and all(slots.states[s][d] is not None for s in held)
            and any(slot[d] != slot[v] for slot in slots.states)
        ):
            return "carried"
    return None


_MAX_UNDATED_ORIGINS = 8
_SOURCE_ROUNDS = 3


def _spread_hours(versions: list[int], dates: list[float]) -> float:
    """Hours between the first and last dated of ``versions``."""
    known = [dates[v] for v in versions if math.isfinite(dates[v])]
    return (max(known) - min(known)) / 3600.0 if len(known) > 1 else 0.0


def _total(weights: np.ndarray, parents: list[int]) -> float:
    return float(sum(weights[p, v] for v, p in enumerate(parents) if p >= 0))


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
