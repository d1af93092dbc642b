"""Change classification between a parent and a child article, on the seed pages and on small units.

Seed 004 copies 000 with "pemain" -> "pasukan", an added clause about Sarah Hurst's "jaringan
kuat ke Kim Jong Un", the hedge "belum diverifikasi oleh sumber lain" -> "... oleh Pyongyang"
(joined onto the quote's paragraph), its own lead and related links, and a cut tail; seed 002
copies 000 and appends a long background section.
"""

from __future__ import annotations

import pytest

from newstrace.changes import (
    classify_change,
    diff_articles,
    is_substantive,
    summarise_changes,
    word_diff,
)
from newstrace.model import Change

from .conftest import seed_paragraphs


@pytest.fixture(scope="module")
def changes_004() -> list[Change]:
    return diff_articles("000", "004", seed_paragraphs("000"), seed_paragraphs("004"))


@pytest.fixture(scope="module")
def changes_002() -> list[Change]:
    return diff_articles("000", "002", seed_paragraphs("000"), seed_paragraphs("002"))


def _find(changes: list[Change], text: str) -> list[Change]:
    return [c for c in changes if text in (c.old or "") + " " + (c.new or "")]


def test_004_word_swap_is_wording(changes_004: list[Change]) -> None:
    (swap,) = _find(changes_004, "pasukan bertahan")
    assert swap.kind == "reworded"
    assert swap.tags == ["wording"]
    assert ("-", "pemain") in swap.word_diff and ("+", "pasukan") in swap.word_diff


def test_004_added_clause_is_embellishment(changes_004: list[Change]) -> None:
    (clause,) = _find(changes_004, "jaringan kuat")
    assert clause.kind in ("reworded", "added")
    assert "embellishment" in clause.tags
    assert any(op == "+" and "jaringan kuat ke Kim Jong Un" in words for op, words in clause.word_diff)


def test_004_verification_hedge_changed(changes_004: list[Change]) -> None:
    (hedge,) = [c for c in _find(changes_004, "sumber lain") if "Pyongyang" in (c.new or "")]
    assert hedge.kind == "reworded"
    assert "hedge" in hedge.tags


def test_004_related_links_are_chrome(changes_004: list[Change]) -> None:
    links = [c for c in changes_004 if "baca juga" in ((c.old or "") + (c.new or "")).lower()]
    assert any(c.kind == "added" for c in links) and any(c.kind == "removed" for c in links)
    assert all("chrome" in c.tags and not is_substantive(c) for c in links)


def test_004_lead_and_truncation(changes_004: list[Change]) -> None:
    (lead,) = _find(changes_004, "Salah satunya dari negara")
    assert lead.kind == "added" and "lead" in lead.tags
    (cut,) = _find(changes_004, "Duta Besar Korea Utara untuk PBB")
    assert cut.kind == "removed" and "truncation" in cut.tags


def test_002_appended_background(changes_002: list[Change]) -> None:
    appended = [c for c in changes_002 if "appended" in c.tags]
    assert len(appended) >= 20
    assert all(c.kind == "added" for c in appended)
    assert _find(appended, "Berdirinya Korea Utara")
    assert not [c for c in changes_002 if c.kind == "reworded" and "wording" in c.tags]


def test_number_change() -> None:
    old = "Laporan menunjukkan Rusia telah kehilangan hingga 13.500 tentara dalam konflik."
    new = "Laporan menunjukkan Rusia telah kehilangan hingga 15.000 tentara dalam konflik."
    assert classify_change(old, new) == ["number"]
    assert classify_change(
        "Polisi memeriksa saksi pada Selasa (10/9/2019) siang.", "Polisi memeriksa saksi pada Rabu (11/9/2019) siang."
    ) == ["number"]
    # The same number written differently is no change of number.
    assert "number" not in classify_change(
        "Harga naik menjadi 13.500 rupiah per kilo.", "Harga naik jadi 13.500 rupiah per kilo."
    )


def test_quote_change() -> None:
    old = 'Dia berkata, "Kami akan menang di laga besok malam."'
    new = 'Dia berkata, "Kami pasti menang di laga besok malam."'
    assert "quote" in classify_change(old, new)
    assert "quote" not in classify_change(
        'Dia berkata, "Kami akan menang." Lalu pergi.', 'Dia berkata, "Kami akan menang." Lalu pulang.'
    )


def test_hedge_and_attribution_changes() -> None:
    assert "hedge" in classify_change(
        "Kim dikabarkan menolak permintaan Putin.", "Kim dipastikan menolak permintaan Putin."
    )
    assert "hedge" in classify_change(
        "Klaim itu belum diverifikasi oleh sumber lain.", "Klaim itu belum diverifikasi oleh Pyongyang."
    )
    assert "attribution" in classify_change(
        "Situasi sudah terkendali, kata Budi Santoso.", "Situasi sudah terkendali, kata Andi Wijaya."
    )
    assert "attribution" in classify_change(
        "Menurut Reuters, pasukan mundur dari kota itu.", "Menurut AFP, pasukan mundur dari kota itu."
    )
    assert classify_change(
        "Namun para pemain bertahan Ukraina tetap menantang.", "Namun para pasukan bertahan Ukraina tetap menantang."
    ) == ["wording"]


def test_word_diff_and_summary(changes_004: list[Change]) -> None:
    assert word_diff("para pemain bertahan", "para pasukan bertahan") == [
        ("=", "para"),
        ("-", "pemain"),
        ("+", "pasukan"),
        ("=", "bertahan"),
    ]
    summary = summarise_changes(changes_004)
    assert summary["total"] == len(changes_004)
    assert summary["substantive"] + summary["chrome"] == summary["total"]
    assert summary["wording"] >= 1 and summary["embellishment"] >= 1 and summary["hedge"] >= 1
