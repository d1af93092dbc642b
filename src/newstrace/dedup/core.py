"""Near-duplicate clustering of a stream of texts, without a store: the pure part of
``newstrace dedup``, reusable by any driver that can feed batches (a CLI, a Spark task).

Each text gets word 5-shingles, a MinHash signature and LSH band keys (the kernels of
``newstrace.algo``). Texts with the same words in the same order are exact copies: only the
first of them enters the LSH index, so a thousand reprints never form one oversized bucket.
At the end the candidate pairs are verified on their signatures (``newstrace.dedup.pairs``:
each distinct pair once, in the first band that pairs it) and joined into clusters
(connected components); each cluster keeps one representative, the earliest or the longest,
chosen by a key of the article's own values (never its position), so shuffling the input
changes nothing.

Similarity is the estimated *overlap* of two texts' shingle sets, |A∩B| / min(|A|, |B|),
derived from the MinHash Jaccard estimate and the set sizes: a reprint that adds a lead, a
"Baca Juga" line or a background section keeps a high overlap with its source while its
Jaccard similarity falls to 0.3 (the seed copies). Set sizes are shingle counts, which in
prose barely differ from distinct counts.

Memory per text: the signature (4 bytes per permutation) and about 50 bytes of keys, sizes
and the exact-copy table, all in numpy arrays. Band keys are not kept: ``result`` derives them
from the signatures one band at a time, so the LSH stage holds one band's keys (8 bytes per
text) at a time plus the candidate pairs, never an index of every band; verification adds a
4-bit sketch per slot (64 bytes a text) while it runs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import xxhash

from newstrace.algo.buckets import oversized_bucket_pairs
from newstrace.algo.lsh import LshConfig, band_key_column
from newstrace.algo.minhash import MinHasher, is_empty_signature
from newstrace.algo.shingles import batch_shingle_hashes
from newstrace.dedup.pairs import pair_overlaps, signature_sketches, verify_band_pairs

__all__ = [
    "DedupConfig",
    "DedupResult",
    "Deduplicator",
    "REASONS",
    "identity_keys",
    "lsh_threshold",
    "overlap_from_jaccard",
    "rank_keys",
    "shingle_batch",
    "signature_overlap",
    "text_fingerprints",
]

KeepRule = Literal["earliest", "longest"]
REASONS = ("kept", "exact", "near")  # reason codes 0, 1, 2 of DedupResult.reason


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """``threshold``: the overlap at which two texts are near-duplicates."""

    threshold: float = 0.5
    keep: KeepRule = "earliest"
    num_perm: int = 128
    shingle_size: int = 5
    seed: int = 1
    max_bucket_size: int = 200

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must lie in (0, 1], got {self.threshold}")
        if self.keep not in ("earliest", "longest"):
            raise ValueError(f"keep must be 'earliest' or 'longest', got {self.keep!r}")


def lsh_threshold(overlap: float) -> float:
    """The Jaccard similarity the LSH bands are tuned for: the lowest Jaccard of two texts
    with ``overlap``, when one is up to twice as long as the other."""
    return max(0.05, min(0.95, overlap / (3.0 - overlap)))


def overlap_from_jaccard(jaccard: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    """|A∩B| / min(|A|, |B|) from the Jaccard estimate and the set sizes, clipped to [0, 1]."""
    size_a = size_a.astype(np.float64)
    size_b = size_b.astype(np.float64)
    shared = jaccard * (size_a + size_b) / (1.0 + jaccard)
    smaller = np.maximum(np.minimum(size_a, size_b), 1.0)
    containment: np.ndarray = np.clip(shared / smaller, 0.0, 1.0)
    return containment


@dataclass(slots=True)
class DedupResult:
    """Per text, in the order added: the position of its cluster's representative, the
    similarity (overlap) to it, and why it is dropped (``REASONS``; 0 = kept)."""

    representative: np.ndarray  # int64
    similarity: np.ndarray  # float32; 1.0 for a representative
    reason: np.ndarray  # int8
    candidate_pairs: int = 0  # distinct pairs sharing an LSH band
    verified_pairs: int = 0
    skipped_buckets: int = 0

    @property
    def keep(self) -> np.ndarray:
        kept: np.ndarray = self.reason == 0
        return kept

    def summary(self) -> dict[str, object]:
        sizes = np.bincount(self.representative, minlength=self.representative.size)
        dropped = Counter(REASONS[int(code)] for code in self.reason[self.reason > 0])
        return {
            "articles": int(self.representative.size),
            "kept": int(self.keep.sum()),
            "clusters": int((sizes > 1).sum()),
            "dropped": int(sum(dropped.values())),
            "dropped_by_reason": {reason: dropped.get(reason, 0) for reason in REASONS[1:]},
            "largest_cluster": int(sizes.max(initial=0)),
            "candidate_pairs": self.candidate_pairs,
            "verified_pairs": self.verified_pairs,
        }


class _Blocks:
    """Rows appended in batches into fixed blocks of 65,536: growing never copies what is
    stored (a doubling array would briefly hold it twice), and rows are gathered by number."""

    _SHIFT = 16

    def __init__(self, width: int, dtype: type) -> None:
        self.width = width
        self.dtype = dtype
        self.blocks: list[np.ndarray] = []
        self.size = 0

    @property
    def nbytes(self) -> int:
        return sum(b.nbytes for b in self.blocks)

    def extend(self, rows: np.ndarray) -> None:
        block_size = 1 << self._SHIFT
        done = 0
        while done < rows.shape[0]:
            offset = self.size & (block_size - 1)
            if offset == 0:
                self.blocks.append(np.empty((block_size, self.width), self.dtype))
            step = min(block_size - offset, rows.shape[0] - done)
            self.blocks[-1][offset : offset + step] = rows[done : done + step]
            done += step
            self.size += step

    def filled(self) -> list[np.ndarray]:
        """The stored rows, block by block (views, no copy)."""
        block_size = 1 << self._SHIFT
        return [block[: min(block_size, self.size - number * block_size)] for number, block in enumerate(self.blocks)]

    def contiguous(self) -> np.ndarray:
        """The stored rows as one array, for kernels that read rows by number. The blocks are
        moved into it one at a time and stay its views (so ``extend`` goes on): memory holds
        the rows once plus a block, never twice."""
        block_size = 1 << self._SHIFT
        if not self.blocks:
            return np.empty((0, self.width), self.dtype)
        joined = self.blocks[0].base if self.blocks[0].base is not None else self.blocks[0]
        if joined.shape[0] < len(self.blocks) * block_size:  # not joined yet, or grown since
            joined = np.empty((len(self.blocks) * block_size, self.width), self.dtype)
            for number in range(len(self.blocks)):
                joined[number * block_size : (number + 1) * block_size] = self.blocks[number]
                self.blocks[number] = joined[number * block_size : (number + 1) * block_size]
        rows: np.ndarray = joined[: self.size]
        return rows

    def take(self, rows: np.ndarray) -> np.ndarray:
        out: np.ndarray = np.empty((rows.size, self.width), self.dtype)
        block_of = rows >> self._SHIFT
        offset = rows & ((1 << self._SHIFT) - 1)
        if len(self.blocks) == 1:
            only: np.ndarray = self.blocks[0][offset]
            return only
        for block, stored in enumerate(self.blocks):
            where = np.flatnonzero(block_of == block)
            if where.size:
                out[where] = stored[offset[where]]
        return out


class _FingerprintTable:
    """Fingerprint -> the signature row of its first text, as sorted numpy arrays (16 bytes a
    text; a dict of Python ints would take about 100)."""

    def __init__(self) -> None:
        self.fingerprints = np.empty(0, np.uint64)
        self.rows = np.empty(0, np.int64)

    @property
    def nbytes(self) -> int:
        return self.fingerprints.nbytes + self.rows.nbytes

    def assign(self, fingerprints: np.ndarray, next_row: int) -> tuple[np.ndarray, np.ndarray]:
        """The signature row of each text of a batch, and the positions of the texts that need
        a new one (in order: rows ``next_row``, ``next_row + 1``, ...). A text whose fingerprint
        was seen before, in an earlier batch or earlier in this one, takes that text's row;
        texts without words (fingerprint 0) each get their own."""
        rows = np.full(fingerprints.size, -1, np.int64)
        if self.fingerprints.size:
            where = np.minimum(np.searchsorted(self.fingerprints, fingerprints), self.fingerprints.size - 1)
            known = (self.fingerprints[where] == fingerprints) & (fingerprints != 0)
            rows[known] = self.rows[where[known]]
        unseen = np.flatnonzero(rows < 0)
        values = fingerprints[unseen]
        # Among the unseen, the first text of each fingerprint (and every empty text) is new.
        _, first_index, inverse = np.unique(values, return_index=True, return_inverse=True)
        first = np.zeros(unseen.size, bool)
        first[first_index] = True
        first |= values == 0
        take = unseen[first]
        rows[take] = next_row + np.arange(take.size, dtype=np.int64)
        rows[unseen[~first]] = rows[unseen[first_index[inverse[~first]]]]
        fresh = take[fingerprints[take] != 0]
        if fresh.size:
            order = np.argsort(fingerprints[fresh])
            added, added_rows = fingerprints[fresh][order], rows[fresh][order]
            at = np.searchsorted(self.fingerprints, added)  # a merge: O(table) per batch, no re-sort
            self.fingerprints = np.insert(self.fingerprints, at, added)
            self.rows = np.insert(self.rows, at, added_rows)
        return rows, take


@dataclass(slots=True)
class _Keys:
    """Per-text values kept to the end: what chooses representatives and measures overlap."""

    fingerprint: list[np.ndarray] = field(default_factory=list)  # uint64
    identity: list[np.ndarray] = field(default_factory=list)  # uint64 hash of the id
    published: list[np.ndarray] = field(default_factory=list)  # float64 epoch seconds; nan = undated
    words: list[np.ndarray] = field(default_factory=list)  # int32
    signature_row: list[np.ndarray] = field(default_factory=list)  # int64 row in the signatures


class Deduplicator:
    """Feed batches with ``add``; ``result`` clusters everything added so far."""

    def __init__(self, config: DedupConfig | None = None) -> None:
        self.config = config or DedupConfig()
        self.hasher = MinHasher(self.config.num_perm, self.config.seed)
        self.lsh = LshConfig.for_threshold(lsh_threshold(self.config.threshold), self.config.num_perm)
        self._signatures = _Blocks(self.config.num_perm, np.uint32)
        self._sizes = _Blocks(1, np.int32)  # shingle count per signature row
        self._first_by_fingerprint = _FingerprintTable()  # fingerprint -> its signature row
        self._keys = _Keys()
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def nbytes(self) -> int:
        """Bytes held for the texts added so far (signatures, keys and the exact-copy table)."""
        keys = sum(
            a.nbytes
            for part in (
                self._keys.fingerprint,
                self._keys.identity,
                self._keys.published,
                self._keys.words,
                self._keys.signature_row,
            )
            for a in part
        )
        return self._signatures.nbytes + self._sizes.nbytes + self._first_by_fingerprint.nbytes + keys

    def add(self, texts: Sequence[str], ids: Sequence[str], published: Sequence[float | None]) -> None:
        """Add a batch: texts, their ids (for the tie-break of representatives) and their times
        (epoch seconds, None if undated)."""
        if not (len(texts) == len(ids) == len(published)):
            raise ValueError("texts, ids and published must have the same length")
        n = len(texts)
        if n == 0:
            return
        values, offsets, words, fingerprints = shingle_batch(texts, self.config.shingle_size)
        counts = np.diff(offsets)
        rows, take = self._first_by_fingerprint.assign(fingerprints, self._signatures.size)
        if take.size == n:
            self._signatures.extend(self.hasher.signatures(values, offsets))
            self._sizes.extend(counts.astype(np.int32)[:, None])
        elif take.size > 0.9 * n:  # a few exact copies: signing them costs less than copying the shingles
            self._signatures.extend(self.hasher.signatures(values, offsets)[take])
            self._sizes.extend(counts[take].astype(np.int32)[:, None])
        elif take.size:
            sub_values, sub_offsets = _select(values, offsets, take)
            self._signatures.extend(self.hasher.signatures(sub_values, sub_offsets))
            self._sizes.extend(np.diff(sub_offsets).astype(np.int32)[:, None])
        self._keys.fingerprint.append(fingerprints)
        self._keys.identity.append(identity_keys(ids))
        self._keys.published.append(np.array([np.nan if p is None else p for p in published], np.float64))
        self._keys.words.append(words)
        self._keys.signature_row.append(rows)
        self._count += n

    def result(self) -> DedupResult:
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        n = self._count
        if n == 0:
            empty = np.empty(0, np.int64)
            return DedupResult(empty, np.empty(0, np.float32), np.empty(0, np.int8))
        rows = np.concatenate(self._keys.signature_row)
        signatures = self._signatures
        sizes = np.ascontiguousarray(self._sizes.take(np.arange(self._sizes.size))[:, 0])
        verified, band_pairs, skipped_buckets = self._verified_pairs(signatures, sizes)
        # Graph over signature rows (exact copies share one), then each text takes its row's component.
        m = self._signatures.size
        graph = coo_matrix((np.ones(len(verified), np.int8), (verified[:, 0], verified[:, 1])), shape=(m, m))
        _, row_component = connected_components(graph, directed=False)
        component = row_component[rows]
        representative = self._representatives(component)
        rep_rows = rows[representative]
        similarity = np.ones(n, np.float32)  # a representative and its exact copies share its row
        linked = np.flatnonzero(rows != rep_rows)
        similarity[linked] = self._overlap(rows[linked], rep_rows[linked], signatures, sizes)
        fingerprints = np.concatenate(self._keys.fingerprint)
        is_rep = representative == np.arange(n)
        exact = (fingerprints == fingerprints[representative]) & (fingerprints != 0)
        similarity[exact | is_rep] = 1.0
        reason = np.where(is_rep, 0, np.where(exact, 1, 2)).astype(np.int8)
        return DedupResult(
            representative,
            similarity,
            reason,
            candidate_pairs=band_pairs,
            verified_pairs=len(verified),
            skipped_buckets=skipped_buckets,
        )

    def _verified_pairs(self, signatures: _Blocks, sizes: np.ndarray) -> tuple[np.ndarray, int, int]:
        """Signature rows ``(m, 2)`` sharing a band whose overlap reaches the threshold (each
        pair once, sorted); the distinct candidate pairs; and the buckets
        skipped as oversized. One band's keys and pairs are held at a time: the candidates of
        all bands at once (with the repeats across bands) would outweigh the signatures."""
        parts: list[np.ndarray] = [np.empty(0, np.uint64)]
        band_pairs = 0
        rows = signatures.contiguous()
        sketches = signature_sketches(rows)
        skipped: list[np.ndarray] = []  # per band, the sorted keys of the buckets left out
        for band in range(self.lsh.bands):
            keys = np.concatenate(
                [band_key_column(block, band, self.lsh) for block in signatures.filled()] or [np.empty(0, np.uint64)]
            )
            encoded, band_skipped, _ = oversized_bucket_pairs(keys, self.config.max_bucket_size)
            del keys
            skipped.append(band_skipped)
            skipped_starts = np.zeros(len(skipped) + 1, np.int64)
            np.cumsum([k.size for k in skipped], out=skipped_starts[1:])
            # A pair sharing an earlier band's bucket was verified there; only the others are now.
            new, kept = verify_band_pairs(
                encoded,
                rows,
                sketches,
                sizes,
                band,
                self.lsh.rows,
                self.config.threshold,
                np.concatenate(skipped),
                skipped_starts,
            )
            band_pairs += new
            parts.append(encoded[:kept].copy())
        encoded = np.unique(np.concatenate(parts))  # lo << 32 | hi sorts as the pairs (lo, hi)
        verified = np.stack([encoded >> np.uint64(32), encoded & np.uint64(0xFFFFFFFF)], axis=1).astype(np.int64)
        return verified, band_pairs, sum(k.size for k in skipped)

    def _overlap(self, a: np.ndarray, b: np.ndarray, signatures: _Blocks, sizes: np.ndarray) -> np.ndarray:
        return pair_overlaps(a, b, signatures.contiguous(), sizes)

    def _representatives(self, component: np.ndarray) -> np.ndarray:
        """Position of each text's representative: per component the first by the keep rule
        (earliest: then longest; longest: then earliest), ties broken by the id's hash, then
        the fingerprint (never by position)."""
        identity = np.concatenate(self._keys.identity)
        fingerprints = np.concatenate(self._keys.fingerprint)
        primary, secondary = rank_keys(
            np.concatenate(self._keys.published), np.concatenate(self._keys.words), self.config.keep
        )
        order = np.lexsort((fingerprints, identity, secondary, primary, component))  # last key sorts first
        first = np.ones(order.size, bool)
        first[1:] = component[order][1:] != component[order][:-1]
        rep_of_component = np.empty(int(component.max()) + 1, np.int64)
        rep_of_component[component[order][first]] = order[first]
        representatives: np.ndarray = rep_of_component[component]
        return representatives


def shingle_batch(texts: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per text of a batch: its shingle hashes in CSR layout ``(values, offsets)``, its word
    count (int32) and its exact-copy fingerprint (uint64, 0 for a text without words)."""
    values, offsets = batch_shingle_hashes(texts, k)
    counts = np.diff(offsets)
    # k + c - 1 words make c shingles; a text of k words or fewer makes one shingle of all its words.
    words = np.where(
        counts > 1, counts + k - 1, [len(t.split()) if c == 1 else 0 for t, c in zip(texts, counts.tolist())]
    ).astype(np.int32)
    # The shingle sequence determines the word sequence, so it fingerprints exact copies.
    return values, offsets, words, text_fingerprints(values, offsets)


