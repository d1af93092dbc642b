"""LSH banding over MinHash signatures, and an incremental in-memory index.

A signature of ``bands * rows`` slots is cut into ``bands`` bands; two
documents become a candidate pair when any band is identical. Each band is
hashed to one uint64 key, so the index holds per band one sorted key array and
the matching row numbers (12 bytes per document and band), and finding
buckets is a scan of sorted arrays rather than a dict of lists.

Updates follow a two-level log-structured layout: new documents go to a small
sorted *delta* level that is merged into the *main* level only when it
exceeds a fraction of it, so adding 1% more documents costs a sort of that 1%
plus a merge with the delta, never a rebuild.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numba
import numpy as np

from newstrace.algo.banding import optimal_bands
from newstrace.algo.buckets import ROW_BITS, ROW_MASK, count_bucket_pairs, emit_bucket_pairs, sort_band
from newstrace.algo.jit import njit
from newstrace.algo.minhash import EMPTY_VALUE

__all__ = [
    "EMPTY_KEY",
    "LshConfig",
    "LshIndex",
    "SkippedBuckets",
    "band_key",
    "band_key_column",
    "band_keys",
    "optimal_bands",
]

# Key of every band of an empty document; the index never stores it, so
# empty documents match nothing (not even each other).
EMPTY_KEY = np.uint64(0)

_FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class LshConfig:
    """Banding of a ``num_perm`` signature into ``bands`` bands of ``rows`` slots.

    The default is ``for_threshold(0.15)``: human-labelled copies in news
    share only 10-90% of their 5-word shingles (median Jaccard ~0.25, as
    outlets add leads, cut paragraphs and reword), so a candidate stage tuned
    for 0.5 misses most of them. On the clickid-dev set this setting pairs
    87% of labelled copies, 6% of same-story and ~1% of related pairs, at 0.3
    candidate pairs per article.
    """

    num_perm: int = 128
    bands: int = 51
    rows: int = 2

    def __post_init__(self) -> None:
        if self.bands < 1 or self.rows < 1:
            raise ValueError(f"bands and rows must be positive, got {self.bands} x {self.rows}")
        if self.bands * self.rows > self.num_perm:
            raise ValueError(f"{self.bands} bands x {self.rows} rows exceed {self.num_perm} permutations")

    @classmethod
    def for_threshold(
        cls,
        threshold: float,
        num_perm: int = 128,
        false_positive_weight: float = 0.5,
        false_negative_weight: float = 0.5,
    ) -> LshConfig:
        """Bands and rows that best separate pairs above and below ``threshold``."""
        bands, rows = optimal_bands(threshold, num_perm, false_positive_weight, false_negative_weight)
        return cls(num_perm=num_perm, bands=bands, rows=rows)

    def candidate_probability(self, similarity: float | np.ndarray) -> float | np.ndarray:
        """Chance that two documents of this Jaccard similarity share a band."""
        return 1.0 - (1.0 - np.asarray(similarity, dtype=np.float64) ** self.rows) ** self.bands


@njit(inline="always")
def _is_empty(signatures: np.ndarray, doc: int) -> bool:
    for p in range(signatures.shape[1]):
        if signatures[doc, p] != EMPTY_VALUE:
            return False
    return True


@njit(inline="always")
def _band_hash(signatures: np.ndarray, doc: int, band: int, rows: int) -> np.uint64:
    """One band's key: a mix of its slots, never 0 (reserved for empty documents)."""
    h = np.uint64(0x243F6A8885A308D3) ^ np.uint64(band)
    for slot in range(band * rows, (band + 1) * rows):
        h = (h ^ np.uint64(signatures[doc, slot])) * np.uint64(0x9E3779B97F4A7C15)
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xC4CEB9FE1A85EC53)
    h ^= h >> np.uint64(33)
    return h if h != 0 else np.uint64(1)


@njit(inline="always")
def band_key(signatures: np.ndarray, doc: int, band: int, rows: int) -> np.uint64:
    """The key ``band_keys`` stores for one band of one signature, 0 for an empty one. It
    passes through float64 (numba types ``0 if ... else uint64`` so), which keeps the top 53
    bits of the hash; stored indexes hold such keys, so every kernel makes them the same way."""
    return np.uint64(0 if _is_empty(signatures, doc) else _band_hash(signatures, doc, band, rows))


