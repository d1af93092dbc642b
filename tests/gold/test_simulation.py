"""The adversarial simulator plants what it claims, on the bundled sample."""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from adversarial_plant import MODES, UNKNOWN, Planted, record_change  # noqa: E402
from adversarial_score import _plain_time, baseline, reliability  # noqa: E402
from simulate_adversarial import build, load  # noqa: E402

from newstrace.clean.dates import parse_date  # noqa: E402
from tests.gold.gate import SAMPLE  # noqa: E402


@pytest.fixture(scope="module")
def planted():
    return build(load(SAMPLE, "all"), 40, 60, "report", random.Random(3))


def test_fit_and_report_parts_share_no_day_and_no_outlet() -> None:
    fit, report = load(SAMPLE, "fit"), load(SAMPLE, "report")
    assert fit and report
    assert not {s.published.date() for s in fit} & {s.published.date() for s in report}
    assert not {s.outlet for s in fit} & {s.outlet for s in report}


def test_every_mode_is_planted_and_copies_follow_their_parents(planted) -> None:
    scenarios, noise = planted
    assert {s.mode for s in scenarios} == set(MODES)
    by_id = {d.id: d for s in scenarios for d in s.docs}
    for scenario in scenarios:
        for doc in scenario.docs:
            if doc.parent not in (None, UNKNOWN):
                assert by_id[doc.parent].instant < doc.instant
                assert doc.group == by_id[doc.parent].group
    assert len({d.id for d in by_id.values()} | {d.id for d in noise}) == len(by_id) + len(noise)


def test_written_times_carry_each_mode_s_trap(planted) -> None:
    scenarios, _ = planted
    records = {s.mode: [d for d in s.docs] for s in scenarios}
    event = [d for d in records["event_day"] if d.published is None and d.prefix]
    assert event and all(re.search(r"\(\d{1,2}/9/2019\)", d.record()["text"]) for d in event)
    assert any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.published or "") for d in records["date_only"])
    zoned = [d for s in scenarios if s.mode == "zone_offsets" for d in s.docs if d.role == "root"]
    for doc in zoned:  # the written local time, read with its zone, is the true instant
        assert parse_date(doc.published) == doc.instant
        assert doc.published[11:13] != doc.instant.strftime("%H") or "+00:00" in doc.published


def test_borrowers_reuse_a_few_sentences_and_round_ups_several_reports(planted) -> None:
    scenarios, _ = planted
    by_id = {d.id: d for s in scenarios for d in s.docs}
    pairs = [pair for s in scenarios for pair in s.borrowings]
    assert any(by_id[b].role == "aggregator" for b, _ in pairs)
    for borrower, lender in pairs:
        shared = set(by_id[borrower].sentences) & set(by_id[lender].sentences)
        assert by_id[borrower].group != by_id[lender].group
        if by_id[borrower].role != "aggregator":
            recap = [s for s in by_id[borrower].sentences if s.startswith("Diberitakan sebelumnya, ")]
            assert len(recap) == 1 and len(shared) <= 2
    pages = Counter(b for b, _ in pairs if by_id[b].role == "aggregator")
    assert all(len({by_id[lender].group for b, lender in pairs if b == page}) >= 2 for page in pages)


def test_every_planted_change_shows_between_parent_and_copy(planted) -> None:
    scenarios, _ = planted
    by_id = {d.id: d for s in scenarios for d in s.docs}
    kinds: Counter[str] = Counter()
    for scenario in scenarios:
        for plant in scenario.planted:
            parent, child = by_id[plant.parent].sentences, by_id[plant.child].sentences
            kinds[plant.kind] += 1
            if plant.kind != "added":  # what was removed or reworded was in the parent ...
                assert plant.old in parent and plant.old not in child
            if plant.kind != "removed":  # ... and what was added or reworded is in the copy
                assert plant.new in child and plant.new not in parent
    assert min(kinds[k] for k in ("added", "removed", "reworded")) > 10


def test_an_edit_of_an_edited_sentence_is_one_change() -> None:
    planted: list[Planted] = []
    record_change(planted, Planted("p", "c", "reworded", "wording", "Harga naik lima persen.", "Harga naik 5 persen."))
    record_change(planted, Planted("p", "c", "reworded", "number", "Harga naik 5 persen.", "Harga naik 7 persen."))
    record_change(planted, Planted("p", "c", "added", None, None, "Kalimat tambahan."))
    assert [(p.kind, p.tag, p.old, p.new) for p in planted] == [
        ("reworded", "number", "Harga naik lima persen.", "Harga naik 7 persen."),
        ("added", None, None, "Kalimat tambahan."),
    ]
    record_change(planted, Planted("p", "c", "removed", "truncation", "Kalimat tambahan.", None))
    record_change(planted, Planted("p", "c", "removed", "truncation", "Harga naik 7 persen.", None))
    assert [(p.kind, p.tag, p.old, p.new) for p in planted] == [
        ("removed", "truncation", "Harga naik lima persen.", None)
    ]


def test_plain_baseline_groups_plain_copies_and_names_the_earliest_dated(planted) -> None:
    scenarios, noise = planted
    plain = [s for s in scenarios if s.mode == "plain"]
    docs = [d for s in plain for d in s.docs] + noise[:10]
    prediction = baseline([d.record() for d in docs])
    for scenario in plain:
        root = scenario.docs[0]
        assert {prediction.group[d.id] for d in scenario.docs} == {prediction.group[root.id]}
        # A plain script reads ISO times only; the earliest of those is its origin.
        dated = [d for d in scenario.docs if _plain_time(d.published) is not None]
        if dated:
            assert prediction.origin[root.id] == min(dated, key=lambda d: d.instant).id


def test_reliability_of_stated_probabilities() -> None:
    rng = random.Random(1)
    stated = [rng.random() for _ in range(4000)]
    calibrated = [(p, rng.random() < p) for p in stated]
    overconfident = [(min(1.0, p + 0.3), ok) for p, ok in calibrated]
    assert reliability(calibrated)[1] < 0.03
    assert reliability(overconfident)[1] > 0.2
    rows, _ = reliability(calibrated)
    assert sum(row[3] for row in rows) == 4000


def test_datetimes_are_aware() -> None:
    assert all(isinstance(s.published, datetime) and s.published.tzinfo for s in load(SAMPLE, "all")[:20])
