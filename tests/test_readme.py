"""The README's commands work as written: the five-minute tour, run against the bundled sample
in an empty folder, and the test command CI runs."""

from __future__ import annotations

import re
import shlex
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import main

from .conftest import CLICKID_SAMPLE, SEEDS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _bash_blocks(text: str) -> list[str]:
    return re.findall(r"```bash\n(.*?)```", text, flags=re.S)


def _tour_commands() -> list[str]:
    tour = README.split("<!-- tour:start -->", 1)[1].split("<!-- tour:end -->", 1)[0]
    lines = [line for block in _bash_blocks(tour) for line in block.splitlines()]
    # a comment starts at "  #" outside quotes; shlex with comments=True drops it
    return [line for line in lines if line.strip()]


def _run(line: str) -> str:
    words = shlex.split(line, comments=True)
    if words[0] == "sqlite3":  # the same query through Python's sqlite3, whether or not the CLI is installed
        _, db, query = words
        with sqlite3.connect(db) as conn:
            rows = conn.execute(query).fetchall()
        assert rows, line
        return "\n".join("|".join(map(str, r)) for r in rows)
    assert words[0] == "newstrace", line
    target = None
    if ">" in words:
        at = words.index(">")
        words, target = words[:at], words[at + 1]
    result = CliRunner().invoke(main, words[1:])
    assert result.exit_code == 0, (line, result.output)
    if target:
        Path(target).write_text(result.stdout, encoding="utf-8")
    return result.output


def test_the_tour_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    commands = _tour_commands()
    assert commands[0].startswith("newstrace demo") and len(commands) >= 8
    outputs = {line: _run(line) for line in commands}
    demo = outputs[commands[0]]
    # the demo's closing hint names commands that work as printed
    hints = [h.strip() for h in demo.split("explore further", 1)[1].splitlines()[1:] if h.strip()]
    assert hints and all("--db newstrace-demo.db" in h for h in hints)
    for hint in hints:
        if " ID" not in hint and "PARENT" not in hint:
            _run(hint)
    assert Path("tree.json").read_text(encoding="utf-8").lstrip().startswith("{")
    sample = len(CLICKID_SAMPLE.read_text(encoding="utf-8").splitlines()) + len(list(SEEDS.glob("*.txt")))
    assert len(Path("articles.jsonl").read_text(encoding="utf-8").splitlines()) == sample
    assert Path("changes.csv").read_text(encoding="utf-8").startswith("parent,child,kind")


def test_the_readme_test_command_is_what_ci_runs() -> None:
    setup = README.split("## A five-minute tour", 1)[0]
    test_command = _bash_blocks(setup)[1].strip()
    assert "pytest" in test_command
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
