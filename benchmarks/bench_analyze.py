"""Analysis benchmark: full and incremental `analyze` on a realistic crawl of N articles.

Targets checked:
  1. grouping and tracing 100,000 articles takes minutes on this machine (time and memory);
  2. adding 1% new articles to a store of 100,000 costs under 5% of a full rebuild.

The corpus is synthetic but made of real text: sentences are re-assembled from 4-8 word
chunks of the 7,400 clickid-dev articles, so the vocabulary, numbers, names and quirks are
real while two unrelated articles do not share whole sentences by accident (at 100,000
articles whole real sentences would each recur ~15 times and chain everything together).
A *story* draws most chunks from one real article (its topic), so the 1-4 outlets that
report the same event write alike without copying. Each original may then be copied, and
copies copied again: new leads, dropped, truncated and added sentences, changed numbers,
light word edits, "Baca juga:" and credit lines, edited titles; some copies are verbatim
reprints. Ids, outlets, titles and publication times (over ``--days`` days, dates in the
text rewritten to match; ``--undated`` of records without a time) are distinct per record.
Records are written as JSON Lines, one file per crawl day.

The newest 1% by crawl time (a new crawl, with its share of undated records) is held out.
The rest is ingested once into a cached store; each measurement runs in its own child
process (peak RSS from getrusage) on a fresh copy of the store it needs:

  (a)  full analysis of the 99%;
  (b)  ingest of the held-out 1%, then incremental analysis;
  (c)  analysis again with nothing new (must be a near no-op);
  (b') the increment again without its undated records (``--no-what-if`` skips it).

    PYTHONPATH=src python3 benchmarks/bench_analyze.py --n 20000
    PYTHONPATH=src python3 benchmarks/bench_analyze.py --n 100000
    PYTHONPATH=src python3 benchmarks/bench_analyze.py --n 20000 --reuse-full --profile

``--reuse-full`` reuses the store analysed by an earlier (a), and its figures, and measures
only (b), (c) and (b'); ``--profile`` runs the analyses under cProfile (timings inflated,
never cached as the reference) and writes the hot spots to the work directory. The work
directory keeps the corpus, the stores and results*.json per N and seed; delete a corpus
folder to regenerate it. The machine may be shared: CPU seconds and the load average are
printed next to wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "clickid-dev.jsonl"
DEFAULT_WORKDIR = REPO / "benchmarks" / "out"
WIB = timezone(timedelta(hours=7))
START = datetime(2019, 7, 1, tzinfo=WIB)
# Bumped whenever generation changes, so cached corpora and stores are not mixed up.
CORPUS_VERSION = 2

# -- corpus ------------------------------------------------------------------------------

OUTLETS = [  # real Indonesian outlets, most prolific first (weights fall off as 1/rank)
    "okezone.com",
    "tempo.co",
    "sindonews.com",
    "tribunnews.com",
    "kompas.com",
    "detik.com",
    "antaranews.com",
    "liputan6.com",
    "cnnindonesia.com",
    "suara.com",
    "merdeka.com",
    "republika.co.id",
    "jpnn.com",
    "kumparan.com",
    "idntimes.com",
    "viva.co.id",
    "fimela.com",
    "kapanlagi.com",
    "bisnis.com",
    "kontan.co.id",
    "cnbcindonesia.com",
    "inews.id",
    "beritasatu.com",
    "mediaindonesia.com",
    "tribunjogja.com",
    "surya.co.id",
    "pikiran-rakyat.com",
    "jawapos.com",
    "grid.id",
    "wartaekonomi.co.id",
]
CITIES = [
    "JAKARTA",
    "SURABAYA",
    "BANDUNG",
    "MEDAN",
    "SEMARANG",
    "MAKASSAR",
    "YOGYAKARTA",
    "DENPASAR",
    "PALEMBANG",
    "BALIKPAPAN",
]
NAMES = [
    "Rizal Setyo Nugroho",
    "Dewi Rina Cahyani",
    "Bambang Priyo",
    "Sri Wahyuni",
    "Ahmad Fauzi",
    "Yoga Sukmana",
    "Nursita Sari",
    "Hendra Gunawan",
    "Ika Defianti",
    "Agus Rahmat",
]
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
_NUMERIC_DATE = re.compile(
    r"(?:\b(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\s*,?\s*)?"
    r"\(?\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b\)?"
)
_NAMED_DATE = re.compile(r"\b\d{1,2}\s+(?:" + "|".join(MONTHS) + r")\s+\d{4}\b", re.IGNORECASE)
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*\b")
# Source sentences that are chrome in the real data; planted chrome is added on purpose.
_SOURCE_CHROME = re.compile(
    r"(?i)baca\s+(?:juga|pula)|simak|lihat\s+foto|editor\s*:|penulis\s*:"
    r"|reporter\s*:|sumber\s*:|^\(.*\)$"
)


@dataclass(slots=True)
class Source:
    """One real article as raw material: its title and its sentences cut into word chunks."""

    title: str
    category: str
    words: int
    chunks: list[list[str]]


def load_sources(path: Path) -> list[Source]:
    """Real articles with enough text to draw chunks from (chunk cuts depend only on the file)."""
    cutter = random.Random(7)
    sources = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            text = str(record.get("text") or "")
            chunks: list[list[str]] = []
            for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
                words = sentence.split()
                if len(words) < 6 or _SOURCE_CHROME.search(sentence):
                    continue
                position = 0
                while position < len(words):
                    size = cutter.randint(4, 8)
                    piece = words[position : position + size]
                    if len(piece) >= 3:
                        chunks.append(piece)
                    position += size
            if len(chunks) >= 8 and record.get("title"):
                sources.append(
                    Source(str(record["title"]), str(record.get("category") or ""), len(text.split()), chunks)
                )
    if not sources:
        raise SystemExit(f"no usable articles in {path}")
    return sources


@dataclass(slots=True)
class Planted:
    """What the generator made a record as: the truth the analysis should find."""

    id: str
    kind: str  # original | copy | reprint
    parent: str | None
    root: str  # the original its copy tree starts from
    story: int


@dataclass(slots=True)
class Draft:
    record: dict[str, Any]
    sentences: list[str]  # body sentences (chrome lines excluded) for copying
    published: datetime
    crawled: datetime
    outlet: str
    event: datetime
    topic: int
    planted: Planted


class CorpusGenerator:
    """Seeded generator of records; see the module docstring for what it plants."""

    def __init__(self, sources: list[Source], seed: int, days: float, undated: float) -> None:
        self.sources, self.rng = sources, random.Random(seed)
        self.days, self.undated = days, undated
        self.outlet_weights = [1.0 / (rank + 1) for rank in range(len(OUTLETS))]
        self.titles = [s.title for s in sources]
        self.title_words = sorted({w for t in self.titles for w in t.split() if w.isalpha()})
        self.vocabulary = sorted({w for s in sources for c in s.chunks for w in c if w.isalpha()})
        self.ids: set[str] = set()

    # -- pieces

    def new_id(self) -> str:
        while True:
            value = f"{self.rng.getrandbits(64):016x}"
            if value not in self.ids:
                self.ids.add(value)
                return value

    def outlet(self, avoid: set[str] | frozenset[str] = frozenset()) -> str:
        while True:
            choice = self.rng.choices(OUTLETS, self.outlet_weights)[0]
            if choice not in avoid or len(avoid) >= len(OUTLETS):
                return choice

    def sentence(self, topic: int, on_topic: float = 0.6) -> str:
        """2-4 chunks, mostly of the topic article, read as one sentence."""
        words: list[str] = []
        for _ in range(self.rng.randint(2, 4)):
            source = self.sources[topic if self.rng.random() < on_topic else self.rng.randrange(len(self.sources))]
            piece = list(self.rng.choice(source.chunks))
            piece[-1] = piece[-1].rstrip(".!?") or piece[-1]
            words += piece
        text = " ".join(words).rstrip(",;:")
        return text[:1].upper() + text[1:] + "."

    def dated(self, text: str, event: datetime) -> str:
        """Dates written in the text as of the event, as the real articles had them."""
        numeric = f"({event.day}/{event.month}/{event.year})"

        def numeric_date(match: re.Match[str]) -> str:
            weekday = WEEKDAYS[event.weekday()] + " " if match.group().strip("( ")[:1].isalpha() else ""
            return weekday + numeric

        text = _NUMERIC_DATE.sub(numeric_date, text)
        return _NAMED_DATE.sub(f"{event.day} {MONTHS[event.month - 1]} {event.year}", text)

    def title(self, topic: int, base: str | None = None) -> str:
        """A headline: the topic's real one (or ``base``) with a few words changed."""
        words = (base or self.titles[topic]).split()
        for _ in range(self.rng.randint(1, 3) if base is None else self.rng.randint(1, 2)):
            if words:
                words[self.rng.randrange(len(words))] = self.rng.choice(self.title_words)
        if base is not None and self.rng.random() < 0.15:
            words.insert(0, self.rng.choice(["VIDEO:", "FOTO:", "Terkini:", "Update:"]))
        return " ".join(words)

    def chrome_line(self) -> str:
        kind = self.rng.random()
        if kind < 0.6:
            return f"{self.rng.choice(['Baca juga:', 'Baca Juga:', 'BACA JUGA:'])} {self.rng.choice(self.titles)}"
        if kind < 0.8:
            return f"{self.rng.choice(['Editor:', 'Penulis:', 'Reporter:'])} {self.rng.choice(NAMES)}"
        return self.rng.choice(
            [
                "Simak video pilihan berikut ini:",
                "Lihat Foto",
                "Dapatkan update berita pilihan setiap hari.",
                "(ant/okz)",
            ]
        )

    def dateline(self, outlet: str) -> str:
        city = self.rng.choice(CITIES)
        if self.rng.random() < 0.5:
            return f"{city}, {outlet.split('.')[0].upper()}.com - " if outlet.endswith(".com") else f"{city} - "
        return f"{city} - "

    def render(self, sentences: list[str], chrome: list[str]) -> str:
        paragraphs, i = [], 0
        while i < len(sentences):
            step = self.rng.randint(1, 3)
            paragraphs.append(" ".join(sentences[i : i + step]))
            i += step
        for line in chrome:  # related links sit between paragraphs, credits mostly at the end
            at = (
                len(paragraphs)
                if line.split(":")[0] in ("Editor", "Penulis", "Reporter")
                else self.rng.randrange(1, len(paragraphs) + 1)
            )
            paragraphs.insert(at, line)
        return "\n\n".join(paragraphs)

    def record(
        self, *, title: str, outlet: str, published: datetime, text: str, topic: int
    ) -> tuple[dict[str, Any], str]:
        article_id = self.new_id()
        slug = "-".join(re.findall(r"[a-z0-9]+", title.lower())[:8])
        record: dict[str, Any] = {
            "id": article_id,
            "outlet": outlet,
            "url": f"https://www.{outlet}/read/{published:%Y/%m/%d}/{article_id}/{slug}",
            "title": title,
            "published": published.isoformat(timespec="seconds"),
            "category": self.sources[topic].category,
            "text": text,
        }
        if self.rng.random() < self.undated:
            del record["published"]  # the crawl lost it: the time must come from the text, if at all
        return record, article_id

    # -- drafts

    def original(self, topic: int, event: datetime, story: int, avoid: set[str]) -> Draft:
        target = min(max(int(self.sources[topic].words * self.rng.uniform(0.8, 1.3)), 120), 1000)
        sentences: list[str] = []
        words = 0
        while words < target:
            sentences.append(self.sentence(topic))
            words += len(sentences[-1].split())
        sentences = [self.dated(s, event) for s in sentences]
        outlet = self.outlet(avoid)
        if self.rng.random() < 0.5:
            sentences[0] = self.dateline(outlet) + sentences[0]
        chrome = [self.chrome_line() for _ in range(self.rng.choice([0, 0, 1, 1, 2]))]
        published = event + timedelta(minutes=self.rng.uniform(0, 360))
        record, article_id = self.record(
            title=self.title(topic),
            outlet=outlet,
            published=published,
            text=self.render(sentences, chrome),
            topic=topic,
        )
        return Draft(
            record,
            sentences,
            published,
            self.crawl_time(published),
            outlet,
            event,
            topic,
            Planted(article_id, "original", None, article_id, story),
        )

    def copy(self, parent: Draft, verbatim: bool) -> Draft:
        """A reprint of ``parent``: edits of the kinds outlets make, at random strengths."""
        rng = self.rng
        sentences = list(parent.sentences)
        outlet = self.outlet({parent.outlet})
        if not verbatim:
            drop = rng.uniform(0.0, 0.15)
            sentences = [s for s in sentences if rng.random() >= drop] or sentences[:1]
            if rng.random() < 0.15 and len(sentences) > 4:  # truncated: the tail is cut
                sentences = sentences[: rng.randint(len(sentences) // 2, len(sentences) - 1)]
            for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):  # own additions, on the same topic
                sentences.insert(
                    rng.randrange(1, len(sentences) + 1), self.dated(self.sentence(parent.topic, 0.8), parent.event)
                )
            if rng.random() < 0.4:  # a new lead
                sentences[0] = self.dateline(outlet) + self.dated(self.sentence(parent.topic, 0.8), parent.event)
            if rng.random() < 0.3:  # updated figures
                sentences = self.change_numbers(sentences, rng.randint(1, 3))
            substitution = rng.uniform(0.0, 0.03)
            if substitution > 0.01:
                edited = []
                for s in sentences:
                    tokens = s.split()
                    for k in range(1, len(tokens)):
                        if rng.random() < substitution:
                            tokens[k] = rng.choice(self.vocabulary)
                    edited.append(" ".join(tokens))
                sentences = edited
            chrome = [self.chrome_line() for _ in range(rng.choice([0, 1, 1, 2, 3]))]
            roll = rng.random()
            title = (
                parent.record["title"]
                if roll < 0.5
                else self.title(parent.topic, parent.record["title"])
                if roll < 0.9
                else self.title(parent.topic)
            )
        else:
            chrome, title = (
                [],
                parent.record["title"] if rng.random() < 0.7 else self.title(parent.topic, parent.record["title"]),
            )
        delay = min(max(rng.lognormvariate(0.7, 1.3), 0.08), 72.0)  # hours: median 2h, a tail of days
        published = parent.published + timedelta(hours=delay)
        text = parent.record["text"] if verbatim else self.render(sentences, chrome)
        record, article_id = self.record(title=title, outlet=outlet, published=published, text=text, topic=parent.topic)
        planted = Planted(
            article_id, "reprint" if verbatim else "copy", parent.planted.id, parent.planted.root, parent.planted.story
        )
        return Draft(
            record, sentences, published, self.crawl_time(published), outlet, parent.event, parent.topic, planted
        )

    def change_numbers(self, sentences: list[str], count: int) -> list[str]:
        spots = [
            (k, m)
            for k, s in enumerate(sentences)
            for m in _NUMBER.finditer(s)
            if len(re.sub(r"\D", "", m.group())) >= 2
        ]
        out = list(sentences)
        for k, match in sorted(self.rng.sample(spots, min(count, len(spots))), key=lambda x: -x[1].start()):
            digits = "".join(
                str(self.rng.randrange(10)) if ch.isdigit() and i > 0 else ch for i, ch in enumerate(match.group())
            )
            out[k] = out[k][: match.start()] + digits + out[k][match.end() :]
        return out

    def crawl_time(self, published: datetime) -> datetime:
        return published + timedelta(minutes=self.rng.uniform(1, 120))

    def direct_copies(self) -> int:
        if self.rng.random() < 0.01:  # a wire story or press release every outlet runs
            return self.rng.randint(6, 20)
        return self.rng.choices([0, 1, 2, 3, 4, 5, 6], [72, 14, 7, 4, 1.2, 1, 0.8])[0]

    def generate(self, n: int) -> list[Draft]:
        drafts: list[Draft] = []
        story = 0
        while len(drafts) < n:
            topic = self.rng.randrange(len(self.sources))
            day = self.rng.uniform(0, self.days)
            event = (START + timedelta(days=int(day), hours=self.rng.uniform(5, 22))).replace(microsecond=0)
            outlets: set[str] = set()
            for _ in range(self.rng.choices([1, 2, 3, 4], [65, 20, 10, 5])[0]):
                original = self.original(topic, event, story, outlets)
                outlets.add(original.outlet)
                drafts.append(original)
                frontier = [(original, 0)]
                while frontier:
                    parent, depth = frontier.pop()
                    copies = (
                        self.direct_copies()
                        if depth == 0
                        else (self.rng.randint(1, 2) if self.rng.random() < 0.2 and depth < 3 else 0)
                    )
                    for _ in range(copies):
                        child = self.copy(parent, verbatim=self.rng.random() < 0.12)
                        drafts.append(child)
                        if child.planted.kind == "copy":
                            frontier.append((child, depth + 1))
            story += 1
        return drafts[:n]  # parents come before their copies, so a prefix keeps every parent


def corpus_dir(args: argparse.Namespace) -> Path:
    return args.workdir / f"analyze-n{args.n}-seed{args.seed}-d{args.days:g}-v{CORPUS_VERSION}"


def build_corpus(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    """Write crawl/ (the store), heldout/ (the newest 1%), truth.jsonl and meta.json."""
    started = time.perf_counter()
    sources = load_sources(args.data)
    generator = CorpusGenerator(sources, args.seed, args.days, args.undated)
    drafts = generator.generate(args.n)
    drafts.sort(key=lambda d: d.crawled)
    held = max(1, round(len(drafts) * args.holdout))
    folder.mkdir(parents=True, exist_ok=True)
    # One file per crawl day, as a crawler writes them (ingest also caps a file at 20 MB).
    for name, part in (("crawl", drafts[:-held]), ("heldout", drafts[-held:])):
        days: dict[str, list[Draft]] = {}
        for d in part:
            days.setdefault(f"{d.crawled:%Y-%m-%d}", []).append(d)
        target = folder / name
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()
        for day, records in days.items():
            with (target / f"{day}.jsonl").open("w", encoding="utf-8") as out:
                for d in records:
                    out.write(json.dumps(d.record, ensure_ascii=False) + "\n")
    with (folder / "truth.jsonl").open("w", encoding="utf-8") as out:
        for d in drafts:
            p = d.planted
            out.write(
                json.dumps({"id": p.id, "kind": p.kind, "parent": p.parent, "root": p.root, "story": p.story}) + "\n"
            )
    kinds = Counter(d.planted.kind for d in drafts)
    tree_sizes = Counter(d.planted.root for d in drafts)
    meta = {
        "n": len(drafts),
        "store": len(drafts) - held,
        "heldout": held,
        "originals": kinds["original"],
        "copies": kinds["copy"],
        "reprints": kinds["reprint"],
        "stories": len({d.planted.story for d in drafts}),
        "undated": sum("published" not in d.record for d in drafts),
        "heldout_undated": sum("published" not in d.record for d in drafts[-held:]),
        "copy_trees": sum(1 for size in tree_sizes.values() if size > 1),
        "largest_tree": max(tree_sizes.values()),
        "words_mean": round(sum(len(d.record["text"].split()) for d in drafts) / len(drafts)),
        "first": min(d.published for d in drafts).isoformat(),
        "last": max(d.published for d in drafts).isoformat(),
        "heldout_from": drafts[-held].crawled.isoformat(),
        "seconds": round(time.perf_counter() - started, 1),
    }
    (folder / "meta.json").write_text(json.dumps(meta, indent=1))
    return meta


# -- children: one measurement each, in a fresh process -------------------------------------


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_ingest(args: argparse.Namespace) -> dict[str, Any]:
    from newstrace import Store, ingest

    started = time.perf_counter()
    report = ingest([str(args.input)], db=args.db, jobs=args.jobs)
    seconds = time.perf_counter() - started
    with Store(args.db) as store:
        dated = dict(
            store.conn.execute(
                "SELECT COALESCE(published_from, 'none'), COUNT(*) FROM articles WHERE is_current=1 GROUP BY 1"
            ).fetchall()
        )
    return {
        "seconds": seconds,
        "added": report.added,
        "rejects": dict(report.reasons()),
        "dated_from": dated,
        "peak_mb": _peak_mb(),
        "workers_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def child_warmup(args: argparse.Namespace) -> dict[str, Any]:
    """Compile (or load from numba's cache) every kernel analysis uses, outside the timings."""
    started = time.perf_counter()
    import numpy as np

    from newstrace.algo.lsh import LshConfig, LshIndex, band_keys
    from newstrace.algo.minhash import MinHashConfig, MinHasher
    from newstrace.algo.shingles import batch_shingle_hashes

    texts = [" ".join(f"kata{i}{j} lain{j}" for j in range(40)) for i in range(16)]
    values, offsets = batch_shingle_hashes(texts, 5)
    signatures = MinHasher.from_config(MinHashConfig()).signatures(values, offsets)
    batch_shingle_hashes(texts, k=1)
    config = LshConfig()
    index = LshIndex(config)
    index.add(np.arange(8, dtype=np.int64), band_keys(signatures[:8], config))
    index.candidate_pairs()
    index.add(np.arange(8, 16, dtype=np.int64), band_keys(signatures[8:], config))
    index.query_pairs(np.arange(8, 16, dtype=np.int64))
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb()}


def _store_counts(db_path: Path) -> dict[str, Any]:
    from newstrace import Store

    with Store(db_path) as store:
        one = lambda sql: store.conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": one("SELECT COUNT(*) FROM articles WHERE is_current=1"),
            "multi_copy_groups": one(
                "SELECT COUNT(*) FROM (SELECT copy_group FROM groups GROUP BY 1 HAVING COUNT(*) > 1)"
            ),
            "largest_copy_group": one(
                "SELECT COALESCE(MAX(c), 0) FROM (SELECT COUNT(*) c FROM groups GROUP BY copy_group)"
            ),
            "largest_story": one("SELECT COALESCE(MAX(c), 0) FROM (SELECT COUNT(*) c FROM groups GROUP BY story)"),
            "largest_storyline": one(
                "SELECT COALESCE(MAX(c), 0) FROM (SELECT COUNT(*) c FROM groups GROUP BY storyline)"
            ),
            "copy_edges": one("SELECT COUNT(*) FROM copy_edges WHERE parent IS NOT NULL"),
            "changes_stored": one("SELECT COUNT(*) FROM changes"),
        }


def _truth_scores(db_path: Path, truth_path: Path) -> dict[str, Any]:
    """How much of the planted structure the analysis found (a sanity check of the corpus)."""
    from newstrace import Store

    truth = {t["id"]: t for t in map(json.loads, truth_path.open(encoding="utf-8"))}
    with Store(db_path) as store:
        groups = {r[0]: (r[1], r[2]) for r in store.conn.execute("SELECT id, copy_group, story FROM groups")}
        parents = dict(store.conn.execute("SELECT child, parent FROM copy_edges").fetchall())
    copies = [t for t in truth.values() if t["parent"] and t["id"] in groups and t["parent"] in groups]
    same_group = [t for t in copies if groups[t["id"]][0] == groups[t["parent"]][0]]
    right_parent = sum(1 for t in same_group if parents.get(t["id"]) == t["parent"])
    sizes = Counter(group for group, _ in groups.values())
    roots_of: dict[str, set[str]] = {}
    for article_id, (group, _) in groups.items():
        if sizes[group] > 1:
            roots_of.setdefault(group, set()).add(truth[article_id]["root"] if article_id in truth else article_id)
    pure = sum(1 for roots in roots_of.values() if len(roots) == 1) / max(len(roots_of), 1)
    originals: dict[int, list[str]] = {}
    for t in truth.values():
        if t["kind"] == "original" and t["id"] in groups:
            originals.setdefault(t["story"], []).append(t["id"])
    story_pairs = [(a, b) for ids in originals.values() for k, a in enumerate(ids) for b in ids[k + 1 :]]
    story_found = sum(1 for a, b in story_pairs if groups[a][1] == groups[b][1])
    return {
        "planted_copies": len(copies),
        "copies_in_parent_group": len(same_group) / max(len(copies), 1),
        "parent_right_when_grouped": right_parent / max(len(same_group), 1),
        "pure_copy_groups": pure,
        "story_original_pairs": len(story_pairs),
        "story_pairs_in_same_story": story_found / max(len(story_pairs), 1),
    }


def child_analyze(args: argparse.Namespace) -> dict[str, Any]:
    from newstrace.pipeline import analyze

    stages: list[tuple[str, float]] = []
    profiler = None
    if args.profile_out:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    load_before = os.getloadavg()[0]
    started, cpu_started = time.perf_counter(), time.process_time()
    report = analyze(args.db, on_stage=lambda name: stages.append((name, time.perf_counter())))
    total, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile_out)
    result: dict[str, Any] = {
        "seconds": total,
        "cpu_seconds": cpu,
        "peak_mb": _peak_mb(),
        "stages": report.seconds,
        # The machine is shared: a load above its 2 cores stretches wall time, not CPU time.
        "load": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        # Before the first stage analysis reads every pending article; no stage times that.
        "before_first_stage": (stages[0][1] - started) if stages else total,
        "new_articles": report.new_articles,
        "candidate_pairs": report.candidate_pairs,
        "relations": report.relations,
        "copy_groups": report.copy_groups,
        "stories": report.stories,
        "storylines": report.storylines,
        "traced_groups": report.traced_groups,
        "changes": report.changes,
    }
    if report.new_articles:
        result.update(_store_counts(args.db))
        if args.truth:
            result["truth"] = _truth_scores(args.db, args.truth)
    return result


