"""WARC crawls (plain and gzipped), built here from the seed pages, with the bad records a real
crawl holds: truncated, damaged, encoded, or not a WARC at all."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from fastwarc.stream_io import GzipWriter
from fastwarc.warc import WarcRecord, WarcRecordType

from newstrace import Store, ingest
from newstrace.ingest.readers import read_inputs
from newstrace.model import RawInput, Reject
from tests.conftest import SEEDS


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
