"""Analysis benchmark: full and incremental `analyze` on a realistic crawl of N articles.

Targets checked:
  1. grouping and tracing 100,000 articles takes minutes on this machine (time and memory);
  2. adding 1% new articles to a store of 100,000 costs under 5% of a full rebuild.

The corpus is synthetic but made of real text: sentences are re-assembled from 4-8 word
chunks of the 7,400 clickid-dev articles, so the vocabulary, numbers, names and quirks are
real while two unrelated articles do not share whole sentences by accident (at 100,000
articles whole real sentences would each recur ~15 times and chain everything together).
A *story* draws most chunks from one real article (its topic), so the 1-4 outlets that
report the same event write alike without copying. Each original may then be copied, and
copies copied again: new leads, dropped, truncated and added sentences, changed numbers,
light word edits, "Baca juga:" and credit lines, edited titles; some copies are verbatim
reprints. Ids, outlets, titles and publication times (over ``--days`` days, dates in the
text rewritten to match; ``--undated`` of records without a time) are distinct per record.
Records are written as JSON Lines, one file per crawl day.

The newest 1% by crawl time (a new crawl, with its share of undated records) is held out.
The rest is ingested once into a cached store; each measurement runs in its own child
process (peak RSS from getrusage) on a fresh copy of the store it needs:

  (a)  full analysis of the 99%;
  (b)  ingest of the held-out 1%, then incremental analysis;
  (c)  analysis again with nothing new (must be a near no-op);
  (b') the increment again without its undated records (``--no-what-if`` skips it).

    PYTHONPATH=src python3 benchmarks/bench_analyze.py --n 20000
    PYTHONPATH=src python3 benchmarks/bench_analyze.py --n 100000
    PYTHONPATH=src python3 benchmarks/bench_analyze.py --n 20000 --reuse-full --profile

``--reuse-full`` reuses the store analysed by an earlier (a), and its figures, and measures
only (b), (c) and (b'); ``--profile`` runs the analyses under cProfile (timings inflated,
never cached as the reference) and writes the hot spots to the work directory. The work
directory keeps the corpus, the stores and results*.json per N and seed; delete a corpus
folder to regenerate it. The machine may be shared: CPU seconds and the load average are
printed next to wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from analyze_measurements import child_analyze, child_ingest, child_warmup
from analyze_report import print_report
from synthetic_crawl import DEFAULT_DATA, DEFAULT_WORKDIR, build_corpus, corpus_dir

REPO = Path(__file__).resolve().parents[1]


# -- parent ------------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def run_child(mode: str, args: argparse.Namespace, timeout: float | None = None, **options: Any) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", mode]
    for key, value in options.items():
        if value is not None:
            command += [f"--{key.replace('_', '-')}", str(value)]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(REPO / "src"), env.get("PYTHONPATH", "")] if p)
    started = time.perf_counter()
    try:
        completed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f}s"}
    if completed.returncode != 0:
        tail = completed.stderr.strip().splitlines()[-5:] if completed.stderr else ["failed"]
        return {"error": " | ".join(tail)}
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    result["process_seconds"] = time.perf_counter() - started  # with interpreter start and imports
    return result


def remove_store(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def copy_store(source: Path, target: Path) -> None:
    """A byte copy of a closed store (its WAL, if any, goes along)."""
    remove_store(target)
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(source) + suffix)
        if part.exists():
            shutil.copyfile(part, Path(str(target) + suffix))


def write_hot_spots(profile: Path, out: Path, top: int = 40) -> None:
    import io
    import pstats

    buffer = io.StringIO()
    stats = pstats.Stats(str(profile), stream=buffer).strip_dirs()
    for key in ("cumulative", "tottime"):
        buffer.write(f"\n==== by {key} ====\n")
        stats.sort_stats(key).print_stats(top)
    out.write_text(buffer.getvalue())


def prepare(args: argparse.Namespace) -> tuple[Path, dict[str, Any], dict[str, Any]]:
    folder = corpus_dir(args)
    if (folder / "meta.json").exists():
        meta = json.loads((folder / "meta.json").read_text())
        log(f"corpus cached in {folder}")
    else:
        log(f"generating {args.n:,} articles into {folder} ...")
        meta = build_corpus(args, folder)
        log(f"corpus generated in {meta['seconds']:.0f}s")
    ingest_info = folder / "ingest.json"
    if (folder / "ingested.db").exists() and ingest_info.exists():
        ingested = json.loads(ingest_info.read_text())
        log("ingested store cached")
    else:
        log(f"ingesting {meta['store']:,} articles (jobs={args.jobs}) ...")
        scratch = folder / "ingesting.db"
        remove_store(scratch)  # a half-written one from an interrupted run
        ingested = run_child("ingest", args, input=folder / "crawl", db=scratch, jobs=args.jobs)
        if "error" in ingested:
            raise SystemExit(f"ingest failed: {ingested['error']}")
        if ingested["added"] < 0.95 * meta["store"]:
            raise SystemExit(f"ingest added only {ingested['added']:,} of {meta['store']:,}: {ingested['rejects']}")
        copy_store(scratch, folder / "ingested.db")
        remove_store(scratch)
        ingest_info.write_text(json.dumps(ingested, indent=1))
        log(f"ingested in {ingested['seconds']:.0f}s")
    return folder, meta, ingested


def code_version() -> dict[str, Any]:
    """Which package code was measured: the tree is shared and changes between runs."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted((REPO / "src" / "newstrace").rglob("*.py")):
        digest.update(path.read_bytes())

    def git(*command: str) -> str:
        try:
            return subprocess.run(["git", "-C", str(REPO), *command], capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.TimeoutExpired):
            return ""

    dirty = [line[3:] for line in git("status", "--porcelain", "--", "src").splitlines()]
    return {
        "head": git("rev-parse", "--short", "HEAD").strip(),
        "src_sha256": digest.hexdigest()[:12],
        "uncommitted": dirty,
    }


