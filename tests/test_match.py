"""Relation stage: shared passages, pair features, calibrated classification, TF-IDF index, and
borrowings (partial reuse) told from copies."""

from __future__ import annotations

import itertools
import json
import math
import re
import statistics
import time
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path

import pytest

from newstrace.algo.passages import (
    PassageMatch,
    prepare,
    sentence_similarity,
    shared_passages,
    tokenize,
)
from newstrace.background import BACKGROUND_PATH, Background, default_background
from newstrace.match import TfidfIndex, classify, compare, default_thresholds, relate
from newstrace.match_doc import MatchDoc
from newstrace.match_features import PairFeatures, pair_features
from newstrace.match_mentions import extract_entities, extract_event_dates, extract_numbers
from newstrace.match_models import COPY_MIN_COVERAGE, Thresholds

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "newstrace" / "sample"
SEEDS = SAMPLE / "seeds"
WIB = timezone(timedelta(hours=7))

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”']?\s+(?=[\"“'(]?[A-Z0-9])")


def _regex_sentences(text: str) -> list[str]:
    """Stand-in splitter: lines, then sentence ends, dropping "Baca juga" lines."""
    sentences: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.lower().startswith("baca juga"):
            sentences.extend(s.strip() for s in _SENTENCE_END.split(line) if s.strip())
    return sentences


def _clean_seed(text: str) -> tuple[str | None, list[str], datetime | None]:
    """Title, sentences and a trustworthy time for one seed page."""
    try:
        from newstrace.clean import clean_page, split_sentences
    except ImportError:
        return None, _regex_sentences(text), None
    cleaned = clean_page(text)
    # A date found only in the body is often a cited source's date ("dilansir Express UK,
    # Selasa 15 Maret 2022"), not the page's own: leave such pages undated.
    published = cleaned.published if cleaned.published_from != "body" else None
    return cleaned.title, split_sentences(cleaned.text), published


