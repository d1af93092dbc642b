"""Parquet exports: the same records as JSON Lines, nested fields kept, written whole or not at all."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newstrace import ingest
from newstrace.cli import main
from newstrace.errors import InputError
from newstrace.export import write_records_to_file
from newstrace.pipeline import analyze

from .conftest import SEEDS


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("store") / "seeds.db"
    ingest([str(SEEDS)], db=db)
    analyze(db)
    return db


def _both(db: Path, what: str, folder: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    runner = CliRunner()
    for fmt in ("jsonl", "parquet"):
        result = runner.invoke(
            main, ["export", what, "--db", str(db), "--format", fmt, "-o", str(folder / f"{what}.{fmt}")]
        )
        assert result.exit_code == 0, result.output
    lines = (folder / f"{what}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines], pq.read_table(folder / f"{what}.parquet").to_pylist()


def test_parquet_articles_equal_the_jsonl_export(analysed: Path, tmp_path: Path) -> None:
    from_jsonl, from_parquet = _both(analysed, "articles", tmp_path)
    assert len(from_parquet) == 5 and from_parquet == from_jsonl
    kontan = next(r for r in from_parquet if r["id"] == "000_36f9f1e935abbde4")
    assert {"Mirror", "The Straits Times"} <= {s["name"] for s in kontan["sources"]}
    assert kontan["copy_group"] is not None


def test_parquet_changes_equal_the_jsonl_export(analysed: Path, tmp_path: Path) -> None:
    from_jsonl, from_parquet = _both(analysed, "changes", tmp_path)
    assert from_parquet and from_parquet == from_jsonl
    assert any("pasukan" in (r["new"] or "") for r in from_parquet)  # TribunPalu's "pemain" -> "pasukan"


def test_parquet_needs_a_file_and_a_failed_export_leaves_none(analysed: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "articles", "--db", str(analysed), "--format", "parquet"])
    assert result.exit_code == 2 and "-o" in result.output

    def failing() -> Iterator[dict[str, Any]]:
        yield {"id": "a", "text": "x"}
        raise OSError(28, "No space left on device")

    with pytest.raises(InputError, match="nothing was written"):
        write_records_to_file(failing(), tmp_path / "out.parquet", "parquet", protect=[analysed])
    assert not list(tmp_path.iterdir())
    with pytest.raises(InputError, match="the store itself"):
        write_records_to_file(iter([{"id": "a"}]), analysed, "parquet", protect=[analysed])
