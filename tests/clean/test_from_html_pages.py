"""The HTML path on real saved pages of Indonesian outlets (tests/data/html, see its README).

Floors on the evaluation of benchmarks/score_html.py, and the page-level behaviours behind
them: site names cut from titles, the page's own address read, teaser lists and page chrome
kept out of the text, non-articles rejected with a reason.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from newstrace.clean import NoArticleError, clean_html, clean_page
from newstrace.clean.meta import site_brands, strip_site_name
from newstrace.clean.sources import find_sources

REPO = Path(__file__).resolve().parents[2]
PAGES = REPO / "tests" / "data" / "html"


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_html", REPO / "benchmarks" / "score_html.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_html"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores() -> list:
    return _scorer().score_pages(PAGES)


@pytest.fixture(scope="module")
def expected() -> dict[str, dict[str, str]]:
    spec = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))
    return {page["file"]: page for page in spec["pages"]}


def _page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def test_floors_on_real_pages(scores: list) -> None:
    overall = _scorer().summary(scores)
    assert overall["outlets"] >= 8
    assert overall["title"] >= 0.95
    assert overall["url"] >= 0.95
    assert overall["text_f1_mean"] >= 0.90
    assert overall["time_within_minute"] >= 0.90
    assert overall["text_f1_min"] >= 0.80
    assert not [s.file for s in scores if s.rejected]


def test_titles_lose_the_site_name(expected: dict[str, dict[str, str]]) -> None:
    kompas = clean_html(_page("kompas-1.html"))
    assert kompas.title == expected["kompas-1.html"]["title"]  # "... - Kompas.com Regional"
    kapanlagi = clean_html(_page("kapanlagi-1.html"))
    assert kapanlagi.title == expected["kapanlagi-1.html"]["title"]  # "KapanLagi.com: ..."
    republika = clean_html(_page("republika-2.html"))
    assert republika.title == expected["republika-2.html"]["title"]  # "... | Republika Online"


def test_title_sections_beside_the_site_name_go_too() -> None:
    brands = site_brands(["lifestyle.okezone.com"], ["http://lifestyle.okezone.com/read/1"])
    title = "Sering Depresi Berat, Hati-Hati Diabetes! - Health :: Okezone Lifestyle"
    assert strip_site_name(title, brands=brands, headlines=[]) == ("Sering Depresi Berat, Hati-Hati Diabetes!")
    # A headline that names the site is kept whole.
    assert strip_site_name("Kompas Gramedia Buka Toko", brands={"kompas"}, headlines=[]) == (
        "Kompas Gramedia Buka Toko"
    )


def test_the_page_names_its_own_address(expected: dict[str, dict[str, str]]) -> None:
    antara = clean_html(_page("antara-1.html"))  # no og:url, no canonical: microdata url
    assert antara.url == expected["antara-1.html"]["url"]
    tempo = clean_html(_page("tempo-1.html"))  # og:url "...?i=1", the page links without it
    assert tempo.url == expected["tempo-1.html"]["url"]
    # A relative canonical link is resolved against the address given.
    page = _page("viva-1.html").replace(
        'href="http://life.viva.co.id/showbiz/read/736460', 'href="/showbiz/read/736460'
    )
    relative = clean_html(page, url="http://life.viva.co.id/")
    assert relative.url == "http://life.viva.co.id/"  # the record's address wins
    assert clean_page("Isi berita.", url="https://x.id/a").url == "https://x.id/a"


def test_teaser_lists_and_initials_stay_out_of_the_text() -> None:
    detik = clean_html(_page("detik-1.html"))
    assert "Terbasah di Dunia" not in detik.text  # dated teasers above the article
    assert "(fyk/ash)" not in detik.text
    assert any(reason == "teaser" for _, reason in detik.removed)
    kapanlagi = clean_html(_page("kapanlagi-1.html"))
    assert kapanlagi.text.startswith("Brandon Nicholas Salim")  # the lead the first pass lost
    assert "(kpl/pur/tch)" not in kapanlagi.text
    assert ("(kpl/pur/tch)", "initials") in kapanlagi.removed


def test_photo_page_keeps_its_story_not_its_chrome(expected: dict[str, dict[str, str]]) -> None:
    republika = clean_html(_page("republika-2.html"))
    assert "Kasubdit Kasasi" in republika.text
    for chrome in ("Redaktur", "FOTO TERKAIT", "KOMENTAR", "Copyright", "Karir"):
        assert chrome not in republika.text


def test_gallery_keeps_its_captions_not_other_stories() -> None:
    liputan6 = clean_html(_page("liputan6-1.html"))  # one wall of text from the extractor
    assert liputan6.text.count("Grammy Awards ke-58") == 5  # the five captions, one a line
    assert "Bella Shofie" not in liputan6.text  # popular videos
    assert "Viola Beach" not in liputan6.text  # the latest-photos list with its summaries
    assert "Popular Videos" not in liputan6.text


def test_outlet_passing_a_story_on_is_not_the_source() -> None:
    detik = clean_html(_page("detik-1.html"))
    assert [source.name for source in detik.sources] == ["BBC"]  # "Dikutip detikINET dari BBC"
    found = find_sources("Hal itu disampaikan Menteri, seperti dikutip dari detikcom, Senin.")
    assert [source.name for _, source in found] == ["Detik"]


def test_site_prefix_and_closing_initials_are_cut() -> None:
    text = (
        "|Suara.com - Pemerintah menaikkan harga bahan bakar minyak mulai pekan depan, kata "
        "menteri dalam jumpa pers di Jakarta.\n\nKenaikan itu berlaku untuk semua jenis bahan "
        "bakar bersubsidi di seluruh Indonesia.\n\n(rzp/imk)"
    )
    cleaned = clean_page(text)
    assert cleaned.text.startswith("Pemerintah menaikkan")
    assert cleaned.text.endswith("di seluruh Indonesia.")
    assert cleaned.outlet == "suara.com"


def test_server_status_page_is_rejected_with_a_reason() -> None:
    html = (
        "<html><head><title>503 Service Temporarily Unavailable</title></head><body>"
        "<center><h1>503 Service Temporarily Unavailable</h1></center><hr>"
        "<center>nginx</center><p>The server is temporarily unable to service your request "
        "due to maintenance downtime or capacity problems. Please try again later.</p>"
        "</body></html>"
    )
    with pytest.raises(NoArticleError, match="server status"):
        clean_html(html)


def test_list_of_links_is_rejected_with_a_reason() -> None:
    # The "Berita Terbaru" and "Top 10" lists of the saved tempo page, as a page of their own.
    page = _page("tempo-1.html")
    headlines = re.findall(r"<h[34][^>]*><a [^>]*>([^<]+)</a>", page)
    assert len(headlines) >= 8
    items = "".join(f"<li><h4><a href='/read/{i}'>{h}</a></h4></li>" for i, h in enumerate(headlines))
    html = f"<html><head><title>Indeks Berita</title></head><body><ul>{items}</ul></body></html>"
    with pytest.raises(NoArticleError, match="list of links"):
        clean_html(html)


def test_photo_page_furniture_lines_are_chrome(expected: dict[str, dict[str, str]]) -> None:
    # The republika photo page's story with the masthead and footer lines such pages carry.
    story = expected["republika-2.html"]["text"].replace("REPUBLIKA.CO.ID, JAKARTA - ", "")
    text = "\n".join(
        [
            "Index",
            "Foto",
            story,
            "Redaksi: Jl. Warung Buncit Raya No. 37, Jakarta Selatan",
            "Informasi pemasangan iklan",
            "Index",
        ]
    )
    cleaned = clean_page(text)
    assert cleaned.text.startswith("Kasubdit Kasasi")
    assert cleaned.text.endswith("serangkaian penggeledahan.")
    reasons = dict(cleaned.removed)
    assert reasons["Informasi pemasangan iklan"] == "label"
    assert reasons["Redaksi: Jl. Warung Buncit Raya No. 37, Jakarta Selatan"] == "menu"


def test_ingest_stores_the_address_the_page_gives() -> None:
    from newstrace.ingest import clean_raw
    from newstrace.model import RawInput

    raw = RawInput(
        origin="page.html",
        line=None,
        format="html",
        payload="",
        fields={"html": _page("okezone-1.html")},
    )
    result = clean_raw(raw, min_words=20)
    assert isinstance(result, tuple)
    article, _ = result
    assert article.url == (
        "http://lifestyle.okezone.com/read/2015/11/05/481/1244264/sering-depresi-berat-hati-hati-diabetes"
    )
    assert article.title == "Sering Depresi Berat, Hati-Hati Diabetes!"
