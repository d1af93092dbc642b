"""Exact duplicates: texts equal after lowercasing and dropping punctuation
and whitespace differences.

The fingerprint hashes the sequence of word hashes from ``shingles`` (the same
word definition MinHash uses), so two texts share a fingerprint exactly when
they have the same words in the same order. Grouping exact copies first lets
the caller keep one representative per group in the LSH index, where a
hundred identical reprints would otherwise form one oversized bucket.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

import xxhash

from newstrace.algo.shingles import batch_shingle_hashes

__all__ = ["EMPTY_FINGERPRINT", "content_fingerprint", "content_fingerprints", "group_exact"]

# Fingerprint of a text without words; group_exact never groups it.
EMPTY_FINGERPRINT = ""


def content_fingerprints(texts: Sequence[str]) -> list[str]:
    """Fingerprints (32 hex digits, xxh3-128) of many texts in one pass."""
    word_hashes, offsets = batch_shingle_hashes(texts, k=1)
    # Little-endian bytes so the fingerprint is the same on every machine.
    word_bytes = word_hashes.astype("<u8", copy=False).tobytes()
    byte_offsets = (offsets * 8).tolist()
    return [
        xxhash.xxh3_128_hexdigest(word_bytes[start:stop]) if stop > start else EMPTY_FINGERPRINT
        for start, stop in pairwise(byte_offsets)
    ]


def content_fingerprint(text: str) -> str:
    """Fingerprint of one text's normalised words; ``EMPTY_FINGERPRINT`` if it has none."""
    return content_fingerprints([text])[0]


def group_exact(fingerprints: Iterable[str]) -> list[list[int]]:
    """Positions sharing a fingerprint, for every fingerprint seen at least twice.

    Groups are in order of first occurrence, positions ascending; texts
    without words are never grouped.
    """
    positions_by_fingerprint: dict[str, list[int]] = {}
    for position, fingerprint in enumerate(fingerprints):
        if fingerprint != EMPTY_FINGERPRINT:
            positions_by_fingerprint.setdefault(fingerprint, []).append(position)
    return [positions for positions in positions_by_fingerprint.values() if len(positions) > 1]
