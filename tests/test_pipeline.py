"""Ingest: inputs of every kind, bad input, idempotency, versions, interruption."""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace import Store, ingest
from newstrace.cli import main
from newstrace.errors import InputError

from .conftest import CLICKID_SAMPLE, SEEDS


def _table_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {
            t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("raw_inputs", "articles", "bylines", "sources", "rejects", "removed_lines")
        }
    finally:
        conn.close()


def _clickid_records(n: int) -> list[dict[str, str]]:
    with open(CLICKID_SAMPLE, encoding="utf-8") as fh:
        return [json.loads(line) for _, line in zip(range(n), fh)]


def test_jsonl_records_keep_their_ids_and_fields(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    report = ingest([str(CLICKID_SAMPLE)], db=db)
    assert report.rejected == 0
    assert report.added == sum(1 for _ in open(CLICKID_SAMPLE, encoding="utf-8"))
    first = _clickid_records(1)[0]
    with Store(db) as store:
        art = store.article(first["id"])
        assert art.url == first["url"]
        assert art.outlet == first["outlet"]
        assert art.title == first["title"]
        assert art.published is not None and art.published.isoformat() == first["published"]
        assert art.published_from == "record"
        assert json.loads(store.raw_payload(first["id"]))["text"] == first["text"]


def test_text_files_take_their_file_name_as_id(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    report = ingest([str(SEEDS)], db=db)
    assert report.added == 5 and report.rejected == 0
    with Store(db) as store:
        assert {a.id for a in store.articles()} == {p.stem for p in SEEDS.glob("*.txt")}
        raw = store.raw_payload("000_36f9f1e935abbde4")
        assert raw == (SEEDS / "000_36f9f1e935abbde4.txt").read_text(encoding="utf-8")


def test_reingest_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    ingest([str(SEEDS), str(CLICKID_SAMPLE)], db=db)
    before = _table_counts(db)
    again = ingest([str(SEEDS), str(CLICKID_SAMPLE)], db=db)
    assert again.added == 0 and again.new_versions == 0
    assert again.unchanged == before["articles"]
    assert _table_counts(db) == before


def test_same_id_new_text_is_a_new_version(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    rec = _clickid_records(1)[0]
    first = tmp_path / "a.jsonl"
    first.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    ingest([str(first)], db=db)
    changed = dict(rec, text=rec["text"] + "\n\nKoreksi: angka korban yang benar adalah 15 orang, bukan 13.")
    second = tmp_path / "b.jsonl"
    second.write_text(json.dumps(changed) + "\n", encoding="utf-8")
    report = ingest([str(second)], db=db)
    assert report.new_versions == 1
    with Store(db) as store:
        assert store.article(rec["id"]).version == 2
        assert "Koreksi" in store.article(rec["id"]).text
        assert "Koreksi" not in store.article(rec["id"], version=1).text
        assert store.count_articles() == 1


def test_records_without_id_use_url_then_content_hash(tmp_path: Path) -> None:
    recs = _clickid_records(2)
    src = tmp_path / "noid.jsonl"
    with_url = {k: v for k, v in recs[0].items() if k != "id"}
    bare = {"text": recs[1]["text"]}
    src.write_text(json.dumps(with_url) + "\n" + json.dumps(bare) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    ingest([str(src)], db=db)
    with Store(db) as store:
        ids = {a.id for a in store.articles()}
    assert recs[0]["url"] in ids
    assert any(i.startswith("sha:") for i in ids)


def test_field_mapping_and_common_names_in_csv(tmp_path: Path) -> None:
    rec = _clickid_records(1)[0]
    path = tmp_path / "dump.csv"
    import csv

    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["kode", "judul", "isi_berita", "tanggal_publikasi", "sumber", "link"])
        w.writerow(["x1", rec["title"], rec["text"], "Selasa, 10 September 2019 08:15 WIB", "Okezone", rec["url"]])
    db = tmp_path / "s.db"
    report = ingest([str(path)], db=db, mapping={"kode": "id"})
    assert report.added == 1
    with Store(db) as store:
        art = store.article("x1")
    assert art.title == rec["title"]
    assert art.outlet and art.outlet.lower().startswith("okezone")
    assert art.published is not None
    assert art.published.isoformat() == "2019-09-10T08:15:00+07:00"


def test_gzip_and_stdin(tmp_path: Path) -> None:
    recs = _clickid_records(3)
    gz = tmp_path / "part.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(recs[0]) + "\n")
    db = tmp_path / "s.db"
    assert ingest([str(gz)], db=db).added == 1
    stream = io.BytesIO((json.dumps(recs[1]) + "\n" + json.dumps(recs[2]) + "\n").encode())
    assert ingest(["-"], db=db, stdin=stream).added == 2  # type: ignore[arg-type]


def _bad_inputs(root: Path) -> dict[str, str]:
    """Write one file per kind of bad input; returns file name -> expected reason."""
    rec = _clickid_records(3)
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (root / "latin1.txt").write_bytes(
        (
            "Jakarta - Pemerintah menaikkan tarif cukai rokok "
            "sebesar 23 persen mulai tahun depan, kata Menteri Keuangan Sri "
            "Mulyani dalam jumpa pers di kantornya, Jumat. Caf\xe9 "
        ).encode("latin-1")
        + bytes([0xE9, 0xE8, 0xFF]) * 3
    )
    lines = [
        json.dumps(rec[0]),
        '{"id": "broken", "text": "unterminated',
        json.dumps(rec[1]),
        json.dumps({"id": "notext", "title": "Judul tanpa isi"}),
        "[1, 2, 3]",
    ]
    (root / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "rows.csv").write_text(
        'id,title,text\nc1,"Judul","' + rec[2]["text"].replace('"', '""') + '"\nc2,only two\n', encoding="utf-8"
    )
    (root / "nav.html").write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Beranda</a> "
        "<a href='/news'>Berita</a></nav><footer>(c) 2024</footer></body></html>",
        encoding="utf-8",
    )
    with open(root / "huge.jsonl", "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "huge", "text": "kata " * 10_500_000}) + "\n")
    return {
        "empty.txt": "empty",
        "binary.txt": "binary",
        "latin1.txt": "encoding",
        "nav.html": "no_article",
        "huge.jsonl": "too_large",
    }


def test_bad_input_is_rejected_with_reasons_and_the_rest_goes_in(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    per_file = _bad_inputs(inputs)
    db = tmp_path / "s.db"
    report = ingest([str(inputs)], db=db)
    assert report.added == 3  # two good JSON lines and one good CSV row
    with Store(db) as store:
        rejects = store.rejects()
    by_file = {(Path(r.origin).name, r.line): r.reason for r in rejects}
    for name, reason in per_file.items():
        assert (name, None) in by_file or (name, 1) in by_file, name
        assert reason in {v for (n, _), v in by_file.items() if n == name}, name
    assert by_file[("records.jsonl", 2)] == "bad_json"
    assert by_file[("records.jsonl", 4)] == "no_text"
    assert by_file[("records.jsonl", 5)] == "bad_json"
    csv_lines = (inputs / "rows.csv").read_text(encoding="utf-8").splitlines()
    assert by_file[("rows.csv", csv_lines.index("c2,only two") + 1)] == "bad_csv"
    assert all(r.detail for r in rejects)
    # the broken line itself is kept, not just an excerpt
    conn = sqlite3.connect(db)
    kept = conn.execute(
        "SELECT r.payload FROM rejects j JOIN raw_inputs r USING(raw_id) "
        "WHERE j.origin LIKE '%records.jsonl' AND j.line = 2"
    ).fetchone()
    assert kept and kept[0].startswith('{"id": "broken"')
    # re-running records nothing twice and still reports the rejects
    again = ingest([str(inputs)], db=db)
    assert again.added == 0 and again.rejected == report.rejected
    assert len(Store(db).rejects()) == len(rejects)


def test_cli_reports_rejects_without_traceback(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    _bad_inputs(inputs)
    (inputs / "huge.jsonl").unlink()  # keep the CLI test quick
    result = CliRunner().invoke(main, ["ingest", str(inputs), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "bad_json" in result.output and "rejected" in result.output
    ok = CliRunner().invoke(main, ["ingest", str(SEEDS), "--db", str(tmp_path / "t.db")])
    assert ok.exit_code == 0, ok.output


def test_caller_mistakes_are_errors_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        ingest([str(tmp_path / "missing.jsonl")], db=tmp_path / "s.db")
    result = CliRunner().invoke(main, ["ingest", "nope.jsonl", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2 and "no such file" in result.output and "Traceback" not in result.output
    bad_map = CliRunner().invoke(main, ["ingest", str(SEEDS), "--map", "judul", "--db", str(tmp_path / "s.db")])
    assert bad_map.exit_code == 2 and "SOURCE=TARGET" in bad_map.output


def test_killed_ingest_leaves_a_consistent_store_and_rerun_completes(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    # Kill the process with SIGKILL in the middle of the third batch's transaction.
    script = textwrap.dedent(f"""
        import os, signal
        from newstrace.store import articles
        from newstrace import ingest
        original = articles.write_article
        calls = 0
        def dying(*a, **k):
            global calls
            calls += 1
            if calls == 125:
                os.kill(os.getpid(), signal.SIGKILL)
            return original(*a, **k)
        articles.write_article = dying
        ingest([{str(CLICKID_SAMPLE)!r}], db={str(db)!r}, batch_size=50)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert proc.returncode == -9
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 100  # two whole batches
    orphans = conn.execute(
        "SELECT COUNT(*) FROM raw_inputs r WHERE NOT EXISTS "
        "(SELECT 1 FROM articles a WHERE a.raw_id = r.raw_id) AND NOT EXISTS "
        "(SELECT 1 FROM rejects j WHERE j.raw_id = r.raw_id)"
    ).fetchone()[0]
    assert orphans == 0
    conn.close()
    report = ingest([str(CLICKID_SAMPLE)], db=db, batch_size=50)
    total = sum(1 for _ in open(CLICKID_SAMPLE, encoding="utf-8"))
    assert report.unchanged == 100 and report.added == total - 100
    with Store(db) as store:
        assert store.count_articles() == total


def test_a_record_file_larger_than_the_record_limit_is_read_record_by_record(tmp_path: Path) -> None:
    recs = _clickid_records(20)
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    assert dump.stat().st_size > 20_000
    report = ingest([str(dump)], db=tmp_path / "s.db", max_record_bytes=20_000)
    assert report.added + report.rejected == 20
    assert report.added >= 15  # only records over the limit themselves are rejected
    assert {r.reason for r in report.rejects} <= {"too_large"}


def test_recleaning_an_analysed_article_marks_it_for_analysis_again(tmp_path: Path) -> None:
    from newstrace.pipeline import analyze
    from newstrace.store import articles
    from newstrace.store.analysis import pending_articles

    db = tmp_path / "s.db"
    ingest([str(SEEDS)], db=db)
    analyze(db)
    with Store(db) as store:
        assert pending_articles(store) == []
        key, text = store.conn.execute("SELECT article_key, text FROM articles LIMIT 1").fetchone()
        with store.transaction():
            articles.replace_text(store, key, text + "\n\nBaris tambahan.", [("x", "recurring")])
        assert [p.key for p in pending_articles(store)] == [key]


def test_crafted_json_lines_are_rejected_one_by_one_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = {
        "id": "good-{}",
        "title": "Judul",
        "text": "Presiden meresmikan jembatan baru di Palu pada hari Senin. " * 5,
    }
    lines = [
        json.dumps({**good, "id": "good-1"}),
        '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": "bigint", "text": "x", "n": ' + "9" * 5_000 + "}",
        json.dumps({**good, "id": "good-2"}),
    ]
    first = tmp_path / "a.jsonl"
    first.write_text("\n".join(lines) + "\n", encoding="utf-8")
    array = tmp_path / "b.json"  # a whole-file JSON array that cannot be parsed safely falls back to lines
    array.write_text(
        "[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({**good, "id": "good-3"}) + "\n", encoding="utf-8"
    )
    later = tmp_path / "c.jsonl"
    later.write_text(json.dumps({**good, "id": "good-4"}) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    report = ingest([str(first), str(array), str(later)], db=db)
    assert report.added == 4
    with Store(db) as store:
        rejects = {(Path(r.origin).name, r.line): r for r in store.rejects()}
        assert {a.id for a in store.articles()} == {"good-1", "good-2", "good-3", "good-4"}
    assert rejects[("a.jsonl", 2)].reason == "bad_json" and "nested" in rejects[("a.jsonl", 2)].detail
    assert rejects[("a.jsonl", 3)].reason == "bad_json" and "digits" in rejects[("a.jsonl", 3)].detail
    assert rejects[("b.json", 1)].reason == "bad_json"


def test_ignored_fields_are_named_and_a_corrected_mapping_makes_new_versions(tmp_path: Path) -> None:
    body = (
        "Presiden meresmikan jembatan baru di Palu pada Senin pagi. Jembatan itu menghubungkan dua "
        "kecamatan yang selama ini terpisah oleh sungai besar. Warga menyambut gembira peresmian itu."
    )
    records = [
        {
            "id": f"r{i}",
            "headline_id": f"Jembatan Palu diresmikan {i}",
            "when": "2019-09-13 21:04",
            "isi": f"Selasa (10/9/2019). {body} Nomor {i}.",
            "kategori": "nasional",
        }
        for i in range(3)
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "s.db"
    first = ingest([str(path)], db=db)
    usage = first.fields[str(path)]
    assert usage.records == 3 and ("isi", "text") in usage.used
    assert set(usage.ignored) == {"headline_id", "when", "kategori"}
    assert usage.suggestions() == {"headline_id": "title", "when": "published"}
    with Store(db) as store:
        before = store.article("r0")
    assert before.title != "Jembatan Palu diresmikan 0" and before.published_from != "record"

    again = ingest([str(path)], db=db)
    assert again.added == again.new_versions == 0 and again.unchanged == 3

    fixed = ingest([str(path)], db=db, mapping={"headline_id": "title", "when": "published"})
    assert fixed.new_versions == 3 and fixed.added == 0
    with Store(db) as store:
        after = store.article("r0")
        assert after.version == 2 and store.article("r0", version=1).title == before.title
    assert after.title == "Jembatan Palu diresmikan 0"
    assert after.published is not None and after.published.strftime("%Y-%m-%d %H:%M") == "2019-09-13 21:04"
    assert ingest([str(path)], db=db, mapping={"headline_id": "title", "when": "published"}).unchanged == 3

    shown = subprocess.run(
        [sys.executable, "-m", "newstrace.cli", "ingest", str(path), "--db", str(tmp_path / "t.db")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    said = " ".join(shown.stderr.split())
    assert "--map headline_id=title" in said and "--map when=published" in said and "kategori" in said
