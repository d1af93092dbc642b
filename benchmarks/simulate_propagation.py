"""Simulate how stories propagate between outlets, then score grouping, tracing and diffing.

Real articles (CLICK-ID dev set, cleaned as the pipeline cleans them) are grown into copy
trees with the edits outlets make: a new lead, an outlet dateline ("TRIBUNNEWS.COM - "),
related-link lines ("Baca juga: ..."), dropped, added and reworded sentences, changed numbers,
hedges, quotes and attributions, an inserted clause, a truncated tail, background appended
from another article; copies of copies; missing publication times (15% of versions); and trees
whose root is absent (15%: a wire story copied by siblings, published within 90 minutes).
The trees are mixed with untouched unrelated articles and the truth is recorded. With
``--borrowers N`` and ``--digests M``, N unrelated articles get 1 to 3 sentences of a tree's
version as a background recap ("Diberitakan sebelumnya, ..."), published after it, and M digest
pages carry the first two sentences of three trees' roots: each stays a group of its own in
the truth (borrowing is not copying).

With ``--time-modes`` the times are degraded as real pages degrade them (drawn from a random
stream of their own, so the trees themselves stay the same): a time that names only the day
(date-only metadata, 15% of dated versions), a version whose only date is a day named in its
body, the event's day or the day before (10% of dated versions and 40% of undated ones),
times written in WITA or WIT (20%), and copies that name the outlet they copied (25% of copies
of a present version). The truth keeps the real times.

The trees are grown by ``propagation_plant.py``; this file scores them.

Scores:
  ari                 copy-group ARI over all documents (grouping is pluggable: --grouper)
  parent_accuracy     predicted parent of every copy (an id, or an unknown source)
  origin_accuracy     the tree's origin as the export gives it: the earliest known version
                      (the root; for a wire tree, the earliest dated version, or when none is
                      dated, any version copying the absent source)
  absent_source       wire trees traced to an unknown source (recall), and trees with their
                      root present that were not (specificity)
  change_recall       planted changes recovered by diff_articles on the true edges: right
                      kind, right tag where one was planted, matching text
  change_precision    substantive predicted changes that match a planted one
  *_end_to_end        the same on the predicted edges (a wrong parent loses its changes)
Breakdowns: parent accuracy where the true parent's text is unique vs where another earlier
version has the very same text (then no text can tell them apart); origin accuracy for trees
whose root is dated (to the minute, or with --time-modes to the day only, or by a body date),
undated, or absent, and apart for trees whose undated root has a verbatim copy (nothing tells
which of the two came first); with --time-modes also for trees with a root dated to the minute
and a copy that is undated or dated only by its body.

Run from the repository root (seeded, reproducible):
  PYTHONPATH=src python3 benchmarks/simulate_propagation.py --seed 7 --trees 200 --noise 400
"""

from __future__ import annotations

import argparse
import importlib
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from propagation_plant import (
    UNKNOWN,
    Grouper,
    Planted,
    Source,
    Tree,
    Version,
    build,
    group_by_shared_sentences,
    group_by_shared_word_runs,  # noqa: F401  (still found under this name by --grouper)
    load_sources,
    outlet_host,
)
from rapidfuzz.distance import LCSseq
from scipy.special import comb

from newstrace.algo.align import is_chrome_sentence, strip_dateline
from newstrace.algo.tokens import tokenize
from newstrace.changes import diff_articles, is_substantive
from newstrace.clean import split_sentences
from newstrace.model import Change
from newstrace.trace import TraceItem, trace_group

# The tracer before time precision took only (id, published, outlet, sentences).
_PRECISE_ITEMS = "precision" in getattr(TraceItem, "__dataclass_fields__", {})

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "clickid-dev.jsonl"


# --- scoring ---------------------------------------------------------------------------------


def adjusted_rand_index(truth: list[str], predicted: list[str]) -> float:
    """ARI from the contingency table (same as sklearn's adjusted_rand_score)."""
    _, t = np.unique(truth, return_inverse=True)
    _, p = np.unique(predicted, return_inverse=True)
    table = np.zeros((t.max() + 1, p.max() + 1), dtype=np.int64)
    np.add.at(table, (t, p), 1)
    pairs = comb(table, 2).sum()
    rows, cols = comb(table.sum(1), 2).sum(), comb(table.sum(0), 2).sum()
    expected = rows * cols / comb(len(truth), 2)
    maximum = (rows + cols) / 2
    return 1.0 if maximum == expected else float((pairs - expected) / (maximum - expected))


