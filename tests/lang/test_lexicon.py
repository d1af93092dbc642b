"""The claim words of each language, and their union."""

from __future__ import annotations

from newstrace.lang import lexicons, merged


def test_lexicons_per_language() -> None:
    assert set(lexicons()) == {"id", "en"}
    assert lexicons()["id"].hedges["diduga"] > lexicons()["id"].hedges["disebut"]
    assert "belum diverifikasi" in merged().unverified and "could not be verified" in merged().unverified
    assert {"membantah", "berita palsu", "fake news"} <= merged().denials
