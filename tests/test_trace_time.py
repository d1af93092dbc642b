"""Publication times with their precision and source, from cleaning to tracing.

Real text throughout: the seed pages (000 kontan, 05:40 WIB in its header; 001 only a body
date; 002 and 004 undated copies of 000) and pages built around the kontan article's body.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace import analyze, ingest
from newstrace.clean import clean_html, clean_page, split_sentences
from newstrace.clean.dates import (
    PublishedTime,
    choose_published,
    date_from_url,
    from_metadata,
    parse_published,
    time_bounds,
)
from newstrace.cli import main
from newstrace.store import Store
from newstrace.store.schema import MIGRATIONS
from newstrace.trace import TraceItem, TraceResult, trace_group
from newstrace.trace_time import certainly_later, span_of

from .conftest import SEEDS

WIB = timezone(timedelta(hours=7))
WITA = timezone(timedelta(hours=8))


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seeds() -> dict[str, object]:
    return {prefix: clean_page(_seed(prefix)) for prefix in ("000", "001", "002", "003", "004")}


@pytest.fixture(scope="module")
def base() -> list[str]:
    return split_sentences(clean_page(_seed("000")).text)


def _parents(result: TraceResult) -> dict[str, str | None]:
    return {edge.child: edge.parent for edge in result.edges}


def _uncertain(result: TraceResult) -> dict[str, bool]:
    return {edge.child: edge.uncertain for edge in result.edges}


# --- cleaning: every time keeps its precision and source ---------------------------------


def test_seed_times_carry_precision_and_source(seeds: dict[str, object]) -> None:
    kontan, isubogor, kompastv = seeds["000"], seeds["001"], seeds["003"]
    assert (kontan.published, kontan.published_precision, kontan.published_from) == (
        datetime(2022, 3, 21, 5, 40, tzinfo=WIB),
        "minute",
        "page",
    )
    # "Selasa 15 Maret 2022" in the text names a day, not midnight of it.
    assert (isubogor.published, isubogor.published_precision, isubogor.published_from) == (
        datetime(2022, 3, 15, tzinfo=WIB),
        "day",
        "body",
    )
    assert kompastv.published_precision == "minute"
    for undated in ("002", "004"):
        assert seeds[undated].published is None and seeds[undated].published_precision is None


def test_record_values_say_how_precise_they_are() -> None:
    assert parse_published("2019-09-16") == PublishedTime(datetime(2019, 9, 16, tzinfo=WIB), "day", "record")
    assert parse_published("2019-09-16T18:40:00+07:00").precision == "minute"
    assert parse_published("Senin, 21 Maret 2022 / 05:40 WIB").precision == "minute"
    assert parse_published("Senin, 21 Maret 2022").precision == "day"


def test_metadata_answers_keep_their_offset() -> None:
    # htmldate with %z: 10:00 UTC is 17:00 WIB, not 10:00 WIB.
    utc = from_metadata("2017-05-10T10:00:00+0000")
    assert utc is not None and utc.value == datetime(2017, 5, 10, 17, 0, tzinfo=WIB)
    assert utc.precision == "minute" and utc.source == "html"
    wib = from_metadata("2017-05-10T09:10:00+0700")
    assert wib is not None and wib.value.astimezone(WIB).strftime("%H:%M") == "09:10"
    # A date-only answer comes back as a bare midnight: a day.
    day = from_metadata("2017-05-10T00:00:00")
    assert day is not None and day.precision == "day"


def test_a_minute_of_the_same_day_beats_a_date_only_answer() -> None:
    metadata = PublishedTime(datetime(2017, 5, 10, tzinfo=WIB), "day", "html")
    header = PublishedTime(datetime(2017, 5, 10, 21, 4, tzinfo=WIB), "minute", "page")
    other_day = PublishedTime(datetime(2017, 5, 11, 8, 0, tzinfo=WIB), "minute", "page")
    body = PublishedTime(datetime(2017, 5, 9, tzinfo=WIB), "day", "body")
    assert choose_published([metadata, body, header]) == header
    assert choose_published([metadata, other_day]) == metadata  # not of that day: no refinement
    assert choose_published([body]) == body
    assert choose_published([body, date_from_url("https://x.com/read/2017/05/10/1/a")]).source == "url"
    record = PublishedTime(datetime(2017, 5, 10, 20, 0, tzinfo=WIB), "minute", "record")
    assert choose_published([header, record]) == record
    assert time_bounds(metadata) == (datetime(2017, 5, 10, tzinfo=WIB), datetime(2017, 5, 11, tzinfo=WIB))


def test_dates_in_urls() -> None:
    assert date_from_url("https://news.okezone.com/read/2019/09/10/206/2103192/judul") == PublishedTime(
        datetime(2019, 9, 10, tzinfo=WIB), "day", "url"
    )
    assert date_from_url("https://www.kompas.tv/article/2024-10-11-kremlin") is not None
    assert date_from_url("https://example.com/read/2103192/judul") is None
    assert date_from_url(None) is None


def test_a_date_in_the_body_only_never_keeps_a_time() -> None:
    text = _seed("001").replace("Selasa 15 Maret 2022", "Selasa 15 Maret 2022 pukul 10:00 WIB")
    cleaned = clean_page(text)
    assert cleaned.published_from == "body" and cleaned.published_precision == "day"
    assert cleaned.published == datetime(2022, 3, 15, tzinfo=WIB)


def test_dateline_url_and_body_dates_rank_in_that_order() -> None:
    # The kontan body with a dated dateline of the kind some outlets print.
    body = clean_page(_seed("000")).text
    dated = clean_page("JAKARTA, Senin (21/3/2022) - " + body)
    assert (dated.published, dated.published_precision, dated.published_from) == (
        datetime(2022, 3, 21, tzinfo=WIB),
        "day",
        "dateline",
    )
    event_day = body + "\n\nKabar itu pertama kali beredar pada Minggu (20/3/2022) malam."
    url = "https://internasional.kontan.co.id/news/2022/03/21/kim-jong-un"
    from_url = clean_page(event_day, url=url)
    assert (from_url.published, from_url.published_from) == (datetime(2022, 3, 21, tzinfo=WIB), "url")
    from_body = clean_page(event_day)
    assert (from_body.published, from_body.published_from) == (datetime(2022, 3, 20, tzinfo=WIB), "body")


def _page(head: str, under_headline: str) -> str:
    """A news page around the kontan article's real body."""
    paragraphs = "".join(f"<p>{p}</p>" for p in clean_page(_seed("000")).text.split("\n\n")[:8])
    return (
        f"<html><head><title>Kim Jong Un Disebut Tolak Permintaan Putin</title>{head}</head>"
        "<body><nav><a href='/'>Home</a> Kamis, 12 Mei 2022</nav>"
        "<h1>Kim Jong Un Disebut Tolak Permintaan Putin untuk Bantuan Militer di Ukraina</h1>"
        f"<div class='date'>{under_headline}</div><article>{paragraphs}</article>"
        "<footer>Copyright Kontan</footer></body></html>"
    )


