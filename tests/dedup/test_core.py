"""The clustering without files: batches fed one by one give the result of one batch, exact
copies and empty texts keep their rows, and signature blocks hold rows across their edges."""

from __future__ import annotations

import json

import numpy as np

from newstrace.dedup import Deduplicator
from newstrace.dedup.core import _Blocks
from tests.conftest import CLICKID_SAMPLE


def _sample_texts(limit: int) -> list[str]:
    return [json.loads(line)["text"] for line in CLICKID_SAMPLE.read_text(encoding="utf-8").splitlines()][:limit]


def test_batches_do_not_change_the_result() -> None:
    texts = _sample_texts(120)
    texts += texts[:30]  # exact copies across batches
    ids = [str(i) for i in range(len(texts))]
    one = Deduplicator()
    one.add(texts, ids, [None] * len(texts))
    many = Deduplicator()
    for start in range(0, len(texts), 17):
        many.add(texts[start : start + 17], ids[start : start + 17], [None] * len(texts[start : start + 17]))
    a, b = one.result(), many.result()
    assert (a.representative == b.representative).all() and (a.similarity == b.similarity).all()
    assert int((a.reason == 1).sum()) == 30


def test_signature_blocks_gather_rows_across_block_boundaries() -> None:
    rows = np.arange(150_000 * 3, dtype=np.uint32).reshape(-1, 3)
    blocks = _Blocks(3, np.uint32)
    for start in range(0, len(rows), 40_000):  # batches that straddle the 65,536-row blocks
        blocks.extend(rows[start : start + 40_000])
    wanted = np.random.default_rng(3).integers(0, len(rows), 5_000)
    assert blocks.size == len(rows) and (blocks.take(wanted) == rows[wanted]).all()


def test_exact_copies_and_empty_texts_across_batches_share_rows_as_before() -> None:
    texts = _sample_texts(40)
    stream = [texts[0], "", texts[1], texts[0].upper(), "", texts[1] + " !!", texts[2]] + texts[3:40] + texts[:5]
    ids = [f"a{i}" for i in range(len(stream))]
    whole, split = Deduplicator(), Deduplicator()
    whole.add(stream, ids, [None] * len(stream))
    for start in range(0, len(stream), 4):
        split.add(stream[start : start + 4], ids[start : start + 4], [None] * len(stream[start : start + 4]))
    a, b = whole.result(), split.result()
    assert (a.representative == b.representative).all() and (a.reason == b.reason).all()
    # Case and punctuation do not make a copy inexact; empty texts are never copies of each other.
    for first, again in ((0, 3), (2, 5)):
        assert a.representative[first] == a.representative[again]
        assert sorted(a.reason[[first, again]].tolist()) == [0, 1]
    assert a.reason[1] == 0 and a.reason[4] == 0
    assert int((a.reason == 1).sum()) == 2 + 5
