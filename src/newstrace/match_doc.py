"""One article as the relation stage sees it: ``MatchDoc`` holds what comparing it with another
needs (sentences prepared for passage matching, token views for the cosines, the names, places,
numbers and dates it mentions, hashes of its word 8-grams), computed once per article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from newstrace.algo.passages import PreparedText, prepare
from newstrace.algo.tokens import token_hash, tokenize
from newstrace.match_mentions import extract_event_dates, extract_numbers, extract_places, sentence_entities

__all__ = ["LEAD_CHARACTERS", "NGRAM_SIZE", "MatchDoc"]

NGRAM_SIZE = 8  # words per shingle for the reuse share: long enough to be rare by chance
LEAD_CHARACTERS = 1200  # how far into a text its own event date is looked for


# Odd 64-bit multipliers, one per position in a shingle: a shingle's hash is the wrapped sum
# of its words' hashes times these, computed for all shingles at once.
_POSITION_MULTIPLIERS = np.random.default_rng(20190910).integers(0, 2**63, NGRAM_SIZE, dtype=np.uint64) * np.uint64(
    2
) + np.uint64(1)


def _shingle_hashes(word_hashes: np.ndarray, size: int = NGRAM_SIZE) -> np.ndarray:
    """Sorted distinct hashes of the word ``size``-grams of a text, from its words' hashes."""
    n = len(word_hashes) - size + 1
    if n <= 0:
        return np.zeros(0, np.uint64)
    grams = np.zeros(n, np.uint64)
    for position, multiplier in enumerate(_POSITION_MULTIPLIERS[:size]):
        grams += word_hashes[position : position + n] * multiplier
    return np.unique(grams)


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
        in_lead = len(_lead_sentences(sentences))
        # Names are found sentence by sentence: the lead's are the first sentences' names.
        names = [sentence_entities(title), *map(sentence_entities, sentences)]
        word_hashes = np.fromiter(map(token_hash, tokens), np.uint64, len(tokens))
        return cls(
            id=id,
            title=title,
            sentences=tuple(sentences),
            published=published,
            outlet=outlet,
            prepared=prepared,
            tokens=tokens,
            title_tokens=title_tokens,
            # Tokens never span the spaces joining title and sentences: the lead's tokens are theirs.
            lead_tokens=title_tokens + tuple(t for words in prepared.tokens[:in_lead] for t in words),
            opener_tokens=title_tokens + (prepared.tokens[0] if prepared.tokens else ()),
            entities=frozenset().union(*names),
            numbers=extract_numbers([title, *sentences]),
            lead_dates=extract_event_dates(_lead(title, sentences)),
            lead_entities=frozenset().union(*names[: 1 + in_lead]),
            places=extract_places([title, *sentences]),
            shingles=_shingle_hashes(word_hashes),
        )

    def views(self) -> dict[str, tuple[str, ...]]:
        """The token lists a :class:`TfidfIndex` compares, by view name."""
        return {
            "body": self.tokens,
            "title": self.title_tokens,
            "lead": self.lead_tokens,
            "opener": self.opener_tokens,
        }
