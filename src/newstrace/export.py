"""Exports: the documented record contract other tools rely on.

``articles`` records carry, per current article version:
  id, outlet, url, title, published (ISO 8601 with offset, or null), published_from,
  published_precision (minute, hour or day: a day-precision time is that day's midnight),
  byline ([{role, name}]), dateline, sources ([{name, phrase}]), text (clean), version,
  copy_group, story, storyline (group ids: the id of the group's earliest member; an article
  alone is its own group), parent (the article it most likely derives from, an ``unknown:`` id
  for an absent common source, or null), parent_confidence (the probability of that parent, null
  without one), origin (the earliest known version of its copy group) and origin_confidence (the
  probability that the origin is right, among the origins the tracer weighed).
  The analysis fields are null until ``newstrace analyze`` has run.

``changes`` records: parent, child, kind (added, removed, reworded), old, new (sentence text
or null), tags (number, hedge, quote, attribution, embellishment, wording, lead, truncation,
appended, chrome), word_diff ([op, words] with op "=", "-" or "+").

``borrowings`` records: partial reuse between articles that are not copies (a background
recap, a shared quote, a digest of several reports): borrower (the later article), source,
share (of the borrower's words, in the borrowed sentences, 0 to 1), passages ([{text,
borrower_sentences, source_sentences, similarity}], sentences as [first, last] 1-based, text as
the borrower has it).

``claims`` records: one per claim occurrence in a current article: article, claim (the id shared
by every article carrying the same statement), quote (exactly as printed, without the quote
marks), kind (direct, reported), speaker (as resolved), speaker_mention (as written), cue, via
(the media and platforms it came through, innermost first, outermost last), certainty (asserted,
hedged, unverified, denied), hedges (the words), stance (denial, confirmation or null), stance_to
(for a denial or confirmation, the claim id it is about, or null), char_start and char_end (in
the cleaned text).
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from newstrace.errors import InputError
from newstrace.model import Article
from newstrace.store import Store
from newstrace.store.analysis import all_borrowings, changes_between
from newstrace.store.claims import all_claim_rows

__all__ = ["article_record", "export_articles", "export_borrowings", "export_changes", "export_claims",
           "write_records",
           "write_records_to_file",
           "ARTICLE_FIELDS"]

ARTICLE_FIELDS = ("id", "outlet", "url", "title", "published", "published_from", "published_precision",
                  "byline", "dateline", "sources", "text", "version", "copy_group", "story", "storyline",
                  "parent", "origin")


def article_record(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "outlet": article.outlet,
        "url": article.url,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "published_from": article.published_from,
        "published_precision": article.published_precision,
        "byline": [{"role": p.role, "name": p.name} for p in article.byline],
        "dateline": article.dateline,
        "sources": [{"name": s.name, "phrase": s.phrase} for s in article.sources],
        "text": article.text,
        "version": article.version,
    }


def _provenance(store: Store) -> dict[str, dict[str, Any]]:
    """Group ids, parent and origin per article id, from the last analysis."""
    parents = {r[0]: (r[1], r[2]) for r in store.conn.execute("SELECT child, parent, confidence FROM copy_edges")}
    origin_p = dict(store.conn.execute("SELECT copy_group, confidence FROM origins").fetchall())
    out: dict[str, dict[str, Any]] = {}
    for article_id, group, story, line, origin in store.conn.execute(
            "SELECT id, copy_group, story, storyline, origin FROM groups"):
        parent, confidence = parents.get(article_id, (None, None))
        out[article_id] = {"copy_group": group, "story": story, "storyline": line, "parent": parent,
                           "parent_confidence": confidence if parent else None, "origin": origin,
                           "origin_confidence": origin_p.get(group)}
    return out


def export_articles(store: Store) -> Iterator[dict[str, Any]]:
    """One record per current article; analysis fields are null until ``analyze`` has run."""
    provenance = _provenance(store)
    empty = dict.fromkeys(("copy_group", "story", "storyline", "parent", "parent_confidence", "origin",
                           "origin_confidence"))
    for article in store.articles():
        record = article_record(article)
        record.update(provenance.get(article.id, empty))
        yield record


def export_changes(store: Store) -> Iterator[dict[str, Any]]:
    """One record per change along a copy edge: parent, child, kind, old, new, tags."""
    for c in changes_between(store):
        yield {"parent": c.parent, "child": c.child, "kind": c.kind, "old": c.old, "new": c.new,
               "tags": c.tags, "word_diff": [list(w) for w in c.word_diff]}


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run: text starting like a formula gets a leading
    apostrophe (the OWASP rule for CSV injection). JSON Lines stay exact."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_borrowings(store: Store) -> Iterator[dict[str, Any]]:
    """One record per borrowing: borrower, source, passages, share of the borrower's text."""
    for b in all_borrowings(store):
        yield {"borrower": b.borrower, "source": b.source,
               "passages": [{"text": p.text, "borrower_sentences": [p.a_start + 1, p.a_end],
                             "source_sentences": [p.b_start + 1, p.b_end], "similarity": round(p.similarity, 4)}
                            for p in b.passages],
               "share": b.share}


