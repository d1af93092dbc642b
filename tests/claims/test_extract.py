"""Each construction of claim extraction on short hand-written Indonesian and English text, then
the claims of the seed story: the Sarah Hurst tweet carried as unverified, Peskov's denial."""

from __future__ import annotations

from newstrace.claims import Claim, extract_claims
from tests.claims.conftest import carrying


def _only(text: str, kind: str = "direct") -> list[Claim]:
    return [claim for claim in extract_claims(text) if claim.kind == kind]


def test_kompas_closing_mark_opens_a_quote() -> None:
    text = "Rapat berlangsung singkat. ”Kami siap menggelar pemilu,” kata Ketua KPU Budi Santoso di Jakarta."
    (claim,) = _only(text)
    assert claim.quote == "Kami siap menggelar pemilu"
    assert (claim.cue, claim.speaker, claim.speaker_role) == ("kata", "Budi Santoso", "Ketua KPU")


def test_all_quote_marks() -> None:
    for opening, closing in (("“", "”"), ('"', '"'), ("”", "”"), ("‘", "’"), ("'", "'")):
        text = f"{opening}Kami menolak usulan itu,{closing} ujar Budi Santoso."
        (claim,) = _only(text)
        assert claim.quote == "Kami menolak usulan itu", opening
        assert claim.speaker == "Budi Santoso"


def test_quote_spanning_sentences() -> None:
    text = "“Ini penting. Kami akan bekerja keras. Tidak ada libur,” ujar Menteri Agus Salim."
    (claim,) = _only(text)
    assert claim.quote == "Ini penting. Kami akan bekerja keras. Tidak ada libur"
    assert claim.speaker == "Agus Salim"


def test_quote_split_by_its_cue() -> None:
    text = '"Kami siap," kata Budi Santoso. "Semua logistik sudah dikirim ke daerah."'
    first, second = _only(text)
    assert (first.quote, first.cue, first.speaker) == ("Kami siap", "kata", "Budi Santoso")
    assert second.quote == "Semua logistik sudah dikirim ke daerah."
    assert (second.cue, second.speaker) == (None, "Budi Santoso")


def test_cue_before_the_quote() -> None:
    text = "Dalam unggahannya di Instagram, Rina Wulandari mengatakan: “Saya tidak pernah menerima uang itu.”"
    (claim,) = _only(text)
    assert (claim.cue, claim.speaker) == ("mengatakan", "Rina Wulandari")
    assert claim.via == ("Instagram",)


def test_a_term_in_quotes_is_no_claim() -> None:
    assert _only('Warga menyebut kawasan itu "zona merah" sejak pekan lalu.') == []


def test_katanya_is_the_person_just_named() -> None:
    text = "Menteri Kesehatan Rina Wulandari meninjau rumah sakit itu. ”Stok vaksin cukup,” katanya."
    (claim,) = _only(text)
    assert (claim.cue, claim.speaker_mention, claim.speaker) == ("katanya", "katanya", "Rina Wulandari")


def test_short_name_resolves_to_full_name() -> None:
    text = (
        "Gubernur Jawa Barat Dedi Kurniawan meninjau banjir. Air mulai surut sejak pagi. "
        "”Pengungsi akan kami bantu,” kata Dedi."
    )
    (claim,) = _only(text)
    assert (claim.speaker_mention, claim.speaker) == ("Dedi", "Dedi Kurniawan")


def test_title_resolves_to_the_named_person() -> None:
    text = "Presiden Joko Widodo memimpin rapat terbatas. ”Bantuan harus segera cair,” kata Presiden."
    (claim,) = _only(text)
    assert (claim.speaker_mention, claim.speaker) == ("Presiden", "Joko Widodo")


def test_dia_after_a_reported_statement_is_its_speaker() -> None:
    text = (
        "Menurut analis Siti Rahma, koalisi itu akan bertahan lama. "
        'Dalam cuitannya di Twitter dia menulis: "Semua partai butuh satu sama lain."'
    )
    reported, direct = extract_claims(text)
    assert (reported.kind, reported.speaker, reported.quote) == (
        "reported",
        "Siti Rahma",
        "koalisi itu akan bertahan lama",
    )
    assert (direct.kind, direct.speaker_mention, direct.speaker) == ("direct", "dia", "Siti Rahma")
    assert direct.via == ("Twitter",)


def test_reported_speech_shapes() -> None:
    cases = {
        "Juru bicara polisi Andi Wijaya mengatakan bahwa pelaku sudah ditangkap.": (
            "mengatakan",
            "Andi Wijaya",
            "pelaku sudah ditangkap",
        ),
        "Kepala dinas Joko Susilo menyebut jumlah korban terus bertambah.": (
            "menyebut",
            "Joko Susilo",
            "jumlah korban terus bertambah",
        ),
        "Pengacara Maria Ulfa mengklaim kliennya tidak berada di lokasi.": (
            "mengklaim",
            "Maria Ulfa",
            "kliennya tidak berada di lokasi",
        ),
    }
    for text, (cue, speaker, quote) in cases.items():
        (claim,) = _only(text, "reported")
        assert (claim.cue, claim.speaker, claim.quote) == (cue, speaker, quote), text


