"""The corpus ``bench_near_duplicates.py`` (and ``bench_dedup.py``, ``bench_spark.py``) measure on:
realistic news texts from clickid-dev (runs of real sentences, ~400 words each) in which a fifth
of the documents are planted copies of others (words substituted, sentences dropped or added, a
new lead, chrome lines such as "Baca Juga:"). It is generated in self-contained blocks of 10,000
documents, so every copy in a prefix has its original in it, and saved so that a child process
can read just a prefix.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

# The labelled data lives beside the repository (../shared), or where --data says.
DEV_SET = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "clickid-dev.jsonl"
BLOCK = 10_000
COPY_SHARE = 0.2
RECORD_SEPARATOR = "\x1e"
SEED = 20190910


CHROME_LINES = [
    "Baca Juga: {title}",
    "BACA JUGA: {title}",
    "Editor: {name}",
    "Penulis: {name}",
    "Sumber: Antara",
    "(ant/okz)",
    "Lihat Foto",
    "Simak video pilihan berikut ini:",
    "Follow Berita Terkini di Google News",
    "Dapatkan update berita pilihan setiap hari.",
]
NAMES = ["Rizal Setyo Nugroho", "Dewi Rina Cahyani", "Bambang Priyo", "Sri Mulyani", "Ahmad Fauzi"]
DATELINES = ["JAKARTA, KOMPAS.com - ", "JAKARTA - ", "SURABAYA, Tribunnews.com - ", "BANDUNG - ", ""]


@dataclass
class Corpus:
    texts: list[str]
    planted: np.ndarray  # (m, 2) int64: (original, copy) positions


def load_dev_set(path: Path = DEV_SET) -> tuple[list[list[str]], list[str], list[str]]:
    """Sentences per article, titles, and a vocabulary for substitutions."""
    articles, titles = [], []
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        text = record["text"].replace(RECORD_SEPARATOR, " ")
        sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.split()) >= 4]
        if len(sentences) >= 3:
            articles.append(sentences)
            titles.append(record["title"])
    vocabulary = sorted({word for sentences in articles for s in sentences for word in s.split()})
    return articles, titles, vocabulary


def make_base(rng: random.Random, articles: list[list[str]]) -> list[str]:
    """Sentences of a new base text: runs of 2-5 consecutive sentences from random articles."""
    target = rng.randint(320, 480)
    sentences: list[str] = []
    words = 0
    while words < target:
        article = articles[rng.randrange(len(articles))]
        start = rng.randrange(len(article))
        for sentence in article[start : start + rng.randint(2, 5)]:
            sentences.append(sentence)
            words += len(sentence.split())
    return sentences


def render(rng: random.Random, sentences: list[str]) -> str:
    paragraphs, i = [], 0
    while i < len(sentences):
        step = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[i : i + step]))
        i += step
    return "\n\n".join(paragraphs)


def make_copy(
    rng: random.Random, sentences: list[str], articles: list[list[str]], titles: list[str], vocabulary: list[str]
) -> str:
    """A reprint of ``sentences``: edits of the kinds outlets make, at random strengths."""
    drop = rng.uniform(0.0, 0.15)
    kept = [s for s in sentences if rng.random() >= drop] or sentences[:1]
    for _ in range(rng.randint(0, 3)):  # added sentences
        article = articles[rng.randrange(len(articles))]
        kept.insert(rng.randrange(len(kept) + 1), article[rng.randrange(len(article))])
    if rng.random() < 0.5:  # a new lead
        article = articles[rng.randrange(len(articles))]
        kept[0] = rng.choice(DATELINES) + article[rng.randrange(len(article))]
    substitution = rng.uniform(0.0, 0.08)
    edited = []
    for sentence in kept:
        tokens = sentence.split()
        for position in range(len(tokens)):
            if rng.random() < substitution:
                tokens[position] = rng.choice(vocabulary)
        edited.append(" ".join(tokens))
    text = render(rng, edited)
    if rng.random() < 0.5:  # chrome lines
        lines = text.split("\n\n")
        for _ in range(rng.randint(1, 3)):
            chrome = rng.choice(CHROME_LINES).format(title=rng.choice(titles), name=rng.choice(NAMES))
            lines.insert(rng.randrange(len(lines) + 1), chrome)
        text = "\n\n".join(lines)
    return text


def build_corpus(n: int, seed: int, earlier: Corpus | None = None, data: Path = DEV_SET) -> Corpus:
    """``n`` documents in blocks of BLOCK; a fifth are copies of a base in the same
    block (or, with ``earlier``, of any earlier document: an increment)."""
    articles, titles, vocabulary = load_dev_set(data)
    rng = random.Random(seed)
    texts: list[str] = []
    planted: list[tuple[int, int]] = []
    offset = len(earlier.texts) if earlier else 0
    for block_start in range(0, n, BLOCK):
        size = min(BLOCK, n - block_start)
        n_copies = int(size * COPY_SHARE)
        bases = [make_base(rng, articles) for _ in range(size - n_copies)]
        block: list[tuple[str, tuple[str, int] | None]] = [(render(rng, sentences), None) for sentences in bases]
        for _ in range(n_copies):
            if earlier and rng.random() < 0.5:
                source = rng.randrange(len(earlier.texts))
                copy = make_copy(rng, earlier.texts[source].split("\n\n"), articles, titles, vocabulary)
                block.append((copy, ("earlier", source)))
            else:
                source = rng.randrange(len(bases))
                block.append((make_copy(rng, bases[source], articles, titles, vocabulary), ("base", source)))
        # Bases keep their order (so copies can name them); copies go to random places.
        positions = list(range(len(block)))
        rng.shuffle(positions)
        placed: list[str] = [""] * len(block)
        for slot, (text, _) in zip(positions, block):
            placed[slot] = text
        base_slots = positions[: len(bases)]
        for slot, (_, origin) in zip(positions, block):
            if origin is None:
                continue
            kind, source = origin
            source_position = source if kind == "earlier" else offset + block_start + base_slots[source]
            planted.append((source_position, offset + block_start + slot))
        texts.extend(placed)
    return Corpus(texts=texts, planted=np.array(planted, dtype=np.int64).reshape(-1, 2))


def save_corpus(corpus: Corpus, stem: Path) -> None:
    """Texts as one UTF-8 file plus byte offsets, so a child can read just a prefix."""
    encoded = [text.encode("utf-8") for text in corpus.texts]
    offsets = np.zeros(len(encoded) + 1, np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    stem.with_suffix(".txt").write_bytes(b"".join(encoded))
    np.save(stem.with_suffix(".offsets.npy"), offsets)
    np.save(stem.with_suffix(".npy"), corpus.planted)


def load_corpus(stem: Path, limit: int | None = None) -> Corpus:
    import mmap

    offsets = np.load(stem.with_suffix(".offsets.npy"))
    count = len(offsets) - 1 if limit is None else min(limit, len(offsets) - 1)
    bounds = offsets[: count + 1].tolist()
    with stem.with_suffix(".txt").open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        texts = [data[start:stop].decode("utf-8") for start, stop in pairwise(bounds)]
    planted = np.load(stem.with_suffix(".npy"))
    if limit is not None:  # keep the copies whose original is in the prefix too
        planted = planted[(planted < count).all(axis=1)]
    return Corpus(texts=texts, planted=planted)


def corpus_stem(cache_dir: Path, n: int, name: str = "corpus") -> Path:
    return cache_dir / f"{name}-{n}-{SEED}"
