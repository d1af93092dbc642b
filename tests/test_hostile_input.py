"""Hostile inputs and faults: each gives a clear message, a reject or note with its reason, and
no traceback; the rest of the batch goes in and nothing stored is lost."""

from __future__ import annotations

import codecs
import gzip
import importlib
import json
import re
import shutil
import sqlite3
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace import Store, analyze, ingest
from newstrace.cli import main
from newstrace.errors import InputError
from newstrace.settings import default
from newstrace.store import analysis as db

from .conftest import CLICKID_SAMPLE, SEEDS

# An OSC window title, an OSC 8 hyperlink, a screen clear, and rich markup that crashes.
EVIL = "\x1b]0;pwned\x07\x1b]8;;http://evil.example\x07\x1b[2J[/x][bold]"


def _seed_records(id_suffix: str = "", outlet: str | None = None) -> list[dict[str, str]]:
    return [
        {"id": p.stem + id_suffix, "outlet": outlet or "kontan.co.id", "text": p.read_text(encoding="utf-8")}
        for p in sorted(SEEDS.glob("*.txt"))
    ]


def _write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _flat(output: str) -> str:
    """Terminal output without table borders and wrapping, to find a value a cell wrapped."""
    return re.sub(r"[\s\u2500-\u257f]", "", output)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed story under ids and outlets full of escape sequences and markup, analysed,
    with a reject from a folder whose name holds both."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / ("in" + EVIL.replace("/", "|")) / "x]"  # "[/x]" spans a path separator
    folder.mkdir(parents=True)
    _write_jsonl(folder / "seeds.jsonl", _seed_records(EVIL, "kontan" + EVIL))
    with open(folder / "seeds.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"id": "broken", "text": \n')
    store = root / "s.db"
    code, output = _run("ingest", str(folder), "--db", str(store))
    assert code == 1 and "Traceback" not in output and "\x1b" not in output
    analyze(store)
    return store


def test_escape_sequences_and_markup_never_reach_the_terminal(hostile_store: Path) -> None:
    first = "000_36f9f1e935abbde4" + EVIL
    second = "004_7c033945fca6c72f" + EVIL
    views = [
        ("stories", "--db", str(hostile_store)),
        ("story", first, "--db", str(hostile_store)),
        ("storyline", first, "--db", str(hostile_store)),
        ("trace", first, "--db", str(hostile_store)),
        ("similar", first, "--db", str(hostile_store)),
        ("diff", first, second, "--db", str(hostile_store)),
        ("rejects", "--db", str(hostile_store)),
    ]
    for args in views:
        code, output = _run(*args)
        assert code == 0, (args, output)
        assert "\x1b" not in output and "\x07" not in output, args
        assert "Traceback" not in output
    # the values are shown, escaped, not dropped
    code, output = _run("rejects", "--db", str(hostile_store))
    assert "\\x1b]0;pwned" in _flat(output)
    code, output = _run("trace", first, "--db", str(hostile_store))
    assert "\\x1b[2J" in _flat(output) and "[bold]" in _flat(output)


def test_markup_in_a_path_does_not_crash_the_summary_or_rejects(tmp_path: Path) -> None:
    folder = tmp_path / "a[" / "x]"
    folder.mkdir(parents=True)
    (folder / "bad.jsonl").write_text('{"id": 1, "text": \n', encoding="utf-8")
    code, output = _run("ingest", str(tmp_path / "a["), "--db", str(tmp_path / "s.db"))
    assert code == 1 and "bad_json" in output and "Traceback" not in output
    code, output = _run("rejects", "--db", str(tmp_path / "s.db"))
    assert code == 0 and "a[/x]/bad.jsonl" in _flat(output)


def test_a_huge_text_is_analysed_up_to_the_cap_with_a_note(tmp_path: Path) -> None:
    cap = default("max_analysed_chars")
    seed = (SEEDS / "000_36f9f1e935abbde4.txt").read_text(encoding="utf-8")
    record = {"id": "huge", "outlet": "kontan.co.id", "text": seed + "\n\n" + "Paragraf tambahan. " * (cap // 18)}
    store_path = tmp_path / "s.db"
    report = ingest([str(_write_jsonl(tmp_path / "huge.jsonl", [record]))], db=store_path)
    assert report.added == 1
    assert [(i, k) for i, k, _ in report.notes] == [("huge", "text_capped")]
    with Store(store_path) as store:
        assert len(store.article("huge").text) > cap  # stored whole
        assert [len(r.text) for r in db.pending_articles(store)] == [cap]  # analysed up to the cap
        note = store.conn.execute("SELECT kind, detail FROM notes").fetchone()
        assert note[0] == "text_capped" and f"{cap:,}" in note[1]


def test_a_gzip_bomb_is_rejected_while_streaming(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(b'{"id": "x", "text": "' + b"a" * 60_000_000 + b'"}\n', compresslevel=1))
    good = _write_jsonl(tmp_path / "good.jsonl", _seed_records())
    tracemalloc.start()
    try:
        report = ingest([str(bomb), str(good)], db=tmp_path / "s.db")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert report.added == 5
    assert [(Path(r.origin).name, r.reason) for r in report.rejects] == [("bomb.jsonl.gz", "too_large")]
    assert "expands" in report.rejects[0].detail
    assert peak < 45_000_000  # never the 60 MB the bomb holds, let alone twice that


def _damage(path: Path) -> None:
    """Overwrite pages in the middle of the articles table with garbage, as a bad disk sector
    would (aimed at the articles, so every command that reads them meets it, whatever else
    the store holds)."""
    with sqlite3.connect(path) as conn:
        pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = 'articles' ORDER BY pageno")]
        page = int(conn.execute("PRAGMA page_size").fetchone()[0])
    conn.close()
    data = bytearray(path.read_bytes())
    middle = (pages[len(pages) // 2] - 1) * page
    data[middle : middle + 8 * page] = b"\xa5" * (8 * page)
    path.write_bytes(bytes(data))


def test_a_damaged_store_is_named_with_the_way_to_recover_for_every_command(tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    ingest([str(CLICKID_SAMPLE)], db=store)
    analyze(store)
    conn = sqlite3.connect(store)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    _damage(store)
    before = store.read_bytes()
    # Views that read only intact pages still answer; whatever meets the damage says so.
    views = [("stories",), ("story", "4d9cd4e84c6505e8"), ("rejects",), ("trace", "4d9cd4e84c6505e8")]
    for args in views:
        code, output = _run(*args, "--db", str(store))
        assert code == 0 or (code == 2 and "damaged" in output and ".recover" in output), (args, output)
        assert "Traceback" not in output
    for args in [("export", "articles"), ("analyze",), ("ingest", str(SEEDS))]:
        code, output = _run(*args, "--db", str(store))
        assert code == 2, (args, output)
        assert "damaged" in output and ".recover" in output, (args, output)
        assert "Traceback" not in output
    assert store.read_bytes() == before  # ingest wrote nothing into it


def test_csv_export_neutralises_formula_cells_and_jsonl_stays_exact(tmp_path: Path) -> None:
    records = _seed_records()[:2]
    records[0].update(title='=HYPERLINK("http://evil.example","klik")', outlet="+cmd|' /C calc'!A0")
    records[1].update(title="@SUM(1+1)", outlet="-2+3")
    store = tmp_path / "s.db"
    ingest([str(_write_jsonl(tmp_path / "in.jsonl", records))], db=store)
    code, csv_text = _run("export", "articles", "--db", str(store), "--format", "csv")
    assert code == 0
    import csv
    import io

    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(csv_text))}
    first, second = rows["000_36f9f1e935abbde4"], rows["001_d1b17a01c544b071"]
    assert first["title"] == "'" + records[0]["title"] and first["outlet"] == "'" + records[0]["outlet"]
    assert second["title"] == "'@SUM(1+1)" and second["outlet"] == "'-2+3"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows.values() for cell in row.values())
    code, jsonl = _run("export", "articles", "--db", str(store))
    exact = {r["id"]: r for r in map(json.loads, jsonl.splitlines())}
    assert exact["000_36f9f1e935abbde4"]["title"] == records[0]["title"]


def test_one_bad_line_of_jsonl_is_rejected_alone(tmp_path: Path) -> None:
    records = _seed_records()
    lines = [json.dumps(r, ensure_ascii=False).encode() for r in records]
    lines.insert(2, json.dumps({"id": "latin", "text": "Berita tentang café"}, ensure_ascii=False).encode("latin-1"))
    lines.insert(4, b'{"id": "nul", "text": "ada\x00nol"}')
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    report = ingest([str(path)], db=tmp_path / "s.db")
    assert report.added == 5
    assert sorted((r.line, r.reason) for r in report.rejects) == [(3, "encoding"), (5, "bad_json")]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_a_file_with_a_byte_order_mark_is_decoded_not_called_binary(tmp_path: Path, codec: str) -> None:
    text = (SEEDS / "000_36f9f1e935abbde4.txt").read_text(encoding="utf-8")
    bom = {"utf-16": b"", "utf-16-be": codecs.BOM_UTF16_BE, "utf-32": b""}[codec]
    page = tmp_path / "kontan.txt"
    page.write_bytes(bom + text.encode(codec))
    records = _write_jsonl(tmp_path / "r.jsonl", _seed_records()[1:3])
    (tmp_path / "r16.jsonl").write_bytes(records.read_text(encoding="utf-8").encode("utf-16"))
    records.unlink()
    for encoding in (None, "utf-16"):
        report = ingest([str(tmp_path)], db=tmp_path / f"s{encoding}.db", encoding=encoding)
        assert report.rejected == 0 and report.added == 3, report.rejects
    with Store(tmp_path / "sNone.db") as store:
        assert "Kim Jong Un" in store.article("kontan").text


def test_nul_bytes_in_an_article_are_dropped_with_a_note(tmp_path: Path) -> None:
    text = (SEEDS / "000_36f9f1e935abbde4.txt").read_text(encoding="utf-8")
    cut = text.index("Pemimpin Korea Utara")
    (tmp_path / "page.txt").write_text(text[:cut] + "\x00\x00" + text[cut:] + "\x00", encoding="utf-8")
    report = ingest([str(tmp_path / "page.txt")], db=tmp_path / "s.db")
    assert report.added == 1 and report.rejected == 0
    assert report.notes == [("page", "nul_bytes", "dropped 3 NUL bytes found in the input")]
    with Store(tmp_path / "s.db") as store:
        assert "\x00" not in store.article("page").text
        assert "Pemimpin Korea Utara Kim Jong Un" in store.article("page").text


def test_export_errors_are_one_clear_line(tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    ingest([str(SEEDS)], db=store)
    code, output = _run("export", "articles", "--db", str(store), "-o", str(tmp_path / "no" / "such" / "a.jsonl"))
    assert code == 2 and "error" in output and "Traceback" not in output
    assert "does not exist" in output
    if Path("/dev/full").exists():
        code, output = _run("export", "articles", "--db", str(store), "-o", "/dev/full")
        assert code == 2 and "error" in output and "Traceback" not in output
        assert Path("/dev/full").is_char_device()  # written through, never replaced


def test_an_impossible_offset_is_a_recorded_problem_not_a_changed_time(tmp_path: Path) -> None:
    records = _seed_records()[:1]
    records[0]["published"] = "2022-03-21T05:40:00+99:00"
    store = tmp_path / "s.db"
    report = ingest([str(_write_jsonl(tmp_path / "r.jsonl", records))], db=store)
    assert [k for _, k, _ in report.notes] == ["published_unreadable"]
    with Store(store) as s:
        article = s.article("000_36f9f1e935abbde4")
        assert article.published_from != "record"
        assert s.conn.execute("SELECT COUNT(*) FROM notes WHERE kind='published_unreadable'").fetchone()[0] == 1
    # the same in a page's header is not an error that loses the article
    page = tmp_path / "page.txt"
    page.write_text(records[0]["text"].replace("05:40 WIB", "05:40 GMT+99:00"), encoding="utf-8")
    report = ingest([str(page)], db=tmp_path / "t.db")
    assert report.added == 1 and report.rejected == 0
    with Store(tmp_path / "t.db") as s:
        assert (
            s.article("page").published is None or s.article("page").published.utcoffset().total_seconds() <= 14 * 3600
        )


def test_bad_options_are_usage_errors_and_nothing_is_created(tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    ingest([str(SEEDS)], db=store)
    analyze(store)
    code, output = _run("stories", "--db", str(store), "--limit", "-1")
    assert code == 2 and "--limit" in output
    code, output = _run("ingest", str(SEEDS), "--db", str(tmp_path / "t.db"), "--encoding", "nosuchcodec")
    assert code == 2 and "nosuchcodec" in output and not (tmp_path / "t.db").exists()
    with pytest.raises(InputError, match="nosuchcodec"):
        ingest([str(SEEDS)], db=tmp_path / "t.db", encoding="nosuchcodec")
    code, output = _run("ingest", str(tmp_path / "missing.jsonl"), "--db", str(tmp_path / "u.db"))
    assert code == 2 and "no such file" in output
    code, output = _run("analyze", "--db", str(tmp_path / "v.db"))
    assert code == 2 and "no store" in output
    assert not any((tmp_path / name).exists() for name in ("t.db", "u.db", "v.db"))


def test_a_cleaning_failure_is_a_reject_without_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_module = importlib.import_module("newstrace.ingest.prepare")

    def broken(text: str, **meta: object) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(ingest_module, "clean_page", broken)
    code, output = _run("ingest", str(SEEDS), "--db", str(tmp_path / "s.db"))
    assert code == 1 and "clean_error" in output and "Traceback" not in output


def test_a_killed_ingest_is_marked_interrupted_by_the_next(tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    ingest([str(SEEDS)], db=store)
    conn = sqlite3.connect(store)
    # A run whose process is gone, as kill -9 leaves it.
    conn.execute("INSERT INTO ingest_runs(started_at, inputs, pid) VALUES ('2026-01-01T00:00:00', 'x', 2147483646)")
    conn.commit()
    ingest([str(SEEDS)], db=store)
    statuses = [r[0] for r in conn.execute("SELECT status FROM ingest_runs ORDER BY run_id")]
    conn.close()
    assert statuses == ["done", "interrupted", "done"]


def test_articles_ingested_during_an_analysis_wait_for_the_next(tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    late = seeds / "004_7c033945fca6c72f.txt"
    late_copy = tmp_path / late.name
    late.rename(late_copy)
    ingest([str(seeds)], db=store)

    def arrive(stage: str) -> None:
        if stage == "verification":
            ingest([str(late_copy)], db=store)  # another process's ingest, mid-analysis

    first = analyze(store, on_stage=arrive)
    assert first.new_articles == 4
    with Store(store) as s:
        grouped = {r[0] for r in s.conn.execute("SELECT id FROM groups")}
    assert late.stem not in grouped
    second = analyze(store)
    assert second.new_articles == 1
    with Store(store) as s:
        assert late.stem in {r[0] for r in s.conn.execute("SELECT id FROM groups")}
