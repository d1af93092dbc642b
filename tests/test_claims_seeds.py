"""Claims in the seed story: the Sarah Hurst tweet carried as unverified, Peskov's denial.

Expected values come from reading the seed pages (``src/newstrace/sample/seeds``):
000 (kontan) and 004 (TribunPalu) carry the tweet "Kamu terlalu gila untuk kami" by
writer Sarah Hurst of XSoviet-News, cited through Mirror in 000; 004 changes the hedge
to "belum diverifikasi oleh Pyongyang". 003 (Kompas TV) quotes Kremlin spokesman
Dmitry Peskov, via Euronews, calling the reports "berita palsu".
"""

from __future__ import annotations

from datetime import datetime

import pytest

from newstrace.claims import Claim, extract_claims
from newstrace.claims.link import Occurrence, certainty_changes, claim_fields, link_claims, link_stances
from newstrace.clean import clean_page

from .conftest import SEEDS


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[str, str | None, list[Claim]]]:
    result = {}
    for path in sorted(SEEDS.glob("*.txt")):
        cleaned = clean_page(path.read_text(encoding="utf-8"))
        result[path.name[:3]] = (cleaned.text, cleaned.outlet, extract_claims(cleaned.text))
    return result


TWEET = "Kamu terlalu gila untuk kami"


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


def test_china_denies_the_hearsay_in_its_own_words(seeds: dict) -> None:
    for key in ("000", "002", "004"):  # the copies carry the sentence too
        denial = _carrying(seeds[key][2], "China telah membantah hal ini")
        assert (denial.kind, denial.speaker, denial.cue) == ("reported", "China", "membantah")
        assert denial.stance == "denial" and denial.stance_words == ("membantah",)


# The seeds' copy groups and storyline as their README gives them; dates as the pages print them.
_GROUPS = {"000": "kontan", "002": "kontan", "004": "kontan", "001": "isubogor", "003": "kompastv"}
_DATES = {"000": "2022-03-21T05:40:00+07:00", "001": "2022-03-15T00:00:00+07:00", "003": "2024-10-11T15:32:00+07:00"}


@pytest.fixture(scope="module")
def linked(seeds: dict) -> tuple[list[Occurrence], dict[tuple[str, int], str]]:
    occurrences = []
    for key, (text, _, claims) in seeds.items():
        published = datetime.fromisoformat(_DATES[key]) if key in _DATES else None
        for position, claim in enumerate(claims):
            fields = claim_fields(text, claim)
            occurrences.append(
                Occurrence(
                    key,
                    position,
                    claim.quote,
                    claim.speaker,
                    published,
                    _GROUPS[key],
                    "korea-russia",
                    fields["terms"],
                    claim.stance,
                    char_start=claim.char_start,
                    char_end=claim.char_end,
                )
            )
    link_claims(occurrences, [])
    return occurrences, link_stances(occurrences)


def _occurrence(occurrences: list[Occurrence], key: str, words: str) -> Occurrence:
    return next(o for o in occurrences if o.article == key and words in o.quote)


def test_china_s_denial_is_linked_to_the_claim_it_denies(linked: tuple) -> None:
    occurrences, stances = linked
    for key in ("000", "002", "004"):
        denial = _occurrence(occurrences, key, "China telah membantah hal ini")
        hearsay = _occurrence(occurrences, key, "Rusia diduga meminta bantuan keuangan dan militer China")
        assert stances[(key, denial.position)] == hearsay.claim
    claims = {_occurrence(occurrences, key, "Rusia diduga meminta bantuan keuangan").claim for key in ("000", "002")}
    assert len(claims) == 1  # one claim in the copies


def test_peskov_s_denial_is_not_about_the_sarah_hurst_claim(linked: tuple) -> None:
    occurrences, stances = linked
    tweet = {_occurrence(occurrences, key, TWEET).claim for key in ("000", "002", "004")}
    assert len(tweet) == 1
    peskov = _occurrence(occurrences, "003", "berita palsu")
    assert peskov.stance == "denial"
    assert stances.get(("003", peskov.position)) not in tweet
    assert not any(claim in tweet for claim in stances.values())


def test_the_tweet_is_one_unverified_claim_and_tribunpalu_s_hedge_change_is_reported(
    seeds: dict, linked: tuple
) -> None:
    occurrences, _ = linked
    states = {}
    for key in ("000", "002", "004"):
        text, _, claims = seeds[key]
        claim = _carrying(claims, TWEET)
        assert claim.via[:2] == ("XSoviet-News", "Twitter") and claim.certainty == "unverified"
        phrases = [hedge["phrase"] for hedge in claim_fields(text, claim)["hedges"]]
        states[key] = [(_occurrence(occurrences, key, TWEET).claim, claim.certainty, phrases, list(claim.via))]
    tweet = states["000"][0][0]
    assert (
        tweet,
        "hedge",
        "belum diverifikasi oleh sumber lain",
        "belum diverifikasi oleh Pyongyang",
    ) in certainty_changes(states["000"], states["004"])
    assert not [c for c in certainty_changes(states["000"], states["002"]) if c[1] in ("hedge", "certainty")]
