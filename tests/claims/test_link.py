"""Linking claims across articles, on statements taken from the seed pages."""

from __future__ import annotations

from datetime import datetime

from newstrace.claims.link import Occurrence, certainty_changes, key_terms, link_claims, link_stances, normalise

TWEET = (
    "Rusia dilaporkan meminta bantuan Korea Utara dengan invasi yang gagal. "
    "Korea Utara menjawab, 'Kamu terlalu gila untuk kami'."
)
REFUSAL = "Kim dengan cepat menolak bantuan Putin"


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
