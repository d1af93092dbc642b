"""Site chrome: lines and line fragments that belong to the page, not the story.

Whole lines are dropped only when they cannot be a body sentence (tickers,
menus, labels, related-link lines, credits, captions in the page header);
otherwise only the chrome fragment is cut and the sentence stays
("Baca Juga:,<sentence>", "<sentence> (vyp/kna)", "<sentence> (Source : X)").
Every removal carries a short reason code:

``no_words`` ``breadcrumb`` ``ticker`` ``widget`` ``banner`` ``host`` ``menu``
``label`` ``share`` ``related`` ``promo`` ``caption`` ``credit`` ``byline``
``republished`` ``tracker`` ``date`` ``title`` ``duplicate`` ``dateline``
``initials`` ``hashtag`` ``source_credit`` ``teaser`` ``site_prefix``
"""

from __future__ import annotations

from functools import lru_cache

import regex

from newstrace.clean.dates import find_dates
from newstrace.clean.meta import BYLINE_LABEL, HOST_PATTERN, Dateline, looks_like_headline
from newstrace.clean.sources import SOURCE_CREDIT
from newstrace.clean.text import normalise_line_key
from newstrace.lang import id as lang_id

__all__ = [
    "REPUBLISHED",
    "Removed",
    "headline_candidate",
    "is_sentence_like",
    "line_chrome_reason",
    "is_initials_line",
    "promo_glued_sentence_start",
    "split_glued_markers",
    "strip_dateline",
    "strip_end_initials",
    "strip_inline_chrome",
    "strip_site_prefix",
    "strip_trailing_credit",
    "trailing_caps_credit",
]

Removed = tuple[str, str]  # (text removed, reason)

_ALNUM = regex.compile(r"[\p{L}\p{N}]")
_LOWER_RUN = regex.compile(r"\p{Ll}{3,}")
_TERMINAL_END = regex.compile(r"[.!?][\"')\]]*$|[\"']$")
_WORDS = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'.\-]*")

