"""Cleaning: from a scraped page (text or HTML) to clean body text and metadata.

Pure functions, no file or database I/O. The order inside :func:`clean_page`
matters: metadata is harvested from lines *before* they are dropped as chrome
(the "Sumber: ... | Editor: ..." footer is chrome, yet it names the sources
and the editor). Record metadata, when given, wins over what the text shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import regex

from newstrace.clean.chrome import (
    REPUBLISHED,
    Removed,
    headline_candidate,
    is_initials_line,
    is_sentence_like,
    line_chrome_reason,
    split_glued_markers,
    strip_dateline,
    strip_end_initials,
    strip_inline_chrome,
    strip_site_prefix,
    strip_trailing_credit,
    trailing_caps_credit,
)
from newstrace.clean.dates import (
    DateMatch,
    PublishedTime,
    choose_published,
    date_from_url,
    find_dates,
    from_match,
    parse_published,
)
from newstrace.clean.meta import (
    Dateline,
    normalise_host,
    outlet_from_url,
    parse_byline,
    parse_dateline,
    parse_record_byline,
)
from newstrace.clean.sources import (
    SOURCE_CREDIT,
    credit_tail,
    dedupe_sources,
    find_sources,
    is_known_medium,
    is_self_citation,
    normalise_source_name,
    parse_source_list,
)
from newstrace.clean.text import mend_holes, normalise_line_key, normalise_text
from newstrace.model import CitedSource, Cleaned, Person

__all__ = ["NoArticleError", "clean_page"]

_HEADER_SCAN_LINES = 40  # a page header (menus, title, date, credits) never runs longer
_HEADER_SCAN_CHARS = 5000


class NoArticleError(ValueError):
    """The HTML holds no article text (a navigation page, or too little text)."""


@dataclass(slots=True)
class _Harvest:
    """Metadata gathered from lines while they are classified."""

    outlet_hosts: list[str] = field(default_factory=list)
    credit_outlets: list[str] = field(default_factory=list)
    byline: list[Person] = field(default_factory=list)
    sources: list[CitedSource] = field(default_factory=list)
    page_dates: list[DateMatch] = field(default_factory=list)
    dateline_dates: list[DateMatch] = field(default_factory=list)  # a kept header line's dateline

    def add_people(self, people: Iterable[Person]) -> None:
        for person in people:
            if person not in self.byline:
                self.byline.append(person)


def _find_body_start(lines: list[str], title_key: str | None) -> tuple[int, Dateline | None]:
    """Index of the first body line, and the dateline that opens it if any."""
    scanned = 0
    for index, line in enumerate(lines[:_HEADER_SCAN_LINES]):
        dateline = parse_dateline(line, allow_place_only=False)
        if dateline is not None:
            return index, dateline
        scanned += len(line)
        if scanned > _HEADER_SCAN_CHARS:
            break
    scanned = 0
    for index, line in enumerate(lines[:_HEADER_SCAN_LINES]):
        chrome = line_chrome_reason(line, in_header=True, title_key=title_key)
        if chrome is None and is_sentence_like(line):
            return index, parse_dateline(line, allow_place_only=True)
        scanned += len(line)
        if scanned > _HEADER_SCAN_CHARS:
            break
    return 0, parse_dateline(lines[0], allow_place_only=True) if lines else None


def _guess_title(header: list[str], *, header_has_chrome: bool) -> str | None:
    """The headline among header lines: a repeated line, else a headline-like one.

    A lone headline-like line is only taken for the title when the text shows
    it is a whole page: the header holds chrome, or the headline opens the
    text right above a dateline. Otherwise it may be the broken first piece of
    a body sentence.
    """
    keys = Counter(normalise_line_key(line) for line in header)
    for line in header:
        if keys[normalise_line_key(line)] > 1 and headline_candidate(line):
            return line
    candidates = [
        line
        for line in header
        if headline_candidate(line) and not line_chrome_reason(line, in_header=True, title_key=None)
    ]
    if header_has_chrome:
        return candidates[0] if candidates else None
    return header[0] if candidates and candidates[0] == header[0] else None


def _harvest_chrome_line(line: str, reason: str, harvest: _Harvest) -> None:
    """Metadata carried by a line about to be dropped as chrome."""
    if reason == "credit" and ":" not in line and trailing_caps_credit(line):
        _harvest_caps_credit(line, harvest)
    if reason in {"credit", "byline"}:
        harvest.add_people(parse_byline(line))
        _harvest_source_labels(line, harvest)
    if reason in {"credit", "byline", "republished"}:
        _harvest_republished(line, harvest)
    if reason == "host":
        host = outlet_from_url(line)
        if host:
            harvest.outlet_hosts.append(host)
    if reason in {"date", "credit", "caption", "republished"}:
        harvest.page_dates.extend(find_dates(line))


def _harvest_source_labels(line: str, harvest: _Harvest) -> None:
    """Sources named after a "Sumber:" / "Source:" label in a credit line's segments."""
    for segment in line.split("|"):
        head, _, names = segment.partition(":")
        if head.strip().lower() in {"sumber", "source"}:
            for name in parse_source_list(names):
                harvest.sources.append(CitedSource(name=name, phrase=segment.strip()))