def test_html_page_header_time_beats_date_only_metadata() -> None:
    pytest.importorskip("trafilatura")
    html = _page('<meta name="pubdate" content="2022-03-21">', "Senin, 21 Maret 2022 | 21:04 WIB")
    cleaned = clean_html(html, url="https://internasional.kontan.co.id/news/kim-jong-un")
    assert cleaned.published == datetime(2022, 3, 21, 21, 4, tzinfo=WIB)
    assert (cleaned.published_precision, cleaned.published_from) == ("minute", "page")


def test_html_metadata_offset_is_converted_not_dropped() -> None:
    pytest.importorskip("trafilatura")
    html = _page('<meta property="article:published_time" content="2022-03-21T02:10:00+00:00">', "Senin, 21 Maret 2022")
    cleaned = clean_html(html, url="https://internasional.kontan.co.id/news/kim-jong-un")
    assert cleaned.published is not None
    assert cleaned.published.astimezone(UTC) == datetime(2022, 3, 21, 2, 10, tzinfo=UTC)
    assert cleaned.published.astimezone(WIB).strftime("%H:%M") == "09:10"
    assert (cleaned.published_precision, cleaned.published_from) == ("minute", "html")


def test_html_menu_date_above_the_headline_is_not_the_publication_day() -> None:
    pytest.importorskip("trafilatura")
    html = _page('<meta name="pubdate" content="2022-03-21">', "oleh Barratut Taqiyyah")
    cleaned = clean_html(html, url="https://internasional.kontan.co.id/news/kim-jong-un")
    assert cleaned.published == datetime(2022, 3, 21, tzinfo=WIB)
    assert (cleaned.published_precision, cleaned.published_from) == ("day", "html")


