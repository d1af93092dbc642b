"""Provenance inside a copy group, on synthetic trees built from a real article and on the
seed pages (000 is the kontan original; 002 and 004 copy it)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from newstrace.clean import clean_page, split_sentences
from newstrace.trace import UNKNOWN_PREFIX, TraceConfig, TraceItem, TraceResult, trace_group

from .conftest import SEEDS

WIB = timezone(timedelta(hours=7))
T0 = datetime(2022, 3, 21, 5, 40, tzinfo=WIB)


def _body(prefix: str) -> list[str]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return split_sentences(clean_page(path.read_text(encoding="utf-8")).text)


@pytest.fixture(scope="module")
def base() -> list[str]:
    """The kontan article's body: 16 real sentences."""
    return _body("000")


def _replace(sentences: list[str], old: str, new: str) -> list[str]:
    changed = [s.replace(old, new) for s in sentences]
    assert changed != sentences, f"{old!r} not found"
    return changed


def _parents(result: TraceResult) -> dict[str, str | None]:
    return {edge.child: edge.parent for edge in result.edges}


def _at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def _assert_confidences(result: TraceResult) -> None:
    assert result.edges
    assert all(0.0 <= edge.confidence <= 1.0 for edge in result.edges)


def test_copy_of_copy_follows_the_distinctive_change(base: list[str]) -> None:
    number = _replace(base, "13.500", "15.000")
    items = [
        TraceItem("orig", _at(0), "kontan", base),
        TraceItem("num", _at(60), "a", number),
        TraceItem("num-copy", _at(180), "b", ["Berita ini menjadi sorotan banyak pihak."] + number),
        TraceItem("word", _at(90), "c", _replace(base, "pemain", "pasukan")),
        TraceItem("plain", _at(240), "d", base[:-2]),
    ]
    result = trace_group(items)
    assert result.origin == "orig" and result.earliest == "orig"
    assert _parents(result) == {"orig": None, "num": "orig", "num-copy": "num", "word": "orig", "plain": "orig"}
    _assert_confidences(result)


def test_missing_times_rely_on_text(base: list[str]) -> None:
    number = _replace(base, "13.500", "15.000")
    hedge = _replace(number, "belum diverifikasi oleh sumber lain", "belum diverifikasi oleh Pyongyang")
    items = [
        TraceItem("orig", _at(0), "kontan", base),
        TraceItem("num", None, "a", number),
        TraceItem("num-hedge", None, "b", hedge),
        TraceItem("word", _at(30), "c", _replace(base, "pemain", "pasukan")),
        TraceItem("tail", _at(50), "d", base + ["Ini adalah kalimat latar belakang tambahan yang ditulis ulang."]),
    ]
    parents = _parents(trace_group(items))
    assert parents["num-hedge"] == "num"  # carries num's change plus one of its own
    assert parents["num"] == "orig"
    assert parents["word"] == "orig" and parents["tail"] == "orig"


def test_undated_original_is_found_from_its_copies(base: list[str]) -> None:
    items = [TraceItem("orig", None, None, base)] + [
        TraceItem(f"copy{k}", _at(10 * k), None, _replace(base, old, new))
        for k, (old, new) in enumerate(
            [
                ("13.500", "14.000"),
                ("pemain", "pasukan"),
                ("Kim dengan cepat", "Kim segera"),
                ("marah besar", "sangat marah"),
            ],
            start=1,
        )
    ]
    result = trace_group(items)
    assert result.origin == "orig" and result.first_known == "orig"
    assert all(parent == "orig" for child, parent in _parents(result).items() if child != "orig")


def test_siblings_of_an_absent_source_hang_from_unknown(base: list[str]) -> None:
    leads = [
        "Kabar mengejutkan datang dari Pyongyang pada awal pekan ini.",
        "Hubungan Moskow dan Pyongyang kembali menjadi sorotan dunia internasional.",
        "Pemimpin Korea Utara disebut mengambil sikap yang tidak terduga.",
    ]
    items = [
        TraceItem("wire-a", _at(5), "a", [leads[0]] + base),
        TraceItem("wire-b", _at(12), "b", [leads[1]] + base[:-3]),
        TraceItem("wire-c", _at(20), "c", [leads[2]] + _replace(base, "pemain", "pasukan")),
    ]
    result = trace_group(items, group_id="g1")
    assert result.origin == UNKNOWN_PREFIX + "g1"
    assert set(_parents(result).values()) == {UNKNOWN_PREFIX + "g1"}
    assert result.earliest == "wire-a"
    assert result.first_known == "wire-a"  # what the export gives as the group's origin
    undated = trace_group([TraceItem(item.id, None, item.outlet, item.sentences) for item in items], group_id="g1")
    assert undated.origin == UNKNOWN_PREFIX + "g1" and undated.earliest is None
    assert undated.first_known in {"wire-a", "wire-b", "wire-c"}
    _assert_confidences(result)


