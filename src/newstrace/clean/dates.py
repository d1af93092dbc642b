"""Publication times in Indonesian and English news text, as aware datetimes.

Cheap regular expressions locate date candidates; only the short candidate
strings go to dateparser, and its answers are cached because the same few
strings ("Selasa (10/9/2019)") recur across thousands of articles.

Time zones: ``WIB`` is +07:00, ``WITA`` +08:00, ``WIT`` +09:00; ``GMT+7``,
``UTC+07:00`` and ISO offsets are honoured. A value without a zone is taken
to be Western Indonesian time (+07:00), the zone almost all Indonesian
outlets publish in. A value without a time of day gets midnight in its zone
and ``day`` precision: it names a day, not a minute.

Publication times are kept as :class:`PublishedTime` (value, precision,
source); :func:`choose_published` picks one among the candidates a page
offers, and :func:`time_bounds` turns one into the interval it stands for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from typing import Literal

import regex
from dateparser.date import DateDataParser

from newstrace.lang import en as lang_en
from newstrace.lang import id_dateline

__all__ = [
    "DEFAULT_ZONE",
    "SOURCE_STRENGTH",
    "DateMatch",
    "Precision",
    "PublishedTime",
    "choose_published",
    "date_from_url",
    "find_dates",
    "from_match",
    "from_metadata",
    "parse_date",
    "parse_published",
    "time_bounds",
]

DEFAULT_ZONE = timezone(timedelta(hours=7))
"""Western Indonesian time (WIB), assumed when a value names no zone."""

_ZONE_HOURS = id_dateline.TIME_ZONES
_EARLIEST_YEAR = 1990  # no online news before this; older dates are history, not publication

_ID_WEEKDAYS = id_dateline.WEEKDAYS
_EN_WEEKDAYS = lang_en.WEEKDAYS
_WEEKDAY_NUMBER = {**id_dateline.WEEKDAY_NUMBER, **lang_en.WEEKDAY_NUMBER}
_MONTHS = id_dateline.MONTHS + lang_en.MONTHS


def _alternation(words: list[str]) -> str:
    # Longest first so that "Maret" wins over "Mar", "WITA" over "WIT".
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


_WEEKDAY = rf"(?P<weekday>{_alternation(_ID_WEEKDAYS + _EN_WEEKDAYS)})"
_MONTH = rf"(?P<month>{_alternation(_MONTHS)})"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>[0-3]?\d)"
# A time right after the date; "05.40" only counts when a zone follows,
# since "13.500" in running text is a number, not a time.
_TIME = (
    r"(?:\s*(?:,|/|\||-|–)?\s*(?:pukul\s+|jam\s+|at\s+)?"
    r"(?:(?P<time>[0-2]?\d:[0-5]\d(?::[0-5]\d)?)(?!\d)(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?"
    r"|(?P<dottime>[0-2]?\d\.[0-5]\d)(?=\s*(?:WITA|WIT|WIB)\b)))?"
)
_ZONE = (
    r"(?:\s*(?P<zone>WITA|WIT|WIB|(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?|GMT|UTC"
    r"|[+-][01]\d:?[0-5]\d)\b)?"
)

_DAY_MONTH_YEAR = regex.compile(
    rf"(?:\b{_WEEKDAY}\s*,?\s*)?\b{_DAY}\s+{_MONTH}\.?,?\s+{_YEAR}\b{_TIME}{_ZONE}",
    regex.IGNORECASE,
)
_MONTH_DAY_YEAR = regex.compile(
    rf"(?:\b{_WEEKDAY}\s*,?\s*)?\b{_MONTH}\.?\s+{_DAY}(?:st|nd|rd|th)?,?\s+{_YEAR}\b{_TIME}{_ZONE}",
    regex.IGNORECASE,
)
# Numeric dates are day first in Indonesian. Without a weekday they are only
# taken when a time follows (header style), as "(10/10/2018)" alone is often
# a score, a ratio or an event date.
_NUMERIC_WITH_WEEKDAY = regex.compile(
    rf"\b{_WEEKDAY}\s*,?\s*\(?\s*{_DAY}/(?P<nmonth>[01]?\d)/(?P<year>(?:19|20)?\d{{2}})\b\s*\)?"
    rf"{_TIME}{_ZONE}",
    regex.IGNORECASE,
)
_NUMERIC_WITH_TIME = regex.compile(
    rf"\b{_DAY}/(?P<nmonth>[01]?\d)/{_YEAR}\b"
    r"\s*(?:,|\|)?\s*(?:pukul\s+)?(?P<time>[0-2]?\d[:.][0-5]\d)(?!\d)" + _ZONE,
    regex.IGNORECASE,
)
_ISO = regex.compile(
    r"\b(?P<iso>(?:19|20)\d{2}-[01]\d-[0-3]\d"
    r"(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-][0-2]\d:?[0-5]\d)?)?)(?![\d:])"
)
_PATTERNS = (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _NUMERIC_WITH_WEEKDAY, _NUMERIC_WITH_TIME, _ISO)

# Cheap gate: a candidate needs a four-digit year somewhere.
_HAS_YEAR = regex.compile(r"(?:19|20)\d{2}")
_ZONE_OFFSET = regex.compile(r"([+-])\s*(\d{1,2})(?::?(\d{2}))?")

_PARSER = DateDataParser(
    languages=["id", "en"],
    settings={
        "DATE_ORDER": "DMY",
        "PARSERS": ["absolute-time"],  # never "kemarin" / "2 hours ago"
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    },
)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in text: where, its value, and how much it said."""

    start: int
    end: int
    text: str
    value: datetime
    has_weekday: bool
    has_time: bool
    weekday_agrees: bool  # False when the named weekday contradicts the date


