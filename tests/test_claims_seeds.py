"""Claims in the seed story: the Sarah Hurst tweet carried as unverified, Peskov's denial.

Expected values come from reading the seed pages (``src/newstrace/sample/seeds``):
000 (kontan) and 004 (TribunPalu) carry the tweet "Kamu terlalu gila untuk kami" by
writer Sarah Hurst of XSoviet-News, cited through Mirror in 000; 004 changes the hedge
to "belum diverifikasi oleh Pyongyang". 003 (Kompas TV) quotes Kremlin spokesman
Dmitry Peskov, via Euronews, calling the reports "berita palsu".
"""

from __future__ import annotations

import pytest

from newstrace.claims import Claim, extract_claims
from newstrace.clean import clean_page

from .conftest import SEEDS


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[str, str | None, list[Claim]]]:
    result = {}
    for path in sorted(SEEDS.glob("*.txt")):
        cleaned = clean_page(path.read_text(encoding="utf-8"))
        result[path.name[:3]] = (cleaned.text, cleaned.outlet, extract_claims(cleaned.text))
    return result


def _carrying(claims: list[Claim], words: str) -> Claim:
    found = [claim for claim in claims if words in claim.quote]
    assert found, f"no claim carries {words!r}"
    return found[0]


def test_every_claim_is_cut_from_the_text(seeds: dict) -> None:
    for text, _, claims in seeds.values():
        assert claims
        for claim in claims:
            assert text[claim.char_start : claim.char_end] == claim.quote
            assert claim.quote.strip() == claim.quote


def test_sarah_hurst_tweet_in_kontan(seeds: dict) -> None:
    text, outlet, claims = seeds["000"]
    claim = _carrying(claims, "Kamu terlalu gila untuk kami")
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
    claim = _carrying(claims, "Kim dengan cepat menolak bantuan Putin")
    assert (claim.kind, claim.cue, claim.speaker) == ("reported", "menurut", "Sarah Hurst")
    assert claim.speaker_role == "penulis XSoviet-News"


def test_tribunpalu_changes_the_hedge(seeds: dict) -> None:
    text, _, claims = seeds["004"]
    claim = _carrying(claims, "Kamu terlalu gila untuk kami")
    assert claim.speaker == "Sarah Hurst"
    assert claim.via[:2] == ("XSoviet-News", "Twitter")
    assert "Mirror" not in claim.via  # TribunPalu does not name Mirror
    assert claim.certainty == "unverified"
    unverified = [hedge for hedge in claim.hedges if hedge.kind == "unverified"]
    assert text[unverified[0].start :].startswith("belum diverifikasi oleh Pyongyang")


def test_peskov_calls_the_reports_fake_news(seeds: dict) -> None:
    _, outlet, claims = seeds["003"]
    claim = _carrying(claims, "berita palsu")
    assert (claim.kind, claim.cue) == ("direct", "kata")
    assert claim.speaker == "Dmitry Peskov"
    assert claim.speaker_role == "Juru Bicara Kremlin"
    assert claim.via == ("Euronews",)
    assert claim.stance == "denial"
    assert "berita palsu" in claim.stance_words
    assert claim.chain(outlet) == ("Dmitry Peskov", "Euronews", "kompas.tv")


def test_seed_claims_that_are_no_denials(seeds: dict) -> None:
    for key in ("000", "004"):
        claim = _carrying(seeds[key][2], "Kamu terlalu gila untuk kami")
        assert claim.stance is None


def test_hearsay_passed_on_from_the_express_and_denied_by_china(seeds: dict) -> None:
    _, _, claims = seeds["000"]
    claim = _carrying(claims, "Rusia diduga meminta bantuan keuangan dan militer China")
    assert claim.quote.startswith("Rusia diduga")  # "Dikabarkan," opens the sentence, not the statement
    assert (claim.kind, claim.cue, claim.speaker) == ("reported", None, "The Express")
    assert [hedge.word for hedge in claim.hedges] == ["Dikabarkan", "diduga"]
    assert claim.certainty == "denied"  # "Tetapi China telah membantah hal ini."
