"""What claims add to ``analyze``: the same analysis with and without claim extraction.

Ingests the given inputs into a fresh store (or copies a store already ingested and not
analysed, ``--db``), then analyses two copies of it in fresh processes: one as a user runs it,
one with extraction returning no claims (the baseline). Prints, for each, the wall time, the
CPU seconds (the analysis process and its claim worker), each stage's seconds, the claim
counts and the peak memory of each process; then what claims add, in wall time and in CPU.
``--claim-workers 0`` extracts in the analysis process, after verification:

    PYTHONPATH=src python benchmarks/bench_claims.py src/newstrace/sample
    PYTHONPATH=src python benchmarks/bench_claims.py ../shared/data/clickid-dev.jsonl
    PYTHONPATH=src python benchmarks/bench_claims.py --db ingested.db --claim-workers 0
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from newstrace import ingest


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _analyse(db: Path, workers: int, claims: bool) -> None:
    """One analysis in this process; prints its figures as one JSON line."""
    from newstrace import analyze
    from newstrace.analyze import AnalyzeConfig

    if not claims:  # the name the worker module calls, so the worker, forked later, sees it too
        sys.modules["newstrace.claim_worker"].extract_claims = lambda text, **_: []  # type: ignore[attr-defined]
    config = replace(AnalyzeConfig(), claim_workers=workers)
    started, own, children = time.perf_counter(), _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    report = analyze(db, config=config)
    figures = {
        "wall": time.perf_counter() - started,
        "cpu": _cpu(resource.RUSAGE_SELF) - own,
        "worker_cpu": _cpu(resource.RUSAGE_CHILDREN) - children,
        "articles": report.new_articles,
        "stages": report.seconds,
        "claims": report.claims,
        "claim_ids": report.claim_ids,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
    }
    print(json.dumps(figures))


def _run(db: Path, folder: Path, workers: int, claims: bool) -> dict[str, Any]:
    """The analysis of a fresh copy of ``db`` in a fresh process, so memory is its own."""
    copy = folder / ("with.db" if claims else "without.db")
    shutil.copy(db, copy)
    command = [sys.executable, __file__, "--analyse", str(copy), "--claim-workers", str(workers)]
    output = subprocess.run(command + ([] if claims else ["--no-claims"]), check=True, capture_output=True, text=True)
    figures: dict[str, Any] = json.loads(output.stdout.strip().splitlines()[-1])
    return figures


def _print(label: str, f: dict[str, Any]) -> None:
    print(
        f"{label}: {f['wall']:.1f} s wall, {f['cpu']:.1f} CPU-s + {f['worker_cpu']:.1f} in the claim worker, "
        f"{f['articles']} articles, {f['claims']} claim occurrences ({f['claim_ids']} claims), "
        f"peak {f['peak_mb']} MB (worker {f['worker_peak_mb']} MB)"
    )
    print(f"  stages: {f['stages']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--db", type=Path, help="a store already ingested and not analysed: analysed on copies")
    parser.add_argument("--keep", type=Path, help="also keep the ingested, not analysed store here")
    parser.add_argument("--claim-workers", type=int, default=1, help="processes extracting claims beside matching")
    parser.add_argument("--analyse", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-claims", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.analyse is not None:
        _analyse(args.analyse, args.claim_workers, not args.no_claims)
        return
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = folder / "ingested.db"
        if args.db is not None:
            shutil.copy(args.db, db)
        else:
            started = time.perf_counter()
            ingest(args.inputs, db=db)
            print(f"ingest: {time.perf_counter() - started:.1f} s")
            if args.keep is not None:
                shutil.copy(db, args.keep)
        without = _run(db, folder, args.claim_workers, claims=False)
        with_claims = _run(db, folder, args.claim_workers, claims=True)
    _print("without claims", without)
    _print("with claims", with_claims)
    wall = float(with_claims["wall"]) / float(without["wall"]) - 1
    cpu_with = float(with_claims["cpu"]) + float(with_claims["worker_cpu"])
    cpu_without = float(without["cpu"]) + float(without["worker_cpu"])
    print(f"claims add {wall:+.1%} wall time and {cpu_with / cpu_without - 1:+.1%} CPU time to analyze")


if __name__ == "__main__":
    main()
