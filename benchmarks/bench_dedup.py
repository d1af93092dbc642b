"""``newstrace dedup`` end to end against datasketch (and datatrove / text-dedup when they are
installed) on one synthetic crawl with planted near-duplicates.

The crawl is ``bench_near_duplicates``'s corpus (runs of real clickid-dev sentences, ~400
words, a fifth of them planted reprints with edits, new leads and chrome lines), written as
JSON Lines. Each tool runs in its own child process on one core (numba and BLAS threads 1):

* newstrace: ``dedup_files`` from the JSON Lines file to a JSON Lines output: reading,
  shingles, MinHash, LSH, verification, clustering, writing; numba compile time excluded
  (a warm-up run on a small file first).
* datasketch: the same algorithm with datasketch's parts (regex words, 5-shingles,
  ``MinHash.generator``, ``MinHashLSH`` with the same bands and rows, verification of every
  candidate on the same overlap estimate, connected components), so that recall is equal by
  construction and the table compares speed and memory.
* datatrove: its MinhashDedup signature/buckets/cluster stages with the same bands and rows,
  run with another interpreter (``--datatrove-python``) because its dependencies would
  replace packages of the main environment; skipped when not given.
* text-dedup is reported as skipped when it does not import (it pins rich 13 and pulls in
  PySpark and onnxruntime).

Recall is the share of planted (original, copy) pairs that end in one cluster.

    PYTHONPATH=src python benchmarks/bench_dedup.py --n 50000 --datasketch-docs 10000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from candidate_stage_measures import current_rss_bytes, peak_rss_bytes, reset_peak_rss  # noqa: E402
from near_duplicate_corpus import DEV_SET, SEED, build_corpus, corpus_stem, load_corpus, save_corpus  # noqa: E402

THRESHOLD = 0.5


def write_input(stem: Path, docs: int) -> tuple[Path, np.ndarray]:
    """The first ``docs`` documents as a JSON Lines crawl, and the planted pairs among them."""
    corpus = load_corpus(stem, docs)
    path = stem.parent / f"{stem.name}-crawl-{docs}.jsonl"
    if not path.exists():
        with open(path, "w", encoding="utf-8") as fh:
            for i, text in enumerate(corpus.texts):
                fh.write(
                    json.dumps(
                        {"id": f"d{i:07d}", "url": f"https://news.example/{i}", "text": text}, ensure_ascii=False
                    )
                    + "\n"
                )
    return path, corpus.planted


def cluster_recall(labels: np.ndarray, planted: np.ndarray) -> float:
    return float((labels[planted[:, 0]] == labels[planted[:, 1]]).mean()) if planted.size else float("nan")


# -- children -------------------------------------------------------------------


def child_newstrace(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    from newstrace.dedup.core import DedupConfig
    from newstrace.dedup.run import dedup_files

    out = Path(args.cache_dir) / f"dedup-out-{os.getpid()}.jsonl"
    warm = Path(args.cache_dir) / f"dedup-warm-{os.getpid()}.jsonl"
    with open(path, encoding="utf-8") as src, open(warm, "w", encoding="utf-8") as dst:
        dst.writelines(line for _, line in zip(range(64), src))
    config = DedupConfig(threshold=args.threshold, num_perm=args.num_perm)
    dedup_files([str(warm)], out, config=config)  # compile the kernels
    reset_peak_rss()
    base = current_rss_bytes()
    cpu = time.process_time()
    wall = time.perf_counter()
    report = dedup_files([str(path)], out, config=config)
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu
    peak = peak_rss_bytes()
    ids: dict[str, int] = {}
    labels = []
    with open(out, encoding="utf-8") as fh:
        for line in fh:
            cluster = json.loads(line)["dup_cluster"]
            labels.append(ids.setdefault(cluster, len(ids)))
    out.unlink()
    warm.unlink()
    return {
        "wall": wall,
        "cpu": cpu,
        "peak_rss": peak,
        "base_rss": base,
        "state_bytes": report.state_bytes,
        "labels": labels,
        "summary": report.summary,
    }


def child_datasketch(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    import re

    from datasketch import LeanMinHash, MinHash, MinHashLSH
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    from newstrace.dedup.core import DedupConfig, Deduplicator, overlap_from_jaccard

    lsh_config = Deduplicator(DedupConfig(threshold=args.threshold)).lsh  # the same bands and rows
    reset_peak_rss()
    base = current_rss_bytes()
    cpu = time.process_time()
    wall = time.perf_counter()
    word = re.compile(r"\w+")
    texts, ids = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            texts.append(record["text"])
            ids.append(record["id"])
    shingles, sizes = [], []
    for text in texts:
        tokens = word.findall(text.lower())
        grams = [" ".join(tokens[i : i + 5]).encode() for i in range(max(len(tokens) - 4, 1))]
        shingles.append(grams)
        sizes.append(len(grams))
    minhashes = [LeanMinHash(m) for m in MinHash.generator(shingles, num_perm=lsh_config.num_perm)]
    del shingles
    lsh = MinHashLSH(num_perm=lsh_config.num_perm, params=(lsh_config.bands, lsh_config.rows))
    with lsh.insertion_session() as session:
        for key, minhash in enumerate(minhashes):
            session.insert(key, minhash, check_duplication=False)
    pairs = set()
    for key, minhash in enumerate(minhashes):
        for other in lsh.query(minhash):
            if other != key:
                pairs.add((min(key, other), max(key, other)))
    size = np.array(sizes)
    verified = [
        (a, b)
        for a, b in sorted(pairs)
        if overlap_from_jaccard(np.array([minhashes[a].jaccard(minhashes[b])]), size[[a]], size[[b]])[0]
        >= args.threshold
    ]
    edges = np.array(verified, np.int64).reshape(-1, 2)
    graph = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(len(texts), len(texts)))
    _, labels = connected_components(graph, directed=False)
    with open(Path(args.cache_dir) / f"datasketch-out-{os.getpid()}.jsonl", "w", encoding="utf-8") as out:
        for record_id, label in zip(ids, labels.tolist()):  # the same kind of output, for fairness
            out.write(json.dumps({"id": record_id, "dup_cluster": int(label)}) + "\n")
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu
    (Path(args.cache_dir) / f"datasketch-out-{os.getpid()}.jsonl").unlink()
    return {"wall": wall, "cpu": cpu, "peak_rss": peak_rss_bytes(), "base_rss": base, "labels": labels.tolist()}


def child_text_dedup(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    import text_dedup  # noqa: F401  # only reached when it imports; see the module docstring

    return {"error": "text-dedup imports, but its runner is not wired into this benchmark yet"}


def child_main(args: argparse.Namespace) -> None:
    path = Path(args.input)
    runner = {"newstrace": child_newstrace, "datasketch": child_datasketch, "text-dedup": child_text_dedup}
    result = runner[args.child](path, args)
    print(json.dumps(result))


# -- parent -----------------------------------------------------------------------


def run_child(tool: str, path: Path, args: argparse.Namespace, num_perm: int | None = None) -> dict[str, Any]:
    env = dict(os.environ, NUMBA_NUM_THREADS="1", OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parents[1] / "src"), env.get("PYTHONPATH", "")])
    command = [
        sys.executable,
        __file__,
        "--child",
        tool,
        "--input",
        str(path),
        "--threshold",
        str(args.threshold),
        "--cache-dir",
        str(args.cache_dir),
        "--num-perm",
        str(num_perm or args.num_perm),
    ]
    print(f"  running {tool} on {path.name} ...", file=sys.stderr, flush=True)
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        last = completed.stderr.strip().splitlines()[-1] if completed.stderr.strip() else ""
        return {"error": last or f"exit status {completed.returncode}"}
    return json.loads(completed.stdout.strip().splitlines()[-1])


def run_datatrove(stem: Path, docs: int, args: argparse.Namespace) -> dict[str, Any]:
    """datatrove through ``bench_near_duplicates``'s runner, with the interpreter that has it."""
    from newstrace.dedup.core import lsh_threshold

    env = dict(os.environ, NUMBA_NUM_THREADS="1", OMP_NUM_THREADS="1")
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parents[1] / "src"), env.get("PYTHONPATH", "")])
    script = Path(__file__).resolve().parent / "bench_near_duplicates.py"
    command = [
        args.datatrove_python,
        str(script),
        "--child",
        "datatrove",
        "--corpus",
        str(stem),
        "--docs",
        str(docs),
        "--threshold",
        str(lsh_threshold(args.threshold)),
        "--num-perm",
        "128",
        "--threads",
        "1",
        "--cache-dir",
        str(args.cache_dir),
    ]
    print(f"  running datatrove on {docs:,} docs ...", file=sys.stderr, flush=True)
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        last = completed.stderr.strip().splitlines()[-1] if completed.stderr.strip() else ""
        return {"error": last or f"exit status {completed.returncode}"}
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    return {
        "wall": sum(result["phases"].values()),
        "cpu": result["cpu_seconds"],
        "peak_rss": result["peak_rss"],
        "base_rss": result["base_rss"],
        "recall": result["cluster_recall"],
        "note": "candidate clusters, no verification; reads the corpus from memory, not JSON Lines",
    }