@lru_cache(maxsize=8192)
def _dateparser_parse(candidate: str) -> datetime | None:
    """dateparser on a short normalised candidate; slow, hence cached."""
    return _PARSER.get_date_data(candidate).date_obj


def _zone_of(zone: str | None) -> timezone | None:
    """The zone a date names; None for an offset no place has (beyond +-14:00)."""
    if not zone:
        return DEFAULT_ZONE
    upper = zone.upper().replace(" ", "")
    if upper in _ZONE_HOURS:
        return timezone(timedelta(hours=_ZONE_HOURS[upper]))
    offset = _ZONE_OFFSET.search(upper)
    if offset is None:  # bare GMT / UTC
        return UTC
    sign = -1 if offset.group(1) == "-" else 1
    minutes = int(offset.group(2)) * 60 + int(offset.group(3) or 0)
    if minutes > 14 * 60 or int(offset.group(3) or 0) > 59:
        return None
    return timezone(sign * timedelta(minutes=minutes))


def _plausible(value: datetime) -> bool:
    # A publication time cannot lie in the future (a day of slack for zones).
    now = datetime.now(UTC) + timedelta(days=1)
    return _EARLIEST_YEAR <= value.year and value <= now


def _candidate_string(match: regex.Match[str]) -> str:
    groups = match.groupdict()
    if groups.get("nmonth"):
        year = groups["year"]
        if len(year) == 2:
            year = "20" + year
        date_part = f"{int(groups['day'])}/{int(groups['nmonth'])}/{year}"
    else:
        date_part = f"{int(groups['day'])} {groups['month'].title()} {groups['year']}"
    time = groups.get("time") or (groups.get("dottime") or "").replace(".", ":")
    if time:
        date_part += f" {time}"
        if groups.get("ampm"):
            date_part += " " + groups["ampm"].replace(".", "").upper()
    return date_part


def _from_match(match: regex.Match[str]) -> DateMatch | None:
    groups = match.groupdict()
    if groups.get("iso"):
        value = _parse_iso(groups["iso"])
        has_time = "T" in groups["iso"] or " " in groups["iso"]
    else:
        naive = _dateparser_parse(_candidate_string(match))
        if naive is None:
            return None
        zone = _zone_of(groups.get("zone"))
        if zone is None:
            return None
        value = naive.replace(tzinfo=zone)
        has_time = bool(groups.get("time") or groups.get("dottime"))
    if value is None or not _plausible(value):
        return None
    weekday = groups.get("weekday")
    agrees = weekday is None or _WEEKDAY_NUMBER.get(weekday.lower()) == value.weekday()
    return DateMatch(
        start=match.start(),
        end=match.end(),
        text=match.group().strip(),
        value=value,
        has_weekday=weekday is not None,
        has_time=has_time,
        weekday_agrees=agrees,
    )


def _parse_iso(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(text)  # 3.11 reads "Z" and all ISO forms
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=DEFAULT_ZONE)


def find_dates(text: str) -> list[DateMatch]:
    """All dates in ``text``, in reading order, overlapping candidates resolved.

    The first pattern to claim a stretch of text keeps it, so "Selasa,
    21 Maret 2022" is one match, not a weekday form and a month-name form.
    """
    if not _HAS_YEAR.search(text):
        return []
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            result = _from_match(match)
            if result is not None:
                found.append(result)
                taken.append((start, end))
    return sorted(found, key=lambda m: m.start)


_TRAILING_OFFSET = regex.compile(r"\d\s*([+-])(\d{2}):?(\d{2})$")


def _impossible_offset(text: str) -> bool:
    """An explicit UTC offset no place has (beyond +-14:00): the value is unusable, and
    dropping the offset would silently move the time."""
    m = _TRAILING_OFFSET.search(text)
    return m is not None and (int(m.group(2)) > 14 or int(m.group(3)) > 59)


