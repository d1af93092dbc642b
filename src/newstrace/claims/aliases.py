"""The other names an article says a person goes by.

A cue names them after the person's full name: "..., yang akrab disapa Ompong,",
"Joko Santoso alias Joko Tjandra", "known as Kim". A joining word of choice ("atau")
does so only when a single name word follows the full name at once ("Rudi Hartono
atau Ucok"): between two full names it offers a choice of people ("Rudi Hartono atau
Dewi Lestari").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

import regex

from newstrace.claims.mentions import CAPITALISED_RUN, Words
from newstrace.lang import Lexicon, alternation

if TYPE_CHECKING:
    from newstrace.claims.people import Person

__all__ = ["alias_table", "aliases"]

_ALIAS_REACH = 40  # characters between a name and the cue of its alias: ", yang akrab "
_SENTENCE_END = regex.compile(r"[.!?]")
_AT_ONCE = regex.compile(r"[ \u00a0]*,?[ \u00a0]*")


@cache
def _alias_cue(lexicon: Lexicon) -> regex.Pattern[str] | None:
    """A cue that the name a person goes by follows: "disapa Ompong", "known as Kim", "atau Ucok"."""
    cues = lexicon.alias_cues | lexicon.nickname_cues
    if not cues:
        return None
    return regex.compile(rf"(?<![\p{{L}}])({alternation(cues)})[ \u00a0]+(?=\p{{Lu}})")


def aliases(text: str, words: Words) -> Iterator[tuple[int, str, bool]]:
    """Where each cue of a name a person goes by starts, that name, and whether the person's
    name must end right before the cue ("Rudi Hartono atau Ucok"), not only shortly
    before it ("..., yang akrab disapa Ompong,")."""
    pattern = _alias_cue(words.lexicon)
    if pattern is None:
        return
    for cue in pattern.finditer(text):
        alias = CAPITALISED_RUN.match(text, cue.end())
        if alias is None:
            continue
        if cue.group(1).casefold() not in words.lexicon.nickname_cues:
            yield cue.start(), alias.group(), False
        elif " " not in alias.group() and words.is_name(alias.group()):
            yield cue.start(), alias.group(), True


def alias_table(text: str, words: Words, people: Sequence[Person], starts: Sequence[int]) -> dict[str, Person]:
    """Each alias the article gives, folded, and the person with a full name it stands for."""
    table: dict[str, Person] = {}
    for cue_start, alias, at_once in aliases(text, words):
        person = _named_before(text, people, starts, cue_start)
        if person is None or person.name == alias:
            continue
        if at_once and not _AT_ONCE.fullmatch(text, person.end, cue_start):
            continue
        if at_once and alias.casefold() in (person.name or "").casefold().split():
            continue  # "Rudi Hartono atau Rudi": the short name, which grows to the full one anyway
        table.setdefault(alias.casefold(), person)
    return table


def _named_before(text: str, people: Sequence[Person], starts: Sequence[int], position: int) -> Person | None:
    """The person with a full name whose mention ends shortly before ``position`` in its sentence."""
    at = bisect_left(starts, position) - 1
    while at >= 0:
        person = people[at]
        at -= 1
        between = text[person.end : position]
        if person.end > position:
            continue
        if len(between) > _ALIAS_REACH or _SENTENCE_END.search(between):
            return None
        if person.name and " " in person.name:
            return person
    return None
