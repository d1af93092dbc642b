"""The public API is small and pinned; every setting is documented."""

from __future__ import annotations

import newstrace
from newstrace.settings import SETTINGS


def test_public_names_are_pinned() -> None:
    assert sorted(newstrace.__all__) == sorted(
        [
            "AnalyzeConfig",
            "AnalyzeReport",
            "Article",
            "Borrowing",
            "Change",
            "ClaimView",
            "ClaimsView",
            "CitedSource",
            "Cleaned",
            "CopyEdge",
            "DiffView",
            "IngestReport",
            "InputError",
            "NewstraceError",
            "NotFoundError",
            "Passage",
            "Person",
            "Reject",
            "Relation",
            "Store",
            "StoreError",
            "StorySummary",
            "TraceView",
            "analyze",
            "borrowings",
            "claims",
            "diff",
            "diff_view",
            "export_articles",
            "export_borrowings",
            "export_changes",
            "export_claims",
            "ingest",
            "similar",
            "stories",
            "trace",
        ]
    )
    for name in newstrace.__all__:
        assert hasattr(newstrace, name), name


def test_every_setting_has_help_and_a_default_and_is_used() -> None:
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    for setting in SETTINGS:
        assert setting.help.strip() and setting.default is not None, setting.name
    config = newstrace.AnalyzeConfig()
    for name in (
        "shingle_size",
        "story_window_hours",
        "story_neighbours",
        "storyline_neighbours",
        "story_min_cosine",
        "story_sure_cosine",
        "story_min_density",
        "storyline_min_density",
    ):
        assert getattr(config, name) == next(s.default for s in SETTINGS if s.name == name)
    assert config.minhash.num_perm == next(s.default for s in SETTINGS if s.name == "num_perm")


def test_settings_are_validated_and_drive_the_command_line_defaults() -> None:
    import click
    import pytest

    from newstrace.cli import main
    from newstrace.settings import SettingError, setting

    # Every default is valid for its own range; values outside it or of another type are refused.
    for s in SETTINGS:
        assert s.check(s.default) == s.default
    with pytest.raises(SettingError, match="at least"):
        setting("min_words").check(-1)
    with pytest.raises(SettingError, match="must be a float"):
        setting("story_min_cosine").check("0.3")
    with pytest.raises(SettingError, match="one of"):
        setting("dedup_keep").check("newest")
    assert newstrace.AnalyzeConfig().lead_characters == setting("lead_characters").default
    # The command line shows and enforces the table's defaults and ranges.
    assert isinstance(main, click.Group)
    options = {(name, p.name): p for name, command in main.commands.items() for p in command.params}
    for (command, option), name in {
        ("ingest", "db"): "db",
        ("ingest", "jobs"): "jobs",
        ("stories", "min_size"): "stories_min_size",
        ("stories", "limit"): "stories_limit",
        ("serve", "port"): "serve_port",
        ("serve", "host"): "serve_host",
        ("dedup", "threshold"): "dedup_threshold",
        ("dedup", "keep"): "dedup_keep",
        ("dedup", "num_perm"): "dedup_num_perm",
        ("demo", "db"): "demo_db",
    }.items():
        assert options[(command, option)].default == setting(name).default, (command, option)
    port = options[("serve", "port")].type
    assert isinstance(port, click.IntRange) and (port.min, port.max) == (1, 65535)
