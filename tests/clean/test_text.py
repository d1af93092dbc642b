"""Units of cleaning: text repair: mojibake, spaces and quotes, mended holes.

Snippets marked CLICK-ID come from the raw articles of the CLICK-ID dataset
(William and Sari, 2020, repository andikawilliam/CLICK-ID), CC BY 4.0.
"""

from __future__ import annotations

import json

import pytest

from newstrace.clean import clean_page
from newstrace.clean.text import mend_holes, normalise_text
from tests.conftest import CLICKID_SAMPLE


def test_mojibake_repair_on_clickid_snippets() -> None:
    # CLICK-ID okezone.com afab3518317ed793, sindonews.com 89555a0f0eefba52, tempo.co 719806d87206bb52
    assert normalise_text("‚Äì Tudingan Komisi Perlindungan Anak Indonesia (KPAI)") == (
        "– Tudingan Komisi Perlindungan Anak Indonesia (KPAI)"
    )
    assert normalise_text("Ponsel gaming ini ikut dipasarkan. ,‚ÄúKami optimistis,‚Äù ucap Yang Sun") == (
        'Ponsel gaming ini ikut dipasarkan. ,"Kami optimistis," ucap Yang Sun'
    )
    assert normalise_text("¬†Salah satu masalah yang kerap dihadapi") == "Salah satu masalah yang kerap dihadapi"
    assert normalise_text("‚ÄéCalon Pimpinan (Capim)") == "Calon Pimpinan (Capim)"
    assert normalise_text("ÿßŸÑŸÑŸáŸè") == "اللهُ"


def test_mojibake_in_the_bundled_clickid_sample_is_gone() -> None:
    records = [json.loads(line) for line in CLICKID_SAMPLE.read_text(encoding="utf-8").splitlines()]
    dirty = [r for r in records if "‚Ä" in r["text"] or "¬†" in r["text"]]
    assert dirty, "the sample should hold mojibake to repair"
    for record in dirty:
        text = clean_page(record["text"], title=record["title"], outlet=record["outlet"]).text
        assert "‚Ä" not in text and "¬†" not in text


def test_spaces_lines_and_quotes() -> None:
    raw = "Satu\u00a0 dua\u200b tiga\r\n\r\n\r\n\r\n“Empat” ‘lima’\u2009enam\t tujuh  "
    assert normalise_text(raw) == "Satu dua tiga\n\n\"Empat\" 'lima' enam tujuh"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Menurut ,, pihak Djarum sudah melanggar.", "Menurut , pihak Djarum sudah melanggar."),
        (
            "Pembalap Tim Petronas Yamaha SRT,,, memiliki rasa optimis.",
            "Pembalap Tim Petronas Yamaha SRT, memiliki rasa optimis.",
        ),
        ("Kementerian PUPR (,) menyatakan siap.", "Kementerian PUPR menyatakan siap."),
        ("10 gram: Rp7.655.000,,- 25 gram", "10 gram: Rp7.655.000,,- 25 gram"),
        (", Tiga orang datang.", "Tiga orang datang."),
        ("Harga naik 1,5 persen.", "Harga naik 1,5 persen."),
    ],
)
def test_mend_holes(line: str, expected: str) -> None:
    assert mend_holes(line) == expected
