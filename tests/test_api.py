"""The public API is small and pinned; every setting is documented."""

from __future__ import annotations

import newstrace
from newstrace.settings import SETTINGS


def test_public_names_are_pinned() -> None:
    assert sorted(newstrace.__all__) == sorted([
        "Article", "Change", "CitedSource", "Cleaned", "CopyEdge", "IngestReport", "InputError",
        "NewstraceError", "NotFoundError", "Passage", "Person", "Reject", "Relation", "Store",
        "StoreError", "export_articles", "ingest",
    ])
    for name in newstrace.__all__:
        assert hasattr(newstrace, name), name


def test_every_setting_has_help_and_a_default() -> None:
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    for setting in SETTINGS:
        assert setting.help.strip() and setting.default is not None, setting.name
