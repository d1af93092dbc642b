"""``newstrace dedup``: stream articles from files through the ``Deduplicator``, no store.

Pass one reads the inputs once, feeds the texts to the deduplicator in batches and spools the
output records to a temporary file beside the output; pass two reads the spool back and adds
each record's ``dup_cluster``, ``keep``, ``similarity`` and ``dup_reason``. Memory holds one
batch of articles plus the deduplicator's per-text state, never the articles themselves.

Text records (JSON Lines, CSV, Parquet, .txt) are compared on their text as given (the
shingles ignore case, punctuation and spacing); HTML pages and WARC responses have no text
yet and are extracted with the same cleaning as ``ingest``.
"""

from __future__ import annotations

import gc
import gzip
import json
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import orjson

from newstrace.dedup.core import REASONS, DedupConfig, Deduplicator, DedupResult
from newstrace.errors import InputError
from newstrace.export import write_file_atomically
from newstrace.ingest.fields import map_record
from newstrace.ingest.readers import check_inputs, detect_format, read_inputs
from newstrace.model import RawInput, Reject

__all__ = [
    "DedupReport",
    "OUTPUT_FIELDS",
    "dedup_files",
    "dedup_line",
    "epoch",
    "input_files",
    "output_schema",
    "parse_jsonl_line",
    "record_line",
    "to_article",
]

OUTPUT_FIELDS = (
    "id",
    "url",
    "outlet",
    "title",
    "published",
    "text",
    "origin",
    "line",
    "dup_cluster",
    "keep",
    "similarity",
    "dup_reason",
)
_BATCH = 8192
_BUFFER = 1 << 20  # file buffers: a crawl line is a few KB, and a syscall per line costs more than parsing it


@dataclass(slots=True)
class DedupReport:
    """What one run did: the deduplicator's summary, the rejects by reason, and timings."""

    summary: dict[str, Any] = field(default_factory=dict)
    rejects: Counter[str] = field(default_factory=Counter)
    first_reject: dict[str, str] = field(default_factory=dict)  # reason -> "origin:line: detail"
    seconds: float = 0.0
    state_bytes: int = 0  # the deduplicator's memory at the end

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.summary,
            "rejected": sum(self.rejects.values()),
            "rejected_by_reason": dict(self.rejects),
            "seconds": round(self.seconds, 3),
        }


def parse_jsonl_line(
    raw: bytes, origin: str, number: int, mapping: Mapping[str, str] | None, max_bytes: int
) -> RawInput | Reject | None:
    """One line of a JSON Lines file: its input, why it is rejected, or None for a blank line."""
    if not raw or raw.isspace():  # not strip(): that copies every line
        return None
    if len(raw) > max_bytes:
        return Reject(origin, number, "too_large", f"the record has {len(raw):,} bytes")
    try:
        record = orjson.loads(raw)
    except orjson.JSONDecodeError:
        try:  # what orjson refuses and Python reads: NaN, integers over 64 bits
            record = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            return Reject(origin, number, "bad_json", f"not valid JSON: {str(exc)[:120]}")
    if not isinstance(record, dict):
        return Reject(origin, number, "bad_json", f"a JSON {type(record).__name__} where an object was expected")
    return RawInput(origin, number, "jsonl", "", map_record(record, mapping))


def _stream_jsonl(path: Path, mapping: Mapping[str, str] | None, max_bytes: int) -> Iterator[RawInput | Reject]:
    """JSON Lines a line at a time (``ingest`` reads a file whole; a crawl dump may not fit)."""
    origin = str(path)
    gzipped = path.name.lower().endswith(".gz")
    with gzip.open(path, "rb") if gzipped else open(path, "rb", buffering=_BUFFER) as fh:
        for number, raw in enumerate(fh, start=1):
            item = parse_jsonl_line(raw, origin, number, mapping, max_bytes)
            if item is not None:
                yield item