# -- parent ------------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def run_child(mode: str, args: argparse.Namespace, timeout: float | None = None, **options: Any) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", mode]
    for key, value in options.items():
        if value is not None:
            command += [f"--{key.replace('_', '-')}", str(value)]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(REPO / "src"), env.get("PYTHONPATH", "")] if p)
    started = time.perf_counter()
    try:
        completed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f}s"}
    if completed.returncode != 0:
        tail = completed.stderr.strip().splitlines()[-5:] if completed.stderr else ["failed"]
        return {"error": " | ".join(tail)}
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    result["process_seconds"] = time.perf_counter() - started  # with interpreter start and imports
    return result


def remove_store(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def copy_store(source: Path, target: Path) -> None:
    """A byte copy of a closed store (its WAL, if any, goes along)."""
    remove_store(target)
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(source) + suffix)
        if part.exists():
            shutil.copyfile(part, Path(str(target) + suffix))


def write_hot_spots(profile: Path, out: Path, top: int = 40) -> None:
    import io
    import pstats

    buffer = io.StringIO()
    stats = pstats.Stats(str(profile), stream=buffer).strip_dirs()
    for key in ("cumulative", "tottime"):
        buffer.write(f"\n==== by {key} ====\n")
        stats.sort_stats(key).print_stats(top)
    out.write_text(buffer.getvalue())


