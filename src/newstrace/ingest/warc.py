"""WARC and WARC.gz: the HTML pages of a crawl's response records, one article input each.

Records are read one at a time from the stream (FastWARC), so a crawl file of any size is
never held whole. Each HTML response becomes an ``html`` input cleaned exactly like an HTML
file; everything else a crawl holds is accounted for: requests, metadata and warcinfo
records are not pages and are passed over, while responses that cannot be an article
(not HTML, an error status, a record cut short) are rejects with the reason.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newstrace.model import RawInput, Reject

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_EXCERPT = 200


def _decode_page(body: bytes, charset: str | None) -> tuple[str, list[tuple[str, str]]] | None:
    """The page's text: the declared charset, else UTF-8, else what charset_normalizer finds."""
    tried: list[str] = []
    for name in (charset, "utf-8"):
        if not name or name in tried:
            continue
        tried.append(name)
        try:
            codecs.lookup(name)
            return body.decode(name), []
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(body[:65536]).best()
    if best is None:
        return None
    try:
        text = body.decode(best.encoding)
    except (LookupError, UnicodeDecodeError):
        return None
    return text, [("encoding_guessed", f"the page is not {' or '.join(tried)}; read as {best.encoding}")]


def _excerpt(body: bytes) -> str:
    return body[:_EXCERPT].decode("utf-8", "backslashreplace")


def read_warc(path: Path, max_bytes: int) -> Iterator[RawInput | Reject]:
    """Yield an ``html`` input per HTML response record of the WARC (gzipped or not) at
    ``path``, or a reject naming the record (its 1-based position in the file) and why."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    origin = str(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield Reject(origin, None, "unreadable", f"cannot read the file: {exc}")
        return
    number = 0
    with fh:
        # auto_decode undoes chunked transfer and gzip/brotli content encodings of the body.
        records = iter(ArchiveIterator(fh, parse_http=True, auto_decode="all"))
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as exc:  # a damaged stream: nothing after this point can be trusted
                yield Reject(
                    origin,
                    number + 1,
                    "bad_warc",
                    f"the WARC stream is damaged after record {number}: {exc}; the records before it were read",
                )
                return
            number += 1
            if record.record_type != WarcRecordType.response:
                continue  # requests, metadata, warcinfo: not pages
            try:
                yield from _response(record, origin, number, max_bytes)
            except Exception as exc:  # one unreadable record must not stop the file
                yield Reject(origin, number, "bad_warc", f"the response record cannot be read: {exc}")
    if number == 0:
        yield Reject(
            origin, None, "bad_warc", "no WARC records found; is this a WARC file (it should start with 'WARC/1.')?"
        )


def _cut_short(record: Any, http: Any, received: int) -> int | None:
    """The length the body should have had, when fewer bytes than that were received."""
    declared = http.get("Content-Length")
    expected = max(int(declared) if declared and declared.strip().isdigit() else 0, record.content_length)
    # A chunked or compressed body is decoded, so its length no longer matches the declared one.
    encoded = any(
        (http.get(name) or "").strip().lower() not in ("", "identity")
        for name in ("Content-Encoding", "Transfer-Encoding")
    )
    return expected if not encoded and received < expected else None


def _response(record: object, origin: str, number: int, max_bytes: int) -> Iterator[RawInput | Reject]:
    from fastwarc.warc import WarcRecord

    assert isinstance(record, WarcRecord)
    uri = record.headers.get("WARC-Target-URI") or None
    where = f" ({uri})" if uri else ""
    http = record.http_headers if record.is_http else None
    if http is None or http.status_code is None:
        yield Reject(origin, number, "bad_warc", f"the response{where} holds no readable HTTP message")
        return
    status = http.status_code
    if not 200 <= status < 300:
        yield Reject(
            origin,
            number,
            "http_status",
            f"the response{where} has HTTP status {status}, not a page (a redirect or error)",
        )
        return
    content_type = (record.http_content_type or "").lower()
    if content_type and not content_type.startswith(_HTML_TYPES):
        yield Reject(origin, number, "not_html", f"the response{where} is {content_type}, not an HTML page")
        return
    body = record.reader.read(max_bytes + 1)
    if len(body) > max_bytes:
        yield Reject(
            origin,
            number,
            "too_large",
            f"the page{where} has over {max_bytes:,} bytes; raise --max-record-bytes",
            _excerpt(body),
        )
        return
    expected = _cut_short(record, http, len(body))
    if expected is not None:
        yield Reject(
            origin,
            number,
            "truncated",
            f"the response{where} is cut short ({len(body):,} bytes of {expected:,}); the crawl file is incomplete",
            _excerpt(body),
        )
        return
    if not content_type and b"<" not in body[:1024]:
        yield Reject(
            origin, number, "not_html", f"the response{where} has no content type and is not HTML", _excerpt(body)
        )
        return
    decoded = _decode_page(body, record.http_charset)
    if decoded is None:
        yield Reject(origin, number, "encoding", f"the page{where} does not decode as text", _excerpt(body))
        return
    text, notes = decoded
    if record.headers.get("WARC-Truncated"):
        notes.append(("warc_truncated", f"the crawler cut the page short ({record.headers.get('WARC-Truncated')})"))
    fields: dict[str, str | None] = {"url": uri, "html": text.replace("\x00", "")}
    yield RawInput(origin, number, "html", text, fields, notes)