def measure(args: argparse.Namespace) -> dict[str, Any]:
    folder, meta, ingested = prepare(args)
    (folder / "runs").mkdir(exist_ok=True)
    profile_dir = folder / "profiles" if args.profile else None
    if profile_dir:
        profile_dir.mkdir(exist_ok=True)
    results: dict[str, Any] = {
        "meta": meta,
        "ingest": ingested,
        "n": args.n,
        "seed": args.seed,
        "profiled": bool(args.profile),
        "code": code_version(),
    }
    results["warmup"] = run_child("warmup", args)
    log(f"numba kernels ready in {results['warmup'].get('seconds', float('nan')):.1f}s")
    analysed = full_analysis(args, folder, results, profile_dir)
    if analysed is None:
        return results
    incremental_analysis(args, folder, analysed, results, profile_dir)
    if args.what_if and "error" not in results["incremental"]:
        dated_increment(args, folder, analysed, results, profile_dir)
    for name in ("full", "incremental", "incremental-dated"):
        path = _profile_path(profile_dir, name)
        if path is not None and path.exists():
            write_hot_spots(path, path.with_suffix(".txt"))
            log(f"hot spots of the {name} run: {path.with_suffix('.txt')}")
    suffix = "-profiled" if args.profile else ""
    (folder / f"results{suffix}.json").write_text(json.dumps(results, indent=1))
    return results


def _profile_path(profile_dir: Path | None, name: str) -> Path | None:
    return profile_dir / f"{name}.prof" if profile_dir else None


def full_analysis(
    args: argparse.Namespace, folder: Path, results: dict[str, Any], profile_dir: Path | None
) -> Path | None:
    """(a), or with ``--reuse-full`` the store and figures of an earlier one: the analysed
    store to add the held-out part to, or None when the analysis failed."""
    analysed = folder / "analysed.db"
    if args.reuse_full and analysed.exists() and (folder / "full.json").exists():
        results["full"] = json.loads((folder / "full.json").read_text())
        results["full"]["reused"] = True
        log("full analysis: reusing the cached analysed store and its figures")
        return analysed
    runs = folder / "runs"
    copy_store(folder / "ingested.db", runs / "full.db")
    log(f"(a) full analysis of {results['meta']['store']:,} articles ...")
    results["full"] = run_child(
        "analyze",
        args,
        timeout=args.timeout,
        db=runs / "full.db",
        truth=folder / "truth.jsonl",
        profile_out=_profile_path(profile_dir, "full"),
    )
    if "error" in results["full"]:
        log(f"full analysis failed: {results['full']['error']}")
        return None
    results["full"]["code"] = results["code"]
    if not args.profile:  # profiled figures are inflated: never cache them as the reference
        copy_store(runs / "full.db", analysed)
        (folder / "full.json").write_text(json.dumps(results["full"], indent=1))
    log(f"full analysis: {results['full']['seconds']:.0f}s, peak {results['full']['peak_mb']:.0f} MB")
    return runs / "full.db"


