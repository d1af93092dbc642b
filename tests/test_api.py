"""The public API is small and pinned; every setting is documented."""

from __future__ import annotations

import newstrace
from newstrace.settings import SETTINGS


def test_public_names_are_pinned() -> None:
    assert sorted(newstrace.__all__) == sorted([
        "AnalyzeConfig", "AnalyzeReport", "Article", "Borrowing", "Change", "ClaimView", "ClaimsView", "CitedSource", "Cleaned", "CopyEdge",
        "DiffView", "IngestReport", "InputError", "NewstraceError", "NotFoundError", "Passage", "Person",
        "Reject", "Relation", "Store", "StoreError", "StorySummary", "TraceView", "analyze", "borrowings",
        "claims", "diff", "diff_view", "export_articles", "export_borrowings", "export_changes", "export_claims",
        "ingest", "similar",
        "stories", "trace",
    ])
    for name in newstrace.__all__:
        assert hasattr(newstrace, name), name


def test_every_setting_has_help_and_a_default_and_is_used() -> None:
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    for setting in SETTINGS:
        assert setting.help.strip() and setting.default is not None, setting.name
    config = newstrace.AnalyzeConfig()
    for name in ("shingle_size", "story_window_hours", "story_neighbours", "storyline_neighbours",
                 "story_min_cosine", "story_sure_cosine", "story_min_density", "storyline_min_density"):
        assert getattr(config, name) == next(s.default for s in SETTINGS if s.name == name)
    assert config.minhash.num_perm == next(s.default for s in SETTINGS if s.name == "num_perm")
