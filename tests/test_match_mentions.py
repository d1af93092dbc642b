"""Mentions: the names, numbers and event dates two articles are compared on."""

from __future__ import annotations

from newstrace.match_mentions import extract_entities, extract_event_dates, extract_numbers


def test_extractors_find_names_numbers_and_event_dates() -> None:
    entities = extract_entities(["Menurut Kepala Bea Cukai Makassar, Ade Irawan, tim KPK datang Selasa (10/9/2019)."])
    assert {"kepala bea cukai makassar", "ade irawan", "kpk"} <= entities
    assert "menurut" not in entities
    numbers = extract_numbers(["Harga naik Rp752.000 per gram, 23 persen, pada 2019 dan 10/9."])
    assert {"752000", "23", "10/9"} <= numbers and "2019" not in numbers
    assert extract_event_dates("Jakarta, Selasa (10/9/2019) dan 11 September 2019") == {
        "10/9",
        "11/9",
    }
    assert extract_event_dates("skor 3/4 dalam laga") == frozenset()
