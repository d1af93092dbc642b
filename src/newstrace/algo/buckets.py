"""Buckets of equal band keys: one band's keys sorted by (key, row), and the pairs of rows that
share a bucket, with oversized buckets left out and counted (shared by the LSH index and the
streaming dedup path)."""

from __future__ import annotations

import numba
import numpy as np

from newstrace.algo.jit import njit

__all__ = [
    "ROW_BITS",
    "ROW_MASK",
    "bucket_pairs",
    "count_bucket_pairs",
    "emit_bucket_pairs",
    "oversized_bucket_pairs",
    "sort_band",
]

# Pairs are encoded as ``lo << 32 | hi`` and sorting packs (top 32 key bits | row) in one uint64.
ROW_BITS = np.uint64(32)
ROW_MASK = np.uint64(0xFFFFFFFF)
HIGH_MASK = np.uint64(0xFFFFFFFF00000000)


@njit()
def _order_equal_prefix_runs(keys: np.ndarray, rows: np.ndarray) -> None:
    """Finish a sort by the top 32 key bits into a sort by (key, row).

    Runs sharing the top 32 bits are almost always one or two entries long,
    so insertion sort over them costs one pass.
    """
    n = keys.size
    for i in range(1, n):
        key = keys[i]
        row = rows[i]
        j = i - 1
        while (
            j >= 0
            and (keys[j] & HIGH_MASK) == (key & HIGH_MASK)
            and (keys[j] > key or (keys[j] == key and rows[j] > row))
        ):
            keys[j + 1] = keys[j]
            rows[j + 1] = rows[j]
            j -= 1
        keys[j + 1] = key
        rows[j + 1] = row


def sort_band(keys: np.ndarray, first_row: int) -> tuple[np.ndarray, np.ndarray]:
    """Sort one band's keys of rows ``first_row ...``; return (keys, rows) by (key, row).

    Sorting (top 32 key bits | local row) as plain uint64 uses numpy's SIMD
    sort, several times faster than an argsort of the keys.
    """
    local_rows = np.arange(keys.size, dtype=np.uint64)
    packed = np.sort((keys & HIGH_MASK) | local_rows)
    order = (packed & ROW_MASK).astype(np.int64)
    sorted_keys = keys[order]
    sorted_rows = (order + first_row).astype(np.uint32)
    _order_equal_prefix_runs(sorted_keys, sorted_rows)
    return sorted_keys, sorted_rows


@njit(parallel=True)
def count_bucket_pairs(keys: np.ndarray, max_bucket_size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n_bands, n = keys.shape
    pair_counts = np.zeros(n_bands, np.int64)
    skipped_buckets = np.zeros(n_bands, np.int64)
    skipped_entries = np.zeros(n_bands, np.int64)
    for band in numba.prange(n_bands):
        start = 0
        while start < n:
            stop = start + 1
            while stop < n and keys[band, stop] == keys[band, start]:
                stop += 1
            size = stop - start
            if keys[band, start] == 0:  # empty documents match nothing
                pass
            elif size > max_bucket_size:
                skipped_buckets[band] += 1
                skipped_entries[band] += size
            elif size > 1:
                pair_counts[band] += size * (size - 1) // 2
            start = stop
    return pair_counts, skipped_buckets, skipped_entries


@njit(parallel=True)
def emit_bucket_pairs(
    keys: np.ndarray, rows: np.ndarray, max_bucket_size: int, band_starts: np.ndarray, out: np.ndarray
) -> None:
    """Write every pair of rows sharing a bucket as ``lo << 32 | hi``."""
    n_bands, n = keys.shape
    for band in numba.prange(n_bands):
        pos = band_starts[band]
        start = 0
        while start < n:
            stop = start + 1
            while stop < n and keys[band, stop] == keys[band, start]:
                stop += 1
            if keys[band, start] != 0 and 1 < stop - start <= max_bucket_size:
                # rows ascend within a bucket, so a < b
                for a in range(start, stop):
                    for b in range(a + 1, stop):
                        out[pos] = (np.uint64(rows[band, a]) << ROW_BITS) | np.uint64(rows[band, b])
                        pos += 1
            start = stop


@njit()
def _oversized_keys(sorted_keys: np.ndarray, max_bucket_size: int, count: int) -> np.ndarray:
    """The ``count`` keys (ascending) held by more than ``max_bucket_size`` positions, 0 aside."""
    out = np.empty(count, np.uint64)
    n = sorted_keys.size
    found = 0
    start = 0
    while start < n:
        stop = start + 1
        while stop < n and sorted_keys[stop] == sorted_keys[start]:
            stop += 1
        if sorted_keys[start] != 0 and stop - start > max_bucket_size:
            out[found] = sorted_keys[start]
            found += 1
        start = stop
    return out


def oversized_bucket_pairs(keys: np.ndarray, max_bucket_size: int) -> tuple[np.ndarray, np.ndarray, int]:
    """``bucket_pairs``, with the keys of the buckets left out (sorted) instead of their count."""
    sorted_keys, sorted_rows = sort_band(np.ascontiguousarray(keys, dtype=np.uint64), 0)
    counts, skipped_buckets, skipped_entries = count_bucket_pairs(sorted_keys[None, :], max_bucket_size)
    band_starts = np.array([0, int(counts[0])], np.int64)
    encoded = np.empty(int(counts[0]), np.uint64)
    emit_bucket_pairs(sorted_keys[None, :], sorted_rows[None, :], max_bucket_size, band_starts, encoded)
    oversized = _oversized_keys(sorted_keys, max_bucket_size, int(skipped_buckets[0]))
    return encoded, oversized, int(skipped_entries[0])


def bucket_pairs(keys: np.ndarray, max_bucket_size: int) -> tuple[np.ndarray, int, int]:
    """Pairs of positions sharing a key, for one band's keys ``(n,)`` (0 = empty, matches
    nothing): encoded ``lo << 32 | hi`` (uint64, each pair once, unsorted), and the buckets
    left out for holding more than ``max_bucket_size`` positions, with their entries."""
    encoded, oversized, entries = oversized_bucket_pairs(keys, max_bucket_size)
    return encoded, int(oversized.size), entries
