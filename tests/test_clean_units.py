"""Units of the cleaning package: text repair, chrome, dates, metadata, sources, segmentation.

Snippets marked CLICK-ID come from the raw articles of the CLICK-ID dataset
(William and Sari, 2020, repository andikawilliam/CLICK-ID), CC BY 4.0.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from newstrace.clean import (
    NoArticleError,
    clean_html,
    clean_page,
    drop_lines,
    is_credit_phrase,
    learn_boilerplate,
    split_paragraphs,
    split_sentences,
)
from newstrace.clean.dates import find_dates, parse_date
from newstrace.clean.meta import outlet_from_url, parse_byline, parse_dateline, parse_record_byline
from newstrace.clean.sources import find_sources, parse_source_list
from newstrace.clean.text import mend_holes, normalise_text
from newstrace.model import Cleaned, Person

from .conftest import CLICKID_SAMPLE


def _zone(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


WIB, WITA, WIT = _zone(7), _zone(8), _zone(9)
BODY = (
    "Pemimpin Korea Utara Kim Jong Un dilaporkan telah menolak permintaan Presiden Rusia "
    "Vladimir Putin terkait bantuan militer di Ukraina."
)


# --- dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Senin, 21 Maret 2022 / 05:40 WIB", datetime(2022, 3, 21, 5, 40, tzinfo=WIB)),
        ("11 Oktober 2024, 15:32 WIB", datetime(2024, 10, 11, 15, 32, tzinfo=WIB)),
        ("Kompas dunia | 11 Oktober 2024, 15:32 WIB", datetime(2024, 10, 11, 15, 32, tzinfo=WIB)),
        ("Selasa 15 Maret 2022", datetime(2022, 3, 15, tzinfo=WIB)),
        ("kata Yuni, Rabu (18/9/2019).", datetime(2019, 9, 18, tzinfo=WIB)),
        ("dikutip dari Euronews, Jumat (11/10/2024).", datetime(2024, 10, 11, tzinfo=WIB)),
        ("11 Oktober 2024, 15:32 WITA", datetime(2024, 10, 11, 15, 32, tzinfo=WITA)),
        ("11 Oktober 2024 15.32 WIT", datetime(2024, 10, 11, 15, 32, tzinfo=WIT)),
        ("March 21, 2022 5:40 PM GMT+7", datetime(2022, 3, 21, 17, 40, tzinfo=WIB)),
        ("21 Mar 2022", datetime(2022, 3, 21, tzinfo=WIB)),
        ("Rabu, 18/09/2019 10:15 WIB", datetime(2019, 9, 18, 10, 15, tzinfo=WIB)),
        ("2019-09-10T00:02:00+07:00", datetime(2019, 9, 10, 0, 2, tzinfo=WIB)),
    ],
)
def test_dates_in_text(text: str, expected: datetime) -> None:
    found = find_dates(text)
    assert len(found) == 1
    assert found[0].value == expected
    assert found[0].value.utcoffset() == expected.utcoffset()


def test_wita_is_not_read_as_wit() -> None:
    assert find_dates("10 Oktober 2024, 08:00 WITA")[0].value.utcoffset() == timedelta(hours=8)
    assert find_dates("10 Oktober 2024, 08:00 WIT")[0].value.utcoffset() == timedelta(hours=9)


@pytest.mark.parametrize(
    "text",
    [
        "Rusia telah kehilangan hingga 13.500 tentara",
        "skor 2-1 (10/10)",
        "21 Maret 2099",
        "harga Rp 1.310.000 per gram",
        "pada 26 Februari dan 4 Maret",
        "kemarin sore",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_weekday_check_and_flags() -> None:
    (match,) = find_dates("Selasa (10/9/2019)")
    assert match.has_weekday and match.weekday_agrees and not match.has_time
    (wrong,) = find_dates("Senin (10/9/2019)")
    assert not wrong.weekday_agrees


def test_parse_record_dates() -> None:
    assert parse_date("2019-09-10T00:02:00+07:00") == datetime(2019, 9, 10, 0, 2, tzinfo=WIB)
    naive = parse_date("2019-09-10 08:00")
    assert naive == datetime(2019, 9, 10, 8, 0, tzinfo=WIB)  # no zone: Western Indonesian time
    assert parse_date("Senin, 21 Maret 2022 / 05:40 WIB") == datetime(
        2022, 3, 21, 5, 40, tzinfo=WIB
    )
    assert parse_date("21/03/2022") == datetime(2022, 3, 21, tzinfo=WIB)
    assert parse_date("bukan tanggal") is None
    assert parse_date("") is None


# --- text repair --------------------------------------------------------------


def test_mojibake_repair_on_clickid_snippets() -> None:
    # CLICK-ID okezone.com afab3518317ed793, sindonews.com 89555a0f0eefba52, tempo.co 719806d87206bb52
    assert normalise_text("‚Äì Tudingan Komisi Perlindungan Anak Indonesia (KPAI)") == (
        "– Tudingan Komisi Perlindungan Anak Indonesia (KPAI)"
    )
    assert normalise_text(
        "Ponsel gaming ini ikut dipasarkan. ,‚ÄúKami optimistis,‚Äù ucap Yang Sun"
    ) == ('Ponsel gaming ini ikut dipasarkan. ,"Kami optimistis," ucap Yang Sun')
    assert (
        normalise_text("¬†Salah satu masalah yang kerap dihadapi")
        == "Salah satu masalah yang kerap dihadapi"
    )
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


# --- chrome -------------------------------------------------------------------


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
    assert _body(
        f"{BODY}\nBaca Juga :,,Baca Juga :,,Menurut informasi yang diterima, kondisinya kritis."
    )[1] == ("Menurut informasi yang diterima, kondisinya kritis.")


def test_baca_juga_glued_in_mid_line_and_in_brackets() -> None:
    body = _body(
        'Dia sering berlatih di Sirkuit Misano tersebut,Baca juga,,"Misano adalah trek istimewa," katanya.'
    )
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
    assert _body("Ia akan mendapat dosa jika menyalurkannya di tempat yang haram (zina).")[
        0
    ].endswith("(zina).")


def test_title_repeated_in_the_body_goes_but_a_body_first_line_stays() -> None:
    assert _body(f"Judul Berita\n{BODY}") == ["Judul Berita", BODY]  # no sign of a page header
    cleaned = clean_page(f"{BODY}\nJudul Berita", title="Judul Berita")
    assert cleaned.text == BODY and cleaned.title == "Judul Berita"


# --- metadata -----------------------------------------------------------------


def test_record_metadata_wins() -> None:
    page = f"Senin, 21 Maret 2022 / 05:40 WIB\nKONTAN.CO.ID - MOSKOW. {BODY}"
    cleaned = clean_page(
        page,
        outlet="Kontan",
        url="https://www.kontan.co.id/news/x",
        published="2022-03-20T10:00:00+07:00",
        byline="Barratut Taqiyyah Rafie",
    )
    assert cleaned.outlet == "Kontan"
    assert cleaned.published == datetime(2022, 3, 20, 10, tzinfo=WIB)
    assert cleaned.published_from == "record"
    assert cleaned.byline == [Person("author", "Barratut Taqiyyah Rafie")]
    assert cleaned.dateline == "MOSKOW"
    from_url = clean_page(page, url="https://www.kontan.co.id/news/x")
    assert from_url.outlet == "kontan.co.id"
    assert from_url.published == datetime(2022, 3, 21, 5, 40, tzinfo=WIB)
    assert from_url.published_from == "page"


def test_outlet_from_url() -> None:
    assert outlet_from_url("https://www.Kompas.com/read/1") == "kompas.com"
    assert outlet_from_url("nasional.okezone.com/read/2019") == "okezone.com"  # one site, not one per section
    assert outlet_from_url("https://bola.okezone.com/x") == outlet_from_url("http://www.okezone.com/y")
    assert outlet_from_url("https://regional.kompas.com/read/1") == "kompas.com"
    assert outlet_from_url("http://127.0.0.1:8000/x") == "127.0.0.1"
    assert outlet_from_url(None) is None
    assert outlet_from_url("not a url") is None


def test_bylines() -> None:
    assert parse_byline("Sumber: The Straits Times,Mirror | Editor: Barratut Taqiyyah Rafie") == [
        Person("editor", "Barratut Taqiyyah Rafie")
    ]
    assert parse_byline("Penulis : Haryo Jati Editor : Vyara-Lestari") == [
        Person("author", "Haryo Jati"),
        Person("editor", "Vyara-Lestari"),
    ]
    assert parse_byline(
        "Reporter: Vendi Yhulia Susanto,Artikel ini tayang di Kontan dengan judul"
    ) == [Person("reporter", "Vendi Yhulia Susanto")]
    assert parse_byline("Pewarta: Budi Santoso") == [Person("reporter", "Budi Santoso")]
    assert parse_byline("Penulis : Kontributor Makassar, Hendra Cipto") == [
        Person("author", "Hendra Cipto")
    ]
    assert parse_byline("Foto: Dwi Putra") == [Person("photographer", "Dwi Putra")]
    assert parse_record_byline("Haryo Jati dan Vyara Lestari") == [
        Person("author", "Haryo Jati"),
        Person("author", "Vyara Lestari"),
    ]


# --- sources ------------------------------------------------------------------


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
    cleaned = clean_page(
        f"{BODY}\nArtikel ini telah tayang di surya.co.id dengan judul Polda Jatim Minta Veronica"
    )
    assert cleaned.text == BODY
    assert [s.name for s in cleaned.sources] == ["surya.co.id"]


# --- segmentation -------------------------------------------------------------


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


# --- learned boilerplate --------------------------------------------------------


def test_learn_boilerplate_finds_a_recurring_footer_not_a_once_seen_sentence() -> None:
    footer = "Ikuti terus perkembangan berita ini hanya di Warta Kita."
    texts = [
        f"Berita nomor {i} tentang banjir di kota {i}.\n\nWarga diminta waspada {i}.\n\n{footer}"
        for i in range(40)
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


# --- HTML -----------------------------------------------------------------------

ARTICLE_HTML = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>Kim Jong Un Disebut Tolak Permintaan Putin - Kontan</title>
<meta property="article:published_time" content="2022-03-21T05:40:00+07:00">
<meta name="author" content="Barratut Taqiyyah Rafie"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Kim Jong Un Disebut Tolak Permintaan Putin untuk Bantuan Militer di Ukraina</h1>
<p>KONTAN.CO.ID - MOSKOW. Pemimpin Korea Utara Kim Jong Un dilaporkan telah menolak permintaan
Presiden Rusia Vladimir Putin terkait bantuan militer di Ukraina.</p>
<p>Mengutip Mirror, dugaan ini muncul seiring invasi Rusia ke Ukraina mengalami stagnasi.</p>
<p>Baca Juga: Rusia Punya Cadangan Emas Senilai US$ 140 Miliar</p>
<p>Laporan yang muncul menunjukkan, Rusia telah kehilangan hingga 13.500 tentara dalam konflik,
bersama dengan sejumlah aset perangkat keras.</p></article>
<footer>Copyright Kontan</footer></body></html>"""


