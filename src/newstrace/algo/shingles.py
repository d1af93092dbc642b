"""Word tokens and hashed word shingles, the input of MinHash.

A *word* is a maximal run of Unicode letters, digits and combining marks,
lowercased; everything else (spaces, punctuation, symbols, emoji, ``_``)
separates words. A *shingle* is ``k`` consecutive words. A text with fewer than
``k`` words yields one shingle of all its words, so short texts still match
their copies; an empty text yields none.

Hashes are pure functions of the words (64-bit FNV-1a over code points, then
a murmur3 finaliser), so they are identical across processes, machines and
Spark executors, unlike Python's salted ``hash()``.

The hot loop walks UTF-8 bytes in a numba kernel: Python only encodes the
texts and concatenates them, so a batch costs a few microseconds per article
of interpreter time.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numba
import numpy as np

from newstrace.algo.jit import njit

__all__ = [
    "DEFAULT_SHINGLE_SIZE",
    "batch_shingle_hashes",
    "shingle_hashes",
    "words",
]

DEFAULT_SHINGLE_SIZE = 5

_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)
_COMBINE_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_SHINGLE_SEED = np.uint64(0x5EED5EED5EED5EED)
_EMOJI_PLANE_START = 0x1F000
_EMOJI_PLANE_END = 0x20000


@cache
def _word_char_fold_table() -> np.ndarray:
    """uint32 table over the Basic Multilingual Plane: lowercase code point of a
    word character, 0 for a separator.

    Built from the running Python's Unicode database (vectorised, ~50 ms once),
    so Python versions can disagree only on characters new in a Unicode
    release; characters outside the BMP are classified in the kernel directly.
    """
    import unicodedata

    plane = "".join(map(chr, range(0x10000)))
    chars = np.frombuffer(plane.encode("utf-32-le", "surrogatepass"), dtype="<U1")
    is_word = np.strings.isalnum(chars)
    # Combining marks (decomposed accents, Indic vowel signs) belong to their word.
    for start, end in (
        (0x0300, 0x0370),
        (0x0483, 0x048A),
        (0x0591, 0x05C8),
        (0x0610, 0x061B),
        (0x064B, 0x0660),
        (0x0900, 0x0E00),
        (0x1AB0, 0x1B00),
        (0x1DC0, 0x1E00),
        (0x20D0, 0x2100),
        (0xFE20, 0xFE30),
    ):
        for code_point in range(start, end):
            if unicodedata.category(chr(code_point))[0] == "M":
                is_word[code_point] = True
    # np.strings.lower keeps one character: "İ" folds to "i", which is what we want.
    lowered = np.strings.lower(chars).view(np.uint32)
    table = np.where(is_word, lowered, 0).astype(np.uint32)
    table[0] = 0
    return table


@njit(inline="always")
def _decode_folded(buf: np.ndarray, i: int, end: int, fold: np.ndarray) -> tuple[int, int]:
    """Decode the UTF-8 character at ``buf[i]``; return (folded code point or 0, next index)."""
    lead = buf[i]
    if lead < 0x80:
        return fold[lead], i + 1
    if lead < 0xE0:
        width = 2
        code_point = lead & 0x1F
    elif lead < 0xF0:
        width = 3
        code_point = lead & 0x0F
    else:
        width = 4
        code_point = lead & 0x07
    if i + width > end:  # truncated sequence: treat the stray bytes as a separator
        return 0, end
    for j in range(1, width):
        code_point = (code_point << 6) | (buf[i + j] & 0x3F)
    if code_point < 0x10000:
        return fold[code_point], i + width
    if _EMOJI_PLANE_START <= code_point < _EMOJI_PLANE_END:
        return 0, i + width
    return code_point, i + width


@njit(inline="always")
def _finalise(h: np.uint64) -> np.uint64:
    """murmur3 fmix64: spreads every input bit over the whole word."""
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xC4CEB9FE1A85EC53)
    h ^= h >> np.uint64(33)
    return h


@njit(inline="always")
def _combine(word_hashes: np.ndarray, first: int, count: int) -> np.uint64:
    """Order-sensitive hash of ``count`` consecutive word hashes."""
    h = _SHINGLE_SEED ^ np.uint64(count)
    for j in range(first, first + count):
        h = (h ^ word_hashes[j]) * _COMBINE_MULTIPLIER
    return _finalise(h)


@njit(inline="always")
def _combine5(word_hashes: np.ndarray, first: int) -> np.uint64:
    """``_combine(word_hashes, first, 5)`` unrolled: the default shingle size, and the
    innermost loop of the whole near-duplicate stage."""
    h = _SHINGLE_SEED ^ np.uint64(5)
    h = (h ^ word_hashes[first]) * _COMBINE_MULTIPLIER
    h = (h ^ word_hashes[first + 1]) * _COMBINE_MULTIPLIER
    h = (h ^ word_hashes[first + 2]) * _COMBINE_MULTIPLIER
    h = (h ^ word_hashes[first + 3]) * _COMBINE_MULTIPLIER
    h = (h ^ word_hashes[first + 4]) * _COMBINE_MULTIPLIER
    return _finalise(h)


@njit(parallel=True)
def _word_hashes(
    buf: np.ndarray,
    byte_offsets: np.ndarray,
    fold: np.ndarray,
    chunk_docs: np.ndarray,
    chunk_slots: np.ndarray,
    word_starts: np.ndarray,
    word_counts: np.ndarray,
    out: np.ndarray,
) -> None:
    """Every word's hash, documents one after another, in one pass over the bytes: a chunk
    of documents writes from its first slot on (room for a word per two bytes, plus one), and
    each document's first slot and word count are recorded."""
    for chunk in numba.prange(chunk_docs.size - 1):
        cursor = chunk_slots[chunk]
        for doc in range(chunk_docs[chunk], chunk_docs[chunk + 1]):
            i = byte_offsets[doc]
            end = byte_offsets[doc + 1]
            n_seen = cursor
            previous = np.uint64(0)
            h = _FNV_OFFSET
            while i < end:
                lead = buf[i]
                if lead < 0x80:
                    folded = np.uint64(fold[lead])
                    i += 1
                else:
                    decoded, i = _decode_folded(buf, i, end, fold)
                    folded = np.uint64(decoded)
                is_word = np.uint64(folded != 0)
                # Store speculatively and advance only when a word has just ended:
                # branch-free, the slot keeps the finished word's hash.
                out[n_seen] = h
                n_seen += int(previous & (np.uint64(1) - is_word))
                # A mask instead of a conditional: word ends are too frequent to predict.
                mask = np.uint64(0) - is_word
                h = (((h ^ folded) * _FNV_PRIME) & mask) | (_FNV_OFFSET & ~mask)
                previous = is_word
            out[n_seen] = h
            n_words = n_seen - cursor + int(previous)
            for j in range(cursor, cursor + n_words):
                out[j] = _finalise(out[j])
            word_starts[doc] = cursor
            word_counts[doc] = n_words
            cursor += n_words


