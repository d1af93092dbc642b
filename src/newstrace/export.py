"""Exports: the documented record contract other tools rely on.

``articles`` records carry, per current article version:
  id, outlet, url, title, published (ISO 8601 with offset, or null), published_from,
  byline ([{role, name}]), dateline, sources ([{name, phrase}]), text (clean), version,
  and, once ``analyze`` has run, copy_group, story, storyline, parent, origin.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from newstrace.errors import InputError
from newstrace.model import Article
from newstrace.store import Store

__all__ = ["article_record", "export_articles", "write_records", "ARTICLE_FIELDS"]

ARTICLE_FIELDS = ("id", "outlet", "url", "title", "published", "published_from", "byline", "dateline",
                  "sources", "text", "version")


def article_record(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "outlet": article.outlet,
        "url": article.url,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "published_from": article.published_from,
        "byline": [{"role": p.role, "name": p.name} for p in article.byline],
        "dateline": article.dateline,
        "sources": [{"name": s.name, "phrase": s.phrase} for s in article.sources],
        "text": article.text,
        "version": article.version,
    }


# Later stages add fields per article id (groups, provenance); they register here.
Enricher = Callable[[Store], Callable[[str], dict[str, Any]]]
ENRICHERS: list[Enricher] = []


def export_articles(store: Store) -> Iterator[dict[str, Any]]:
    extras = [make(store) for make in ENRICHERS]
    for article in store.articles():
        record = article_record(article)
        for extra in extras:
            record.update(extra(article.id))
        yield record


def write_records(records: Iterator[dict[str, Any]], out: IO[str], fmt: str) -> int:
    """Write records as JSON Lines or CSV (lists and dicts JSON-encoded in a cell)."""
    if fmt not in ("jsonl", "csv"):
        raise InputError(f"unknown export format {fmt!r}; use jsonl or csv")
    n = 0
    writer: csv.DictWriter[str] | None = None
    for record in records:
        if fmt == "jsonl":
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(record))
                writer.writeheader()
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                             for k, v in record.items()})
        n += 1
    return n
