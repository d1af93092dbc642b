"""Files through the deduplicator (what ``newstrace dedup`` runs): the output contract on the seeds and the bundled sample, exact and near
copies, determinism under shuffled input, idempotent output, crawl inputs."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from newstrace.dedup import DedupConfig
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
