"""Neighbour search at scale: blocks scored only within their time window, and the search pruned
to rare words past ``exact_up_to``, checked against brute force on the bundled sample."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta
from functools import cache

import numpy as np
import pytest

from newstrace.clean.segment import split_sentences
from newstrace.match_doc import MatchDoc
from newstrace.tfidf import TfidfIndex

from .conftest import CLICKID_SAMPLE

WINDOW = 72.0
K = 5


@cache
def _index() -> TfidfIndex:
    """The sample spread over three months (every 25th undated), so that windows bite."""
    records = [json.loads(line) for line in CLICKID_SAMPLE.read_text(encoding="utf-8").splitlines()]
    start = datetime(2019, 7, 1, tzinfo=UTC)
    docs = [
        MatchDoc.build(
            r["id"],
            r["title"],
            split_sentences(r["text"]),
            published=None if i % 25 == 0 else start + timedelta(hours=7 * i),
        )
        for i, r in enumerate(records)
    ]
    return TfidfIndex.from_docs(docs)


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
    assert index._by_time is not None  # the windowed path ran: dated blocks did not read everything
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
