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
_FIRST_WORD = regex.compile(r"[\s\u00a0]*([\p{L}]+)")
_PASSIVE = regex.compile(r"di\p{Ll}{4,}")  # "dihadiri", "dipimpin"; not "dia", "diri"
_CLAUSE_END = regex.compile(r"(?:[ \u00a0]*\([^()\n]{1,40}\))?[ \u00a0]*(?:[.!?]|,[ \u00a0]*(\p{Ll}+))")


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
    agent = _as_agent(text, before, first, end, lexicon)
    if agent is not None:
        return agent
    # "Rudi, kuasa hukum yayasan dan Bambang Sutrisno, menyatakan", "tim kampanye
    # Citra-Bima, mengaku": a name joined to another, or in someone's words, is no subject.
    if text[start - 1 : start] == "-" and text[start - 2 : start - 1].isalpha() or _joined_name(before, first, lexicon):
        return None
    if _in_reported_sentence(text, start, lexicon):
        return None
    return _by_predicate(text, start, end, lexicon)


def _as_agent(
    text: str, before: regex.Match[str] | None, first: regex.Match[str] | None, end: int, lexicon: Lexicon
) -> Role | None:
    """The mention's role as the agent a word before it introduces: "kata X", "disampaikan
    oleh X", "dihadiri X."; None when no such word does."""
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
    if before is not None and _passive_agent(text, before, end, lexicon):
        return "subject"
    return None


def _by_predicate(text: str, start: int, end: int, lexicon: Lexicon) -> Role | None:
    """The mention's role as the subject of the predicate after it: a speaker of a verb of
    saying, the subject of another verb at the clause's start; none of a passive verb."""
    predicate = _predicate(text, end, lexicon)
    if predicate is None or predicate.group(2).casefold() in lexicon.not_predicates:
        return None
    if _undergoes(text, predicate, lexicon):
        return None  # "Wali Kota X sudah divaksin": acted upon, not acting
    if predicate.group(2).casefold() in lexicon.reported_cues:
        # A verb of saying makes its subject a speaker wherever the clause starts, even
        # after a subheading run into the text: "... lalu. Hindari kerumunan Darsim menerangkan".
        return "speaker"
    return "subject" if _opens_clause(text, start, lexicon) or _after_heading(text, start, lexicon) else None


def _undergoes(text: str, predicate: regex.Match[str], lexicon: Lexicon) -> bool:
    """Whether the predicate is a passive verb, after auxiliaries: the subject undergoes it."""
    verb = predicate
    for _ in range(3):
        word = verb.group(2).casefold()
        if word not in lexicon.auxiliaries:
            return _PASSIVE.fullmatch(word) is not None and word not in lexicon.passive_cues
        following = _NEXT.match(text, verb.end())
        if following is None or following.group(1) or not following.group(2)[0].islower():
            return False
        verb = following
    return False


@cache
def _aside_cue(lexicon: Lexicon) -> regex.Pattern[str]:
    """A speech cue set off by commas inside a sentence: ", ujar dia,", ", lanjut Budi,"."""
    cues = "|".join(sorted(lexicon.speech_cues, key=len, reverse=True))
    return regex.compile(rf"(?i),[ \u00a0]*(?:{cues})[ \u00a0]+([\p{{L}}]+)[^,.!?\n”\"]{{0,60}},")


def _in_reported_sentence(text: str, start: int, lexicon: Lexicon) -> bool:
    """Whether a cue set off by commas before ``start`` in its sentence makes the sentence
    someone's words ("Waktu itu, ujar dia, Letnan Kolonel X datang ke kampungnya"), or the
    sentence opens with a word that makes it a reason backing the one before ("Apalagi,
    ..."): the people in it are talked about; the speaker is the cue's agent, or goes on."""
    low = max(0, start - _REACH)
    sentence = max(text.rfind(mark, low, start) for mark in '.!?\n”"')
    opener = _FIRST_WORD.match(text, sentence + 1 if sentence >= 0 else low, start)
    if opener is not None and opener.group(1).casefold() in lexicon.argument_openers:
        return True  # "Apalagi, Menteri X sudah berjanji ...": a reason the previous speaker gives
    for aside in _aside_cue(lexicon).finditer(text, max(low, sentence + 1), start):
        # ", kata ahli epidemiologi X, Rina Wulandari,": the name of the cue's own agent.
        if text[aside.end() : start].strip() or aside.group(1).casefold() not in lexicon.titles:
            return True
    return False


def _passive_agent(text: str, before: regex.Match[str], end: int, lexicon: Lexicon) -> bool:
    """Whether the mention ending at ``end`` is the agent of the passive verb ``before`` and
    closes its clause, alone or with a phrase saying who the agent is: "Acara itu dihadiri
    Rudi Hartono, pengusaha kuliner." The end of an Indonesian clause carries its new
    information, so an agent put there is brought in to act or speak next; not "disinggung
    Presiden X dalam pidatonya" (the clause goes on) nor "ditulis Raja X, yang ..."."""
    verb = before.group(1)
    if verb == "oleh":  # "dihadiri oleh Rudi Hartono."
        agent = _WORD_BEFORE.search(text, max(0, before.start() - 40), before.start())
        verb = agent.group(1) if agent is not None else ""
    if not _PASSIVE.fullmatch(verb) or verb in lexicon.not_predicates or text[before.end() : before.end() + 1] == "\n":
        return False
    closing = _CLAUSE_END.match(text, end)
    if closing is None:
        return False
    described = closing.group(1)
    return described is None or described not in lexicon.not_predicates and described not in lexicon.connectives


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
