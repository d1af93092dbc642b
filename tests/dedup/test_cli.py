"""``newstrace dedup`` on the command line: records and summary written, bad outputs refused."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newstrace.cli import main
from tests.conftest import SEEDS


def test_cli_writes_records_and_summary(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "dedup",
            str(SEEDS),
            "--out",
            str(tmp_path / "o.jsonl"),
            "--threshold",
            "0.5",
            "--summary",
            str(tmp_path / "s.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "s.json").read_text())
    assert summary["articles"] == 5 and summary["kept"] == 3 and summary["clusters"] == 1
    bad = CliRunner().invoke(main, ["dedup", str(SEEDS), "--out", str(tmp_path / "no" / "o.jsonl")])
    assert bad.exit_code == 2 and "does not exist" in " ".join(bad.output.split())
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "a", "text": "satu dua tiga"}) + "\n", encoding="utf-8")
    onto = CliRunner().invoke(main, ["dedup", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "in.jsonl")])
    assert onto.exit_code == 2 and "one of the inputs" in " ".join(onto.output.split())
    assert (tmp_path / "in.jsonl").read_text(encoding="utf-8").count("\n") == 1
