"""Grouping and tracing at scale: regroup a whole analysed store and retrace every copy group.

Matching is left out: the store's relations are read back, all articles are grouped into
copy groups, stories and storylines again, every copy group of two or more is traced and its
changes are diffed, and everything is written back (``analyze(regroup=True)``, the same as
``newstrace analyze --regroup``). The store is copied first, so the input stays as it was.

By default the store is the 100,000-article crawl analysed by ``bench_analyze.py --n 100000``
(run that first); any analysed store can be given with ``--db``.

  PYTHONPATH=src python3 benchmarks/bench_group_trace.py
  PYTHONPATH=src python3 benchmarks/bench_group_trace.py --db my-analysed.db
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from newstrace import Store
from newstrace.pipeline import analyze

DEFAULT_DB = Path(__file__).resolve().parent / "out" / "analyze-n100000-seed20190910-d180-v2" / "analysed.db"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="an analysed store (not modified)")
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(
            f"{args.db} not found: run `PYTHONPATH=src python3 benchmarks/bench_analyze.py --n 100000` "
            "first, or pass --db with an analysed store",
            file=sys.stderr,
        )
        return 2
    with tempfile.TemporaryDirectory(dir=args.db.parent) as work:
        db = Path(work) / "regroup.db"
        with Store(args.db) as source:  # a consistent copy, whatever the WAL holds
            source.conn.execute("VACUUM INTO ?", (str(db),))
        with Store(db) as store:
            articles = store.conn.execute("SELECT COUNT(*) FROM articles WHERE is_current=1").fetchone()[0]
            relations = store.conn.execute("SELECT COUNT(*) FROM relations").fetchone()[0]
        wall, cpu = time.perf_counter(), time.process_time()
        report = analyze(db, regroup=True)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"store: {args.db} ({articles:,} articles, {relations:,} relations)")
    print(
        f"copy groups {report.copy_groups:,} ({report.traced_groups:,} traced), stories "
        f"{report.stories:,}, storylines {report.storylines:,}, changes {report.changes:,}"
    )
    print("| stage | seconds |\n|---|---|")
    for name, seconds in report.seconds.items():
        print(f"| {name} | {seconds:.1f} |")
    print(f"| total (wall) | {wall:.1f} |\n| total (CPU) | {cpu:.1f} |")
    print(f"peak RSS {peak_mb:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
