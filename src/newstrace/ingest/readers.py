"""Readers: turn paths (files, folders, gzip, stdin) into raw inputs or rejects.

A reader never raises for bad data: every unreadable file, line or row becomes a
``Reject`` with where and why, and reading goes on with the next one.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from newstrace.errors import InputError
from newstrace.ingest.fields import map_record
from newstrace.model import RawInput, Reject
from newstrace.settings import default

__all__ = ["read_inputs", "check_inputs", "input_sizes", "SUPPORTED_SUFFIXES", "detect_format"]

SUPPORTED_SUFFIXES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".warc": "warc",
    ".parquet": "parquet",
}
# Formats read record by record from the file (streamed, never whole), by their own readers.
_STREAMED = ("warc", "parquet")
_EXCERPT = 200
_GZIP_RATIO: int = default("max_gzip_ratio")
# Byte-order marks, longest first (UTF-32 LE starts with UTF-16 LE's mark).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
csv.field_size_limit(2**31 - 1)  # real dumps hold whole articles in one cell


def detect_format(name: str) -> str | None:
    """Format from a file name, looking through a ``.gz`` suffix."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return SUPPORTED_SUFFIXES.get(os.path.splitext(lower)[1])


def _excerpt(data: str | bytes) -> str:
    if isinstance(data, bytes):
        data = data[:_EXCERPT].decode("utf-8", "backslashreplace")
    return data[:_EXCERPT]


def _looks_binary(data: bytes) -> bool:
    """Many NUL bytes near the start: an image, archive or UTF-16 without a mark. A few
    stray NULs in text are dropped with a note instead."""
    head = data[:8192]
    return head.count(0) > max(8, len(head) // 100)


def _encoding_reject(data: bytes, origin: str, encoding: str, exc: Exception) -> Reject:
    guess = ""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:65536]).best()
        if best is not None:
            guess = f" (it looks like {best.encoding})"
    except Exception:  # the guess is a courtesy; never fail the batch over it
        pass
    return Reject(
        origin,
        None,
        "encoding",
        f"the file is not {encoding}{guess}: {exc}; re-run with --encoding NAME or convert it with iconv",
        _excerpt(data),
    )


def _decode(data: bytes, origin: str, encoding: str | None) -> str | Reject:
    """Text of a whole file: a byte-order mark decides first, then ``encoding``, then UTF-8."""
    if not data.strip():
        return Reject(origin, None, "empty", "the file is empty; nothing to ingest")
    chosen = next((name for bom, name in _BOMS if data.startswith(bom)), encoding)
    if chosen is None and _looks_binary(data):
        return Reject(
            origin,
            None,
            "binary",
            "the file looks binary (it holds NUL bytes); pass text, HTML, JSONL or CSV, "
            "or name its encoding with --encoding (e.g. utf-16)",
            _excerpt(data),
        )
    try:
        text = data.decode(chosen or "utf-8-sig")
    except (UnicodeDecodeError, LookupError) as exc:
        return _encoding_reject(data, origin, chosen or "UTF-8", exc)
    if chosen in ("utf-16", "utf-32"):
        text = text.removeprefix("\ufeff")
    if not text.strip():
        return Reject(origin, None, "empty", "the file is empty; nothing to ingest")
    return text


def _decode_lines(data: bytes, origin: str, encoding: str | None) -> tuple[str, list[Reject]] | Reject:
    """JSON Lines whose file does not decode whole: decode line by line, so one bad line is
    rejected alone. Lines that fail are blanked (keeping line numbers) and returned as rejects."""
    lines = data.split(b"\n")
    texts: list[str] = []
    bad: list[Reject] = []
    for number, raw in enumerate(lines, start=1):
        try:
            texts.append(raw.decode(encoding or "utf-8"))
        except (UnicodeDecodeError, LookupError) as exc:
            texts.append("")
            bad.append(
                Reject(
                    origin,
                    number,
                    "encoding",
                    f"the line is not {encoding or 'UTF-8'}: {exc}; fix the line or re-run with --encoding NAME",
                    _excerpt(raw),
                )
            )
    if len(bad) * 2 > sum(1 for raw in lines if raw.strip()):  # mostly undecodable: the file's encoding
        return _encoding_reject(data, origin, encoding or "UTF-8", ValueError(f"{len(bad)} lines do not decode"))
    return "\n".join(texts).removeprefix("\ufeff"), bad


