"""``newstrace spark`` on the command line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from newstrace.cli import main


def test_cli_asks_for_inputs_then_an_output_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["spark", "dedup", str(tmp_path / "only.jsonl")])
    assert result.exit_code == 2
    assert "INPUT... OUTPUT" in result.output or "newstrace[spark]" in result.output
