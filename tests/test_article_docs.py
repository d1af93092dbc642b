"""The analysis's documents held lightly: rows without text, MatchDocs in a bounded cache, read
back from a spill file when needed again, and an analysis whose results do not depend on the
cache size."""

from __future__ import annotations

import importlib
import sqlite3
from pathlib import Path

import pytest

import newstrace.article_docs as article_docs
from newstrace import Store, ingest
from newstrace.analyze import AnalyzeConfig
from newstrace.article_docs import ArticleDocs
from newstrace.clean import split_sentences
from newstrace.match_doc import MatchDoc
from newstrace.pipeline import analyze
from newstrace.store import analysis as db

from .conftest import CLICKID_SAMPLE, SEEDS

# The package's ``analyze`` is the function; the module holds the settings patched below.
analyze_module = importlib.import_module("newstrace.analyze")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docs") / "s.db"
    ingest([str(SEEDS), str(CLICKID_SAMPLE)], db=path)
    return path


def test_rows_are_kept_without_text_and_docs_are_bounded(ingested: Path) -> None:
    with Store(ingested) as store:
        rows = db.article_rows(store)[:20]
        docs = ArticleDocs(store, capacity=4)
        docs.add_rows(rows)
        assert all(r.text == "" for r in docs.rows.values())
        ids = [r.id for r in rows]
        streamed = list(docs.stream(ids))
        assert [d.id for d in streamed] == ids
        assert sum(docs.cached(i) for i in ids) == 4  # only the most recent ones
        assert docs.built == 20
        first = rows[0]
        again = docs.doc(first.id)  # dropped from memory: read back from the spill, not built
        assert docs.built == 20 and docs.cached(first.id)
        fresh = MatchDoc.build(first.id, first.title, split_sentences(first.text), outlet=first.outlet)
        assert (again.sentences, again.tokens, again.entities, again.lead_entities) == (
            fresh.sentences,
            fresh.tokens,
            fresh.entities,
            fresh.lead_entities,
        )
        assert again.shingles.tolist() == fresh.shingles.tolist()
        assert docs.sentences([first.id, rows[1].id]) == {
            first.id: split_sentences(first.text),
            rows[1].id: split_sentences(rows[1].text),
        }
        assert docs.built == 20
        docs.close()  # the spill is gone: a document asked for again is built again
        assert docs.doc(rows[1].id).sentences == tuple(split_sentences(rows[1].text))
        assert docs.built == 21


def _results(path: Path) -> list[list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        return [
            conn.execute(sql).fetchall()
            for sql in (
                "SELECT * FROM relations ORDER BY a, b",
                "SELECT * FROM borrowings ORDER BY borrower, source",
                "SELECT * FROM groups ORDER BY id",
                "SELECT * FROM copy_edges ORDER BY child",
                "SELECT parent, child, position, kind, old, new, tags FROM changes ORDER BY parent, child, position",
            )
        ]


def _copies(ingested: Path, *targets: Path) -> tuple[Path, ...]:
    for target in targets:
        with sqlite3.connect(ingested) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
    return targets


def test_analysis_does_not_depend_on_how_many_docs_are_kept(
    ingested: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roomy, tight = _copies(ingested, tmp_path / "roomy.db", tmp_path / "tight.db")
    analyze(roomy)
    monkeypatch.setattr(article_docs, "DOC_CACHE", 6)  # nearly every document built again
    analyze(tight)
    assert _results(tight) == _results(roomy)
    assert _results(roomy)[0]  # relations were found


def test_analysis_in_forked_workers_equals_one_process(
    ingested: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, forked = _copies(ingested, tmp_path / "one.db", tmp_path / "forked.db")
    analyze(one, config=AnalyzeConfig(match_workers=1))
    # Every document, pair and copy group goes to the workers, however few there are.
    monkeypatch.setattr(article_docs, "PARALLEL_MIN_BUILDS", 1)
    monkeypatch.setattr(analyze_module, "PARALLEL_MIN_PAIRS", 1)
    monkeypatch.setattr(analyze_module, "PARALLEL_MIN_GROUPS", 1)
    monkeypatch.setattr(analyze_module, "_PAIR_CHUNK", 7)
    analyze(forked, config=AnalyzeConfig(match_workers=2))
    assert _results(forked) == _results(one)
    assert _results(one)[3]  # copy edges were traced


def test_documents_built_in_workers_are_those_built_here(ingested: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(article_docs, "PARALLEL_MIN_BUILDS", 1)
    with Store(ingested) as store:
        rows = db.article_rows(store)[:30]
        here, forked = ArticleDocs(store, workers=1), ArticleDocs(store, capacity=4, workers=2)
        for docs in (here, forked):
            docs.add_rows(rows)
        ids = [r.id for r in rows]
        local = list(here.stream(ids))
        remote = list(forked.stream(ids + ids[:3]))  # a repeated id is built once
        assert forked.built == 30
        for a, b in zip(local + local[:3], remote):
            assert (a.id, a.sentences, a.tokens, a.entities, a.numbers, a.places) == (
                b.id,
                b.sentences,
                b.tokens,
                b.entities,
                b.numbers,
                b.places,
            )
            assert a.shingles.tolist() == b.shingles.tolist()
        forked.close()
