"""The reference document frequencies shipped with the package."""

from __future__ import annotations

from newstrace.background import BACKGROUND_PATH, default_background


def test_shipped_background_is_small_and_attributed() -> None:
    background = default_background()
    assert BACKGROUND_PATH.stat().st_size < 1_000_000
    assert background.n_docs >= 5000 and len(background.df) > 10_000
    assert "CC BY 4.0" in background.source and "CLICK-ID" in background.source
    assert background.df["jakarta"] > background.df.get("pyongyang", 0)