# "> >", "Home > News > Dunia": short items between ">" signs.
_BREADCRUMB = regex.compile(r"^(?:[^>]{0,40}>)+[^>]{0,40}$")
# "| : WIB | INDIKATOR |": a line framed by pipes.
_PIPE_FRAMED = regex.compile(r"^\|.*\|$")
_BANNER = regex.compile(
    r"^(?:banner|iklan|advertisement|advertorial|ads|sponsored|scroll to (?:continue|resume)"
    r"|gulir untuk melanjutkan|lanjutkan membaca)\b",
    regex.IGNORECASE,
)
_HOST_LINE = regex.compile(rf"^(?:https?://)?{HOST_PATTERN}/?\S*$", regex.IGNORECASE)
_MENU_SEPARATORS = regex.compile(r"\s*(?:\||•|·)\s*")
_LABELS = frozenset(normalise_line_key(label) for label in lang_id.CHROME_LABELS)
_SHARE_WORDS = lang_id.SHARE_WORDS
_RELATED_MARKER = lang_id.RELATED_MARKER
# A related-link line: "Baca Juga: <linked title>" (and bare markers).
_RELATED_LINE = regex.compile(rf"^(?:{_RELATED_MARKER}|(?i:berita|artikel)\s+(?i:terkait))\s*:?\s*")
# The marker with the link words dropped and the next paragraph glued on:
# "Baca Juga:,<sentence>", "Baca juga,,<sentence>", "Baca Juga :,,Baca Juga :,,<sentence>".
_RELATED_HOLE_PREFIX = regex.compile(rf"^(?:{_RELATED_MARKER}\s*:?\s*,+\s*)+")
# The marker with its title kept and the next paragraph glued on after a
# comma with no space: 'Baca Juga: <title>,"Semua bisa main ..."'.
_RELATED_TITLE_GLUED = regex.compile(rf"^{_RELATED_MARKER}\s*:\s*[^,]{{3,160}}?,(?=[\"'\p{{Lu}}])")
# The same marker glued in mid-line: "... tersebut,Baca juga,,<sentence>".
_GLUED_MARKER = regex.compile(rf"(?<=\S)\s*,\s*(?={_RELATED_MARKER}\s*:?\s*,)")
# "(Baca juga: <title>)", "(Baca juga: ,)" inside a paragraph; and the
# unclosed "(Baca juga: ," whose closing bracket went with the link.
_RELATED_BRACKETED = regex.compile(rf"\s*\(\s*{_RELATED_MARKER}\s*:?[^()]{{0,200}}\)")
_RELATED_UNCLOSED = regex.compile(rf"\s*\(\s*{_RELATED_MARKER}\s*:?\s*,+\s*")
_WIDGET_LINK = regex.compile(r"\s*\[bacajuga:[^\]]*\]\([^)]*\)", regex.IGNORECASE)
# Promotional lines. Calls to read or watch more are short; the newsletter and
# app invitations run longer ("Dapatkan update berita pilihan ... caranya klik link ...").
_SHORT_PROMO = regex.compile(
    r"^(?:simak|saksikan|tonton)\s+(?:juga\s+)?video\b"
    r"|^(?:baca|simak)\s+(?:berita\s+)?selengkapnya\b|^klik\s+(?:di\s*sini|link|tautan)\b"
    r"|^simak\s+breaking\s+news\b|^cek\s+berita\b"
    r"|^berita\s+lain\s+(?:terkait|tentang|seputar)\b",
    regex.IGNORECASE,
)
_LONG_PROMO = regex.compile(
    r"^dapatkan\s+(?:update|informasi|berita|info)\b"
    r"|^ikuti\s+(?:kami|berita|update|kanal|channel|akun)\b|^follow\s+(?:us|kami)\b"
    r"|^(?:download|unduh)\s+aplikasi\b"
    r"|^gabung(?:lah)?\s+(?:ke|di|dengan)\s+(?:grup|channel|kanal)\b",
    regex.IGNORECASE,
)
# A promo whose link words went, with the next paragraph glued on after the
# hole: "Baca selengkapnya di , , Kesehatan sebesar ...", "Simak video ...: ,Senada ...".
_PROMO_HOLE = regex.compile(r"[:\s]*,[\s,]*(?=[\"'\p{Lu}])")
_CAPTION_CREDIT = regex.compile(
    r"\((?:(?:sumber|source|foto|photo|dok|dokumentasi|ilustrasi|credit|kredit)\s*\.?:?[^()]*"
    r"|[^()]*(?:\bfoto\b|\bphoto\b|via AP|ANTARA FOTO|AFP PHOTO|Getty Images|Shutterstock)"
    r"[^()]*)\)$",
    regex.IGNORECASE,
)
_PHOTO_WORDS = regex.compile(
    r"\b(?:foto|photo|via AP|AFP|Getty|Reuters|ANTARA|Shutterstock|dok|dokumentasi|ilustrasi"
    r"|istimewa)\b",
    regex.IGNORECASE,
)
_CAPTION_LINE = regex.compile(r"^\(?\s*(?:foto|photo|ilustrasi|gambar)\s*:", regex.IGNORECASE)
# "(Foto : @x/Instagram),<sentence>" or "Foto: @x,<sentence>": a credit glued to a sentence.
_PHOTO_CREDIT_PREFIX = regex.compile(r"^\(?\s*(?i:foto|photo)\s*:\s*[^,()]{1,80}?\)?\s*,\s*(?=\S)")
_CREDIT_LINE = regex.compile(
    r"^\|?\s*(?:sumber|source|penulis|editor|penyunting|redaktur|reporter|pewarta|wartawan"
    r"|kontributor|fotografer|photographer|writer|author|oleh|laporan wartawan)\b\s*:",
    regex.IGNORECASE,
)
# "Redaksi: Jl. ...", "Redaksi | Iklan | Kontak": a masthead or footer line of the page.
_MASTHEAD_LINE = regex.compile(
    r"^(?:redaksi|alamat redaksi|kantor redaksi|iklan|pemasangan iklan|informasi iklan)\s*[:|]",
    regex.IGNORECASE,
)
_REPORTER_LINE = regex.compile(r"^laporan\s+(?:wartawan|reporter|koresponden)\b", regex.IGNORECASE)
# "Artikel ini telah tayang di surya.co.id dengan judul ...": the story comes from elsewhere.
REPUBLISHED = regex.compile(
    r"(?P<lead>(?i:artikel|berita|tulisan)\s+(?i:ini)\s+(?i:telah\s+|sudah\s+)?"
    r"(?i:tayang|terbit|dipublikasikan|dimuat)\s+(?i:di|pada)\s*)"
    r"(?P<where>[^,]*?)\s*,?\s*(?i:dengan\s+judul|berjudul)\b.*$"
    r"|(?P<lead2>(?i:artikel|berita)\s+(?i:ini)\s+(?i:telah\s+|sudah\s+)?(?i:tayang|terbit)"
    r"\s+(?i:di)\s*)"
    r"(?P<where2>\S[^,]*?)\s*[.,]?\s*$"
)
_TRACKER = regex.compile(r"\bDO NOT DELETE\b|\bTRACKER FOR\b", regex.IGNORECASE)
# "...kata Guntur.,\xa0,Reporter: Vendi Yhulia Susanto,Artikel ini tayang di ...":
# credits glued to the last sentence by the scraper's comma join.
_GLUED_CREDIT = regex.compile(
    r"(?:\s*,)+\s*(?=(?i:reporter|penulis|editor|pewarta|sumber)\s*:|(?i:artikel|berita)\s+ini\s+"
    r"(?i:telah\s+|sudah\s+)?(?i:tayang|terbit))"
)
# An outlet's slogan glued after the last sentence (",#GrowFearless with FIMELA");
# a hashtag that ends a sentence of its own ("dukung timnas #GarudaDiDadaku") stays.
_HASHTAG_SLOGAN = regex.compile(r"\s*,\s*#\w+(?:\s+with\s+\w+)?\s*$|\s+#\w+\s+with\s+\w+\s*$", regex.IGNORECASE)
_HASHTAG_LINE = regex.compile(r"^(?:#\w+\s*)+(?:with\s+\w+)?$", regex.IGNORECASE)
# Editor initials closing a body: "(vyp/kna)", "(ant/mdk)", "(adv)", "(*)",
# "(Tribunjateng/gum)"; and a reporter credit "(Surya/Doni Prasetyo)". They
# follow the last sentence's full stop: "... tempat yang haram (zina)." is text.
_END_INITIALS = regex.compile(
    r"(?:\s*\((?P<slashed>[a-z]{2,5}(?:/[a-z0-9]{2,6})+|[\p{L}][\w.]*/[a-z]{2,5})\)"
    r"|(?<=[.!?\"'])\s*\((?P<code>\*|(?i:adv)|[a-z]{2,5})\))\.?\s*$"
)
_END_REPORTER = regex.compile(
    r"(?<=[.!?\"'])\s*\((?P<outlet>[\p{Lu}][\w.]*)/"
    r"(?P<name>[\p{Lu}][\p{Ll}]+(?:\s[\p{Lu}][\p{Ll}]+){0,3})\)\.?\s*$"
)
_CAPS_CREDIT = regex.compile(r"^[\p{Lu}\d][\p{Lu}\d .,'&|/!-]*$")
_TRAILING_BRACKETS = regex.compile(r"\s*\([^()]*\)\s*$")


