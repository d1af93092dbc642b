"""Shared fixture paths: the bundled sample data is the tests' real data, and the repository
the tests live in (for its benchmarks and saved pages), wherever a test file sits below it.

Also the seed pages as the relation and change tests read them, built once for all of them, and
the short story sentences the passage, TF-IDF and classification tests share."""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache
from pathlib import Path

import newstrace
from newstrace.match_doc import MatchDoc
from newstrace.tfidf import TfidfIndex

REPO = Path(__file__).resolve().parents[1]
SAMPLE = Path(newstrace.__file__).parent / "sample"
SEEDS = SAMPLE / "seeds"
CLICKID_SAMPLE = SAMPLE / "clickid-sample.jsonl"

STORY = [
    (
        "Pemimpin Korea Utara Kim Jong Un dilaporkan menolak permintaan Presiden Rusia Vladimir "
        "Putin terkait bantuan militer di Ukraina."
    ),
    ("Rusia mengklaim telah mengamankan seluruh Oblast Kherson setelah merebut kota itu dua minggu lalu."),
    ("Namun para pemain bertahan Ukraina tetap menantang dan terus mencetak kemenangan taktis di lapangan."),
    (
        "Laporan yang muncul menunjukkan Rusia telah kehilangan hingga 13.500 tentara dalam "
        "konflik bersama sejumlah aset perangkat keras."
    ),
    ("The Express melaporkan situasi tersebut telah memaksa Moskow menjangkau teman-temannya di luar negeri."),
    ("Dikabarkan Rusia diduga meminta bantuan keuangan dan militer China dalam perang yang sedang berlangsung."),
]
OTHER = [
    "Harga emas Antam hari ini naik seribu rupiah menjadi Rp752.000 per gram di Pulogadung.",
    "Persib Bandung menyiapkan tiga pemain baru untuk menghadapi laga tandang pekan depan.",
]

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”']?\s+(?=[\"“'(]?[A-Z0-9])")


def _regex_sentences(text: str) -> list[str]:
    """Stand-in splitter: lines, then sentence ends, dropping "Baca juga" lines."""
    sentences: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.lower().startswith("baca juga"):
            sentences.extend(s.strip() for s in _SENTENCE_END.split(line) if s.strip())
    return sentences


def clean_seed(text: str) -> tuple[str | None, list[str], datetime | None]:
    """Title, sentences and a trustworthy time for one seed page."""
    try:
        from newstrace.clean import clean_page, split_sentences
    except ImportError:
        return None, _regex_sentences(text), None
    cleaned = clean_page(text)
    # A date found only in the body is often a cited source's date ("dilansir Express UK,
    # Selasa 15 Maret 2022"), not the page's own: leave such pages undated.
    published = cleaned.published if cleaned.published_from != "body" else None
    return cleaned.title, split_sentences(cleaned.text), published


def seed_paragraphs(prefix: str) -> list[str]:
    """The raw page, related links and all, one paragraph per line."""
    from newstrace.clean import split_sentences

    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return split_sentences(path.read_text(encoding="utf-8"))


@cache
def seed_docs() -> dict[str, MatchDoc]:
    docs: dict[str, MatchDoc] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        title, sentences, published = clean_seed(path.read_text(encoding="utf-8"))
        key = path.name[:3]
        docs[key] = MatchDoc.build(key, title, sentences, published=published)
    return docs


@cache
def seed_index() -> TfidfIndex:
    """Seeds plus the bundled sample corpus, so that word weights come from real news."""
    background: list[MatchDoc] = []
    with CLICKID_SAMPLE.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            background.append(MatchDoc.build(record["id"], record["title"], _regex_sentences(record["text"])))
    return TfidfIndex.from_docs([*seed_docs().values(), *background])
