"""Pure work mapped over forked worker processes, results in order.

The analysis hands two of its steps to workers: verifying candidate pairs and tracing copy
groups. Each item's result is a pure function of the item and of state the analysis built
before (the TF-IDF index, the spilled documents), so the workers are forked once that state
is ready: they inherit it page by page instead of receiving it, and only the items and their
results cross between processes. Items go out in chunks, a few chunks ahead of the results
read back, so memory holds a bounded window of them. Where fork is not available, or when
the caller says the work is too small to repay it, the items are mapped in process; the
results are the same either way.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, TypeVar

__all__ = ["can_fork", "forked_map"]

T = TypeVar("T")
R = TypeVar("R")

_function: Callable[[Any], Any] | None = None  # set before the workers fork; they inherit it


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def forked_map(
    function: Callable[[T], R], items: Iterable[T], workers: int, *, chunk: int = 256, parallel: bool = True
) -> Iterator[R]:
    """``map(function, items)``, in ``workers`` forked processes when ``parallel`` and there
    are two workers or more. ``function`` may be any callable (a closure too): the workers
    inherit it rather than receive it."""
    if not parallel or workers < 2 or not can_fork():
        yield from map(function, items)
        return
    global _function
    _function = function
    try:
        iterator = iter(items)
        chunks = iter(lambda: list(islice(iterator, chunk)), [])
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            pending: deque[Future[list[Any]]] = deque()
            for part in chunks:
                pending.append(pool.submit(_apply, part))
                if len(pending) > 2 * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        _function = None


def _apply(part: list[Any]) -> list[Any]:
    assert _function is not None, "workers are forked after the function is set"
    return [_function(item) for item in part]