def _gunzip(fh: BinaryIO, limit: int, origin: str) -> bytes | Reject:
    """Decompress in pieces and stop at ``limit``: a gzip bomb never fills memory."""
    chunks: list[bytes] = []
    total = 0
    with gzip.GzipFile(fileobj=fh, mode="rb") as gz:
        while chunk := gz.read(1 << 20):
            total += len(chunk)
            if total > limit:
                return Reject(
                    origin,
                    None,
                    "too_large",
                    f"the gzip file expands to over {limit:,} bytes (a compression ratio over "
                    f"{_GZIP_RATIO}, or over the size limit); split it or decompress it first",
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _gzip_limit(compressed: int, max_bytes: int | None, record_limit: int) -> int:
    if max_bytes is not None:  # one article per file: the file is the record
        return max_bytes
    return max(record_limit, compressed * _GZIP_RATIO)


def _read_bytes(path: Path, max_bytes: int | None, record_limit: int = 20_000_000) -> bytes | Reject:
    """The file's bytes; ``max_bytes`` caps single-article files (a record file's records
    are checked one by one instead, so a large dump is never rejected whole)."""
    origin = str(path)
    try:
        if path.name.lower().endswith(".gz"):
            with open(path, "rb") as fh:
                data = _gunzip(fh, _gzip_limit(path.stat().st_size, max_bytes, record_limit), origin)
            if isinstance(data, Reject):
                return data
        else:
            if max_bytes is not None and path.stat().st_size > max_bytes:
                return Reject(
                    origin,
                    None,
                    "too_large",
                    f"the file has {path.stat().st_size:,} bytes, over the limit of "
                    f"{max_bytes:,}; split it or raise --max-record-bytes",
                )
            data = path.read_bytes()
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        return Reject(origin, None, "unreadable", f"cannot read the file: {exc}")
    if max_bytes is not None and len(data) > max_bytes:
        return Reject(
            origin, None, "too_large", f"the file holds over {max_bytes:,} bytes; split it or raise --max-record-bytes"
        )
    return data


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc).split(";")[0]


def _records_jsonl(
    text: str, origin: str, mapping: Mapping[str, str] | None, max_bytes: int
) -> Iterator[RawInput | Reject]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if len(line) > max_bytes:
            yield Reject(
                origin,
                number,
                "too_large",
                f"the record has {len(line):,} characters, over the limit of {max_bytes:,}",
                _excerpt(line),
            )
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(
                origin, number, "bad_json", f"not valid JSON: {exc.msg} at column {exc.colno}", _excerpt(line), line
            )
            continue
        except (ValueError, RecursionError) as exc:  # an integer of thousands of digits, deep nesting
            yield Reject(
                origin, number, "bad_json", f"JSON that cannot be read safely: {_reason(exc)}", _excerpt(line), line
            )
            continue
        if not isinstance(record, dict):
            yield Reject(
                origin,
                number,
                "bad_json",
                f"a JSON {type(record).__name__} where an object was expected",
                _excerpt(line),
                line,
            )
            continue
        yield RawInput(origin, number, "jsonl", line, map_record(record, mapping))


def _records_whole_json(
    text: str, origin: str, mapping: Mapping[str, str] | None, max_bytes: int
) -> Iterator[RawInput | Reject]:
    """A ``.json`` file may hold one array of records rather than JSON Lines."""
    try:
        records = json.loads(text)
    except (ValueError, RecursionError):  # not one array: read it line by line, rejecting bad lines
        yield from _records_jsonl(text, origin, mapping, max_bytes)
        return
    if isinstance(records, dict):
        records = [records]
    if not isinstance(records, list):
        yield Reject(origin, None, "bad_json", "expected a JSON array of article objects")
        return
    for number, record in enumerate(records, start=1):
        payload = json.dumps(record, ensure_ascii=False)
        if not isinstance(record, dict):
            yield Reject(origin, number, "bad_json", "array item is not an object", _excerpt(payload))
        elif len(payload) > max_bytes:
            yield Reject(origin, number, "too_large", f"the record has {len(payload):,} characters", _excerpt(payload))
        else:
            yield RawInput(origin, number, "jsonl", payload, map_record(record, mapping))


