"""The word tokenizer every comparison of texts uses: passages, diffs, tracing, TF-IDF.

(The MinHash kernel splits words its own way, in ``shingles``, inside compiled code.)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import lru_cache
from sys import intern
from typing import overload

from xxhash import xxh3_64_intdigest

__all__ = ["SpacedWords", "token_hash", "tokenize"]

# Digit groups stay whole ("13.500" -> "13500") so that numbers compare as numbers.
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_DIGIT_SEPARATORS = str.maketrans("", "", ".,")


def tokenize(text: str) -> list[str]:
    """Lower-cased word and number tokens; punctuation, quotes and dashes are dropped.

    Tokens are interned: the thousands of articles an analysis holds at once then share one
    copy of each word instead of one per occurrence (a third of their memory)."""
    normalised = unicodedata.normalize("NFKC", text).lower()
    return [
        intern(token.translate(_DIGIT_SEPARATORS) if token[0].isdigit() else token)
        for token in _TOKEN_RE.findall(normalised)
    ]


@lru_cache(maxsize=1 << 18)
def token_hash(token: str) -> int:
    """A token's 64-bit hash, equal in every process (xxh3, not the salted ``hash()``), so
    prepared texts compare alike across processes; cached, as a vocabulary repeats."""
    return xxh3_64_intdigest(token.encode("utf-8", "surrogatepass"))


class SpacedWords(Sequence[list[str]]):
    """Token lists held as space-separated strings (tokens hold no spaces), split when read.

    A whole store's leads are millions of tokens: as lists they are millions of references,
    and the interning that keeps them small costs more than splitting them again."""

    def __init__(self, joined: Sequence[str]) -> None:
        self.joined = joined

    def __len__(self) -> int:
        return len(self.joined)

    @overload
    def __getitem__(self, index: int) -> list[str]: ...

    @overload
    def __getitem__(self, index: slice) -> list[list[str]]: ...

    def __getitem__(self, index: int | slice) -> list[str] | list[list[str]]:
        if isinstance(index, slice):
            return [words.split() for words in self.joined[index]]
        return self.joined[index].split()

    def __iter__(self) -> Iterator[list[str]]:
        return (words.split() for words in self.joined)
