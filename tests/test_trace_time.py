"""Publication times as the tracer compares them: intervals, so a day-only, body or undated
time never outranks a minute unless the text says so.

Real text throughout: the seed pages (000 kontan, 05:40 WIB in its header; 002 and 004 undated
copies of 000) and versions built from the kontan article's body.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from newstrace.clean import clean_page, split_sentences
from newstrace.trace import TraceItem, TraceResult, trace_group
from newstrace.trace_time import certainly_later, span_of

from .conftest import SEEDS

WIB = timezone(timedelta(hours=7))
WITA = timezone(timedelta(hours=8))


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def base() -> list[str]:
    return split_sentences(clean_page(_seed("000")).text)


def _parents(result: TraceResult) -> dict[str, str | None]:
    return {edge.child: edge.parent for edge in result.edges}


def _uncertain(result: TraceResult) -> dict[str, bool]:
    return {edge.child: edge.uncertain for edge in result.edges}


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
