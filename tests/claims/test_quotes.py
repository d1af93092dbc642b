"""Quote marks: an apostrophe inside a word opens no quote."""

from __future__ import annotations

from newstrace.claims.quotes import find_quotes


def test_apostrophes_are_no_quote_marks() -> None:
    assert find_quotes("Wakil Presiden Ma’ruf Amin hadir pada hari Jum'at pagi.") == []
