"""Ingest: read inputs, clean them, and write articles and rejects to the store.

Inputs are processed in batches, one transaction each; an input already stored
(same format and payload) is skipped before cleaning, so a re-run is cheap and
adds nothing, and a run killed mid-way is completed by running it again.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from newstrace.clean import NoArticleError, clean_html, clean_page, drop_lines, learn_boilerplate
from newstrace.ingest.fields import FieldUsage, parse_mapping
from newstrace.ingest.readers import check_inputs, input_sizes, read_inputs
from newstrace.model import Article, Cleaned, RawInput, Reject
from newstrace.settings import default
from newstrace.store import Store, raw_sha256
from newstrace.store import articles as article_db

__all__ = ["ingest", "IngestReport", "FieldUsage", "clean_raw", "parse_mapping"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestReport:
    """What one ingest did. ``rejects`` lists this run's rejects, old and new."""

    added: int = 0
    new_versions: int = 0
    unchanged: int = 0
    rejects: list[Reject] = field(default_factory=list)
    boilerplate_learned: int = 0
    fields: dict[str, FieldUsage] = field(default_factory=dict)  # per record file: keys used and ignored
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # (article id, kind, detail)

    @property
    def rejected(self) -> int:
        return len(self.rejects)

    def reasons(self) -> Counter[str]:
        return Counter(r.reason for r in self.rejects)


def _text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:32]


def clean_raw(raw: RawInput, min_words: int) -> tuple[Article, list[tuple[str, str]]] | Reject:
    """Clean one input into an article (with the chrome lines removed), or say why not."""
    f = raw.fields
    meta = {"title": f.get("title"), "outlet": f.get("outlet"), "url": f.get("url"),
            "published": f.get("published"), "byline": f.get("byline")}
    try:
        if f.get("html") and not (f.get("text") or "").strip():
            cleaned: Cleaned = clean_html(f["html"] or "", **meta)
        elif (f.get("text") or "").strip():
            cleaned = clean_page(f["text"] or "", title=meta["title"], outlet=meta["outlet"], url=meta["url"],
                                 published=meta["published"], byline=meta["byline"])
        else:
            return Reject(raw.origin, raw.line, "no_text",
                          "the record has no text or html; if its body is under another name, "
                          "map it with --map NAME=text", raw.payload[:200])
    except NoArticleError as exc:
        return Reject(raw.origin, raw.line, "no_article", f"no article text found in the HTML: {exc}",
                      raw.payload[:200])
    except Exception as exc:  # one bad article must never stop the batch
        # The reject tells the user; the traceback is for a developer who turns on debug logging.
        log.debug("cleaning failed for %s:%s", raw.origin, raw.line, exc_info=True)
        return Reject(raw.origin, raw.line, "clean_error",
                      f"cleaning failed ({type(exc).__name__}: {exc}); please report this input",
                      raw.payload[:200])
    words = len(cleaned.text.split())
    if words < min_words:
        return Reject(raw.origin, raw.line, "no_text",
                      f"only {words} words of article text after cleaning (minimum {min_words})",
                      raw.payload[:200])
    text_hash = _text_hash(cleaned.text)
    article_id = (f.get("id") or "").strip() or (f.get("url") or "").strip() or f"sha:{text_hash[:16]}"
    article = Article(id=article_id, text=cleaned.text, url=f.get("url") or cleaned.url,
                      outlet=cleaned.outlet,
                      title=cleaned.title, published=cleaned.published,
                      published_from=cleaned.published_from,
                      published_precision=cleaned.published_precision, byline=cleaned.byline,
                      dateline=cleaned.dateline, sources=cleaned.sources, text_hash=text_hash)
    return article, cleaned.removed