def _harvest_republished(line: str, harvest: _Harvest) -> None:
    """The outlet a "republished from ..." note credits."""
    republished = REPUBLISHED.search(line)
    if not republished:
        return
    where: str = republished.group("where") or republished.group("where2") or ""
    republished_name = normalise_source_name(where)
    if republished_name:
        phrase = line[republished.start() :].split(" dengan judul")[0].strip(" ,")
        harvest.sources.append(CitedSource(name=republished_name, phrase=phrase))


def _harvest_caps_credit(line: str, harvest: _Harvest) -> None:
    """Sources in an all-capitals closing credit ("DIAS PRASONGKO | BISNIS").

    Reporters' names and sources share the line; only parts that are clearly
    media (a known news organisation, a host name, "THE ...") are taken.
    """
    for part in line.replace(" I ", " | ").split("|"):
        name = normalise_source_name(part)
        if name and (is_known_medium(name) or "." in name or name.upper().startswith("THE ")):
            harvest.sources.append(CitedSource(name=name, phrase=" ".join(line.split())))


def clean_page(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
    byline: str | None = None,
    more_times: Sequence[PublishedTime] = (),
) -> Cleaned:
    """Clean one page's text (site chrome included) into body text and metadata.

    Record metadata (``title``, ``outlet``, ``url``, ``published``, ``byline``)
    wins when present; otherwise everything is harvested from the text. The
    publication time is chosen among the record's (``published_from="record"``),
    ``more_times`` (the page's metadata, ``"html"``), dates in the page header or
    footer (``"page"``), in the dateline (``"dateline"``), in the URL (``"url"``)
    and the first weekday-named date in the body sentences (``"body"``, day only,
    since a time there is usually an event's, not the publication's); see
    :func:`newstrace.clean.dates.choose_published`. ``published_precision`` says
    whether it names a minute or only a day.
    """
    lines, removed = _page_lines(text)
    record_title = " ".join(normalise_text(title).split()) if title and title.strip() else None
    layout = _read_layout(lines, record_title)
    harvest = _Harvest()
    header_kept, body = _classify_lines(lines, layout, harvest, removed)
    body = _drop_repeated_lead(header_kept, body, layout.page_evidence, harvest, removed) + body
    body = _strip_closing_chrome(body, harvest, removed)
    body = [mended for line in body if (mended := mend_holes(line))]

    cleaned = Cleaned(text="\n\n".join(body), removed=removed)
    cleaned.title = record_title or layout.guessed_title
    cleaned.url = url.strip() if url and url.strip() else None
    cleaned.outlet = _resolve_outlet(outlet, url, layout.dateline, harvest)
    cleaned.dateline = layout.dateline.place if layout.dateline else None
    cleaned.byline = parse_record_byline(byline) if byline and byline.strip() else harvest.byline
    cleaned.sources = [
        source for source in dedupe_sources(harvest.sources) if not is_self_citation(source, cleaned.outlet)
    ]
    chosen = _resolve_published(published, harvest, body, url, more_times)
    if chosen is not None:
        cleaned.published, cleaned.published_from = chosen.value, chosen.source
        cleaned.published_precision = chosen.precision
    return cleaned


