"""Field names: map what real dumps call their fields onto newstrace's names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from newstrace.errors import InputError

__all__ = [
    "FIELDS",
    "ALIASES",
    "FieldUsage",
    "parse_mapping",
    "map_record",
    "field_sources",
    "unmapped_fields",
    "suggest_field",
]

FIELDS = ("id", "url", "outlet", "title", "published", "text", "html", "byline")

# Names seen in Indonesian and English news dumps, most specific first.
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id", "docid", "uid", "guid", "_id"),
    "url": ("url", "link", "permalink", "source_url", "article_url", "tautan", "canonical_url"),
    "outlet": (
        "outlet",
        "media",
        "publisher",
        "sumber",
        "source",
        "site",
        "site_name",
        "sitename",
        "portal",
        "situs",
        "domain",
        "source_name",
    ),
    "title": ("title", "judul", "headline", "judul_berita", "heading"),
    "published": (
        "published",
        "tanggal_publikasi",
        "published_at",
        "publish_date",
        "pub_date",
        "pubdate",
        "date_published",
        "tanggal",
        "tgl",
        "date",
        "datetime",
        "waktu",
        "created_at",
        "time",
        "timestamp",
    ),
    "text": (
        "text",
        "isi_berita",
        "isi",
        "content",
        "body",
        "konten",
        "artikel",
        "article",
        "berita",
        "article_text",
        "body_text",
        "maintext",
        "teks",
    ),
    "html": ("html", "raw_html", "content_html", "page_html", "html_content", "source_html"),
    "byline": ("byline", "author", "authors", "penulis", "reporter", "wartawan", "pewarta"),
}


def parse_mapping(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """Parse ``SOURCE=TARGET`` options, e.g. ``judul=title``, into {source: target}."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        source, target = source.strip(), target.strip()
        if not sep or not source or not target:
            raise InputError(f"field mapping {pair!r} should look like SOURCE=TARGET, e.g. judul=title")
        if target not in FIELDS:
            raise InputError(
                f"field mapping {pair!r}: {target!r} is not a newstrace field; use one of {', '.join(FIELDS)}"
            )
        mapping[source] = target
    return mapping


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list):  # e.g. authors: ["A", "B"], or paragraphs
        parts = [_as_text(v) for v in value]
        return "\n\n".join(p for p in parts if p)
    return str(value)


def _sources(record: Mapping[str, Any], mapping: Mapping[str, str] | None) -> dict[str, str]:
    """{newstrace field: the record's key it is read from}."""
    chosen: dict[str, str] = {}
    for name, forced, aliases in _plan(tuple(record), tuple(mapping.items()) if mapping else ()):
        if forced is not None:
            chosen[name] = forced
            continue
        for key in aliases:
            if record[key] not in (None, ""):
                chosen[name] = key
                break
    return chosen


_Plan = tuple[tuple[str, str | None, tuple[str, ...]], ...]
_PLANS: dict[tuple[tuple[Any, ...], tuple[tuple[str, str], ...]], _Plan] = {}


def _plan(keys: tuple[Any, ...], mapping: tuple[tuple[str, str], ...]) -> _Plan:
    """Per field, the key an explicit mapping forces, else the present aliases in order: what
    ``_sources`` tries on a record with these keys. Records of one dump share their keys, so
    the plan is worked out once per key set, not once per record."""
    plan = _PLANS.get((keys, mapping))
    if plan is not None:
        return plan
    by_lower = {str(k).strip().lower(): str(k) for k in keys}
    forced: dict[str, str] = {}
    for source, target in mapping:
        if source.lower() in by_lower:
            forced[target] = by_lower[source.lower()]
    steps: list[tuple[str, str | None, tuple[str, ...]]] = [(name, key, ()) for name, key in forced.items()]
    steps += [
        (name, None, tuple(by_lower[a] for a in ALIASES[name] if a in by_lower))
        for name in FIELDS
        if name not in forced
    ]
    plan = tuple((name, key, aliases) for name, key, aliases in steps if key is not None or aliases)
    if len(_PLANS) >= 4096:  # a dump whose every record has other keys: keep memory bounded
        _PLANS.clear()
    _PLANS[(keys, mapping)] = plan
    return plan


def map_record(record: Mapping[str, Any], mapping: Mapping[str, str] | None = None) -> dict[str, str | None]:
    """Return the record's fields under newstrace names.

    An explicit ``mapping`` wins; otherwise the first alias present (case-insensitive)
    is taken. Unknown fields are left out here (the raw record keeps them, and
    ``unmapped_fields`` names them so that ingest can say so).
    """
    return {name: _as_text(record[key]) for name, key in _sources(record, mapping).items()}


def field_sources(record: Mapping[str, Any], mapping: Mapping[str, str] | None = None) -> dict[str, str]:
    """{newstrace field: the record's key it is read from}, as ``map_record`` chooses."""
    return _sources(record, mapping)


def unmapped_fields(record: Mapping[str, Any], mapping: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The record's keys that no newstrace field reads (empty values aside)."""
    used = set(_sources(record, mapping).values())
    return tuple(str(k) for k, v in record.items() if k not in used and v not in (None, "", [], {}))


_DATE_VALUE = re.compile(
    r"^\s*(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{10,13}"
    r"|(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|mon|tue|wed|thu|fri|sat|sun)\w*,?\s+\d"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|mei|may|jun|jul|agu|aug|sep|okt|oct|nov|des|dec)\w*\s+\d{4})",
    re.IGNORECASE,
)


def suggest_field(name: str, value: Any, present: set[str]) -> str | None:
    """The newstrace field an unmapped key most likely holds, if it fills a gap in ``present``.

    A name containing a known alias ("headline_id" -> title) is the first clue; the value's
    shape (a date, a URL, a long text, HTML) the second.
    """
    words = set(re.split(r"[^a-z0-9]+", name.lower()))
    for target in FIELDS:
        if target not in present and (target in words or words & set(ALIASES[target])):
            return target
    text = _as_text(value) or ""
    guesses = (
        ("published", bool(_DATE_VALUE.match(text)) and len(text) < 40),
        ("url", text.startswith(("http://", "https://"))),
        ("html", "<" in text[:200] and "</" in text and len(text) > 200),
        ("text", len(text.split()) >= 50),
    )
    return next((target for target, fits in guesses if fits and target not in present), None)


@dataclass(slots=True)
class FieldUsage:
    """How one input file's records were read: which keys fed which field, which were ignored."""

    records: int = 0
    used: Counter[tuple[str, str]] = field(default_factory=Counter)  # (key, field) -> records
    ignored: Counter[str] = field(default_factory=Counter)  # key -> records
    suggested: dict[str, Counter[str]] = field(default_factory=dict)  # key -> {field: records}

    def add(self, record: Mapping[str, Any], mapping: Mapping[str, str] | None = None) -> None:
        self.records += 1
        chosen = _sources(record, mapping)
        for target, key in chosen.items():
            self.used[(key, target)] += 1
        present = set(chosen)
        for key in unmapped_fields(record, mapping):
            self.ignored[key] += 1
            guess = suggest_field(key, record[key], present)
            if guess:
                self.suggested.setdefault(key, Counter())[guess] += 1

    def suggestions(self) -> dict[str, str]:
        """{key: field} for ignored keys whose likely field most records lack."""
        return {
            key: counts.most_common(1)[0][0]
            for key, counts in self.suggested.items()
            if counts.most_common(1)[0][1] * 2 >= self.ignored[key]
        }
