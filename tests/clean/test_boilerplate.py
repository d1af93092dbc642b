"""Units of cleaning: boilerplate learned across an outlet's pages."""

from __future__ import annotations

from newstrace.clean import drop_lines, learn_boilerplate
from newstrace.model import Cleaned


def test_learn_boilerplate_finds_a_recurring_footer_not_a_once_seen_sentence() -> None:
    footer = "Ikuti terus perkembangan berita ini hanya di Warta Kita."
    texts = [
        f"Berita nomor {i} tentang banjir di kota {i}.\n\nWarga diminta waspada {i}.\n\n{footer}" for i in range(40)
    ]
    texts[3] += "\n\nKalimat ini hanya muncul sekali."
    for i in (5, 6, 7):  # a real sentence shared by three copies: too few to be chrome
        texts[i] += "\n\nBupati meninjau lokasi banjir pada pagi hari."
    lines = learn_boilerplate(texts, min_articles=5, min_share=0.02)
    assert lines == {"ikuti terus perkembangan berita ini hanya di warta kita"}
    dropped = drop_lines(Cleaned(text=texts[3]), lines)
    assert footer not in dropped.text
    assert "Kalimat ini hanya muncul sekali." in dropped.text
    assert dropped.removed == [(footer, "recurring")]
    assert drop_lines(Cleaned(text=texts[3]), set()).text == texts[3]


def test_learn_boilerplate_respects_the_share() -> None:
    texts = [f"Isi {i}.\n\nFooter tetap." if i < 6 else f"Isi {i}." for i in range(1000)]
    assert learn_boilerplate(texts, min_articles=5, min_share=0.02) == set()
    assert learn_boilerplate(texts, min_articles=5, min_share=0.005) == {"footer tetap"}
