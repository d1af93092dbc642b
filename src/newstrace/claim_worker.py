"""Claim extraction for one analysis, in a second process while the first matches articles.

Extraction needs only each article's text, known from the start; candidate search and
verification, the longest steps, need none of it. It starts once the signatures are made, so
the analysis can let the texts go while it matches. On a machine with two cores or more the
two run side by side, so claims cost the analysis little wall time. The
worker is forked (it inherits the loaded modules, so it starts in milliseconds); where fork is
not available, or for a batch too small to repay the hand-over, extraction runs in process
when the analysis asks for the results. The results are the same either way: extraction is a
pure function of the text.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from newstrace.claims import extract_claims
from newstrace.claims.link import claim_fields

__all__ = ["ClaimBatch", "ClaimWorker", "extract_batch"]

# (article key, cleaned text, its sentences when already split)
ClaimInput = tuple[int, str, Sequence[str] | None]
ClaimBatch = list[tuple[int, list[dict[str, Any]]]]

# Below this many articles extraction takes well under a second: not worth a process.
BACKGROUND_MIN_ARTICLES = 200
_CHUNK = 256  # articles per task: results come back while later chunks are extracted


def extract_batch(items: Sequence[ClaimInput]) -> ClaimBatch:
    """The claims of each article, as the fields stored for them."""
    return [
        (key, [claim_fields(text, c) for c in extract_claims(text, sentences=sentences)])
        for key, text, sentences in items
    ]


class ClaimWorker:
    """Claims of a list of articles, extracted in the background when that pays."""

    def __init__(self, workers: int) -> None:
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Future[ClaimBatch]] = []
        self._inline: list[ClaimInput] = []

    def start(self, items: list[ClaimInput]) -> None:
        """Hand the articles over; extraction begins now when a worker may run it."""
        if self._workers < 1 or len(items) < BACKGROUND_MIN_ARTICLES or not _can_fork():
            self._inline = items
            return
        self._pool = ProcessPoolExecutor(self._workers, mp_context=multiprocessing.get_context("fork"))
        self._futures = [self._pool.submit(extract_batch, items[i : i + _CHUNK]) for i in range(0, len(items), _CHUNK)]

    def results(self) -> ClaimBatch:
        """Every article's claims, in the order given to :meth:`start`."""
        if self._pool is None:
            return extract_batch(self._inline)
        try:
            return [found for future in self._futures for found in future.result()]
        finally:
            self.close()

    def close(self) -> None:
        """Stop the worker; pending extraction is dropped (the analysis was abandoned)."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()
