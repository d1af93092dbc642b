"""What an article mentions that another can be checked against: names, places, numbers and
event dates, each lower-cased or normalised so that two articles' sets can be intersected.

The rules are written for Indonesian and English news: capitalised word runs and acronyms for
names, a capitalised run after "di", "ke" or "dari" for places, "d/m" for dates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from newstrace.algo.passages import tokenize

__all__ = ["extract_entities", "extract_event_dates", "extract_numbers", "extract_places", "sentence_entities"]

# Names: runs of capitalised words (one lower-case joiner allowed: "Bank of England") and
# acronyms. Sentence-initial single words are skipped: there every word is capitalised.
_NAME_RE = re.compile(
    r"\b(?:[A-Z][\w'’-]*|[A-Z]{2,}\d*)(?:\s+(?:(?:of|de|van|der|bin|binti|al)\s+)?"
    r"(?:[A-Z][\w'’-]*|[A-Z]{2,}\d*))*"
)
_ACRONYM_RE = re.compile(r"^[A-Z]{2,}\d*$")
# Numbers worth comparing: amounts, percentages, scores, times and dates; "1" or "10" alone
# are everywhere, the year of publication too.
_DATE_RE = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_DIGIT_RE = re.compile(r"\d")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agu", "aug"),
            ("september", "sept", "sep"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("desember", "december", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}
# Event dates as news writes them: "Selasa (10/9/2019)", "10 September 2019".
_EVENT_DATE_RE = re.compile(
    r"\b(\d{1,2})/(\d{1,2})/(?:\d{4}|\d{2})\b"
    r"|\b(\d{1,2})\s+(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+\d{4}\b",
    re.IGNORECASE,
)
# Capitalised in Indonesian, yet they name no actor: days and months.
_CALENDAR_WORDS = frozenset(["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", *_MONTHS])


def extract_entities(sentences: Sequence[str]) -> frozenset[str]:
    """Lower-cased names (capitalised word runs, acronyms) mentioned in ``sentences``.

    A run opening a sentence may start with a word capitalised only for that reason
    ("Menurut Kepala Bea Cukai"), so it also counts without its first word.
    """
    return frozenset().union(*map(sentence_entities, sentences))


def sentence_entities(sentence: str) -> frozenset[str]:
    """The names :func:`extract_entities` finds in one sentence."""
    found: set[str] = set()
    for match in _NAME_RE.finditer(sentence):
        words = _name_words(match.group())
        at_start = not sentence[: match.start()].strip(" \"'“‘([-—–")
        if at_start and not _ACRONYM_RE.match(match.group().split()[0]):
            if len(words) > 2:
                found.add(" ".join(words[1:]))
            if len(words) == 1:
                continue
        if len(words) > 1 or (words and len(words[0]) >= 3):
            found.add(" ".join(words))
    return frozenset(found)


@lru_cache(maxsize=1 << 16)
def _name_words(name: str) -> tuple[str, ...]:
    # The same names recur across a corpus: tokenising each once pays.
    return tuple(w for w in tokenize(name) if w not in _CALENDAR_WORDS)


# Places as Indonesian news names them: a capitalised run after "di", "ke" or "dari"
# ("di Kabupaten Bogor", "dari Jakarta Selatan").
_PLACE_RE = re.compile(r"\b(?:di|ke|dari)\s+((?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|\d+))*)")


def extract_places(sentences: Sequence[str]) -> frozenset[str]:
    """Lower-cased place names: capitalised runs after "di", "ke" or "dari"."""
    found: set[str] = set()
    for sentence in sentences:
        for match in _PLACE_RE.finditer(sentence):
            words = [w for w in tokenize(match.group(1)) if w not in _CALENDAR_WORDS]
            if words:
                found.add(" ".join(words))
    return frozenset(found)


def extract_numbers(sentences: Sequence[str]) -> frozenset[str]:
    """Normalised dates ("d/m") and numbers with two or more digits, years excluded."""
    found: set[str] = set()
    for sentence in sentences:
        if not _DIGIT_RE.search(sentence):
            continue
        for day, month, _year in _DATE_RE.findall(sentence):
            found.add(f"{int(day)}/{int(month)}")
        without_dates = _DATE_RE.sub(" ", sentence)
        for number in _NUMBER_RE.findall(without_dates):
            digits = re.sub(r"[.,]", "", number)
            if len(digits) < 2 or (len(digits) == 4 and digits[:2] in ("19", "20")):
                continue
            found.add(digits.lstrip("0") or "0")
    return frozenset(found)


def extract_event_dates(text: str) -> frozenset[str]:
    """Full dates ("d/m") written in ``text``: with a year, so not fractions or scores."""
    found: set[str] = set()
    for numeric_day, numeric_month, day, month_name in _EVENT_DATE_RE.findall(text):
        if numeric_day:
            day_number, month_number = int(numeric_day), int(numeric_month)
        else:
            day_number, month_number = int(day), _MONTHS[month_name.lower()]
        if 1 <= day_number <= 31 and 1 <= month_number <= 12:
            found.add(f"{day_number}/{month_number}")
    return frozenset(found)
