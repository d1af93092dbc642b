"""Pair verification on signature blocks: the sketch filter and the earlier-band rule decide
exactly what comparing full signatures decides."""

from __future__ import annotations

import numba
import numpy as np
from numba.typed import List as TypedList

from newstrace.algo.jit import njit, prefetch
from newstrace.algo.lsh import LshConfig, band_key_column
from newstrace.dedup.core import signature_overlap
from newstrace.dedup.pairs import pair_overlaps, signature_sketches, typed_blocks, verify_band_pairs


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
        blocks = typed_blocks([np.vstack([signatures, np.zeros((65536 - 300, num_perm), np.uint32)])])
        sketches = signature_sketches(list(blocks), 300)
        oversized = TypedList.empty_list(numba.types.Array(numba.types.uint64, 1, "C"))
        got = encoded.copy()
        new, kept = verify_band_pairs(got, blocks, sketches, sizes, 0, 2, 0.5, oversized)
        expected = signature_overlap(signatures[a], signatures[b], sizes[a], sizes[b]) >= 0.5
        assert new == encoded.size and 0 < kept < encoded.size
        assert got[:kept].tolist() == encoded[expected].tolist()
        overlaps = signature_overlap(signatures[a], signatures[b], sizes[a], sizes[b])
        assert (pair_overlaps(a, b, blocks, sizes) == overlaps).all()


def test_pairs_sharing_an_earlier_band_are_verified_once_unless_its_bucket_was_left_out() -> None:
    signatures = _signatures(3, 8)
    signatures[1] = signatures[0]  # rows 0 and 1 agree on every band
    blocks = typed_blocks([signatures])
    sketches = signature_sketches([signatures], 3)
    sizes = np.full(3, 100, np.int32)
    pair = np.array([(0 << 32) | 1], np.uint64)
    none_left_out = TypedList.empty_list(numba.types.Array(numba.types.uint64, 1, "C"))
    none_left_out.append(np.empty(0, np.uint64))
    assert verify_band_pairs(pair.copy(), blocks, sketches, sizes, 1, 2, 0.5, none_left_out) == (0, 0)
    left_out = TypedList.empty_list(numba.types.Array(numba.types.uint64, 1, "C"))
    left_out.append(band_key_column(signatures, 0, LshConfig(8, 4, 2))[:1].copy())
    assert verify_band_pairs(pair.copy(), blocks, sketches, sizes, 1, 2, 0.5, left_out) == (0, 1)


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