def input_files(paths: Iterable[str]) -> Iterator[Path]:
    """The files under ``paths`` in reading order: folders recursively, by name."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from (
                c
                for c in sorted(path.rglob("*"))
                if c.is_file() and detect_format(c.name) and not c.name.startswith(".")
            )
        else:
            yield path


def read_articles(
    paths: Iterable[str],
    mapping: Mapping[str, str] | None = None,
    input_format: str | None = None,
    max_bytes: int = 20_000_000,
) -> Iterator[RawInput | Reject]:
    """Every input of ``paths`` (files or folders), JSON Lines streamed line by line."""
    for path in input_files(paths):
        fmt = input_format or detect_format(path.name)
        if fmt == "jsonl" and not path.name.lower().removesuffix(".gz").endswith(".json"):
            try:
                yield from _stream_jsonl(path, mapping, max_bytes)
            except (OSError, EOFError) as exc:
                yield Reject(str(path), None, "unreadable", f"cannot read the file: {exc}")
        else:
            yield from read_inputs([str(path)], mapping=mapping, input_format=input_format, max_bytes=max_bytes)


def epoch(value: str | None) -> float | None:
    """Seconds since 1970 of an ISO 8601 time; a time without offset is read as UTC."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def to_article(raw: RawInput) -> dict[str, Any] | Reject:
    """The output record of one input (without the dedup fields), or why there is none."""
    f = raw.fields
    text = (f.get("text") or "").strip()
    record = {
        "id": None,
        "url": f.get("url"),
        "outlet": f.get("outlet"),
        "title": f.get("title"),
        "published": f.get("published"),
        "text": text,
        "origin": raw.origin,
        "line": raw.line,
    }
    if not text and (f.get("html") or "").strip():
        from newstrace.ingest import clean_raw

        cleaned = clean_raw(raw, 1)
        if isinstance(cleaned, Reject):
            return cleaned
        article = cleaned[0]
        record.update(
            id=article.id,
            url=article.url,
            outlet=article.outlet,
            title=article.title,
            text=article.text,
            published=article.published.isoformat() if article.published else None,
        )
        return record
    if not text:
        return Reject(
            raw.origin, raw.line, "no_text", "the record has no text or html; map its body with --map NAME=text"
        )
    record["id"] = (f.get("id") or "").strip() or (f.get("url") or "").strip() or None
    if record["id"] is None:
        import xxhash

        record["id"] = "sha:" + xxhash.xxh3_64_hexdigest(" ".join(text.split()).encode("utf-8", "surrogatepass"))
    return record


class _Spool:
    """Output records of pass one, on disk in the output's format."""

    def __init__(self, folder: Path, fmt: str) -> None:
        self.fmt = fmt
        handle, name = tempfile.mkstemp(prefix=".dedup-spool.", suffix=f".{fmt}", dir=folder)
        os.close(handle)
        self.path = Path(name)
        self._writer: Any = None
        self._text = open(self.path, "wb", buffering=_BUFFER) if fmt == "jsonl" else None

    def write(self, records: list[dict[str, Any]]) -> None:
        if self._text is not None:
            self._text.writelines(_json_line(r) for r in records)
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(records, schema=_spool_schema())
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, table.schema, compression="zstd")
        self._writer.write_table(table)

    def close(self) -> None:
        if self._text is not None:
            self._text.close()
        if self._writer is not None:
            self._writer.close()

    def remove(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)


def _json_line(record: dict[str, Any]) -> bytes:
    try:
        return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)
    except TypeError:  # a lone surrogate from a mis-decoded input: escaped, as json does
        return (json.dumps(record) + "\n").encode("ascii")


def output_schema() -> Any:
    """The Arrow schema of the Parquet output."""
    import pyarrow as pa

    schema = _spool_schema()
    for name, kind in (
        ("dup_cluster", pa.string()),
        ("keep", pa.bool_()),
        ("similarity", pa.float64()),
        ("dup_reason", pa.string()),
    ):
        schema = schema.append(pa.field(name, kind))
    return schema


def _spool_schema() -> Any:
    import pyarrow as pa

    return pa.schema([(name, pa.int64() if name == "line" else pa.string()) for name in OUTPUT_FIELDS[:8]])


def record_line(record: dict[str, Any]) -> bytes:
    """A spooled output record: one JSON object without the dedup fields."""
    return _json_line(record)