def export_claims(store: Store) -> Iterator[dict[str, Any]]:
    """One record per claim occurrence (see the module docstring for the fields)."""
    for c in all_claim_rows(store):
        yield {"article": c.article, "claim": c.claim, "quote": c.quote, "kind": c.kind, "speaker": c.speaker,
               "speaker_mention": c.speaker_mention, "cue": c.cue, "via": c.via, "certainty": c.certainty,
               "hedges": [h["word"] for h in c.hedges], "stance": c.stance, "stance_to": c.stance_to,
               "char_start": c.char_start, "char_end": c.char_end}


def write_records(records: Iterator[dict[str, Any]], out: IO[str], fmt: str) -> int:
    """Write records as JSON Lines or CSV (lists and dicts JSON-encoded in a cell, cells that
    a spreadsheet would read as a formula prefixed with ``'``)."""
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
            writer.writerow({k: _cell(json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                             for k, v in record.items()})
        n += 1
    return n


_STORE_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def write_records_to_file(records: Iterator[dict[str, Any]], output: str | Path, fmt: str,
                          protect: Iterable[str | Path] = ()) -> int:
    """Write records to ``output`` whole or not at all, never over a file in ``protect``.

    The records go to a temporary file beside ``output`` that is renamed into place once
    complete, so a failed export (a full disk, a damaged store) leaves no half-written file.
    ``protect`` names stores (with their ``-wal``/``-shm`` side files) that must not be replaced.
    """
    target = Path(output)
    resolved = target.resolve()
    for store_path in protect:
        for suffix in _STORE_SIDE_FILES:
            guarded = Path(str(store_path) + suffix).resolve()
            if resolved == guarded or (resolved.exists() and guarded.exists() and resolved.samefile(guarded)):
                raise InputError(f"the output {str(target)!r} is the store itself (or one of its files); "
                                 "choose another output file")
    folder = resolved.parent
    if not folder.is_dir():
        raise InputError(f"cannot write {str(target)!r}: the folder {str(folder)!r} does not exist; create it first")
    if resolved.is_dir():
        raise InputError(f"cannot write {str(target)!r}: it is a folder; give a file name")
    if resolved.exists() and not resolved.is_file():  # a device or pipe (/dev/stdout): write through
        try:
            with open(resolved, "w", encoding="utf-8", newline="") as fh:
                return write_records(records, fh, fmt)
        except OSError as exc:
            raise InputError(f"cannot write {str(target)!r}: {exc.strerror or exc}") from exc
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{resolved.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write in {str(folder)!r}: {exc.strerror}; choose a writable folder") from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as fh:
            count = write_records(records, fh, fmt)
        os.replace(temporary, resolved)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"cannot write {str(target)!r}: {exc.strerror or exc}; nothing was written") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count