def is_sentence_like(line: str) -> bool:
    """A line that reads as running text: enough words and a sentence ending.

    A bracketed credit after the last sentence ("... 4 Maret. (Source : X)")
    does not hide the sentence ending.
    """
    words = _WORDS.findall(line)
    if len(words) < 8:
        return False
    return _TERMINAL_END.search(line) is not None or (
        line.endswith(")") and _TERMINAL_END.search(_TRAILING_BRACKETS.sub("", line)) is not None
    )


def promo_glued_sentence_start(line: str) -> int | None:
    """Where a sentence glued after a promo's link hole starts, if one does."""
    if not (_SHORT_PROMO.match(line) or _LONG_PROMO.match(line)):
        return None
    hole = _PROMO_HOLE.search(line)
    if hole is None or len(_WORDS.findall(line[hole.end() :])) < 5:
        return None
    return hole.end()


def _is_ticker(line: str) -> bool:
    if len(line) > 120 or _LOWER_RUN.search(line) or not any(c.isdigit() for c in line):
        return False
    return "%" in line or line.startswith(("•", "|", "▲", "▼"))


def _is_menu(line: str) -> bool:
    items = [item for item in _MENU_SEPARATORS.split(line) if item]
    if len(items) < 3 or _TERMINAL_END.search(line):
        return False
    return all(len(item.split()) <= 3 for item in items)


