"""Short statements that deny or confirm what was just reported: "Tetapi China telah membantah hal
ini.", "Namun ia segera membantahnya.", "Hal itu dibenarkan oleh Kapolres X."

They say nothing of their own (the reported-speech rule wants a statement after the verb), yet
they are the point: someone's stance on the statement before. Each becomes a claim whose text
is the stance sentence from its speaker on, so it can be linked to the statement it is about.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import cache

import regex

from newstrace.claims.certainty import find_stance, refers_back
from newstrace.claims.model import Claim, Mention
from newstrace.claims.speakers import PersonIndex
from newstrace.lang import Lexicon, alternation

__all__ = ["stance_statements"]

_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\-.']*")
_BY = regex.compile(r"(?i)\s+oleh\s+")
_MAX_SUBJECT_WORDS = 8
# A stance statement has a verb of denying or confirming ("membantah", "dibenarkan", "denied"),
# not a noun or predicate the outlet uses itself ("kabar hoaks", "tidak benar").
_STANCE_VERB = regex.compile(r"(?i)(?:me|di)\p{L}+|bantah|sangkal|\p{L}+(?:ed|ies|ms)")


def _subject(text: str, low: int, high: int, index: PersonIndex, lexicon: Lexicon) -> Mention | None:
    """The person or body named at the start of ``text[low:high]``, connectives ("Tetapi",
    "Namun") skipped: capitalised words and role words up to the first other word."""
    tokens = list(_TOKEN.finditer(text, low, high))
    while tokens and tokens[0].group().casefold() in lexicon.connectives:
        tokens.pop(0)
    if not tokens:
        return None
    first = tokens[0]
    if first.group().casefold() in lexicon.pronouns:
        return Mention(text=first.group(), start=first.start(), end=first.end(), pronoun=True)
    run = []
    for token in tokens[:_MAX_SUBJECT_WORDS]:
        word = token.group()
        if not (word[0].isupper() or index.words.is_title(word)):
            break
        run.append(token)
    if not run or not run[-1].group()[0].isupper():
        return None  # a role word alone ("pihak") names nobody
    start, end = run[0].start(), run[-1].end()
    mention = index.mention_at(start, end)
    if mention.name is None and mention.role is None:
        # A country or body ("China", "Pihak TNI"): its name is the speaker.
        mention = Mention(text=text[start:end], start=start, end=end, role=text[start:end])
    return mention


@cache
def _stance_words(lexicon: Lexicon) -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternation(lexicon.denials | lexicon.confirmations)})", regex.IGNORECASE)


def stance_statements(
    text: str,
    sentences: Sequence[tuple[int, int]],
    index: PersonIndex,
    lexicon: Lexicon,
    taken: Sequence[tuple[int, int]],
) -> list[tuple[Claim, Mention]]:
    """Stance sentences about the sentence before, outside ``taken`` (other claims and quotes)."""
    found: list[tuple[Claim, Mention]] = []
    # One pass over the text for any stance word first: most sentences have none.
    hits = [match.start() for match in _stance_words(lexicon).finditer(text)]
    for start, end in sentences:
        at = bisect_left(hits, start)
        if at == len(hits) or hits[at] >= end:
            continue
        if any(low < end and start < high for low, high in taken):
            continue
        sentence = text[start:end]
        if not refers_back(sentence, lexicon):
            continue
        stance, words = find_stance(text, start, end, lexicon)
        if stance is None or not _STANCE_VERB.fullmatch(words[0]):
            continue
        statement = _stance_claim(text, start, end, words[0], index, lexicon)
        if statement is not None:
            found.append(statement)
    return found


def _stance_claim(
    text: str, start: int, end: int, word: str, index: PersonIndex, lexicon: Lexicon
) -> tuple[Claim, Mention] | None:
    """The stance sentence ``text[start:end]`` from its speaker on, its cue the stance word ``word``."""
    cue = regex.search(regex.escape(word), text[start:end], regex.IGNORECASE)
    if cue is None:
        return None
    speaker = _stance_speaker(text, start, end, (start + cue.start(), start + cue.end()), index, lexicon)
    if speaker is None:
        return None
    mention, claim_start = speaker
    while claim_start < end and text[claim_start].isspace():
        claim_start += 1
    claim_end = end
    while claim_end > claim_start and text[claim_end - 1] in ".!? ":
        claim_end -= 1
    if claim_end <= claim_start:
        return None
    claim = Claim(
        kind="reported",
        quote=text[claim_start:claim_end],
        char_start=claim_start,
        char_end=claim_end,
        speaker_mention=mention.text,
        cue=word,
    )
    return claim, mention


def _stance_speaker(
    text: str, start: int, end: int, cue: tuple[int, int], index: PersonIndex, lexicon: Lexicon
) -> tuple[Mention, int] | None:
    """Who takes the stance, and where the statement starts: the subject of the cue's clause
    ("Namun China membantah"), else the agent after it ("Hal itu dibenarkan oleh Kapolres X")."""
    cue_start, cue_end = cue
    clause = max(start, text.rfind(",", start, cue_start) + 1)
    mention = _subject(text, clause, cue_start, index, lexicon)
    if mention is not None and mention.start < cue_start:
        return mention, mention.start
    by = _BY.search(text, cue_end, end)
    mention = _subject(text, by.end(), end, index, lexicon) if by else None
    if mention is None:
        return None
    for token in _TOKEN.finditer(text, clause, cue_start):  # "Namun hal ini dibantah": from "hal"
        if token.group().casefold() not in lexicon.connectives:
            return mention, token.start()
    return mention, clause
