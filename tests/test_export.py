"""The export contract and the command-line surface around it; Parquet exports hold the same
records as JSON Lines, nested fields kept, written whole or not at all."""

from __future__ import annotations

import csv
import io
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
from newstrace.store import Store

from .conftest import SEEDS


def _export(db: Path, fmt: str) -> str:
    result = CliRunner().invoke(main, ["export", "articles", "--db", str(db), "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.output


def test_jsonl_export_has_the_documented_fields(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    ingest([str(SEEDS)], db=db)
    records = [json.loads(line) for line in _export(db, "jsonl").splitlines()]
    assert len(records) == 5
    for rec in records:
        assert {"id", "outlet", "url", "title", "published", "byline", "sources", "text"} <= rec.keys()
    by_id = {r["id"]: r for r in records}
    kontan = by_id["000_36f9f1e935abbde4"]
    assert kontan["published"] == "2022-03-21T05:40:00+07:00"
    assert {"Mirror", "The Straits Times"} <= {s["name"] for s in kontan["sources"]}
    assert "TERBARU" not in kontan["text"]
    assert by_id["002_5a0d48aab88660f0"]["published"] is None
    # oldest first, undated last
    dated = [r["published"] for r in records if r["published"]]
    assert dated == sorted(dated) and records[-1]["published"] is None


def test_csv_export_round_trips(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    ingest([str(SEEDS)], db=db)
    rows = list(csv.DictReader(io.StringIO(_export(db, "csv"))))
    assert len(rows) == 5
    row = next(r for r in rows if r["id"] == "003_69ee16c09114b4dc")
    assert "Euronews" in {s["name"] for s in json.loads(row["sources"])}
    assert "Kremlin" in row["text"]


def test_export_to_file_and_missing_store(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    ingest([str(SEEDS)], db=db)
    target = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["export", "articles", "--db", str(db), "-o", str(target)])
    assert result.exit_code == 0 and len(target.read_text(encoding="utf-8").splitlines()) == 5
    missing = CliRunner().invoke(main, ["export", "articles", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "newstrace ingest" in missing.output


def test_rejects_command_lists_reasons(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": \n', encoding="utf-8")
    db = tmp_path / "s.db"
    ingest([str(bad)], db=db)
    result = CliRunner().invoke(main, ["rejects", "--db", str(db)])
    assert result.exit_code == 0 and "bad_json" in result.output


def test_export_onto_the_store_is_refused_and_the_store_is_kept(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    ingest([str(SEEDS)], db=db)
    size = db.stat().st_size
    (tmp_path / "link.db").symlink_to(db)
    runner = CliRunner()
    for target in (str(db), str(tmp_path / "link.db"), str(tmp_path / "." / "news.db")):
        result = runner.invoke(main, ["export", "articles", "--db", str(db), "-o", target])
        assert result.exit_code == 2, result.output
        assert "is the store itself" in " ".join(result.output.split())
        assert db.stat().st_size == size
    with Store(db, readonly=True) as store:
        assert store.count_articles() == 5


def test_failed_export_leaves_no_file(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    ingest([str(SEEDS)], db=db)

    def failing() -> Iterator[dict[str, Any]]:
        yield {"id": "a"}
        raise OSError(28, "No space left on device")

    with pytest.raises(InputError, match="nothing was written"):
        write_records_to_file(failing(), tmp_path / "out.jsonl", "jsonl", protect=[db])
    assert not (tmp_path / "out.jsonl").exists()
    assert not list(tmp_path.glob(".out.jsonl.*"))
    result = CliRunner().invoke(main, ["export", "articles", "--db", str(db), "-o", str(tmp_path / "no" / "x.jsonl")])
    assert result.exit_code == 2 and "does not exist" in " ".join(result.output.split())
    assert not (tmp_path / "no").exists()


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
