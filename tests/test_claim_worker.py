"""Claims extracted in a second process are the claims extracted in the analysis process."""

from __future__ import annotations

import json

import pytest

from newstrace.claim_worker import BACKGROUND_MIN_ARTICLES, ClaimWorker, extract_batch
from newstrace.clean import split_sentences

from .conftest import CLICKID_SAMPLE


@pytest.fixture(scope="module")
def items() -> list[tuple[int, str, list[str] | None]]:
    texts = [json.loads(line)["text"] for line in CLICKID_SAMPLE.read_text(encoding="utf-8").splitlines() if line]
    # Half of them with their sentences already split, as the analysis hands them over.
    return [(key, text, split_sentences(text) if key % 2 else None) for key, text in enumerate(texts)]


def test_the_sample_is_large_enough_for_a_worker(items: list[tuple[int, str, list[str] | None]]) -> None:
    assert len(items) >= BACKGROUND_MIN_ARTICLES


def test_background_extraction_gives_the_same_claims_in_the_same_order(
    items: list[tuple[int, str, list[str] | None]],
) -> None:
    worker = ClaimWorker(1)
    worker.start(items)
    assert worker._pool is not None  # it did run in the background
    background = worker.results()
    assert [key for key, _ in background] == [key for key, _, _ in items]
    assert background == extract_batch(items)
    assert sum(len(claims) for _, claims in background) > 100


def test_small_batches_and_no_workers_extract_in_process(items: list[tuple[int, str, list[str] | None]]) -> None:
    for workers, batch in ((1, items[:10]), (0, items)):
        worker = ClaimWorker(workers)
        worker.start(batch)
        assert worker._pool is None
        assert worker.results() == extract_batch(batch)


def test_closing_an_abandoned_extraction_stops_the_worker(items: list[tuple[int, str, list[str] | None]]) -> None:
    worker = ClaimWorker(1)
    worker.start(items)
    worker.close()
    assert worker._pool is None