def identity_keys(ids: Sequence[str]) -> np.ndarray:
    """uint64 hashes of the ids: the last tie-break but one between representatives."""
    return np.array([xxhash.xxh3_64_intdigest(i.encode("utf-8", "surrogatepass")) for i in ids], np.uint64)


def rank_keys(published: np.ndarray, words: np.ndarray, keep: KeepRule) -> tuple[np.ndarray, np.ndarray]:
    """The first two keys a representative is chosen by, smallest first: (time, -words) for
    ``earliest``, (-words, time) for ``longest``; undated texts come last by time."""
    time = np.where(np.isnan(published), np.inf, published)
    length = -words.astype(np.float64)  # longest first
    return (time, length) if keep == "earliest" else (length, time)


def signature_overlap(sig_a: np.ndarray, sig_b: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    """Row-wise overlap estimate of two ``(n, num_perm)`` signature arrays whose shingle
    counts are ``size_a`` and ``size_b``; 0 where either text is empty."""
    jaccard = (sig_a == sig_b).mean(axis=1)
    empty = np.asarray(is_empty_signature(sig_a)) | np.asarray(is_empty_signature(sig_b))
    overlap: np.ndarray = np.where(empty, 0.0, overlap_from_jaccard(jaccard, size_a, size_b))
    return overlap


def text_fingerprints(values: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """uint64 fingerprints of the shingle sequences: equal exactly when the texts have the same
    words in the same order (as ``algo.exact``, on 64 bits); 0 for a text without words."""
    contiguous: Any = np.ascontiguousarray(values, dtype="<u8")
    data = memoryview(contiguous).cast("B")  # slices without copies
    starts = (offsets * 8).tolist()
    return np.fromiter(
        ((xxhash.xxh3_64_intdigest(data[a:b]) or 1) if b > a else 0 for a, b in zip(starts[:-1], starts[1:])),
        np.uint64,
        len(starts) - 1,
    )


def _select(values: np.ndarray, offsets: np.ndarray, take: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The CSR rows ``take`` of ``(values, offsets)``."""
    if take.size == offsets.size - 1:
        return values, offsets
    lengths = offsets[take + 1] - offsets[take]
    new_offsets = np.zeros(take.size + 1, np.int64)
    np.cumsum(lengths, out=new_offsets[1:])
    index = np.repeat(offsets[take] - new_offsets[:-1], lengths) + np.arange(int(new_offsets[-1]))
    return values[index], new_offsets
