"""``newstrace dedup``: the output contract on the seeds and the bundled sample, exact and near
copies, determinism under shuffled input, idempotent output, crawl inputs."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newstrace.cli import main
from newstrace.dedup import DedupConfig, Deduplicator
from newstrace.dedup.run import OUTPUT_FIELDS, dedup_files
from tests.conftest import CLICKID_SAMPLE, SEEDS
from tests.ingest.test_warc import write_crawl

COPIES = {"000_36f9f1e935abbde4", "002_5a0d48aab88660f0", "004_7c033945fca6c72f"}


def _read(path: Path) -> list[dict[str, Any]]:
    if path.suffix == ".parquet":
        return pq.read_table(path).to_pylist()
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_seed_copies_form_one_cluster_and_the_others_stand_alone(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"seeds.{fmt}"
    report = dedup_files([str(SEEDS)], out, fmt=fmt)
    records = _read(out)
    assert [r["id"] for r in records] == sorted(p.stem for p in SEEDS.glob("*.txt"))  # input order
    assert all(list(r) == list(OUTPUT_FIELDS) for r in records)
    by_id = {r["id"]: r for r in records}
    clusters = {by_id[i]["dup_cluster"] for i in COPIES}
    assert len(clusters) == 1 and clusters <= COPIES
    assert sum(by_id[i]["keep"] for i in COPIES) == 1
    for alone in ("001_d1b17a01c544b071", "003_69ee16c09114b4dc"):
        assert by_id[alone]["dup_cluster"] == alone and by_id[alone]["keep"] and by_id[alone]["similarity"] == 1.0
    dropped = [by_id[i] for i in COPIES if not by_id[i]["keep"]]
    assert all(r["dup_reason"] == "near" and 0.3 < r["similarity"] < 1.0 for r in dropped)
    assert report.summary["clusters"] == 1 and report.summary["dropped"] == 2
    assert report.summary["dropped_by_reason"] == {"exact": 0, "near": 2}


def _corpus(tmp_path: Path) -> list[dict[str, Any]]:
    """The bundled sample, plus reprints of some of its articles: one exact (other case and
    punctuation) and one near (a new lead and a cut paragraph) per sixth article."""
    records = [json.loads(line) for line in CLICKID_SAMPLE.read_text(encoding="utf-8").splitlines()]
    copies = []
    for record in records[::6]:
        paragraphs = record["text"].split("\n")
        copies.append({**record, "id": record["id"] + "-exact", "text": record["text"].upper().replace(",", " ")})
        near = ["JAKARTA - Berita ini disalin dari media lain tanpa izin redaksi.", *paragraphs[:-1]]
        copies.append({**record, "id": record["id"] + "-near", "published": None, "text": "\n".join(near)})
    return records + copies


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def test_exact_and_near_reprints_are_found_and_the_original_kept(tmp_path: Path) -> None:
    records = _corpus(tmp_path)
    _write_jsonl(tmp_path / "in.jsonl", records)
    dedup_files([str(tmp_path / "in.jsonl")], tmp_path / "out.jsonl")
    by_id = {r["id"]: r for r in _read(tmp_path / "out.jsonl")}
    originals = [r for r in records if not r["id"].endswith(("-exact", "-near")) and f"{r['id']}-exact" in by_id]
    # An exact reprint ties with its original on time and length: either one may be kept, and
    # whichever is not is an exact copy (unless an earlier article of the sample is kept instead).
    pairs = [(by_id[r["id"]], by_id[f"{r['id']}-exact"]) for r in originals]
    assert all(a["dup_cluster"] == b["dup_cluster"] and a["similarity"] == b["similarity"] for a, b in pairs)
    exact_found = sum(sorted([a["dup_reason"] or "", b["dup_reason"] or ""]) == ["", "exact"] for a, b in pairs)
    others = sum(a["dup_cluster"] not in (a["id"], b["id"]) for a, b in pairs)
    near_found = sum(by_id[f"{r['id']}-near"]["dup_cluster"] == by_id[r["id"]]["dup_cluster"] for r in originals)
    assert exact_found + others == len(originals) and exact_found > others  # case and punctuation hide no copy
    assert near_found >= 0.9 * len(originals)
    # The original is dated and its near copy is not: "earliest" keeps a dated article.
    kept = [
        by_id[by_id[f"{r['id']}-near"]["dup_cluster"]]
        for r in originals
        if by_id[f"{r['id']}-near"]["dup_cluster"] == by_id[r["id"]]["dup_cluster"]
    ]
    assert all(k["keep"] and k["published"] for k in kept) and not any(k["id"].endswith("-near") for k in kept)


def test_shuffled_input_gives_the_same_clusters_and_output_is_idempotent(tmp_path: Path) -> None:
    records = _corpus(tmp_path)
    _write_jsonl(tmp_path / "a.jsonl", records)
    shuffled = records[:]
    random.Random(7).shuffle(shuffled)
    _write_jsonl(tmp_path / "b.jsonl", shuffled)
    dedup_files([str(tmp_path / "a.jsonl")], tmp_path / "a.out.jsonl")
    dedup_files([str(tmp_path / "b.jsonl")], tmp_path / "b.out.jsonl")
    fields = ("dup_cluster", "keep", "similarity", "dup_reason")
    a = {r["id"]: tuple(r[f] for f in fields) for r in _read(tmp_path / "a.out.jsonl")}
    b = {r["id"]: tuple(r[f] for f in fields) for r in _read(tmp_path / "b.out.jsonl")}
    assert a == b and any(not keep for _, keep, _, _ in a.values())

    first = (tmp_path / "a.out.jsonl").read_bytes()
    dedup_files([str(tmp_path / "a.jsonl")], tmp_path / "a.out.jsonl")
    assert (tmp_path / "a.out.jsonl").read_bytes() == first  # a re-run writes the same bytes
    kept = [r for r in _read(tmp_path / "a.out.jsonl") if r["keep"]]
    _write_jsonl(tmp_path / "kept.jsonl", [{k: r[k] for k in ("id", "title", "published", "text")} for r in kept])
    again = dedup_files([str(tmp_path / "kept.jsonl")], tmp_path / "kept.out.jsonl")
    assert again.summary["dropped"] == 0  # what was kept holds no duplicates any more
    assert not list(tmp_path.glob(".dedup-spool*")) and not list(tmp_path.glob(".*.part"))


def test_keep_longest_keeps_the_longest_copy(tmp_path: Path) -> None:
    report = dedup_files([str(SEEDS)], tmp_path / "o.jsonl", config=DedupConfig(keep="longest"))
    by_id = {r["id"]: r for r in _read(tmp_path / "o.jsonl")}
    longest = max(COPIES, key=lambda i: len(by_id[i]["text"].split()))
    assert by_id[longest]["keep"] and all(by_id[i]["dup_cluster"] == longest for i in COPIES)
    assert report.summary["kept"] == 3


def test_crawl_pages_are_extracted_then_deduplicated(tmp_path: Path) -> None:
    write_crawl(tmp_path / "crawl.warc.gz", gzipped=True)
    report = dedup_files([str(tmp_path / "crawl.warc.gz")], tmp_path / "o.parquet", fmt="parquet")
    by_url = {r["url"]: r for r in _read(tmp_path / "o.parquet")}
    assert len(by_url) == 5 and report.rejects == {"not_html": 1, "http_status": 1}
    clusters = {by_url[f"https://news.example/{i}"]["dup_cluster"] for i in COPIES}
    assert len(clusters) == 1 and "TERBARU" not in by_url["https://news.example/000_36f9f1e935abbde4"]["text"]


def test_records_without_text_are_counted_as_rejects(tmp_path: Path) -> None:
    _write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "title": "no body"}, {"id": "b", "text": "satu dua tiga"}])
    (tmp_path / "in.jsonl").write_text((tmp_path / "in.jsonl").read_text() + "{broken\n", encoding="utf-8")
    report = dedup_files([str(tmp_path / "in.jsonl")], tmp_path / "o.jsonl")
    assert report.rejects == {"no_text": 1, "bad_json": 1} and report.summary["articles"] == 1
    _write_jsonl(tmp_path / "bodiless.jsonl", [{"id": "a", "title": "no body"}])
    for fmt in ("jsonl", "parquet"):  # nothing to keep: an empty output, still of its format
        nothing = dedup_files([str(tmp_path / "bodiless.jsonl")], tmp_path / f"none.{fmt}", fmt=fmt)
        assert nothing.summary["articles"] == 0 and _read(tmp_path / f"none.{fmt}") == []
    assert pq.read_schema(tmp_path / "none.parquet").names == list(OUTPUT_FIELDS)


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


def test_batches_do_not_change_the_result() -> None:
    texts = [json.loads(line)["text"] for line in CLICKID_SAMPLE.read_text(encoding="utf-8").splitlines()][:120]
    texts += texts[:30]  # exact copies across batches
    ids = [str(i) for i in range(len(texts))]
    one = Deduplicator()
    one.add(texts, ids, [None] * len(texts))
    many = Deduplicator()
    for start in range(0, len(texts), 17):
        many.add(texts[start : start + 17], ids[start : start + 17], [None] * len(texts[start : start + 17]))
    a, b = one.result(), many.result()
    assert (a.representative == b.representative).all() and (a.similarity == b.similarity).all()
    assert int((a.reason == 1).sum()) == 30


def test_signature_blocks_gather_rows_across_block_boundaries() -> None:
    import numpy as np

    from newstrace.dedup.core import _Blocks

    rows = np.arange(150_000 * 3, dtype=np.uint32).reshape(-1, 3)
    blocks = _Blocks(3, np.uint32)
    for start in range(0, len(rows), 40_000):  # batches that straddle the 65,536-row blocks
        blocks.extend(rows[start : start + 40_000])
    wanted = np.random.default_rng(3).integers(0, len(rows), 5_000)
    assert blocks.size == len(rows) and (blocks.take(wanted) == rows[wanted]).all()


def _sample_texts(limit: int) -> list[str]:
    return [json.loads(line)["text"] for line in CLICKID_SAMPLE.read_text(encoding="utf-8").splitlines()][:limit]


def test_one_band_keys_are_that_column_of_all_band_keys() -> None:
    import numpy as np

    from newstrace.algo.lsh import band_key_column, band_keys
    from newstrace.algo.minhash import MinHasher
    from newstrace.algo.shingles import batch_shingle_hashes

    engine = Deduplicator()
    signatures = MinHasher().signatures(*batch_shingle_hashes(["", *_sample_texts(60)]))
    every = band_keys(signatures, engine.lsh)
    for band in (0, 7, engine.lsh.bands - 1):
        column = band_key_column(signatures, band, engine.lsh)
        assert (column == every[:, band]).all() and column[0] == 0  # the empty text keeps key 0
    assert np.unique(every[1:, 0]).size > 50  # the keys tell the texts apart


def test_bucket_pairs_pair_equal_keys_and_skip_empty_and_oversized_buckets() -> None:
    import numpy as np

    from newstrace.algo.buckets import bucket_pairs

    keys = np.array([5, 0, 5, 9, 0, 7, 7, 7, 5], np.uint64)
    encoded, skipped, entries = bucket_pairs(keys, max_bucket_size=3)
    pairs = sorted((int(p >> np.uint64(32)), int(p & np.uint64(0xFFFFFFFF))) for p in encoded)
    assert pairs == [(0, 2), (0, 8), (2, 8), (5, 6), (5, 7), (6, 7)] and (skipped, entries) == (0, 0)
    encoded, skipped, entries = bucket_pairs(keys, max_bucket_size=2)
    assert encoded.size == 0 and (skipped, entries) == (2, 6)


def test_exact_copies_and_empty_texts_across_batches_share_rows_as_before() -> None:
    texts = _sample_texts(40)
    stream = [texts[0], "", texts[1], texts[0].upper(), "", texts[1] + " !!", texts[2]] + texts[3:40] + texts[:5]
    ids = [f"a{i}" for i in range(len(stream))]
    whole, split = Deduplicator(), Deduplicator()
    whole.add(stream, ids, [None] * len(stream))
    for start in range(0, len(stream), 4):
        split.add(stream[start : start + 4], ids[start : start + 4], [None] * len(stream[start : start + 4]))
    a, b = whole.result(), split.result()
    assert (a.representative == b.representative).all() and (a.reason == b.reason).all()
    # Case and punctuation do not make a copy inexact; empty texts are never copies of each other.
    for first, again in ((0, 3), (2, 5)):
        assert a.representative[first] == a.representative[again]
        assert sorted(a.reason[[first, again]].tolist()) == [0, 1]
    assert a.reason[1] == 0 and a.reason[4] == 0
    assert int((a.reason == 1).sum()) == 2 + 5
