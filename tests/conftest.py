"""Shared fixture paths: the bundled sample data is the tests' real data."""

from __future__ import annotations

from pathlib import Path

import newstrace

SAMPLE = Path(newstrace.__file__).parent / "sample"
SEEDS = SAMPLE / "seeds"
CLICKID_SAMPLE = SAMPLE / "clickid-sample.jsonl"