def row(name: str, docs: int, result: dict[str, Any], planted: np.ndarray, n_total: int) -> str:
    if "error" in result:
        return f"| {name} | {docs:,} | skipped: {result['error'][:150]} | | | | | | |"
    recall = result.get("recall")
    if recall is None:
        recall = cluster_recall(np.asarray(result["labels"]), planted)
    rate = docs / result["wall"]
    per_core = docs / result["cpu"]
    peak = result["peak_rss"] / 2**20
    growth = (result["peak_rss"] - result["base_rss"]) / docs * 1e6 / 2**30
    extrapolated = "" if docs == n_total else f" ({n_total:,}: ~{n_total / per_core:,.0f} CPU-s)"
    return (
        f"| {name} | {docs:,} | {result['wall']:,.1f}{extrapolated} | {rate:,.0f} | {per_core:,.0f} | "
        f"{peak:,.0f} | {growth:.2f} | {recall:.3f} | {result.get('note', '')} |"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=50_000, help="documents in the crawl")
    parser.add_argument("--data", type=Path, default=DEV_SET)
    parser.add_argument("--threshold", type=float, default=THRESHOLD, help="overlap threshold of every tool")
    parser.add_argument("--num-perm", type=int, default=128)
    parser.add_argument("--also-num-perm", type=int, help="also run newstrace with this many permutations")
    parser.add_argument("--datasketch-docs", type=int, default=10_000, help="datasketch runs on this prefix")
    parser.add_argument("--datatrove-python", help="an interpreter with datatrove installed (skipped if not given)")
    parser.add_argument("--datatrove-docs", type=int, default=10_000)
    parser.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "newstrace-bench")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    return parser