# --- tracing: times as intervals ---------------------------------------------------------


def test_spans() -> None:
    minute = span_of(datetime(2022, 3, 21, 18, 40, tzinfo=WIB), "minute", "page")
    day = span_of(datetime(2022, 3, 21, tzinfo=WIB), "day", "html")
    next_day = span_of(datetime(2022, 3, 22, tzinfo=WIB), "day", "html")
    body = span_of(datetime(2022, 3, 21, tzinfo=WIB), "day", "body")
    assert not certainly_later(day, minute) and not certainly_later(minute, day)
    assert certainly_later(next_day, minute) and not certainly_later(minute, next_day)
    assert minute.key < day.key  # the minute outranks the day it falls in
    assert not body.dated and body.lo == day.lo  # a body date bounds from below only
    # WITA and WIB name the same instant differently.
    assert span_of(datetime(2022, 3, 21, 19, 40, tzinfo=WITA)) == minute


def test_seed_group_origin_is_kontan_and_undated_places_are_uncertain() -> None:
    items = [
        TraceItem(
            p,
            c.published,
            c.outlet,
            split_sentences(c.text),
            c.published_precision,
            c.published_from,
            tuple(s.name for s in c.sources),
        )
        for p, c in ((p, clean_page(_seed(p))) for p in ("000", "002", "004"))
    ]
    result = trace_group(items)
    assert result.origin == "000"
    assert _parents(result) == {"000": None, "002": "000", "004": "000"}
    # 002 and 004 are undated: the text put them there; the origin could have a rival.
    assert _uncertain(result) == {"000": True, "002": True, "004": True}


def test_undated_copy_naming_the_day_does_not_outrank_the_1840_original(base: list[str]) -> None:
    original = TraceItem("original", datetime(2022, 3, 21, 18, 40, tzinfo=WIB), "kontan.co.id", base, "minute", "page")
    copy = base[:3] + ["Kabar ini beredar luas pada Senin (21/3/2022) di media sosial."] + base[3:]
    for precision, source in (("day", "body"), ("day", "html")):
        dated_copy = TraceItem("copy", datetime(2022, 3, 21, tzinfo=WIB), "tribunpalu.com", copy, precision, source)
        result = trace_group([dated_copy, original])
        assert result.origin == result.first_known == "original", source
        assert _parents(result) == {"original": None, "copy": "original"}
        assert _uncertain(result)["copy"]


def test_copy_citing_detik_is_not_the_origin_of_the_detik_original(base: list[str]) -> None:
    detik = TraceItem("detik", datetime(2022, 3, 21, 11, 30, tzinfo=WIB), "news.detik.com", base, "minute", "page")
    # A date-only metadata answer: the day, seen as midnight.
    copy = TraceItem(
        "copy",
        datetime(2022, 3, 21, tzinfo=WIB),
        "tribunpalu.com",
        base + ["Artikel ini telah tayang dan dikutip dari detikcom."],
        "day",
        "html",
        ("detikcom",),
    )
    result = trace_group([copy, detik])
    assert result.origin == "detik" and _parents(result)["copy"] == "detik"


