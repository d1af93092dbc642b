"""Article metadata found in page text: outlet, dateline, byline, headline, and the time a
page shows under its headline.

Outlets are normalised to a lowercase host name wherever the text or URL
shows one ("KONTAN.CO.ID" -> ``kontan.co.id``, "Intisari - Online.com" ->
``intisari-online.com``); a bare brand with no host ("(Source : IsuBogor)")
stays as written. Dateline places are upper-cased ("Jakarta" -> ``JAKARTA``).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import regex

from newstrace.clean.dates import PublishedTime, find_dates, from_match
from newstrace.model import Person

__all__ = [
    "BYLINE_LABEL",
    "HOST_PATTERN",
    "Dateline",
    "headline_times",
    "looks_like_headline",
    "normalise_host",
    "outlet_from_url",
    "parse_byline",
    "parse_dateline",
    "parse_record_byline",
]

_TLD = (
    r"(?i:co\.id|or\.id|go\.id|ac\.id|web\.id|my\.id|co\.uk|com\.my|com\.sg|com\.au|com"
    r"|id|tv|net|org|co|news|info|asia|online|today|xyz|me|my|sg)"
)
HOST_PATTERN = rf"(?:www\.)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.{_TLD}"
"""A host name with a known top-level domain, any case ("KOMPAS.TV", "kontan.co.id")."""

# "Intisari - Online.com" spells its host with spaces around the hyphen.
_DATELINE_HOST = (
    rf"(?:[A-Za-z][A-Za-z0-9]*\s*-\s*)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    rf"(?:\.[A-Za-z0-9-]+)*\.{_TLD}(?![A-Za-z0-9])"
)
_DASH = r"\s*[-\u2013\u2014]+"
_UPPER_PLACE = r"[\p{Lu}][\p{Lu} .'-]{1,30}[\p{Lu}]"
_CITY_NAMES = (
    "Jakarta|Bandung|Surabaya|Medan|Makassar|Semarang|Yogyakarta|Denpasar|Palembang|Solo"
    "|Bogor|Depok|Bekasi|Tangerang|Malang|Padang|Pekanbaru|Banda Aceh|Jayapura|Manado"
    "|Balikpapan|Samarinda|Pontianak|Banjarmasin|Kupang|Mataram|Ambon|Batam|Jambi|Bengkulu"
    "|Serang|Cirebon|Palu|Kendari|Gorontalo|Mamuju|Ternate|Sorong|Manokwari|Tasikmalaya"
)
_PLACE = rf"(?:{_UPPER_PLACE}|(?:{_CITY_NAMES}))"

# "KONTAN.CO.ID - MOSKOW. ...", "TRIBUNPALU.COM - ...", "TEMPO.CO, Jakarta - ...",
# "Intisari - Online.com -..."
_HOST_FIRST = regex.compile(
    rf"^(?P<outlet>{_DATELINE_HOST})(?:\s*,\s*(?P<place>{_PLACE}))?{_DASH}\s*"
    rf"(?:(?P<place2>{_UPPER_PLACE})\s*[.,]\s+)?"
)
# "MOSKOW, KOMPAS.TV - ...", "JAKARTA, KOMPAS.com - ..."
_PLACE_FIRST = regex.compile(rf"^(?P<place>{_PLACE})\s*,\s*(?P<outlet>{_DATELINE_HOST}){_DASH}\s*")
# "JAKARTA (ANTARA) - ..."
_PLACE_AGENCY = regex.compile(
    rf"^(?P<place>{_PLACE})\s*,?\s*\((?P<brand>[\p{{L}}][\p{{L}}0-9 .]{{1,30}})\){_DASH}\s*"
)
# "Jakarta - ...", "JAKARTA - ...": a place alone, then a spaced dash and a capital.
_PLACE_ONLY = regex.compile(rf"^(?P<place>{_PLACE})\s+[-\u2013\u2014]+\s+(?=[\p{{Lu}}\"'])")


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline opening a body line: ``end`` is where the sentence starts."""

    end: int
    prefix: str
    place: str | None
    outlet: str | None


def normalise_host(host: str) -> str:
    """Lowercase a host as written in text or URL, without ``www.`` or spaces."""
    host = "".join(host.split()).lower()
    return host.removeprefix("www.")


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: its host, lowercased, without ``www.``."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    return normalise_host(host) if host and "." in host else None


def parse_dateline(line: str, *, allow_place_only: bool = True) -> Dateline | None:
    """The dateline at the start of ``line``, if any.

    ``allow_place_only`` admits a bare place ("Jakarta - "), which is only safe
    on an article's first body line.
    """
    head = line[:80]
    if "-" not in head and "\u2013" not in head and "\u2014" not in head:
        return None  # every dateline form ends in a dash
    match = _HOST_FIRST.match(line)
    if match:
        place = match.group("place") or match.group("place2")
        return _dateline(line, match.end(), place, normalise_host(match.group("outlet")))
    match = _PLACE_FIRST.match(line)
    if match:
        outlet = normalise_host(match.group("outlet"))
        return _dateline(line, match.end(), match.group("place"), outlet)
    match = _PLACE_AGENCY.match(line)
    if match:
        return _dateline(line, match.end(), match.group("place"), match.group("brand").strip())
    if allow_place_only:
        match = _PLACE_ONLY.match(line)
        if match:
            return _dateline(line, match.end(), match.group("place"), None)
    return None


