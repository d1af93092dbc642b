"""Units of cleaning: dates in text, record dates, weekdays and time zones; then the publication
time cleaning keeps, with its precision and source, on the seed pages (000 kontan, 05:40 WIB in
its header; 001 only a body date; 002 and 004 undated copies of 000) and on pages built around
the kontan article's body."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newstrace.clean import clean_html, clean_page
from newstrace.clean.dates import (
    PublishedTime,
    choose_published,
    date_from_url,
    find_dates,
    from_metadata,
    parse_date,
    parse_published,
    time_bounds,
)
from tests.conftest import SEEDS


def _zone(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


WIB, WITA, WIT = _zone(7), _zone(8), _zone(9)


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Senin, 21 Maret 2022 / 05:40 WIB", datetime(2022, 3, 21, 5, 40, tzinfo=WIB)),
        ("11 Oktober 2024, 15:32 WIB", datetime(2024, 10, 11, 15, 32, tzinfo=WIB)),
        ("Kompas dunia | 11 Oktober 2024, 15:32 WIB", datetime(2024, 10, 11, 15, 32, tzinfo=WIB)),
        ("Selasa 15 Maret 2022", datetime(2022, 3, 15, tzinfo=WIB)),
        ("kata Yuni, Rabu (18/9/2019).", datetime(2019, 9, 18, tzinfo=WIB)),
        ("dikutip dari Euronews, Jumat (11/10/2024).", datetime(2024, 10, 11, tzinfo=WIB)),
        ("11 Oktober 2024, 15:32 WITA", datetime(2024, 10, 11, 15, 32, tzinfo=WITA)),
        ("11 Oktober 2024 15.32 WIT", datetime(2024, 10, 11, 15, 32, tzinfo=WIT)),
        ("March 21, 2022 5:40 PM GMT+7", datetime(2022, 3, 21, 17, 40, tzinfo=WIB)),
        ("21 Mar 2022", datetime(2022, 3, 21, tzinfo=WIB)),
        ("Rabu, 18/09/2019 10:15 WIB", datetime(2019, 9, 18, 10, 15, tzinfo=WIB)),
        ("2019-09-10T00:02:00+07:00", datetime(2019, 9, 10, 0, 2, tzinfo=WIB)),
    ],
)
def test_dates_in_text(text: str, expected: datetime) -> None:
    found = find_dates(text)
    assert len(found) == 1
    assert found[0].value == expected
    assert found[0].value.utcoffset() == expected.utcoffset()


def test_wita_is_not_read_as_wit() -> None:
    assert find_dates("10 Oktober 2024, 08:00 WITA")[0].value.utcoffset() == timedelta(hours=8)
    assert find_dates("10 Oktober 2024, 08:00 WIT")[0].value.utcoffset() == timedelta(hours=9)


@pytest.mark.parametrize(
    "text",
    [
        "Rusia telah kehilangan hingga 13.500 tentara",
        "skor 2-1 (10/10)",
        "21 Maret 2099",
        "harga Rp 1.310.000 per gram",
        "pada 26 Februari dan 4 Maret",
        "kemarin sore",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_weekday_check_and_flags() -> None:
    (match,) = find_dates("Selasa (10/9/2019)")
    assert match.has_weekday and match.weekday_agrees and not match.has_time
    (wrong,) = find_dates("Senin (10/9/2019)")
    assert not wrong.weekday_agrees


def test_parse_record_dates() -> None:
    assert parse_date("2019-09-10T00:02:00+07:00") == datetime(2019, 9, 10, 0, 2, tzinfo=WIB)
    naive = parse_date("2019-09-10 08:00")
    assert naive == datetime(2019, 9, 10, 8, 0, tzinfo=WIB)  # no zone: Western Indonesian time
    assert parse_date("Senin, 21 Maret 2022 / 05:40 WIB") == datetime(2022, 3, 21, 5, 40, tzinfo=WIB)
    assert parse_date("21/03/2022") == datetime(2022, 3, 21, tzinfo=WIB)
    assert parse_date("bukan tanggal") is None
    assert parse_date("") is None


@pytest.fixture(scope="module")
def seeds() -> dict[str, object]:
    return {prefix: clean_page(_seed(prefix)) for prefix in ("000", "001", "002", "003", "004")}


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
