"""Edit costs between versions of one text: what each kind of difference costs along an edge."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from newstrace.trace import TraceItem
from newstrace.trace_slots import DEFAULT_CONFIG, edge_score, slot_states

WIB = timezone(timedelta(hours=7))
T0 = datetime(2019, 9, 10, 9, 0, tzinfo=WIB)
BODY = [
    "Kebakaran hutan dan lahan di Riau meluas hingga 1.200 hektare pada pekan ini.",
    "Petugas gabungan masih berusaha memadamkan titik api di Kabupaten Pelalawan.",
    "Asap tebal membuat sekolah di Pekanbaru meliburkan murid selama tiga hari.",
    "Gubernur meminta warga mengurangi aktivitas di luar rumah sampai udara membaik.",
    "Polisi menangkap dua orang yang diduga membakar lahan untuk membuka kebun.",
]


def _item(name: str, minutes: int, sentences: list[str]) -> TraceItem:
    return TraceItem(name, T0 + timedelta(minutes=minutes), name, sentences)


def _edge(items: list[TraceItem], parent: int, child: int, **costs: float) -> float:
    config = replace(DEFAULT_CONFIG, **costs)
    slots = slot_states(items, config)
    return edge_score(slots, [slot[parent] for slot in slots.states], parent, child, config)


def test_a_sentence_worded_differently_elsewhere_is_no_fresh_addition() -> None:
    """A copy that adds a lead which another version words differently reworded that lead; from
    a version without it, that is an addition and an edit. A lead nobody else has is only an
    addition."""
    lead = "Kabar terbaru datang terkait kebakaran hutan dan lahan di Riau yang terus meluas."
    reworded = "Simak kabar terbaru terkait kebakaran hutan dan lahan di Riau yang terus meluas."
    fresh = "Warga Pekanbaru mengeluhkan sesak napas sejak akhir pekan lalu akibat kabut asap."
    costs = {"own_addition": 0.5, "own_edit": 1.0}
    items = [_item("orig", 0, BODY), _item("lead", 30, [lead] + BODY), _item("copy", 60, [reworded] + BODY)]
    assert _edge(items, 0, 2, **costs) == -1.5
    assert _edge(items, 1, 2, **costs) == -1.0
    alone = [_item("orig", 0, BODY), _item("other", 30, BODY[:-1]), _item("copy", 60, [fresh] + BODY)]
    assert _edge(alone, 0, 2, **costs) == -0.5


def test_a_rewording_costs_more_the_more_words_it_changes() -> None:
    """The copy's sentence is one word from the intermediate version's and three from the
    original's: with a cost per further word, the closer wording is the cheaper parent."""
    first = BODY[:]
    first[2] = BODY[2].replace("tebal", "pekat")
    second = first[:]
    second[2] = first[2].replace("tiga", "empat").replace("murid", "siswa")
    items = [_item("orig", 0, BODY), _item("first", 30, first), _item("second", 60, second)]
    flat = {"own_edit": 1.0, "reword_per_word": 0.0}
    assert _edge(items, 0, 2, **flat) == _edge(items, 1, 2, **flat) == -1.0
    graded = {"own_edit": 1.0, "reword_per_word": 0.25}
    assert _edge(items, 0, 2, **graded) == -1.5  # three words: two beyond the first
    assert _edge(items, 1, 2, **graded) == -1.25  # two words: one beyond the first


def test_a_day_and_a_minute_of_it_do_not_say_who_wrote_a_shared_sentence_first() -> None:
    """The original is dated by its day only, a copy by a minute of that day: times cannot
    order them, and each strays as far from the rest, so neither counts as having inherited
    the sentences they share."""
    own = "Kepala BPBD Riau menyebut operasi pemadaman akan berlangsung hingga akhir bulan."
    added = "Sebelumnya, hujan buatan sempat dicoba namun tidak banyak membantu pemadaman."
    original = TraceItem("orig", datetime(2019, 9, 10, tzinfo=WIB), "kompas.com", BODY + [own], "day", "url")
    items = [
        original,
        _item("copy", 9 * 60, BODY + [added]),
        _item("later", 12 * 60, BODY[:-1]),
    ]
    slots = slot_states(items, DEFAULT_CONFIG)
    shared = next(s for s, slot in enumerate(slots.states) if slot[0] is not None and slot[0] == slot[1] == slot[2])
    assert slots.inherited[shared][:2] == [False, False]
    assert slots.inherited[shared][2]  # the later version took it from one of them