@cache
def cleaning_fingerprint() -> str:
    """A hash of the code that turns an input into an article: when it changes, inputs already
    stored are cleaned again on the next ingest (and kept as new versions where the result differs)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted([*(package / "clean").glob("*.py"), package / "ingest" / "__init__.py"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _recipe(raw: RawInput, sha: str) -> str:
    """An input's identity together with how it is read: its mapped fields and the cleaning code."""
    digest = hashlib.sha256(sha.encode())
    digest.update(json.dumps(raw.fields, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    digest.update(cleaning_fingerprint().encode())
    return digest.hexdigest()


def _count_fields(raws: list[RawInput], mapping: Mapping[str, str] | None, usage: dict[str, FieldUsage]) -> None:
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


def _notes(raw: RawInput, article: Article) -> list[tuple[str, str]]:
    """What the stored article lost or could not use from its input, to keep beside it."""
    notes = []
    given = (raw.fields.get("published") or "").strip()
    if given and article.published_from != "record":
        taken = (f"the time was taken from the {article.published_from}" if article.published_from
                 else "the article is stored undated")
        notes.append(("published_unreadable",
                      f"the record's published value {given[:80]!r} is not a valid time (an impossible "
                      f"date or offset?); {taken}"))
    cap = default("max_analysed_chars")
    if len(article.text) > cap:
        notes.append(("text_capped", f"the text has {len(article.text):,} characters; analysis reads the "
                                     f"first {cap:,}"))
    return notes


def _batches(items: Iterable[RawInput | Reject], size: int) -> Iterator[list[RawInput | Reject]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _learn_outlet_chrome(store: Store, outlets: set[str]) -> int:
    """Learn lines recurring across one outlet's articles and drop them everywhere in it."""
    learned_total = 0
    for outlet in sorted(outlets):
        rows = list(article_db.outlet_texts(store, outlet))
        lines = learn_boilerplate((t for _, t in rows), min_articles=default("boilerplate_min_articles"),
                                  min_share=default("boilerplate_min_share"))
        if not lines:
            continue
        with store.transaction():
            article_db.save_boilerplate(store, outlet, sorted(lines))
            for key, text in rows:
                dropped = drop_lines(Cleaned(text=text), lines)
                if dropped.text != text and len(dropped.text.split()) > 0:
                    article_db.replace_text(store, key, dropped.text, dropped.removed)
        learned_total += len(lines)
    return learned_total


class _Position:
    """How far through the inputs a run is, in bytes: whole files behind, plus the
    payloads read so far of the file being read (capped at its size)."""

    def __init__(self, sizes: dict[str, int]) -> None:
        self.sizes = sizes
        self.total = sum(sizes.values())
        self.finished = 0
        self.current: str | None = None
        self.read = 0

    def advance(self, batch: list[RawInput | Reject]) -> int:
        for item in batch:
            if item.origin != self.current:
                self.finished += self.sizes.get(self.current or "", 0)
                self.current, self.read = item.origin, 0
            payload = item.payload if isinstance(item, RawInput) else item.excerpt
            self.read += len(payload or "") + 1
        return min(self.total, self.finished + min(self.read, self.sizes.get(self.current or "", 0)))


def ingest(paths: Iterable[str], *, db: str | Path | Store, mapping: Mapping[str, str] | None = None,
           input_format: str | None = None, encoding: str | None = None, jobs: int = 1,
           batch_size: int | None = None, max_record_bytes: int | None = None,
           stdin: BinaryIO | None = None, on_progress: Callable[[int], None] | None = None,
           on_bytes: Callable[[int, int, int], None] | None = None) -> IngestReport:
    """Ingest files, folders or ``-`` (stdin) into the store at ``db``.

    Returns an ``IngestReport``; rejects are recorded in the store's ``rejects``
    table with origin, line and reason. Raises ``InputError`` only for caller
    mistakes (a missing path, a bad mapping or encoding), before the store is even
    created. ``on_progress(inputs)`` follows each batch; ``on_bytes(inputs, bytes_done,
    bytes_total)`` too, with the input bytes read so far out of an estimated total.
    """
    paths = list(paths)
    check_inputs(paths, input_format, encoding)
    sizes = input_sizes(paths) if on_bytes else {}
    store = db if isinstance(db, Store) else Store(db)
    store.check()
    size = batch_size or default("batch_size")
    min_words = default("min_words")
    report = IngestReport()
    inputs = read_inputs(paths, mapping=mapping, input_format=input_format, encoding=encoding,
                         max_bytes=max_record_bytes or default("max_record_bytes"), stdin=stdin)
    run_id = article_db.start_run(store, paths)
    outlets: set[str] = set()
    position = _Position(sizes)
    if on_bytes:
        on_bytes(0, 0, position.total)
    pool = ProcessPoolExecutor(jobs) if jobs > 1 else None
    try:
        for batch in _batches(inputs, size):
            raws = [x for x in batch if isinstance(x, RawInput)]
            _count_fields(raws, mapping, report.fields)
            shas = [raw_sha256(r) for r in raws]
            recipes = [_recipe(r, s) for r, s in zip(raws, shas)]
            known = article_db.known_recipes(store, recipes)
            todo = [(r, s, k) for r, s, k in zip(raws, shas, recipes) if k not in known]
            for r, k in zip(raws, recipes):
                if k in known:
                    reason = known[k]
                    if reason is None:
                        report.unchanged += 1
                    else:
                        report.rejects.append(Reject(r.origin, r.line, reason, "already rejected earlier"))
            if pool is not None:
                results = list(pool.map(clean_raw, [r for r, _, _ in todo], [min_words] * len(todo),
                                        chunksize=16))
            else:
                results = [clean_raw(r, min_words) for r, _, _ in todo]
            with store.transaction():
                for item in batch:
                    if isinstance(item, Reject):
                        article_db.write_reject(store, item, run_id)
                        report.rejects.append(item)
                for (raw, sha, recipe), result in zip(todo, results):
                    if isinstance(result, Reject):
                        article_db.write_reject(store, result, run_id, raw, sha, recipe)
                        report.rejects.append(result)
                        continue
                    article, removed = result
                    notes = raw.notes + _notes(raw, article)
                    status = article_db.write_article(store, raw, sha, article, removed, notes, recipe)
                    if status == "added":
                        report.added += 1
                    elif status == "new_version":
                        report.new_versions += 1
                    else:
                        report.unchanged += 1
                    if status != "unchanged" and article.outlet:
                        outlets.add(article.outlet)
                    if status != "unchanged":
                        report.notes += [(article.id, kind, detail) for kind, detail in notes]
            if on_progress:
                on_progress(len(batch))
            if on_bytes:
                on_bytes(len(batch), position.advance(batch), position.total)
        if on_bytes:  # every input read: the estimate gives way to the whole
            on_bytes(0, position.total, position.total)
        report.boilerplate_learned = _learn_outlet_chrome(store, outlets)
        article_db.finish_run(store, run_id, {"added": report.added, "new_version": report.new_versions,
                                  "unchanged": report.unchanged, "rejected": report.rejected})
    except BaseException:
        article_db.finish_run(store, run_id, {}, status="interrupted")
        raise
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if not isinstance(db, Store):
            store.close()
    return report
