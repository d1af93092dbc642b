"""How the full ``analyze`` grows with the corpus: one full analysis per size on
``bench_analyze``'s synthetic crawl (same generator, cached corpora and ingested stores), with
stage times, peak memory and the growth exponent between consecutive sizes.

    PYTHONPATH=src python benchmarks/analyze_growth.py --sizes 5000,10000,20000,40000

The exponent between sizes n1 < n2 is log(t2 / t1) / log(n2 / n1) on CPU seconds (the machine
is shared, so wall time stretches with the load); 1.0 is linear. ``--profile`` writes each
run's hot spots beside its store.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_analyze  # noqa: E402
import synthetic_crawl  # noqa: E402


def full_analysis(n: int, options: argparse.Namespace) -> dict[str, Any]:
    sys.argv = [
        bench_analyze.__file__,
        "--n",
        str(n),
        "--data",
        str(options.data),
        "--workdir",
        str(options.workdir),
        "--days",
        str(options.days),
    ]
    args = bench_analyze.parse_args()
    args.workdir, args.data = args.workdir.resolve(), args.data.resolve()
    folder, meta, _ = bench_analyze.prepare(args)
    runs = folder / "runs"
    runs.mkdir(exist_ok=True)
    bench_analyze.run_child("warmup", args)
    bench_analyze.copy_store(folder / "ingested.db", runs / "growth.db")
    profile = runs / "growth.prof" if options.profile else None
    bench_analyze.log(f"full analysis of {meta['store']:,} articles ...")
    result = bench_analyze.run_child(
        "analyze", args, db=runs / "growth.db", truth=folder / "truth.jsonl", profile_out=profile
    )
    if profile is not None and profile.exists():
        bench_analyze.write_hot_spots(profile, profile.with_suffix(".txt"))
        bench_analyze.log(f"hot spots: {profile.with_suffix('.txt')}")
    bench_analyze.remove_store(runs / "growth.db")
    result["articles"] = meta["store"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="5000,10000,20000,40000", help="corpus sizes, comma-separated")
    parser.add_argument("--data", type=Path, default=synthetic_crawl.DEFAULT_DATA)
    parser.add_argument("--workdir", type=Path, default=synthetic_crawl.DEFAULT_WORKDIR)
    parser.add_argument("--days", type=float, default=180.0)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    options = parser.parse_args()
    rows = []
    for n in (int(s) for s in options.sizes.split(",")):
        result = full_analysis(n, options)
        if "error" in result:
            raise SystemExit(f"analysis of {n:,} failed: {result['error']}")
        rows.append(result)
        bench_analyze.log(
            f"{result['articles']:,} articles: {result['seconds']:.1f}s wall, {result['cpu_seconds']:.1f} "
            f"CPU-s ({result.get('workers_cpu_seconds', 0):.1f} in workers), peak {result['peak_mb']:.0f} MB "
            f"(workers {result.get('workers_peak_mb', 0):.0f} MB each at most), stages {json.dumps(result['stages'])}"
        )
    print(
        "\n| articles | wall s | CPU s (workers) | peak MB (workers) | candidate pairs | exponent (CPU) | slowest stages |"
    )
    print("|---|---|---|---|---|---|---|")
    previous: dict[str, Any] | None = None
    for r in rows:
        exponent = (
            ""
            if previous is None
            else f"{math.log(r['cpu_seconds'] / previous['cpu_seconds']) / math.log(r['articles'] / previous['articles']):.2f}"
        )
        stages = sorted(r["stages"].items(), key=lambda kv: -kv[1])[:3]
        print(
            f"| {r['articles']:,} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} ({r.get('workers_cpu_seconds', 0):.1f}) "
            f"| {r['peak_mb']:.0f} ({r.get('workers_peak_mb', 0):.0f}) | "
            f"{r['candidate_pairs']:,} | {exponent} | {', '.join(f'{k} {v:.1f}s' for k, v in stages)} |"
        )
        previous = r
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        overall = math.log(last["cpu_seconds"] / first["cpu_seconds"]) / math.log(last["articles"] / first["articles"])
        print(f"\nGrowth exponent {first['articles']:,} -> {last['articles']:,} (CPU seconds): {overall:.2f}")
    for r in rows:
        if "truth" in r:
            print(f"{r['articles']:,}: truth {json.dumps(r['truth'])}")
    if options.json:
        options.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