@njit(parallel=True)
def _band_keys_kernel(signatures: np.ndarray, bands: int, rows: int, out: np.ndarray) -> None:
    for doc in numba.prange(signatures.shape[0]):
        empty = _is_empty(signatures, doc)
        for band in range(bands):
            out[doc, band] = 0 if empty else _band_hash(signatures, doc, band, rows)


@njit()
def _band_key_column_kernel(signatures: np.ndarray, band: int, rows: int, out: np.ndarray) -> None:
    """``_band_keys_kernel`` for one band: the same hash, without the other bands' work."""
    for doc in range(signatures.shape[0]):
        out[doc] = band_key(signatures, doc, band, rows)


def band_key_column(signatures: np.ndarray, band: int, config: LshConfig) -> np.ndarray:
    """uint64 keys ``(n_docs,)`` of one band: ``band_keys(signatures, config)[:, band]``
    without computing (or holding) the other bands."""
    signatures = np.ascontiguousarray(signatures, dtype=np.uint32)
    if signatures.ndim != 2 or signatures.shape[1] != config.num_perm:
        raise ValueError(f"expected signatures of shape (n, {config.num_perm}), got {signatures.shape}")
    if not 0 <= band < config.bands:
        raise ValueError(f"band must lie in [0, {config.bands}), got {band}")
    out = np.empty(signatures.shape[0], np.uint64)
    _band_key_column_kernel(signatures, band, config.rows, out)
    return out


def band_keys(signatures: np.ndarray, config: LshConfig) -> np.ndarray:
    """uint64 keys ``(n_docs, bands)``: one hash per band of each signature.

    Empty-document signatures get ``EMPTY_KEY`` in every band.
    """
    signatures = np.ascontiguousarray(signatures, dtype=np.uint32)
    if signatures.ndim != 2 or signatures.shape[1] != config.num_perm:
        raise ValueError(f"expected signatures of shape (n, {config.num_perm}), got {signatures.shape}")
    out = np.empty((signatures.shape[0], config.bands), np.uint64)
    _band_keys_kernel(signatures, config.bands, config.rows, out)
    return out


@njit()
def _merge_levels(
    keys_a: np.ndarray,
    rows_a: np.ndarray,
    keys_b: np.ndarray,
    rows_b: np.ndarray,
    out_keys: np.ndarray,
    out_rows: np.ndarray,
) -> None:
    """Merge two per-band sorted levels; on equal keys ``a`` (older rows) goes first.

    Serial: merging is memory-bound, and the common call (a small batch into
    the delta) is too short to repay waking threads.
    """
    for band in range(keys_a.shape[0]):
        i = 0
        j = 0
        n_a = keys_a.shape[1]
        n_b = keys_b.shape[1]
        for o in range(n_a + n_b):
            if j >= n_b or (i < n_a and keys_a[band, i] <= keys_b[band, j]):
                out_keys[band, o] = keys_a[band, i]
                out_rows[band, o] = rows_a[band, i]
                i += 1
            else:
                out_keys[band, o] = keys_b[band, j]
                out_rows[band, o] = rows_b[band, j]
                j += 1


@njit()
def _grown(array: np.ndarray, needed: int) -> np.ndarray:
    if needed <= array.size:
        return array
    bigger = np.empty(max(needed, 2 * array.size), array.dtype)
    bigger[: array.size] = array
    return bigger


@njit(inline="always")
def _bucket_range(sorted_keys: np.ndarray, key: np.uint64, limit: int) -> tuple[int, int]:
    """Where ``key`` sits in ``sorted_keys``; the end is found by scanning, not a
    second binary search (buckets are tiny), and stops past ``limit`` entries."""
    start = int(np.searchsorted(sorted_keys, key, side="left"))
    stop = start
    end = min(int(sorted_keys.size), start + limit + 1)
    while stop < end and sorted_keys[stop] == key:
        stop += 1
    return start, stop


