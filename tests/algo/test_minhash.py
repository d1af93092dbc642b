"""Near-duplicate candidate stage: shingles, MinHash, LSH index, exact fingerprints."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from newstrace.algo.exact import content_fingerprint, content_fingerprints, group_exact
from newstrace.algo.lsh import LshConfig, LshIndex, band_keys, optimal_bands
from newstrace.algo.minhash import EMPTY_VALUE, MinHasher, jaccard
from newstrace.algo.shingles import batch_shingle_hashes, shingle_hashes, words

SRC = Path(__file__).resolve().parents[2] / "src"
SAMPLE = SRC / "newstrace" / "sample" / "clickid-sample.jsonl"
MASK64 = (1 << 64) - 1


def sample_texts() -> list[str]:
    with SAMPLE.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines]


def shingle_set(text: str) -> set[int]:
    return set(shingle_hashes(text).tolist())


def true_jaccard(a: str, b: str) -> float:
    set_a, set_b = shingle_set(a), shingle_set(b)
    return len(set_a & set_b) / len(set_a | set_b)


def edit_words(text: str, share: float, rng: random.Random, vocabulary: list[str]) -> str:
    """Replace about ``share`` of the words of ``text`` by random vocabulary words."""
    tokens = text.split()
    for position in rng.sample(range(len(tokens)), int(len(tokens) * share)):
        tokens[position] = rng.choice(vocabulary)
    return " ".join(tokens)


# -- reference implementation of the word and shingle hashes, in plain Python --


def _fmix64(h: int) -> int:
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & MASK64
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & MASK64
    return h ^ (h >> 33)


def reference_shingles(text: str, k: int) -> list[int]:
    word_hashes = []
    for word in words(text):
        h = 0xCBF29CE484222325
        for char in word:
            h = ((h ^ ord(char)) * 0x100000001B3) & MASK64
        word_hashes.append(_fmix64(h))
    windows = [word_hashes[i : i + k] for i in range(len(word_hashes) - k + 1)]
    if 0 < len(word_hashes) < k:
        windows = [word_hashes]
    result = []
    for window in windows:
        h = 0x5EED5EED5EED5EED ^ len(window)
        for word_hash in window:
            h = ((h ^ word_hash) * 0x9E3779B97F4A7C15) & MASK64
        result.append(_fmix64(h))
    return result


# -- shingles --------------------------------------------------------------


def test_words_are_lowercased_unicode_runs_with_digits() -> None:
    text = "Presiden JOKOWI, di Jakarta (10/9/2019): “Ekonomi” naik—5,2%! Café Ñandú_x 😀ok"
    assert words(text) == [
        "presiden",
        "jokowi",
        "di",
        "jakarta",
        "10",
        "9",
        "2019",
        "ekonomi",
        "naik",
        "5",
        "2",
        "café",
        "ñandú",
        "x",
        "ok",
    ]


def test_kernel_matches_plain_python_reference() -> None:
    texts = sample_texts()[:20] + ["É vero, 東京 Ünïcödé", "satu dua", "", "  ,, ", "a b c d e f"]
    for k in (1, 3, 5):
        values, offsets = batch_shingle_hashes(texts, k)
        for i, text in enumerate(texts):
            assert values[offsets[i] : offsets[i + 1]].tolist() == reference_shingles(text, k)


def test_batches_of_word_dense_texts_match_the_reference_text_by_text() -> None:
    # One-letter words fill the most word slots a text's bytes allow; texts end in a word or not.
    texts = [
        "a",
        "a b",
        "a b c d e f g h i j k",
        "a b c d e f g ",
        "é ü ß",
        "",
        "x,y.z",
        "q " * 40,
        *sample_texts()[:5],
    ]
    for k in (1, 5):
        values, offsets = batch_shingle_hashes(texts * 3, k)
        for i, text in enumerate(texts * 3):
            assert values[offsets[i] : offsets[i + 1]].tolist() == reference_shingles(text, k)


def test_shingle_counts_short_and_empty_texts() -> None:
    assert shingle_hashes("").size == 0
    assert shingle_hashes(" ... ,, \n").size == 0
    assert shingle_hashes("satu dua tiga").size == 1
    assert shingle_hashes("satu dua tiga empat lima enam tujuh").size == 3
    assert shingle_hashes("satu dua tiga").dtype == np.uint64
    # short texts do not collide with the longer text they begin
    assert shingle_hashes("satu dua")[0] != shingle_hashes("satu dua tiga")[0]


def test_shingles_ignore_case_punctuation_and_spacing_but_not_order() -> None:
    a = shingle_hashes("Halo, DUNIA!  Ini berita\n\ndari Jakarta hari ini.")
    b = shingle_hashes("halo dunia ini berita dari jakarta hari ini")
    c = shingle_hashes("dunia halo ini berita dari jakarta hari ini")
    assert np.array_equal(a, b)
    assert not np.isin(c[:2], a).any() and np.array_equal(a[2:], c[2:])


def test_batch_equals_single_texts() -> None:
    texts = sample_texts()[:50] + [""]
    values, offsets = batch_shingle_hashes(texts)
    assert offsets[0] == 0 and offsets[-1] == values.size
    for i, text in enumerate(texts):
        assert np.array_equal(values[offsets[i] : offsets[i + 1]], shingle_hashes(text))


DETERMINISM_SCRIPT = """
import hashlib, json, sys
from newstrace.algo.exact import content_fingerprint
from newstrace.algo.lsh import LshConfig, band_keys
from newstrace.algo.minhash import MinHasher
from newstrace.algo.shingles import batch_shingle_hashes
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")][:40]
values, offsets = batch_shingle_hashes(texts)
signatures = MinHasher(num_perm=64, seed=7).signatures(values, offsets)
keys = band_keys(signatures, LshConfig(num_perm=64, bands=16, rows=4))
digest = hashlib.sha256()
for array in (values, offsets, signatures, keys):
    digest.update(array.astype(array.dtype.newbyteorder("<")).tobytes())
