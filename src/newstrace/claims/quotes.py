"""Quoted spans in clean text, whatever quote marks the outlet prints.

Indonesian outlets print “...”, "...", '...', ‘...’, and Kompas prints ” to open
a quote as well as to close it. So a mark is read by its neighbours, not its
shape: one after a space and before a letter opens, one after a letter or
punctuation and before a space or punctuation closes. Marks the neighbours
leave ambiguous alternate. A quote left open at a paragraph's end ends there
(outlets repeat the opening mark on each paragraph of a long quote). Single
marks count only outside double-quoted spans, and never between two letters
(apostrophes: Ma’ruf, Jum'at).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["QuoteSpan", "find_quotes"]

_DOUBLE = frozenset('"“”„«»')
_SINGLE = frozenset("'‘’")
_OPENERS_ONLY = frozenset("“„«‘")
_DOUBLE_MARK = re.compile('["“”„«»]')
_SINGLE_MARK = re.compile("['‘’]")
_BEFORE_OPEN = frozenset("([{—–-:/")
_AFTER_CLOSE = frozenset(".,;:!?)]}—–-…")


@dataclass(slots=True, frozen=True)
class QuoteSpan:
    """A quote's content (``start``..``end``) and its marks (``open_at``, ``close_at``).

    ``close_at`` is None for a quote left open at its paragraph's end. The
    content excludes the comma before the closing mark (”...,” kata X).
    """

    start: int
    end: int
    open_at: int
    close_at: int | None


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            bounds.append((start, end))
        start = end + 1
    return bounds


def _roles(text: str, at: int, low: int, high: int) -> tuple[bool, bool]:
    """Whether the mark at ``at`` can open, and whether it can close, a quote."""
    before = text[at - 1] if at > low else " "
    after = text[at + 1] if at + 1 < high else " "
    can_open = (before.isspace() or before in _BEFORE_OPEN or before in _DOUBLE) and not after.isspace()
    can_close = not before.isspace() and (after.isspace() or after in _AFTER_CLOSE or after in _DOUBLE)
    if text[at] in _OPENERS_ONLY and can_open:
        can_close = False
    return can_open, can_close


def _span(text: str, open_at: int, close_at: int | None, end: int) -> QuoteSpan | None:
    content_end = close_at if close_at is not None else end
    start = open_at + 1
    while start < content_end and text[start].isspace():
        start += 1
    while content_end > start and (text[content_end - 1].isspace() or text[content_end - 1] == ","):
        content_end -= 1
    if content_end <= start:
        return None
    return QuoteSpan(start, content_end, open_at, close_at)


def _marks(text: str, low: int, high: int, marks: frozenset[str], skip: list[tuple[int, int]]) -> Iterator[int]:
    """Positions of the quote marks in ``text[low:high]``, those inside ``skip`` and apostrophes left out."""
    skip_index = 0
    for mark in (_DOUBLE_MARK if marks is _DOUBLE else _SINGLE_MARK).finditer(text, low, high):
        at = mark.start()
        while skip_index < len(skip) and skip[skip_index][1] < at:
            skip_index += 1
        if skip_index < len(skip) and skip[skip_index][0] <= at <= skip[skip_index][1]:
            continue
        if marks is _SINGLE:
            before = text[at - 1] if at > low else " "
            after = text[at + 1] if at + 1 < high else " "
            if before.isalnum() and after.isalnum():
                continue  # an apostrophe
        yield at


def _scan(text: str, low: int, high: int, marks: frozenset[str], skip: list[tuple[int, int]]) -> list[QuoteSpan]:
    """The spans quoted by one kind of mark in ``text[low:high]``, each mark read by its neighbours."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for at in _marks(text, low, high, marks, skip):
        can_open, can_close = _roles(text, at, low, high)
        if open_at is None:
            if can_open or not can_close:
                open_at = at
        elif can_close or not can_open:
            span = _span(text, open_at, at, high)
            if span is not None:
                spans.append(span)
            open_at = None
        else:
            open_at = at  # a second opening mark: the first one was never closed
    if open_at is not None and marks is _DOUBLE:
        span = _span(text, open_at, None, high)
        if span is not None:
            spans.append(span)
    return spans


def find_quotes(text: str) -> list[QuoteSpan]:
    """Top-level quoted spans of ``text`` in order; quotes inside quotes are part of them."""
    result: list[QuoteSpan] = []
    for low, high in _paragraph_bounds(text):
        doubles = _scan(text, low, high, _DOUBLE, [])
        covered = [(span.open_at, span.close_at if span.close_at is not None else high) for span in doubles]
        singles = _scan(text, low, high, _SINGLE, covered)
        result.extend(sorted(doubles + singles, key=lambda span: span.start))
    return result