def prepare(args: argparse.Namespace) -> tuple[Path, dict[str, Any], dict[str, Any]]:
    folder = corpus_dir(args)
    if (folder / "meta.json").exists():
        meta = json.loads((folder / "meta.json").read_text())
        log(f"corpus cached in {folder}")
    else:
        log(f"generating {args.n:,} articles into {folder} ...")
        meta = build_corpus(args, folder)
        log(f"corpus generated in {meta['seconds']:.0f}s")
    ingest_info = folder / "ingest.json"
    if (folder / "ingested.db").exists() and ingest_info.exists():
        ingested = json.loads(ingest_info.read_text())
        log("ingested store cached")
    else:
        log(f"ingesting {meta['store']:,} articles (jobs={args.jobs}) ...")
        scratch = folder / "ingesting.db"
        remove_store(scratch)  # a half-written one from an interrupted run
        ingested = run_child("ingest", args, input=folder / "crawl", db=scratch, jobs=args.jobs)
        if "error" in ingested:
            raise SystemExit(f"ingest failed: {ingested['error']}")
        if ingested["added"] < 0.95 * meta["store"]:
            raise SystemExit(f"ingest added only {ingested['added']:,} of {meta['store']:,}: {ingested['rejects']}")
        copy_store(scratch, folder / "ingested.db")
        remove_store(scratch)
        ingest_info.write_text(json.dumps(ingested, indent=1))
        log(f"ingested in {ingested['seconds']:.0f}s")
    return folder, meta, ingested


