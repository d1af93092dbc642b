"""Shared passages: runs of sentences two texts share, tolerant of new leads, reordered blocks,
word edits and merged sentences, and cheap enough to run on every candidate pair."""

from __future__ import annotations

import statistics
import time

import pytest

from newstrace.algo.passages import PassageMatch, prepare, sentence_similarity, shared_passages, tokenize
from tests.conftest import OTHER, STORY, seed_docs


def test_identical_texts_share_everything_in_one_run() -> None:
    match = shared_passages(STORY, STORY)
    assert match.shared_a == pytest.approx(1.0) and match.shared_b == pytest.approx(1.0)
    assert match.matched == len(STORY) and match.longest_run == len(STORY)
    assert len(match.passages) == 1
    passage = match.passages[0]
    assert (passage.a_start, passage.a_end, passage.b_start, passage.b_end) == (0, 6, 0, 6)


def test_new_lead_and_appended_text_are_tolerated() -> None:
    reworked = ["Rusia dikabarkan kehilangan dukungan sekutu terdekatnya di Asia.", *STORY, *OTHER]
    match = shared_passages(STORY, reworked)
    assert match.shared_a == pytest.approx(1.0)
    assert match.shared_b < 0.8
    assert match.longest_run == len(STORY)
    assert match.passages[0].b_start == 1
    assert match.first_a == 0 and match.first_b == 1


def test_reordered_blocks_become_separate_passages() -> None:
    reordered = STORY[3:] + STORY[:3]
    match = shared_passages(STORY, reordered)
    assert match.shared_a == pytest.approx(1.0)
    assert sorted((p.a_start, p.a_end) for p in match.passages) == [(0, 3), (3, 6)]


def test_word_edits_and_embellishments_still_match() -> None:
    edited = [
        STORY[0].replace("dilaporkan", "dikabarkan"),
        STORY[1],
        STORY[2].replace("pemain", "pasukan"),
        STORY[3].replace("bersama", "yang punya jaringan kuat ke Pyongyang, bersama"),
    ]
    match = shared_passages(STORY[:4], edited)
    assert match.matched == 4 and match.longest_run == 4
    assert all(p.similarity > 0.85 for p in match.passages)
    assert 0.9 < match.shared_a <= 1.0


def test_merged_sentences_match_both_parts() -> None:
    merged = [STORY[3].rstrip(".") + ", dan " + STORY[4][0].lower() + STORY[4][1:]]
    match = shared_passages(STORY[3:5], merged)
    assert {(p.a, p.b) for p in match.pairs} == {(0, 0), (1, 0)}
    assert match.shared_b > 0.9


def test_unrelated_and_short_sentences_do_not_match() -> None:
    assert shared_passages(STORY, OTHER).passages == []
    short = ["Hal itu dikatakannya.", "Tetapi China membantah."]
    assert shared_passages(short, short).matched == 0
    empty = shared_passages([], STORY)
    assert isinstance(empty, PassageMatch) and empty.shared_a == 0.0


def test_shared_names_alone_do_not_make_a_match() -> None:
    lookalike = [
        (
            "Presiden Rusia Vladimir Putin bertemu Pemimpin Korea Utara Kim Jong Un di Vladivostok "
            "untuk membahas kerja sama ekonomi kedua negara."
        )
    ]
    assert shared_passages(STORY[:1], lookalike).matched == 0


def test_sentence_similarity_and_tokenize() -> None:
    assert sentence_similarity(STORY[2], STORY[2].replace("pemain", "pasukan")) > 0.9
    assert sentence_similarity(STORY[2], OTHER[1]) < 0.3
    assert tokenize("Rusia kehilangan 13.500 tentara, kata “Mirror”.") == [
        "rusia",
        "kehilangan",
        "13500",
        "tentara",
        "kata",
        "mirror",
    ]


def test_forty_by_forty_sentences_cost_well_under_a_millisecond() -> None:
    docs = seed_docs()
    a = prepare((list(docs["002"].sentences) * 2)[:40])
    b = prepare((list(docs["004"].sentences) * 3)[:40])
    shared_passages(a, b)  # warm up
    timings = []
    for _ in range(30):
        start = time.perf_counter()
        shared_passages(a, b)
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.001
