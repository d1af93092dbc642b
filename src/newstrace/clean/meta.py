"""Article metadata found in page text: outlet, dateline, byline, headline, and the time a
page shows under its headline.

Outlets are normalised to the registered domain wherever the text or URL
shows a host ("KONTAN.CO.ID" -> ``kontan.co.id``, "Intisari - Online.com" ->
``intisari-online.com``, "nasional.okezone.com" -> ``okezone.com``), so one site
is one outlet whatever its sections' subdomains; a bare brand with no host
("(Source : IsuBogor)") stays as written. Dateline places are upper-cased ("Jakarta" -> ``JAKARTA``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

import regex
import tldextract

from newstrace.clean.dates import PublishedTime, find_dates, from_match
from newstrace.lang import id_dateline
from newstrace.model import Person

__all__ = [
    "BYLINE_LABEL",
    "clean_title",
    "site_brands",
    "strip_site_name",
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
_CITY_NAMES = id_dateline.DATELINE_CITIES
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
_PLACE_AGENCY = regex.compile(rf"^(?P<place>{_PLACE})\s*,?\s*\((?P<brand>[\p{{L}}][\p{{L}}0-9 .]{{1,30}})\){_DASH}\s*")
# "Jakarta - ...", "JAKARTA - ...": a place alone, then a spaced dash and a capital.
_PLACE_ONLY = regex.compile(rf"^(?P<place>{_PLACE})\s+[-\u2013\u2014]+\s+(?=[\p{{Lu}}\"'])")


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline opening a body line: ``end`` is where the sentence starts."""

    end: int
    prefix: str
    place: str | None
    outlet: str | None


@cache
def _domain_parser() -> tldextract.TLDExtract:
    # The public suffix list snapshot shipped in the wheel: never fetched at run time.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


@cache
def normalise_host(host: str) -> str:
    """The registered domain of a host as written in text or URL: lowercase, without spaces,
    ``www.`` or section subdomains ("Nasional.Okezone.com" -> ``okezone.com``). A host with no
    public suffix (an address, ``localhost``) is only lowercased."""
    host = "".join(host.split()).lower().rstrip(".").removeprefix("www.")
    parts = _domain_parser()(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    return host


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

_ROLE_OF_LABEL = id_dateline.BYLINE_ROLES
BYLINE_LABEL = regex.compile(
    r"(?<![\p{L}])(?P<label>laporan wartawan|penulis|editor|penyunting|redaktur|reporter|pewarta"
    r"|wartawan|kontributor|fotografer|photographer|foto|photo|writer|author|oleh)\s*:\s*",
    regex.IGNORECASE,
)
_NAME = regex.compile(r"[\p{Lu}][\p{L}'.\-]*(?:\s+[\p{L}][\p{L}'.\-]*){0,5}")
_NAME_SPLIT = regex.compile(r"\s*(?:,|/|&|;|\bdan\b|\band\b)\s*")
# "Kontributor Makassar, Hendra Cipto": the part before the comma is a post, not a name.
_POST_PREFIX = regex.compile(r"^(?:kontributor|koresponden|wartawan|tim)\b[^,]*,\s*", regex.IGNORECASE)
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


# --- titles -------------------------------------------------------------------

# " - ", " | ", " :: ", " » ", " — ": what sites put between the headline and their name.
_TITLE_SEPARATOR = regex.compile(r"\s+(?:[-\u2013\u2014|\u00bb\u00b7\u2022]|::)\s+|\s*\|\s*")
# "KapanLagi.com: <headline>": a site name as a label in front.
_TITLE_LABEL = regex.compile(r"^(?P<label>[^:]{2,40}):\s+(?=\S)")
_KEY_JUNK = regex.compile(r"[^\p{L}\p{N}]+")
_SECTION_MAX_WORDS = 2


def _title_key(text: str) -> str:
    return _KEY_JUNK.sub("", text.casefold())


def site_brands(site_names: list[str], hosts: list[str]) -> set[str]:
    """Keys that name the site: its declared names ("KOMPAS.com", "Tempo Gaya", "@kompascom")
    and the name part of its registered domains ("kompas" for regional.kompas.com)."""
    brands = {_title_key(name) for name in site_names if name}
    for host in hosts:
        domain = normalise_host(host) if host else ""
        brands.add(_title_key(domain.split(".")[0]) if domain else "")
    return {brand for brand in brands if len(brand) >= 4}


def _is_brand(segment: str, brands: set[str]) -> bool:
    key = _title_key(segment)
    return len(key) >= 3 and any(brand in key or key in brand for brand in brands)


def strip_site_name(title: str, *, brands: set[str], headlines: list[str]) -> str:
    """A page title without the site's name ("<headline> - Kompas.com Regional",
    "<headline> | Republika Online", "KapanLagi.com: <headline>").

    The title is cut at its separators; when a run of segments is one of the page's
    headings, that run is the headline. Otherwise segments naming the site (and a one- or
    two-word section next to the name, "Health :: Okezone Lifestyle") are dropped from both
    ends; the headline itself is never dropped, however it is worded.
    """
    title = " ".join(title.split())
    label = _TITLE_LABEL.match(title)
    if label and _is_brand(label.group("label"), brands):
        title = title[label.end() :]
    pieces = _TITLE_SEPARATOR.split(title)
    separators = _TITLE_SEPARATOR.findall(title)
    if len(pieces) == 1:
        return title
    heading_keys = {_title_key(heading) for heading in headlines}
    spans = sorted(
        ((i, j) for i in range(len(pieces)) for j in range(i + 1, len(pieces) + 1)),
        key=lambda span: span[0] - span[1],  # longest first
    )
    for i, j in spans:
        text = pieces[i] + "".join(separators[k] + pieces[k + 1] for k in range(i, j - 1))
        if _title_key(text) in heading_keys:
            return text.strip()
    start, end = 0, len(pieces)
    while end - start > 1 and _is_brand(pieces[end - 1], brands):
        end -= 1
        if end - start > 1 and len(pieces[end - 1].split()) <= _SECTION_MAX_WORDS:
            end -= 1  # the section named beside the site
    while end - start > 1 and _is_brand(pieces[start], brands):
        start += 1
    text = pieces[start] + "".join(separators[k] + pieces[k + 1] for k in range(start, end - 1))
    return text.strip()


def clean_title(candidates: list[str], *, brands: set[str], headlines: list[str]) -> str | None:
    """The headline among a page's title candidates (og:title, <title>, ...), site names cut.

    A candidate that agrees with one of the page's headings wins; else the first one.
    """
    heading_keys = {_title_key(heading) for heading in headlines}
    stripped = [
        strip_site_name(candidate, brands=brands, headlines=headlines)
        for candidate in candidates
        if candidate and candidate.strip()
    ]
    stripped = [title for title in stripped if title]
    for title in stripped:
        if _title_key(title) in heading_keys:
            return title
    return stripped[0] if stripped else None


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
