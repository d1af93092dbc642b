"""Chrome learned from a corpus: lines recurring across one outlet's articles, and dropping them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from newstrace.clean.segment import split_paragraphs
from newstrace.clean.text import normalise_line_key
from newstrace.model import Cleaned

__all__ = ["learn_boilerplate", "drop_lines"]

_BOILERPLATE_MAX_CHARS = 200


def learn_boilerplate(texts: Iterable[str], *, min_articles: int = 5, min_share: float = 0.02) -> set[str]:
    """Lines recurring across one outlet's clean texts: chrome learned from the corpus.

    A line (paragraph) under 200 characters counts once per article; it is
    boilerplate when it recurs in at least ``min_articles`` articles and in at
    least ``min_share`` of them. Lines are returned normalised (case-folded,
    punctuation and spacing ignored), the form :func:`drop_lines` matches on.
    """
    counts: Counter[str] = Counter()
    articles = 0
    for text in texts:
        articles += 1
        keys = {normalise_line_key(line) for line in split_paragraphs(text) if len(line) < _BOILERPLATE_MAX_CHARS}
        keys.discard("")
        counts.update(keys)
    share_needed = min_share * articles - 1e-9  # float slack, so that 0.02 * 1000 means 20
    return {key for key, count in counts.items() if count >= min_articles and count >= share_needed}


def drop_lines(cleaned: Cleaned, lines: set[str]) -> Cleaned:
    """``cleaned`` without the paragraphs listed in ``lines`` (from :func:`learn_boilerplate`)."""
    if not lines:
        return cleaned
    kept: list[str] = []
    removed = list(cleaned.removed)
    for paragraph in split_paragraphs(cleaned.text):
        if normalise_line_key(paragraph) in lines:
            removed.append((paragraph, "recurring"))
        else:
            kept.append(paragraph)
    return replace(cleaned, text="\n\n".join(kept), removed=removed)
