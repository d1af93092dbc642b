"""Relation stage: calibrated classification of seed pairs, relations and borrowings (partial
reuse) told from copies."""

from __future__ import annotations

import itertools
import math
from datetime import datetime

import pytest

from newstrace.match import TfidfIndex, classify, compare, relate
from newstrace.match_doc import MatchDoc
from newstrace.match_features import PairFeatures, pair_features
from newstrace.match_models import COPY_MIN_COVERAGE

from .conftest import OTHER, SEEDS, clean_seed, seed_docs, seed_index


def _seed_sentences(prefix: str) -> list[str]:
    return clean_seed(next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8"))[1]


def seed_relation(a: str, b: str) -> tuple[str | None, PairFeatures]:
    docs = seed_docs()
    features = pair_features(docs[a], docs[b], index=seed_index())
    return classify(features)[0], features


# --- seeds ------------------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b"), [("000", "002"), ("000", "004"), ("002", "004")])
def test_seed_copies_are_copies_with_passages(a: str, b: str) -> None:
    kind, features = seed_relation(a, b)
    assert kind == "copy"
    assert features.passages
    assert features.longest_run >= 8
    assert max(features.shared_a, features.shared_b) > 0.5


def test_seed_paraphrase_is_same_story_not_copy() -> None:
    pytest.importorskip("newstrace.clean", reason="raw seed 000 keeps its page chrome")
    kind, features = seed_relation("001", "000")
    assert kind == "same_story"
    assert max(features.shared_a, features.shared_b) < 0.3


def test_seed_later_event_is_related_not_same_story() -> None:
    for other in ("000", "001", "004"):
        kind, _ = seed_relation("003", other)
        assert kind == "related", other


def test_seed_pairs_get_the_same_answer_alone_and_beside_the_sample() -> None:
    docs = seed_docs()
    alone = TfidfIndex.from_docs(list(docs.values()))
    for a, b in itertools.combinations(sorted(docs), 2):
        by_itself = pair_features(docs[a], docs[b], index=alone)
        in_sample = pair_features(docs[a], docs[b], index=seed_index())
        assert classify(by_itself)[0] == classify(in_sample)[0], (a, b)
        # The background keeps word weights, hence cosines, nearly where a larger store puts them.
        assert by_itself.tfidf_cosine == pytest.approx(in_sample.tfidf_cosine, abs=0.03), (a, b)


def test_relate_returns_a_relation_with_shares() -> None:
    docs = seed_docs()
    relation = relate(docs["000"], docs["004"], index=seed_index())
    assert relation is not None
    assert (relation.a, relation.b, relation.kind) == ("000", "004", "copy")
    assert 0.5 < relation.shared_a <= 1.0
    assert relation.passages and relation.score > 0.5


# --- classification ---------------------------------------------------------------------


def test_dissimilar_pair_is_unrelated_and_missing_time_is_neutral() -> None:
    first = MatchDoc.build("x", "Harga emas Antam naik", OTHER[:1])
    second = MatchDoc.build("y", "Persib siapkan pemain baru", OTHER[1:])
    kind, score = classify(pair_features(first, second))
    assert kind is None and 0.0 <= score < 0.5
    features = pair_features(first, first)
    assert math.isnan(features.hours_apart)
    assert classify(features)[0] == "copy"


# --- borrowings: a few shared sentences are no copy -------------------------------------


def test_intisari_is_a_copy_by_coverage_of_the_shorter_text() -> None:
    kontan, intisari = (MatchDoc.build(n, None, _seed_sentences(n)) for n in ("000", "002"))
    features = pair_features(kontan, intisari)
    # The appended background halves Intisari's own share; kontan's text is nearly all there.
    assert features.coverage >= features.shared_a  # kontan is the shorter text
    assert features.coverage > 0.8 > COPY_MIN_COVERAGE
    assert features.shared_b < 0.6
    found = compare(kontan, intisari)
    assert found.relation is not None and found.relation.kind == "copy" and found.borrowing is None


def test_borrower_is_the_later_article_and_share_is_of_its_text() -> None:
    kontan = _seed_sentences("000")
    recap_sentences = _seed_sentences("003")[:6] + kontan[:2]
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


def test_match_doc_views_of_the_lead_and_shared_word_runs() -> None:
    sentences = [
        "Menurut Kepala Dinas Kesehatan Siti Rahma, vaksinasi di Kota Bogor dimulai Senin (16/9/2019).",
        "Sebanyak 1.250 dosis disiapkan oleh Dinas Kesehatan.",
        *[f"Kalimat tambahan nomor {k} tentang program yang sama tanpa nama tokoh." for k in range(40)],
        "Wali Kota Bima Arya menutup acara di Balai Kota.",
    ]
    doc = MatchDoc.build("x", "Vaksinasi Dimulai di Bogor", sentences)
    # The lead is the title and about the first 1,200 characters, not the whole text.
    assert doc.lead_tokens[:4] == ("vaksinasi", "dimulai", "di", "bogor")
    assert "arya" in doc.tokens and "arya" not in doc.lead_tokens
    assert "kepala dinas kesehatan siti rahma" in doc.lead_entities and "kota bima arya" in doc.entities
    assert "kota bima arya" not in doc.lead_entities
    assert "1250" in doc.numbers and "16/9" in doc.lead_dates
    # Word 8-gram hashes: a text shares all of its own, a reworded copy shares those it keeps.
    copy = MatchDoc.build("y", None, [s.replace("tambahan", "lain") for s in sentences])
    assert set(doc.shingles.tolist()) >= set(copy.shingles.tolist()) & set(doc.shingles.tolist()) != set()
    assert len(set(doc.shingles.tolist()) & set(copy.shingles.tolist())) < len(doc.shingles)
    assert MatchDoc.build("z", None, ["Terlalu pendek."]).shingles.size == 0
