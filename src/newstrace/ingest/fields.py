"""Field names: map what real dumps call their fields onto newstrace's names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newstrace.errors import InputError

__all__ = ["FIELDS", "ALIASES", "parse_mapping", "map_record"]

FIELDS = ("id", "url", "outlet", "title", "published", "text", "html", "byline")

# Names seen in Indonesian and English news dumps, most specific first.
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id", "docid", "uid", "guid", "_id"),
    "url": ("url", "link", "permalink", "source_url", "article_url", "tautan", "canonical_url"),
    "outlet": (
        "outlet", "media", "publisher", "sumber", "source", "site", "site_name", "sitename",
        "portal", "situs", "domain", "source_name",
    ),
    "title": ("title", "judul", "headline", "judul_berita", "heading"),
    "published": (
        "published", "tanggal_publikasi", "published_at", "publish_date", "pub_date", "pubdate",
        "date_published", "tanggal", "tgl", "date", "datetime", "waktu", "created_at", "time",
        "timestamp",
    ),
    "text": (
        "text", "isi_berita", "isi", "content", "body", "konten", "artikel", "article",
        "berita", "article_text", "body_text", "maintext", "teks",
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
                f"field mapping {pair!r}: {target!r} is not a newstrace field; "
                f"use one of {', '.join(FIELDS)}"
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


def map_record(record: Mapping[str, Any], mapping: Mapping[str, str] | None = None) -> dict[str, str | None]:
    """Return the record's fields under newstrace names.

    An explicit ``mapping`` wins; otherwise the first alias present (case-insensitive)
    is taken. Unknown fields are left out here (the raw record keeps them).
    """
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    out: dict[str, str | None] = {}
    for source, target in (mapping or {}).items():
        if source.lower() in lowered:
            out[target] = _as_text(lowered[source.lower()])
    for name in FIELDS:
        if name in out:
            continue
        for alias in ALIASES[name]:
            value = lowered.get(alias)
            if value not in (None, ""):
                out[name] = _as_text(value)
                break
    return out