def test_clean_html() -> None:
    pytest.importorskip("trafilatura", reason="trafilatura needs lxml_html_clean installed")
    cleaned = clean_html(ARTICLE_HTML, url="https://www.kontan.co.id/news/kim")
    assert cleaned.text.startswith("Pemimpin Korea Utara Kim Jong Un dilaporkan")
    assert "Baca Juga" not in cleaned.text and "Home" not in cleaned.text
    assert cleaned.outlet == "kontan.co.id"
    assert cleaned.published == datetime(2022, 3, 21, 5, 40, tzinfo=WIB)
    assert cleaned.published_from == "html"
    assert cleaned.byline == [Person("author", "Barratut Taqiyyah Rafie")]
    assert [s.name for s in cleaned.sources] == ["Mirror"]
    from_record = clean_html(ARTICLE_HTML, published="2022-03-22T08:00:00+07:00")
    assert from_record.published_from == "record"


@pytest.mark.parametrize(
    "html",
    [
        '<html><body><nav><a href="/">Home</a> <a href="/x">Berita</a></nav><ul><li>Menu</li></ul></body></html>',
        "<html><body><p>Terlalu pendek untuk sebuah artikel.</p></body></html>",
        "https://example.com/not-html",
    ],
)
def test_clean_html_without_an_article(html: str) -> None:
    pytest.importorskip("trafilatura", reason="trafilatura needs lxml_html_clean installed")
    with pytest.raises(NoArticleError):
        clean_html(html)
    assert issubclass(NoArticleError, ValueError)


