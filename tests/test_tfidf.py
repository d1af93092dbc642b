"""The TF-IDF index: word weights blended with the shipped background, cosines and neighbours in
a time window on a few small articles, and the search at scale: blocks scored only within their
time window, and the search pruned to rare words past ``exact_up_to``, checked against brute force
on the bundled sample."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta, timezone
from functools import cache

import numpy as np
import pytest

from newstrace.background import Background
from newstrace.clean.segment import split_sentences
from newstrace.match_doc import MatchDoc
from newstrace.tfidf import TfidfIndex

from .conftest import CLICKID_SAMPLE, OTHER, STORY, seed_docs

WINDOW = 72.0
K = 5
WIB = timezone(timedelta(hours=7))


@cache
def _index() -> TfidfIndex:
    """The sample spread over three months (every 25th undated), so that windows bite."""
    return TfidfIndex.from_docs(_sample_docs())


@cache
def _sample_docs() -> tuple[MatchDoc, ...]:
    records = [json.loads(line) for line in CLICKID_SAMPLE.read_text(encoding="utf-8").splitlines()]
    start = datetime(2019, 7, 1, tzinfo=UTC)
    return tuple(
        MatchDoc.build(
            r["id"],
            r["title"],
            split_sentences(r["text"]),
            published=None if i % 25 == 0 else start + timedelta(hours=7 * i),
        )
        for i, r in enumerate(records)
    )


def _brute_force(index: TfidfIndex, i: int, scores: np.ndarray, min_cosine: float) -> list[float]:
    """The ``K`` best body cosines of article ``i`` in its window, from the full score matrix."""
    allowed = scores >= min_cosine
    allowed[i] = False
    if not math.isnan(index.hours[i]):
        allowed &= ~(np.abs(index.hours - index.hours[i]) > WINDOW)
    return sorted(scores[allowed], reverse=True)[:K]


def test_windowed_blocks_find_the_brute_force_neighbours() -> None:
    index = _index()
    body = index.matrices["body"]
    everything = (body @ body.T).toarray()
    found = dict(index.all_neighbours(K, WINDOW, min_cosine=0.05, also_by=(), batch=16, exact_up_to=None))
    assert set(found) == set(range(len(index)))
    for i, neighbours in found.items():
        expected = _brute_force(index, i, everything[i], 0.05)
        assert [c for _, c in neighbours] == pytest.approx(expected)
        for j, cosine in neighbours:
            assert cosine == pytest.approx(everything[i, j])
            assert (
                math.isnan(index.hours[i])
                or math.isnan(index.hours[j])
                or abs(index.hours[i] - index.hours[j]) <= WINDOW
            )


def test_pruned_search_scores_exactly_and_misses_almost_nothing() -> None:
    index = _index()
    body = index.matrices["body"]
    everything = (body @ body.T).toarray()
    exact = dict(index.all_neighbours(K, WINDOW, min_cosine=0.1, batch=16, exact_up_to=None))
    pruned = dict(index.all_neighbours(K, WINDOW, min_cosine=0.1, batch=16, exact_up_to=0))
    assert set(pruned) == set(exact)
    same = 0
    for i, neighbours in pruned.items():
        for j, cosine in neighbours:  # what it returns is the true cosine, within the window
            assert j != i and cosine == pytest.approx(everything[i, j]) and cosine >= 0.1
        body_best = sorted((c for _, c in neighbours), reverse=True)[:K]
        same += body_best == pytest.approx(_brute_force(index, i, everything[i], 0.1))
    assert same >= 0.95 * len(pruned)  # a neighbour sharing no rare word at all is rare


# --- small articles -----------------------------------------------------------------------


def test_without_background_a_small_store_weighs_its_own_topic_as_common() -> None:
    docs = list(seed_docs().values())
    plain = TfidfIndex.from_docs(docs, background=Background.empty())
    blended = TfidfIndex.from_docs(docs)
    # "putin" is in most seed pages: alone they would call it a stop word.
    assert plain.word_weight("putin") == 0.0 < blended.word_weight("putin")
    assert blended.word_weight("yang") == 0.0  # still common in the reference corpus


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


def test_an_index_built_from_a_stream_of_docs_equals_one_built_from_lists() -> None:
    """``from_docs`` reads one document at a time; its vocabulary and weights are those of the
    index built from whole token lists, bit for bit, so streaming changes no answer."""
    docs = [*seed_docs().values(), *_sample_docs()]
    listed = TfidfIndex(
        [d.tokens for d in docs],
        [d.published for d in docs],
        views={name: [d.views()[name] for d in docs] for name in ("title", "lead", "opener")},
        ids=[d.id for d in docs],
    )
    streamed = TfidfIndex.from_docs(iter(docs))
    assert streamed.vocabulary == listed.vocabulary
    assert np.array_equal(streamed.idf, listed.idf)
    assert streamed.view_names == listed.view_names
    for view in listed.view_names:
        a, b = streamed.matrices[view], listed.matrices[view]
        assert a.shape == b.shape
        for part in ("indptr", "indices", "data"):
            assert np.array_equal(getattr(a, part), getattr(b, part)), (view, part)
            assert getattr(a, part).dtype == getattr(b, part).dtype, (view, part)
