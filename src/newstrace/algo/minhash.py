"""Batch MinHash signatures of shingle sets.

Permutation ``p`` maps a shingle hash ``x`` (folded to 32 bits) to
``((a_p * x + b_p) mod 2**64) >> 32`` with random 64-bit ``a_p`` (odd) and
``b_p``: Dietzfelbinger's multiply-add-shift family, 2-independent for 32-bit
keys, and one vector multiply per four lanes, which is what makes 128
permutations over ~400 shingles cost ~15 microseconds per article.

The parameters come from ``numpy.random.Generator(PCG64(seed))`` so they are
the same on every machine; signatures computed anywhere can be compared.
"""

from __future__ import annotations

from dataclasses import dataclass

import numba
import numpy as np

from newstrace.algo.jit import njit

__all__ = ["EMPTY_VALUE", "MinHashConfig", "MinHasher", "is_empty_signature", "jaccard"]

# A document without shingles keeps every slot at this value; see is_empty_signature.
EMPTY_VALUE = np.uint32(0xFFFFFFFF)


@dataclass(frozen=True, slots=True)
class MinHashConfig:
    """``num_perm`` permutations drawn from ``seed``; same config, same signatures."""

    num_perm: int = 128
    seed: int = 1

    def __post_init__(self) -> None:
        if self.num_perm < 1:
            raise ValueError(f"num_perm must be positive, got {self.num_perm}")


@njit(inline="always")
def _fold_to_32(x: np.uint64) -> np.uint64:
    # Shingle hashes are already well mixed, so xor-folding keeps them uniform.
    return (x ^ (x >> np.uint64(32))) & np.uint64(0xFFFFFFFF)


@njit(parallel=True)
def _signatures_kernel(
    values: np.ndarray,
    offsets: np.ndarray,
    multipliers: np.ndarray,
    increments: np.ndarray,
    out: np.ndarray,
) -> None:
    n_docs = offsets.size - 1
    num_perm = multipliers.size
    shift = np.uint64(32)
    for doc in numba.prange(n_docs):
        signature = out[doc]
        for p in range(num_perm):
            signature[p] = 0xFFFFFFFF
        start = offsets[doc]
        stop = offsets[doc + 1]
        i = start
        # Two shingles per pass halves the loads and stores of the signature row.
        while i + 1 < stop:
            x0 = _fold_to_32(np.uint64(values[i]))
            x1 = _fold_to_32(np.uint64(values[i + 1]))
            for p in range(num_perm):
                h0 = np.uint32((multipliers[p] * x0 + increments[p]) >> shift)
                h1 = np.uint32((multipliers[p] * x1 + increments[p]) >> shift)
                signature[p] = min(signature[p], min(h0, h1))
            i += 2
        if i < stop:
            x0 = _fold_to_32(np.uint64(values[i]))
            for p in range(num_perm):
                h0 = np.uint32((multipliers[p] * x0 + increments[p]) >> shift)
                signature[p] = min(signature[p], h0)


class MinHasher:
    """Computes MinHash signatures for batches of documents in CSR layout."""

    __slots__ = ("_increments", "_multipliers", "config")

    def __init__(self, num_perm: int = 128, seed: int = 1) -> None:
        self.config = MinHashConfig(num_perm=num_perm, seed=seed)
        rng = np.random.Generator(np.random.PCG64(seed))
        full_range = np.iinfo(np.uint64).max
        self._multipliers = rng.integers(0, full_range, size=num_perm, dtype=np.uint64, endpoint=True)
        self._multipliers |= np.uint64(1)  # an even multiplier would drop the top bit of x
        self._increments = rng.integers(0, full_range, size=num_perm, dtype=np.uint64, endpoint=True)

    def __repr__(self) -> str:
        return f"MinHasher(num_perm={self.config.num_perm}, seed={self.config.seed})"

    @classmethod
    def from_config(cls, config: MinHashConfig) -> MinHasher:
        return cls(num_perm=config.num_perm, seed=config.seed)

    @property
    def num_perm(self) -> int:
        return self.config.num_perm

    def signatures(self, values: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """Signatures ``(n_docs, num_perm)`` uint32 of the shingle sets
        ``values[offsets[i]:offsets[i + 1]]`` (uint32 or uint64 hashes).

        A document with no shingles gets an all-``EMPTY_VALUE`` row, which
        ``band_keys`` and ``jaccard`` treat as matching nothing.
        """
        if values.dtype not in (np.uint32, np.uint64):
            raise TypeError(f"shingle hashes must be uint32 or uint64, got {values.dtype}")
        offsets = np.ascontiguousarray(offsets, dtype=np.int64)
        if offsets.ndim != 1 or offsets.size < 1:
            raise ValueError("offsets must be a 1-D array of n_docs + 1 positions")
        if offsets[0] != 0 or offsets[-1] != values.size or np.any(np.diff(offsets) < 0):
            raise ValueError("offsets must start at 0, be non-decreasing and end at len(values)")
        out = np.empty((offsets.size - 1, self.num_perm), np.uint32)
        _signatures_kernel(np.ascontiguousarray(values), offsets, self._multipliers, self._increments, out)
        return out

    def signature(self, shingle_hashes: np.ndarray) -> np.ndarray:
        """Signature ``(num_perm,)`` of one shingle set."""
        offsets = np.array([0, shingle_hashes.size], np.int64)
        signature: np.ndarray = self.signatures(shingle_hashes, offsets)[0]
        return signature


def is_empty_signature(signatures: np.ndarray) -> np.ndarray | bool:
    """True where a signature is the empty-document sentinel (row-wise for 2-D input)."""
    empty: np.ndarray | bool = np.all(signatures == EMPTY_VALUE, axis=-1)
    return empty


def jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float | np.ndarray:
    """Estimated Jaccard similarity: the share of equal slots.

    Works on one pair of signatures or row-wise on two ``(n, num_perm)``
    arrays. An empty document's estimate is 0 against everything, itself
    included, so empty texts never look like copies of each other.
    """
    if sig_a.shape != sig_b.shape:
        raise ValueError(f"signature shapes differ: {sig_a.shape} vs {sig_b.shape}")
    estimate = np.mean(sig_a == sig_b, axis=-1)
    empty = is_empty_signature(sig_a) | is_empty_signature(sig_b)
    if np.ndim(estimate) == 0:
        return 0.0 if empty else float(estimate)
    return np.where(empty, 0.0, estimate)
