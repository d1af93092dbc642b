"""Scores for ``simulate_adversarial.py``: the truth of planted scenarios against predictions,
overall and per failure mode; a plain baseline; a reliability table of stated confidences.

Pure: everything here works on the records, the truth and the predictions in memory.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import numpy as np
from adversarial_plant import UNKNOWN, Doc, Planted, Scenario
from scipy import sparse
from simulate_propagation import adjusted_rand_index, match_changes

from newstrace.changes import is_substantive
from newstrace.model import Change

FIGURES = (
    "ari",
    "parent_accuracy",
    "origin_accuracy",
    "change_recall",
    "change_precision",
    "change_recall_end_to_end",
    "borrow_not_copy",
)
TARGETS = {
    "ari": 0.98,
    "parent_accuracy": 0.90,
    "origin_accuracy": 0.95,
    "change_recall": 0.95,
    "change_precision": 0.90,
}


@dataclass(slots=True)
class Prediction:
    """What a system says about the records (the pipeline's export, or the baseline)."""

    group: dict[str, str]
    parent: dict[str, str | None]  # child -> parent id, UNKNOWN, or None for an origin
    origin: dict[str, str | None]
    parent_confidence: dict[str, float] = field(default_factory=dict)
    origin_confidence: dict[str, float] = field(default_factory=dict)
    diff: Callable[[str, str], list[Change]] | None = None  # changes parent -> child


@dataclass(slots=True)
class Tally:
    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hits += bool(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else math.nan


def members(scenario: Scenario) -> list[Doc]:
    """The versions of a scenario's copy tree (not lenders or round-up pages)."""
    return [d for d in scenario.docs if d.role in ("root", "copy", "sibling")]


def _ari_around(docs: list[Doc], subset: set[str], prediction: Prediction) -> float:
    """ARI over a subset and every record predicted into one group with a member of it, so
    that absorbing foreign records counts against the subset."""
    groups = {prediction.group.get(i) for i in subset}
    around = [d for d in docs if d.id in subset or prediction.group.get(d.id) in groups]
    return adjusted_rand_index([d.group for d in around], [prediction.group.get(d.id, d.id) for d in around])


def _neutral(change: Change, neutral: list[str]) -> bool:
    """A change that only adds or drops words of inserted non-content lines (credits,
    chrome, datelines): neither a planted change nor a wrong one."""
    allowed = {w for line in neutral for w in re.findall(r"\w+", line.lower())}
    old = Counter(re.findall(r"\w+", (change.old or "").lower()))
    new = Counter(re.findall(r"\w+", (change.new or "").lower()))
    if change.kind == "reworded":
        return all(w in allowed for w in (new - old) + (old - new))
    text = new if change.kind == "added" else old
    return sum(n for w, n in text.items() if w not in allowed) < 3


def score(
    scenarios: list[Scenario], noise: list[Doc], prediction: Prediction, modes: Iterable[str]
) -> dict[str, dict[str, float]]:
    """Figures overall and per mode: ``{"overall": {...}, mode: {...}}``, with counts."""
    docs = [d for s in scenarios for d in s.docs] + noise
    by_mode: dict[str, list[Scenario]] = defaultdict(list)
    for scenario in scenarios:
        by_mode[scenario.mode].append(scenario)
    out: dict[str, dict[str, float]] = {}
    for name, chosen in [("overall", scenarios)] + [(m, by_mode[m]) for m in modes]:
        if not chosen:
            continue
        subset = {d.id for s in chosen for d in s.docs}
        figures: dict[str, float] = {"trees": len(chosen), "records": len(subset)}
        figures["ari"] = (
            adjusted_rand_index([d.group for d in docs], [prediction.group.get(d.id, d.id) for d in docs])
            if name == "overall"
            else _ari_around(docs, subset, prediction)
        )
        parent, origin, borrow = Tally(), Tally(), Tally()
        recall, precision, e2e = Tally(), Tally(), Tally()
        for scenario in chosen:
            versions = members(scenario)
            for doc in versions:
                if doc.parent is not None:
                    parent.add(prediction.parent.get(doc.id, "?") == doc.parent)
            votes = Counter(prediction.origin.get(d.id) for d in versions)
            origin.add(votes.most_common(1)[0][0] in scenario.origin)
            for borrower, lender in scenario.borrowings:
                borrow.add(prediction.group.get(borrower, borrower) != prediction.group.get(lender, lender))
            if prediction.diff is not None:
                _score_changes(scenario, prediction, recall, precision, e2e)
        figures["parent_accuracy"], figures["copies"] = parent.value, parent.total
        figures["origin_accuracy"] = origin.value
        figures["borrow_not_copy"], figures["borrowings"] = borrow.value, borrow.total
        if prediction.diff is not None:
            figures["change_recall"], figures["planted_changes"] = recall.value, recall.total
            figures["change_precision"] = precision.value
            figures["change_recall_end_to_end"] = e2e.value
        out[name] = figures
    return out


def _score_changes(scenario: Scenario, prediction: Prediction, recall: Tally, precision: Tally, e2e: Tally) -> None:
    """Planted changes against the system's diff along the true edge; end to end only where
    the system found that edge."""
    assert prediction.diff is not None
    by_edge: dict[tuple[str, str], list[Planted]] = defaultdict(list)
    for plant in scenario.planted:
        by_edge[(plant.parent, plant.child)].append(plant)
    for doc in members(scenario):
        if doc.parent in (None, UNKNOWN):
            continue
        plants = by_edge.get((doc.parent, doc.id), [])
        changes = [c for c in prediction.diff(doc.parent, doc.id) if is_substantive(c)]
        hit, _ok, _missed = match_changes(plants, changes)
        # Precision leaves out changes that only show inserted credit or chrome lines.
        shown = [c for c in changes if not _neutral(c, scenario.neutral)]
        _hit, ok, _missed = match_changes(plants, shown)
        found = prediction.parent.get(doc.id) == doc.parent
        for k in range(len(plants)):
            recall.add(k < hit)
            e2e.add(k < hit and found)
        for k in range(len(shown)):
            precision.add(k < ok)


# --- reliability ---------------------------------------------------------------------------


def reliability(pairs: list[tuple[float, bool]], bins: int = 10) -> tuple[list[tuple[float, float, float, int]], float]:
    """Rows (low, mean stated, observed, count) per equal-width bin, and the expected
    calibration error (count-weighted mean gap between stated and observed)."""
    rows: list[tuple[float, float, float, int]] = []
    error = 0.0
    for k in range(bins):
        low, high = k / bins, (k + 1) / bins
        inside = [(p, ok) for p, ok in pairs if low <= p < high or (k == bins - 1 and p == 1.0)]
        if not inside:
            continue
        stated = sum(p for p, _ in inside) / len(inside)
        observed = sum(ok for _, ok in inside) / len(inside)
        rows.append((low, stated, observed, len(inside)))
        error += len(inside) / len(pairs) * abs(stated - observed)
    return rows, error


def confidence_pairs(
    scenarios: list[Scenario], noise: list[Doc], prediction: Prediction
) -> dict[str, list[tuple[float, bool]]]:
    """(stated probability, was it right) for every parent edge and every origin stated, in
    predicted groups of two or more."""
    truth_parent = {d.id: d.parent for s in scenarios for d in s.docs}
    truth_parent.update({d.id: None for d in noise})
    tree_origin = {d.id: s.origin for s in scenarios for d in members(s)}
    # Only where there was a choice: an article alone in its predicted group is trivially
    # its own origin at confidence 1.
    sizes = Counter(prediction.group.values())
    chosen = {i for i in truth_parent if sizes[prediction.group.get(i, i)] > 1}
    parents = [
        (p, prediction.parent.get(child, "?") == truth_parent.get(child))
        for child, p in prediction.parent_confidence.items()
        if child in chosen
    ]
    origins = [
        (p, prediction.origin.get(i) in tree_origin.get(i, {i}))
        for i, p in prediction.origin_confidence.items()
        if i in chosen
    ]
    return {"parent": parents, "origin": origins}


# --- the plain baseline ------------------------------------------------------------------


WIB = timezone(timedelta(hours=7))


def _plain_time(value: str | None) -> datetime | None:
    """What a plain script reads: ISO timestamps (a date alone is midnight, no zone is WIB);
    anything else counts as undated."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=WIB)


def baseline(
    records: list[dict[str, str]], containment: float = 0.5, cosine: float = 0.8, width: int = 5
) -> Prediction:
    """5-gram containment or TF-IDF cosine links records; copy groups are the connected
    components (union-find); the earliest dated member is the origin and every other member's
    parent is the earlier member it shares most 5-grams with (else the origin)."""
    ids = [r["id"] for r in records]
    tokens = [re.findall(r"\w+", r["text"].lower()) for r in records]
    grams = [{hash(tuple(t[k : k + width])) for k in range(len(t) - width + 1)} for t in tokens]
    contain = {
        pair: n / max(1, min(len(grams[pair[0]]), len(grams[pair[1]]))) for pair, n in _shared_grams(grams).items()
    }
    links = {pair for pair, c in contain.items() if c >= containment}
    links |= _cosine_links(tokens, cosine)
    times = [_plain_time(r.get("published")) for r in records]
    prediction = Prediction(group={}, parent={}, origin={})
    for group in _connected(len(ids), links):
        _predict_group(group, ids, times, contain, prediction)
    return prediction


def _shared_grams(grams: list[set[int]]) -> Counter[tuple[int, int]]:
    """5-grams shared by each pair of records (by position), those in over 40 records aside."""
    holders: dict[int, list[int]] = defaultdict(list)
    for k, shingles in enumerate(grams):
        for g in shingles:
            holders[g].append(k)
    shared: Counter[tuple[int, int]] = Counter()
    for owners in holders.values():
        if 1 < len(owners) <= 40:
            for a in range(len(owners)):
                for b in range(a + 1, len(owners)):
                    shared[(owners[a], owners[b])] += 1
    return shared


def _connected(n: int, links: set[tuple[int, int]]) -> list[list[int]]:
    """The connected components of ``n`` records under ``links`` (union-find), each in order."""
    root = list(range(n))

    def find(x: int) -> int:
        while root[x] != x:
            root[x] = root[root[x]]
            x = root[x]
        return x

    for a, b in links:
        root[find(a)] = find(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for k in range(n):
        groups[find(k)].append(k)
    return list(groups.values())


def _predict_group(
    group: list[int],
    ids: list[str],
    times: list[datetime | None],
    contain: dict[tuple[int, int], float],
    prediction: Prediction,
) -> None:
    """One group's answers: the earliest dated member is everyone's origin, and each later
    member's parent is the earlier dated member it shares most 5-grams with."""
    far = datetime.max.replace(tzinfo=WIB)
    order = sorted(group, key=lambda k: (times[k] or far, ids[k]))
    first = order[0]
    for k in group:
        prediction.group[ids[k]] = ids[first]
        prediction.origin[ids[k]] = ids[first]
    prediction.parent[ids[first]] = None
    for position, k in enumerate(order[1:], start=1):
        earlier = [j for j in order[:position] if times[j] is not None]
        best = max(earlier or [first], key=lambda j: contain.get((min(j, k), max(j, k)), 0.0))
        prediction.parent[ids[k]] = ids[best]


def _cosine_links(tokens: list[list[str]], cut: float) -> set[tuple[int, int]]:
    vocabulary: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for k, words in enumerate(tokens):
        for word, n in Counter(words).items():
            rows.append(k)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
            vals.append(1 + math.log(n))
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(len(tokens), len(vocabulary)))
    df = np.bincount(matrix.indices, minlength=len(vocabulary))
    matrix = matrix @ sparse.diags(np.log((1 + len(tokens)) / (1 + df)) + 1)
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A.ravel()
    matrix = sparse.diags(1 / np.maximum(norms, 1e-12)) @ matrix
    similarity = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    return {(int(a), int(b)) for a, b, v in zip(similarity.row, similarity.col, similarity.data) if v >= cut}
