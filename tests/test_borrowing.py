"""Borrowing is not copying: adversarial articles built from real text (the seeds and the
CLICK-ID sample) that reuse a few sentences of others must not join their copy groups, and
their partial reuse is kept as borrowings: stored, shown, exported."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace import Store, analyze, borrowings, ingest, similar, trace
from newstrace.clean import clean_page, split_sentences
from newstrace.cli import main
from newstrace.match import compare
from newstrace.match_doc import MatchDoc
from newstrace.match_features import pair_features
from newstrace.match_models import COPY_MIN_COVERAGE
from newstrace.model import Relation
from newstrace.stories import group_articles

from .conftest import CLICKID_SAMPLE, SEEDS

K, ISU, INTI, KTV, TRIB = (
    "000_36f9f1e935abbde4",
    "001_d1b17a01c544b071",
    "002_5a0d48aab88660f0",
    "003_69ee16c09114b4dc",
    "004_7c033945fca6c72f",
)
# Three press-release stories of the sample, each carried by three outlets.
REPORTS = ("667439bd6b18ea1d", "cc99a96ff0232608", "b46911e545f394fd")
# Two unrelated sample stories that get reaction pieces sharing one quote.
REACTION_BASES = ("4d9cd4e84c6505e8", "289cdfab08fa292c")
RECAP, DIGEST, REACTION_A, REACTION_B = "recap-kim", "digest-bea-cukai", "reaction-a", "reaction-b"


def _seed(name: str) -> list[str]:
    return split_sentences(clean_page((SEEDS / f"{name}.txt").read_text(encoding="utf-8")).text)


def _sample() -> dict[str, dict[str, str]]:
    with CLICKID_SAMPLE.open(encoding="utf-8") as lines:
        return {r["id"]: r for r in map(json.loads, lines)}


def _paragraphs(*sentences: str) -> str:
    return "\n\n".join(sentences)


def adversarial_records() -> list[dict[str, str]]:
    kontan, kompas_tv = _seed(K), _seed(KTV)
    sample = _sample()
    # A report of a new development that recaps two sentences of the kontan report.
    recap = {
        "id": RECAP,
        "outlet": "contoh-berita.id",
        "title": "Kremlin Sebut Kabar Tentara Korea Utara Hoaks",
        "published": "2024-10-12T09:00:00+07:00",
        "text": _paragraphs(
            *kompas_tv[:6], "Diberitakan sebelumnya, " + kontan[0][0].lower() + kontan[0][1:], kontan[10]
        ),
    }
    # A digest page: the lead of each of three reports.
    leads = [split_sentences(sample[r]["text"])[:3] for r in REPORTS]
    digest = {
        "id": DIGEST,
        "outlet": "kumpulan-berita.id",
        "title": "Berita Pilihan Hari Ini",
        "published": "2019-09-10T20:00:00+07:00",
        "text": _paragraphs("Berikut rangkuman berita pilihan hari ini.", *(s for lead in leads for s in lead)),
    }
    # Two reaction pieces on unrelated stories sharing one quoted statement and boilerplate.
    quote = kompas_tv[2]
    boilerplate = "Simak berita menarik lainnya dan dapatkan informasi terkini setiap hari hanya di sini."
    reactions = []
    for rid, base, outlet, hour in (
        (REACTION_A, REACTION_BASES[0], "reaksi-satu.id", 8),
        (REACTION_B, REACTION_BASES[1], "reaksi-dua.id", 9),
    ):
        own = split_sentences(sample[base]["text"])[:6]
        reactions.append(
            {
                "id": rid,
                "outlet": outlet,
                "title": sample[base]["title"] + " (reaksi)",
                "published": f"2019-09-11T{hour:02d}:00:00+07:00",
                "text": _paragraphs(*own, quote, boilerplate),
            }
        )
    return [recap, digest, *reactions]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("borrowing")
    db = folder / "b.db"
    ingest([str(SEEDS), str(CLICKID_SAMPLE)], db=db)
    analyze(db)
    extra = folder / "adversarial.jsonl"
    extra.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in adversarial_records()), "utf-8")
    ingest([str(extra)], db=db)
    report = analyze(db)  # incremental: only the adversarial articles are new
    assert report.new_articles == 4
    return db


def _groups(db: Path) -> dict[str, tuple[str, str, str]]:
    with Store(db) as store:
        return {
            r[0]: (r[1], r[2], r[3]) for r in store.conn.execute("SELECT id, copy_group, story, storyline FROM groups")
        }


def test_recap_of_two_sentences_is_a_borrowing_not_a_copy(store_path: Path) -> None:
    groups = _groups(store_path)
    assert groups[RECAP][0] != groups[K][0]
    with Store(store_path) as store:
        relation = {r.b: r for r in similar(store, RECAP)}.get(K)
        assert relation is None or relation.kind != "copy"
        takes, _ = borrowings(store, RECAP)
        _, given = borrowings(store, K)
    from_kontan = [b for b in takes if b.source in (K, INTI, TRIB)]
    assert from_kontan and all(b.borrower == RECAP for b in from_kontan)
    kontan = next(b for b in from_kontan if b.source == K)
    text = " ".join(p.text for p in kontan.passages)
    assert "Kim Jong Un dilaporkan telah menolak" in text and "Sarah Hurst" in text
    assert 0 < kontan.share < 0.4  # two sentences of a longer report
    assert any(b.borrower == RECAP for b in given)


def test_digest_of_three_reports_joins_none_of_their_groups(store_path: Path) -> None:
    groups = _groups(store_path)
    assert groups[DIGEST][0] == DIGEST
    for report in REPORTS:
        members = [i for i, g in groups.items() if g[0] == groups[report][0]]
        assert len(members) >= 2, report  # each report has its own copies
        assert DIGEST not in members
    with Store(store_path) as store:
        sources = {b.source for b in borrowings(store, DIGEST)[0]}
    for report in REPORTS:
        members = {i for i, g in groups.items() if g[0] == groups[report][0]}
        assert sources & members, report


def test_reaction_pieces_sharing_a_quote_are_not_copies(store_path: Path) -> None:
    groups = _groups(store_path)
    assert groups[REACTION_A][0] != groups[REACTION_B][0]
    with Store(store_path) as store:
        kinds = {r.b: r.kind for r in similar(store, REACTION_A)}
    assert kinds.get(REACTION_B) != "copy"
    for reaction, base in zip((REACTION_A, REACTION_B), REACTION_BASES):
        assert groups[reaction][0] == groups[base][0] or groups[reaction][0] == reaction


def test_seeds_keep_their_groups_beside_the_adversarial_articles(store_path: Path) -> None:
    groups = _groups(store_path)
    assert groups[K][0] == groups[INTI][0] == groups[TRIB][0] == K
    assert groups[ISU][0] != groups[K][0] and groups[ISU][1] == groups[K][1]
    assert groups[KTV][1] != groups[K][1] and groups[KTV][2] == groups[K][2]


def test_intisari_is_a_copy_by_coverage_of_the_shorter_text() -> None:
    kontan, intisari = (MatchDoc.build(n, None, _seed(n)) for n in (K, INTI))
    features = pair_features(kontan, intisari)
    # The appended background halves Intisari's own share; kontan's text is nearly all there.
    assert features.coverage >= features.shared_a  # kontan is the shorter text
    assert features.coverage > 0.8 > COPY_MIN_COVERAGE
    assert features.shared_b < 0.6
    found = compare(kontan, intisari)
    assert found.relation is not None and found.relation.kind == "copy" and found.borrowing is None


def test_borrower_is_the_later_article_and_share_is_of_its_text() -> None:
    kontan = _seed(K)
    recap_sentences = _seed(KTV)[:6] + kontan[:2]
    a = MatchDoc.build("early", None, kontan, published=datetime.fromisoformat("2022-03-21T05:40:00+07:00"))
    b = MatchDoc.build("late", None, recap_sentences, published=datetime.fromisoformat("2022-03-22T05:40:00+07:00"))
    for first, second in ((a, b), (b, a)):
        found = compare(first, second)
        assert found.relation is None or found.relation.kind != "copy"
        assert found.borrowing is not None
        assert (found.borrowing.borrower, found.borrowing.source) == ("late", "early")
        passage = found.borrowing.passages[0]
        assert (passage.a_start, passage.a_end, passage.b_start, passage.b_end) == (6, 8, 0, 2)
        assert "Kim Jong Un" in passage.text
        words = [len(s.split()) for s in recap_sentences]
        assert found.borrowing.share == pytest.approx(sum(words[6:]) / sum(words), abs=0.05)


def test_trace_similar_and_export_show_borrowings(store_path: Path) -> None:
    with Store(store_path) as store:
        view = trace(store, K)
    assert any(b.borrower == RECAP for b in view.borrowed_by)
    assert all(b.borrower not in (K, INTI, TRIB) for b in view.borrowed_by)
    runner = CliRunner()
    shown = runner.invoke(main, ["trace", K, "--db", str(store_path)])
    assert shown.exit_code == 0 and "borrowed by" in shown.output and RECAP in shown.output
    shown = runner.invoke(main, ["similar", RECAP, "--db", str(store_path)])
    assert shown.exit_code == 0 and "borrows from" in shown.output and K in shown.output
    result = runner.invoke(main, ["export", "borrowings", "--db", str(store_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records and all(set(r) == {"borrower", "source", "passages", "share"} for r in records)
    recap = next(r for r in records if r["borrower"] == RECAP and r["source"] == K)
    assert 0 < recap["share"] < 0.4 and recap["passages"][0]["borrower_sentences"][0] > 6
    result = runner.invoke(main, ["export", "borrowings", "--db", str(store_path), "--format", "csv"])
    assert result.exit_code == 0 and result.output.splitlines()[0] == "borrower,source,passages,share"


def test_a_newer_version_drops_its_old_borrowings(store_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(store_path.read_bytes())
    record = next(r for r in adversarial_records() if r["id"] == RECAP)
    record["text"] = _paragraphs(*_seed(KTV)[:6])  # the recap paragraph removed
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    ingest([str(changed)], db=db)
    analyze(db)
    with Store(db) as store:
        assert not [b for b in borrowings(store, RECAP)[0] if b.source == K]


def _copy(a: str, b: str, share: float = 0.9) -> Relation:
    return Relation(a, b, "copy", 0.9, share, share)


def test_copy_groups_do_not_chain_through_one_article() -> None:
    # r1 and r2 each have a copy; x is a copy of r1's pair (a majority of it) and of r2 alone.
    ids = ["r1", "r1b", "r2", "r2b", "x"]
    relations = [
        _copy("r1", "r1b"),
        _copy("r2", "r2b"),
        _copy("x", "r1", 0.6),
        _copy("x", "r1b", 0.6),
        _copy("x", "r2", 0.45),
    ]
    groups = group_articles(ids, relations, {}).copy_group
    assert groups["r1"] == groups["r1b"] == groups["x"]
    assert groups["r2"] == groups["r2b"] != groups["r1"]
    # A copy of a copy joins its parent's pair; a chain of four does not become one group.
    trio = group_articles(["a", "b", "c"], [_copy("a", "b"), _copy("b", "c", 0.6)], {})
    assert len(set(trio.copy_group.values())) == 1
    chain = group_articles(
        ["a", "b", "c", "d"], [_copy("a", "b"), _copy("b", "c", 0.6), _copy("c", "d", 0.55)], {}
    ).copy_group
    assert len(set(chain.values())) == 2 and chain["a"] == chain["b"]
