"""Units of cleaning: segmentation into paragraphs and sentences."""

from __future__ import annotations

import pytest

from newstrace.clean import split_paragraphs, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rusia kehilangan 13.500 tentara. Harga emas Rp 1.310.000 per gram.",
            ["Rusia kehilangan 13.500 tentara.", "Harga emas Rp 1.310.000 per gram."],
        ),
        (
            "Dia tinggal di Jl. Sudirman No. 5, Jakarta. Rumahnya besar.",
            ["Dia tinggal di Jl. Sudirman No. 5, Jakarta.", "Rumahnya besar."],
        ),
        (
            "PT Aneka Tambang Tbk. mencatat laba. Kantor Kab. Bogor dan Kec. Cibinong ikut.",
            ["PT Aneka Tambang Tbk. mencatat laba.", "Kantor Kab. Bogor dan Kec. Cibinong ikut."],
        ),
        (
            "Prof. Dr. H. Ahmad, S.H., M.Si. hadir bersama Hj. Siti dkk. kemarin. Acara selesai.",
            [
                "Prof. Dr. H. Ahmad, S.H., M.Si. hadir bersama Hj. Siti dkk. kemarin.",
                "Acara selesai.",
            ],
        ),
        (
            "Uang a.n. Budi dikirim Bpk. Joko, Ny. Ani, Sdr. Tono, St. Mary dll. ke kantor. Lalu pulang.",
            [
                "Uang a.n. Budi dikirim Bpk. Joko, Ny. Ani, Sdr. Tono, St. Mary dll. ke kantor.",
                "Lalu pulang.",
            ],
        ),
        ("Buku, pena, tsb. Dan lain dst. Habis.", ["Buku, pena, tsb. Dan lain dst. Habis."]),
        ("Harga Rp. 50.000 saja. Murah.", ["Harga Rp. 50.000 saja.", "Murah."]),
        (
            '"Apa kabar?" tanya dia. "Baik!" jawabnya.',
            ['"Apa kabar?" tanya dia.', '"Baik!" jawabnya.'],
        ),
        (
            "Ia lahir 1936. Ada 10 hektare (ha). Lalu KPK. Kemudian pergi.",
            ["Ia lahir 1936.", "Ada 10 hektare (ha).", "Lalu KPK.", "Kemudian pergi."],
        ),
        (
            "Wakil Ketua KPK Laode M. Syarief hadir. Dia bicara.",
            ["Wakil Ketua KPK Laode M. Syarief hadir.", "Dia bicara."],
        ),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_sentences_never_cross_paragraphs() -> None:
    assert split_sentences("Satu tanpa titik\n\nDua kalimat. Tiga kalimat.") == [
        "Satu tanpa titik",
        "Dua kalimat.",
        "Tiga kalimat.",
    ]
    assert split_paragraphs(" Satu \n\n\nDua\nTiga ") == ["Satu", "Dua", "Tiga"]
