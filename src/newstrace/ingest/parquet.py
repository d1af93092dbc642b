"""Parquet: one article input per row, columns mapped to fields as for CSV and JSON Lines.

The file is read a row group at a time, in batches, so a large file is never held whole;
a row group that cannot be read (damaged pages, a bad checksum) is one reject naming its
rows, and reading goes on with the next group. A column whose type cannot hold the field
it feeds (numbers as text, a struct as a title) makes a reject per row, naming the column
and its type, so the user can map another column or cast this one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newstrace.ingest.fields import field_sources, map_record
from newstrace.model import RawInput, Reject

__all__ = ["read_parquet"]

_BATCH_ROWS = 1024
_EXCERPT = 200
# Fields that take a number or a time as well as text (an integer id, an epoch, a timestamp).
_NON_TEXT_OK = {"id": ("int", "uint", "decimal"), "published": ("int", "timestamp", "date")}


def _kind(arrow_type: Any) -> str:
    """A coarse name of an Arrow type: string, list_string, int, timestamp, struct, ..."""
    import pyarrow.types as t

    if t.is_dictionary(arrow_type):
        return _kind(arrow_type.value_type)
    if t.is_string(arrow_type) or t.is_large_string(arrow_type) or getattr(t, "is_string_view", bool)(arrow_type):
        return "string"
    if t.is_null(arrow_type):
        return "null"
    if t.is_binary(arrow_type) or t.is_large_binary(arrow_type):
        return "binary"
    if t.is_list(arrow_type) or t.is_large_list(arrow_type):
        return "list_string" if _kind(arrow_type.value_type) == "string" else f"list<{arrow_type.value_type}>"
    if t.is_integer(arrow_type):
        return "uint" if t.is_unsigned_integer(arrow_type) else "int"
    if t.is_decimal(arrow_type):
        return "decimal"
    if t.is_timestamp(arrow_type):
        return "timestamp"
    if t.is_date(arrow_type):
        return "date"
    return str(arrow_type)


def _fits(field_name: str, kind: str) -> bool:
    if kind in ("string", "null", "binary"):
        return True
    if kind == "list_string":
        return field_name in ("text", "byline")  # paragraphs, several authors
    return kind in _NON_TEXT_OK.get(field_name, ())


def _plain(value: Any) -> Any:
    """A cell as JSON-ready text: times in ISO 8601, bytes as UTF-8."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8")  # UnicodeDecodeError: the caller rejects the row
    return value


def _row(
    record: dict[str, Any],
    kinds: Mapping[str, str],
    origin: str,
    number: int,
    mapping: Mapping[str, str] | None,
    max_bytes: int,
) -> RawInput | Reject:
    for target, key in field_sources(record, mapping).items():
        if not _fits(target, kinds.get(key, "string")):
            return Reject(
                origin,
                number,
                "bad_type",
                f"column {key!r} feeds {target} but holds {kinds[key]}, not text; "
                f"cast it, or map another column with --map NAME={target}",
                _excerpt(record[key]),
            )
    try:
        plain = {key: _plain(value) for key, value in record.items()}
    except UnicodeDecodeError as exc:
        return Reject(origin, number, "encoding", f"a binary column does not hold UTF-8 text: {exc}")
    payload = json.dumps(plain, ensure_ascii=False, default=str)
    if len(payload) > max_bytes:
        return Reject(origin, number, "too_large", f"the row has {len(payload):,} characters", payload[:_EXCERPT])
    return RawInput(origin, number, "parquet", payload, map_record(plain, mapping))


def _excerpt(value: Any) -> str:
    return repr(value)[:_EXCERPT]


def read_parquet(path: Path, mapping: Mapping[str, str] | None, max_bytes: int) -> Iterator[RawInput | Reject]:
    """Yield a ``parquet`` input per row of the file at ``path`` (rows numbered from 1),
    or a reject for a row, a row group or the whole file that cannot be read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    origin = str(path)
    try:
        parquet = pq.ParquetFile(path, page_checksum_verification=True)  # catch damaged pages
        kinds = {f.name: _kind(f.type) for f in parquet.schema_arrow}
        groups = [parquet.metadata.row_group(i).num_rows for i in range(parquet.num_row_groups)]
    except (OSError, pa.ArrowException, ValueError) as exc:
        yield Reject(origin, None, "bad_parquet", f"not a readable Parquet file: {exc}")
        return
    first = 1
    with parquet:
        for group, rows in enumerate(groups):
            done = 0
            try:
                for batch in parquet.iter_batches(batch_size=_BATCH_ROWS, row_groups=[group]):
                    for record in batch.to_pylist():
                        yield _row(record, kinds, origin, first + done, mapping, max_bytes)
                        done += 1
            except (OSError, pa.ArrowException, ValueError) as exc:
                yield Reject(
                    origin,
                    first + done,
                    "bad_parquet",
                    f"row group {group} cannot be read from row {first + done} "
                    f"(rows {first + done}-{first + rows - 1} are lost): {exc}",
                )
            first += rows
