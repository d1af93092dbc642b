"""The synthetic crawl ``bench_analyze.py`` measures (``bench_web.py`` and ``analyze_growth.py``
measure on it too): N articles of real clickid-dev text with planted copy trees.

Sentences are re-assembled from 4-8 word chunks of the clickid-dev articles, so the vocabulary,
numbers, names and quirks are real while two unrelated articles do not share whole sentences by
accident. A *story* draws most chunks from one real article (its topic), so the 1-4 outlets that
report the same event write alike without copying. Each original may then be copied, and copies
copied again: new leads, dropped, truncated and added sentences, changed numbers, light word
edits, "Baca juga:" and credit lines, edited titles; some copies are verbatim reprints. Ids,
outlets, titles and publication times (dates in the text rewritten to match; a share of records
without a time) are distinct per record. Records are written as JSON Lines, one file per crawl
day; the newest share by crawl time is held out for an incremental run.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
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
