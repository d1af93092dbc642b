"""``newstrace spark dedup`` against the local ``newstrace dedup`` on ``bench_dedup``'s synthetic
crawl (runs of real clickid-dev sentences, a fifth planted reprints), with Spark on 1 and 2
local cores (``local[1]``, ``local[2]``), (text-dedup's Spark MinHash cannot run here: see ``text_dedup_status``).

Each run is a child process. Spark runs first dedup a 200-article warm-up file in the same
session (JVM start, Python workers, kernel loading), then the crawl; the figure is the crawl's
wall time. Recall is the share of planted (original, copy) pairs that end in one cluster, and
"same as local" says whether the Spark output is byte for byte the local output.

    PYTHONPATH=src python benchmarks/bench_spark.py --n 20000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_dedup import THRESHOLD, cluster_recall, write_input  # noqa: E402
from near_duplicate_corpus import DEV_SET, SEED, build_corpus, corpus_stem, save_corpus  # noqa: E402

SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.memory": "2g",
    "spark.sql.adaptive.enabled": "true",
}


def labels_of(lines: list[bytes]) -> list[int]:
    ids: dict[str, int] = {}
    return [ids.setdefault(json.loads(line)["dup_cluster"], len(ids)) for line in lines]


def child_local(path: Path, out: Path, args: argparse.Namespace) -> dict[str, Any]:
    from newstrace.dedup.core import DedupConfig
    from newstrace.dedup.run import dedup_files

    config = DedupConfig(threshold=args.threshold)
    warm = out.with_name("warm.jsonl")
    with open(path, encoding="utf-8") as src, open(warm, "w", encoding="utf-8") as dst:
        dst.writelines(line for _, line in zip(range(200), src))
    dedup_files([str(warm)], out, config=config)
    wall = time.perf_counter()
    report = dedup_files([str(path)], out, config=config)
    return {"wall": time.perf_counter() - wall, "summary": report.summary}


def child_spark(path: Path, out: Path, args: argparse.Namespace) -> dict[str, Any]:
    from newstrace.dedup.core import DedupConfig
    from newstrace.spark.job import session, spark_dedup

    config = DedupConfig(threshold=args.threshold)
    spark = session(args.master, args.partitions, SPARK_CONF)
    spark.sparkContext.setLogLevel("ERROR")
    warm = out.parent / "warm.jsonl"
    with open(path, encoding="utf-8") as src, open(warm, "w", encoding="utf-8") as dst:
        dst.writelines(line for _, line in zip(range(200), src))
    spark_dedup(spark, [str(warm)], str(out.parent / "warm-out"), config=config)
    wall = time.perf_counter()
    report = spark_dedup(spark, [str(path)], str(out), config=config)
    wall = time.perf_counter() - wall
    spark.stop()
    return {"wall": wall, "summary": report.summary}


def run_child(kind: str, path: Path, out: Path, args: argparse.Namespace, master: str = "") -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--child",
        kind,
        "--input",
        str(path),
        "--output",
        str(out),
        "--threshold",
        str(args.threshold),
        "--partitions",
        str(args.partitions),
        "--master",
        master,
    ]
    env = {**os.environ, "NUMBA_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1][:200]}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def text_dedup_status() -> str:
    """Why text-dedup's Spark MinHash is not in the table."""
    # text-dedup 0.4.0 installs only in an environment of its own (it pins rich 13 and brings
    # PySpark 4 and onnxruntime), and its minhash_spark.py imports GraphFrames, whose JVM jar
    # Spark fetches from a Maven repository (--packages) at start: nothing is downloaded here.
    return (
        "not run: its minhash_spark.py needs the GraphFrames jar, which Spark downloads from a Maven "
        "repository at start (offline here), and text-dedup installs only beside PySpark 4 and rich 13"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20_000, help="documents in the crawl")
    parser.add_argument("--data", type=Path, default=DEV_SET)
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--masters", default="local[1],local[2]")
    parser.add_argument("--partitions", type=int, default=8, help="shuffle partitions")
    parser.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "newstrace-bench")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    parser.add_argument("--master", help=argparse.SUPPRESS)
    return parser


def _row(
    args: argparse.Namespace, planted: Any, name: str, result: dict[str, Any], same: str, labels: list[int] | None
) -> str:
    """One line of the table."""
    if "error" in result:
        return f"| {name} | - | - | - | - | {result['error']} |"
    recall = cluster_recall(np.array(labels), planted) if labels else float("nan")
    return (
        f"| {name} | {result['wall']:,.1f} | {args.n / result['wall']:,.0f} | {recall:.3f} | {same} | "
        f"{result['summary']['dropped']:,} dropped |"
    )


def _spark_rows(
    args: argparse.Namespace, path: Path, work: Path, planted: Any, local_bytes: bytes
) -> tuple[list[str], dict[str, float]]:
    """A Spark run per master: its table line, and its wall time when it ran."""
    rows: list[str] = []
    walls: dict[str, float] = {}
    for master in args.masters.split(","):
        out = work / f"spark-{master.removeprefix('local[').removesuffix(']')}"
        result = run_child("spark", path, out, args, master)
        if "error" in result:
            rows.append(_row(args, planted, f"newstrace spark dedup, {master}", result, "-", None))
            continue
        walls[master] = result["wall"]
        produced = b"".join(p.read_bytes() for p in sorted(out.glob("part-*")))
        same = "yes" if produced == local_bytes else "NO"
        rows.append(
            _row(args, planted, f"newstrace spark dedup, {master}", result, same, labels_of(produced.splitlines()))
        )
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(out.parent / "warm-out", ignore_errors=True)
    return rows, walls


def main() -> None:
    args = _parser().parse_args()
    if args.child:
        runner = child_local if args.child == "local" else child_spark
        print(json.dumps(runner(Path(args.input), Path(args.output), args)))
        return
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    stem = corpus_stem(args.cache_dir, args.n)
    if not stem.with_suffix(".offsets.npy").exists():
        save_corpus(build_corpus(args.n, SEED, data=args.data), stem)
    path, planted = write_input(stem, args.n)
    work = Path(tempfile.mkdtemp(prefix="bench-spark-", dir=args.cache_dir))
    print(
        f"\nCrawl: {args.n:,} articles ({path.stat().st_size / 2**20:,.0f} MB of JSON Lines), {len(planted):,} "
        f"planted copies; overlap threshold {args.threshold}; {os.cpu_count()} cores on this machine, "
        f"load average {os.getloadavg()[0]:.1f} at the start."
    )
    local = run_child("local", path, work / "local.jsonl", args)
    local_bytes = (work / "local.jsonl").read_bytes() if "error" not in local else b""
    local_labels = labels_of(local_bytes.splitlines()) if local_bytes else None
    rows = [_row(args, planted, "newstrace dedup (local, one process)", local, "-", local_labels)]
    spark_rows, walls = _spark_rows(args, path, work, planted, local_bytes)
    rows += spark_rows
    rows.append(f"| text-dedup Spark MinHash | - | - | - | - | {text_dedup_status()} |")
    print("\n| run | wall seconds | articles/s | cluster recall | same as local | note |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))
    if len(walls) >= 2:
        first, *others = list(walls)
        for other in others:
            print(f"\nScaling {first} -> {other}: {walls[first] / walls[other]:.2f}x faster")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
