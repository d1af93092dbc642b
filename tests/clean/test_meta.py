"""Units of cleaning: metadata: record values, outlets from URLs, bylines."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from newstrace.clean import clean_page
from newstrace.clean.meta import outlet_from_url, parse_byline, parse_record_byline
from newstrace.model import Person


def _zone(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


WIB, WITA, WIT = _zone(7), _zone(8), _zone(9)

BODY = (
    "Pemimpin Korea Utara Kim Jong Un dilaporkan telah menolak permintaan Presiden Rusia "
    "Vladimir Putin terkait bantuan militer di Ukraina."
)


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
    assert parse_byline("Reporter: Vendi Yhulia Susanto,Artikel ini tayang di Kontan dengan judul") == [
        Person("reporter", "Vendi Yhulia Susanto")
    ]
    assert parse_byline("Pewarta: Budi Santoso") == [Person("reporter", "Budi Santoso")]
    assert parse_byline("Penulis : Kontributor Makassar, Hendra Cipto") == [Person("author", "Hendra Cipto")]
    assert parse_byline("Foto: Dwi Putra") == [Person("photographer", "Dwi Putra")]
    assert parse_record_byline("Haryo Jati dan Vyara Lestari") == [
        Person("author", "Haryo Jati"),
        Person("author", "Vyara Lestari"),
    ]