def _is_date_line(line: str) -> bool:
    """A line that is a date and little else ("Kompas dunia | 11 Oktober 2024, 15:32 WIB")."""
    if line.count(" ") > 14:  # a date plus three words never needs more
        return False
    dates = find_dates(line)
    if not dates:
        return False
    rest = line
    for match in reversed(dates):
        rest = rest[: match.start] + " " + rest[match.end :]
    return len(_WORDS.findall(rest)) <= 3 and not _TERMINAL_END.search(rest.strip(" |/-"))


_CLOCK = regex.compile(r"\b\d{1,2}[:.]\d{2}\b")


def _is_dated_teaser(line: str) -> bool:
    """A link to another story: a time stamp, then a headline ("Kamis, 05/11/2015 09:25 WIB
    Ini Dia Tempat Terbasah di Dunia"). A sentence opening with a date is in sentence case."""
    if len(line) > 200 or not line[:1].isalnum() or not _CLOCK.search(line, 0, 60):
        return False
    dates = find_dates(line[:60])
    if not dates or dates[0].start > 2 or not dates[0].has_time:
        return False
    rest = line[dates[0].end :].strip(" |-,:")
    return looks_like_headline(rest)


@lru_cache(maxsize=8192)
def line_chrome_reason(line: str, *, in_header: bool, title_key: str | None) -> str | None:
    """Why the whole of ``line`` is chrome, or None when it may be article text.

    ``in_header`` marks lines before the article body starts, where captions,
    bare host names and date lines are page furniture rather than story text.
    Cheap character tests come before each pattern: this runs on every line.
    The tests run in a fixed order (the first reason found wins): labels, page
    furniture, then, for lines short enough to be chrome, links and promos,
    then credits, captions and menus.
    """
    if not _ALNUM.search(line):
        return "no_words"
    short = len(line) <= 60
    reason = _label_reason(line, short, title_key) or _furniture_reason(line, short, in_header)
    if reason is not None or len(line) > 250:
        return reason
    return _link_or_promo_reason(line, short) or _credit_or_caption_reason(line, in_header)


def _label_reason(line: str, short: bool, title_key: str | None) -> str | None:
    """The title repeated, a section label, share buttons, a breadcrumb or a ticker."""
    near_title = title_key is not None and abs(len(line) - len(title_key)) <= 40
    key = normalise_line_key(line) if short or near_title else ""
    if near_title and key == title_key:
        return "title"
    if short and (key in _LABELS or (key and all(word in _SHARE_WORDS for word in key.split()))):
        return "label" if key in _LABELS else "share"
    if ">" in line and _BREADCRUMB.match(line) and not _TERMINAL_END.search(line):
        return "breadcrumb"
    if _is_ticker(line):
        return "ticker"
    return None


def _furniture_reason(line: str, short: bool, in_header: bool) -> str | None:
    """Widgets, banners, a bare host or section name above the story, trackers, hashtags."""
    first = line[0]
    if first == "|" and _PIPE_FRAMED.match(line) and len(line) <= 120:
        return "widget"
    if short and _BANNER.match(line):
        return "banner"
    if in_header and " " not in line and _HOST_LINE.match(line):
        return "host"  # in the body a bare host is a source credit, handled at the end
    if in_header and short and " " not in line.strip() and not _TERMINAL_END.search(line):
        return "label"  # one word above the story: a section's name ("FotoBisnis")
    if ("DELETE" in line or "TRACKER" in line) and _TRACKER.search(line) and len(line) <= 120:
        return "tracker"
    if first == "#" and _HASHTAG_LINE.match(line):
        return "hashtag"
    return None


