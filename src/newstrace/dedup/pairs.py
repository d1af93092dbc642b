"""Verification of candidate pairs on their MinHash signatures ``(rows, num_perm)``, read in
place by row number.

A million signatures take 512 MB, and a candidate pair's two rows are anywhere in them: reading
1 KB from memory per pair is what verification costs, not comparing it. So each row also has a
*sketch*, the low 4 bits of every slot (64 bytes, one cache line), read first. Slots that are
equal have equal sketches, so the sketch's count of equal slots is an upper bound of the true
count, and a sketch band that differs is a band that differs: a pair the sketch rules out is
ruled out exactly, and only the pairs it lets through (near-duplicates, and about one in sixteen
slots of the others) read their full rows. The result is the same as comparing full rows.
"""

from __future__ import annotations

import numpy as np

from newstrace.algo.jit import njit, prefetch
from newstrace.algo.lsh import band_key
from newstrace.algo.minhash import EMPTY_VALUE

__all__ = ["pair_overlaps", "signature_sketches", "verify_band_pairs"]

_AHEAD = 16  # pairs between fetching a pair's sketches and reading them


def signature_sketches(signatures: np.ndarray) -> np.ndarray:
    """The sketches ``(rows, ceil(num_perm / 2))`` of ``signatures``: the low 4 bits of slot
    ``2j`` and ``2j + 1`` in byte ``j`` (low and high half; an odd last slot pairs with 0)."""
    width = signatures.shape[1]
    out = np.zeros((signatures.shape[0], (width + 1) // 2), np.uint8)
    step = 1 << 16  # bounded temporaries
    for start in range(0, signatures.shape[0], step):
        part = signatures[start : start + step]
        low = part[:, 0::2] & np.uint32(0xF)
        low[:, : width // 2] |= (part[:, 1::2] & np.uint32(0xF)) << np.uint32(4)
        out[start : start + step] = low
    return out


@njit(inline="always")
def _equal_slots(sig_a: np.ndarray, sig_b: np.ndarray) -> int:
    equal = 0
    for p in range(sig_a.size):  # nothing else in the loop, so that it is vectorised
        equal += int(sig_a[p] == sig_b[p])
    return equal


@njit(inline="always")
def _equal_slots_at_most(sketch_a: np.ndarray, sketch_b: np.ndarray) -> int:
    """An upper bound of the equal slots: the equal 4-bit halves of the sketches."""
    equal = 0
    for j in range(sketch_a.size):
        x = sketch_a[j] ^ sketch_b[j]
        equal += int((x & 0xF) == 0) + int((x >> 4) == 0)
    return equal


@njit(inline="always")
def _is_empty_row(signature: np.ndarray) -> bool:
    if signature[0] != EMPTY_VALUE:  # the common case, decided by one slot
        return False
    for p in range(signature.size):
        if signature[p] != EMPTY_VALUE:
            return False
    return True


@njit(inline="always")
def _overlap_value(equal: int, num_perm: int, size_a: float, size_b: float) -> float:
    """``core.signature_overlap`` of one pair with ``equal`` equal slots, in the same float64
    steps (so the same value)."""
    jaccard = equal / num_perm
    shared = jaccard * (size_a + size_b) / (1.0 + jaccard)
    smaller = max(min(size_a, size_b), 1.0)
    return float(min(max(shared / smaller, 0.0), 1.0))


@njit()
def _pair_overlap(signatures: np.ndarray, a: int | np.int64, b: int | np.int64, sizes: np.ndarray) -> float:
    """The overlap of signature rows ``a`` and ``b``: 1.0 for a row with itself, 0.0 with an
    empty one."""
    if a == b:
        return 1.0
    sig_a = signatures[a]
    sig_b = signatures[b]
    if _is_empty_row(sig_a) or _is_empty_row(sig_b):
        return 0.0
    return _overlap_value(_equal_slots(sig_a, sig_b), sig_a.size, float(sizes[a]), float(sizes[b]))


@njit(inline="always")
def _same_band(sig_a: np.ndarray, sig_b: np.ndarray, band: int, rows: int) -> bool:
    same = True
    for slot in range(band * rows, (band + 1) * rows):
        same &= sig_a[slot] == sig_b[slot]
    return same


@njit(inline="always")
def _maybe_same_earlier_band(sketch_a: np.ndarray, sketch_b: np.ndarray, band: int, rows: int) -> bool:
    """False when the sketches show that no band before ``band`` has equal slots."""
    if rows == 2:  # a band is one sketch byte: compared without an early exit, vectorised
        found = 0
        for earlier in range(band):
            found |= int(sketch_a[earlier] == sketch_b[earlier])
        return found != 0
    for earlier in range(band):
        same = True
        for slot in range(earlier * rows, (earlier + 1) * rows):
            shift = (slot & 1) * 4
            same &= ((sketch_a[slot >> 1] >> shift) & 0xF) == ((sketch_b[slot >> 1] >> shift) & 0xF)
        if same:
            return True
    return False


@njit()
def _earlier_bands(
    signatures: np.ndarray,
    a: int | np.int64,
    b: int | np.int64,
    band: int,
    rows: int,
    skipped_keys: np.ndarray,
    skipped_starts: np.ndarray,
) -> tuple[bool, bool]:
    """Whether rows ``a`` and ``b`` have equal slots in a band before ``band`` (equal slots make
    equal keys), and whether one such band's bucket paired them (was not left out as oversized:
    band ``e``'s left-out keys are ``skipped_keys[skipped_starts[e]:skipped_starts[e + 1]]``)."""
    sig_a = signatures[a]
    sig_b = signatures[b]
    shared = False
    for earlier in range(band):
        if not _same_band(sig_a, sig_b, earlier, rows):
            continue
        shared = True
        skipped = skipped_keys[skipped_starts[earlier] : skipped_starts[earlier + 1]]
        if skipped.size == 0:
            return True, True
        key = band_key(signatures, int(a), earlier, rows)
        at = np.searchsorted(skipped, key)
        if at == skipped.size or skipped[at] != key:
            return True, True
    return shared, False


@njit()
def verify_band_pairs(
    encoded: np.ndarray,
    signatures: np.ndarray,
    sketches: np.ndarray,
    sizes: np.ndarray,
    band: int,
    rows: int,
    threshold: float,
    skipped_keys: np.ndarray,
    skipped_starts: np.ndarray,
) -> tuple[int, int]:
    """One band's candidate pairs (``lo << 32 | hi``): how many share no earlier band, and how
    many of those not verified in an earlier band (whose buckets left out as oversized have the
    sorted keys ``skipped_keys[skipped_starts[e]:skipped_starts[e + 1]]``) reach ``threshold``;
    these are moved to the front of ``encoded``, in order."""
    new = 0
    kept = 0
    num_perm = signatures.shape[1]
    for i in range(encoded.size):
        if i + _AHEAD < encoded.size:  # rows are scattered: fetch those of a later pair meanwhile
            ahead = encoded[i + _AHEAD]
            prefetch(sketches[np.int64(ahead >> np.uint64(32))], 0)
            prefetch(sketches[np.int64(ahead & np.uint64(0xFFFFFFFF))], 0)
            prefetch(sizes, np.int64(ahead >> np.uint64(32)))
            prefetch(sizes, np.int64(ahead & np.uint64(0xFFFFFFFF)))
        pair = encoded[i]
        a = np.int64(pair >> np.uint64(32))
        b = np.int64(pair & np.uint64(0xFFFFFFFF))
        sketch_a = sketches[a]
        sketch_b = sketches[b]
        shared = paired = False
        if _maybe_same_earlier_band(sketch_a, sketch_b, band, rows):
            shared, paired = _earlier_bands(signatures, a, b, band, rows, skipped_keys, skipped_starts)
        new += not shared
        if paired:
            continue
        at_most = _equal_slots_at_most(sketch_a, sketch_b)
        if _overlap_value(at_most, num_perm, float(sizes[a]), float(sizes[b])) < threshold:
            continue  # the overlap only falls with fewer equal slots
        if _pair_overlap(signatures, a, b, sizes) >= threshold:
            encoded[kept] = pair
            kept += 1
    return new, kept


@njit()
def _overlaps(a: np.ndarray, b: np.ndarray, signatures: np.ndarray, sizes: np.ndarray, out: np.ndarray) -> None:
    for i in range(a.size):
        out[i] = _pair_overlap(signatures, a[i], b[i], sizes)


def pair_overlaps(a: np.ndarray, b: np.ndarray, signatures: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The overlap of each pair of signature rows ``(a[i], b[i])`` (``sizes``: shingle count
    per row)."""
    out = np.empty(a.size, np.float64)
    _overlaps(a.astype(np.int64), b.astype(np.int64), np.ascontiguousarray(signatures), sizes, out)
    return out
