"""How certain a text makes a statement, and whether it denies or confirms one.

Hedges ("diduga", "reportedly") weaken, unverified phrases ("belum
diverifikasi") say nobody has checked, assertions ("dipastikan", "resmi")
strengthen. Denial ("membantah", "berita palsu") and confirmation
("membenarkan") words give a statement's stance. All match whole words, any
case, longest phrase first ("disebut-sebut" before "disebut").
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Literal

import regex

from newstrace.claims.model import Hedge
from newstrace.lang import Lexicon

__all__ = ["SentenceLabel", "find_hedges", "find_stance", "refers_back", "sentence_label"]


def _alternation(phrases: Iterable[str]) -> regex.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    body = "|".join(regex.escape(phrase).replace(r"\ ", r"\s+") for phrase in ordered)
    # "-nya" may follow ("membantahnya"); a hyphen may not ("disebut-sebut" is not "disebut").
    return regex.compile(rf"(?<![\p{{L}}\-])(?:{body})(?:nya)?(?![\p{{L}}\-])", regex.IGNORECASE)


@cache
def _patterns(lexicon: Lexicon) -> dict[str, regex.Pattern[str]]:
    return {
        "hedge": _alternation(lexicon.hedges),
        "unverified": _alternation(lexicon.unverified),
        "assertion": _alternation(lexicon.assertions),
        "denial": _alternation(lexicon.denials),
        "confirmation": _alternation(lexicon.confirmations),
        "refer_back": _alternation(lexicon.refer_back),
    }


def _strength(table: dict[str, float], word: str) -> float:
    key = " ".join(word.casefold().split())
    return table.get(key, table.get(key.removesuffix("nya"), 0.5))


def find_hedges(text: str, start: int, end: int, lexicon: Lexicon) -> list[Hedge]:
    """Hedges, unverified phrases and assertions in ``text[start:end]``, in order."""
    patterns = _patterns(lexicon)
    found: list[Hedge] = []
    taken: list[tuple[int, int]] = []
    for kind, table in (
        ("unverified", lexicon.unverified),
        ("hedge", lexicon.hedges),
        ("assertion", lexicon.assertions),
    ):
        for match in patterns[kind].finditer(text, start, end):
            if any(low < match.end() and match.start() < high for low, high in taken):
                continue  # "belum dapat dipastikan" is not also the assertion "dipastikan"
            taken.append(match.span())
            found.append(Hedge(match.group(), kind, _strength(table, match.group()), match.start()))  # type: ignore[arg-type]
    found.sort(key=lambda hedge: hedge.start)
    return found


def find_stance(text: str, start: int, end: int, lexicon: Lexicon) -> tuple[str | None, list[str]]:
    """``"denial"``, ``"confirmation"`` or None for ``text[start:end]``, with the words found.

    A denial wins over a confirmation in the same span ("membenarkan ... tetapi
    membantah") because news reports the denial as the point.
    """
    patterns = _patterns(lexicon)
    denials = [match.group() for match in patterns["denial"].finditer(text, start, end)]
    if denials:
        return "denial", denials
    confirmations = [match.group() for match in patterns["confirmation"].finditer(text, start, end)]
    if confirmations:
        return "confirmation", confirmations
    return None, []


def refers_back(sentence: str, lexicon: Lexicon) -> bool:
    """True when ``sentence`` is about the one before ("Laporan ini ...", "membantahnya")."""
    if _patterns(lexicon)["refer_back"].search(sentence):
        return True
    return any(
        match.group().casefold().endswith("nya")
        for kind in ("denial", "confirmation", "unverified")
        for match in _patterns(lexicon)[kind].finditer(sentence)
    )


SentenceLabel = Literal["asserted", "hedged", "denied", "confirmed"]


def sentence_label(text: str, start: int, end: int, lexicon: Lexicon) -> SentenceLabel:
    """How ``text[start:end]`` presents what it reports: a denial or confirmation of a statement
    first (the stance is the news), else hedged when anything in it is hedged or unverified,
    else asserted."""
    stance, _ = find_stance(text, start, end, lexicon)
    if stance == "denial":
        return "denied"
    if stance == "confirmation":
        return "confirmed"
    if any(hedge.kind != "assertion" for hedge in find_hedges(text, start, end, lexicon)):
        return "hedged"
    return "asserted"
