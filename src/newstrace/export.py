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
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO

from newstrace.errors import InputError
from newstrace.model import Article
from newstrace.store import Store, queries
from newstrace.store.analysis import all_borrowings, changes_between, load_groups
from newstrace.store.claims import all_claim_rows

__all__ = [
    "article_record",
    "export_articles",
    "export_borrowings",
    "export_changes",
    "export_claims",
    "write_records",
    "write_records_to_file",
    "write_parquet",
    "write_file_atomically",
    "ARTICLE_FIELDS",
    "EXPORT_FORMATS",
]

EXPORT_FORMATS = ("jsonl", "csv", "parquet")

ARTICLE_FIELDS = (
    "id",
    "outlet",
    "url",
    "title",
    "published",
    "published_from",
    "published_precision",
    "byline",
    "dateline",
    "sources",
    "text",
    "version",
    "copy_group",
    "story",
    "storyline",
    "parent",
    "origin",
)


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
    parents = queries.parent_edges(store)
    origin_p = queries.origin_confidences(store)
    out: dict[str, dict[str, Any]] = {}
    for article_id, (group, story, line, origin) in load_groups(store).items():
        parent, confidence = parents.get(article_id, (None, None))
        out[article_id] = {
            "copy_group": group,
            "story": story,
            "storyline": line,
            "parent": parent,
            "parent_confidence": confidence if parent else None,
            "origin": origin,
            "origin_confidence": origin_p.get(group),
        }
    return out


def export_articles(store: Store) -> Iterator[dict[str, Any]]:
    """One record per current article; analysis fields are null until ``analyze`` has run."""
    provenance = _provenance(store)
    empty = dict.fromkeys(
        ("copy_group", "story", "storyline", "parent", "parent_confidence", "origin", "origin_confidence")
    )
    for article in store.articles():
        record = article_record(article)
        record.update(provenance.get(article.id, empty))
        yield record


def export_changes(store: Store) -> Iterator[dict[str, Any]]:
    """One record per change along a copy edge: parent, child, kind, old, new, tags."""
    for c in changes_between(store):
        yield {
            "parent": c.parent,
            "child": c.child,
            "kind": c.kind,
            "old": c.old,
            "new": c.new,
            "tags": c.tags,
            "word_diff": [list(w) for w in c.word_diff],
        }


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
        yield {
            "borrower": b.borrower,
            "source": b.source,
            "passages": [
                {
                    "text": p.text,
                    "borrower_sentences": [p.a_start + 1, p.a_end],
                    "source_sentences": [p.b_start + 1, p.b_end],
                    "similarity": round(p.similarity, 4),
                }
                for p in b.passages
            ],
            "share": b.share,
        }


def export_claims(store: Store) -> Iterator[dict[str, Any]]:
    """One record per claim occurrence (see the module docstring for the fields)."""
    for c in all_claim_rows(store):
        yield {
            "article": c.article,
            "claim": c.claim,
            "quote": c.quote,
            "kind": c.kind,
            "speaker": c.speaker,
            "speaker_mention": c.speaker_mention,
            "cue": c.cue,
            "via": c.via,
            "certainty": c.certainty,
            "hedges": [h["word"] for h in c.hedges],
            "stance": c.stance,
            "stance_to": c.stance_to,
            "char_start": c.char_start,
            "char_end": c.char_end,
        }