def _records_csv(
    text: str, origin: str, mapping: Mapping[str, str] | None, max_bytes: int
) -> Iterator[RawInput | Reject]:
    # The sniffer guesses from body text too and is fooled by commas in articles;
    # the header row alone tells the delimiter reliably.
    header_line = text.split("\n", 1)[0]
    delimiter = max(",;\t|", key=header_line.count)
    if not header_line.count(delimiter):
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        yield Reject(origin, 1, "bad_csv", f"no readable header row: {exc}")
        return
    header = [h.strip() for h in header]
    while True:
        number = reader.line_num + 1  # where the row starts; quoted cells may span lines
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Reject(origin, number, "bad_csv", f"unreadable row: {exc}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Reject(
                origin,
                number,
                "bad_csv",
                f"the row has {len(row)} fields where the header has {len(header)}; check quoting and delimiters",
                _excerpt(",".join(row)),
                json.dumps(row),
            )
            continue
        record = dict(zip(header, row))
        payload = json.dumps(record, ensure_ascii=False)
        if len(payload) > max_bytes:
            yield Reject(origin, number, "too_large", f"the row has {len(payload):,} characters", _excerpt(payload))
            continue
        yield RawInput(origin, number, "csv", payload, map_record(record, mapping))


def _drop_nul(text: str) -> tuple[str, list[tuple[str, str]]]:
    count = text.count("\x00")
    if not count:
        return text, []
    return text.replace("\x00", ""), [("nul_bytes", f"dropped {count} NUL bytes found in the input")]


def _read_document(
    data: bytes,
    origin: str,
    fmt: str,
    mapping: Mapping[str, str] | None,
    max_bytes: int,
    encoding: str | None,
    stem: str | None,
) -> Iterator[RawInput | Reject]:
    text = _decode(data, origin, encoding)
    if isinstance(text, Reject):
        if fmt == "jsonl" and text.reason == "encoding":
            lines = _decode_lines(data, origin, encoding)
            if isinstance(lines, Reject):
                yield lines
                return
            text, bad = lines
            yield from bad
        else:
            yield text
            return
    if fmt == "jsonl":
        # A NUL in a JSON line makes that line invalid JSON, a reject of its own.
        reader = _records_whole_json if origin.lower().removesuffix(".gz").endswith(".json") else _records_jsonl
        yield from reader(text, origin, mapping, max_bytes)
        return
    clean, notes = _drop_nul(text)
    if fmt == "csv":
        for item in _records_csv(clean, origin, mapping, max_bytes):
            if isinstance(item, RawInput):
                item.notes.extend(notes)
            yield item
    else:
        # A single-article file: its name (without extension) is the article's id.
        fields: dict[str, str | None] = {"id": stem, fmt if fmt == "html" else "text": clean}
        yield RawInput(origin, None, "html" if fmt == "html" else "txt", text, fields, notes)


def _stem(path: Path) -> str:
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[0]


def _walk(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and detect_format(child.name) and not child.name.startswith("."):
                yield child
    else:
        yield path


def check_inputs(paths: Iterable[str], input_format: str | None = None, encoding: str | None = None) -> None:
    """Raise ``InputError`` for a caller mistake (a missing path, an unknown format or
    encoding) before anything is read or any store is created."""
    for p in paths:
        if p != "-" and not Path(p).exists():
            raise InputError(f"no such file or folder: {p}")
    if input_format is not None and input_format not in set(SUPPORTED_SUFFIXES.values()):
        raise InputError(f"unknown format {input_format!r}; use jsonl, csv, txt, html, warc or parquet")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}; e.g. utf-8, latin-1, cp1252, utf-16") from None