@dataclass(slots=True)
class _Layout:
    """Where a page's header ends and what it shows, read before lines are classified."""

    body_start: int
    dateline: Dateline | None
    title_key: str | None  # the title's line key, so its repeats are dropped as chrome
    guessed_title: str | None
    page_evidence: bool  # the text shows a whole page (header chrome, or a dateline below a header)


def _page_lines(text: str) -> tuple[list[str], list[Removed]]:
    """The text's non-empty lines, site prefixes cut and glued chrome markers split apart."""
    lines: list[str] = []
    removed: list[Removed] = []
    for line in normalise_text(text).split("\n"):
        if line:
            line, cut = strip_site_prefix(line)
            removed.extend(cut)
            lines.extend(split_glued_markers(line))
    return lines, removed


def _read_layout(lines: list[str], record_title: str | None) -> _Layout:
    """The body's start, its dateline and the title (the record's, else guessed from the header)."""
    title_key = normalise_line_key(record_title) if record_title else None
    body_start, dateline = _find_body_start(lines, title_key)
    header = lines[:body_start]
    header_has_chrome = any(line_chrome_reason(line, in_header=True, title_key=None) for line in header)
    page_evidence = header_has_chrome or (dateline is not None and body_start > 0)
    guessed_title = None
    if not record_title and page_evidence:
        guessed_title = _guess_title(header, header_has_chrome=header_has_chrome)
    if guessed_title:
        title_key = normalise_line_key(guessed_title)
    return _Layout(body_start, dateline, title_key, guessed_title, page_evidence)


def _classify_lines(
    lines: list[str], layout: _Layout, harvest: _Harvest, removed: list[Removed]
) -> tuple[list[str], list[str]]:
    """Header lines kept and body lines: chrome dropped (its metadata harvested first)."""
    header_kept: list[str] = []
    body: list[str] = []
    for index, line in enumerate(lines):
        in_header = index < layout.body_start
        reason = line_chrome_reason(line, in_header=in_header, title_key=layout.title_key)
        if reason is not None:
            removed.append((line, reason))
            _harvest_chrome_line(line, reason, harvest)
            continue
        if index == layout.body_start:
            line = _strip_body_dateline(line, layout.dateline, harvest, removed)
        kept = _clean_content_line(line, in_header, layout.title_key, harvest, removed)
        if kept:
            (header_kept if in_header else body).append(kept)
    return header_kept, body


def _strip_body_dateline(line: str, dateline: Dateline | None, harvest: _Harvest, removed: list[Removed]) -> str:
    """The first body line without its dateline; a dateline naming an agency credits it."""
    line, cut = strip_dateline(line, dateline)
    removed.extend(cut)
    if cut and dateline is not None and dateline.outlet:
        # "Jakarta (ANTARA) -" in another outlet's article credits where the text came from.
        harvest.sources.append(CitedSource(name=dateline.outlet, phrase=dateline.prefix))
    return line


def _clean_content_line(
    line: str, in_header: bool, title_key: str | None, harvest: _Harvest, removed: list[Removed]
) -> str:
    """A line that is not chrome as a whole: its credits harvested, inline chrome cut.

    Returns "" when nothing is left, or when what is left turns out to be chrome.
    """
    for credit in SOURCE_CREDIT.finditer(line):
        harvest.credit_outlets.extend(parse_source_list(credit.group("names")))
    if not in_header:
        harvest.sources.extend(source for _, source in find_sources(line))
    line, cut = strip_inline_chrome(line, in_body=not in_header)
    removed.extend(cut)
    if cut and line:
        reason = line_chrome_reason(line, in_header=in_header, title_key=title_key)
        if reason is not None:
            removed.append((line, reason))
            return ""
    return line