def test_media_cited_by_the_outlet_join_the_chain() -> None:
    text = (
        "Dilansir dari Express, pasukan itu mundur. "
        "”Kami tidak akan menyerah,” kata juru bicara militer Ivan Petrov dikutip dari Euronews."
    )
    (claim,) = _only(text)
    assert claim.speaker == "Ivan Petrov"
    assert claim.via == ("Euronews", "Express")
    assert claim.chain("kompas.tv") == ("Ivan Petrov", "Euronews", "Express", "kompas.tv")


def test_hedges_and_their_strength() -> None:
    text = "Polisi Andi Wijaya mengatakan bahwa pelaku diduga membawa senjata dan kabarnya disebut-sebut kabur."
    (claim,) = _only(text, "reported")
    words = [hedge.word for hedge in claim.hedges]
    assert words == ["diduga", "kabarnya", "disebut-sebut"]
    assert claim.certainty == "hedged"
    assert all(0 < hedge.strength <= 1 for hedge in claim.hedges)


def test_unverified_in_the_next_sentence_when_it_refers_back() -> None:
    text = "Andi Wijaya mengatakan bahwa dua kapal tenggelam. Informasi ini belum dapat dipastikan."
    (claim,) = _only(text, "reported")
    assert claim.certainty == "unverified"
    assert [hedge.word for hedge in claim.hedges] == ["belum dapat dipastikan"]
    unrelated = "Andi Wijaya mengatakan bahwa dua kapal tenggelam. Jadwal pelayaran belum dapat dipastikan."
    (claim,) = _only(unrelated, "reported")
    assert claim.certainty == "asserted"


def test_assertions_are_not_hedges() -> None:
    text = "Kapolres Andi Wijaya memastikan bahwa tersangka terbukti membawa senjata."
    (claim,) = _only(text, "reported")
    assert [(hedge.word, hedge.kind) for hedge in claim.hedges] == [
        ("memastikan", "assertion"),
        ("terbukti", "assertion"),
    ]
    assert claim.certainty == "asserted"


def test_denial_and_confirmation() -> None:
    (denial,) = _only("”Kabar itu hoaks dan tidak benar,” kata juru bicara Andi Wijaya.")
    assert denial.stance == "denial"
    assert denial.stance_words == ("hoaks", "tidak benar")
    (confirmation,) = _only("Kepala polisi Andi Wijaya membenarkan bahwa dua orang ditahan.", "reported")
    assert confirmation.stance == "confirmation"


def test_later_denial_of_the_claim() -> None:
    text = "Andi Wijaya menyebut bahwa perusahaan itu meminta bantuan. Namun perusahaan itu membantahnya."
    (claim,) = _only(text, "reported")
    assert claim.certainty == "denied"


def test_english() -> None:
    text = (
        '"We will not retreat," said Prime Minister John Smith. The claim could not be verified. '
        "According to Reuters, the talks were reportedly cancelled."
    )
    direct, reported = extract_claims(text)
    assert (direct.speaker, direct.cue, direct.certainty) == ("John Smith", "said", "unverified")
    assert (reported.speaker, reported.quote) == ("Reuters", "the talks were reportedly cancelled")
    assert [hedge.word for hedge in reported.hedges] == ["reportedly"]
    (denial,) = _only('"This is fake news," Peter Lee said.')
    assert (denial.speaker, denial.stance) == ("Peter Lee", "denial")


def test_role_alone_resolves_to_the_named_holder() -> None:
    text = (
        "Juru bicara Kremlin Dmitry Peskov menggelar jumpa pers. Ia berbicara soal sanksi. "
        "Sanksi itu dinilai berat. ”Laporan itu tidak benar,” kata juru bicara Kremlin."
    )
    (claim,) = _only(text)
    assert (claim.speaker_mention, claim.speaker) == ("juru bicara Kremlin", "Dmitry Peskov")
    assert claim.stance == "denial"


def test_a_medium_as_the_source() -> None:
    text = "Menurut media Inggris Mirror, pemimpin itu menolak permintaan tersebut."
    (claim,) = _only(text, "reported")
    assert (claim.speaker, claim.speaker_role, claim.via) == ("Mirror", "media Inggris", ())


def test_hearsay_without_a_speaker() -> None:
    text = "Pasar sempat ramai. Kabarnya, harga beras akan naik bulan depan."
    (claim,) = extract_claims(text)
    assert (claim.kind, claim.speaker, claim.cue) == ("reported", None, None)
    assert claim.quote == "harga beras akan naik bulan depan"
    assert claim.certainty == "hedged"


