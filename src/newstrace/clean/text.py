"""Character-level repair of scraped text: mojibake, Unicode forms, spaces, holes.

Everything here is a pure string transformation that keeps the line structure,
so that later stages can still reason about lines (chrome, headers, footers).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import ftfy
import regex

__all__ = ["mend_holes", "normalise_line_key", "normalise_text"]

# Runs of non-ASCII characters: a mojibake sequence never contains ASCII, so
# repairing each distinct run on its own is equivalent to repairing the whole
# text, and lets us cache the (slow) ftfy call per run instead of per article.
_NON_ASCII_RUN = regex.compile(r"[^\x00-\x7F]+")

# Spaces that should read as one plain space.
_ODD_SPACES = dict.fromkeys(
    map(
        ord,
        "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t",
    ),
    " ",
)
# Invisible characters that only break matching (zero-width, direction marks,
# soft hyphen, byte-order mark).
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064"
        "\ufeff\u00ad\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ),
    None,
)
# Outlets disagree on curly versus straight quotes for the same words; one
# form makes copied sentences compare equal.
_QUOTES = dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"), '"')
_QUOTES.update(dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032"), "'"))
_LINE_BREAKS = dict.fromkeys(map(ord, "\r\u2028\u2029\x0b\x0c\x85"), "\n")

_CHAR_TABLE: dict[int, str | None] = {**_ODD_SPACES, **_INVISIBLE, **_QUOTES, **_LINE_BREAKS}

_CONTROL_CHARS = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SPACE_RUN = regex.compile(r" {2,}")
_BLANK_LINE_RUN = regex.compile(r"\n{3,}")

# Scraper holes: link words dropped, leaving comma runs (" ,, ") or empty
# brackets ("( ,)"). Digits on either side are left alone (prices, decimals).
_COMMA_RUN = regex.compile(r"(?<![\d,]) ?,(?: ?,)+(?![\d])")
_EMPTY_BRACKETS = regex.compile(r" ?\((?:[ ,.:;]*)\)")
_LEADING_HOLE = regex.compile(r"^[ ,]+(?=\S)")


@lru_cache(maxsize=65536)
def _repair_run(run: str) -> str:
    """Repair one run of non-ASCII characters (cached: runs repeat endlessly)."""
    fixed = ftfy.fix_text(run, uncurl_quotes=False, fix_line_breaks=False, normalization="NFC")
    if fixed != run or len(run) < 2:
        return fixed
    # ftfy refuses some short Mac Roman sequences out of context ("‚Äé" for a
    # left-to-right mark, "√°" for "á"); a clean round trip through UTF-8 is
    # strong evidence that the run is mojibake.
    try:
        return run.encode("mac_roman").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return run


def _repair_mojibake(text: str) -> str:
    if text.isascii():
        return text
    return _NON_ASCII_RUN.sub(lambda match: _repair_run(match.group()), text)


def normalise_text(text: str) -> str:
    """Repair and normalise scraped text, keeping one line per input line.

    Mojibake is repaired, the text is put in NFC, odd and non-breaking spaces
    become plain spaces, invisible characters go, curly quotes become straight,
    line endings become ``\\n``, runs of spaces collapse and each line is
    stripped. Runs of blank lines collapse to one blank line.
    """
    text = _repair_mojibake(text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = text.translate(_CHAR_TABLE)
    text = _CONTROL_CHARS.sub("", text)
    text = _SPACE_RUN.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINE_RUN.sub("\n\n", text).strip("\n")


def mend_holes(line: str) -> str:
    """Close the holes left where a scraper dropped link words, conservatively.

    Only punctuation that cannot carry meaning is touched: runs of commas
    (``"Menurut ,, pihak"`` -> ``"Menurut , pihak"``), brackets holding
    nothing but commas or stops (``"( ,)"``), and commas or spaces opening a
    line. Words are never added or removed.
    """
    if "," not in line and "(" not in line:  # nothing to mend: skip the patterns
        return line
    line = _EMPTY_BRACKETS.sub("", line)
    line = _COMMA_RUN.sub(lambda m: " ," if m.group().startswith(" ") else ",", line)
    line = _LEADING_HOLE.sub("", line)
    return _SPACE_RUN.sub(" ", line).strip()


def _punctuation_to_space_table() -> dict[int, str]:
    # str.translate is several times faster than a regex over every line; the
    # table covers the code points below U+3000, where all punctuation,
    # symbols, spaces and controls of the scripts news text uses live.
    return {code: " " for code in range(0x3000) if unicodedata.category(chr(code))[0] in "PSZC"}


_KEY_TABLE = _punctuation_to_space_table()


def normalise_line_key(line: str) -> str:
    """A comparison key for a line: case-folded, punctuation and spacing ignored."""
    return " ".join(line.casefold().translate(_KEY_TABLE).split())
