"""Background word statistics: how many news articles of a reference corpus use each word.

Term weights from the store alone make one pair's answer depend on what else is stored: five
articles about one event call its actors' names common words, a crawl calls them rare. The
matcher therefore weighs words by document frequencies over the union of the store and a
reference corpus shipped with newstrace (``background_df.tsv.gz``, built by
``scripts/build_background_df.py`` from the CLICK-ID articles, CC BY 4.0; see
``sample/README.md`` for the attribution). Words rarer than the file's ``min_df`` are left
out of it and count as unseen.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

__all__ = ["BACKGROUND_PATH", "Background", "background_weight", "default_background", "read_background"]

BACKGROUND_PATH = Path(__file__).resolve().parent / "background_df.tsv.gz"


@dataclass(frozen=True, slots=True)
class Background:
    """Document frequencies of words over ``n_docs`` reference articles."""

    n_docs: int
    df: Mapping[str, int] = field(default_factory=dict, repr=False)
    min_df: int = 1
    source: str = ""

    @classmethod
    def empty(cls) -> Background:
        """No background: weights then come from the store alone."""
        return cls(0)

    def frequencies(self, vocabulary: Mapping[str, int]) -> np.ndarray:
        """Background document frequency of each word of ``vocabulary`` (word -> column)."""
        counts = np.zeros(len(vocabulary), dtype=np.float64)
        if self.n_docs:
            for word, column in vocabulary.items():
                counts[column] = self.df.get(word, 0)
        return counts


def read_background(path: str | Path) -> Background:
    """Read a table written by ``scripts/build_background_df.py``."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return _parse(lines.read())


def _parse(text: str) -> Background:
    header: dict[str, str] = {}
    df: dict[str, int] = {}
    for line in text.splitlines():
        if line.startswith("# "):
            key, _, value = line[2:].partition("\t")
            header[key] = value
        elif line:
            word, _, count = line.rpartition("\t")
            df[word] = int(count)
    return Background(int(header["docs"]), df, int(header.get("min_df", 1)), header.get("source", ""))


@cache
def default_background() -> Background:
    """The background shipped with newstrace (read once per process)."""
    data = resources.files("newstrace").joinpath(BACKGROUND_PATH.name).read_bytes()
    return _parse(gzip.decompress(data).decode("utf-8"))


def background_weight(word: str) -> float:
    """The idf of ``word`` in the shipped background alone (unseen words weigh most)."""
    background = default_background()
    return math.log((1 + background.n_docs) / (1 + background.df.get(word, 0))) + 1.0
