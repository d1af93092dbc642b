"""What claims add to ``analyze``: extraction and linking time against the whole analysis.

Ingests the given inputs into a fresh store (or reuses one with ``--db`` already ingested and
not analysed), analyses it once and prints each stage's seconds, the share of claim
extraction and of extraction plus linking, the claim counts and the peak memory:

    PYTHONPATH=src python benchmarks/bench_claims.py src/newstrace/sample
    PYTHONPATH=src python benchmarks/bench_claims.py ../shared/data/clickid-dev.jsonl
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from newstrace import analyze, ingest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "claims.db"
        started = time.perf_counter()
        ingest(args.inputs, db=db)
        print(f"ingest: {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        report = analyze(db)
        total = time.perf_counter() - started
    extraction = report.seconds.get("claims", 0.0)
    linking = report.seconds.get("claim links", 0.0)
    print(f"analyze: {total:.1f} s for {report.new_articles} articles; stages: {report.seconds}")
    print(f"claim extraction: {extraction:.1f} s = {extraction / total:.1%} of analyze "
          f"({1000 * extraction / max(report.new_articles, 1):.1f} ms per article)")
    print(f"extraction + linking: {extraction + linking:.1f} s = {(extraction + linking) / total:.1%} of analyze")
    print(f"claim occurrences: {report.claims}, distinct claims: {report.claim_ids}")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


if __name__ == "__main__":
    main()
