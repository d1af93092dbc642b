"""Linking claims across articles, on statements taken from the seed pages."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from newstrace.claims.link import (
    Lookups,
    Occurrence,
    certainty_changes,
    claim_fields,
    key_terms,
    link_claims,
    link_stances,
    lookup_keys,
    lookups,
    normalise,
)
from tests.claims.conftest import carrying

TWEET = (
    "Rusia dilaporkan meminta bantuan Korea Utara dengan invasi yang gagal. "
    "Korea Utara menjawab, 'Kamu terlalu gila untuk kami'."
)
REFUSAL = "Kim dengan cepat menolak bantuan Putin"
SEED_TWEET = "Kamu terlalu gila untuk kami"  # as the seed pages print it


def _at(day: str) -> datetime:
    return datetime.fromisoformat(day + "T10:00:00+07:00")


def test_translation_variants_fold_together() -> None:
    assert normalise("Anda terlalu gila bagi kami") == normalise("'Kamu terlalu gila untuk kami'.")


def test_a_verbatim_quote_links_whoever_is_named_and_a_part_joins_it() -> None:
    kontan = Occurrence("000", 4, TWEET, "Sarah Hurst", _at("2022-03-21"), "g0", "line")
    known = Occurrence("000", 3, REFUSAL, "Sarah Hurst", _at("2022-03-21"), "g0", "line", claim="c-refusal")
    kontan.claim = "c-tweet"
    whole = Occurrence("001", 6, TWEET.rstrip("."), "Kim Jong Un", _at("2022-03-15"), "g1", "line")
    part = Occurrence("001", 1, "Anda terlalu gila bagi kami", "Kim Jong Un", _at("2022-03-15"), "g1", "line")
    other = Occurrence("005", 0, "Kamu terlalu gila untuk kami", None, _at("2022-03-15"), "g5", "elsewhere")
    link_claims([whole, part, other], [kontan, known])
    assert whole.claim == part.claim == "c-tweet"
    assert other.claim not in ("c-tweet", "c-refusal")  # a short part links only within its storyline


def test_a_reworded_statement_needs_the_same_speaker_outside_its_copy_group() -> None:
    said = Occurrence(
        "a",
        0,
        "Revisi UU KPK bukan untuk melemahkan lembaga, justru untuk menguatkan",
        "Sufriadi",
        _at("2019-09-10"),
        "g1",
        "l1",
        claim="c-1",
    )
    same = Occurrence(
        "b",
        0,
        "Revisi UU KPK justru untuk menguatkan, bukan untuk melemahkan lembaga",
        "Sufriadi",
        _at("2019-09-11"),
        "g2",
        "l2",
    )
    someone = Occurrence(
        "c",
        0,
        "Revisi UU KPK justru untuk menguatkan, bukan untuk melemahkan lembaga",
        "Budi",
        _at("2019-09-11"),
        "g3",
        "l3",
    )
    link_claims([same], [said])
    link_claims([someone], [said])
    assert same.claim == "c-1" and someone.claim != "c-1"


def test_a_denial_links_only_through_distinctive_terms() -> None:
    troops = (
        "Tentara dan teknisi militer Korea Utara dikirim ke Ukraina untuk membantu Rusia. "
        "Ini terlihat seperti berita palsu lainnya"
    )
    storyline = [
        Occurrence("000", 0, TWEET, "Sarah Hurst", _at("2022-03-21"), "g0", "l", key_terms(TWEET), claim="c-t"),
        Occurrence(
            "002",
            0,
            "Rusia meminta bantuan militer Korea Utara",
            None,
            _at("2022-03-22"),
            "g0",
            "l",
            key_terms("Rusia meminta bantuan militer Korea Utara"),
            claim="c-r",
        ),
        Occurrence(
            "009",
            0,
            "pasukan Korea Utara dikirim ke Ukraina membantu Rusia",
            None,
            _at("2024-10-09"),
            "g9",
            "l",
            key_terms("tentara teknisi militer Korea Utara dikirim ke Ukraina membantu Rusia"),
            claim="c-troops",
        ),
        Occurrence(
            "003",
            0,
            "Ini terlihat seperti berita palsu lainnya",
            "Dmitry Peskov",
            _at("2024-10-11"),
            "g3",
            "l",
            key_terms(troops),
            stance="denial",
            claim="c-p",
        ),
    ]
    assert link_stances(storyline) == {("003", 0): "c-troops"}
    assert link_stances(storyline[:2] + storyline[3:]) == {}  # the 2022 claims share only the topic


def test_certainty_changes_name_the_changed_hedge() -> None:
    via = ["XSoviet-News", "Twitter"]
    parent = [("c-t", "unverified", ["mengklaim", "belum diverifikasi oleh sumber lain"], [*via, "Mirror"])]
    child = [("c-t", "unverified", ["mengklaim", "belum diverifikasi oleh Pyongyang"], via)]
    assert certainty_changes(parent, child) == [
        ("c-t", "hedge", "belum diverifikasi oleh sumber lain", "belum diverifikasi oleh Pyongyang"),
        ("c-t", "attribution", "XSoviet-News > Twitter > Mirror", "XSoviet-News > Twitter"),
    ]
    assert certainty_changes(parent, parent) == []
    assert certainty_changes(parent, [("c-t", "asserted", ["mengklaim"], [*via, "Mirror"])]) == [
        ("c-t", "certainty", "unverified", "asserted"),
        ("c-t", "hedge", "belum diverifikasi oleh sumber lain", "-"),
    ]


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
    tweet = {_occurrence(occurrences, key, SEED_TWEET).claim for key in ("000", "002", "004")}
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
        claim = carrying(claims, SEED_TWEET)
        assert claim.via[:2] == ("XSoviet-News", "Twitter") and claim.certainty == "unverified"
        phrases = [hedge["phrase"] for hedge in claim_fields(text, claim)["hedges"]]
        states[key] = [(_occurrence(occurrences, key, SEED_TWEET).claim, claim.certainty, phrases, list(claim.via))]
    tweet = states["000"][0][0]
    assert (
        tweet,
        "hedge",
        "belum diverifikasi oleh sumber lain",
        "belum diverifikasi oleh Pyongyang",
    ) in certainty_changes(states["000"], states["004"])
    assert not [c for c in certainty_changes(states["000"], states["002"]) if c[1] in ("hedge", "certainty")]


def test_new_claims_link_the_same_whether_every_known_one_is_filed_or_only_those_looked_up(
    linked: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newstrace.claims import link

    occurrences, _ = linked
    filtered = link._file_known
    strangers = [  # known claims of other storylines, one starting like a seed statement
        Occurrence("x1", 0, SEED_TWEET + " lagi", "Budi", _at("2023-01-02"), "gx", "other", claim="c-x1"),
        Occurrence(
            "x2", 0, "Harga emas Antam naik seribu rupiah hari ini", None, _at("2023-01-02"), "gy", "gold", claim="c-x2"
        ),
    ]

    def second_half(file_known: object) -> list[str | None]:
        copies = [
            Occurrence(
                o.article,
                o.position,
                o.quote,
                o.speaker,
                o.published,
                o.copy_group,
                o.storyline,
                o.terms,
                claim=o.claim,
            )
            for o in occurrences
        ]
        known = [o for o in copies if o.article < "002"]
        new = [o for o in copies if o.article >= "002"]
        monkeypatch.setattr(link, "_file_known", file_known)
        link_claims(new, known + strangers)
        return [o.claim for o in new]

    def file_everything(buckets: dict, known: list, shared: set, new: list) -> None:
        link._file(buckets, known, shared)

    found = second_half(filtered)
    assert found == second_half(file_everything)
    assert any(c in {o.claim for o in occurrences if o.article < "002"} for c in found)  # old claims are found


def test_a_speaker_s_reworded_statement_links_within_a_week_not_months_later() -> None:
    said = "Pemerintah akan menanggung seluruh biaya perawatan korban banjir di Jakarta"
    reworded = "Seluruh biaya perawatan korban banjir di Jakarta akan ditanggung pemerintah"

    def occurrence(article: str, day: str, claim: str | None = None) -> Occurrence:
        return Occurrence(
            article, 0, reworded if claim is None else said, "Jokowi", _at(day), article, article, claim=claim
        )

    first = occurrence("a", "2020-01-02", claim="c-1")
    soon, later, undated = occurrence("b", "2020-01-08"), occurrence("c", "2020-03-02"), occurrence("d", "2020-01-02")
    undated.published = None
    for new in (soon, later, undated):
        link_claims([new], [first])
    assert soon.claim == undated.claim == "c-1"
    assert later.claim != "c-1"  # the same words two months on: said again, a claim of its own


def test_the_known_claims_looked_up_are_all_that_linking_new_ones_needs(linked: tuple) -> None:
    """Linking new claims against only the known ones their lookups name (same copy groups or
    storylines, same speakers, same opening words: what the store reads for an increment)
    gives the claim ids of linking against every known one."""
    occurrences, _ = linked
    reprinted = next(o.quote for o in occurrences if o.article >= "002")
    carriers = Counter(o.claim for o in occurrences)
    spoken = next(o for o in occurrences if o.article >= "002" and o.speaker and o.published and carriers[o.claim] == 1)
    assert spoken.published is not None
    strangers = [  # a reprint elsewhere, a stranger, and a speaker's other statement
        Occurrence("x1", 0, reprinted + " lagi", "Budi", _at("2019-09-12"), "gx", "other", claim="c-x1"),
        Occurrence(
            "x2", 0, "Harga emas Antam naik seribu rupiah hari ini", None, _at("2019-09-12"), "gy", "gold", claim="c-x2"
        ),
        Occurrence(  # the same words reordered, said six days before
            "x3",
            0,
            " ".join(reversed(spoken.quote.split())),
            spoken.speaker,
            spoken.published - timedelta(days=6),
            "gz",
            "z",
            claim="c-x3",
        ),
        replace(  # the same, two months before: said again, not read
            Occurrence("x4", 0, "", None, None, "gw", "w"),
            quote=" ".join(reversed(spoken.quote.split())),
            speaker=spoken.speaker,
            published=spoken.published - timedelta(days=60),
            claim="c-x4",
        ),
    ]

    def link_second_half(select: object) -> list[str | None]:
        copies = [replace(o, claim=o.claim) for o in occurrences]
        known = [o for o in copies if o.article < "002"] + [replace(o) for o in strangers]
        new = [o for o in copies if o.article >= "002"]
        for o in new:
            o.claim = None
        wanted = lookups(new)
        link_claims(new, [o for o in known if select(o, wanted)])  # type: ignore[operator]
        return [o.claim for o in new]

    def looked_up(o: Occurrence, wanted: Lookups) -> bool:
        opening, speaker = lookup_keys(o.quote, o.speaker)
        span = wanted.speaker_span
        in_span = span is None or o.published is None or span[0] <= o.published <= span[1]
        return (
            o.copy_group in wanted.copy_groups
            or o.storyline in wanted.storylines
            or (speaker in wanted.speakers and in_span)
            or opening in wanted.openings
        )

    assert link_second_half(looked_up) == link_second_half(lambda o, wanted: True)
    wanted = lookups([o for o in occurrences if o.article >= "002"])
    # 002 and 004 are undated: a speaker's statement at any time may be theirs reworded
    assert wanted.speaker_span is None
    assert [looked_up(o, wanted) for o in strangers] == [True, False, True, True]


def test_dated_statements_look_up_their_speakers_within_two_weeks_or_undated() -> None:
    said = Occurrence("a", 0, "Kami akan menanggung biaya korban", "Jokowi", _at("2020-01-10"), "a", "a")
    span = lookups([said]).speaker_span
    assert span is not None and span[0] <= _at("2019-12-27") and span[1] >= _at("2020-01-24")
    assert span[0] > _at("2019-11-10")  # two months before: never the same claim
    said.published = None
    assert lookups([said]).speaker_span is None
