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
from newstrace.lang import Lexicon, alternation

__all__ = ["SentenceLabel", "find_hedges", "find_stance", "hedge_before", "refers_back", "sentence_label"]


def _alternation(phrases: Iterable[str]) -> regex.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    body = "|".join(regex.escape(phrase).replace(r"\ ", r"\s+") for phrase in ordered)
    # "-nya" may follow ("membantahnya"); a hyphen may not ("disebut-sebut" is not "disebut").
    return regex.compile(rf"(?<![\p{{L}}\-])(?:{body})(?:nya)?(?![\p{{L}}\-])", regex.IGNORECASE)


_NEVER = regex.compile(r"(?!)")
_MODALS = "bisa|dapat|boleh|pernah|mau|akan|can|could|would|will"


@cache
def _patterns(lexicon: Lexicon) -> dict[str, regex.Pattern[str]]:
    return {
        "hedge": _alternation(lexicon.hedges),
        "unverified": _alternation(lexicon.unverified),
        "assertion": _alternation(lexicon.assertions),
        "denial": _alternation(lexicon.denials),
        "confirmation": _alternation(lexicon.confirmations),
        "refer_back": _alternation(lexicon.refer_back),
        "hedge_end": regex.compile(rf"(?<![\p{{L}}\-])(?:{alternation(lexicon.hedges)})$", regex.IGNORECASE),
        "not_stance": _alternation(lexicon.not_stance) if lexicon.not_stance else _NEVER,
        "not_hedge": _alternation(lexicon.not_hedge) if lexicon.not_hedge else _NEVER,
        # A negation right before a word, a modal between: "tidak membantah", "tak bisa dibenarkan".
        "negated": regex.compile(
            rf"(?<![\p{{L}}\-])(?:{alternation(lexicon.negations)})(?:\s+(?:{_MODALS}))?\s+$", regex.IGNORECASE
        )
        if lexicon.negations
        else _NEVER,
    }


def _spans(pattern: regex.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text, start, end)]


def _within(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(low <= span[0] and span[1] <= high for low, high in others)


def _strength(table: dict[str, float], word: str) -> float:
    key = " ".join(word.casefold().split())
    return table.get(key, table.get(key.removesuffix("nya"), 0.5))


def find_hedges(text: str, start: int, end: int, lexicon: Lexicon) -> list[Hedge]:
    """Hedges, unverified phrases and assertions in ``text[start:end]``, in order."""
    patterns = _patterns(lexicon)
    found: list[Hedge] = []
    # "sebagaimana dilaporkan Express" names a source; it does not hedge.
    taken: list[tuple[int, int]] = _spans(patterns["not_hedge"], text, start, end)
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
    membantah") because news reports the denial as the point. A negated denial
    confirms ("tidak membantah", "bukan hoaks"); a negated confirmation is none
    ("tidak dibenarkan", "belum mengonfirmasi"); words in another sense
    ("penyebaran hoaks", "menepis bola") are passed over.
    """
    patterns = _patterns(lexicon)
    other_sense = _spans(patterns["not_stance"], text, start, end)
    denials: list[str] = []
    confirmations: list[str] = []
    for kind in ("denial", "confirmation"):
        for match in patterns[kind].finditer(text, start, end):
            if _within(match.span(), other_sense):
                continue
            negation = patterns["negated"].search(text, max(start, match.start() - 30), match.start())
            if negation is None:
                (denials if kind == "denial" else confirmations).append(match.group())
            elif kind == "denial" and not negation.group().casefold().startswith("belum"):
                confirmations.append(text[negation.start() : match.end()])
    if denials:
        return "denial", denials
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


def hedge_before(text: str, low: int, position: int, lexicon: Lexicon) -> int:
    """Where a hedge right before ``position`` starts, else ``position``: in "Lavrov dilaporkan
    menegaskan" the subject ends before "dilaporkan", not before the verb."""
    head = text[low:position].rstrip()
    match = _patterns(lexicon)["hedge_end"].search(head)
    return low + match.start() if match else position
