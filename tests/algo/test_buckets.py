"""Candidate pairs from equal keys: empty and oversized buckets are skipped and counted."""

from __future__ import annotations

import numpy as np

from newstrace.algo.buckets import bucket_pairs


def test_bucket_pairs_pair_equal_keys_and_skip_empty_and_oversized_buckets() -> None:
    keys = np.array([5, 0, 5, 9, 0, 7, 7, 7, 5], np.uint64)
    encoded, skipped, entries = bucket_pairs(keys, max_bucket_size=3)
    pairs = sorted((int(p >> np.uint64(32)), int(p & np.uint64(0xFFFFFFFF))) for p in encoded)
    assert pairs == [(0, 2), (0, 8), (2, 8), (5, 6), (5, 7), (6, 7)] and (skipped, entries) == (0, 0)
    encoded, skipped, entries = bucket_pairs(keys, max_bucket_size=2)
    assert encoded.size == 0 and (skipped, entries) == (2, 6)