def _link_or_promo_reason(line: str, short: bool) -> str | None:
    """Related-story links, promos, reporter credits, mastheads and dated teasers."""
    if _RELATED_LINE.match(line):
        hole = _RELATED_HOLE_PREFIX.match(line)
        if hole and hole.end() >= len(line):
            return "related"  # only markers and holes
        if not hole and not _RELATED_TITLE_GLUED.match(line):
            return "related"
    promo = (_SHORT_PROMO.match(line) and len(line) <= 120) or _LONG_PROMO.match(line)
    if promo and promo_glued_sentence_start(line) is None:
        return "promo"
    if _CREDIT_LINE.match(line) or _REPORTER_LINE.match(line):
        return "credit"
    if short and _MASTHEAD_LINE.match(line):
        return "menu"
    if _is_dated_teaser(line):
        return "teaser"
    return None


def _credit_or_caption_reason(line: str, in_header: bool) -> str | None:
    """Republishing notes, captions, date lines above the story, closing credits and menus."""
    if REPUBLISHED.match(line):
        return "republished"
    if _CAPTION_LINE.match(line) and not _PHOTO_CREDIT_PREFIX.match(line):
        return "caption"
    if in_header and _is_date_line(line):
        return "date"  # in the body a date-only line is a broken sentence's piece
    if "|" in line and trailing_caps_credit(line):
        return "credit"
    if ("|" in line or "•" in line or "·" in line) and _is_menu(line):
        return "menu"
    photo_credit = line.endswith(")") and _CAPTION_CREDIT.search(line) and _PHOTO_WORDS.search(line)
    if in_header and photo_credit:
        return "caption"
    return None


def split_glued_markers(line: str) -> list[str]:
    """Split a line where a related-link marker was glued in mid-line."""
    if "juga" not in line.lower() and "pula" not in line.lower():
        return [line]
    return [part for part in _GLUED_MARKER.split(line) if part]


def strip_inline_chrome(line: str, *, in_body: bool) -> tuple[str, list[Removed]]:
    """Cut chrome fragments out of a line that stays, keeping its sentences."""
    removed: list[Removed] = []
    line = _strip_leading_links(line, removed)
    line = _strip_embedded_links(line, removed)
    if in_body:
        line = _strip_closing_credits(line, removed)
    return " ".join(line.split()), removed


def _cut(pattern: regex.Pattern[str], reason: str, text: str, removed: list[Removed], replacement: str = "") -> str:
    """``text`` with every match of ``pattern`` replaced, each match noted in ``removed``."""
    match = pattern.search(text)
    while match:
        removed.append((match.group().strip(" ,"), reason))
        text = text[: match.start()] + replacement + text[match.end() :]
        match = pattern.search(text, match.start() + len(replacement)) if text else None
    return text


def _strip_leading_links(line: str, removed: list[Removed]) -> str:
    """Related-link markers and a promo glued in front of the line's sentence."""
    line = _cut(_RELATED_HOLE_PREFIX, "related", line, removed)
    glued = _RELATED_TITLE_GLUED.match(line)
    if glued:
        removed.append((glued.group().rstrip(","), "related"))
        line = line[glued.end() :]
    glued_start = promo_glued_sentence_start(line)
    if glued_start is not None:
        removed.append((line[:glued_start].strip(" ,:"), "promo"))
        line = line[glued_start:]
    return line


def _strip_embedded_links(line: str, removed: list[Removed]) -> str:
    """Photo credits, bracketed related links, widget links and hashtag slogans inside the line."""
    line = _cut(_PHOTO_CREDIT_PREFIX, "caption", line, removed)
    if "(" in line:
        line = _cut(_RELATED_BRACKETED, "related", line, removed)
        line = _cut(_RELATED_UNCLOSED, "related", line, removed, " ")
    if "[" in line:
        line = _cut(_WIDGET_LINK, "related", line, removed)
    if "#" in line and not _HASHTAG_LINE.match(line):
        line = _cut(_HASHTAG_SLOGAN, "hashtag", line, removed)
    return line


