"""Pair verification on signature blocks: the sketch filter and the earlier-band rule decide
exactly what comparing full signatures decides."""

from __future__ import annotations

import numpy as np

from newstrace.algo.jit import njit, prefetch
from newstrace.algo.lsh import LshConfig, band_key_column
from newstrace.dedup.core import _Blocks, signature_overlap
from newstrace.dedup.pairs import pair_overlaps, signature_sketches, verify_band_pairs


def _signatures(n: int, num_perm: int, seed: int = 5) -> np.ndarray:
    rng = np.random.default_rng(seed)
    base = rng.integers(0, 2**32, (n, num_perm), dtype=np.uint32)
    # Near copies: each row after the first shares a random share of its slots with row 0.
    for row in range(1, n):
        same = rng.random(num_perm) < rng.random()
        base[row, same] = base[0, same]
    return base


def test_verified_pairs_are_those_whose_full_signatures_reach_the_threshold() -> None:
    for num_perm in (128, 33):
        signatures = _signatures(300, num_perm)
        sizes = np.random.default_rng(1).integers(50, 500, 300).astype(np.int32)
        a, b = np.triu_indices(300, 1)
        encoded = (a.astype(np.uint64) << np.uint64(32)) | b.astype(np.uint64)
        got = encoded.copy()
        none = np.empty(0, np.uint64), np.zeros(1, np.int64)
        new, kept = verify_band_pairs(got, signatures, signature_sketches(signatures), sizes, 0, 2, 0.5, *none)
        expected = signature_overlap(signatures[a], signatures[b], sizes[a], sizes[b]) >= 0.5
        assert new == encoded.size and 0 < kept < encoded.size
        assert got[:kept].tolist() == encoded[expected].tolist()
        overlaps = signature_overlap(signatures[a], signatures[b], sizes[a], sizes[b])
        assert (pair_overlaps(a, b, signatures, sizes) == overlaps).all()


def test_pairs_sharing_an_earlier_band_are_verified_once_unless_its_bucket_was_left_out() -> None:
    signatures = _signatures(3, 8)
    signatures[1] = signatures[0]  # rows 0 and 1 agree on every band
    sketches = signature_sketches(signatures)
    sizes = np.full(3, 100, np.int32)
    pair = np.array([(0 << 32) | 1], np.uint64)
    none_left_out = np.empty(0, np.uint64), np.array([0, 0], np.int64)
    assert verify_band_pairs(pair.copy(), signatures, sketches, sizes, 1, 2, 0.5, *none_left_out) == (0, 0)
    left_out = band_key_column(signatures, 0, LshConfig(8, 4, 2))[:1].copy(), np.array([0, 1], np.int64)
    assert verify_band_pairs(pair.copy(), signatures, sketches, sizes, 1, 2, 0.5, *left_out) == (0, 1)


def test_blocks_join_into_one_array_that_keeps_growing() -> None:
    rows = np.arange(150_000 * 3, dtype=np.uint32).reshape(-1, 3)
    blocks = _Blocks(3, np.uint32)
    blocks.extend(rows[:100_000])
    assert (blocks.contiguous() == rows[:100_000]).all()
    blocks.extend(rows[100_000:])  # fills the joined array's last block, then a new block
    assert (blocks.contiguous() == rows).all() and (blocks.take(np.array([5, 149_999])) == rows[[5, 149_999]]).all()


@njit()
def _sum_with_prefetch(values: np.ndarray) -> int:
    total = 0
    for i in range(values.size):
        if i + 8 < values.size:
            prefetch(values, i + 8)
        total += values[i]
    return total


def test_prefetch_changes_no_result() -> None:
    values = np.arange(1000, dtype=np.int64)
    assert _sum_with_prefetch(values) == int(values.sum())
