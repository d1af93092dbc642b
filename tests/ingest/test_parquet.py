"""Parquet inputs, built here from the bundled CLICK-ID sample: rows read like JSON Lines records,
typed columns, and the damaged files a real crawl holds."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newstrace import ingest
from newstrace.ingest.readers import read_inputs
from newstrace.model import RawInput, Reject
from tests.conftest import CLICKID_SAMPLE


def sample_rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in CLICKID_SAMPLE.read_text(encoding="utf-8").splitlines()]


def test_parquet_rows_are_read_like_jsonl_records(tmp_path: Path) -> None:
    rows = sample_rows()[:40]
    renamed = [
        {
            "judul": r["title"],
            "isi_berita": r["text"],
            "tautan": r["url"],
            "id": r["id"],
            "tanggal": r["published"],
            "kategori": r.get("category"),
        }
        for r in rows
    ]
    pq.write_table(pa.Table.from_pylist(renamed), tmp_path / "clickid.parquet", row_group_size=16)
    with open(tmp_path / "clickid.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in renamed)

    from_parquet = [x for x in read_inputs([str(tmp_path / "clickid.parquet")]) if isinstance(x, RawInput)]
    from_jsonl = [x for x in read_inputs([str(tmp_path / "clickid.jsonl")]) if isinstance(x, RawInput)]
    assert [x.fields for x in from_parquet] == [x.fields for x in from_jsonl]
    assert [x.line for x in from_parquet] == list(range(1, 41))
    report = ingest([str(tmp_path / "clickid.parquet")], db=tmp_path / "p.db")
    assert report.added + report.rejected == 40 and report.added >= 35
    usage = report.fields[str(tmp_path / "clickid.parquet")]
    assert usage.records == 40
    assert ("judul", "title") in usage.used and "kategori" in usage.ignored


def test_parquet_timestamps_and_integer_ids_are_read(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    rows = sample_rows()[:3]
    table = pa.table(
        {
            "id": pa.array([1, 2, 3], pa.int64()),
            "published": pa.array([datetime(2019, 9, 10, 1, 15, tzinfo=UTC)] * 3, pa.timestamp("s", "UTC")),
            "text": [r["text"] for r in rows],
        }
    )
    pq.write_table(table, tmp_path / "typed.parquet")
    items = list(read_inputs([str(tmp_path / "typed.parquet")]))
    assert [x.fields["id"] for x in items if isinstance(x, RawInput)] == ["1", "2", "3"]
    assert all(isinstance(x, RawInput) and x.fields["published"] == "2019-09-10T01:15:00+00:00" for x in items)


def test_parquet_non_string_text_column_rejects_each_row(tmp_path: Path) -> None:
    pq.write_table(pa.table({"title": ["a", "b"], "text": pa.array([12, 13], pa.int32())}), tmp_path / "n.parquet")
    items = list(read_inputs([str(tmp_path / "n.parquet")]))
    assert [(x.line, x.reason) for x in items if isinstance(x, Reject)] == [(1, "bad_type"), (2, "bad_type")]
    assert "'text'" in items[0].detail and "int" in items[0].detail  # type: ignore[union-attr]


def test_corrupt_parquet_row_group_is_one_reject_and_reading_goes_on(tmp_path: Path) -> None:
    rows = sample_rows()[:30]
    path = tmp_path / "damaged.parquet"
    table = pa.Table.from_pylist([{"id": r["id"], "text": r["text"]} for r in rows])
    pq.write_table(table, path, row_group_size=10, compression="none", write_page_checksum=True)
    meta = pq.ParquetFile(path).metadata
    column = meta.row_group(1).column(1)  # the text column of rows 11-20
    start = column.dictionary_page_offset if column.has_dictionary_page else column.data_page_offset
    data = bytearray(path.read_bytes())
    middle = start + column.total_compressed_size // 2
    data[middle : middle + 64] = bytes(64)
    path.write_bytes(bytes(data))

    items = list(read_inputs([str(path)]))
    good = [x for x in items if isinstance(x, RawInput)]
    bad = [x for x in items if isinstance(x, Reject)]
    assert [r.reason for r in bad] == ["bad_parquet"] and bad[0].line == 11
    assert [x.line for x in good] == [*range(1, 11), *range(21, 31)]


def test_not_a_parquet_file_is_one_reject(tmp_path: Path) -> None:
    (tmp_path / "x.parquet").write_bytes(b"PAR1 not really")
    items = list(read_inputs([str(tmp_path / "x.parquet")]))
    assert len(items) == 1 and isinstance(items[0], Reject) and items[0].reason == "bad_parquet"


def test_damaged_parquet_files_never_stop_the_reader(tmp_path: Path) -> None:
    import random

    rows = sample_rows()[:30]
    pq.write_table(
        pa.Table.from_pylist([{"id": r["id"], "text": r["text"]} for r in rows]),
        tmp_path / "ok.parquet",
        row_group_size=10,
        write_page_checksum=True,
    )
    data = (tmp_path / "ok.parquet").read_bytes()
    rng = random.Random(5)
    for trial in range(25):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path = tmp_path / f"{trial}.parquet"
        path.write_bytes(bytes(damaged))
        items = list(read_inputs([str(path)]))
        assert items and all(isinstance(x, RawInput | Reject) for x in items)
