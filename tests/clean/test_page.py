"""The five seed pages: outlets, dates, sources, bylines, chrome gone, every body sentence kept.

The seeds are real scraped pages (site chrome included) of one story; see
``src/newstrace/sample/seeds`` and its README. Expected values come from reading
each page: the body sentences listed here are every sentence of each article's
body, and each must survive cleaning word for word.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from newstrace.clean import clean_page
from newstrace.model import Cleaned, Person
from tests.conftest import SEEDS

WIB = timezone(timedelta(hours=7))
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def _squash(text: str) -> str:
    """Whitespace and quote style ignored: what a reader sees as the same text."""
    return " ".join(text.translate(_QUOTES).replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def cleaned() -> dict[str, Cleaned]:
    return {path.name[:3]: clean_page(path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))}


BODY_SENTENCES: dict[str, list[str]] = {
    "000": [
        "Pemimpin Korea Utara Kim Jong Un dilaporkan telah menolak permintaan Presiden Rusia Vladimir Putin terkait bantuan militer di Ukraina.",
        "Mengutip Mirror, dugaan ini muncul seiring invasi Rusia ke Ukraina mengalami stagnasi.",
        "Bahkan Putin yang marah besar tengah mempertimbangkan untuk melakukan 'rencana B'.",
        "Rusia mengklaim telah mengamankan seluruh Oblast Kherson (wilayah) setelah pertama kali merebut kota itu dua minggu lalu.",
        "Namun para pemain bertahan Ukraina tetap menantang dan terus mencetak kemenangan taktis di lapangan.",
        "Laporan yang muncul menunjukkan, Rusia telah kehilangan hingga 13.500 tentara dalam konflik, bersama dengan sejumlah aset perangkat keras.",
        "The Express melaporkan, situasi dan posisi tersebut telah memaksa Moskow untuk menjangkau teman-temannya di luar negeri.",
        "Dikabarkan, Rusia diduga meminta bantuan keuangan dan militer China dalam perang yang sedang berlangsung di Ukraina.",
        "Tetapi China telah membantah hal ini.",
        "Rusia yang meminta bantuan Korea Utara seharusnya bukan hal yang mengejutkan, di mana Pyongyang secara historis menjadi sekutu utama Moskow melalui hubungan historisnya dengan era Komunis uni soviet.",
        "Namun, menurut penulis XSoviet-News Sarah Hurst, Kim dengan cepat menolak bantuan Putin.",
        'Dalam postingannya di Twitter dia mengklaim: "Rusia dilaporkan meminta bantuan Korea Utara dengan invasi yang gagal.',
        "Korea Utara menjawab, 'Kamu terlalu gila untuk kami'.\"",
        "Laporan ini belum diverifikasi oleh sumber lain.",
        "Meskipun kurangnya bantuan secara aktif, diktator Korea Utara Kim Jong-un sebelumnya secara terbuka mendukung Presiden Vladimir Putin atas tindakannya di Ukraina.",
        'Dalam pernyataan resmi pertamanya tentang serangan Rusia, Kementerian Luar Negeri mengatakan bahwa Barat bersalah atas "penyalahgunaan kekuasaan".',
        'Duta Besar Korea Utara untuk PBB mengatakan, AS dan sekutunya adalah akar penyebab krisis di Ukraina, setelah mengabaikan tuntutan keamanan Rusia yang "masuk akal dan adil".',
    ],
    "001": [
        "Kabar mengejutkan terkait pemimpin Korea Utara Kim Jong Un dikabarkan mempermalukan Vladimir Putin yang meminta bantuannya saat invasi Rusia ke Ukraina berlangsung.",
        '"Anda terlalu gila bagi kami," kata Kim Jong Un menurut satu sumber sebagaimana dilansir Express UK, Selasa 15 Maret 2022.',
        "Dikabarkan bahwa tuduhan itu muncul saat invasi Rusia ke Ukraina mencapai stagnasi karena pasukan Putin mendapat perlawanan kuat dari tentara Ukraina.",
        "Laporan telah muncul menunjukkan Rusia telah kehilangan hingga 13.500 tentara dalam konflik, serta sejumlah aset perangkat keras, memaksa Moskow untuk menjangkau teman-temannya di luar negeri.",
        "Sikap memalukan itu, kabarnya terjadi setelah Rusia diduga meminta bantuan keuangan dan militer ke China di tengah invasi Rusia ke Ukraina.",
        "Namun, China dengan keras membantahnya, dengan juru bicara Kedutaan Besar China di AS.",
        '"Itu berita bagi saya," ungkapnya.',
        "Dengan Korea Utara menjadi sekutu utama Rusia melalui hubungan historisnya dengan era Komunis Uni Soviet, seruan bantuan tidak mengejutkan.",
        "Menurut Penulis XSoviet-News, Sarah Hurst Presiden Kim dengan cepat menolak permintaan bantuan Putin.",
        '"Rusia dilaporkan meminta bantuan Korea Utara dengan invasi yang gagal.',
        "Korea Utara menjawab, 'Kamu terlalu gila untuk kami',\" tulisnya di Twitter.",
        "Meski demikian, pernyataan itu hingga saat ini belum diverifikasi kebenarannya oleh sumber lain.",
        "Sikap Pyongyang terhadap invasi Rusia ke Ukraina, diduga mendukung Moskow.",
        "Sebab Rusia diketaui selama ini sebagai pelindung Perang Dinginnya.",
        "Sehingga Rusia menjadi semakin gencar seiring waktu, bahkan jika komentar eksplisit dari media pemerintah tentang masalah ini jauh dari biasa.",
        'Ketika Korea Utara benar-benar terlibat dalam retorika dalam nada ini, yang paling jelas menyalahkan Amerika Serikat sebagai "akar penyebab" krisis Ukraina.',
        "Tindakan semacam itu menunjukkan bahwa Korea Utara mengambil langkah yang telah dicoba dan diuji dari kebijakan luar negerinya. buku pedoman.",
        "Uji coba rudal baru-baru ini, meskipun bukan merupakan tanggapan langsung terhadap krisis yang sedang berlangsung di Ukraina.",
        "Namun fakta menunjukkan kelanjutan dari pengejaran Pyongyang yang semakin rakus untuk pengembangan rudal, termasuk nuklir – tahun ini, seperti yang ditunjukkan pada bulan Januari.",
        'Korea Utara mengklaim telah melakukan tes "satelit pengintai" pada 26 Februari dan 4 Maret.',
    ],
    "002": [
        "Kim Jong Un pemimpin tertinggi Korea Utara dikabarkan menolak permintaan Presiden Rusia Vladimir Putin mengenai bantuan militer di Ukraina.",
        "Mengutip Mirror, dugaan ini muncul seiring invasi Rusia ke Ukraina mengalami stagnasi.",
        "Bahkan Putin yang marah besar tengah mempertimbangkan untuk melakukan 'rencana B'.",
        "Rusia mengklaim telah mengamankan seluruh Oblast Kherson (wilayah) setelah pertama kali merebut kota itu dua minggu lalu.",
        "Namun para pemain bertahan Ukraina tetap menantang dan terus mencetak kemenangan taktis di lapangan.",
        "Laporan yang muncul menunjukkan, Rusia telah kehilangan hingga 13.500 tentara dalam konflik, bersama dengan sejumlah aset perangkat keras.",
        "The Express melaporkan, situasi dan posisi tersebut telah memaksa Moskow untuk menjangkau teman-temannya di luar negeri.",
        "Dikabarkan, Rusia diduga meminta bantuan keuangan dan militer China dalam perang yang sedang berlangsung di Ukraina.",
        "Tetapi China telah membantah hal ini.",
        "Rusia yang meminta bantuan Korea Utara seharusnya bukan hal yang mengejutkan, di mana Pyongyang secara historis menjadi sekutu utama Moskow melalui hubungan historisnya dengan era Komunis uni soviet.",
        "Namun, menurut penulis XSoviet-News Sarah Hurst, Kim dengan cepat menolak bantuan Putin.",
        'Dalam postingannya di Twitter dia mengklaim: "Rusia dilaporkan meminta bantuan Korea Utara dengan invasi yang gagal.',
        "Korea Utara menjawab, 'Kamu terlalu gila untuk kami'.\"",
        "Laporan ini belum diverifikasi oleh sumber lain.",
        "Meskipun kurangnya bantuan secara aktif, diktator Korea Utara Kim Jong-un sebelumnya secara terbuka mendukung Presiden Vladimir Putin atas tindakannya di Ukraina.",
        'Dalam pernyataan resmi pertamanya tentang serangan Rusia, Kementerian Luar Negeri mengatakan bahwa Barat bersalah atas "penyalahgunaan kekuasaan".',
        'Duta Besar Korea Utara untuk PBB mengatakan, AS dan sekutunya adalah akar penyebab krisis di Ukraina, setelah mengabaikan tuntutan keamanan Rusia yang "masuk akal dan adil".',
        'Kim Song, diplomat Korea Utara, mengkritik "kebijakan hegemonik" AS dan Barat yang menurutnya mengancam keamanan dan integritas teritorial negara-negara berdaulat.',
        'Berbicara pada pertemuan Majelis Umum PBB, Kim mengatakan: "Bahaya terbesar yang dihadapi dunia sekarang adalah kesewenang-wenangan.',
        'Dan kesewenang-wenangan Amerika Serikat dan para pengikutnya telah mengguncang perdamaian dan stabilitas internasional."',
        "Berdirinya Korea Utara",
        "Kim Jong-Un layaknya lupa bantuan yang diberikan Uni Soviet kepada kakeknya, Kim Il-Sung, agar bisa menjadi pemimpin Korea Utara.",
        "Dikutip Britannica, sejak tahun 1910, semenanjung Korea dikuasai Jepang.",
        "Pasca-Jepang menyerah pada sekutu dan Perang Dunia II berakhir, momentum itu pun tiba.",
        "Semenanjung Korea jatuh ke tangan sekutu dan dibagi dua.",
        "Bagian selatan di bawah kekuasaan AS, sedangkan bagian Utara dikuasai Uni Soviet.",
        "Pada 1948, wilayah selatan mendeklarasikan berdirinya Republic of Korea yang dipimpim Syngman Rhee, sosok anti-komunis.",
        "Sementara di wilayah utara, Uni Soviet memilih gerilyawan muda komunis yakni Kim Il Sung mendeklarasikan berdirinya Democratic People's Republic of Korea (DPRK).",
        "Dukungan penuh dari Uni Soviet, membuat Kim Il Sung memegang kekuatan politik yang kuat.",
        "Ini memperkokoh posisinya sebagai pemimpin partai komunis Chosun.",
        "Pada 1946, partai tersebut dibentuk kembali sebagai Partai Buruh Korea Utara.",
        "Partai ini memperkokoh landasan Korut sebagai negara komunis lewat nasionalisasi tanah pertanian.",
        "Minta bantuan China",
        "Sebelumnya, mengutip The Straits Times, Rusia juga dikabarkan tengah merayu China untuk bisa mendapatkan bantuan militer dan ekonomi.",
        "Gempuran sanksi yang diterima tampaknya membuat Rusia mulai kesulitan.",
        "Hal itu diungkapkan oleh seorang pejabat tinggi AS yang berbicara secara anonim ini.",
        "Sayangnya, kepada New York Times, dia belum bisa menjelaskan lebih lanjut jenis peralatan militer yang dibutuhkan Rusia.",
        "Ia juga belum bisa memastikan bagaimana respons China atas permintaan tersebut.",
        "Juru bicara kedutaan besar China di Washington, Liu Pengyu, mengaku belum pernah mendengar kabar apa pun tentang permintaan bantuan militer dan ekonomi dari Rusia.",
        "Liu menegaskan bahwa sikap China saat ini adalah mendukung segala upaya yang mengarah pada penyelesaian krisis secara damai.",
        '"China melihat di Ukraina saat ini membingungkan.',
        'Kami mendukung dan mendorong semua upaya yang kondusif untuk penyelesaian krisis secara damai," ungkap Liu, seperti dikutip The Straits Times.',
    ],
    "003": [
        "Rusia merespons kabar yang mengeklaim tentara Korea Utara membantu pasukannya di perang Ukraina.",
        "Kremlin langsung membantah adanya bantuan militer dari negara Kim Jong-un itu kepada pasukan Presiden Vladimir Putin di Ukraina.",
        '"Ini terlihat seperti berita palsu lainnya," kata Juru Bicara Kremlin Dmitry Peskov dikutip dari Euronews, Jumat (11/10/2024).',
        "Respons itu muncul setelah surat kabar Inggris The Guardian pada Kamis (10/10/2024) melaporkan bahwa pejabat senior Kiev dan Seoul mengatakan tentara dan teknisi militer Korea Utara ke Ukraina.",
        "Mereka dikabarkan dikerahkan untuk membantu Rusia menyerang Ukraina dengan rudal balistik.",
        "Media tersebut juga mengatakan, berdasarkan sumber yang yang meminta anonimitas, tentara Korea Utara yang berperang di Ukraina, beberapa di antaranya telah terbunuh.",
        "Menurut Kantor Berita Korea Selatan Yonhap, Kepala Pertahanan di Seoul mengatakan di awal bulan ini bahwa Korea Utara kemungkinan mengirim anggota pasukan bersenjatanya untuk mendukung Rusia di Ukraina.",
        "Pemimpin Korea Utara Kim Jong-un sendiri telah menjadi salah satu sekutu kunci Putin sejak Rusia meluncurkan invasi skala besar ke Ukraina di awal 2022.",
        "Pasukan Rusia malah terkuras habis setelah sebelumnya Putin mengantisipasi kemenangan cepat.",
        "Hal itu terjadi setelah Ukraina melawan dengan persenjataan canggih yang disumbangkan sekutu Barat.",
        "AS mengeklaim ada lebih 16.000 kontainer pengiriman yang berisi amunisi telah dikirim ke Rusia dari Korea Utara.",
        "Pejabat Kepala Pertahanan Jerman mengatakan tujuan dari pengiriman itu tampaknya untuk mempertahankan stok domestik Rusia, sementara senjata yang dibuat dari pabrikan dalam negeri dikirim ke Ukraina.",
        "Korea Utara sendiri dilaporkan tengah menderita masalah ekonomi yang dalam setelah satu dekade sanksi dan kedikatoran, serta keamanan makanan masih menjadi masalah utama.",
        "Kim Jong-un sendiri sempat mengunjungi Putin di Rusia pada September lalu.",
        "Kim Jong-un terlihat ikut menginspeksi lokasi peluncuran dan pabrik pembuatan bagian roket.",
        "Putin sendiri pada pertemuan itu mengatakan bahwa Korea Utara tertarik untuk mengembangkan program luar angkasanya.",
    ],
    "004": [
        "Rusia dikabarkan telah kehilangan pasokan bantuan dari beberapa negara sekutu.",
        "Invasi ke Ukraina yang tidak menunjukan arah ke mana pun memasuki pekan keempat menjadi sinyal Rusia telah kehilangan dukungan.",
        "Salah satunya dari negara yang selama ini mesra dengan Rusia, yaitu Korea Utara.",
        "Pemimpin tertinggi Korea Utara Kim Jong Un dikabarkan menolak permintaan Presiden Rusia Vladimir Putin mengenai bantuan militer ke Ukraina.",
        "Bahkan Putin yang tersinggung dengan penolakan itu tengah mempertimbangkan untuk melakukan 'rencana B'.",
        "Rusia mengklaim telah mengamankan seluruh Oblast Kherson (wilayah) setelah pertama kali merebut kota itu dua minggu lalu.",
        "Namun para pasukan bertahan Ukraina tetap menantang dan terus mencetak kemenangan taktis di lapangan.",
        "Laporan yang muncul menunjukkan, Rusia telah kehilangan hingga 13.500 tentara dalam konflik, bersama dengan sejumlah aset perangkat keras.",
        "The Express melaporkan, situasi dan posisi tersebut telah memaksa Moskow untuk menjangkau teman-temannya di luar negeri.",
        "Dikabarkan, Rusia diduga meminta bantuan keuangan dan militer China dalam perang yang sedang berlangsung di Ukraina.",
        "Tetapi China telah membantah hal ini.",
        "Rusia yang meminta bantuan Korea Utara seharusnya bukan hal yang mengejutkan, di mana Pyongyang secara historis menjadi sekutu utama Moskow melalui hubungan historisnya dengan era Komunis uni soviet.",
        "Namun, menurut penulis XSoviet-News Sarah Hurst yang punya jaringan kuat ke Kim Jong Un di Pyongyang menyebutkan bahwa Kim dengan cepat menolak bantuan Putin.",
        'Dalam postingannya di Twitter dia mengklaim: "Rusia dilaporkan meminta bantuan Korea Utara dengan invasi yang gagal.',
        "Korea Utara menjawab, 'Kamu terlalu gila untuk kami'.\"",
        "Tapi laporan ini belum diverifikasi oleh Pyongyang.",
        "Meskipun kurangnya bantuan secara aktif, diktator Korea Utara Kim Jong-un sebelumnya secara terbuka mendukung Presiden Vladimir Putin atas tindakannya di Ukraina.",
    ],
}


@pytest.mark.parametrize("seed", sorted(BODY_SENTENCES))
def test_every_body_sentence_is_kept(cleaned: dict[str, Cleaned], seed: str) -> None:
    text = _squash(cleaned[seed].text)
    missing = [s for s in BODY_SENTENCES[seed] if _squash(s) not in text]
    assert missing == []


@pytest.mark.parametrize("seed", sorted(BODY_SENTENCES))
def test_nothing_but_the_body_is_left(cleaned: dict[str, Cleaned], seed: str) -> None:
    # The clean text is exactly the body: its words are the body sentences' words.
    assert len(_squash(cleaned[seed].text)) == len(_squash(" ".join(BODY_SENTENCES[seed])))


def test_the_edited_hedge_in_004_survives(cleaned: dict[str, Cleaned]) -> None:
    assert "Tapi laporan ini belum diverifikasi oleh Pyongyang." in cleaned["004"].text


def test_002_keeps_its_appended_background_with_subheads(cleaned: dict[str, Cleaned]) -> None:
    paragraphs = cleaned["002"].text.split("\n\n")
    assert "Berdirinya Korea Utara" in paragraphs
    assert "Minta bantuan China" in paragraphs
    assert paragraphs[-1].endswith("seperti dikutip The Straits Times.")


def test_001_last_sentence_kept_without_its_credit(cleaned: dict[str, Cleaned]) -> None:
    last = cleaned["001"].text.split("\n\n")[-1]
    assert last == 'Korea Utara mengklaim telah melakukan tes "satelit pengintai" pada 26 Februari dan 4 Maret.'
    assert ("(Source : IsuBogor)", "source_credit") in cleaned["001"].removed


@pytest.mark.parametrize(
    ("seed", "outlet"),
    [
        ("000", "kontan.co.id"),
        ("001", "IsuBogor"),
        ("002", "intisari-online.com"),
        ("003", "kompas.tv"),
        ("004", "tribunpalu.com"),
    ],
)
def test_outlet_from_the_text(cleaned: dict[str, Cleaned], seed: str, outlet: str) -> None:
    assert cleaned[seed].outlet == outlet


def test_dates(cleaned: dict[str, Cleaned]) -> None:
    assert cleaned["000"].published == datetime(2022, 3, 21, 5, 40, tzinfo=WIB)
    assert cleaned["000"].published.utcoffset() == timedelta(hours=7)
    assert cleaned["000"].published_from == "page"
    assert cleaned["001"].published == datetime(2022, 3, 15, tzinfo=WIB)
    assert cleaned["001"].published_from == "body"
    # The header's "11 Oktober 2024, 15:32 WIB" wins over "Jumat (11/10/2024)" in a quote line.
    assert cleaned["003"].published == datetime(2024, 10, 11, 15, 32, tzinfo=WIB)
    assert cleaned["003"].published_from == "page"
    for seed in ("002", "004"):
        assert cleaned[seed].published is None
        assert cleaned[seed].published_from is None


def _source_names(cleaned: Cleaned) -> set[str]:
    return {source.name for source in cleaned.sources}


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("000", {"Mirror", "The Straits Times", "The Express", "Twitter"}),
        ("001", {"Express UK", "Twitter"}),  # IsuBogor is the outlet: never its own source
        ("002", {"Mirror", "The Straits Times", "The Express", "Twitter", "Britannica"}),
        ("003", {"Euronews"}),
        ("004", {"The Express", "Twitter"}),
    ],
)
def test_cited_sources(cleaned: dict[str, Cleaned], seed: str, expected: set[str]) -> None:
    assert expected <= _source_names(cleaned[seed])


def test_sources_are_deduplicated_with_their_first_phrase(cleaned: dict[str, Cleaned]) -> None:
    for article in cleaned.values():
        names = [source.name for source in article.sources]
        assert len(names) == len(set(names))
    phrases = {s.name: s.phrase for s in cleaned["002"].sources}
    assert phrases["Mirror"] == "Mengutip Mirror"
    assert phrases["The Express"] == "The Express melaporkan"
    assert {s.name: s.phrase for s in cleaned["001"].sources}["Twitter"] == "tulisnya di Twitter"


def test_003_optional_sources_and_no_photo_credit(cleaned: dict[str, Cleaned]) -> None:
    names = _source_names(cleaned["003"])
    assert {"The Guardian", "Yonhap"} <= names
    # "(Sumber: Mikhail Metzel, Sputnik, Kremlin Pool Photo via AP)" credits a photo.
    assert not names & {"Sputnik", "Mikhail Metzel", "Kremlin Pool Photo via AP", "AP"}


def test_a_hole_is_never_a_source(cleaned: dict[str, Cleaned]) -> None:
    for article in cleaned.values():
        assert all(source.name.strip(" ,.") for source in article.sources)


def test_bylines(cleaned: dict[str, Cleaned]) -> None:
    assert cleaned["000"].byline == [Person("editor", "Barratut Taqiyyah Rafie")]
    assert cleaned["003"].byline == [
        Person("author", "Haryo Jati"),
        Person("editor", "Vyara-Lestari"),
    ]
    assert cleaned["001"].byline == []


def test_titles_and_datelines(cleaned: dict[str, Cleaned]) -> None:
    assert cleaned["000"].title == "Kim Jong Un Disebut Tolak Permintaan Putin untuk Bantuan Militer di Ukraina"
    assert cleaned["003"].title == (
        "Respons Rusia usai Tentara Korea Utara Diklaim Bantu Pasukan Putin di Ukraina: Itu Berita Palsu"
    )
    assert cleaned["004"].title.startswith("Rusia Frustasi Ditinggal Sekutu Terkuat")
    assert cleaned["001"].title is None
    assert cleaned["000"].dateline == "MOSKOW"
    assert cleaned["003"].dateline == "MOSKOW"
    assert cleaned["004"].dateline is None


@pytest.mark.parametrize("seed", ["000", "003", "004"])
def test_no_chrome_left(cleaned: dict[str, Cleaned], seed: str) -> None:
    text = cleaned[seed].text
    for chrome in (
        "LQ45",
        "EMAS1.310.000",
        "RD.SAHAM",
        "INDIKATOR",
        "banner langganan",
        "Baca Juga",
        "Baca juga",
        "TERBARU",
        "[X]",
        "\u00d7",
        "> >",
        "Sumber:",
        "Editor",
        "Penulis",
        "KONTAN.CO.ID",
        "KOMPAS.TV",
        "TRIBUNPALU.COM",
        "via AP",
        "Kompas dunia",
    ):
        assert chrome not in text, chrome
    lines = text.split("\n\n")
    title = cleaned[seed].title
    assert title not in lines
    assert len(lines) == len(set(lines)), "a header line repeated in the body"


def test_removed_lines_say_why(cleaned: dict[str, Cleaned]) -> None:
    reasons = dict(cleaned["000"].removed)
    assert reasons["\u2022 LQ45926,73 11,38 1.24%"] == "ticker"
    assert reasons["banner langganan top"] == "banner"
    assert reasons["kontan.co.id"] == "host"
    assert reasons["Sumber: The Straits Times,Mirror | Editor: Barratut Taqiyyah Rafie"] == "credit"
    assert reasons["KONTAN.CO.ID - MOSKOW."] == "dateline"
    assert reasons["TERBARU"] == "label"
    caption = [line for line, why in cleaned["003"].removed if why == "caption"]
    assert len(caption) == 1 and caption[0].endswith("Kremlin Pool Photo via AP)")


def test_paragraphs_are_separated_by_one_blank_line(cleaned: dict[str, Cleaned]) -> None:
    for article in cleaned.values():
        assert "\n\n\n" not in article.text
        assert all(p and p == p.strip() and "\n" not in p for p in article.text.split("\n\n"))


def test_a_dateline_on_a_line_above_the_body_is_no_page_date() -> None:
    """A first line cut short (a broken paragraph) is kept as a header line above the body; the
    day in its dateline is the filing's or the event's, a lower bound, not the page's own time."""
    text = (
        "Yogyakarta, Kamis (12/9/2019) - Ketua panitia lomba perahu naga Kabupaten Sukamaju (KPNS)\n\n"
        "Darto Wibisono menyebut peserta tahun ini datang dari dua belas kabupaten di Jawa.\n\n"
        "Lomba digelar di waduk desa selama tiga hari dan dibuka untuk umum tanpa tiket masuk."
    )
    cleaned = clean_page(text)
    assert cleaned.published is not None and cleaned.published.day == 12
    assert (cleaned.published_from, cleaned.published_precision) == ("dateline", "day")
