"""``newstrace spark``: on the bundled sample with planted reprints, Spark (``local[2]``) and the
local ``newstrace dedup`` give the same records (clusters, keep flags, similarities, byte for
byte in JSON Lines) and the same relations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from newstrace.dedup import DedupConfig
from newstrace.dedup.relations import relations_of_output
from newstrace.dedup.run import dedup_files
from tests.dedup.test_run import _corpus, _read, _write_jsonl


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with exact and near reprints, in two files (one gzipped), with what a crawl
    also holds: a blank line, broken JSON, a record without text, a text without words, and
    one record twice (same id, same text: only its position tells them apart)."""
    folder = tmp_path_factory.mktemp("crawl")
    records = _corpus(folder)
    half = len(records) // 2
    first = [*records[:half], records[3], {"id": "no-words", "text": "— … —", "published": "2022-03-01"}]
    _write_jsonl(folder / "a.jsonl", first)
    with open(folder / "a.jsonl", "a", encoding="utf-8") as fh:
        fh.write("\n{broken\n" + json.dumps({"id": "no-body", "title": "judul saja"}) + "\n")
    import gzip

    with gzip.open(folder / "b.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records[half:])
    return folder


def _summary(report: Any) -> dict[str, Any]:
    summary = dict(report.as_dict())
    summary.pop("seconds")
    return summary


def _parts(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.glob("part-*")))


@pytest.mark.timeout(900)
def test_spark_dedup_writes_the_local_output_byte_for_byte(spark: Any, crawl: Path, tmp_path: Path) -> None:
    from newstrace.spark.job import spark_dedup

    local = dedup_files([str(crawl)], tmp_path / "local.jsonl")
    remote = spark_dedup(spark, [str(crawl)], str(tmp_path / "spark"))
    assert _parts(tmp_path / "spark") == (tmp_path / "local.jsonl").read_bytes()
    assert _summary(remote) == _summary(local)
    summary = _summary(local)
    assert summary["dropped_by_reason"]["exact"] > 0 and summary["dropped_by_reason"]["near"] > 0
    assert summary["rejected_by_reason"] == {"bad_json": 1, "no_text": 1}
    records = _read(tmp_path / "local.jsonl")
    twice = [r for r in records if r["id"] == records[3]["id"]]
    assert len(twice) == 2 and sum(r["keep"] for r in twice) <= 1  # one copy of the repeated record is dropped


@pytest.mark.timeout(900)
def test_spark_match_gives_the_local_relations_and_keep_longest_agrees(spark: Any, crawl: Path, tmp_path: Path) -> None:
    from newstrace.spark.job import spark_match

    config = DedupConfig(keep="longest")
    dedup_files([str(crawl)], tmp_path / "local.parquet", fmt="parquet", config=config)
    expected = list(relations_of_output(_read(tmp_path / "local.parquet")))
    report = spark_match(spark, [str(crawl)], str(tmp_path / "spark"), fmt="parquet", config=config)
    got = pq.read_table(tmp_path / "spark").to_pylist()
    assert got == expected and report.summary["relations"] == len(expected)
    kinds = {r["kind"] for r in got}
    assert "copy" in kinds  # the planted reprints are copies by the analysis's copy model
    # A chain of near copies can join articles that share little with the one kept.
    assert all(r["dup_reason"] in ("exact", "near") and 0 <= r["similarity"] <= 1 for r in got)
    assert sum(r["kind"] == "copy" for r in got) > 0.9 * len(got)
