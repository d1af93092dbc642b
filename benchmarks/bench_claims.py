"""What claims add to ``analyze``: extraction and linking time against the whole analysis.

Ingests the given inputs into a fresh store (or copies a store already ingested and not
analysed, ``--db``), analyses it once and prints each stage's seconds, the share of claim
extraction and of extraction plus linking, the analysis's CPU seconds, the claim counts
and the peak memory. ``--no-claims`` runs the same analysis with extraction returning no
claims, the baseline for what claims add:

    PYTHONPATH=src python benchmarks/bench_claims.py src/newstrace/sample
    PYTHONPATH=src python benchmarks/bench_claims.py ../shared/data/clickid-dev.jsonl
    PYTHONPATH=src python benchmarks/bench_claims.py --db ingested.db --no-claims
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from newstrace import analyze, ingest


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--db", type=Path, help="a store already ingested and not analysed: analysed on a copy")
    parser.add_argument("--keep", type=Path, help="also keep the ingested, not analysed store here")
    parser.add_argument("--no-claims", action="store_true", help="extract no claims: the baseline")
    args = parser.parse_args()
    if args.no_claims:  # the module, not the function the package exports under the same name
        sys.modules["newstrace.analyze"].extract_claims = lambda text, **_: []  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "claims.db"
        if args.db is not None:
            shutil.copy(args.db, db)
        else:
            started = time.perf_counter()
            ingest(args.inputs, db=db)
            print(f"ingest: {time.perf_counter() - started:.1f} s")
            if args.keep is not None:
                shutil.copy(db, args.keep)
        started, cpu = time.perf_counter(), _cpu()
        report = analyze(db)
        total, cpu = time.perf_counter() - started, _cpu() - cpu
    extraction = report.seconds.get("claims", 0.0)
    linking = report.seconds.get("claim links", 0.0)
    print(f"analyze: {total:.1f} s wall, {cpu:.1f} CPU-s for {report.new_articles} articles; stages: {report.seconds}")
    print(
        f"claim extraction: {extraction:.1f} s = {extraction / total:.1%} of analyze "
        f"({1000 * extraction / max(report.new_articles, 1):.1f} ms per article)"
    )
    print(f"extraction + linking: {extraction + linking:.1f} s = {(extraction + linking) / total:.1%} of analyze")
    print(f"claim occurrences: {report.claims}, distinct claims: {report.claim_ids}")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


if __name__ == "__main__":
    main()
