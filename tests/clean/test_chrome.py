"""Units of cleaning: page chrome: datelines, tickers, banners, related links, captions, credits, initials.

Snippets marked CLICK-ID come from the raw articles of the CLICK-ID dataset
(William and Sari, 2020, repository andikawilliam/CLICK-ID), CC BY 4.0.
"""

from __future__ import annotations

from datetime import timedelta, timezone

import pytest

from newstrace.clean import clean_page
from newstrace.clean.meta import parse_dateline
from newstrace.model import Person


def _zone(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


WIB, WITA, WIT = _zone(7), _zone(8), _zone(9)

BODY = (
    "Pemimpin Korea Utara Kim Jong Un dilaporkan telah menolak permintaan Presiden Rusia "
    "Vladimir Putin terkait bantuan militer di Ukraina."
)


def _body(page: str) -> list[str]:
    return clean_page(page).text.split("\n\n")


@pytest.mark.parametrize(
    "prefix",
    [
        "KONTAN.CO.ID - MOSKOW.",
        "TRIBUNPALU.COM -",
        "MOSKOW, KOMPAS.TV -",
        "Intisari - Online.com -",
        "JAKARTA, KOMPAS.com -",
        "Jakarta -",
        "Sindonews.com -",
        "TEMPO.CO, Jakarta -",
        "JAKARTA (ANTARA) -",
    ],
)
def test_dateline_is_cut_and_the_sentence_stays(prefix: str) -> None:
    assert _body(f"{prefix} {BODY}") == [BODY]


def test_dateline_parts() -> None:
    assert parse_dateline("KONTAN.CO.ID - MOSKOW. Pemimpin") is not None
    dateline = parse_dateline("KONTAN.CO.ID - MOSKOW. Pemimpin Korea Utara")
    assert (dateline.outlet, dateline.place) == ("kontan.co.id", "MOSKOW")
    dateline = parse_dateline("MOSKOW, KOMPAS.TV - Rusia merespons")
    assert (dateline.outlet, dateline.place) == ("kompas.tv", "MOSKOW")
    assert parse_dateline("Rusia - Ukraina memanas lagi") is None


CHROME_LINES = (
    "kontan.co.id",
    "banner langganan top",
    "| : WIB | INDIKATOR |",
    "  • LQ45926,73 11,38 1.24%",
    "  • EMAS1.310.000 -1,13%",
    "Beranda > Internasional > Asia",
)
CLOSING_CHROME_LINES = ("TERBARU", "[X]", "×", "Bagikan", "Facebook Twitter WhatsApp")


def test_tickers_banners_and_labels_go() -> None:
    page = "\n".join((*CHROME_LINES, BODY, *CLOSING_CHROME_LINES))
    cleaned = clean_page(page)
    assert cleaned.text == BODY
    assert {reason for _, reason in cleaned.removed} == {
        "host",
        "banner",
        "widget",
        "ticker",
        "breadcrumb",
        "label",
        "no_words",
        "share",
    }


@pytest.mark.parametrize(
    "line",
    [
        "Baca Juga: Rusia Punya Cadangan Emas Senilai US$ 140 Miliar, Tetapi Tidak Ada Yang Mau Membeli",
        "Baca juga: Bak Mengejek, Ukraina Tukar 6 Mayat Tentara Rusia",
        "BACA JUGA: Harga Emas Naik",
        "Simak juga: Jadwal Liga 1",
        "Lihat juga: Video Banjir",
        "Baca juga:",
        "Simak Video Pilihan Berikut Ini",
        "Dapatkan update berita pilihan dan breaking news setiap hari.",
        "Berita lain terkait ,, bisa Anda baca di Tempo.co.",
    ],
)
def test_related_and_promo_lines_go(line: str) -> None:
    assert _body(f"{BODY}\n{line}\n{BODY.replace('Ukraina', 'Suriah')}") == [
        BODY,
        BODY.replace("Ukraina", "Suriah"),
    ]


def test_glued_baca_juga_keeps_the_sentence() -> None:
    # CLICK-ID okezone.com: the link words went and the next paragraph was glued on.
    line = (
        'Baca Juga:,"Ketika alam mulai rusak di sana-sini, di manakah posisi agama?" pesan tersebut '
        "yang ingin disampaikan oleh Adi Putra."
    )
    cleaned = clean_page(f"{BODY}\n{line}")
    assert cleaned.text.split("\n\n")[1] == line.removeprefix("Baca Juga:,")
    assert ("Baca Juga:", "related") in cleaned.removed
    assert _body(f"{BODY}\nBaca Juga :,,Baca Juga :,,Menurut informasi yang diterima, kondisinya kritis.")[1] == (
        "Menurut informasi yang diterima, kondisinya kritis."
    )


def test_baca_juga_glued_in_mid_line_and_in_brackets() -> None:
    body = _body('Dia sering berlatih di Sirkuit Misano tersebut,Baca juga,,"Misano adalah trek istimewa," katanya.')
    assert body == [
        "Dia sering berlatih di Sirkuit Misano tersebut",
        '"Misano adalah trek istimewa," katanya.',
    ]
    assert _body(f"{BODY} (Baca juga: Bos Pentagon Ingin Tempatkan Rudal AS di Asia)") == [BODY]


def test_captions_credits_and_initials() -> None:
    page = "\n".join(
        [
            "Judul Berita Yang Cukup Panjang Di Sini",
            (
                "Pemimpin Korea Utara, Kim Jong-un bertemu Presiden Vladimir Putin. "
                "(Sumber: Sputnik, Kremlin Pool Photo via AP)"
            ),
            f"JAKARTA, KOMPAS.com - {BODY}",
            "Kremlin langsung membantah adanya bantuan militer dari negara itu. (vyp/kna)",
            "Penulis : Haryo Jati Editor : Vyara-Lestari",
            "Sumber : Euronews",
        ]
    )
    cleaned = clean_page(page)
    assert cleaned.text.split("\n\n") == [
        BODY,
        "Kremlin langsung membantah adanya bantuan militer dari negara itu.",
    ]
    assert cleaned.byline == [Person("author", "Haryo Jati"), Person("editor", "Vyara-Lestari")]
    assert [s.name for s in cleaned.sources] == ["Euronews"]
    reasons = {reason for _, reason in cleaned.removed}
    assert {"caption", "dateline", "initials", "credit", "title"} <= reasons


def test_initials_only_after_the_last_full_stop() -> None:
    assert _body(f"{BODY} (ant/mdk)") == [BODY]
    assert _body("Ia akan mendapat dosa jika menyalurkannya di tempat yang haram (zina).")[0].endswith("(zina).")


def test_title_repeated_in_the_body_goes_but_a_body_first_line_stays() -> None:
    assert _body(f"Judul Berita\n{BODY}") == ["Judul Berita", BODY]  # no sign of a page header
    cleaned = clean_page(f"{BODY}\nJudul Berita", title="Judul Berita")
    assert cleaned.text == BODY and cleaned.title == "Judul Berita"
