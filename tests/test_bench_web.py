"""The web benchmark's load test, briefly, against the real server over the bundled sample."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("httpx")
pytest.importorskip("uvicorn")

from tests.web.test_app import sample_store_path  # noqa: E402

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_web.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_web", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_web", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_load_on_sample_store_has_no_errors(tmp_path_factory: pytest.TempPathFactory) -> None:
    bench = _bench()
    db = sample_store_path(tmp_path_factory)  # the sample, ingested and analysed, as the web tests use it
    targets = bench.sample_targets(db, per_kind=10)
    # Every page type has real ids to request: the sample holds copy edges and dated titles.
    assert set(targets) == set(bench.KINDS)
    assert all(targets[kind] for kind in bench.KINDS)
    proc, base = bench.start_server(db, timeout=30)
    try:
        result = bench.load(base, targets, clients=4, seconds=2.0, timeout=10.0)
    finally:
        server_log = bench.stop_server(proc)
    assert result.errors == 0, result.error_examples
    assert "Traceback" not in server_log
    assert result.requests >= 8
    assert len(result.latencies_ms) == result.requests
    # The mix reaches every page type, not only the cheapest one.
    assert set(result.by_kind) == set(bench.KINDS)
    assert bench.percentile(result.latencies_ms, 50) <= bench.percentile(result.latencies_ms, 99)