def test_a_later_verbatim_version_stands_in_for_an_unseen_source(base: list[str]) -> None:
    """Versions minutes apart: the first rewords a sentence, the second copies it, then two
    copies of the second each add a change. "An unseen source with the second's text" and
    "the second rewords the first" explain the text equally; with no outlet credited that is
    absent from the group, no absent source is posited."""
    reworded = _replace(base, "13.500", "15.000")
    items = [
        TraceItem("first", _at(0), "a", base),
        TraceItem("second", _at(2), "b", reworded),
        TraceItem("third", _at(4), "c", _replace(reworded, "pemain", "pasukan")),
        TraceItem("fourth", _at(5), "d", reworded[:-2]),
    ]
    parents = _parents(trace_group(items, group_id="g"))
    assert parents == {"first": None, "second": "first", "third": "second", "fourth": "second"}


def test_a_chain_minutes_apart_with_edits_of_its_own_needs_no_absent_source(base: list[str]) -> None:
    """Each version a few minutes after the one it copies, each with its own edits: the second
    adds a hedge and changes a number, the third carries both, rewords the hedge and cuts a
    sentence, the fourth rewords a word. A text between the three first (the first's with the
    third's hedge and the second's number) explains them at three edits, as the chain does;
    it holds nothing that two versions share and the chain has to make twice, so it is not
    posited."""
    hedge = "Klaim tersebut belum diverifikasi oleh pihak Kremlin."
    second = _replace(base[:12] + [hedge] + base[12:], "13.500", "15.000")
    third = [s for k, s in enumerate(second) if k != 3]
    third = [s.replace("Kremlin", "Moskow") if s == hedge else s for s in third]
    items = [
        TraceItem("first", _at(0), "a", base),
        TraceItem("second", _at(3), "b", second),
        TraceItem("third", _at(5), "c", third),
        TraceItem("fourth", _at(8), "d", _replace(third, "pemain", "pasukan")),
    ]
    result = trace_group(items, group_id="g")
    assert result.origin == "first"
    assert _parents(result) == {"first": None, "second": "first", "third": "second", "fourth": "third"}
    assert not any(alternative.startswith(UNKNOWN_PREFIX) for alternative, _ in result.alternatives)


@pytest.mark.parametrize("shared", ["number", "sentence"])
def test_siblings_sharing_what_no_present_version_has_copy_an_absent_source(base: list[str], shared: str) -> None:
    """Minutes apart: the first version changes a number; the two later ones each reword a
    word of their own and share what the first lacks (the old number, and a hedge sentence).
    Neither later one copied the other, and the first cannot have passed on what it lacks,
    so the shared text came from a source none of them is."""
    first = _replace(base, "13.500", "14.000")
    common = base if shared == "number" else base[:12] + ["Klaim tersebut belum diverifikasi oleh pihak Kremlin."]
    common = common + base[12:] if shared == "sentence" else common
    items = [
        TraceItem("first", _at(0), "a", first),
        TraceItem("second", _at(2), "b", _replace(common, "pemain", "pasukan")),
        TraceItem("third", _at(4), "c", _replace(common, "Kim dengan cepat", "Kim segera")),
    ]
    result = trace_group(items, group_id="g")
    assert result.origin == UNKNOWN_PREFIX + "g"
    assert set(_parents(result).values()) == {UNKNOWN_PREFIX + "g"}
    assert result.first_known == "first"


def test_two_versions_each_with_a_lead_of_its_own_copy_an_absent_source(base: list[str]) -> None:
    """Two versions minutes apart, each opening with a lead of its own over the same body: the
    later one lacks the earlier one's lead, and copies keep the top of what they copy, so
    neither copied the other; the body came from a source neither is."""
    items = [
        TraceItem("first", _at(0), "a", ["Kabar mengejutkan datang dari Pyongyang pada awal pekan ini."] + base),
        TraceItem(
            "second",
            _at(6),
            "b",
            ["Hubungan Moskow dan Pyongyang kembali menjadi sorotan dunia internasional."]
            + _replace(base, "pemain", "pasukan"),
        ),
    ]
    result = trace_group(items, group_id="g")
    assert _parents(result) == {"first": UNKNOWN_PREFIX + "g", "second": UNKNOWN_PREFIX + "g"}
    # With the later one keeping the earlier one's lead, it copied that one.
    items[1] = TraceItem("second", _at(6), "b", _replace(items[0].sentences, "pemain", "pasukan"))
    assert _parents(trace_group(items, group_id="g")) == {"first": None, "second": "first"}


