"""Near-duplicate candidate stage: newstrace vs datasketch vs datatrove on one corpus.

Builds a corpus of realistic news texts from clickid-dev (sentence runs of real
articles, ~400 words each) in which a share of documents are planted copies of
others (words substituted, sentences dropped or added, a new lead, chrome lines
such as "Baca Juga:"), then runs each tool in its own child process on the same
documents and prints throughput, peak memory and recall of the planted copies.

    PYTHONPATH=src python3 benchmarks/bench_near_duplicates.py --n 100000
    PYTHONPATH=src python3 benchmarks/bench_near_duplicates.py --n 1000000 --skip datatrove

Tools slower than newstrace run on a prefix (``--datasketch-docs``,
``--datatrove-docs``); the corpus is generated in self-contained blocks of
10,000 documents, so every copy in a prefix has its original in it, and their
docs/s is extrapolated as constant per document. Numba compile time is measured
with an empty cache and excluded from throughput.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from candidate_stage_measures import current_rss_bytes, peak_rss_bytes, recall, reset_peak_rss
from minhash_competitors import run_datasketch, run_datatrove
from near_duplicate_corpus import BLOCK, DEV_SET, SEED, Corpus, build_corpus, corpus_stem, load_corpus, save_corpus

# -- newstrace's candidate stage, each run in a child process (the others: minhash_competitors) --


def run_newstrace(corpus: Corpus, args: argparse.Namespace, chunk: int = 10_000) -> dict[str, Any]:
    import numba

    from newstrace.algo.lsh import LshConfig, LshIndex, band_keys
    from newstrace.algo.minhash import MinHasher
    from newstrace.algo.shingles import batch_shingle_hashes

    numba.set_num_threads(args.threads)
    config = LshConfig.for_threshold(args.threshold, args.num_perm)
    hasher = MinHasher(num_perm=args.num_perm)
    started = time.perf_counter()
    warm_values, warm_offsets = batch_shingle_hashes(corpus.texts[:8])
    band_keys(hasher.signatures(warm_values, warm_offsets), config)
    warm_index = LshIndex(config)
    warm_index.add(np.arange(8), band_keys(hasher.signatures(warm_values, warm_offsets), config))
    warm_index.add(np.arange(8, 16), band_keys(hasher.signatures(warm_values, warm_offsets), config))
    warm_index.query_pairs(np.arange(8, 16))
    warm_index.candidate_pairs()
    compile_seconds = time.perf_counter() - started
    reset_peak_rss()
    base_rss = current_rss_bytes()
    cpu_started = time.process_time()

    phases = {"shingles": 0.0, "minhash": 0.0, "band_keys": 0.0, "index+pairs": 0.0}
    key_chunks, signature_bytes = [], 0
    for start in range(0, len(corpus.texts), chunk):
        t0 = time.perf_counter()
        values, offsets = batch_shingle_hashes(corpus.texts[start : start + chunk])
        t1 = time.perf_counter()
        signatures = hasher.signatures(values, offsets)
        t2 = time.perf_counter()
        key_chunks.append(band_keys(signatures, config))
        t3 = time.perf_counter()
        phases["shingles"] += t1 - t0
        phases["minhash"] += t2 - t1
        phases["band_keys"] += t3 - t2
        signature_bytes += signatures.nbytes
    t0 = time.perf_counter()
    index = LshIndex(config)
    index.add(np.arange(len(corpus.texts)), np.concatenate(key_chunks))
    del key_chunks
    pairs = index.candidate_pairs()
    phases["index+pairs"] = time.perf_counter() - t0
    cpu_seconds = time.process_time() - cpu_started
    direct, clustered = recall(pairs, corpus.planted, len(corpus.texts))
    return {
        "phases": phases,
        "cpu_seconds": cpu_seconds,
        "compile_seconds": compile_seconds,
        "pairs": len(pairs),
        "recall": direct,
        "cluster_recall": clustered,
        "base_rss": base_rss,
        "index_bytes": index.nbytes(),
        "signature_bytes": signature_bytes,
        "skipped_buckets": index.skipped.buckets,
        "bands": config.bands,
        "rows": config.rows,
    }


def run_newstrace_incremental(corpus: Corpus, increment: Corpus, args: argparse.Namespace) -> dict[str, Any]:
    """Full build of old+new vs adding the new 1% to an index of the old."""
    import numba

    from newstrace.algo.lsh import LshConfig, LshIndex, band_keys
    from newstrace.algo.minhash import MinHasher
    from newstrace.algo.shingles import batch_shingle_hashes

    numba.set_num_threads(args.threads)
    config = LshConfig.for_threshold(args.threshold, args.num_perm)
    hasher = MinHasher(num_perm=args.num_perm)

    def keys_of(texts: list[str]) -> np.ndarray:
        parts = []
        for start in range(0, len(texts), 10_000):
            values, offsets = batch_shingle_hashes(texts[start : start + 10_000])
            parts.append(band_keys(hasher.signatures(values, offsets), config))
        return np.concatenate(parts)

    warm_keys = keys_of(corpus.texts[:16])  # compile everything before timing
    warm = LshIndex(config)
    warm.add(np.arange(8), warm_keys[:8])
    warm.candidate_pairs()
    warm.add(np.arange(8, 16), warm_keys[8:])
    warm.query_pairs(np.arange(8, 16))
    n_old, n_new = len(corpus.texts), len(increment.texts)
    all_texts = corpus.texts + increment.texts
    t0 = time.perf_counter()
    full_keys = keys_of(all_texts)
    t1 = time.perf_counter()
    full = LshIndex(config)
    full.add(np.arange(n_old + n_new), full_keys)
    full_pairs = full.candidate_pairs()
    t2 = time.perf_counter()

    old = LshIndex(config)
    old.add(np.arange(n_old), full_keys[:n_old])
    old_pairs = old.candidate_pairs()
    t3 = time.perf_counter()
    new_keys = keys_of(increment.texts)
    t4 = time.perf_counter()
    new_ids = np.arange(n_old, n_old + n_new)
    old.add(new_ids, new_keys)
    new_pairs = old.query_pairs(new_ids)
    t5 = time.perf_counter()
    combined = np.unique(np.concatenate([old_pairs, new_pairs]), axis=0)
    found, _ = recall(new_pairs, increment.planted, n_old + n_new)
    return {
        "full_rebuild_seconds": t2 - t0,
        "full_index_seconds": t2 - t1,
        "increment_seconds": t5 - t3,
        "increment_index_seconds": t5 - t4,
        "old_docs": n_old,
        "new_docs": n_new,
        "same_pairs_as_full": bool(np.array_equal(combined, full_pairs)),
        "new_pairs": len(new_pairs),
        "increment_recall": found,
    }


def child_main(args: argparse.Namespace) -> None:
    corpus = load_corpus(Path(args.corpus), args.docs)
    gc.collect()
    if args.child == "newstrace":
        result = run_newstrace(corpus, args)
    elif args.child == "incremental":
        result = run_newstrace_incremental(corpus, load_corpus(Path(args.increment)), args)
    elif args.child == "datasketch":
        result = run_datasketch(corpus, args)
    else:
        result = run_datatrove(corpus, args)
    result["docs"] = len(corpus.texts)
    result["peak_rss"] = peak_rss_bytes()
    result["threads"] = args.threads
    print(json.dumps(result))


# -- the parent: corpus, children, table --------------------------------------


def run_child(
    tool: str, stem: Path, docs: int, args: argparse.Namespace, threads: int = 1, increment: Path | None = None
) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--child",
        tool,
        "--corpus",
        str(stem),
        "--docs",
        str(docs),
        "--threshold",
        str(args.threshold),
        "--num-perm",
        str(args.num_perm),
        "--threads",
        str(threads),
        "--cache-dir",
        str(args.cache_dir),
    ]
    if increment is not None:
        command += ["--increment", str(increment)]
    env = dict(os.environ)
    # A fresh numba cache per child, so compile time is measured cold.
    env["NUMBA_CACHE_DIR"] = tempfile.mkdtemp(prefix="numba-", dir=args.cache_dir)
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parents[1] / "src"), env.get("PYTHONPATH", "")])
    print(
        f"  running {tool} on {docs:,} docs ({threads} thread{'s' if threads > 1 else ''}) ...",
        file=sys.stderr,
        flush=True,
    )
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    subprocess.run(["rm", "-rf", env["NUMBA_CACHE_DIR"]], check=False)
    if completed.returncode != 0:
        last_line = completed.stderr.strip().splitlines()[-1] if completed.stderr.strip() else ""
        return {"error": last_line or f"exit status {completed.returncode} (killed, out of memory?)"}
    return json.loads(completed.stdout.strip().splitlines()[-1])


def format_row(name: str, result: dict[str, Any], n_total: int) -> str:
    if "error" in result:
        return f"| {name} | failed: {result['error']} |"
    seconds = sum(result["phases"].values())
    docs = result["docs"]
    rate = docs / seconds
    cpu_rate = docs / result["cpu_seconds"]
    stage_mb = (result["peak_rss"] - result["base_rss"]) / 2**20
    note = "" if docs == n_total else f" (on {docs:,}; {n_total:,} extrapolated: {n_total / rate:,.0f} s)"
    phases = ", ".join(f"{phase} {value:.1f}s" for phase, value in result["phases"].items())
    return (
        f"| {name} | {docs:,} | {seconds:,.1f}{note} | {rate:,.0f} | {cpu_rate:,.0f} | "
        f"{stage_mb:,.0f} | {result['peak_rss'] / 2**20:,.0f} | {result['recall']:.3f} | "
        f"{result['cluster_recall']:.3f} | {result['pairs']:,} | {phases} |"
    )


def recall_by_similarity(corpus: Corpus, docs: int) -> list[tuple[str, int]]:
    """Planted pairs per band of true shingle Jaccard, to read recall against."""
    from newstrace.algo.shingles import batch_shingle_hashes

    planted = corpus.planted[(corpus.planted < docs).all(axis=1)][:5000]
    values, offsets = batch_shingle_hashes([corpus.texts[i] for i in planted.ravel()])
    similarities = []
    for pair in range(len(planted)):
        a = np.unique(values[offsets[2 * pair] : offsets[2 * pair + 1]])
        b = np.unique(values[offsets[2 * pair + 1] : offsets[2 * pair + 2]])
        similarities.append(np.intersect1d(a, b).size / max(np.union1d(a, b).size, 1))
    counts, edges = np.histogram(similarities, bins=[0, 0.2, 0.4, 0.6, 0.8, 1.0001])
    return [(f"{lo:.1f}-{min(hi, 1):.1f}", int(c)) for lo, hi, c in zip(edges[:-1], edges[1:], counts)]


def parent_main(args: argparse.Namespace) -> None:
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    stem = corpus_stem(args.cache_dir, args.n)
    describe_corpus(args, stem)
    results = run_tools(args, stem)
    print_results(results, args.n)
    if args.incremental_base <= args.n and "incremental" not in args.skip:
        run_incremental(args, stem)


def describe_corpus(args: argparse.Namespace, stem: Path) -> None:
    """Build the corpus unless cached, then print its size and the planted pairs' similarity."""
    if not stem.with_suffix(".offsets.npy").exists():
        started = time.perf_counter()
        save_corpus(build_corpus(args.n, SEED, data=args.data), stem)
        print(f"  corpus of {args.n:,} built in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    n_planted = len(np.load(stem.with_suffix(".npy")))
    corpus = load_corpus(stem, min(args.n, 2 * BLOCK))  # a prefix is enough to describe it
    words = np.mean([len(t.split()) for t in corpus.texts[:2000]])
    print(
        f"\nCorpus: {args.n:,} documents, {words:.0f} words on average, {n_planted:,} planted copies; "
        f"threshold {args.threshold}, {args.num_perm} permutations."
    )
    print(
        "True 5-shingle Jaccard of planted pairs (first 5,000): "
        + ", ".join(f"{band}: {count}" for band, count in recall_by_similarity(corpus, len(corpus.texts)))
    )


def run_tools(args: argparse.Namespace, stem: Path) -> list[tuple[str, dict[str, Any]]]:
    """Each tool on the corpus in a child process of its own: (name, figures)."""
    results: list[tuple[str, dict[str, Any]]] = []
    results.append(("newstrace, 1 thread", run_child("newstrace", stem, args.n, args)))
    if args.threads > 1:
        results.append((f"newstrace, {args.threads} threads", run_child("newstrace", stem, args.n, args, args.threads)))
    if "datasketch" not in args.skip:
        results.append(
            (
                "datasketch MinHash.generator + LeanMinHash + MinHashLSH",
                run_child("datasketch", stem, min(args.datasketch_docs, args.n), args),
            )
        )
    if "datatrove" not in args.skip:
        results.append(
            (
                "datatrove MinhashDedup signature+buckets+cluster",
                run_child("datatrove", stem, min(args.datatrove_docs, args.n), args),
            )
        )
    return results


def print_results(results: list[tuple[str, dict[str, Any]]], n_total: int) -> None:
    """The comparison table, then newstrace's own figures and its speed-up over the others."""
    print(
        "\n| tool | docs | seconds | docs/s | docs/s per core | stage peak MB | process peak MB | "
        "pair recall | cluster recall | candidate pairs | phases |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, result in results:
        print(format_row(name, result, n_total))
    ours = results[0][1]
    if "error" in ours:
        return
    per_million = ours["index_bytes"] / ours["docs"] * 1e6 / 2**30
    print(
        f"\nnewstrace: {ours['bands']} bands x {ours['rows']} rows; numba compile (cold cache) "
        f"{ours['compile_seconds']:.1f}s, excluded; index {ours['index_bytes'] / 2**20:,.0f} MB = "
        f"{per_million:.2f} GB per million docs (signatures, if kept, another "
        f"{ours['signature_bytes'] / ours['docs'] * 1e6 / 2**30:.2f} GB per million); "
        f"oversized buckets skipped: {ours['skipped_buckets']}."
    )
    our_rate = ours["docs"] / ours["cpu_seconds"]
    for name, result in results[1:]:
        if "error" not in result and not name.startswith("newstrace"):
            rate = result["docs"] / result["cpu_seconds"]
            print(f"Speed-up over {name.split()[0]}: {our_rate / rate:.1f}x per CPU-second.")


def run_incremental(args: argparse.Namespace, stem: Path) -> None:
    """1% new documents added to an index of ``--incremental-base``, against a full rebuild."""
    base = args.incremental_base
    increment_stem = corpus_stem(args.cache_dir, base // 100, f"increment-to-{base}")
    if not increment_stem.with_suffix(".offsets.npy").exists():
        save_corpus(
            build_corpus(base // 100, SEED + 1, earlier=load_corpus(stem, base), data=args.data), increment_stem
        )
    result = run_child("incremental", stem, base, args, increment=increment_stem)
    if "error" in result:
        print(f"\nIncremental: failed: {result['error']}")
        return
    print(
        f"\nIncremental add of {result['new_docs']:,} docs to {result['old_docs']:,}: "
        f"{result['increment_seconds']:.3f}s (index part {result['increment_index_seconds']:.3f}s) vs full "
        f"rebuild {result['full_rebuild_seconds']:.2f}s (index part {result['full_index_seconds']:.3f}s): "
        f"{result['increment_seconds'] / result['full_rebuild_seconds']:.1%} of a rebuild "
        f"(index part alone {result['increment_index_seconds'] / result['full_index_seconds']:.1%}); "
        f"same pairs as full build: {result['same_pairs_as_full']}; recall of planted copies in the "
        f"increment: {result['increment_recall']:.3f}."
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="documents in the corpus")
    parser.add_argument("--data", type=Path, default=DEV_SET, help="clickid-dev.jsonl (default: ../shared/data)")
    parser.add_argument("--threshold", type=float, default=0.5, help="Jaccard threshold for all tools")
    parser.add_argument("--num-perm", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2, help="also run newstrace with this many threads")
    parser.add_argument("--datasketch-docs", type=int, default=20_000)
    parser.add_argument("--datatrove-docs", type=int, default=20_000)
    parser.add_argument("--incremental-base", type=int, default=100_000)
    parser.add_argument("--skip", nargs="*", default=[], choices=["datasketch", "datatrove", "incremental"])
    parser.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "newstrace-bench")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--increment", help=argparse.SUPPRESS)
    parser.add_argument("--docs", type=int, help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    arguments = parse_args()
    if arguments.child:
        child_main(arguments)
    else:
        parent_main(arguments)
