"""Sentence alignment: merged, split and reordered sentences pair up, datelines and related links
are told apart as page chrome, and a page of forty sentences aligns fast."""

from __future__ import annotations

import time

from newstrace.algo.align import align_sentences, is_chrome_sentence, strip_dateline
from newstrace.changes import classify_change, diff_articles
from tests.conftest import seed_paragraphs


def test_dateline_prefix_is_chrome() -> None:
    old = "TRIBUNNEWS.COM - Presiden meresmikan jembatan baru di Palu pada Senin pagi."
    new = "JAKARTA, KOMPAS.com - Presiden meresmikan jembatan baru di Palu pada Senin pagi."
    assert classify_change(old, new) == ["chrome"]
    assert strip_dateline(new) == (
        "JAKARTA, KOMPAS.com - ",
        "Presiden meresmikan jembatan baru di Palu pada Senin pagi.",
    )
    assert is_chrome_sentence("Baca juga: Rusia Punya Cadangan Emas Senilai US$ 140 Miliar")
    assert is_chrome_sentence("(Tribunnews.com/Abc)")
    assert not is_chrome_sentence("Tetapi China telah membantah hal ini.")


def test_a_dateline_with_the_day_of_filing_comes_off() -> None:
    # "PLACE, Weekday (d/m/yyyy) - ": copies change the day or drop it; what follows is the lead.
    lead = "Polisi menangkap dua tersangka pembakaran lahan di Riau."
    for prefix in ("JAKARTA, Selasa (10/9/2019) - ", "Jakarta, Jum'at (13/9/2019) - ", "Senin (16/9/2019) - "):
        assert strip_dateline(prefix + lead) == (prefix, lead)
    stacked = "TRIBUNNEWS.COM - PEKANBARU, Kamis (12/9/2019) - " + lead
    assert strip_dateline(stacked)[1] == lead
    assert classify_change("JAKARTA, Selasa (10/9/2019) - " + lead, lead) == ["chrome"]
    # A weekday and date inside the sentence is content, not a dateline.
    inside = "Polisi pada Senin (16/9/2019) - sehari setelah kejadian - menangkap dua tersangka."
    assert strip_dateline(inside) == ("", inside)


def test_merged_sentence_pairs_with_both_parts() -> None:
    parent = [
        "Dalam postingannya di Twitter dia mengklaim Korea Utara menolak permintaan Rusia.",
        "Laporan ini belum diverifikasi oleh sumber lain.",
        "Meskipun begitu, Korea Utara secara terbuka mendukung Presiden Vladimir Putin.",
    ]
    child = [
        "Dalam postingannya di Twitter dia mengklaim Korea Utara menolak permintaan Rusia. "
        "Tapi laporan ini belum diverifikasi oleh Pyongyang.",
        "Meskipun begitu, Korea Utara secara terbuka mendukung Presiden Vladimir Putin.",
    ]
    alignment = align_sentences(parent, child)
    assert (0, 0) in [(i, j) for i, j, _ in alignment] and (1, 0) in [(i, j) for i, j, _ in alignment]
    (merged,) = diff_articles("p", "c", parent, child)
    assert merged.kind == "reworded" and "hedge" in merged.tags


def test_split_sentence_without_word_change_is_no_change() -> None:
    parent = ["Rusia mengklaim telah mengamankan Kherson, dan pasukannya terus maju ke barat."]
    child = ["Rusia mengklaim telah mengamankan Kherson.", "Dan pasukannya terus maju ke barat."]
    assert [(i, j) for i, j, _ in align_sentences(parent, child)] == [(0, 0), (0, 1)]
    assert diff_articles("p", "c", parent, child) == []


def test_reordered_sentence_is_matched_not_added() -> None:
    parent = [
        f"Kalimat ke {w} menjelaskan peristiwa {w} secara lengkap di kota {w}."
        for w in ("satu", "dua", "tiga", "empat", "lima")
    ]
    child = [parent[0], parent[3], parent[1], parent[2], parent[4]]
    pairs = {(i, j) for i, j, _ in align_sentences(parent, child)}
    assert pairs == {(0, 0), (3, 1), (1, 2), (2, 3), (4, 4)}
    assert diff_articles("p", "c", parent, child) == []


def test_alignment_is_fast() -> None:
    parent = seed_paragraphs("002")[:40]
    child = [s.replace("Korea", "Korut") for s in parent[5:]] + parent[:5]
    start = time.process_time()
    for _ in range(10):
        align_sentences(parent, child)
    assert (time.process_time() - start) / 10 < 0.05