def test_one_site_is_one_outlet_and_never_its_own_source() -> None:
    body = ("JAKARTA - Presiden meresmikan jembatan baru di Palu pada Senin pagi, seperti dikutip dari "
            "Okezone. Jembatan itu menghubungkan dua kecamatan yang terpisah sungai besar sejak lama.")
    from_url = clean_page(body, url="https://nasional.okezone.com/read/2019/09/10/1")
    from_record = clean_page(body, outlet="Nasional.Okezone.com")
    assert from_url.outlet == from_record.outlet == "okezone.com"
    assert "Okezone" not in {s.name for s in from_url.sources}
    credited = clean_page(body.replace("Okezone", "Antara") + "\n\n(Source : IsuBogor)")
    assert credited.outlet == "IsuBogor" and "IsuBogor" not in {s.name for s in credited.sources}


def test_agency_credits_are_cited_sources_and_leave_the_text() -> None:
    """A closing "(Antara)" and an agency dateline say where the text came from: they are
    cited sources with a credit phrase, out of the text; a bracketed word that is not a
    medium is no credit, and an outlet does not cite itself."""
    text = ("Jakarta (ANTARA) - Harga cabai di pasar induk naik tajam pekan ini.\n\n"
            "Pemerintah berjanji menurunkan harga dalam waktu dekat. (Reuters)")
    cleaned = clean_page(text, outlet="tribunnews.com")
    assert [(s.name, s.phrase) for s in cleaned.sources] == [
        ("ANTARA", "Jakarta (ANTARA) -"), ("Reuters", "(Reuters)")]
    assert all(is_credit_phrase(s.phrase) for s in cleaned.sources)
    assert "(Reuters)" not in cleaned.text and cleaned.text.endswith("dalam waktu dekat.")
    own = clean_page(text, outlet="antaranews.com")
    assert [s.name for s in own.sources] == ["Reuters"]
    plain = clean_page("Harga cabai naik tajam pekan ini di pasar induk.\n\nHarga naik lagi (Jakarta)",
                       outlet="tribunnews.com")
    assert plain.sources == [] and plain.text.endswith("(Jakarta)")
    assert not is_credit_phrase("seperti dilansir Antara")
    assert is_credit_phrase("Artikel ini telah tayang di Kompas.com")
