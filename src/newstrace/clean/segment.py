"""Paragraphs and sentences of clean text, tuned for Indonesian news.

Sentences come from syntok, with two adjustments:

* Indonesian abbreviations (``Jl.``, ``Tbk.``, ``S.H.``, ``M.Si.``, ...) must not
  end a sentence. syntok's abbreviation list is a process-wide class constant,
  so rather than patch it, the dots of those abbreviations are masked with a
  same-length placeholder before segmenting; offsets stay valid and every
  sentence is cut from the original text.
* syntok is pure Python and the slowest step per article. Boundaries that are
  beyond doubt ("... tentara. Namun ...": a plain word, an acronym or a long
  number, a full stop, a space, a capitalised word) are cut with one regular
  expression first, and syntok only sees the stretches that still hold an
  ambiguous full stop (initials, abbreviations, list numbers, holes). Results
  are cached per paragraph, since copied articles repeat whole paragraphs.
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex
from syntok.segmenter import analyze

from newstrace.lang import id as lang_id

__all__ = ["INDONESIAN_ABBREVIATIONS", "split_paragraphs", "split_sentences"]

INDONESIAN_ABBREVIATIONS = lang_id.ABBREVIATIONS
"""Words that take a full stop without ending a sentence (case-sensitive)."""

_ABBREVIATION_WORD = regex.compile(
    r"(?<![\p{L}\p{N}.])(?:" + "|".join(sorted(INDONESIAN_ABBREVIATIONS, key=len, reverse=True)) + r")\.(?!\p{L})"
)
# Dotted abbreviations: S.H., M.Si., S.Pd., a.n., Ph.D., u.p.
_DOTTED_ABBREVIATION = regex.compile(r"(?<![\p{L}\p{N}.])\p{L}{1,3}\.(?:\p{L}{1,4}\.)+")
_MASK = "\ue000"  # private use: never in real text, one code point like the dot

_TRAILING = "\"')]}.!?;\u2026 "
# A terminal that may end a sentence: not a dot inside a number ("13.500"),
# and not one followed by a lowercase word or inner punctuation, where syntok
# never splits either ("?" tanya dia", "dll., dan").
_OPEN_TERMINAL = regex.compile(r"(?:(?<!\d)\.|\.(?!\d)|[!?;\u2026])(?![.!?;\u2026]*[\"')\]]*(?:\s*[,;:]|\s+\p{Ll}))")
# A candidate boundary: terminal, closing quotes/brackets, space, then a
# letter (optionally after an opening quote or bracket); the letter must open
# a capitalised word, checked in code. The standard "re" engine is markedly
# faster than "regex" for this scan.
_CANDIDATE_BOUNDARY = re.compile(r"[.!?][\"')\]]*(\s+)(?=[\"'(\[]?([^\W\d_])([^\W\d_]))")
_WORD_BEFORE_TERMINAL = regex.compile(r"(\S+?)[.!?][\"')\]]*$")
_PLAIN_WORD = regex.compile(r"[\p{L}-]*\p{Ll}")
_ACRONYM = regex.compile(r"\p{Lu}{2,}")
_LONG_NUMBER = regex.compile(r"\d[\d.,]*\d\d")  # "2019", "13.500"; not a list's "1." or "10."


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``: each non-empty line, stripped.

    Clean text separates paragraphs by a blank line; scraped text often puts
    one paragraph on each line with no blank line. Both read the same here.
    """
    return [stripped for line in text.split("\n") if (stripped := line.strip())]


def _is_certain_boundary(paragraph: str, position: int) -> bool:
    """True when the terminal before ``position`` can only end a sentence."""
    head = paragraph[max(0, position - 40) : position]
    if head.endswith(("...", "\u2026")):
        return False
    match = _WORD_BEFORE_TERMINAL.search(head)
    if match is None:
        return False
    if match.group(1).lstrip("\"'").startswith("(") and ")" not in match.group(1):
        return False  # inside an open bracket: "(QS. At-Taubah: 36)"
    word = match.group(1).strip("\"'()[]")
    if len(word) < 2 or {word, word.capitalize()} & INDONESIAN_ABBREVIATIONS:
        return False
    return (
        _PLAIN_WORD.fullmatch(word) is not None
        or _ACRONYM.fullmatch(word) is not None
        or _LONG_NUMBER.fullmatch(word) is not None
    )


def _cut_certain(paragraph: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _CANDIDATE_BOUNDARY.finditer(paragraph):
        if not (match.group(2).isupper() and match.group(3).islower()):
            continue
        space_start, space_end = match.span(1)
        if _is_certain_boundary(paragraph, space_start):
            pieces.append(paragraph[start:space_start])
            start = space_end
    pieces.append(paragraph[start:])
    return pieces


def _mask_abbreviations(text: str) -> str:
    def mask(match: regex.Match[str]) -> str:
        return match.group().replace(".", _MASK)

    text = _DOTTED_ABBREVIATION.sub(mask, text)
    return _ABBREVIATION_WORD.sub(mask, text)


def _syntok_sentences(chunk: str) -> list[str]:
    masked = _mask_abbreviations(chunk)
    sentences: list[str] = []
    for paragraph in analyze(masked):
        for tokens in paragraph:
            start = tokens[0].offset
            end = tokens[-1].offset + len(tokens[-1].value)
            sentence = chunk[start:end].strip()
            if sentence:
                sentences.append(sentence)
    return sentences


@lru_cache(maxsize=16384)
def _paragraph_sentences(paragraph: str) -> tuple[str, ...]:
    sentences: list[str] = []
    for chunk in _cut_certain(paragraph):
        chunk = chunk.strip()
        if not chunk:
            continue
        if _OPEN_TERMINAL.search(_mask_abbreviations(chunk.rstrip(_TRAILING))) is None:
            sentences.append(chunk)  # no full stop that could end a sentence inside
        else:
            sentences.extend(_syntok_sentences(chunk))
    return tuple(sentences)


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, paragraph by paragraph, each stripped.

    A sentence never spans two paragraphs. Abbreviations such as ``Jl.``,
    ``Tbk.``, ``Dr.``, ``S.H.`` and numbers such as ``13.500`` or
    ``Rp 1.310.000`` do not end a sentence.
    """
    sentences: list[str] = []
    for paragraph in split_paragraphs(text):
        sentences.extend(_paragraph_sentences(paragraph))
    return sentences