def _seed_sentences(prefix: str) -> list[str]:
    return _clean_seed(next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8"))[1]


@cache
def seed_docs() -> dict[str, MatchDoc]:
    docs: dict[str, MatchDoc] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        title, sentences, published = _clean_seed(path.read_text(encoding="utf-8"))
        key = path.name[:3]
        docs[key] = MatchDoc.build(key, title, sentences, published=published)
    return docs


@cache
def seed_index() -> TfidfIndex:
    """Seeds plus the bundled sample corpus, so that word weights come from real news."""
    background: list[MatchDoc] = []
    with (SAMPLE / "clickid-sample.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            background.append(MatchDoc.build(record["id"], record["title"], _regex_sentences(record["text"])))
    return TfidfIndex.from_docs([*seed_docs().values(), *background])


def seed_relation(a: str, b: str) -> tuple[str | None, PairFeatures]:
    docs = seed_docs()
    features = pair_features(docs[a], docs[b], index=seed_index())
    return classify(features)[0], features


# --- seeds ------------------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b"), [("000", "002"), ("000", "004"), ("002", "004")])
def test_seed_copies_are_copies_with_passages(a: str, b: str) -> None:
    kind, features = seed_relation(a, b)
    assert kind == "copy"
    assert features.passages
    assert features.longest_run >= 8
    assert max(features.shared_a, features.shared_b) > 0.5


def test_seed_copy_passage_holds_the_shared_sentences() -> None:
    _, features = seed_relation("000", "004")
    shared = " ".join(p.text for p in features.passages)
    for phrase in ("Kherson", "13.500 tentara", "The Express melaporkan", "Tetapi China"):
        assert phrase in shared
    # The changed sentences still align: "pemain" -> "pasukan", the added embellishment.
    docs = seed_docs()
    changed = [docs["004"].sentences[p.b_start : p.b_end] for p in features.passages]
    assert any("para pasukan bertahan" in s for run in changed for s in run)


def test_seed_paraphrase_is_same_story_not_copy() -> None:
    pytest.importorskip("newstrace.clean", reason="raw seed 000 keeps its page chrome")
    kind, features = seed_relation("001", "000")
    assert kind == "same_story"
    assert max(features.shared_a, features.shared_b) < 0.3


def test_seed_later_event_is_related_not_same_story() -> None:
    for other in ("000", "001", "004"):
        kind, _ = seed_relation("003", other)
        assert kind == "related", other


def test_seed_pairs_get_the_same_answer_alone_and_beside_the_sample() -> None:
    docs = seed_docs()
    alone = TfidfIndex.from_docs(list(docs.values()))
    for a, b in itertools.combinations(sorted(docs), 2):
        by_itself = pair_features(docs[a], docs[b], index=alone)
        in_sample = pair_features(docs[a], docs[b], index=seed_index())
        assert classify(by_itself)[0] == classify(in_sample)[0], (a, b)
        # The background keeps word weights, hence cosines, nearly where a larger store puts them.
        assert by_itself.tfidf_cosine == pytest.approx(in_sample.tfidf_cosine, abs=0.03), (a, b)


def test_without_background_a_small_store_weighs_its_own_topic_as_common() -> None:
    docs = list(seed_docs().values())
    plain = TfidfIndex.from_docs(docs, background=Background.empty())
    blended = TfidfIndex.from_docs(docs)
    # "putin" is in most seed pages: alone they would call it a stop word.
    assert plain.word_weight("putin") == 0.0 < blended.word_weight("putin")
    assert blended.word_weight("yang") == 0.0  # still common in the reference corpus


def test_shipped_background_is_small_and_attributed() -> None:
    background = default_background()
    assert BACKGROUND_PATH.stat().st_size < 1_000_000
    assert background.n_docs >= 5000 and len(background.df) > 10_000
    assert "CC BY 4.0" in background.source and "CLICK-ID" in background.source
    assert background.df["jakarta"] > background.df.get("pyongyang", 0)


def test_relate_returns_a_relation_with_shares() -> None:
    docs = seed_docs()
    relation = relate(docs["000"], docs["004"], index=seed_index())
    assert relation is not None
    assert (relation.a, relation.b, relation.kind) == ("000", "004", "copy")
    assert 0.5 < relation.shared_a <= 1.0
    assert relation.passages and relation.score > 0.5


# --- shared passages --------------------------------------------------------------------

STORY = [
    (
        "Pemimpin Korea Utara Kim Jong Un dilaporkan menolak permintaan Presiden Rusia Vladimir "
        "Putin terkait bantuan militer di Ukraina."
    ),
    ("Rusia mengklaim telah mengamankan seluruh Oblast Kherson setelah merebut kota itu dua minggu lalu."),
    ("Namun para pemain bertahan Ukraina tetap menantang dan terus mencetak kemenangan taktis di lapangan."),
    (
        "Laporan yang muncul menunjukkan Rusia telah kehilangan hingga 13.500 tentara dalam "
        "konflik bersama sejumlah aset perangkat keras."
    ),
    ("The Express melaporkan situasi tersebut telah memaksa Moskow menjangkau teman-temannya di luar negeri."),
    ("Dikabarkan Rusia diduga meminta bantuan keuangan dan militer China dalam perang yang sedang berlangsung."),
]
OTHER = [
    "Harga emas Antam hari ini naik seribu rupiah menjadi Rp752.000 per gram di Pulogadung.",
    "Persib Bandung menyiapkan tiga pemain baru untuk menghadapi laga tandang pekan depan.",
]


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


# --- features and classification --------------------------------------------------------


def test_extractors_find_names_numbers_and_event_dates() -> None:
    entities = extract_entities(["Menurut Kepala Bea Cukai Makassar, Ade Irawan, tim KPK datang Selasa (10/9/2019)."])
    assert {"kepala bea cukai makassar", "ade irawan", "kpk"} <= entities
    assert "menurut" not in entities
    numbers = extract_numbers(["Harga naik Rp752.000 per gram, 23 persen, pada 2019 dan 10/9."])
    assert {"752000", "23", "10/9"} <= numbers and "2019" not in numbers
    assert extract_event_dates("Jakarta, Selasa (10/9/2019) dan 11 September 2019") == {
        "10/9",
        "11/9",
    }
    assert extract_event_dates("skor 3/4 dalam laga") == frozenset()


def test_thresholds_round_trip_through_json() -> None:
    thresholds = default_thresholds()
    again = Thresholds.from_json(json.loads(json.dumps(thresholds.to_json())))
    assert again == thresholds
    assert thresholds.info.get("pairs") == 301  # calibrated on the dev labels


def test_dissimilar_pair_is_unrelated_and_missing_time_is_neutral() -> None:
    first = MatchDoc.build("x", "Harga emas Antam naik", OTHER[:1])
    second = MatchDoc.build("y", "Persib siapkan pemain baru", OTHER[1:])
    kind, score = classify(pair_features(first, second))
    assert kind is None and 0.0 <= score < 0.5
    features = pair_features(first, first)
    assert math.isnan(features.hours_apart)
    assert classify(features)[0] == "copy"


# --- TF-IDF index -----------------------------------------------------------------------


def _dated(day: int, hour: int = 8) -> datetime:
    return datetime(2019, 9, day, hour, tzinfo=WIB)


def _index_docs() -> list[MatchDoc]:
    return [
        MatchDoc.build("a", "Harga emas Antam naik", [OTHER[0]], published=_dated(10)),
        MatchDoc.build(
            "b",
            "Emas Antam naik seribu rupiah",
            ["Harga emas batangan Antam naik seribu rupiah menjadi Rp752.000 per gram hari ini."],
            published=_dated(10, 11),
        ),
        MatchDoc.build(
            "c",
            "Emas Antam naik lagi",
            ["Harga emas Antam naik lagi seribu rupiah per gram menurut laman Logam Mulia."],
            published=_dated(14, 20),
        ),
        MatchDoc.build("d", "Persib siapkan pemain baru", [OTHER[1]], published=_dated(10)),
        MatchDoc.build(
            "e",
            "Harga emas Antam naik",
            ["Pembeli ramai datang ke butik Logam Mulia Pulogadung pagi ini."],
            published=_dated(11),
        ),
        MatchDoc.build("f", "Kim Jong Un tolak Putin", STORY[:2], published=None),
    ]


def test_tfidf_cosine_is_symmetric_and_unit() -> None:
    index = TfidfIndex.from_docs(_index_docs())
    assert index.cosine(0, 0) == pytest.approx(1.0)
    assert index.cosine(0, 1) == pytest.approx(index.cosine(1, 0))
    assert index.cosine(0, 1) > index.cosine(0, 3)
    assert index.cosine(0, 4, "title") == pytest.approx(1.0)
    assert index.rows["c"] == 2 and set(index.view_names) == {"body", "title", "lead", "opener"}


def test_neighbours_rank_by_cosine_within_the_time_window() -> None:
    index = TfidfIndex.from_docs(_index_docs())
    found = [j for j, _ in index.neighbours(0, k=1, within_hours=72, also_by=())]
    assert found == [1]
    window = {j for j, _ in index.neighbours(0, k=5, within_hours=72, also_by=())}
    assert 2 not in window  # four days later
    assert 5 in window or index.cosine(0, 5) == 0.0  # undated articles are never excluded
    wide = {j for j, _ in index.neighbours(0, k=5, within_hours=None, also_by=())}
    assert 2 in wide
    cosines = [c for _, c in index.neighbours(0, k=5, within_hours=None)]
    assert cosines == sorted(cosines, reverse=True)


def test_neighbours_also_bring_articles_with_a_similar_title() -> None:
    index = TfidfIndex.from_docs(_index_docs())
    by_body = {j for j, _ in index.neighbours(0, k=1, also_by=())}
    by_title = {j for j, _ in index.neighbours(0, k=1, also_by=("title",))}
    assert 4 not in by_body and 4 in by_title


def test_all_neighbours_matches_single_queries() -> None:
    index = TfidfIndex.from_docs(_index_docs())
    batched = dict(index.all_neighbours(k=2, within_hours=72, batch=2))
    for i in range(len(index)):
        assert batched[i] == index.neighbours(i, k=2, within_hours=72)


def test_neighbours_past_the_sure_cosine_join_beyond_the_top_k() -> None:
    index = TfidfIndex.from_docs(_index_docs())
    top = {j for j, _ in index.neighbours(0, k=1, within_hours=None, also_by=())}
    cosines = {j: index.cosine(0, j) for j in range(1, len(index))}
    cut = sorted(cosines.values(), reverse=True)[1]  # the second best passes
    sure = {j for j, _ in index.neighbours(0, k=1, within_hours=None, also_by=(), sure_cosine=cut)}
    assert top < sure and sure == top | {j for j, c in cosines.items() if c >= cut}
    window = {j for j, _ in index.neighbours(0, k=1, within_hours=72, also_by=(), sure_cosine=0.0)}
    assert 2 not in window  # the window still holds


# --- borrowings: a few shared sentences are no copy -------------------------------------


def test_intisari_is_a_copy_by_coverage_of_the_shorter_text() -> None:
    kontan, intisari = (MatchDoc.build(n, None, _seed_sentences(n)) for n in ("000", "002"))
    features = pair_features(kontan, intisari)
    # The appended background halves Intisari's own share; kontan's text is nearly all there.
    assert features.coverage >= features.shared_a  # kontan is the shorter text
    assert features.coverage > 0.8 > COPY_MIN_COVERAGE
    assert features.shared_b < 0.6
    found = compare(kontan, intisari)
    assert found.relation is not None and found.relation.kind == "copy" and found.borrowing is None


def test_borrower_is_the_later_article_and_share_is_of_its_text() -> None:
    kontan = _seed_sentences("000")
    recap_sentences = _seed_sentences("003")[:6] + kontan[:2]
    a = MatchDoc.build("early", None, kontan, published=datetime.fromisoformat("2022-03-21T05:40:00+07:00"))
    b = MatchDoc.build("late", None, recap_sentences, published=datetime.fromisoformat("2022-03-22T05:40:00+07:00"))
    for first, second in ((a, b), (b, a)):
        found = compare(first, second)
        assert found.relation is None or found.relation.kind != "copy"
        assert found.borrowing is not None
        assert (found.borrowing.borrower, found.borrowing.source) == ("late", "early")
        passage = found.borrowing.passages[0]
        assert (passage.a_start, passage.a_end, passage.b_start, passage.b_end) == (6, 8, 0, 2)
        assert "Kim Jong Un" in passage.text
        words = [len(s.split()) for s in recap_sentences]
        assert found.borrowing.share == pytest.approx(sum(words[6:]) / sum(words), abs=0.05)
