"""Pair features: the shared passages and the figures the classifier reads off an article pair."""

from __future__ import annotations

from newstrace.match_features import pair_features

from .conftest import seed_docs, seed_index


def test_seed_copy_passage_holds_the_shared_sentences() -> None:
    docs = seed_docs()
    features = pair_features(docs["000"], docs["004"], index=seed_index())
    shared = " ".join(p.text for p in features.passages)
    for phrase in ("Kherson", "13.500 tentara", "The Express melaporkan", "Tetapi China"):
        assert phrase in shared
    # The changed sentences still align: "pemain" -> "pasukan", the added embellishment.
    changed = [docs["004"].sentences[p.b_start : p.b_end] for p in features.passages]
    assert any("para pasukan bertahan" in s for run in changed for s in run)
