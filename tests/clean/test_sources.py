"""Units of cleaning: cited sources: citing phrases, credit lists, self-citation, republished footers."""

from __future__ import annotations

import pytest

from newstrace.clean import clean_page
from newstrace.clean.sources import find_sources, parse_source_list

BODY = (
    "Pemimpin Korea Utara Kim Jong Un dilaporkan telah menolak permintaan Presiden Rusia "
    "Vladimir Putin terkait bantuan militer di Ukraina."
)


def _names(text: str) -> list[str]:
    return [source.name for _, source in find_sources(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mengutip Mirror, dugaan ini muncul.", ["Mirror"]),
        ("kata dia sebagaimana dilansir Express UK, Selasa 15 Maret 2022.", ["Express UK"]),
        ("Hal itu seperti dilansir dari BBC, Rabu (11/9/2019).", ["BBC"]),
        ("kata Peskov dikutip dari Euronews, Jumat (11/10/2024).", ["Euronews"]),
        ("ungkap Liu, seperti dikutip The Straits Times.", ["The Straits Times"]),
        ("The Express melaporkan, situasi itu memaksa Moskow.", ["The Express"]),
        (
            "Dikutip Britannica, sejak tahun 1910, semenanjung Korea dikuasai Jepang.",
            ["Britannica"],
        ),
        ("Sayangnya, kepada New York Times, dia belum bisa menjelaskan.", ["New York Times"]),
        ("Menurut Kantor Berita Korea Selatan Yonhap, Korea Utara mengirim pasukan.", ["Yonhap"]),
        ("setelah surat kabar Inggris The Guardian pada Kamis melaporkan", ["The Guardian"]),
        ("menjawab, 'Kamu terlalu gila untuk kami'," + '" tulisnya di Twitter.', ["Twitter"]),
        ("Dalam postingannya di Twitter dia mengklaim bantuan ditolak.", ["Twitter"]),
        ("Melansir dari laman Sky Sports, Rabu (11/9/2019).", ["Sky Sports"]),
        ("kata Robert mengutip laman Liga Indonesia.", ["Liga Indonesia"]),
        ("according to Reuters, the talks failed.", ["Reuters"]),
        ("Bloomberg reported that prices rose.", ["Bloomberg"]),
        ("the minister told Reuters on Monday.", ["Reuters"]),
        ("Korea Utara mengklaim telah melakukan tes. (Source : IsuBogor)", ["IsuBogor"]),
    ],
)
def test_citing_phrases(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "demikian pernyataan resmi tim Serbia seperti dilansir ,.",
        "seperti dilansir ,, Selasa (10/9/2019).",
        "menurut penulis XSoviet-News Sarah Hurst, Kim menolak.",
        "Menurut Juliyatmono, audisi itu bagus.",
        "Polisi melaporkan kejadian itu.",
        "according to John Smith, it rained.",
        "(Sumber: Mikhail Metzel, Sputnik, Kremlin Pool Photo via AP)",
        "Ketua Harian PB Perbasi hadir.",
    ],
)
def test_no_source_invented(text: str) -> None:
    assert _names(text) == []


def test_source_lists_and_self_citation() -> None:
    assert parse_source_list("The Straits Times,Mirror") == ["The Straits Times", "Mirror"]
    assert parse_source_list(" Euronews ") == ["Euronews"]
    cleaned = clean_page(
        f"{BODY} Hal itu disampaikan kepada Okezone. Mengutip Reuters, harga naik.",
        outlet="okezone.com",
    )
    assert [s.name for s in cleaned.sources] == ["Reuters"]


def test_republished_footer_names_its_source() -> None:
    cleaned = clean_page(f"{BODY}\nArtikel ini telah tayang di surya.co.id dengan judul Polda Jatim Minta Veronica")
    assert cleaned.text == BODY
    assert [s.name for s in cleaned.sources] == ["surya.co.id"]