def test_a_quote_midway_between_two_speakers_continues_the_earlier() -> None:
    # Equally near attributed quotes on both sides: the tie must not compare the claims.
    text = (
        '"Kami sudah siap bertanding besok," kata Budi.\n'
        '"Semua pemain dalam kondisi baik sekali."     \n'
        '"Kami akan menang besok malam," ujar Andi.'
    )
    starts = [text.index('"Kami sudah'), text.index('"Semua'), text.index('"Kami akan')]
    assert starts[1] - starts[0] == starts[2] - starts[1]
    claims = extract_claims(text)
    assert [(c.quote, c.speaker) for c in claims] == [
        ("Kami sudah siap bertanding besok", "Budi"),
        ("Semua pemain dalam kondisi baik sekali.", "Budi"),
        ("Kami akan menang besok malam", "Andi"),
    ]


def test_every_claim_is_cut_from_the_text(seeds: dict) -> None:
    for text, _, claims in seeds.values():
        assert claims
        for claim in claims:
            assert text[claim.char_start : claim.char_end] == claim.quote
            assert claim.quote.strip() == claim.quote


def test_sarah_hurst_tweet_in_kontan(seeds: dict) -> None:
    text, outlet, claims = seeds["000"]
    claim = carrying(claims, "Kamu terlalu gila untuk kami")
    assert claim.kind == "direct"
    assert claim.speaker == "Sarah Hurst"
    assert claim.speaker_mention == "dia"
    assert claim.cue == "mengklaim"
    assert claim.via == ("XSoviet-News", "Twitter", "Mirror")
    assert claim.chain(outlet) == ("Sarah Hurst", "XSoviet-News", "Twitter", "Mirror", "kontan.co.id")
    assert claim.certainty == "unverified"
    unverified = [hedge for hedge in claim.hedges if hedge.kind == "unverified"]
    assert [hedge.word for hedge in unverified] == ["belum diverifikasi"]
    assert text[unverified[0].start :].startswith("belum diverifikasi oleh sumber lain")
    assert claim.stance is None


def test_sarah_hurst_reported_claim_before_the_tweet(seeds: dict) -> None:
    _, _, claims = seeds["000"]
    claim = carrying(claims, "Kim dengan cepat menolak bantuan Putin")
    assert (claim.kind, claim.cue, claim.speaker) == ("reported", "menurut", "Sarah Hurst")
    assert claim.speaker_role == "penulis XSoviet-News"


def test_tribunpalu_changes_the_hedge(seeds: dict) -> None:
    text, _, claims = seeds["004"]
    claim = carrying(claims, "Kamu terlalu gila untuk kami")
    assert claim.speaker == "Sarah Hurst"
    assert claim.via[:2] == ("XSoviet-News", "Twitter")
    assert "Mirror" not in claim.via  # TribunPalu does not name Mirror
    assert claim.certainty == "unverified"
    unverified = [hedge for hedge in claim.hedges if hedge.kind == "unverified"]
    assert text[unverified[0].start :].startswith("belum diverifikasi oleh Pyongyang")


def test_peskov_calls_the_reports_fake_news(seeds: dict) -> None:
    _, outlet, claims = seeds["003"]
    claim = carrying(claims, "berita palsu")
    assert (claim.kind, claim.cue) == ("direct", "kata")
    assert claim.speaker == "Dmitry Peskov"
    assert claim.speaker_role == "Juru Bicara Kremlin"
    assert claim.via == ("Euronews",)
    assert claim.stance == "denial"
    assert "berita palsu" in claim.stance_words
    assert claim.chain(outlet) == ("Dmitry Peskov", "Euronews", "kompas.tv")


def test_seed_claims_that_are_no_denials(seeds: dict) -> None:
    for key in ("000", "004"):
        claim = carrying(seeds[key][2], "Kamu terlalu gila untuk kami")
        assert claim.stance is None


def test_hearsay_passed_on_from_the_express_and_denied_by_china(seeds: dict) -> None:
    _, _, claims = seeds["000"]
    claim = carrying(claims, "Rusia diduga meminta bantuan keuangan dan militer China")
    assert claim.quote.startswith("Rusia diduga")  # "Dikabarkan," opens the sentence, not the statement
    assert (claim.kind, claim.cue, claim.speaker) == ("reported", None, "The Express")
    assert [hedge.word for hedge in claim.hedges] == ["Dikabarkan", "diduga"]
    assert claim.certainty == "denied"  # "Tetapi China telah membantah hal ini."


def test_china_denies_the_hearsay_in_its_own_words(seeds: dict) -> None:
    for key in ("000", "002", "004"):  # the copies carry the sentence too
        denial = carrying(seeds[key][2], "China telah membantah hal ini")
        assert (denial.kind, denial.speaker, denial.cue) == ("reported", "China", "membantah")
        assert denial.stance == "denial" and denial.stance_words == ("membantah",)