def _drop_repeated_lead(
    header_kept: list[str], body: list[str], page_evidence: bool, harvest: _Harvest, removed: list[Removed]
) -> list[str]:
    """Header lines kept for the body: a repeat of a body line is dropped.

    A page header may repeat the lead sentence (a summary above the dateline);
    without signs of a page header the line may be the body's own first piece.
    """
    body_keys: set[str] = set()
    if header_kept and page_evidence:
        body_keys = {normalise_line_key(line) for line in body}
    for line in header_kept:
        if normalise_line_key(line) in body_keys:
            removed.append((line, "duplicate"))
        else:
            # "Yogyakarta, Kamis (12/9/2019) - ..." above the body is a dateline, whose day is
            # the filing's or the event's, not a time the page prints for itself.
            datelines = _dateline_dates(line)
            harvest.dateline_dates.extend(datelines)
            harvest.page_dates.extend(match for match in find_dates(line) if match not in datelines)
    return [line for line in header_kept if normalise_line_key(line) not in body_keys]


def _strip_closing_chrome(body: list[str], harvest: _Harvest, removed: list[Removed]) -> list[str]:
    """Credits and editor initials that close the body; the last sentence stays."""
    while len(body) >= 2 and is_initials_line(body[-1]):
        removed.append((body.pop(), "initials"))
    if len(body) >= 2 and trailing_caps_credit(body[-1]):
        removed.append((body[-1], "credit"))
        _harvest_caps_credit(body[-1], harvest)
        body = body[:-1]
    if not body:
        return body
    credited = credit_tail(body[-1])
    if credited is not None:
        removed.append((credited[1].phrase, "credit"))
        harvest.sources.append(credited[1])
        body = body[:-1] + [credited[0]] if credited[0] else body[:-1]
        if not body:
            return body
    last, cut = strip_trailing_credit(body[-1])
    for fragment, reason in cut:
        removed.append((fragment, reason))
        _harvest_chrome_line(fragment, "credit", harvest)
    last, cut, reporter = strip_end_initials(last)
    removed.extend(cut)
    if reporter:
        harvest.add_people([Person(role="reporter", name=reporter)])
    return body[:-1] + [last] if last else body[:-1]


def _resolve_outlet(outlet: str | None, url: str | None, dateline: Dateline | None, harvest: _Harvest) -> str | None:
    if outlet and outlet.strip():
        outlet = " ".join(outlet.split())
        return normalise_host(outlet) if "." in outlet and " " not in outlet else outlet
    from_url = outlet_from_url(url)
    if from_url:
        return from_url
    if dateline is not None and dateline.outlet:
        return dateline.outlet
    if harvest.outlet_hosts:
        return harvest.outlet_hosts[0]
    if harvest.credit_outlets:
        return harvest.credit_outlets[0]
    return None


_DATELINE_CHARS = 80
_DATELINE_DASH = regex.compile(r"\s*\)?\s*[-\u2013\u2014]\s")


def _dateline_dates(line: str) -> list[DateMatch]:
    """A date right before the dash that opens the text: "JAKARTA, Senin (16/9/2019) - ..."."""
    opening = line[:_DATELINE_CHARS]
    return [match for match in find_dates(opening) if _DATELINE_DASH.match(opening, match.end)]


def _resolve_published(
    published: str | None,
    harvest: _Harvest,
    body: list[str],
    url: str | None,
    more_times: Sequence[PublishedTime],
) -> PublishedTime | None:
    candidates: list[PublishedTime | None] = []
    if published and published.strip():
        candidates.append(parse_published(published, "record"))
    candidates += more_times
    candidates += [from_match(match, "page") for match in harvest.page_dates]
    candidates += [from_match(match, "dateline") for match in harvest.dateline_dates]
    if body:
        candidates += [from_match(match, "dateline") for match in _dateline_dates(body[0])]
    candidates.append(date_from_url(url))
    for line in body:
        named = [match for match in find_dates(line) if match.has_weekday]
        if named:
            best = next((match for match in named if match.weekday_agrees), named[0])
            # A time in running text is an event's; only the day says anything of publication.
            candidates.append(from_match(replace(best, has_time=False), "body"))
            break
    return choose_published(candidates)