def code_version() -> dict[str, Any]:
    """Which package code was measured: the tree is shared and changes between runs."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted((REPO / "src" / "newstrace").rglob("*.py")):
        digest.update(path.read_bytes())

    def git(*command: str) -> str:
        try:
            return subprocess.run(["git", "-C", str(REPO), *command], capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.TimeoutExpired):
            return ""

    dirty = [line[3:] for line in git("status", "--porcelain", "--", "src").splitlines()]
    return {
        "head": git("rev-parse", "--short", "HEAD").strip(),
        "src_sha256": digest.hexdigest()[:12],
        "uncommitted": dirty,
    }


def measure(args: argparse.Namespace) -> dict[str, Any]:
    folder, meta, ingested = prepare(args)
    (folder / "runs").mkdir(exist_ok=True)
    profile_dir = folder / "profiles" if args.profile else None
    if profile_dir:
        profile_dir.mkdir(exist_ok=True)
    results: dict[str, Any] = {
        "meta": meta,
        "ingest": ingested,
        "n": args.n,
        "seed": args.seed,
        "profiled": bool(args.profile),
        "code": code_version(),
    }
    results["warmup"] = run_child("warmup", args)
    log(f"numba kernels ready in {results['warmup'].get('seconds', float('nan')):.1f}s")
    analysed = full_analysis(args, folder, results, profile_dir)
    if analysed is None:
        return results
    incremental_analysis(args, folder, analysed, results, profile_dir)
    if args.what_if and "error" not in results["incremental"]:
        dated_increment(args, folder, analysed, results, profile_dir)
    for name in ("full", "incremental", "incremental-dated"):
        path = _profile_path(profile_dir, name)
        if path is not None and path.exists():
            write_hot_spots(path, path.with_suffix(".txt"))
            log(f"hot spots of the {name} run: {path.with_suffix('.txt')}")
    suffix = "-profiled" if args.profile else ""
    (folder / f"results{suffix}.json").write_text(json.dumps(results, indent=1))
    return results


def _profile_path(profile_dir: Path | None, name: str) -> Path | None:
    return profile_dir / f"{name}.prof" if profile_dir else None


def full_analysis(
    args: argparse.Namespace, folder: Path, results: dict[str, Any], profile_dir: Path | None
) -> Path | None:
    """(a), or with ``--reuse-full`` the store and figures of an earlier one: the analysed
    store to add the held-out part to, or None when the analysis failed."""
    analysed = folder / "analysed.db"
    if args.reuse_full and analysed.exists() and (folder / "full.json").exists():
        results["full"] = json.loads((folder / "full.json").read_text())
        results["full"]["reused"] = True
        log("full analysis: reusing the cached analysed store and its figures")
        return analysed
    runs = folder / "runs"
    copy_store(folder / "ingested.db", runs / "full.db")
    log(f"(a) full analysis of {results['meta']['store']:,} articles ...")
    results["full"] = run_child(
        "analyze",
        args,
        timeout=args.timeout,
        db=runs / "full.db",
        truth=folder / "truth.jsonl",
        profile_out=_profile_path(profile_dir, "full"),
    )
    if "error" in results["full"]:
        log(f"full analysis failed: {results['full']['error']}")
        return None
    results["full"]["code"] = results["code"]
    if not args.profile:  # profiled figures are inflated: never cache them as the reference
        copy_store(runs / "full.db", analysed)
        (folder / "full.json").write_text(json.dumps(results["full"], indent=1))
    log(f"full analysis: {results['full']['seconds']:.0f}s, peak {results['full']['peak_mb']:.0f} MB")
    return runs / "full.db"


def incremental_analysis(
    args: argparse.Namespace, folder: Path, analysed: Path, results: dict[str, Any], profile_dir: Path | None
) -> None:
    """(b) the held-out part ingested into a copy of the analysed store and analysed, then
    (c) the analysis again with nothing new."""
    runs = folder / "runs"
    copy_store(analysed, runs / "incremental.db")
    log(f"(b) ingesting the held-out {results['meta']['heldout']:,} ...")
    results["heldout_ingest"] = run_child(
        "ingest", args, input=folder / "heldout", db=runs / "incremental.db", jobs=args.jobs
    )
    log("(b) incremental analysis ...")
    results["incremental"] = run_child(
        "analyze",
        args,
        timeout=args.timeout,
        db=runs / "incremental.db",
        truth=folder / "truth.jsonl",
        profile_out=_profile_path(profile_dir, "incremental"),
    )
    if "error" not in results["incremental"]:
        log(f"incremental analysis: {results['incremental']['seconds']:.1f}s")
        log("(c) analysis with nothing new ...")
        results["noop"] = run_child(
            "analyze",
            args,
            timeout=args.timeout,
            db=runs / "incremental.db",
            profile_out=_profile_path(profile_dir, "noop"),
        )


def dated_increment(
    args: argparse.Namespace, folder: Path, analysed: Path, results: dict[str, Any], profile_dir: Path | None
) -> None:
    """(b') the same increment without its undated records: what it would cost if an undated
    article did not make analysis search (and rebuild match data for) the whole store."""
    runs = folder / "runs"
    dated = dated_heldout(folder)
    copy_store(analysed, runs / "incremental-dated.db")
    results["heldout_dated_ingest"] = run_child(
        "ingest", args, input=dated, db=runs / "incremental-dated.db", jobs=args.jobs
    )
    log("(b') incremental analysis, held-out records with a time only ...")
    results["incremental_dated"] = run_child(
        "analyze",
        args,
        timeout=args.timeout,
        db=runs / "incremental-dated.db",
        profile_out=_profile_path(profile_dir, "incremental-dated"),
    )
    if "error" not in results["incremental_dated"]:
        log(f"incremental analysis (dated only): {results['incremental_dated']['seconds']:.1f}s")


def dated_heldout(folder: Path) -> Path:
    """The held-out days with their undated records left out, written once."""
    dated = folder / "heldout-dated"
    if not dated.exists():
        scratch = folder / "heldout-dated.tmp"
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir()
        for day in sorted((folder / "heldout").glob("*.jsonl")):
            lines = [line for line in day.open(encoding="utf-8") if "published" in json.loads(line)]
            (scratch / day.name).write_text("".join(lines), encoding="utf-8")
        scratch.rename(dated)
    return dated


# -- report ------------------------------------------------------------------------------


def _fmt_seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.1f}" if value >= 10 else f"{value:,.2f}" if value >= 0.1 else f"{value:.3f}"


def print_report(results: dict[str, Any]) -> None:
    print_setting(results)
    print_runs(results)
    print_findings(results)
    full, inc = results.get("full") or {}, results.get("incremental") or {}
    if full and inc and "error" not in full and "error" not in inc:
        print_targets(results)
    noop = results.get("noop")
    if noop and "error" not in noop:
        print(
            f"No-op analysis: {noop['seconds']:.3f}s inside analyze(), "
            f"{noop.get('process_seconds', 0):.1f}s for the whole process with imports."
        )


def print_setting(results: dict[str, Any]) -> None:
    """The corpus, the store, the held-out part and the code measured."""
    meta, ingested = results["meta"], results["ingest"]
    print(
        f"\nCorpus: {meta['n']:,} articles ({meta['originals']:,} originals in {meta['stories']:,} stories, "
        f"{meta['copies']:,} edited copies, {meta['reprints']:,} verbatim reprints; {meta['copy_trees']:,} "
        f"copy trees, largest {meta['largest_tree']}), {meta['words_mean']} words on average, published "
        f"{meta['first'][:10]} to {meta['last'][:10]}, {meta['undated']:,} undated records."
    )
    print(
        f"Store: {meta['store']:,} articles ingested (jobs=2) in {ingested['seconds']:,.0f}s "
        f"({meta['store'] / ingested['seconds']:,.0f}/s), peak RSS {ingested['peak_mb']:,.0f} MB "
        f"(+ workers {ingested.get('workers_peak_mb', 0):,.0f} MB each at most); "
        f"publication time from {ingested.get('dated_from')}; rejects {ingested.get('rejects') or 'none'}."
    )
    print(
        f"Held out: the newest {meta['heldout']:,} by crawl time (from {meta['heldout_from'][:16]}, "
        f"{meta['heldout_undated']} of them undated)."
    )
    code = results.get("code") or {}
    if code:
        print(
            f"Code: HEAD {code['head']}, src sha256 {code['src_sha256']}"
            + (f", uncommitted changes in {', '.join(code['uncommitted'])}" if code["uncommitted"] else "")
            + (
                " (figures of the full run are cached from an earlier run)"
                if (results.get("full") or {}).get("reused")
                else ""
            )
            + "."
        )
    if results.get("profiled"):
        print("NOTE: analyses ran under cProfile; their times are inflated.")


def print_runs(results: dict[str, Any]) -> None:
    """One table row per analysis run, stage by stage, and the held-out part's ingest."""
    rows = [
        ("(a) full analysis", results.get("full")),
        ("(b) incremental analysis", results.get("incremental")),
        ("(c) analysis, nothing new", results.get("noop")),
        ("(b') incremental, dated held-out only", results.get("incremental_dated")),
    ]
    stage_names: list[str] = []
    for _, r in rows:
        for name in (r or {}).get("stages", {}):
            if name not in stage_names:
                stage_names.append(name)
    header = ["run", "new articles", "reading pending", *stage_names, "total s", "CPU s", "load", "peak RSS MB"]
    print("\n| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    held = results.get("heldout_ingest") or {}
    for label, r in rows:
        if not r:
            continue
        if "error" in r:
            print(f"| {label} | failed: {r['error']} |")
            continue
        print("| " + " | ".join(_run_cells(label, r, stage_names)) + " |")
        if label.startswith("(a)") and held and "error" not in held:
            print(
                f"| (b) ingest of the held-out 1% | {held['added']:,} | "
                + " | ".join(["-"] * (len(stage_names) + 1))
                + f" | {_fmt_seconds(held['seconds'])} | - | - | {held['peak_mb']:,.0f} |"
            )


def _run_cells(label: str, r: dict[str, Any], stage_names: list[str]) -> list[str]:
    cells = [
        label + (" (cached figures)" if r.get("reused") else ""),
        f"{r['new_articles']:,}",
        _fmt_seconds(r.get("before_first_stage")),
    ]
    cells += [_fmt_seconds(r["stages"].get(name)) for name in stage_names]
    load = r.get("load") or ["?"]
    cells += [
        _fmt_seconds(r["seconds"]),
        _fmt_seconds(r.get("cpu_seconds")),
        f"{max(load)}",
        f"{r['peak_mb']:,.0f}",
    ]
    return cells


def print_findings(results: dict[str, Any]) -> None:
    """What the full and incremental analyses found, and how the full one met the planted truth."""
    full, inc = results.get("full") or {}, results.get("incremental") or {}
    if full and "error" not in full:
        print(
            f"\nFull analysis found: {full['candidate_pairs']:,} candidate pairs; relations "
            f"{full['relations']}; {full['copy_groups']:,} copy groups ({full.get('multi_copy_groups', 0):,} "
            f"with 2+ members, largest {full.get('largest_copy_group')}); {full['stories']:,} stories "
            f"(largest {full.get('largest_story')}); {full['storylines']:,} storylines (largest "
            f"{full.get('largest_storyline')}); {full['traced_groups']:,} groups traced; "
            f"{full['changes']:,} changes."
        )
        truth = full.get("truth")
        if truth:
            print(
                f"Planted truth: {truth['copies_in_parent_group']:.1%} of {truth['planted_copies']:,} planted "
                f"copies share their source's copy group, the traced parent is the planted one for "
                f"{truth['parent_right_when_grouped']:.1%} of those; {truth['pure_copy_groups']:.1%} of copy "
                f"groups hold one planted tree; {truth['story_pairs_in_same_story']:.1%} of "
                f"{truth['story_original_pairs']:,} pairs of independent originals of one story share a story."
            )
    if inc and "error" not in inc:
        print(
            f"Incremental analysis: {inc['new_articles']:,} new, {inc['candidate_pairs']:,} candidate pairs, "
            f"{inc['traced_groups']:,} groups traced, {inc['changes']:,} changes."
        )


def print_targets(results: dict[str, Any]) -> None:
    """Target 2 (incremental against full analysis, in several readings) and target 1."""
    meta, ingested = results["meta"], results["ingest"]
    full, inc = results["full"], results["incremental"]
    held = results.get("heldout_ingest") or {}
    ratio = inc["seconds"] / full["seconds"]
    verdict = "MET" if ratio < 0.05 else "NOT MET"
    print(
        f"\nTarget 2: incremental / full analysis = {_fmt_seconds(inc['seconds'])}s / "
        f"{_fmt_seconds(full['seconds'])}s = {ratio:.1%} (target < 5%: {verdict})."
    )
    if inc.get("cpu_seconds") and full.get("cpu_seconds"):
        print(f"          in CPU time (less sensitive to other load): {inc['cpu_seconds'] / full['cpu_seconds']:.1%}.")
    if held and "error" not in held:
        with_ingest = (inc["seconds"] + held["seconds"]) / (full["seconds"] + ingested["seconds"])
        print(f"          counting ingest on both sides: {with_ingest:.1%}.")
    dated = results.get("incremental_dated") or {}
    if dated and "error" not in dated:
        print(
            f"          without the held-out's undated records ((b'), {dated['new_articles']:,} new): "
            f"{dated['seconds'] / full['seconds']:.1%} (CPU {dated['cpu_seconds'] / full['cpu_seconds']:.1%})."
        )
    print(
        f"Target 1: full analysis of {meta['store']:,} articles: {full['seconds'] / 60:,.1f} min, "
        f"peak RSS {full['peak_mb'] / 1024:,.2f} GB (ingest another {ingested['seconds'] / 60:,.1f} min)."
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="articles in the corpus, held-out share included")
    parser.add_argument("--seed", type=int, default=20190910)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="clickid-dev.jsonl")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR, help="cache of corpora, stores and runs")
    parser.add_argument("--days", type=float, default=180.0, help="span of publication times")
    parser.add_argument("--undated", type=float, default=0.03, help="share of records without a time")
    parser.add_argument("--holdout", type=float, default=0.01, help="share held out for the incremental run")
    parser.add_argument("--jobs", type=int, default=2, help="ingest worker processes")
    parser.add_argument("--timeout", type=float, default=None, help="seconds allowed per analysis")
    parser.add_argument(
        "--reuse-full",
        action="store_true",
        help="reuse the store analysed by an earlier full run; measure only (b) and (c)",
    )
    parser.add_argument("--profile", action="store_true", help="run analyses under cProfile")
    parser.add_argument(
        "--no-what-if",
        dest="what_if",
        action="store_false",
        help="skip (b'): the increment again without its undated records",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--truth", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.child:
        handler = {"ingest": child_ingest, "analyze": child_analyze, "warmup": child_warmup}[args.child]
        print(json.dumps(handler(args)))
        return
    args.workdir = args.workdir.resolve()
    args.data = args.data.resolve()
    print_report(measure(args))


if __name__ == "__main__":
    main()