def _other_rows(args: argparse.Namespace, stem: Path, path: Path, planted: Any) -> list[str]:
    """The table lines after the main newstrace run: another permutation count, the prefix the
    slower tools run on, and the other tools."""
    small = min(args.datasketch_docs, args.n)
    small_path, small_planted = write_input(stem, small)
    rows: list[str] = []
    if args.also_num_perm:
        again = run_child("newstrace", path, args, args.also_num_perm)
        rows.append(row(f"newstrace dedup, {args.also_num_perm} permutations", args.n, again, planted, args.n))
    if small < args.n:
        ours_small = run_child("newstrace", small_path, args)
        rows.append(row("newstrace dedup, prefix", small, ours_small, small_planted, args.n))
    theirs = run_child("datasketch", small_path, args)
    rows.append(row("datasketch (same bands, same verification)", small, theirs, small_planted, args.n))
    if args.datatrove_python:
        docs = min(args.datatrove_docs, args.n)
        result = run_datatrove(stem, docs, args)
        rows.append(row("datatrove MinhashDedup (same bands)", docs, result, load_corpus(stem, docs).planted, args.n))
    else:
        rows.append(row("datatrove", 0, {"error": "not installed here (pass --datatrove-python)"}, planted, args.n))
    rows.append(row("text-dedup", 0, run_child("text-dedup", small_path, args), planted, args.n))
    return rows


def _print_memory(args: argparse.Namespace, ours: dict[str, Any]) -> None:
    state = ours["state_bytes"] / args.n * 1e6 / 2**30
    peak = (ours["peak_rss"] - ours["base_rss"]) / args.n * 1e6 / 2**30
    print(f"\nnewstrace dedup summary: {json.dumps(ours['summary'])}")
    print(
        f"Memory: the deduplicator's state is {ours['state_bytes'] / 2**20:,.0f} MB = {state:.2f} GB per million "
        f"articles; the process grew by {(ours['peak_rss'] - ours['base_rss']) / 2**20:,.0f} MB during the run "
        f"({peak:.2f} GB per million), a batch of 8,192 articles and the output buffers included."
    )


def main() -> None:
    args = _parser().parse_args()
    if args.child:
        child_main(args)
        return
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    stem = corpus_stem(args.cache_dir, args.n)
    if not stem.with_suffix(".offsets.npy").exists():
        save_corpus(build_corpus(args.n, SEED, data=args.data), stem)
    path, planted = write_input(stem, args.n)
    words = np.mean(
        [len(json.loads(line)["text"].split()) for line, _ in zip(open(path, encoding="utf-8"), range(2000))]
    )
    print(
        f"\nCrawl: {args.n:,} articles ({path.stat().st_size / 2**20:,.0f} MB of JSON Lines, {words:.0f} words on "
        f"average), {len(planted):,} planted copies; overlap threshold {args.threshold}; one core per tool."
    )
    ours = run_child("newstrace", path, args)
    rows = [row(f"newstrace dedup (JSONL in, JSONL out), {args.num_perm} permutations", args.n, ours, planted, args.n)]
    rows += _other_rows(args, stem, path, planted)
    print(
        "\n| tool | articles | wall seconds | articles/s (wall) | articles per CPU-second | peak RSS MB | "
        "RSS growth, GB per million | cluster recall | note |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    if "error" not in ours:
        _print_memory(args, ours)


if __name__ == "__main__":
    main()