digest.update(content_fingerprint(texts[0]).encode())
print(digest.hexdigest())
"""


def test_hashes_identical_across_fresh_processes() -> None:
    # Different hash seeds per process would break Python's hash(); ours must not care.
    outputs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(
            [sys.executable, "-c", DETERMINISM_SCRIPT, str(SAMPLE)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        outputs.append(result.stdout.strip())
    assert len(outputs[0]) == 64
    assert outputs[0] == outputs[1]


# -- MinHash ---------------------------------------------------------------


def test_jaccard_estimates_track_true_jaccard() -> None:
    rng = random.Random(3)
    vocabulary = [f"kata{i}" for i in range(5000)]
    hasher = MinHasher(num_perm=128, seed=1)
    errors: list[float] = []
    for overlap in (0.1, 0.3, 0.5, 0.7, 0.9):
        level_errors: list[float] = []
        for _ in range(20):
            shared = [rng.choice(vocabulary) for _ in range(int(400 * overlap))]
            text_a = " ".join(shared + [rng.choice(vocabulary) for _ in range(400 - len(shared))])
            text_b = " ".join(shared + [rng.choice(vocabulary) for _ in range(400 - len(shared))])
            values, offsets = batch_shingle_hashes([text_a, text_b])
            signatures = hasher.signatures(values, offsets)
            level_errors.append(float(jaccard(signatures[0], signatures[1])) - true_jaccard(text_a, text_b))
        assert abs(np.mean(level_errors)) < 0.03, f"biased at overlap {overlap}"
        errors.extend(level_errors)
    errors_array = np.abs(errors)
    assert np.mean(errors_array <= 0.08) >= 0.95
    assert errors_array.max() < 0.15


def test_identical_sets_give_identical_signatures_and_empty_matches_nothing() -> None:
    hasher = MinHasher(num_perm=32)
    values, offsets = batch_shingle_hashes(["satu dua tiga empat lima enam", "", "", "Satu, dua; tiga empat lima enam"])
    signatures = hasher.signatures(values, offsets)
    assert signatures.shape == (4, 32) and signatures.dtype == np.uint32
    assert np.array_equal(signatures[0], signatures[3])
    assert np.all(signatures[1] == EMPTY_VALUE)
    assert jaccard(signatures[1], signatures[2]) == 0.0
    assert jaccard(signatures[0], signatures[3]) == 1.0
    assert np.array_equal(jaccard(signatures[:2], signatures[2:]), [0.0, 0.0])
    keys = band_keys(signatures, LshConfig(num_perm=32, bands=8, rows=4))
    index = LshIndex(LshConfig(num_perm=32, bands=8, rows=4))
    index.add(np.arange(4), keys)
    assert index.candidate_pairs().tolist() == [[0, 3]]


def test_signature_rejects_bad_offsets() -> None:
    hasher = MinHasher(num_perm=8)
    with pytest.raises(ValueError):
        hasher.signatures(np.arange(5, dtype=np.uint64), np.array([0, 3], np.int64))
    with pytest.raises(TypeError):
        hasher.signatures(np.arange(5, dtype=np.int64), np.array([0, 5], np.int64))


# -- LSH -------------------------------------------------------------------


def test_optimal_bands_behaves_like_datasketch() -> None:
    assert optimal_bands(0.5, 128) == (25, 5)
    assert LshConfig() == LshConfig.for_threshold(0.15)
    for threshold in (0.3, 0.6, 0.9):
        bands, rows = optimal_bands(threshold, 128)
        assert bands * rows <= 128
        config = LshConfig(num_perm=128, bands=bands, rows=rows)
        assert (
            config.candidate_probability(min(threshold + 0.2, 1.0))
            > 0.5
            > config.candidate_probability(max(threshold - 0.2, 0.0))
        )
    datasketch_lsh = pytest.importorskip("datasketch.lsh")
    for threshold, num_perm in ((0.15, 128), (0.5, 128), (0.8, 64), (0.3, 256)):
        expected = datasketch_lsh._optimal_param(threshold, num_perm, 0.5, 0.5)
        assert optimal_bands(threshold, num_perm) == expected


def planted_corpus(n_copies: int) -> tuple[list[str], list[tuple[int, int]]]:
    """Sample articles plus copies with ~10% of words replaced; returns (texts, (original, copy))."""
    rng = random.Random(11)
    originals = [text for text in sample_texts() if len(text.split()) >= 80]
    vocabulary = sorted({word for text in originals for word in text.split()})
    texts = list(originals)
    planted = []
    for original in rng.sample(range(len(originals)), n_copies):
        planted.append((original, len(texts)))
        texts.append(edit_words(originals[original], 0.10, rng, vocabulary))
    return texts, planted


def signatures_and_keys(texts: list[str], config: LshConfig) -> tuple[np.ndarray, np.ndarray]:
    values, offsets = batch_shingle_hashes(texts)
    signatures = MinHasher(num_perm=config.num_perm).signatures(values, offsets)
    return signatures, band_keys(signatures, config)


def test_lsh_pairs_planted_copies_and_few_unrelated_articles() -> None:
    texts, planted = planted_corpus(100)
    config = LshConfig()
    _, keys = signatures_and_keys(texts, config)
    index = LshIndex(config)
    index.add(np.arange(len(texts)), keys)
    pairs = index.candidate_pairs()
    found = {tuple(pair) for pair in pairs.tolist()}
    recall = np.mean([pair in found for pair in planted])
    assert recall >= 0.95
    # The sample holds real reprints too, so "unrelated" means sharing under 5% of shingles.
    unrelated = [pair for pair in found - set(planted) if true_jaccard(texts[pair[0]], texts[pair[1]]) < 0.05]
    assert len(unrelated) <= 0.02 * len(texts)
    assert pairs.dtype == np.int64 and np.all(pairs[:, 0] < pairs[:, 1])
    assert np.unique(pairs, axis=0).shape == pairs.shape


def test_incremental_add_gives_the_same_pairs_as_a_full_build() -> None:
    texts, _ = planted_corpus(100)
    config = LshConfig()
    _, keys = signatures_and_keys(texts, config)
    ids = np.arange(len(texts), dtype=np.int64) * 7 + 1000  # ids need not be rows
    order = np.random.default_rng(5).permutation(len(texts))
    ids, keys = ids[order], keys[order]

    full = LshIndex(config)
    full.add(ids, keys)
    expected = full.candidate_pairs()

    incremental = LshIndex(config, merge_fraction=0.05)
    cut = [0, 250, 300, 330, 331, len(texts)]
    found = [np.empty((0, 2), np.int64)]
    for start, stop in pairwise(cut):
        incremental.add(ids[start:stop], keys[start:stop])
        new_pairs = incremental.query_pairs(ids[start:stop])
        assert np.all(np.isin(new_pairs, ids[start:stop]).any(axis=1))
        found.append(new_pairs)
    combined = np.unique(np.concatenate(found), axis=0)
    assert np.array_equal(combined, expected)
    assert np.array_equal(incremental.candidate_pairs(), expected)
    # querying documents already merged into the main level gives the same answer
    some = ids[:40]
    from_main = incremental.query_pairs(some)
    assert np.array_equal(from_main, expected[np.isin(expected, some).any(axis=1)])


def test_index_rejects_duplicate_or_unknown_ids() -> None:
    config = LshConfig(num_perm=8, bands=2, rows=4)
    index = LshIndex(config)
    index.add(np.array([1, 2]), np.ones((2, 2), np.uint64))
    with pytest.raises(ValueError):
        index.add(np.array([2, 3]), np.ones((2, 2), np.uint64))
    with pytest.raises(ValueError):
        index.add(np.array([4, 4]), np.ones((2, 2), np.uint64))
    with pytest.raises(KeyError):
        index.query_pairs(np.array([9]))
    assert len(index) == 2


def test_oversized_buckets_are_skipped_and_counted() -> None:
    config = LshConfig(num_perm=16, bands=4, rows=4)
    rng = np.random.default_rng(0)
    boilerplate = np.tile(rng.integers(1, 2**63, size=(1, 4)).astype(np.uint64), (150, 1))
    distinct = rng.integers(1, 2**63, size=(50, 4)).astype(np.uint64)
    distinct[1] = distinct[0]  # one ordinary pair
    keys = np.concatenate([boilerplate, distinct])
    ids = np.arange(200)

    capped = LshIndex(config, max_bucket_size=100)
    capped.add(ids, keys)
    assert capped.candidate_pairs().tolist() == [[150, 151]]
    assert (capped.skipped.buckets, capped.skipped.entries) == (4, 600)
    assert capped.query_pairs(ids[:3]).size == 0
    assert (capped.skipped.buckets, capped.skipped.entries) == (4, 600)

    roomy = LshIndex(config, max_bucket_size=200)
    roomy.add(ids, keys)
    assert len(roomy.candidate_pairs()) == 150 * 149 // 2 + 1
    assert roomy.skipped.buckets == 0


def test_index_round_trips_through_bytes() -> None:
    texts, _ = planted_corpus(30)
    config = LshConfig()
    _, keys = signatures_and_keys(texts, config)
    index = LshIndex(config, max_bucket_size=50)
    index.add(np.arange(200), keys[:200])
    index.add(np.arange(200, len(texts)), keys[200:])
    restored = LshIndex.from_bytes(index.to_bytes())
    assert restored.config == config and restored.max_bucket_size == 50
    assert np.array_equal(restored.ids, index.ids)
    assert np.array_equal(restored.candidate_pairs(), index.candidate_pairs())
    assert index.nbytes() < 1_000 * len(texts)  # under 1 GB per million documents


# -- exact duplicates ------------------------------------------------------


def test_content_fingerprint_normalises_case_spacing_and_punctuation() -> None:
    base = content_fingerprint("Halo, DUNIA!\n\nIni   berita.")
    assert base == content_fingerprint("halo dunia ini berita")
    assert base != content_fingerprint("halo dunia ini berita lain")
    assert base != content_fingerprint("dunia halo ini berita")
    assert len(base) == 32
    assert content_fingerprint("") == content_fingerprint(" ,, ") == ""
    assert content_fingerprints(["A b", "a, B"]) == [content_fingerprint("a b")] * 2


def test_group_exact_groups_repeats_only() -> None:
    texts = ["Satu dua.", "tiga", "", "SATU, dua", "", "tiga!", "empat"]
    assert group_exact(content_fingerprints(texts)) == [[0, 3], [1, 5]]
