"""Text-similarity algorithms: the tokenizer, shingles, MinHash, LSH banding, exact fingerprints.

Names are re-exported lazily so that importing one light submodule does not
pull in numba and compile nothing it needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "content_fingerprint": "exact",
    "content_fingerprints": "exact",
    "group_exact": "exact",
    "LshConfig": "lsh",
    "LshIndex": "lsh",
    "SkippedBuckets": "lsh",
    "band_keys": "lsh",
    "optimal_bands": "banding",
    "MinHashConfig": "minhash",
    "MinHasher": "minhash",
    "jaccard": "minhash",
    "batch_shingle_hashes": "shingles",
    "shingle_hashes": "shingles",
    "words": "shingles",
    "tokenize": "tokens",
}

__all__ = [
    "LshConfig",
    "LshIndex",
    "MinHashConfig",
    "MinHasher",
    "SkippedBuckets",
    "band_keys",
    "batch_shingle_hashes",
    "content_fingerprint",
    "content_fingerprints",
    "group_exact",
    "jaccard",
    "optimal_bands",
    "shingle_hashes",
    "tokenize",
    "words",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