def _strip_closing_credits(line: str, removed: list[Removed]) -> str:
    """A body line's closing bracketed source credit, then a closing photo credit."""
    if line.endswith(")"):
        source = SOURCE_CREDIT.search(line)
        closing = source is not None and source.end() == len(line) and source.start() > 0
        if source is not None and closing and not _PHOTO_WORDS.search(source.group()):
            removed.append((source.group(), "source_credit"))
            line = line[: source.start()].rstrip()
    if line.endswith(")"):
        credit = _CAPTION_CREDIT.search(line)
        if credit and _PHOTO_WORDS.search(credit.group()) and credit.start() > 0:
            removed.append((credit.group(), "caption"))
            line = line[: credit.start()]
    return line


def strip_trailing_credit(line: str) -> tuple[str, list[Removed]]:
    """Cut credits glued after the last sentence (",Reporter: X,Artikel ini tayang di ...")."""
    match = _GLUED_CREDIT.search(line)
    if not match or match.start() == 0:
        return line, []
    return line[: match.start()].rstrip(" ,"), [(line[match.end() :].strip(), "byline")]


def is_initials_line(line: str) -> bool:
    """A line holding only editor initials ("(kpl/pur/tch)", "(rzp/imk)")."""
    match = _END_INITIALS.search(line)
    return match is not None and match.group("slashed") is not None and not line[: match.start()].strip()


# "|Suara.com - <sentence>", "| Suara.com - ": a site name glued before the dateline or lead.
_SITE_PREFIX = regex.compile(rf"^\|\s*(?={HOST_PATTERN}\s*[-\u2013\u2014])", regex.IGNORECASE)


def strip_site_prefix(line: str) -> tuple[str, list[Removed]]:
    """Cut the pipe that glues a site name to the start of a line; the dateline parser then
    takes "Suara.com -" as it takes any host-first dateline."""
    match = _SITE_PREFIX.match(line)
    if match is None:
        return line, []
    return line[match.end() :], [(match.group().strip() or "|", "site_prefix")]


def strip_end_initials(line: str) -> tuple[str, list[Removed], str | None]:
    """Cut editor initials or a reporter credit closing the body.

    Returns the line, what was cut, and a reporter name when the credit
    named one ("(Surya/Doni Prasetyo)").
    """
    reporter = _END_REPORTER.search(line)
    if reporter and reporter.start() > 0:
        cut = [(reporter.group().strip(), "initials")]
        return line[: reporter.start()].rstrip(), cut, reporter.group("name")
    match = _END_INITIALS.search(line)
    if match and match.start() > 0:
        return line[: match.start()].rstrip(), [(match.group().strip(), "initials")], None
    return line, [], None


# What a scraper leaves of a dateline whose place it dropped: "– Tudingan KPAI ...".
_DATELINE_REMNANT = regex.compile(r"^[-\u2013\u2014]+\s+(?=\S)")


def strip_dateline(line: str, dateline: Dateline | None) -> tuple[str, list[Removed]]:
    """Cut the dateline prefix (or its bare dash) off the first body line; the sentence stays."""
    if dateline is not None:
        return line[dateline.end :].lstrip(" -\u2013\u2014,."), [(dateline.prefix, "dateline")]
    remnant = _DATELINE_REMNANT.match(line)
    if remnant is None:
        return line, []
    return line[remnant.end() :], [(remnant.group().strip(), "dateline")]


def trailing_caps_credit(line: str) -> bool:
    """An all-capitals credit closing an article ("DIAS PRASONGKO | BISNIS")."""
    words = _WORDS.findall(line)
    return (
        0 < len(words) <= 10
        and len(line) <= 100
        and _CAPS_CREDIT.match(line) is not None
        and any(len(word) >= 3 for word in words)
    )


def headline_candidate(line: str) -> bool:
    """A header line that may be the page's headline."""
    return looks_like_headline(line) and not BYLINE_LABEL.search(line)
