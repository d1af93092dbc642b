"""Shared fixture paths: the bundled sample data is the tests' real data, and the repository
the tests live in (for its benchmarks and saved pages), wherever a test file sits below it."""

from __future__ import annotations

from pathlib import Path

import newstrace

REPO = Path(__file__).resolve().parents[1]
SAMPLE = Path(newstrace.__file__).parent / "sample"
SEEDS = SAMPLE / "seeds"
CLICKID_SAMPLE = SAMPLE / "clickid-sample.jsonl"
