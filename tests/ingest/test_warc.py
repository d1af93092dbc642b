"""Crawl formats: WARC (plain and gzipped) and Parquet inputs, built here from the seeds and the
bundled CLICK-ID sample, with the bad records a real crawl holds."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fastwarc.stream_io import GzipWriter
from fastwarc.warc import WarcRecord, WarcRecordType

from newstrace import Store, ingest
from newstrace.ingest.readers import read_inputs
from newstrace.model import RawInput, Reject
from tests.conftest import CLICKID_SAMPLE, SEEDS


def seed_page(path: Path) -> str:
    """A seed's text as the HTML page it was scraped from: one paragraph per line."""
    paragraphs = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(paragraphs[1])}</title></head>"
        f"<body><article>{body}</article></body></html>"
    )


def response(
    url: str,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    declared: int | None = None,
) -> WarcRecord:
    record = WarcRecord()
    length = len(body) if declared is None else declared
    message = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\n\r\n".encode()
    record.init_headers(WarcRecordType.response)
    record.headers["WARC-Target-URI"] = url
    record.headers["Content-Type"] = "application/http; msgtype=response"
    record.set_bytes_content(message + body)
    return record


def request(url: str) -> WarcRecord:
    record = WarcRecord()
    record.init_headers(WarcRecordType.request)
    record.headers["WARC-Target-URI"] = url
    record.headers["Content-Type"] = "application/http; msgtype=request"
    record.set_bytes_content(f"GET {url} HTTP/1.1\r\nHost: example.org\r\n\r\n".encode())
    return record


def seed_url(path: Path) -> str:
    return f"https://news.example/{path.stem}"


def write_crawl(path: Path, gzipped: bool) -> None:
    """The five seed pages, each after its request, then a picture and a missing page."""
    with open(path, "wb") as fh:
        out = GzipWriter(fh) if gzipped else fh
        for seed in sorted(SEEDS.glob("*.txt")):
            request(seed_url(seed)).write(out)
            response(seed_url(seed), seed_page(seed).encode()).write(out)
        response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png").write(out)
        response("https://news.example/gone", b"<html><body>Not found</body></html>", status="404 Not Found").write(out)
        if gzipped:
            out.close()


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_pages_are_cleaned_like_html_files(tmp_path: Path, name: str) -> None:
    crawl = tmp_path / name
    write_crawl(crawl, gzipped=name.endswith(".gz"))
    pages = tmp_path / "pages"
    pages.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        (pages / f"{seed.stem}.html").write_text(seed_page(seed), encoding="utf-8")

    report = ingest([str(crawl)], db=tmp_path / "crawl.db")
    assert report.added == 5
    assert sorted(report.reasons().items()) == [("http_status", 1), ("not_html", 1)]
    ingest([str(pages)], db=tmp_path / "pages.db")
    with Store(tmp_path / "crawl.db") as crawled, Store(tmp_path / "pages.db") as files:
        by_url = {a.url: a for a in crawled.articles()}
        for article in files.articles():
            copy = by_url[f"https://news.example/{article.id}"]
            assert copy.id == copy.url  # a crawl page is known by its address
            assert copy.text == article.text and copy.title == article.title


def test_truncated_warc_record_is_a_reject(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    crawl = tmp_path / "cut.warc"
    with open(crawl, "wb") as fh:
        response(seed_url(seeds[0]), seed_page(seeds[0]).encode()).write(fh)
        response(seed_url(seeds[1]), seed_page(seeds[1]).encode()).write(fh)
    data = crawl.read_bytes()
    crawl.write_bytes(data[: len(data) - 2000])  # the crawl was cut in the middle of the second page
    items = list(read_inputs([str(crawl)]))
    assert isinstance(items[0], RawInput) and items[0].fields["url"] == seed_url(seeds[0])
    assert [(r.line, r.reason) for r in items[1:] if isinstance(r, Reject)] == [(2, "truncated")]


def test_a_file_that_is_not_a_warc_is_one_reject(tmp_path: Path) -> None:
    fake = tmp_path / "notes.warc"
    fake.write_text("just some notes, not a crawl\n", encoding="utf-8")
    items = list(read_inputs([str(fake)]))
    assert len(items) == 1 and isinstance(items[0], Reject) and items[0].reason == "bad_warc"


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


def test_chunked_and_gzip_encoded_pages_are_decoded_not_called_truncated(tmp_path: Path) -> None:
    import gzip

    seed = sorted(SEEDS.glob("*.txt"))[0]
    page = seed_page(seed).encode("utf-8")
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(page[i : i + 500]), page[i : i + 500]) for i in range(0, len(page), 500))
    packed = gzip.compress(page)
    messages = [
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n"
        + chunks
        + b"0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n"
        b"Content-Length: %d\r\n\r\n" % len(packed) + packed,
    ]
    with open(tmp_path / "encoded.warc", "wb") as fh:
        for number, message in enumerate(messages):
            record = WarcRecord()
            record.init_headers(WarcRecordType.response)
            record.headers["WARC-Target-URI"] = f"https://news.example/{number}"
            record.headers["Content-Type"] = "application/http; msgtype=response"
            record.set_bytes_content(message)
            record.write(fh)
    items = list(read_inputs([str(tmp_path / "encoded.warc")]))
    assert all(isinstance(x, RawInput) and x.payload == page.decode("utf-8") for x in items) and len(items) == 2


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_damaged_crawls_never_stop_the_reader(tmp_path: Path, name: str) -> None:
    import random

    write_crawl(tmp_path / name, gzipped=name.endswith(".gz"))
    data = (tmp_path / name).read_bytes()
    rng = random.Random(11)
    for trial in range(25):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        cut = damaged[: rng.randrange(len(damaged) // 2, len(damaged) + 1)]
        path = tmp_path / f"{trial}-{name}"
        path.write_bytes(bytes(cut))
        items = list(read_inputs([str(path)]))  # every problem is a reject, never an exception
        assert items and all(isinstance(x, RawInput | Reject) for x in items)
        assert all(x.reason for x in items if isinstance(x, Reject))


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