def incremental_analysis(
    args: argparse.Namespace, folder: Path, analysed: Path, results: dict[str, Any], profile_dir: Path | None
) -> None:
    """(b) the held-out part ingested into a copy of the analysed store and analysed, then
    (c) the analysis again with nothing new."""
    runs = folder / "runs"
    copy_store(analysed, runs / "incremental.db")
    log(f"(b) ingesting the held-out {results['meta']['heldout']:,} ...")
    results["heldout_ingest"] = run_child(
        "ingest", args, input=folder / "heldout", db=runs / "incremental.db", jobs=args.jobs
    )
    log("(b) incremental analysis ...")
    results["incremental"] = run_child(
        "analyze",
        args,
        timeout=args.timeout,
        db=runs / "incremental.db",
        truth=folder / "truth.jsonl",
        profile_out=_profile_path(profile_dir, "incremental"),
    )
    if "error" not in results["incremental"]:
        log(f"incremental analysis: {results['incremental']['seconds']:.1f}s")
        log("(c) analysis with nothing new ...")
        results["noop"] = run_child(
            "analyze",
            args,
            timeout=args.timeout,
            db=runs / "incremental.db",
            profile_out=_profile_path(profile_dir, "noop"),
        )


def dated_increment(
    args: argparse.Namespace, folder: Path, analysed: Path, results: dict[str, Any], profile_dir: Path | None
) -> None:
    """(b') the same increment without its undated records: what it would cost if an undated
    article did not make analysis search (and rebuild match data for) the whole store."""
    runs = folder / "runs"
    dated = dated_heldout(folder)
    copy_store(analysed, runs / "incremental-dated.db")
    results["heldout_dated_ingest"] = run_child(
        "ingest", args, input=dated, db=runs / "incremental-dated.db", jobs=args.jobs
    )
    log("(b') incremental analysis, held-out records with a time only ...")
    results["incremental_dated"] = run_child(
        "analyze",
        args,
        timeout=args.timeout,
        db=runs / "incremental-dated.db",
        profile_out=_profile_path(profile_dir, "incremental-dated"),
    )
    if "error" not in results["incremental_dated"]:
        log(f"incremental analysis (dated only): {results['incremental_dated']['seconds']:.1f}s")


def dated_heldout(folder: Path) -> Path:
    """The held-out days with their undated records left out, written once."""
    dated = folder / "heldout-dated"
    if not dated.exists():
        scratch = folder / "heldout-dated.tmp"
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir()
        for day in sorted((folder / "heldout").glob("*.jsonl")):
            lines = [line for line in day.open(encoding="utf-8") if "published" in json.loads(line)]
            (scratch / day.name).write_text("".join(lines), encoding="utf-8")
        scratch.rename(dated)
    return dated


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="articles in the corpus, held-out share included")
    parser.add_argument("--seed", type=int, default=20190910)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="clickid-dev.jsonl")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR, help="cache of corpora, stores and runs")
    parser.add_argument("--days", type=float, default=180.0, help="span of publication times")
    parser.add_argument("--undated", type=float, default=0.03, help="share of records without a time")
    parser.add_argument("--holdout", type=float, default=0.01, help="share held out for the incremental run")
    parser.add_argument("--jobs", type=int, default=2, help="ingest worker processes")
    parser.add_argument("--timeout", type=float, default=None, help="seconds allowed per analysis")
    parser.add_argument(
        "--reuse-full",
        action="store_true",
        help="reuse the store analysed by an earlier full run; measure only (b) and (c)",
    )
    parser.add_argument("--profile", action="store_true", help="run analyses under cProfile")
    parser.add_argument(
        "--no-what-if",
        dest="what_if",
        action="store_false",
        help="skip (b'): the increment again without its undated records",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--truth", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.child:
        handler = {"ingest": child_ingest, "analyze": child_analyze, "warmup": child_warmup}[args.child]
        print(json.dumps(handler(args)))
        return
    args.workdir = args.workdir.resolve()
    args.data = args.data.resolve()
    print_report(measure(args))


if __name__ == "__main__":
    main()