def test_undated_version_is_origin_only_when_the_text_says_so(base: list[str]) -> None:
    reworded = [s.replace("pemain", "pasukan") for s in base]
    dated = TraceItem(
        "dated", datetime(2022, 3, 21, 9, 0, tzinfo=WIB), "tribunpalu.com", reworded, "minute", "page", ("detikcom",)
    )
    # The dated copy names the undated one's outlet: the undated one came first.
    undated = TraceItem("undated", None, "news.detik.com", base)
    cited = trace_group([dated, undated])
    assert cited.origin == "undated" and _parents(cited)["dated"] == "undated"
    assert _uncertain(cited)["undated"]
    # A verbatim undated twin says nothing of order: the dated version is the origin and the
    # undated one's place is marked uncertain.
    twin = TraceItem("twin", None, "intisari-online.com", list(reworded))
    plain = trace_group([TraceItem("dated", dated.published, dated.outlet, reworded), twin])
    assert plain.origin == "dated" and _parents(plain)["twin"] == "dated"
    assert _uncertain(plain)["twin"]
    # An undated copy that holds more than the dated one (an appended paragraph) is not
    # carried by it: the dated version stays the origin.
    longer = TraceItem(
        "longer",
        None,
        "intisari-online.com",
        reworded + ["Korea Utara dan Rusia memiliki hubungan panjang sejak Perang Dingin."],
    )
    result = trace_group([TraceItem("dated", dated.published, dated.outlet, reworded), longer])
    assert result.origin == "dated"


def test_a_day_precision_original_yields_to_a_minute_of_its_day_without_text_evidence(base: list[str]) -> None:
    day = TraceItem("day", datetime(2022, 3, 21, tzinfo=WIB), "kontan.co.id", base, "day", "html")
    minute = TraceItem(
        "minute", datetime(2022, 3, 21, 6, 0, tzinfo=WIB), "tribunpalu.com", list(base), "minute", "page"
    )
    result = trace_group([day, minute])
    assert result.origin == "minute" and result.earliest == "minute"
    assert _uncertain(result)["day"]
    # A day before the minute's day is certainly earlier.
    before = TraceItem("day", datetime(2022, 3, 20, tzinfo=WIB), "kontan.co.id", base, "day", "html")
    assert trace_group([before, minute]).origin == "day"


# --- store, export and the trace view -----------------------------------------------------


def test_precision_is_stored_exported_and_shown(tmp_path: Path) -> None:
    db = tmp_path / "seeds.db"
    ingest([str(SEEDS)], db=db)
    analyze(db)
    runner = CliRunner()
    exported = runner.invoke(main, ["export", "articles", "--db", str(db)])
    assert exported.exit_code == 0, exported.output
    records = {r["id"][:3]: r for r in map(json.loads, exported.output.splitlines())}
    assert (records["000"]["published_precision"], records["000"]["published_from"]) == ("minute", "page")
    assert (records["001"]["published_precision"], records["001"]["published_from"]) == ("day", "body")
    assert records["002"]["published_precision"] is None
    assert records["004"]["origin"] == records["000"]["id"]
    with Store(db) as store:
        assert store.article(records["001"]["id"]).published_precision == "day"
        flags = dict(store.conn.execute("SELECT child, uncertain FROM copy_edges"))
    assert flags[records["002"]["id"]] == 1 and flags[records["004"]["id"]] == 1
    shown = runner.invoke(main, ["trace", records["004"]["id"], "--db", str(db)], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "2022-03-21 05:40+0700 (minute, page)" in shown.output
    assert "undated" in shown.output and "uncertain" in shown.output


def test_older_stores_gain_the_columns(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    for _name, sql in MIGRATIONS[:2]:  # a store written before time precision
        conn.executescript(sql)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    conn.executemany("INSERT INTO migrations VALUES (?, '2026-01-01')", [(m[0],) for m in MIGRATIONS[:2]])
    conn.execute("INSERT INTO raw_inputs VALUES (1, 'x', 'f', NULL, 'txt', 'p', '2026-01-01')")
    rows = [
        ("a", "2022-03-21T05:40:00+07:00", "page"),
        ("b", "2022-03-15T00:00:00+07:00", "body"),
        ("c", "2022-03-15T00:00:00+07:00", "html"),
        ("d", None, None),
    ]
    for article_id, published, source in rows:
        conn.execute(
            "INSERT INTO articles(id, version, published, published_from, text, text_hash,"
            " raw_id, ingested_at) VALUES (?, 1, ?, ?, 't', ?, 1, 'now')",
            (article_id, published, source, article_id),
        )
    conn.commit()
    conn.close()
    with Store(db) as store:
        found = {a.id: a.published_precision for a in store.articles()}
    assert found == {"a": "minute", "b": "day", "c": "day", "d": None}