def _similar(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    ta, tb = tokenize(a), tokenize(b)
    if not ta or not tb:
        return ta == tb
    return bool(LCSseq.similarity(ta, tb) / min(len(ta), len(tb)) >= 0.8)


def match_changes(planted: list[Planted], predicted: list[Change]) -> tuple[int, int, list[Planted]]:
    """(planted recovered, substantive predicted that match a planted change, missed)."""
    substantive = [c for c in predicted if is_substantive(c)]
    used: set[int] = set()
    missed: list[Planted] = []
    for plant in planted:
        found = None
        for k, change in enumerate(substantive):
            if k in used or change.kind != plant.kind:
                continue
            if plant.tag not in (None, "wording") and plant.tag not in change.tags:
                continue
            if _similar(plant.old, change.old) and _similar(plant.new, change.new):
                found = k
                break
        if found is None:
            missed.append(plant)
        else:
            used.add(found)
    return len(planted) - len(missed), len(used), missed


@dataclass(slots=True)
class Scores:
    figures: dict[str, float] = field(default_factory=dict)
    timing: dict[str, float] = field(default_factory=dict)
    breakdown: dict[str, tuple[int, int]] = field(default_factory=dict)  # (hits, total)
    missed: Counter[str] = field(default_factory=Counter)
    spurious: Counter[str] = field(default_factory=Counter)


def plant_borrowers(
    trees: list[Tree], unrelated: list[Source], borrowers: int, digests: int, rng: random.Random
) -> tuple[list[Source], list[str]]:
    """Recaps of 1 to 3 sentences of a tree's version added to unrelated articles, and digests
    of three roots' leads; returns the sources and the ids of every planted borrower."""
    out = list(unrelated)
    planted: list[str] = []
    dated = [v for t in trees for v in t.versions.values() if v.published is not None and len(v.sentences) > 4]
    for k in range(min(borrowers, len(out))):
        version = rng.choice(dated)
        content = [s for i, s in enumerate(version.sentences) if i not in version.chrome][1:]
        n = rng.randint(1, 3)
        start = rng.randrange(0, max(1, len(content) - n))
        recap = content[start : start + n]
        recap[0] = "Diberitakan sebelumnya, " + recap[0][0].lower() + recap[0][1:]
        source = out[k]
        published = max(source.published, version.published + timedelta(hours=rng.randint(2, 48)))
        out[k] = Source(source.id, source.outlet, source.title, published, source.sentences + recap)
        planted.append(source.id)
    roots = [t.versions[t.root] for t in trees if t.root in t.versions and t.versions[t.root].published]
    for k in range(digests):
        chosen = rng.sample(roots, 3)
        sentences = ["Berikut rangkuman berita pilihan hari ini."]
        for version in chosen:
            sentences += [s for i, s in enumerate(version.sentences) if i not in version.chrome][:2]
        latest = max(v.published for v in chosen if v.published)
        out.append(Source(f"digest-{k}", "digest.example", "Berita pilihan", latest + timedelta(hours=3), sentences))
        planted.append(f"digest-{k}")
    return out, planted


def evaluate(
    trees: list[Tree], unrelated: list[Source], grouper: Grouper, verbose: bool, borrowers: Iterable[str] = ()
) -> Scores:
    scores = Scores()
    docs, truth_group, meta = _documents(trees, unrelated)
    start = time.perf_counter()
    groups = grouper(docs)
    scores.timing["group"] = time.perf_counter() - start
    _score_grouping(groups, docs, truth_group, list(borrowers), scores)
    start = time.perf_counter()
    predicted = _trace_groups(groups, docs, meta)
    scores.timing["trace"] = time.perf_counter() - start
    _score_provenance(trees, docs, predicted.parent, predicted.origin, predicted.absent, scores)
    start = time.perf_counter()
    _score_changes(trees, docs, predicted.parent, scores, verbose)
    scores.timing["diff"] = time.perf_counter() - start
    scores.figures["copy_edges"] = sum(p is not None for t in trees for p in t.parent.values())
    return scores


def _documents(
    trees: list[Tree], unrelated: list[Source]
) -> tuple[dict[str, list[str]], dict[str, str], dict[str, Version]]:
    """Every document's sentences, its true copy group and its version (times, outlet)."""
    docs: dict[str, list[str]] = {}
    truth_group: dict[str, str] = {}
    meta: dict[str, Version] = {}
    for tree in trees:
        for version in tree.versions.values():
            # Through text and back, as the pipeline reads it.
            docs[version.id] = split_sentences("\n\n".join(version.sentences))
            truth_group[version.id] = tree.root
            meta[version.id] = version
    for source in unrelated:
        docs[source.id] = source.sentences
        truth_group[source.id] = source.id
        meta[source.id] = Version(source.id, source.outlet, source.published, [])
    return docs, truth_group, meta


def _score_grouping(
    groups: list[list[str]], docs: dict[str, list[str]], truth_group: dict[str, str], planted: list[str], scores: Scores
) -> None:
    """Copy-group ARI, and the planted borrowers that stayed out of every copy group."""
    predicted_group = {doc_id: str(k) for k, members in enumerate(groups) for doc_id in members}
    ids = list(docs)
    scores.figures["ari"] = adjusted_rand_index([truth_group[i] for i in ids], [predicted_group[i] for i in ids])
    size = Counter(predicted_group.values())
    if planted:
        alone = sum(size[predicted_group[b]] == 1 for b in planted)
        scores.breakdown["borrowers kept out of copy groups"] = (alone, len(planted))


@dataclass(slots=True)
class _Traced:
    """What the tracer says of every document in a group of two or more."""

    parent: dict[str, str | None] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # the first known version
    absent: dict[str, bool] = field(default_factory=dict)  # an unknown source posited


def _trace_groups(groups: list[list[str]], docs: dict[str, list[str]], meta: dict[str, Version]) -> _Traced:
    traced = _Traced()
    for members in groups:
        if len(members) < 2:
            continue
        result = trace_group([_trace_item(m, meta[m], docs[m]) for m in members])
        for edge in result.edges:
            parent = edge.parent
            traced.parent[edge.child] = UNKNOWN if parent and parent.startswith("unknown:") else parent
        for m in members:
            traced.origin[m] = result.first_known or ""
            traced.absent[m] = bool(result.origin and result.origin.startswith("unknown:"))
    return traced


def _trace_item(doc_id: str, version: Version, sentences: list[str]) -> TraceItem:
    host = outlet_host(version.outlet)
    if _PRECISE_ITEMS:
        return TraceItem(doc_id, version.published, host, sentences, version.precision, version.source, version.cited)
    return TraceItem(doc_id, version.published, host, sentences)


@dataclass(slots=True)
class _ChangeTally:
    recovered: int = 0  # planted changes found on the true edges
    planted: int = 0
    predicted_ok: int = 0  # substantive predicted changes that match a planted one
    predicted: int = 0
    end_to_end: int = 0  # planted changes found on true edges the tracer found too


def _score_changes(
    trees: list[Tree],
    docs: dict[str, list[str]],
    predicted_parent: dict[str, str | None],
    scores: Scores,
    verbose: bool,
) -> None:
    """Planted changes recovered by the diff along each true edge, and the predicted changes
    that match one (overall, and end to end where the tracer found the edge)."""
    tally = _ChangeTally()
    for tree in trees:
        by_edge: dict[tuple[str, str], list[Planted]] = defaultdict(list)
        for plant in tree.planted:
            by_edge[(plant.parent, plant.child)].append(plant)
        for (parent_id, child_id), plants in by_edge.items():
            hit = _score_edge(tree, docs, parent_id, child_id, plants, tally, scores, verbose)
            if predicted_parent.get(child_id) == parent_id:
                tally.end_to_end += hit
    scores.figures["change_recall"] = tally.recovered / max(1, tally.planted)
    scores.figures["change_precision"] = tally.predicted_ok / max(1, tally.predicted)
    scores.figures["change_recall_end_to_end"] = tally.end_to_end / max(1, tally.planted)
    scores.figures["planted_changes"] = tally.planted


def _score_edge(
    tree: Tree,
    docs: dict[str, list[str]],
    parent_id: str,
    child_id: str,
    plants: list[Planted],
    tally: _ChangeTally,
    scores: Scores,
    verbose: bool,
) -> int:
    """Diff one true edge against what was planted on it; the planted changes recovered."""
    if parent_id in docs:
        parent_sents = docs[parent_id]
    else:  # a wire sibling: its changes are against the absent source
        assert tree.absent_root is not None
        parent_sents = split_sentences("\n\n".join(tree.absent_root.sentences))
    changes = diff_articles(parent_id, child_id, parent_sents, docs[child_id])
    hit, ok, missed = match_changes(plants, changes)
    substantive = [c for c in changes if is_substantive(c)]
    tally.recovered += hit
    tally.planted += len(plants)
    tally.predicted_ok += ok
    tally.predicted += len(substantive)
    for plant in missed:
        scores.missed[f"{plant.kind}/{plant.tag}"] += 1
        if verbose:
            print("MISSED", plant.kind, plant.tag, "|", plant.old, "=>", plant.new)
    if ok < len(substantive):
        _count_spurious(plants, substantive, scores, verbose)
    return hit


def _count_spurious(plants: list[Planted], substantive: list[Change], scores: Scores, verbose: bool) -> None:
    """Substantive predicted changes like none planted on the edge."""
    matched_texts = {(p.old, p.new) for p in plants}
    for change in substantive:
        if not any(_similar(o, change.old) and _similar(n, change.new) for o, n in matched_texts):
            scores.spurious[f"{change.kind}/{','.join(change.tags)}"] += 1
            if verbose:
                print("SPURIOUS", change.kind, change.tags, "|", change.old, "=>", change.new)


def _content(sentences: list[str]) -> tuple[tuple[str, ...], ...]:
    """A version's text as the tracer sees it: no chrome, no dateline."""
    return tuple(tuple(tokenize(strip_dateline(s)[1])) for s in sentences if not is_chrome_sentence(s))


def _score_provenance(
    trees: list[Tree],
    docs: dict[str, list[str]],
    predicted_parent: dict[str, str | None],
    predicted_origin: dict[str, str],
    predicted_absent: dict[str, bool],
    scores: Scores,
) -> None:
    """Parent and origin accuracy, overall and where text and time can tell at all.

    A copy's parent is *indistinguishable* when another version, not published after the
    copy, has exactly the same text (chrome aside) as the true parent: a copy of a verbatim
    copy reads like a copy of the original.
    """
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for tree in trees:
        content = {v: _content(docs[v]) for v in tree.versions}
        _tally_parents(tree, content, predicted_parent, hits, totals)
        origin = Counter(predicted_origin.get(v, "") for v in tree.versions).most_common(1)[0][0]
        for key in _origin_keys(tree, content):
            totals[key] += 1
            hits[key] += origin in first_known_versions(tree)
        absent = Counter(predicted_absent.get(v, False) for v in tree.versions).most_common(1)[0][0]
        key = "absent source: wire trees found" if tree.wire else "absent source: none posited"
        totals[key] += 1
        hits[key] += absent == tree.wire
    _provenance_figures(hits, totals, scores)


def _tally_parents(
    tree: Tree,
    content: dict[str, tuple[tuple[str, ...], ...]],
    predicted_parent: dict[str, str | None],
    hits: Counter[str],
    totals: Counter[str],
) -> None:
    """Parent accuracy of a tree's copies: all, and apart where a twin of the parent came first."""
    for child, parent in tree.parent.items():
        if parent is None:
            continue
        twins = parent != UNKNOWN and any(
            other not in (parent, child)
            and content[other] == content[parent]
            and not _later(tree.versions[other].published, tree.versions[child].published)
            for other in tree.versions
        )
        for key in ("all", "indistinguishable" if twins else "distinguishable"):
            totals[key] += 1
            hits[key] += predicted_parent.get(child, "?") == parent


def _origin_keys(tree: Tree, content: dict[str, tuple[tuple[str, ...], ...]]) -> list[str]:
    """The origin figures a tree counts in: overall, by how its root is dated, and whether
    anything can tell its first version from a verbatim copy of it."""
    kind = "wire (root absent)" if tree.wire else _root_kind(tree.versions[tree.root])
    # Indistinguishable: another version has the very text of the first one and no date
    # says which came first.
    twin = (
        not tree.wire
        and tree.versions[tree.root].published is None
        and any(v != tree.root and content[v] == content[tree.root] for v in tree.versions)
    )
    keys = ["origin", f"origin: {kind}", "origin: indistinguishable" if twin else "origin: distinguishable"]
    if kind == "root dated" and any(v.published is None or v.source == "body" for v in tree.versions.values()):
        keys.append("origin: root dated, a copy undated or body-dated")
    return keys


def _provenance_figures(hits: Counter[str], totals: Counter[str], scores: Scores) -> None:
    scores.figures["parent_accuracy"] = hits["all"] / max(1, totals["all"])
    scores.figures["origin_accuracy"] = hits["origin"] / max(1, totals["origin"])
    for key in ("distinguishable", "indistinguishable"):
        scores.breakdown[f"parent: {key} copies"] = (hits[key], totals[key])
    for kind in (
        "root dated",
        "root dated to the day",
        "root dated by its body",
        "root undated",
        "wire (root absent)",
        "distinguishable",
        "indistinguishable",
        "root dated, a copy undated or body-dated",
    ):
        key = f"origin: {kind}"
        if totals[key]:
            scores.breakdown[f"{key} trees"] = (hits[key], totals[key])
    for key in ("absent source: wire trees found", "absent source: none posited"):
        scores.breakdown[key] = (hits[key], totals[key])


def _root_kind(root: Version) -> str:
    if root.published is None:
        return "root undated"
    if root.source == "body":
        return "root dated by its body"
    return "root dated to the day" if root.precision == "day" else "root dated"


def first_known_versions(tree: Tree) -> set[str]:
    """The earliest known version(s) of a tree: its root; with the root absent, the earliest
    (in truth) of the versions that show a time of publication, or when none does, any version
    that copied the absent source."""
    if not tree.wire:
        return {tree.root}
    dated = [
        (v.true_published or v.published, v.id)
        for v in tree.versions.values()
        if v.published is not None and v.source != "body"
    ]
    if dated:
        return {min(dated)[1]}
    return {v for v, parent in tree.parent.items() if parent == UNKNOWN}


def _later(a: datetime | None, b: datetime | None) -> bool:
    return a is not None and b is not None and a > b


# --- main ------------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--trees", type=int, default=200, help="copy trees to grow")
    parser.add_argument("--noise", type=int, default=400, help="untouched unrelated articles mixed in")
    parser.add_argument(
        "--edit-rate", type=float, default=1.0, help="scale every edit probability (2.0: twice as many edits)"
    )
    parser.add_argument(
        "--grouper",
        default=None,
        metavar="MODULE:FUNCTION",
        help="grouping function taking {id: sentences} and returning lists of "
        "ids (default: shared whole sentences, propagation_plant.py)",
    )
    parser.add_argument(
        "--time-modes",
        action="store_true",
        help="degrade times as pages do: day-only, body dates, zones, named sources",
    )
    parser.add_argument(
        "--borrowers", type=int, default=0, help="unrelated articles given a 1-3 sentence recap of a tree's version"
    )
    parser.add_argument("--digests", type=int, default=0, help="digest pages of three trees' leads")
    parser.add_argument("--verbose", action="store_true", help="print missed/spurious changes")
    return parser


TARGETS = {
    "ari": 0.98,
    "parent_accuracy": 0.90,
    "origin_accuracy": 0.95,
    "change_recall": 0.95,
    "change_precision": 0.90,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    grouper: Grouper = group_by_shared_sentences
    if args.grouper:
        module, _, name = args.grouper.partition(":")
        grouper = getattr(importlib.import_module(module), name)

    rng = random.Random(args.seed)
    start = time.perf_counter()
    sources = load_sources(args.data)
    load_time = time.perf_counter() - start
    start = time.perf_counter()
    time_rng = random.Random(f"time-{args.seed}") if args.time_modes else None
    trees, unrelated = build(sources, args.trees, args.noise, rng, args.edit_rate, time_rng)
    unrelated, borrowers = plant_borrowers(trees, unrelated, args.borrowers, args.digests, rng)
    build_time = time.perf_counter() - start
    scores = evaluate(trees, unrelated, grouper, args.verbose, borrowers)

    versions = sum(len(t.versions) for t in trees)
    print(
        f"trees {len(trees)} ({sum(t.wire for t in trees)} wire), versions {versions}, "
        f"unrelated {len(unrelated)}, seed {args.seed}, edit rate {args.edit_rate}, "
        f"time modes {'on' if args.time_modes else 'off'}"
    )
    print_scores(scores, load_time, build_time)
    return 0


def print_scores(scores: Scores, load_time: float, build_time: float) -> None:
    """The figures against their targets, the breakdowns, timings and the misses by kind."""
    for name, value in scores.figures.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else "ok" if value >= target else "MISSED"
        mark = f"  (target {target:.2f}: {verdict})" if target is not None else ""
        shown = f"{value:.4f}" if isinstance(value, float) else str(value)
        print(f"{name:28s} {shown}{mark}")
    for name, (hits, total) in scores.breakdown.items():
        print(f"  {name:36s} {hits / max(1, total):.4f}  ({hits}/{total})")
    print(
        f"timing: load+split {load_time:.2f}s, simulate {build_time:.2f}s, "
        + ", ".join(f"{k} {v:.2f}s" for k, v in scores.timing.items())
    )
    if scores.missed:
        print("missed by kind/tag:", dict(scores.missed.most_common()))
    if scores.spurious:
        print("spurious by kind/tags:", dict(scores.spurious.most_common(12)))


if __name__ == "__main__":
    sys.exit(main())
