"""What one input becomes before it is stored: a cleaned article or a reject, its recipe (the
input with how it is read) and the notes kept beside it."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from newstrace.clean import NoArticleError, clean_html, clean_page
from newstrace.ingest.fields import FieldUsage
from newstrace.model import Article, Cleaned, RawInput, Reject
from newstrace.settings import default

__all__ = ["clean_raw", "cleaning_fingerprint", "recipe", "count_fields", "input_notes"]

log = logging.getLogger("newstrace.ingest")


def _text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:32]


def clean_raw(raw: RawInput, min_words: int) -> tuple[Article, list[tuple[str, str]]] | Reject:
    """Clean one input into an article (with the chrome lines removed), or say why not."""
    cleaned = _clean(raw)
    if isinstance(cleaned, Reject):
        return cleaned
    words = len(cleaned.text.split())
    if words < min_words:
        return Reject(
            raw.origin,
            raw.line,
            "no_text",
            f"only {words} words of article text after cleaning (minimum {min_words})",
            raw.payload[:200],
        )
    f = raw.fields
    text_hash = _text_hash(cleaned.text)
    article_id = (f.get("id") or "").strip() or (f.get("url") or "").strip() or f"sha:{text_hash[:16]}"
    article = Article(
        id=article_id,
        text=cleaned.text,
        url=f.get("url") or cleaned.url,
        outlet=cleaned.outlet,
        title=cleaned.title,
        published=cleaned.published,
        published_from=cleaned.published_from,
        published_precision=cleaned.published_precision,
        byline=cleaned.byline,
        dateline=cleaned.dateline,
        sources=cleaned.sources,
        text_hash=text_hash,
    )
    return article, cleaned.removed


def _clean(raw: RawInput) -> Cleaned | Reject:
    """The input's text or HTML cleaned, or why it cannot be; never raises."""
    f = raw.fields
    meta = {
        "title": f.get("title"),
        "outlet": f.get("outlet"),
        "url": f.get("url"),
        "published": f.get("published"),
        "byline": f.get("byline"),
    }
    try:
        if f.get("html") and not (f.get("text") or "").strip():
            cleaned: Cleaned = clean_html(f["html"] or "", **meta)
        elif (f.get("text") or "").strip():
            cleaned = clean_page(
                f["text"] or "",
                title=meta["title"],
                outlet=meta["outlet"],
                url=meta["url"],
                published=meta["published"],
                byline=meta["byline"],
            )
        else:
            return Reject(
                raw.origin,
                raw.line,
                "no_text",
                "the record has no text or html; if its body is under another name, map it with --map NAME=text",
                raw.payload[:200],
            )
    except NoArticleError as exc:
        return Reject(
            raw.origin, raw.line, "no_article", f"no article text found in the HTML: {exc}", raw.payload[:200]
        )
    except Exception as exc:  # one bad article must never stop the batch
        # The reject tells the user; the traceback is for a developer who turns on debug logging.
        log.debug("cleaning failed for %s:%s", raw.origin, raw.line, exc_info=True)
        return Reject(
            raw.origin,
            raw.line,
            "clean_error",
            f"cleaning failed ({type(exc).__name__}: {exc}); please report this input",
            raw.payload[:200],
        )
    return cleaned


@cache
def cleaning_fingerprint() -> str:
    """A hash of the code that turns an input into an article: when it changes, inputs already
    stored are cleaned again on the next ingest (and kept as new versions where the result differs)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(
        [*(package / "clean").glob("*.py"), *(package / "lang").glob("*.py"), package / "ingest" / "prepare.py"]
    ):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def recipe(raw: RawInput, sha: str) -> str:
    """An input's identity together with how it is read: its mapped fields and the cleaning code."""
    digest = hashlib.sha256(sha.encode())
    digest.update(json.dumps(raw.fields, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    digest.update(cleaning_fingerprint().encode())
    return digest.hexdigest()


def count_fields(raws: list[RawInput], mapping: Mapping[str, str] | None, usage: dict[str, FieldUsage]) -> None:
    """Which keys of each record file fed which field, and which were left unread."""
    for raw in raws:
        if raw.format not in ("jsonl", "csv", "parquet"):
            continue
        try:
            record = json.loads(raw.payload)
        except (ValueError, RecursionError):
            continue
        if isinstance(record, dict):
            usage.setdefault(raw.origin, FieldUsage()).add(record, mapping)


def input_notes(raw: RawInput, article: Article) -> list[tuple[str, str]]:
    """What the stored article lost or could not use from its input, to keep beside it."""
    notes = []
    given = (raw.fields.get("published") or "").strip()
    if given and article.published_from != "record":
        taken = (
            f"the time was taken from the {article.published_from}"
            if article.published_from
            else "the article is stored undated"
        )
        notes.append(
            (
                "published_unreadable",
                f"the record's published value {given[:80]!r} is not a valid time (an impossible "
                f"date or offset?); {taken}",
            )
        )
    cap = default("max_analysed_chars")
    if len(article.text) > cap:
        notes.append(
            ("text_capped", f"the text has {len(article.text):,} characters; analysis reads the first {cap:,}")
        )
    return notes
