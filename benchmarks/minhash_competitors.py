"""The candidate stage of the other MinHash tools, datasketch and datatrove, with the same
threshold, permutations, bands and rows as newstrace; each is timed in the (child) process that
calls it, as ``bench_near_duplicates.py --child datasketch|datatrove`` does.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from candidate_stage_measures import current_rss_bytes, recall, reset_peak_rss
from near_duplicate_corpus import Corpus


def run_datasketch(corpus: Corpus, args: argparse.Namespace) -> dict[str, Any]:
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    from newstrace.algo.lsh import optimal_bands

    bands, rows = optimal_bands(args.threshold, args.num_perm)
    reset_peak_rss()
    base_rss = current_rss_bytes()
    word = re.compile(r"\w+")
    cpu_started = time.process_time()
    t0 = time.perf_counter()
    shingle_lists = []
    for text in corpus.texts:
        tokens = word.findall(text.lower())
        grams = [" ".join(tokens[i : i + 5]).encode() for i in range(max(len(tokens) - 4, 1))]
        shingle_lists.append(grams)
    t1 = time.perf_counter()
    minhashes = [LeanMinHash(m) for m in MinHash.generator(shingle_lists, num_perm=args.num_perm)]
    del shingle_lists
    t2 = time.perf_counter()
    lsh = MinHashLSH(threshold=args.threshold, num_perm=args.num_perm, params=(bands, rows))
    with lsh.insertion_session() as session:
        for key, minhash in enumerate(minhashes):
            session.insert(key, minhash, check_duplication=False)
    t3 = time.perf_counter()
    pair_set = set()
    for key, minhash in enumerate(minhashes):
        for other in lsh.query(minhash):
            if other != key:
                pair_set.add((min(key, other), max(key, other)))
    t4 = time.perf_counter()
    cpu_seconds = time.process_time() - cpu_started
    pairs = np.array(sorted(pair_set), dtype=np.int64).reshape(-1, 2)
    direct, clustered = recall(pairs, corpus.planted, len(corpus.texts))
    return {
        "phases": {"shingles": t1 - t0, "minhash": t2 - t1, "lsh insert": t3 - t2, "lsh query": t4 - t3},
        "cpu_seconds": cpu_seconds,
        "pairs": len(pairs),
        "recall": direct,
        "cluster_recall": clustered,
        "base_rss": base_rss,
        "bands": bands,
        "rows": rows,
    }


def _datatrove_tokenizer() -> type:
    """datatrove made to run here: its xxhash call fixed, its logging quiet; the word
    tokenizer class to give it."""
    from datatrove.utils.word_tokenizers import WordTokenizer

    class WhitespaceTokenizer(WordTokenizer):
        """datatrove assigns spaCy to Indonesian; its text is already punctuation-free
        after simplify_text, so splitting on spaces gives the same words, faster."""

        def word_tokenize(self, text: str) -> list[str]:
            return text.split()

        def sent_tokenize(self, text: str) -> list[str]:
            return [text]

        def span_tokenize(self, text: str) -> list[tuple[int, int]]:
            return [(0, len(text))]

    import logging

    import datatrove.utils.hashes.xxhash as datatrove_xxhash
    import xxhash
    from loguru import logger as loguru_logger

    # datatrove 0.10 hands str to xxhash, which xxhash 4.x (pinned here) refuses;
    # encode first, keeping datatrove's default 64-bit xxhash.
    datatrove_xxhash.xxhash64 = lambda data: xxhash.xxh64_intdigest(data.encode() if isinstance(data, str) else data)

    loguru_logger.remove()
    logging.disable(logging.WARNING)
    return WhitespaceTokenizer


def run_datatrove(corpus: Corpus, args: argparse.Namespace) -> dict[str, Any]:
    from datatrove.data import Document
    from datatrove.pipeline.dedup.minhash import (
        MinhashConfig,
        MinhashDedupBuckets,
        MinhashDedupCluster,
        MinhashDedupSignature,
    )

    from newstrace.algo.lsh import optimal_bands

    tokenizer = _datatrove_tokenizer()
    bands, rows = optimal_bands(args.threshold, args.num_perm)
    config = MinhashConfig(n_grams=5, num_buckets=bands, hashes_per_bucket=rows)
    work = Path(tempfile.mkdtemp(prefix="datatrove-", dir=args.cache_dir))
    reset_peak_rss()
    base_rss = current_rss_bytes()
    cpu_started = time.process_time()
    t0 = time.perf_counter()
    documents = (Document(text=text, id=str(i)) for i, text in enumerate(corpus.texts))
    MinhashDedupSignature(output_folder=str(work / "signatures"), config=config, language=tokenizer()).run(
        documents, rank=0, world_size=1
    )
    t1 = time.perf_counter()
    for bucket in range(bands):
        MinhashDedupBuckets(
            input_folder=str(work / "signatures"), output_folder=str(work / "buckets"), config=config
        ).run(None, rank=bucket, world_size=bands)
    t2 = time.perf_counter()
    MinhashDedupCluster(
        input_folder=str(work / "buckets"), output_folder=str(work / "clusters"), config=config, save_cluster_id=True
    ).run(None, 0, 1)
    t3 = time.perf_counter()
    cpu_seconds = time.process_time() - cpu_started
    pair_rows = [np.fromfile(path, dtype="<u4").reshape(-1, 4) for path in sorted((work / "buckets").glob("*.dups"))]
    records = np.concatenate(pair_rows) if pair_rows else np.empty((0, 4), np.uint32)
    pairs = records[:, [1, 3]].astype(np.int64)
    direct, clustered = recall(pairs, corpus.planted, len(corpus.texts))
    subprocess.run(["rm", "-rf", str(work)], check=False)
    return {
        "phases": {"signatures": t1 - t0, "buckets": t2 - t1, "cluster": t3 - t2},
        "cpu_seconds": cpu_seconds,
        "pairs": len(np.unique(pairs, axis=0)),
        "recall": direct,
        "cluster_recall": clustered,
        "base_rss": base_rss,
        "bands": bands,
        "rows": rows,
    }