@lru_cache(maxsize=4096)
def parse_date(text: str) -> datetime | None:
    """Parse one date value, such as a record's ``published`` field.

    Accepts ISO 8601 (a naive value is taken as +07:00), and any form
    :func:`find_dates` knows ("Senin, 21 Maret 2022 / 05:40 WIB"); as a last
    resort a short string goes to dateparser whole (day first).
    """
    text = text.strip()
    if not text or _impossible_offset(text):
        return None
    iso = _parse_iso(text)
    if iso is not None:
        return iso
    matches = find_dates(text)
    if matches:
        return matches[0].value
    if len(text) > 64 or not _HAS_YEAR.search(text):
        return None
    naive = _dateparser_parse(text)
    if naive is None:
        return None
    value = naive.replace(tzinfo=DEFAULT_ZONE)
    return value if _plausible(value) else None


# --- publication times with precision and source -----------------------------------------

Precision = Literal["minute", "hour", "day"]

SOURCE_STRENGTH: tuple[str, ...] = ("record", "html", "page", "dateline", "url", "body")
"""Where a publication time can come from, most trusted first: the record's own field, the
page's metadata (``html``), the page's header or footer (``page``), a date in the dateline,
the URL's path, and the body text (often the day of the event, not of publication)."""

_SPAN = {"minute": timedelta(minutes=1), "hour": timedelta(hours=1), "day": timedelta(days=1)}
_FINENESS = {"minute": 0, "hour": 1, "day": 2}
_CLOCK = regex.compile(r"\d[:.][0-5]\d")
_URL_DATE = regex.compile(
    r"(?<![0-9])(?P<year>(?:19|20)\d{2})(?P<sep>[/-]?)(?P<month>[01]\d)(?P=sep)(?P<day>[0-3]\d)(?![0-9])"
)


@dataclass(frozen=True, slots=True)
class PublishedTime:
    """A publication time as found: its value, how precise it is, and where it came from.

    A ``day`` value is midnight of that day in its zone and stands for the whole day.
    """

    value: datetime
    precision: Precision
    source: str


def time_bounds(time: PublishedTime) -> tuple[datetime, datetime]:
    """The interval ``[start, end)`` a time stands for: one minute, hour or day."""
    return time.value, time.value + _SPAN[time.precision]


def parse_published(text: str, source: str = "record") -> PublishedTime | None:
    """A field's publication time with its precision (``day`` when no time of day is given)."""
    value = parse_date(text)
    if value is None:
        return None
    return PublishedTime(value, "minute" if _CLOCK.search(text) else "day", source)


def from_match(match: DateMatch, source: str) -> PublishedTime:
    """A date found in text as a publication time: day precision unless it shows a time."""
    if match.has_time:
        return PublishedTime(match.value, "minute", source)
    day = match.value.replace(hour=0, minute=0, second=0, microsecond=0)
    return PublishedTime(day, "day", source)


def from_metadata(text: str) -> PublishedTime | None:
    """htmldate's answer (``%Y-%m-%dT%H:%M:%S%z``), offset kept.

    htmldate renders a date-only answer as midnight without an offset; that is a day, not a
    minute. An answer with an offset keeps it (10:00+00:00 is 17:00 WIB, not 10:00 WIB); one
    with a time but no offset is taken as WIB like any zoneless value.
    """
    value = parse_date(text)
    if value is None:
        return None
    # Sites that know only the day often write it as midnight with their offset too.
    midnight = value.hour == value.minute == value.second == 0
    return PublishedTime(value, "day" if midnight else "minute", "html")


def date_from_url(url: str | None) -> PublishedTime | None:
    """A day named in a URL's path (``/2019/09/10/``, ``2019-09-10``, ``20190910``)."""
    if not url:
        return None
    path = url.split("//", 1)[-1].partition("/")[2]
    for match in _URL_DATE.finditer(path):
        try:
            value = datetime(int(match["year"]), int(match["month"]), int(match["day"]), tzinfo=DEFAULT_ZONE)
        except ValueError:
            continue
        if _plausible(value):
            return PublishedTime(value, "day", "url")
    return None


def choose_published(candidates: Iterable[PublishedTime | None]) -> PublishedTime | None:
    """The publication time among ``candidates`` (in the order found within each source).

    The most trusted source wins, except that a finer time inside its interval (the page's
    "21:04 WIB" on the day a date-only metadata field names) is preferred to it. Body dates
    are used only when nothing else is known: they often name the event's day.
    """
    found = [c for c in candidates if c is not None]
    if not found:
        return None
    ranked = sorted(found, key=lambda c: _strength(c.source))
    best = ranked[0]
    if best.precision == "minute" or best.source == "body":
        return best
    start, end = time_bounds(best)
    finer = [
        c
        for c in ranked
        if c.source != "body" and _FINENESS[c.precision] < _FINENESS[best.precision] and start <= c.value < end
    ]
    if not finer:
        return best
    return min(finer, key=lambda c: (_FINENESS[c.precision], _strength(c.source)))


def _strength(source: str) -> int:
    return SOURCE_STRENGTH.index(source) if source in SOURCE_STRENGTH else len(SOURCE_STRENGTH)