def _size_estimate(path: Path) -> int:
    """Bytes of text a file holds: its size, or for gzip the size its trailer records."""
    size = path.stat().st_size
    if path.name.lower().endswith(".gz") and size >= 18:
        with open(path, "rb") as fh:
            fh.seek(-4, os.SEEK_END)
            return max(size, int.from_bytes(fh.read(4), "little"))  # modulo 4 GiB; an estimate
    return size


def input_sizes(paths: Iterable[str]) -> dict[str, int]:
    """Estimated text bytes per input file (origin), for progress with a total; stdin is unknown."""
    sizes: dict[str, int] = {}
    for p in paths:
        if p == "-":
            continue
        for path in _walk(Path(p)):
            try:
                sizes[str(path)] = _size_estimate(path)
            except OSError:
                sizes[str(path)] = 0
    return sizes


def read_inputs(
    paths: Iterable[str],
    *,
    mapping: Mapping[str, str] | None = None,
    input_format: str | None = None,
    encoding: str | None = None,
    max_bytes: int = 20_000_000,
    stdin: BinaryIO | None = None,
) -> Iterator[RawInput | Reject]:
    """Yield every article input (or reject) found under ``paths``.

    ``-`` reads standard input (JSON Lines unless ``input_format`` says otherwise).
    Folders are walked recursively for the supported suffixes, ``.gz`` included.
    A path that does not exist is a caller error and raises ``InputError`` before
    anything is read, so a typo never half-ingests a batch.
    """
    paths = list(paths)
    check_inputs(paths, input_format, encoding)
    for p in paths:
        if p == "-":
            yield from _read_stdin(stdin, mapping, input_format, encoding, max_bytes)
            continue
        for path in _walk(Path(p)):
            yield from _read_file(path, mapping, input_format, encoding, max_bytes)


def _read_stdin(
    stdin: BinaryIO | None,
    mapping: Mapping[str, str] | None,
    input_format: str | None,
    encoding: str | None,
    max_bytes: int,
) -> Iterator[RawInput | Reject]:
    """The inputs on standard input (gzip unpacked), read whole up to ``max_bytes``."""
    if input_format in _STREAMED:
        raise InputError(f"{input_format} cannot be read from standard input; give the file's path")
    stream = stdin if stdin is not None else sys.stdin.buffer
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Reject("-", None, "too_large", f"standard input holds over {max_bytes:,} bytes")
        return
    if data[:2] == b"\x1f\x8b":
        try:
            unpacked = _gunzip(io.BytesIO(data), _gzip_limit(len(data), None, max_bytes), "-")
        except (OSError, EOFError, zlib.error) as exc:
            unpacked = Reject("-", None, "unreadable", f"cannot read the gzip input: {exc}")
        if isinstance(unpacked, Reject):
            yield unpacked
            return
        data = unpacked
    yield from _read_document(data, "-", input_format or "jsonl", mapping, max_bytes, encoding, None)


def _read_file(
    path: Path, mapping: Mapping[str, str] | None, input_format: str | None, encoding: str | None, max_bytes: int
) -> Iterator[RawInput | Reject]:
    """The inputs in one file, read by its format (given, else told by its name)."""
    fmt = input_format or detect_format(path.name)
    if fmt is None:
        yield Reject(
            str(path),
            None,
            "unsupported",
            "unknown file type; use .jsonl, .csv, .txt, .html, .warc (optionally .gz) or .parquet, or pass --format",
        )
        return
    if fmt == "warc":
        from newstrace.ingest.warc import read_warc

        yield from read_warc(path, max_bytes)
        return
    if fmt == "parquet":
        from newstrace.ingest.parquet import read_parquet

        yield from read_parquet(path, mapping, max_bytes)
        return
    data = _read_bytes(path, None if fmt in ("jsonl", "csv") else max_bytes, max_bytes)
    if isinstance(data, Reject):
        yield data
        return
    yield from _read_document(data, str(path), fmt, mapping, max_bytes, encoding, _stem(path))
