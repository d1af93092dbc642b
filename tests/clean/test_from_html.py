"""Units of cleaning: HTML input: a small article page, pages without an article, outlets and credits."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from newstrace.clean import NoArticleError, clean_html, clean_page, is_credit_phrase
from newstrace.model import Person


def _zone(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


WIB, WITA, WIT = _zone(7), _zone(8), _zone(9)


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
    body = (
        "JAKARTA - Presiden meresmikan jembatan baru di Palu pada Senin pagi, seperti dikutip dari "
        "Okezone. Jembatan itu menghubungkan dua kecamatan yang terpisah sungai besar sejak lama."
    )
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
    text = (
        "Jakarta (ANTARA) - Harga cabai di pasar induk naik tajam pekan ini.\n\n"
        "Pemerintah berjanji menurunkan harga dalam waktu dekat. (Reuters)"
    )
    cleaned = clean_page(text, outlet="tribunnews.com")
    assert [(s.name, s.phrase) for s in cleaned.sources] == [("ANTARA", "Jakarta (ANTARA) -"), ("Reuters", "(Reuters)")]
    assert all(is_credit_phrase(s.phrase) for s in cleaned.sources)
    assert "(Reuters)" not in cleaned.text and cleaned.text.endswith("dalam waktu dekat.")
    own = clean_page(text, outlet="antaranews.com")
    assert [s.name for s in own.sources] == ["Reuters"]
    plain = clean_page(
        "Harga cabai naik tajam pekan ini di pasar induk.\n\nHarga naik lagi (Jakarta)", outlet="tribunnews.com"
    )
    assert plain.sources == [] and plain.text.endswith("(Jakarta)")
    assert not is_credit_phrase("seperti dilansir Antara")
    assert is_credit_phrase("Artikel ini telah tayang di Kompas.com")
