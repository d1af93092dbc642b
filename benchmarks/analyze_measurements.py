"""The measurements of ``bench_analyze.py``, each run in a fresh child process of its own
(``bench_analyze.py --child ingest|warmup|analyze``) so that its peak RSS is its own: ingest of a
crawl folder, the numba warm-up, and an analysis with what it found (and, given the planted truth,
how much of it).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from collections import Counter
from pathlib import Path
from typing import Any


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_ingest(args: argparse.Namespace) -> dict[str, Any]:
    from newstrace import Store, ingest

    started = time.perf_counter()
    report = ingest([str(args.input)], db=args.db, jobs=args.jobs)
    seconds = time.perf_counter() - started
    with Store(args.db) as store:
        dated = dict(
            store.conn.execute(
                "SELECT COALESCE(published_from, 'none'), COUNT(*) FROM articles WHERE is_current=1 GROUP BY 1"
            ).fetchall()
        )
    return {
        "seconds": seconds,
        "added": report.added,
        "rejects": dict(report.reasons()),
        "dated_from": dated,
        "peak_mb": _peak_mb(),
        "workers_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def child_warmup(args: argparse.Namespace) -> dict[str, Any]:
    """Compile (or load from numba's cache) every kernel analysis uses, outside the timings."""
    started = time.perf_counter()
    import numpy as np

    from newstrace.algo.lsh import LshConfig, LshIndex, band_keys
    from newstrace.algo.minhash import MinHashConfig, MinHasher
    from newstrace.algo.shingles import batch_shingle_hashes

    texts = [" ".join(f"kata{i}{j} lain{j}" for j in range(40)) for i in range(16)]
    values, offsets = batch_shingle_hashes(texts, 5)
    signatures = MinHasher.from_config(MinHashConfig()).signatures(values, offsets)
    batch_shingle_hashes(texts, k=1)
    config = LshConfig()
    index = LshIndex(config)
    index.add(np.arange(8, dtype=np.int64), band_keys(signatures[:8], config))
    index.candidate_pairs()
    index.add(np.arange(8, 16, dtype=np.int64), band_keys(signatures[8:], config))
    index.query_pairs(np.arange(8, 16, dtype=np.int64))
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb()}


def _store_counts(db_path: Path) -> dict[str, Any]:
    from newstrace import Store

    with Store(db_path) as store:
        one = lambda sql: store.conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": one("SELECT COUNT(*) FROM articles WHERE is_current=1"),
            "multi_copy_groups": one(
                "SELECT COUNT(*) FROM (SELECT copy_group FROM groups GROUP BY 1 HAVING COUNT(*) > 1)"
            ),
            "largest_copy_group": one(
                "SELECT COALESCE(MAX(c), 0) FROM (SELECT COUNT(*) c FROM groups GROUP BY copy_group)"
            ),
            "largest_story": one("SELECT COALESCE(MAX(c), 0) FROM (SELECT COUNT(*) c FROM groups GROUP BY story)"),
            "largest_storyline": one(
                "SELECT COALESCE(MAX(c), 0) FROM (SELECT COUNT(*) c FROM groups GROUP BY storyline)"
            ),
            "copy_edges": one("SELECT COUNT(*) FROM copy_edges WHERE parent IS NOT NULL"),
            "changes_stored": one("SELECT COUNT(*) FROM changes"),
        }


def _truth_scores(db_path: Path, truth_path: Path) -> dict[str, Any]:
    """How much of the planted structure the analysis found (a sanity check of the corpus)."""
    from newstrace import Store

    truth = {t["id"]: t for t in map(json.loads, truth_path.open(encoding="utf-8"))}
    with Store(db_path) as store:
        groups = {r[0]: (r[1], r[2]) for r in store.conn.execute("SELECT id, copy_group, story FROM groups")}
        parents = dict(store.conn.execute("SELECT child, parent FROM copy_edges").fetchall())
    copies = [t for t in truth.values() if t["parent"] and t["id"] in groups and t["parent"] in groups]
    same_group = [t for t in copies if groups[t["id"]][0] == groups[t["parent"]][0]]
    right_parent = sum(1 for t in same_group if parents.get(t["id"]) == t["parent"])
    sizes = Counter(group for group, _ in groups.values())
    roots_of: dict[str, set[str]] = {}
    for article_id, (group, _) in groups.items():
        if sizes[group] > 1:
            roots_of.setdefault(group, set()).add(truth[article_id]["root"] if article_id in truth else article_id)
    pure = sum(1 for roots in roots_of.values() if len(roots) == 1) / max(len(roots_of), 1)
    originals: dict[int, list[str]] = {}
    for t in truth.values():
        if t["kind"] == "original" and t["id"] in groups:
            originals.setdefault(t["story"], []).append(t["id"])
    story_pairs = [(a, b) for ids in originals.values() for k, a in enumerate(ids) for b in ids[k + 1 :]]
    story_found = sum(1 for a, b in story_pairs if groups[a][1] == groups[b][1])
    return {
        "planted_copies": len(copies),
        "copies_in_parent_group": len(same_group) / max(len(copies), 1),
        "parent_right_when_grouped": right_parent / max(len(same_group), 1),
        "pure_copy_groups": pure,
        "story_original_pairs": len(story_pairs),
        "story_pairs_in_same_story": story_found / max(len(story_pairs), 1),
    }


def _resident_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _workers_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def child_analyze(args: argparse.Namespace) -> dict[str, Any]:
    from newstrace.pipeline import analyze

    stages: list[tuple[str, float]] = []
    memory: dict[str, list[float]] = {}  # per stage: this process's resident and peak MB as it began

    def on_stage(name: str) -> None:
        stages.append((name, time.perf_counter()))
        memory[name] = [_resident_mb(), _peak_mb()]

    profiler = None
    if args.profile_out:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    load_before = os.getloadavg()[0]
    started, cpu_started, workers_started = time.perf_counter(), time.process_time(), _workers_cpu()
    report = analyze(args.db, on_stage=on_stage)
    total, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    workers_cpu = _workers_cpu() - workers_started
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile_out)
    result: dict[str, Any] = {
        "seconds": total,
        # The analysis process, and the processes it forks (claims, pair verification, tracing).
        "cpu_seconds": cpu + workers_cpu,
        "main_cpu_seconds": cpu,
        "workers_cpu_seconds": workers_cpu,
        "peak_mb": _peak_mb(),
        "workers_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "stages": report.seconds,
        "memory_at_stage": memory,
        # The machine is shared: a load above its 2 cores stretches wall time, not CPU time.
        "load": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        # Before the first stage analysis reads every pending article; no stage times that.
        "before_first_stage": (stages[0][1] - started) if stages else total,
        "new_articles": report.new_articles,
        "candidate_pairs": report.candidate_pairs,
        "relations": report.relations,
        "copy_groups": report.copy_groups,
        "stories": report.stories,
        "storylines": report.storylines,
        "traced_groups": report.traced_groups,
        "changes": report.changes,
    }
    if report.new_articles:
        result.update(_store_counts(args.db))
        if args.truth:
            result["truth"] = _truth_scores(args.db, args.truth)
    return result