class _Ids:
    """Article ids as JSON strings in one buffer with offsets: the output names each cluster by
    its representative's id, and a million ids as Python strings would take ~80 MB. They are
    kept as written in the output, so writing a line copies its cluster's id, not encodes it."""

    def __init__(self) -> None:
        self._data = bytearray()
        self._ends = np.empty(0, np.int64)
        self._pending: list[int] = []

    def extend(self, ids: Iterable[str]) -> None:
        for value in ids:
            self._data += _json_bytes(value)
            self._pending.append(len(self._data))
        self._ends = np.concatenate([self._ends, np.asarray(self._pending, np.int64)])
        self._pending.clear()

    def __len__(self) -> int:
        return int(self._ends.size)

    def __getitem__(self, i: int) -> str:
        text = self.json_texts(np.array([i]))[0]
        try:
            value: str = orjson.loads(text)
        except orjson.JSONDecodeError:  # an escaped lone surrogate, which only json reads back
            value = json.loads(text.decode("ascii"))
        return value

    def take(self, positions: np.ndarray) -> list[str]:
        return [self[i] for i in positions.tolist()]

    def json_texts(self, positions: np.ndarray) -> list[bytearray]:
        """The ids at ``positions`` as JSON strings (UTF-8, quoted)."""
        ends = self._ends[positions]
        starts = np.where(positions > 0, self._ends[np.maximum(positions - 1, 0)], 0)
        data = self._data
        return [data[a:b] for a, b in zip(starts.tolist(), ends.tolist())]


def _json_bytes(value: str) -> bytes:
    try:
        return orjson.dumps(value)
    except TypeError:  # a lone surrogate: escaped, as json does
        return json.dumps(value).encode("ascii")


def dedup_line(record: bytes, cluster: str, reason: int, similarity: float) -> bytes:
    """The output line of a spooled record: the dedup fields spliced in before its brace.
    ``similarity`` is the float32 value of ``DedupResult.similarity``, as a Python float."""
    tail = (
        f',"dup_cluster":{_json_text(cluster)},"keep":{"true" if reason == 0 else "false"},'
        f'"similarity":{round(similarity, 4)},"dup_reason":{_REASON_JSON[reason]}}}\n'
    )
    return record.rstrip()[:-1] + tail.encode("utf-8")


_REASON_JSON = ["null", *(json.dumps(r) for r in REASONS[1:])]


_KEPT_TAIL = b',"keep":true,"similarity":1.0,"dup_reason":null}\n'


def _write_jsonl(spool: Path, result: DedupResult, ids: _Ids) -> Callable[[BinaryIO], int]:
    """Each spooled line with the dedup fields spliced in before its closing brace, as
    ``dedup_line`` writes them: a kept article's fields differ only by its id."""

    def write(out: BinaryIO) -> int:
        n = result.representative.size
        step = 1024
        with open(spool, "rb", buffering=_BUFFER) as fh:
            lines = iter(fh)
            for start in range(0, n, step):
                clusters = ids.json_texts(result.representative[start : start + step])
                reasons = result.reason[start : start + step].tolist()
                similarities = result.similarity[start : start + step].tolist()
                parts: list[bytes | bytearray] = []
                # The file last: zip stops at the chunk's end without reading a line past it.
                for cluster, reason, similarity, line in zip(clusters, reasons, similarities, lines):
                    tail = _KEPT_TAIL if reason == 0 else _dropped_tail(reason, similarity)
                    parts += (line[:-2], b',"dup_cluster":', cluster, tail)  # a spooled line ends '}\n'
                out.write(b"".join(parts))
        return int(n)

    return write


def _dropped_tail(reason: int, similarity: float) -> bytes:
    return f',"keep":false,"similarity":{round(similarity, 4)},"dup_reason":{_REASON_JSON[reason]}}}\n'.encode()


def _json_text(value: str) -> str:
    try:
        return orjson.dumps(value).decode("utf-8")
    except TypeError:
        return json.dumps(value)