@njit()
def _query_bands(
    query_rows: np.ndarray,
    query_keys: np.ndarray,
    main_keys: np.ndarray,
    main_rows: np.ndarray,
    delta_keys: np.ndarray,
    delta_rows: np.ndarray,
    max_bucket_size: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs between each query row and its bucket mates, in every band and both levels.

    Returns (encoded pairs, band and key of each oversized bucket hit).
    """
    pairs = np.empty(max(16, query_rows.size), np.uint64)
    n_pairs = 0
    skipped_bands = np.empty(0, np.int64)
    skipped_keys = np.empty(0, np.uint64)
    n_skipped = 0
    for band in range(query_keys.shape[1]):
        band_main_keys = main_keys[band]
        band_delta_keys = delta_keys[band]
        for q in range(query_rows.size):
            key = query_keys[q, band]
            if key == 0:
                continue
            main_start, main_stop = _bucket_range(band_main_keys, key, max_bucket_size)
            delta_start, delta_stop = _bucket_range(band_delta_keys, key, max_bucket_size)
            size = (main_stop - main_start) + (delta_stop - delta_start)
            if size > max_bucket_size:
                skipped_bands = _grown(skipped_bands, n_skipped + 1)
                skipped_keys = _grown(skipped_keys, n_skipped + 1)
                skipped_bands[n_skipped] = band
                skipped_keys[n_skipped] = key
                n_skipped += 1
                continue
            pairs = _grown(pairs, n_pairs + size)
            row = np.uint64(query_rows[q])
            for level in range(2):
                level_rows = main_rows[band] if level == 0 else delta_rows[band]
                start = main_start if level == 0 else delta_start
                stop = main_stop if level == 0 else delta_stop
                for i in range(start, stop):
                    other = np.uint64(level_rows[i])
                    if other != row:
                        pairs[n_pairs] = (min(row, other) << ROW_BITS) | max(row, other)
                        n_pairs += 1
    return pairs[:n_pairs], skipped_bands[:n_skipped], skipped_keys[:n_skipped]


@dataclass(frozen=True, slots=True)
class SkippedBuckets:
    """Buckets left out of the last pair search for holding more than
    ``max_bucket_size`` documents (boilerplate, templates), and the document
    entries in them."""

    buckets: int = 0
    entries: int = 0


class LshIndex:
    """Band keys of many documents, with candidate pairs over all of them or
    only those involving newly added documents.

    Documents are named by caller ids (int64, unique). Pairs come back as an
    ``(m, 2)`` int64 array of ids, each row ``(lo, hi)`` with ``lo < hi``,
    rows sorted, no duplicates. A bucket with more than ``max_bucket_size``
    documents yields no pairs (see ``skipped``), which keeps the pair count
    linear in the number of documents.
    """

    def __init__(self, config: LshConfig, max_bucket_size: int = 100, merge_fraction: float = 0.125) -> None:
        if max_bucket_size < 2:
            raise ValueError(f"max_bucket_size must be at least 2, got {max_bucket_size}")
        self.config = config
        self.max_bucket_size = max_bucket_size
        self.merge_fraction = merge_fraction
        self.skipped = SkippedBuckets()
        self._ids = np.empty(0, np.int64)
        self._n_rows = 0
        self._main_keys = np.empty((config.bands, 0), np.uint64)
        self._main_rows = np.empty((config.bands, 0), np.uint32)
        # Delta level: rows [_n_main, _n_rows), sorted per band, plus their keys by row.
        self._delta_keys = np.empty((config.bands, 0), np.uint64)
        self._delta_rows = np.empty((config.bands, 0), np.uint32)
        self._delta_by_row = np.empty((0, config.bands), np.uint64)
        # id -> row lookup: all ids sorted, with their rows; merged on each add.
        self._sorted_ids = np.empty(0, np.int64)
        self._sorted_id_rows = np.empty(0, np.uint32)

    # -- size and contents -------------------------------------------------

    def __len__(self) -> int:
        return self._n_rows

    @property
    def ids(self) -> np.ndarray:
        """Ids in insertion order (row order)."""
        return self._ids[: self._n_rows]

    @property
    def _n_main(self) -> int:
        return self._main_keys.shape[1]

    def nbytes(self) -> int:
        """Bytes held by the index arrays (excluding transient query buffers)."""
        arrays = (
            self._ids,
            self._main_keys,
            self._main_rows,
            self._delta_keys,
            self._delta_rows,
            self._delta_by_row,
            self._sorted_ids,
            self._sorted_id_rows,
        )
        return sum(a.nbytes for a in arrays)

    # -- updates -----------------------------------------------------------

    def add(self, ids: np.ndarray, keys: np.ndarray) -> None:
        """Add documents ``ids`` with band keys ``keys`` (``(len(ids), bands)`` uint64)."""
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        keys = np.ascontiguousarray(keys, dtype=np.uint64)
        if keys.shape != (ids.size, self.config.bands):
            raise ValueError(f"keys must have shape ({ids.size}, {self.config.bands}), got {keys.shape}")
        if ids.size == 0:
            return
        if self._n_rows + ids.size > int(ROW_MASK):
            raise ValueError("the index holds at most 2**32 - 1 documents")
        self._register_ids(ids)
        # Merge the old delta first, so the batch just added stays queryable cheaply.
        if self._delta_by_row.shape[0] > self.merge_fraction * max(self._n_main, 1):
            self.compact()
        first_row = self._n_rows
        self._append_ids(ids)
        keys_by_band = np.ascontiguousarray(keys.T)  # contiguous bands sort and gather faster
        batch_keys = np.empty((self.config.bands, ids.size), np.uint64)
        batch_rows = np.empty((self.config.bands, ids.size), np.uint32)
        for band in range(self.config.bands):
            batch_keys[band], batch_rows[band] = sort_band(keys_by_band[band], first_row)
        if self._n_main == 0 and self._delta_by_row.shape[0] == 0:
            self._main_keys, self._main_rows = batch_keys, batch_rows
            return
        self._delta_keys, self._delta_rows = self._merged(self._delta_keys, self._delta_rows, batch_keys, batch_rows)
        self._delta_by_row = np.concatenate([self._delta_by_row, keys])

    def compact(self) -> None:
        """Merge the delta level into the main level (done automatically)."""
        if self._delta_by_row.shape[0] == 0:
            return
        self._main_keys, self._main_rows = self._merged(
            self._main_keys, self._main_rows, self._delta_keys, self._delta_rows
        )
        self._delta_keys = np.empty((self.config.bands, 0), np.uint64)
        self._delta_rows = np.empty((self.config.bands, 0), np.uint32)
        self._delta_by_row = np.empty((0, self.config.bands), np.uint64)

    def _merged(
        self, keys_a: np.ndarray, rows_a: np.ndarray, keys_b: np.ndarray, rows_b: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        width = keys_a.shape[1] + keys_b.shape[1]
        out_keys = np.empty((self.config.bands, width), np.uint64)
        out_rows = np.empty((self.config.bands, width), np.uint32)
        _merge_levels(keys_a, rows_a, keys_b, rows_b, out_keys, out_rows)
        return out_keys, out_rows

    def _append_ids(self, ids: np.ndarray) -> None:
        needed = self._n_rows + ids.size
        if needed > self._ids.size:
            # Geometric growth keeps many small adds linear overall.
            grown = np.empty(max(needed, 2 * self._ids.size), np.int64)
            grown[: self._n_rows] = self._ids[: self._n_rows]
            self._ids = grown
        self._ids[self._n_rows : needed] = ids
        self._n_rows = needed

    def _register_ids(self, ids: np.ndarray) -> None:
        """Merge ``ids`` into the sorted id lookup; reject duplicates before any change."""
        order = np.argsort(ids, kind="stable")
        new_sorted = ids[order]
        if new_sorted.size > 1 and np.any(new_sorted[1:] == new_sorted[:-1]):
            raise ValueError("ids in one add must be unique")
        positions = np.searchsorted(self._sorted_ids, new_sorted)
        clash = positions < self._sorted_ids.size
        if np.any(self._sorted_ids[positions[clash]] == new_sorted[clash]):
            raise ValueError("some ids are already in the index")
        self._sorted_ids = np.insert(self._sorted_ids, positions, new_sorted)
        new_rows = (order + self._n_rows).astype(np.uint32)
        self._sorted_id_rows = np.insert(self._sorted_id_rows, positions, new_rows)

    def _rows_of(self, ids: np.ndarray) -> np.ndarray:
        """Rows of ``ids``; KeyError for ids not in the index."""
        if self._n_rows == 0:
            if ids.size:
                raise KeyError(f"ids not in the index: {ids[:5].tolist()}")
            return np.empty(0, np.int64)
        positions = np.minimum(np.searchsorted(self._sorted_ids, ids), self._n_rows - 1)
        found = self._sorted_ids[positions] == ids
        if not found.all():
            raise KeyError(f"ids not in the index: {ids[~found][:5].tolist()}")
        return self._sorted_id_rows[positions].astype(np.int64)

    # -- queries -----------------------------------------------------------

    def candidate_pairs(self) -> np.ndarray:
        """All candidate pairs in the index."""
        self.compact()
        counts, skipped_buckets, skipped_entries = count_bucket_pairs(self._main_keys, self.max_bucket_size)
        self._note_skipped(int(skipped_buckets.sum()), int(skipped_entries.sum()))
        band_starts = np.zeros(counts.size + 1, np.int64)
        np.cumsum(counts, out=band_starts[1:])
        encoded = np.empty(int(band_starts[-1]), np.uint64)
        emit_bucket_pairs(self._main_keys, self._main_rows, self.max_bucket_size, band_starts, encoded)
        return self._pairs_to_ids(encoded)

    def query_pairs(self, new_ids: np.ndarray) -> np.ndarray:
        """Candidate pairs with at least one document in ``new_ids``: what an
        incremental update needs after ``add`` (new-old and new-new pairs)."""
        new_ids = np.ascontiguousarray(new_ids, dtype=np.int64)
        rows = self._rows_of(new_ids)
        query_keys = self._keys_of_rows(rows)
        encoded, skipped_bands, skipped_keys = _query_bands(
            rows.astype(np.uint32),
            query_keys,
            self._main_keys,
            self._main_rows,
            self._delta_keys,
            self._delta_rows,
            self.max_bucket_size,
        )
        sizes = [
            self._bucket_sizes(band, np.unique(skipped_keys[skipped_bands == band]))
            for band in np.unique(skipped_bands)
        ]
        sizes_array = np.concatenate(sizes) if sizes else np.empty(0, np.int64)
        self._note_skipped(int(sizes_array.size), int(sizes_array.sum()))
        return self._pairs_to_ids(encoded)

    def _keys_of_rows(self, rows: np.ndarray) -> np.ndarray:
        """Band keys ``(len(rows), bands)`` of the given rows."""
        keys = np.empty((rows.size, self.config.bands), np.uint64)
        in_delta = rows >= self._n_main
        keys[in_delta] = self._delta_by_row[rows[in_delta] - self._n_main]
        in_main = ~in_delta
        if in_main.any():
            # Main rows are stored by key, not by row: find them with one scan per band.
            wanted = np.full(self._n_rows, -1, np.int64)
            wanted[rows[in_main]] = np.flatnonzero(in_main)
            for band in range(self.config.bands):
                slots = wanted[self._main_rows[band]]
                hit = slots >= 0
                keys[slots[hit], band] = self._main_keys[band][hit]
        return keys

    def _bucket_sizes(self, band: int, bucket_keys: np.ndarray) -> np.ndarray:
        sizes = np.zeros(bucket_keys.size, np.int64)
        for level_keys in (self._main_keys[band], self._delta_keys[band]):
            sizes += np.searchsorted(level_keys, bucket_keys, "right") - np.searchsorted(level_keys, bucket_keys)
        return sizes

    def _note_skipped(self, buckets: int, entries: int) -> None:
        self.skipped = SkippedBuckets(buckets=buckets, entries=entries)

    def _pairs_to_ids(self, encoded: np.ndarray) -> np.ndarray:
        encoded = np.unique(encoded)
        first = self._ids[(encoded >> ROW_BITS).astype(np.int64)]
        second = self._ids[(encoded & ROW_MASK).astype(np.int64)]
        pairs = np.stack([np.minimum(first, second), np.maximum(first, second)], axis=1)
        order = np.lexsort((pairs[:, 1], pairs[:, 0]))
        return pairs[order]

    # -- persistence -------------------------------------------------------

    def to_bytes(self) -> bytes:
        """Serialise (``.npz`` layout, no pickle) for a file or an SQLite BLOB."""
        self.compact()
        buffer = io.BytesIO()
        header = np.array(
            [_FORMAT_VERSION, self.config.num_perm, self.config.bands, self.config.rows, self.max_bucket_size], np.int64
        )
        np.savez(
            buffer,
            header=header,
            merge_fraction=np.array([self.merge_fraction]),
            ids=self.ids,
            keys=self._main_keys,
            rows=self._main_rows,
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> LshIndex:
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            version, num_perm, bands, rows, max_bucket_size = (int(v) for v in arrays["header"])
            if version != _FORMAT_VERSION:
                raise ValueError(f"unsupported LshIndex format version {version}")
            index = cls(
                LshConfig(num_perm=num_perm, bands=bands, rows=rows),
                max_bucket_size=max_bucket_size,
                merge_fraction=float(arrays["merge_fraction"][0]),
            )
            ids = arrays["ids"].astype(np.int64)
            index._register_ids(ids)
            index._ids = ids
            index._n_rows = ids.size
            index._main_keys = np.ascontiguousarray(arrays["keys"], dtype=np.uint64)
            index._main_rows = np.ascontiguousarray(arrays["rows"], dtype=np.uint32)
        return index