def test_a_credited_absent_outlet_is_the_common_source(base: list[str]) -> None:
    """The same versions, each crediting Antara, which is not in the group: the credited
    source exists, so the earliest version, though verbatim, is one of its copies."""
    versions = [
        ("a", base),
        ("b", _replace(base, "13.500", "15.000")),
        ("c", _replace(base, "pemain", "pasukan")),
        ("d", base[:-2]),
    ]
    items = [
        TraceItem(
            f"v-{outlet}",
            _at(3 * k),
            f"{outlet}.com",
            sentences,
            cited=("Antara",),
            credited=("Antara",) if k % 2 == 0 else (),
        )
        for k, (outlet, sentences) in enumerate(versions)
    ]
    result = trace_group(items, group_id="wire")
    assert set(_parents(result).values()) == {UNKNOWN_PREFIX + "wire"}
    assert result.first_known == "v-a"
    # Credited by an outlet in the group (Antara's own site), nothing is absent.
    present = [TraceItem("v-antara", _at(-1), "antaranews.com", base)] + items
    assert trace_group(present, group_id="wire").origin == "v-antara"


def test_exact_copies_hang_from_the_earliest(base: list[str]) -> None:
    items = [TraceItem("late", _at(30), None, list(base)), TraceItem("early", _at(0), None, base)]
    result = trace_group(items)
    assert result.origin == "early" and _parents(result)["late"] == "early"


def test_seed_copies_derive_from_kontan() -> None:
    items = [
        TraceItem("000", T0, "kontan.co.id", _body("000")),
        TraceItem("002", None, "intisari", _body("002")),
        TraceItem("004", None, "tribunpalu", _body("004")),
    ]
    result = trace_group(items)
    assert result.origin == "000"
    assert _parents(result) == {"000": None, "002": "000", "004": "000"}
    _assert_confidences(result)


def test_small_and_bad_inputs(base: list[str]) -> None:
    assert trace_group([]) == TraceResult()
    single = trace_group([TraceItem("only", None, None, base)])
    assert single.origin == "only" and _parents(single) == {"only": None}
    with pytest.raises(ValueError, match="distinct"):
        trace_group([TraceItem("x", None, None, base), TraceItem("x", None, None, base)])
    with pytest.raises(ValueError, match="temperature"):
        TraceConfig(temperature=0)


def test_a_copys_dateline_day_does_not_make_it_the_origin(base: list[str]) -> None:
    # The copy carries the source's dateline of the day before (the day the report was filed),
    # and that is the only date it has: it says "not before that day", not "published then".
    eve = datetime(2022, 3, 20, tzinfo=WIB)
    items = [
        TraceItem("orig", _at(0), "kontan", base),
        TraceItem("copy", eve, "a", _replace(base, "13.500", "15.000"), "day", "dateline"),
        TraceItem("later", _at(120), "b", base[:-2]),
    ]
    result = trace_group(items)
    assert result.origin == "orig" and result.earliest == "orig"
    assert _parents(result)["copy"] == "orig"
    # The same day read from the page's own header is a publication day: it comes first.
    dated = [items[0], TraceItem("copy", eve, "a", items[1].sentences, "day", "page"), items[2]]
    assert trace_group(dated).earliest == "copy"


def test_stated_confidence_is_calibrated_monotone(base: list[str]) -> None:
    from newstrace.confidence import calibrate, calibration

    maps = calibration()
    assert set(maps) == {"parent", "origin"}
    for kind, (knots, values) in maps.items():
        assert knots == sorted(knots) and values == sorted(values), kind
        assert all(0.0 <= v <= 1.0 for v in values)
        stated = [calibrate(kind, p / 20) for p in range(21)]
        assert stated == sorted(stated)
    # A traced group states calibrated figures: the origin's alternatives share what is left.
    items = [TraceItem("orig", None, "kontan", base), TraceItem("copy", None, "a", _replace(base, "13.500", "15.000"))]
    result = trace_group(items)
    assert result.origin_confidence + sum(p for _, p in result.alternatives) <= 1.0 + 1e-6


def test_a_same_day_cut_copy_is_not_the_origin_because_a_fuller_version_carries_it(base: list[str]) -> None:
    """Two copies dated by their day only: one rewords a sentence, the other cuts two sentences
    and rewords another. The original, published at a minute of that day, carries all of the cut
    copy's text plus more; that fits the cut copy having cut it as well as the reverse, so the
    day-dated copy is not shown first and the original stays the origin."""
    day = datetime(T0.year, T0.month, T0.day, tzinfo=WIB)
    cut = _replace(base[:5] + base[6:10] + base[11:], "marah besar", "sangat marah")
    items = [
        TraceItem("reworded", day, "a", _replace(base, "13.500", "15.000"), "day", "record"),
        TraceItem("orig", _at(6 * 60), "b", base),
        TraceItem("cut", day, "c", cut, "day", "record"),
    ]
    result = trace_group(items)
    assert result.origin == "orig"
    assert _parents(result) == {"orig": None, "reworded": "orig", "cut": "orig"}