@njit(parallel=True)
def _fill_shingles(
    word_hashes: np.ndarray,
    word_starts: np.ndarray,
    word_counts: np.ndarray,
    k: int,
    out_offsets: np.ndarray,
    out: np.ndarray,
) -> None:
    for doc in numba.prange(word_counts.size):
        n_words = word_counts[doc]
        if n_words == 0:
            continue
        first_word = word_starts[doc]
        pos = out_offsets[doc] - first_word
        if n_words < k:
            out[out_offsets[doc]] = _combine(word_hashes, first_word, n_words)
        elif k == 5:
            for first in range(first_word, first_word + n_words - 4):
                out[pos + first] = _combine5(word_hashes, first)
        else:
            for first in range(first_word, first_word + n_words - k + 1):
                out[pos + first] = _combine(word_hashes, first, k)


def _batch_word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every word hash of a batch, and per text its first word's slot and its word count. The
    buffer has room for the most words the bytes can hold (one per two bytes); pages past the
    words written are never touched, so they cost address space, not memory."""
    buf, byte_offsets = _encode_batch(texts)
    n = len(texts)
    slots = np.zeros(n + 1, np.int64)
    np.cumsum((np.diff(byte_offsets) + 1) // 2 + 1, out=slots[1:])
    chunks = min(n, 4 * numba.get_num_threads()) or 1
    chunk_docs = np.linspace(0, n, chunks + 1).astype(np.int64)
    word_starts = np.empty(n, np.int64)
    word_counts = np.empty(n, np.int64)
    out = np.empty(int(slots[-1]), np.uint64)
    _word_hashes(
        buf, byte_offsets, _word_char_fold_table(), chunk_docs, slots[chunk_docs], word_starts, word_counts, out
    )
    return out, word_starts, word_counts


def _encode_batch(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Concatenate UTF-8 encodings; return (bytes as uint8, byte offsets)."""
    # surrogatepass: lone surrogates from a bad decode become separators, not errors.
    encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
    byte_offsets = np.zeros(len(encoded) + 1, np.int64)
    np.cumsum(np.fromiter(map(len, encoded), np.int64, len(encoded)), out=byte_offsets[1:])
    buf = np.frombuffer(b"".join(encoded), np.uint8)
    return buf, byte_offsets


def batch_shingle_hashes(texts: Sequence[str], k: int = DEFAULT_SHINGLE_SIZE) -> tuple[np.ndarray, np.ndarray]:
    """Shingle hashes of many texts in CSR layout.

    Returns ``(values, offsets)``: ``values[offsets[i]:offsets[i + 1]]`` are the
    uint64 hashes of text ``i``'s shingles in text order (duplicates kept).
    """
    if k < 1:
        raise ValueError(f"shingle size must be at least 1, got {k}")
    word_hashes, word_starts, word_counts = _batch_word_hashes(texts)
    shingle_counts = np.where(word_counts >= k, word_counts - k + 1, np.minimum(word_counts, 1))
    offsets = np.zeros(len(texts) + 1, np.int64)
    np.cumsum(shingle_counts, out=offsets[1:])
    values = np.empty(int(offsets[-1]), np.uint64)
    _fill_shingles(word_hashes, word_starts, word_counts, k, offsets, values)
    return values, offsets


def shingle_hashes(text: str, k: int = DEFAULT_SHINGLE_SIZE) -> np.ndarray:
    """uint64 hashes of one text's shingles, in text order."""
    values, _ = batch_shingle_hashes([text], k)
    return values


def words(text: str) -> list[str]:
    """The words the kernel hashes, as strings: for inspection and alignment.

    Slow (pure Python); the hashes never go through this.
    """
    fold = _word_char_fold_table()
    result: list[str] = []
    current: list[str] = []
    for char in text:
        code_point = ord(char)
        if code_point < 0x10000:
            folded = int(fold[code_point])
        elif _EMOJI_PLANE_START <= code_point < _EMOJI_PLANE_END:
            folded = 0
        else:
            folded = code_point
        if folded:
            current.append(chr(folded))
        elif current:
            result.append("".join(current))
            current = []
    if current:
        result.append("".join(current))
    return result