def write_records(records: Iterator[dict[str, Any]], out: IO[str], fmt: str) -> int:
    """Write records as JSON Lines or CSV (lists and dicts JSON-encoded in a cell, cells that
    a spreadsheet would read as a formula prefixed with ``'``)."""
    if fmt not in ("jsonl", "csv"):
        raise InputError(f"unknown text export format {fmt!r}; use jsonl or csv (parquet goes to a file)")
    n = 0
    writer: csv.DictWriter[str] | None = None
    for record in records:
        if fmt == "jsonl":
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(record))
                writer.writeheader()
            writer.writerow(
                {
                    k: _cell(json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                    for k, v in record.items()
                }
            )
        n += 1
    return n


_PARQUET_BATCH = 4096


def _parquet_types() -> dict[str, Any]:
    """Column types of every exported field, so that a batch of nulls never decides a type."""
    import pyarrow as pa

    text = pa.string()
    names = (
        "id",
        "outlet",
        "url",
        "title",
        "published",
        "published_from",
        "dateline",
        "text",
        "copy_group",
        "story",
        "storyline",
        "parent",
        "origin",
        "child",
        "kind",
        "old",
        "new",
        "dup_cluster",
        "dup_reason",
    )
    types: dict[str, Any] = dict.fromkeys(names, text)
    types.update(
        {
            "version": pa.int64(),
            "keep": pa.bool_(),
            "similarity": pa.float64(),
            "words": pa.int64(),
            "parent_confidence": pa.float64(),
            "origin_confidence": pa.float64(),
            "published_precision": text,
            "byline": pa.list_(pa.struct([("role", text), ("name", text)])),
            "sources": pa.list_(pa.struct([("name", text), ("phrase", text)])),
            "tags": pa.list_(text),
            "word_diff": pa.list_(pa.list_(text)),
        }
    )
    return types


def _parquet_schema(record: dict[str, Any]) -> Any:
    import pyarrow as pa

    known = _parquet_types()
    fields = []
    for name, value in record.items():
        if name in known:
            fields.append(pa.field(name, known[name]))
        elif isinstance(value, bool):
            fields.append(pa.field(name, pa.bool_()))
        elif isinstance(value, int):
            fields.append(pa.field(name, pa.int64()))
        elif isinstance(value, float):
            fields.append(pa.field(name, pa.float64()))
        else:  # text, or a nested value kept as its JSON text
            fields.append(pa.field(name, pa.string()))
    return pa.schema(fields)


def _parquet_row(record: dict[str, Any], schema: Any) -> dict[str, Any]:
    import pyarrow as pa

    row = {}
    for f in schema:
        value = record.get(f.name)
        if f.type == pa.string() and value is not None and not isinstance(value, str):
            value = json.dumps(value, ensure_ascii=False)
        row[f.name] = value
    return row


def write_parquet(records: Iterator[dict[str, Any]], out: Any) -> int:
    """Write records as one Parquet file to ``out`` (a path or binary file), in row groups of
    a few thousand, so an export of any size is never held whole. Nested fields (byline,
    sources, tags, word_diff) keep their structure; the columns follow the first record."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 0
    writer: pq.ParquetWriter | None = None
    schema = None
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        if writer is not None and batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            batch.clear()

    try:
        for record in records:
            if writer is None:
                schema = _parquet_schema(record)
                writer = pq.ParquetWriter(out, schema, compression="zstd")
            batch.append(_parquet_row(record, schema))
            n += 1
            if len(batch) >= _PARQUET_BATCH:
                flush()
        if writer is None:  # no records: an empty file that still reads as Parquet
            writer = pq.ParquetWriter(out, pa.schema([pa.field("id", pa.string())]), compression="zstd")
        flush()
    finally:
        if writer is not None:
            writer.close()
    return n


_STORE_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def _checked_target(output: str | Path, protect: Iterable[str | Path]) -> tuple[Path, Path]:
    """``(target, resolved)`` after refusing a store, a folder or a missing folder."""
    target = Path(output)
    resolved = target.resolve()
    for store_path in protect:
        for suffix in _STORE_SIDE_FILES:
            guarded = Path(str(store_path) + suffix).resolve()
            if resolved == guarded or (resolved.exists() and guarded.exists() and resolved.samefile(guarded)):
                raise InputError(
                    f"the output {str(target)!r} is the store itself (or one of its files); choose another output file"
                )
    folder = resolved.parent
    if not folder.is_dir():
        raise InputError(f"cannot write {str(target)!r}: the folder {str(folder)!r} does not exist; create it first")
    if resolved.is_dir():
        raise InputError(f"cannot write {str(target)!r}: it is a folder; give a file name")
    return target, resolved


def write_file_atomically(
    output: str | Path, write: Callable[[BinaryIO], int], protect: Iterable[str | Path] = ()
) -> int:
    """Call ``write(file)`` on a temporary file beside ``output`` and rename it into place once
    ``write`` returns, so a failure leaves no half-written file; never over a store in ``protect``.
    A device or pipe (``/dev/stdout``) is written through. Returns what ``write`` returns."""
    target, resolved = _checked_target(output, protect)
    if resolved.exists() and not resolved.is_file():
        try:
            with open(resolved, "wb") as fh:
                return write(fh)
        except OSError as exc:
            raise InputError(f"cannot write {str(target)!r}: {exc.strerror or exc}") from exc
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{resolved.name}.", suffix=".part", dir=resolved.parent)
    except OSError as exc:
        raise InputError(f"cannot write in {str(resolved.parent)!r}: {exc.strerror}; choose a writable folder") from exc
    try:
        with os.fdopen(handle, "wb") as fh:
            count = write(fh)
        os.replace(temporary, resolved)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"cannot write {str(target)!r}: {exc.strerror or exc}; nothing was written") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


def write_records_to_file(
    records: Iterator[dict[str, Any]], output: str | Path, fmt: str, protect: Iterable[str | Path] = ()
) -> int:
    """Write records to ``output`` whole or not at all, never over a file in ``protect``.

    The records go to a temporary file beside ``output`` that is renamed into place once
    complete, so a failed export (a full disk, a damaged store) leaves no half-written file.
    ``protect`` names stores (with their ``-wal``/``-shm`` side files) that must not be replaced.
    """
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use {', '.join(EXPORT_FORMATS)}")
    target, resolved = _checked_target(output, protect)
    if fmt == "parquet" and resolved.exists() and not resolved.is_file():
        raise InputError(f"cannot write Parquet to {str(target)!r}: it needs a regular file")

    def write(fh: BinaryIO) -> int:
        if fmt == "parquet":
            return write_parquet(records, fh)
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
        count = write_records(records, text, fmt)
        text.flush()
        text.detach()  # the caller closes the file
        return count

    return write_file_atomically(output, write, protect)
