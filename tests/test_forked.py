"""Work mapped over forked processes: the results of a plain map, in order, whatever the chunks."""

from __future__ import annotations

import os

import pytest

from newstrace.forked import can_fork, forked_map


@pytest.mark.skipif(not can_fork(), reason="needs fork")
def test_forked_map_equals_map_in_order_and_runs_elsewhere() -> None:
    offset = 1000  # a closure: the workers inherit it instead of receiving it
    parent = os.getpid()
    results = list(forked_map(lambda x: (x + offset, os.getpid()), range(250), 2, chunk=7))
    assert [value for value, _ in results] == [x + offset for x in range(250)]
    assert parent not in {pid for _, pid in results}


def test_forked_map_stays_in_process_when_told() -> None:
    parent = os.getpid()
    for workers, parallel in ((1, True), (2, False)):
        results = list(forked_map(lambda x: (x * 2, os.getpid()), [3, 1, 2], workers, parallel=parallel))
        assert results == [(6, parent), (2, parent), (4, parent)]


@pytest.mark.skipif(not can_fork(), reason="needs fork")
def test_an_error_in_a_worker_reaches_the_caller() -> None:
    def fail_on_five(x: int) -> int:
        if x == 5:
            raise ValueError("five")
        return x

    with pytest.raises(ValueError, match="five"):
        list(forked_map(fail_on_five, range(10), 2, chunk=2))
