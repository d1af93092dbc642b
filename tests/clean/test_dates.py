"""Units of cleaning: dates in text, record dates, weekdays and time zones."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from newstrace.clean.dates import find_dates, parse_date


def _zone(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


WIB, WITA, WIT = _zone(7), _zone(8), _zone(9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Senin, 21 Maret 2022 / 05:40 WIB", datetime(2022, 3, 21, 5, 40, tzinfo=WIB)),
        ("11 Oktober 2024, 15:32 WIB", datetime(2024, 10, 11, 15, 32, tzinfo=WIB)),
        ("Kompas dunia | 11 Oktober 2024, 15:32 WIB", datetime(2024, 10, 11, 15, 32, tzinfo=WIB)),
        ("Selasa 15 Maret 2022", datetime(2022, 3, 15, tzinfo=WIB)),
        ("kata Yuni, Rabu (18/9/2019).", datetime(2019, 9, 18, tzinfo=WIB)),
        ("dikutip dari Euronews, Jumat (11/10/2024).", datetime(2024, 10, 11, tzinfo=WIB)),
        ("11 Oktober 2024, 15:32 WITA", datetime(2024, 10, 11, 15, 32, tzinfo=WITA)),
        ("11 Oktober 2024 15.32 WIT", datetime(2024, 10, 11, 15, 32, tzinfo=WIT)),
        ("March 21, 2022 5:40 PM GMT+7", datetime(2022, 3, 21, 17, 40, tzinfo=WIB)),
        ("21 Mar 2022", datetime(2022, 3, 21, tzinfo=WIB)),
        ("Rabu, 18/09/2019 10:15 WIB", datetime(2019, 9, 18, 10, 15, tzinfo=WIB)),
        ("2019-09-10T00:02:00+07:00", datetime(2019, 9, 10, 0, 2, tzinfo=WIB)),
    ],
)
def test_dates_in_text(text: str, expected: datetime) -> None:
    found = find_dates(text)
    assert len(found) == 1
    assert found[0].value == expected
    assert found[0].value.utcoffset() == expected.utcoffset()


def test_wita_is_not_read_as_wit() -> None:
    assert find_dates("10 Oktober 2024, 08:00 WITA")[0].value.utcoffset() == timedelta(hours=8)
    assert find_dates("10 Oktober 2024, 08:00 WIT")[0].value.utcoffset() == timedelta(hours=9)


@pytest.mark.parametrize(
    "text",
    [
        "Rusia telah kehilangan hingga 13.500 tentara",
        "skor 2-1 (10/10)",
        "21 Maret 2099",
        "harga Rp 1.310.000 per gram",
        "pada 26 Februari dan 4 Maret",
        "kemarin sore",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_weekday_check_and_flags() -> None:
    (match,) = find_dates("Selasa (10/9/2019)")
    assert match.has_weekday and match.weekday_agrees and not match.has_time
    (wrong,) = find_dates("Senin (10/9/2019)")
    assert not wrong.weekday_agrees


def test_parse_record_dates() -> None:
    assert parse_date("2019-09-10T00:02:00+07:00") == datetime(2019, 9, 10, 0, 2, tzinfo=WIB)
    naive = parse_date("2019-09-10 08:00")
    assert naive == datetime(2019, 9, 10, 8, 0, tzinfo=WIB)  # no zone: Western Indonesian time
    assert parse_date("Senin, 21 Maret 2022 / 05:40 WIB") == datetime(2022, 3, 21, 5, 40, tzinfo=WIB)
    assert parse_date("21/03/2022") == datetime(2022, 3, 21, tzinfo=WIB)
    assert parse_date("bukan tanggal") is None
    assert parse_date("") is None
