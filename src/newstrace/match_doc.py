"""One article as the relation stage sees it: ``MatchDoc`` holds what comparing it with another
needs (sentences prepared for passage matching, token views for the cosines, the names, places,
numbers and dates it mentions, hashes of its word 8-grams), computed once per article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from xxhash import xxh3_64_intdigest

from newstrace.algo.passages import PreparedText, prepare, tokenize
from newstrace.match_mentions import extract_entities, extract_event_dates, extract_numbers, extract_places

__all__ = ["LEAD_CHARACTERS", "NGRAM_SIZE", "MatchDoc"]

NGRAM_SIZE = 8  # words per shingle for the reuse share: long enough to be rare by chance
LEAD_CHARACTERS = 1200  # how far into a text its own event date is looked for


def _shingle_hashes(tokens: Sequence[str], size: int = NGRAM_SIZE) -> np.ndarray:
    """Sorted distinct hashes of the word ``size``-grams of ``tokens``."""
    if len(tokens) < size:
        return np.zeros(0, np.uint64)
    # xxh3, not the salted hash(): equal in every process. Tokens never hold a NUL.
    grams = (
        xxh3_64_intdigest("\x00".join(tokens[k : k + size]).encode("utf-8", "surrogatepass"))
        for k in range(len(tokens) - size + 1)
    )
    return np.unique(np.fromiter(grams, np.uint64, len(tokens) - size + 1))


def _lead_sentences(sentences: Sequence[str]) -> list[str]:
    """The first sentences, about as much as a reader takes in at a glance."""
    lead: list[str] = []
    size = 0
    for sentence in sentences:
        if size >= LEAD_CHARACTERS:
            break
        lead.append(sentence)
        size += len(sentence) + 1
    return lead


def _lead(title: str | None, sentences: Sequence[str]) -> str:
    """The title and the first sentences."""
    return " ".join([title or "", *_lead_sentences(sentences)])


@dataclass(slots=True)
class MatchDoc:
    """One article as the relation stage sees it; build it with :meth:`build`."""

    id: str
    title: str
    sentences: tuple[str, ...]
    published: datetime | None
    outlet: str | None
    prepared: PreparedText
    tokens: tuple[str, ...]  # body words in order
    title_tokens: tuple[str, ...]
    lead_tokens: tuple[str, ...]  # title and about the first LEAD_CHARACTERS of the body
    opener_tokens: tuple[str, ...]  # title and first sentence: what happened, to whom
    entities: frozenset[str]
    numbers: frozenset[str]
    lead_dates: frozenset[str]  # dates written near the top: the event's day, usually
    lead_entities: frozenset[str]  # names in the title and lead: who the event is about
    places: frozenset[str]
    shingles: np.ndarray  # sorted distinct hashes of word n-grams

    @classmethod
    def build(
        cls,
        id: str,
        title: str | None,
        sentences: Sequence[str],
        *,
        published: datetime | None = None,
        outlet: str | None = None,
    ) -> MatchDoc:
        title = title or ""
        prepared = prepare(sentences)
        tokens = tuple(t for sentence_tokens in prepared.tokens for t in sentence_tokens)
        title_tokens = tuple(tokenize(title))
        lead = _lead(title, sentences)
        return cls(
            id=id,
            title=title,
            sentences=tuple(sentences),
            published=published,
            outlet=outlet,
            prepared=prepared,
            tokens=tokens,
            title_tokens=title_tokens,
            lead_tokens=tuple(tokenize(lead)),
            opener_tokens=title_tokens + (prepared.tokens[0] if prepared.tokens else ()),
            entities=extract_entities([title, *sentences]),
            numbers=extract_numbers([title, *sentences]),
            lead_dates=extract_event_dates(lead),
            lead_entities=extract_entities([title, *_lead_sentences(sentences)]),
            places=extract_places([title, *sentences]),
            shingles=_shingle_hashes(tokens),
        )

    def views(self) -> dict[str, tuple[str, ...]]:
        """The token lists a :class:`TfidfIndex` compares, by view name."""
        return {
            "body": self.tokens,
            "title": self.title_tokens,
            "lead": self.lead_tokens,
            "opener": self.opener_tokens,
        }
