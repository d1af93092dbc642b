"""Whether a person mention is the subject of its clause: the person a later "-nya" means.

A pronoun or a cue with the speaker folded in ("katanya", "ujarnya") stands for the
most salient person, and that is the one the text last made the subject of a clause,
not any name mentioned in passing. A mention is a subject when it opens its clause and
a predicate follows it ("Namun, Darto berharap ...", "Kepala Dinas X, Budi Santoso,
menilai ..."), or when it is the agent of a speech verb ("kata Sarwono", "menurut Ketut",
"disampaikan Yogi"). A name after a verb or preposition ("disinggung Presiden X dalam
pidato", "tulisan Raja Y, yang ...") is talked about, not talking.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

import regex

from newstrace.lang import Lexicon

__all__ = ["Role", "is_subject"]

Role = Literal["speaker", "subject"]

_WORD_BEFORE = regex.compile(r"(?r)([\p{L}][\p{L}\-’']*)[ \u00a0]*$")
_PREFIX_WORD = regex.compile(r"[\p{L}][\p{L}\-’']*|[^\s\p{L}\p{N}]")
_BRACKET = regex.compile(r"[ \u00a0]*\([^()\n]{1,40}\)")
_NEXT = regex.compile(r"[ \u00a0]*(,)?[ \u00a0]*([\p{L}][\p{L}\-’']*)")
_REACH = 160  # characters before a mention searched for the start of its clause
_MAX_APPOSITIVES = 3  # ", kuasa hukum koperasi, saat dihubungi, mengatakan"
_APPOSITIVE_CHARS = 120
_HEADING = regex.compile(r"(?:^|[.!?”\"][ \u00a0]+)(\p{Lu}[\p{L}\-]*(?:[ \u00a0]+\p{Ll}[\p{L}\-]*){1,2})[ \u00a0]+$")
_DASHED = regex.compile(r"[^,.;:—\n]{0,120}?([ \u00a0]—)[^—.\n]{1,120}—(?=[ \u00a0]*\p{Ll})")
_CLAUSE_MARKS = frozenset('.,;:!?"“”()')


@cache
def _speech_agents(lexicon: Lexicon) -> frozenset[str]:
    """Words after which a name is the speaker: "kata", "menurut", "disampaikan"."""
    return lexicon.speech_cues | lexicon.according_to | lexicon.passive_cues


def is_subject(text: str, start: int, end: int, lexicon: Lexicon) -> Role | None:
    """How the person mention at ``text[start:end]`` acts in its clause, if at all.

    ``"speaker"``: the agent of a speech verb ("kata Sarwono", "menurut Ketut", "Suparno
    mengatakan"); ``"subject"``: the subject of another verb at the clause's start
    ("Namun, Darto berharap").
    """
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    first = _PREFIX_WORD.match(text, start, end)
    agents = _speech_agents(lexicon)
    if before is not None and before.group(1).casefold() in agents:
        return "speaker"
    if first is not None and first.group().casefold() in agents:
        return "speaker"  # "Menurut Kepala Seksi X Ida Rosdiana, ...": the run opens the sentence
    between = before.group(1) if before is not None else ""
    if before is not None and between.islower() and (between == "oleh" or between not in lexicon.not_predicates):
        agent = _WORD_BEFORE.search(text, max(0, before.start() - 40), before.start())
        if agent is not None and agent.group(1).casefold() in lexicon.passive_cues:
            return "speaker"  # "disampaikan oleh Kepala X", "diungkapkan langsung Ketua X"; not "kepada"
    # "Rudi, kuasa hukum yayasan dan Bambang Sutrisno, menyatakan", "tim kampanye
    # Citra-Bima, mengaku": a name joined to another, or in someone's words, is no subject.
    if text[start - 1 : start] == "-" and text[start - 2 : start - 1].isalpha() or _joined_name(before, first, lexicon):
        return None
    if _in_reported_sentence(text, start, lexicon):
        return None
    predicate = _predicate(text, end, lexicon)
    if predicate is None or predicate.group(2).casefold() in lexicon.not_predicates:
        return None
    if predicate.group(2).casefold() in lexicon.reported_cues:
        # A verb of saying makes its subject a speaker wherever the clause starts, even
        # after a subheading run into the text: "... lalu. Hindari kerumunan Darsim menerangkan".
        return "speaker"
    return "subject" if _opens_clause(text, start, lexicon) or _after_heading(text, start, lexicon) else None


@cache
def _aside_cue(lexicon: Lexicon) -> regex.Pattern[str]:
    """A speech cue set off by commas inside a sentence: ", ujar dia,", ", lanjut Budi,"."""
    cues = "|".join(sorted(lexicon.speech_cues, key=len, reverse=True))
    return regex.compile(rf"(?i),[ \u00a0]*(?:{cues})[ \u00a0]+([\p{{L}}]+)[^,.!?\n”\"]{{0,60}},")


def _in_reported_sentence(text: str, start: int, lexicon: Lexicon) -> bool:
    """Whether a cue set off by commas before ``start`` in its sentence makes the sentence
    someone's words ("Waktu itu, ujar dia, Letnan Kolonel X datang ke kampungnya"): the
    people in it are talked about; the speaker is the cue's agent."""
    low = max(0, start - _REACH)
    sentence = max(text.rfind(mark, low, start) for mark in '.!?\n”"')
    for aside in _aside_cue(lexicon).finditer(text, max(low, sentence + 1), start):
        # ", kata ahli epidemiologi X, Rina Wulandari,": the name of the cue's own agent.
        if text[aside.end() : start].strip() or aside.group(1).casefold() not in lexicon.titles:
            return True
    return False


def _joined_name(before: regex.Match[str] | None, first: regex.Match[str] | None, lexicon: Lexicon) -> bool:
    """Whether a bare name is joined to what goes before it ("... yayasan dan Bambang Sutrisno"),
    so it shares a phrase and is no subject of its own; a role after the joining word opens
    a new part of one long role ("Pendiri sekaligus Pembina Komunitas X Toto")."""
    joining = before.group(1).casefold() if before is not None else ""
    # "dan", "serta": joining words that are no predicate either; not "of" in "CEO of X Budi".
    if first is None or joining not in lexicon.role_joiners or joining not in lexicon.not_predicates:
        return False
    return first.group().casefold().rstrip(".") not in lexicon.titles


def _after_heading(text: str, start: int, lexicon: Lexicon) -> bool:
    """Whether a subheading run into the text stands before ``start``: a capitalised word
    and one or two lowercase ones right after a sentence, no pronoun, active verb or
    function word among them ("... lalu. Sudah diingatkan Wakil Ketua KPK X menyayangkan
    ..."; not "Hal itu disinggung Presiden X dalam ...")."""
    heading = _HEADING.search(text, max(0, start - 60), start)
    if heading is None:
        return False
    words = heading.group(1).split()
    if words[0].casefold() in lexicon.pronouns or words[0].casefold() in lexicon.connectives:
        return False
    return not any(word.startswith(("me", "ber")) or word in lexicon.not_predicates for word in words[1:])


def _opens_clause(text: str, start: int, lexicon: Lexicon) -> bool:
    """Whether only capitalised words, role words and connectives stand between the
    clause's start and ``start``: "Namun, Darto", "Sementara itu Kepala X"; not
    "memeriksa Kepala X"."""
    pieces = _PREFIX_WORD.findall(text, max(0, start - _REACH), start)
    for piece in reversed(pieces):
        if piece in _CLAUSE_MARKS:
            return True
        if not piece[0].isalpha():
            continue
        folded = piece.casefold()
        if piece[0].isupper() or folded in lexicon.connectives or folded in lexicon.titles:
            continue
        if folded in lexicon.role_joiners:
            continue  # "Lembaga Kajian dan Pendampingan ...": a role going on
        return False
    return start - _REACH <= 0


def _predicate(text: str, end: int, lexicon: Lexicon) -> regex.Match[str] | None:
    """The lowercase word that follows the mention as its predicate, past brackets and
    the phrases commas set off: "Darto berharap", "Hasan, kuasa hukum koperasi, menyatakan",
    "Salim, yang juga juru bicara, mengatakan"; None when a capital letter or the
    sentence's end comes first."""
    cursor = end
    for _ in range(_MAX_APPOSITIVES + 1):
        bracket = _BRACKET.match(text, cursor)
        if bracket is not None:
            cursor = bracket.end()
        following = _NEXT.match(text, cursor)
        if following is None:
            return None
        word = following.group(2)
        if not following.group(1):
            return following if word[0].islower() else None
        if word[0].islower() and not (word.casefold() in lexicon.titles or word.casefold() in lexicon.not_predicates):
            return following  # "Harun, saat dihubungi, mengatakan", "Liu Pengyu, mengaku"
        # A phrase set off by commas after a name: its role ("Hasan, kuasa hukum koperasi,") or a
        # relative clause ("Salim, yang juga juru bicara Gugus Tugas,").
        comma = text.find(",", following.end(), following.end() + _APPOSITIVE_CHARS)
        dashed = _DASHED.match(text, following.end())
        if dashed is not None and (comma < 0 or dashed.start(1) < comma):
            # "Dimas, kepala regu di Sektor III — regu yang tiba pertama — menuturkan"
            return _NEXT.match(text, dashed.end())
        if comma < 0 or any(mark in text[following.end() : comma] for mark in ".;:"):
            return None
        cursor = comma
    return None
