"""``newstrace spark``: on the bundled sample with planted reprints, Spark (``local[2]``) and the
local ``newstrace dedup`` give the same records (clusters, keep flags, similarities, byte for
byte in JSON Lines) and the same relations; the pair kernels hash the same in every process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from newstrace.dedup import DedupConfig
from newstrace.dedup.relations import relations_of_output
from newstrace.dedup.run import dedup_files
from tests.conftest import REPO, SEEDS
from tests.dedup.test_run import _corpus, _read, _write_jsonl

SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.memory": "768m",
    "spark.sql.adaptive.enabled": "false",
    "spark.default.parallelism": "2",
}


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    # CI installs both (.ci/run): there a missing one is a failure, not a skip.
    missing = pytest.fail if os.environ.get("CI") == "true" else pytest.skip
    try:
        import pyspark  # noqa: F401
    except ImportError:
        missing("PySpark is not installed: pip install 'newstrace[spark]'")
    if shutil.which("java") is None:
        missing("no Java runtime for Spark: install openjdk-17-jre-headless")
    from newstrace.spark.job import session

    spark = session("local[2]", 2, SPARK_CONF)
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


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


@pytest.mark.timeout(300)
def test_components_of_a_long_chain_and_a_star(spark: Any) -> None:
    from newstrace.spark.graph import connected_components

    chain = [(i, i + 1) for i in range(40, 80)]  # diameter 40: label propagation would need 40 rounds
    star = [(7, 3), (7, 5), (5, 1)]
    edges = spark.createDataFrame(list(reversed(chain)) + star, "u long, v long")
    components = {row["node"]: row["component"] for row in connected_components(edges).collect()}
    assert components == {**{i: 40 for i in range(40, 81)}, **{i: 1 for i in (1, 3, 5, 7)}}


_HASH_PROBE = """
import json, sys
from newstrace.algo.passages import prepare
from newstrace.match_doc import MatchDoc
texts = json.loads(sys.stdin.read())
prepared = prepare(texts)
doc = MatchDoc.build("a", "Judul", texts)
print(json.dumps([prepared.token_hashes.tolist(), prepared.token_sentence.tolist(), doc.shingles.tolist()]))
"""


def test_pair_kernels_hash_the_same_in_every_process(tmp_path: Path) -> None:
    sentences = [line for line in SEEDS.glob("*.txt")][0].read_text(encoding="utf-8").splitlines()[:20]
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO / "src")}
        done = subprocess.run(
            [sys.executable, "-c", _HASH_PROBE],
            input=json.dumps(sentences),
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and len(json.loads(outputs[0])[0]) > 50


def test_cli_asks_for_inputs_then_an_output_folder(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newstrace.cli import main

    result = CliRunner().invoke(main, ["spark", "dedup", str(tmp_path / "only.jsonl")])
    assert result.exit_code == 2
    assert "INPUT... OUTPUT" in result.output or "newstrace[spark]" in result.output


def test_unsigned_keys_keep_their_order_as_spark_longs() -> None:
    import numpy as np

    from newstrace.spark.kernels import from_signed, to_signed

    values = np.array([0, 1, 2**31, 2**63 - 1, 2**63, 2**64 - 2, 2**64 - 1], np.uint64)
    rng = np.random.default_rng(5)
    values = np.concatenate([values, rng.integers(0, 2**64 - 1, 500, dtype=np.uint64, endpoint=True)])
    signed = to_signed(values)
    assert signed.dtype == np.int64 and (from_signed(signed) == values).all()
    assert (np.argsort(signed, kind="stable") == np.argsort(values, kind="stable")).all()