def _write_parquet(spool: Path, result: DedupResult, ids: _Ids) -> Callable[[BinaryIO], int]:
    def write(out: BinaryIO) -> int:
        import pyarrow as pa
        import pyarrow.parquet as pq

        reasons = np.array([None, *REASONS[1:]], dtype=object)
        n = 0
        writer = None
        batches = pq.ParquetFile(spool).iter_batches(batch_size=_BATCH) if result.representative.size else []
        for batch in batches:
            stop = n + batch.num_rows
            extra = [
                pa.array(ids.take(result.representative[n:stop]), pa.string()),
                pa.array(result.reason[n:stop] == 0),
                pa.array(np.round(result.similarity[n:stop].astype(np.float64), 4)),
                pa.array(reasons[result.reason[n:stop]], pa.string()),
            ]
            table = pa.Table.from_arrays([*batch.columns, *extra], names=list(OUTPUT_FIELDS))
            if writer is None:
                writer = pq.ParquetWriter(out, table.schema, compression="zstd")
            writer.write_table(table)
            n = stop
        if writer is None:
            writer = pq.ParquetWriter(out, output_schema(), compression="zstd")
        writer.close()
        return n

    return write


def _checked_output_folder(paths: list[str], output: str | Path, fmt: str, input_format: str | None) -> Path:
    """The output's folder, once the call is known to be sound; ``InputError`` otherwise."""
    if fmt not in ("jsonl", "parquet"):
        raise InputError(f"unknown dedup output format {fmt!r}; use jsonl or parquet")
    if "-" in paths:
        raise InputError("dedup reads files, not standard input: it makes two passes over the output")
    check_inputs(paths, input_format)
    if any(Path(output).resolve() == path.resolve() for path in input_files(paths)):
        raise InputError(f"the output {str(output)!r} is one of the inputs; choose another output file")
    folder = Path(output).resolve().parent
    if not folder.is_dir():
        raise InputError(f"cannot write {str(output)!r}: the folder {str(folder)!r} does not exist; create it first")
    return folder


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """No cyclic garbage collection while a run lasts: its records are dicts of strings that
    form no cycles, and a collection every few hundred of them would rescan every live one."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _spool_articles(
    items: Iterable[RawInput | Reject],
    engine: Deduplicator,
    ids: _Ids,
    spool: _Spool,
    report: DedupReport,
    on_progress: Callable[[int], None] | None,
) -> None:
    """Pass one: each article to the spool and the deduplicator, in batches; rejects counted."""
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        spool.write(batch)  # first: writing leaves each text's UTF-8 form cached for the shingles
        engine.add([r["text"] for r in batch], [r["id"] for r in batch], [epoch(r["published"]) for r in batch])
        ids.extend(r["id"] for r in batch)
        if on_progress:
            on_progress(len(batch))
        batch.clear()

    for item in items:
        article = to_article(item) if isinstance(item, RawInput) else item
        if isinstance(article, Reject):
            report.rejects[article.reason] += 1
            where = f"{article.origin}:{article.line}" if article.line else article.origin
            report.first_reject.setdefault(article.reason, f"{where}: {article.detail}")
            continue
        batch.append(article)
        if len(batch) >= _BATCH:
            flush()
    if batch:
        flush()


def dedup_files(
    paths: Iterable[str],
    output: str | Path,
    *,
    fmt: str = "jsonl",
    config: DedupConfig | None = None,
    mapping: Mapping[str, str] | None = None,
    input_format: str | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> DedupReport:
    """Deduplicate the articles under ``paths`` into ``output`` (JSON Lines or Parquet), in
    input order, each with its cluster, and return the summary. Raises ``InputError`` for a
    caller mistake before anything is read."""
    paths = list(paths)
    folder = _checked_output_folder(paths, output, fmt, input_format)
    started = time.perf_counter()
    report = DedupReport()
    engine = Deduplicator(config)
    ids = _Ids()
    spool = _Spool(folder, fmt)
    try:
        with _without_cycle_collection():
            _spool_articles(read_articles(paths, mapping, input_format), engine, ids, spool, report, on_progress)
            spool.close()
            result = engine.result()
            writer = _write_jsonl if fmt == "jsonl" else _write_parquet
            write_file_atomically(output, writer(spool.path, result, ids))
    finally:
        spool.remove()
    report.summary = result.summary()
    report.state_bytes = engine.nbytes()
    report.seconds = time.perf_counter() - started
    return report