def _dateline(line: str, end: int, place: str | None, outlet: str | None) -> Dateline | None:
    if end >= len(line.rstrip()):
        return None  # nothing after it: not a dateline but a line of its own
    place = " ".join(place.split()).strip(" .,").upper() if place else None
    return Dateline(end=end, prefix=line[:end].rstrip(), place=place or None, outlet=outlet)


# --- bylines -----------------------------------------------------------------

_ROLE_OF_LABEL = {
    "penulis": "author",
    "oleh": "author",
    "writer": "author",
    "author": "author",
    "editor": "editor",
    "penyunting": "editor",
    "redaktur": "editor",
    "reporter": "reporter",
    "pewarta": "reporter",
    "wartawan": "reporter",
    "kontributor": "reporter",
    "laporan wartawan": "reporter",
    "fotografer": "photographer",
    "foto": "photographer",
    "photo": "photographer",
    "photographer": "photographer",
}
BYLINE_LABEL = regex.compile(
    r"(?<![\p{L}])(?P<label>laporan wartawan|penulis|editor|penyunting|redaktur|reporter|pewarta"
    r"|wartawan|kontributor|fotografer|photographer|foto|photo|writer|author|oleh)\s*:\s*",
    regex.IGNORECASE,
)
_NAME = regex.compile(r"[\p{Lu}][\p{L}'.\-]*(?:\s+[\p{L}][\p{L}'.\-]*){0,5}")
_NAME_SPLIT = regex.compile(r"\s*(?:,|/|&|;|\bdan\b|\band\b)\s*")
# "Kontributor Makassar, Hendra Cipto": the part before the comma is a post, not a name.
_POST_PREFIX = regex.compile(
    r"^(?:kontributor|koresponden|wartawan|tim)\b[^,]*,\s*", regex.IGNORECASE
)
_REPUBLISHED_TAIL = regex.compile(r",?\s*(?:artikel|berita) ini\b.*$", regex.IGNORECASE)


def _clean_names(raw: str) -> list[str]:
    raw = _REPUBLISHED_TAIL.sub("", raw.split("|")[0]).strip(" ,.;:-")
    raw = _POST_PREFIX.sub("", raw)
    names = []
    for part in _NAME_SPLIT.split(raw):
        part = part.strip(" .,-")
        if 2 <= len(part) <= 60 and _NAME.fullmatch(part) and not any(c.isdigit() for c in part):
            names.append(part)
    return names


def parse_byline(text: str) -> list[Person]:
    """People named after byline labels ("Penulis : Haryo Jati Editor : Vyara-Lestari")."""
    labels = list(BYLINE_LABEL.finditer(text))
    people: list[Person] = []
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        role = _ROLE_OF_LABEL[" ".join(label.group("label").lower().split())]
        for name in _clean_names(text[label.end() : end]):
            person = Person(role=role, name=name)
            if person not in people:
                people.append(person)
    return people


def parse_record_byline(byline: str) -> list[Person]:
    """A record's byline field: labelled parts when labelled, else author names."""
    if BYLINE_LABEL.search(byline):
        return parse_byline(byline)
    return [Person(role="author", name=name) for name in _clean_names(byline)]


# --- headlines ----------------------------------------------------------------

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'\-]*")


def looks_like_headline(line: str) -> bool:
    """A short line in headline case that does not end like a sentence."""
    words = _WORD.findall(line)
    if not 3 <= len(words) <= 30 or len(line) > 200 or line.endswith("."):
        return False
    if not line[:1].isupper() and not line[:1].isdigit():
        return False
    capitalised = sum(1 for word in words if word[:1].isupper() or word[:1].isdigit())
    return capitalised / len(words) >= 0.5


# --- the time a page shows ----------------------------------------------------------------

_HEADLINE_WINDOW = 1500  # characters after the headline where pages print their date
_SPACES = regex.compile(r"\s+")


def headline_times(html: str) -> list[PublishedTime]:
    """Dates the page shows right under its headline ("Rabu, 10 Mei 2017 21:04 WIB").

    Only text after the first ``<h1>`` is read: above it, many sites print today's date in
    their menu bar, which is the day of the visit, not of publication.
    """
    from lxml import html as lxml_html  # trafilatura's own parser

    try:
        root = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    headlines = root.xpath("//h1")
    if not headlines:
        return []
    for junk in root.xpath("//script|//style|//noscript"):
        junk.drop_tree()
    heading = _SPACES.sub(" ", headlines[0].text_content()).strip()
    page = _SPACES.sub(" ", " ".join(root.itertext()))
    start = page.find(heading) if heading else -1
    if start < 0:
        return []
    window = page[start + len(heading) : start + len(heading) + _HEADLINE_WINDOW]
    return [from_match(match, "page") for match in find_dates(window)]
