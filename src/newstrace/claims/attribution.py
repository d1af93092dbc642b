"""Who a statement is attributed to, and by which cue word.

Three shapes carry a direct quote's attribution: the cue after the quote
(”...,” kata X / ujarnya / said X / X said), the cue before it (X mengatakan:
”...”), or none, when the quote continues the previous speaker's words in a
sentence of its own (”...,” kata X. ”...”). Reported speech has the shapes
``menurut X, ...`` and ``X mengatakan (bahwa) ...``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from newstrace.claims.mentions import CAPITALISED_RUN, preceding_titles
from newstrace.claims.model import Mention
from newstrace.claims.speakers import PersonIndex
from newstrace.lang import Lexicon, alternation

__all__ = ["Attribution", "cue_after", "cue_before", "speaker_before"]

_SPACE = r"[\s\u00a0]"
_WORD_AHEAD = regex.compile(rf"{_SPACE}*,?{_SPACE}*([\p{{L}}][\p{{L}}\-’']*)")
_WORDS = regex.compile(r"[\p{L}][\p{L}\-’']*|[:,;.!?]")
_LAST_WORD = regex.compile(rf"([\p{{L}}]+){_SPACE}*$")
_OPENING_WORD = regex.compile(rf"{_SPACE}*(?:[\p{{Lu}}][\p{{L}}]*,?{_SPACE}+)?")
_RUN_AT_END = regex.compile(rf"({CAPITALISED_RUN.pattern}){_SPACE}*$")
_LOWER_WORDS = regex.compile(rf"{_SPACE}*((?:[\p{{Ll}}\-]+{_SPACE}+)*?[\p{{Ll}}\-]+){_SPACE}*$")
_JOINED = regex.compile(rf"{_SPACE}+([\p{{Ll}}&]+){_SPACE}+(\p{{Lu}}[\p{{L}}\-]*)")
_MAX_WORDS_AFTER_CUE = 6  # X mengatakan kepada wartawan di Jakarta: ”...”


@dataclass(slots=True, frozen=True)
class Attribution:
    cue: str
    mention: Mention | None  # None: the speaker is folded into the cue ("katanya")
    cue_start: int
    end: int  # where the attribution's words end


def _is_cue(word: str, lexicon: Lexicon, *, reported: bool) -> bool:
    folded = word.casefold()
    if folded in lexicon.speech_cues or folded in lexicon.coref_cues:
        return True
    return reported and folded in lexicon.reported_cues


@cache
def _role_joint(lexicon: Lexicon) -> regex.Pattern[str]:
    """What joins the pieces of a long role: "Menteri Koordinator Bidang Politik, Hukum, dan Keamanan"."""
    joiners = alternation(lexicon.role_joiners)
    return regex.compile(
        rf"(?:{_SPACE}*\([^()\n]{{1,60}}\))?"  # "peneliti LIPI (Lembaga ...), Dewi Fortuna Anwar"
        rf"(?:{_SPACE}*[,/]{_SPACE}*(?:(?:{joiners}){_SPACE}+)?|{_SPACE}+(?:{joiners}|\d+){_SPACE}+)"
        rf"(?={CAPITALISED_RUN.pattern})"
    )


@cache
def _according_to(lexicon: Lexicon) -> regex.Pattern[str]:
    return regex.compile(rf"(?i)(?<![\p{{L}}])(?:{alternation(lexicon.according_to)}){_SPACE}+")


_MAX_ROLE_PIECES = 4
_MAX_CLAUSE_HOPS = 3


def _appositive(text: str, mention: Mention, index: PersonIndex) -> Mention:
    """The name after a role's further pieces and commas.

    "kata juru bicara Gugus Tugas, Alamsyah, Rabu" is Alamsyah; "kata Menteri Riset dan
    Teknologi Bambang Brodjonegoro" is Bambang Brodjonegoro; "kata Kepala Humas, Rumah
    Sakit Dr Wirasena, Tono Hartanto" is Tono Hartanto; "kata Manajer Humas PT KRN Daop 6
    Yogyakarta Supriyadi" is Supriyadi. A mention that already has a name keeps it unless a
    pure name follows a comma.
    """
    end = mention.end
    for _ in range(_MAX_ROLE_PIECES):
        joint = _role_joint(index.words.lexicon).match(text, end)
        run = CAPITALISED_RUN.match(text, joint.end()) if joint is not None else None
        if joint is None or run is None:
            return mention
        if joint.group().strip(" ,\u00a0").isdigit():
            mention = index.mention_at(mention.start, run.end())  # a numbered unit goes on with the role
            end = run.end()
            continue
        if _pure_name(run, index) and "," in joint.group():
            role = text[mention.start : end].strip(" ,")
            return Mention(
                text=text[mention.start : run.end()], start=mention.start, end=run.end(), role=role, name=run.group()
            )
        if mention.name is None:
            piece = index.mention_at(run.start(), run.end())
            if piece.name is not None and not _name_follows(text, run.end(), index):
                role = text[mention.start : run.end() - len(piece.name)].strip(" ,")
                return Mention(
                    text=text[mention.start : run.end()], start=mention.start, end=run.end(), role=role, name=piece.name
                )
        elif "," not in joint.group():
            return mention  # "kata Budi dan Ani": two people, the first is the speaker
        end = run.end()
    return mention


def _pure_name(run: regex.Match[str], index: PersonIndex) -> bool:
    """Whether a capitalised run is only a name: name words and initials, a name word first."""
    words = run.group().split()
    pure = all(index.words.is_name(word) or index.words.is_initials(word) for word in words)
    return pure and index.words.is_name(words[0])


def _name_follows(text: str, position: int, index: PersonIndex) -> bool:
    """Whether a pure name set off by a comma follows: the run before it names a body."""
    joint = _role_joint(index.words.lexicon).match(text, position)
    if joint is None or "," not in joint.group():
        return False
    run = CAPITALISED_RUN.match(text, joint.end())
    return run is not None and _pure_name(run, index)


def _as_indexed(mention: Mention, index: PersonIndex) -> Mention:
    """The index's reading of a mention when it has a name there and none here, or a longer role."""
    if mention.pronoun:
        return mention
    whole = index.person_at(mention.start, mention.end)
    if whole is None or mention.name is not None and whole.name is not None and mention.name.endswith(whole.name):
        return mention
    return whole


def speaker_after(text: str, position: int, index: PersonIndex) -> Mention | None:
    """The speaker named right after a cue ("kata Juru Bicara Kremlin Dmitry Peskov")."""
    lexicon = index.words.lexicon
    cursor = position
    role_start: int | None = None
    titled = False
    for _ in range(4):
        match = _WORD_AHEAD.match(text, cursor)
        if match is None:
            return None
        word = match.group(1)
        if word.casefold() in lexicon.pronouns and word[0].islower():
            return Mention(text=word, start=match.start(1), end=match.end(1), pronoun=True)
        if word[0].isupper():
            run = CAPITALISED_RUN.match(text, match.start(1))
            if run is None:
                return None
            if (
                role_start is not None
                and not titled
                and not ("," in text[cursor : run.start()] and _pure_name(run, index))
            ):
                return None  # plain words need a name set off after them: "pemilik toko kue, Yuliana Tan"
            start = role_start if role_start is not None else run.start()
            return _as_indexed(_appositive(text, index.mention_at(start, run.end()), index), index)
        folded = word.casefold()
        # A role may go on in plain words after a title: "juru bicara militer Ivan Petrov"; plain
        # words alone need a name after them: "ucap pemilik toko kue, Yuliana Tan".
        if folded in lexicon.non_name_words or folded in lexicon.not_predicates:
            break
        titled = titled or index.words.is_title(word)
        role_start = match.start(1) if role_start is None else role_start
        cursor = match.end(1)
    if role_start is not None and titled:
        return Mention(text=text[role_start:cursor], start=role_start, end=cursor, role=text[role_start:cursor])
    return None


def speaker_before(text: str, low: int, cue_start: int, index: PersonIndex) -> Mention | None:
    """The subject of a cue verb: the first person-like phrase of its clause.

    The clause starts after the last comma or semicolon before the cue, so
    ``"Dalam pernyataan resmi, Kementerian Luar Negeri mengatakan"`` gives
    the ministry; when that clause names nobody, it widens over up to three
    more commas. A pronoun just before the cue ("di Twitter dia mengklaim")
    wins over earlier capitalised words.
    """
    lexicon = index.words.lexicon
    cue_start = low + len(text[low:cue_start].rstrip(" ,\u00a0"))  # "Liu Pengyu, mengaku"
    head = text[low:cue_start]
    last = _LAST_WORD.search(head)
    if last and last.group(1).casefold() in lexicon.pronouns:
        return Mention(text=last.group(1), start=low + last.start(1), end=low + last.end(1), pronoun=True)
    # The subject may sit before commas that set off time and place:
    # "Doni Monardo, saat dihubungi, Senin (30/11/2020) di Jakarta, mengatakan".
    # A clause that only holds a role ("dokter emergensi dari PDEI") may describe
    # the name before it: "Tri Maharini, dokter emergensi dari PDEI, memaparkan".
    cuts = [low + at + 1 for at, char in enumerate(head) if char in ",;:"]
    fallback: Mention | None = None
    for clause_low in [*reversed(cuts[-_MAX_CLAUSE_HOPS:]), low]:
        mention = _subject(text, low, clause_low, cue_start, index)
        opening = _WORD_AHEAD.match(text, clause_low, cue_start)
        # A capitalised role is set off only after a name: "Dedi, Kepala Regu B, menuturkan"; not
        # "Sementara itu, Kepala Dinas X Budi mengatakan".
        appositive = (
            opening is not None
            and index.words.is_title(opening.group(1))
            and (opening.group(1)[0].islower() or _name_ends(text, low, clause_low - 1, index))
        )
        if appositive and clause_low != low:
            fallback = fallback or mention  # ", kuasa hukum FPI dan Rizieq Shihab,": about the name before
            continue
        if mention is not None and mention.name is None and not mention.pronoun and not _is_party(mention, index):
            fallback = fallback or mention
            continue
        if mention is not None:
            return _as_indexed(mention, index)
    return _as_indexed(fallback, index) if fallback is not None else None


def _name_ends(text: str, low: int, position: int, index: PersonIndex) -> bool:
    """Whether ``text[low:position]`` ends in a capitalised run of name words only."""
    run = _RUN_AT_END.search(text, low, position)
    return run is not None and all(index.words.is_name(word) for word in run.group(1).split())


def _subject(text: str, low: int, clause_low: int, cue_start: int, index: PersonIndex) -> Mention | None:
    """The person-like phrase of ``text[clause_low:cue_start]``, preferring one with a name."""
    lexicon = index.words.lexicon
    subject_low = _subject_start(text, low, clause_low, cue_start, lexicon)
    if subject_low is None:
        return None
    clause_low = subject_low
    first_mention: Mention | None = None
    for run in CAPITALISED_RUN.finditer(text, clause_low, cue_start):
        if _sentence_word(run.group(), index):
            continue  # "Namun", "Sementara"
        start = max(preceding_titles(text, run.start(), index.words), clause_low)
        mention = _party(text, start, run.end(), index) or index.mention_at(start, run.end())
        if mention.name is None and first_mention is None:
            first_mention = mention
            continue
        if mention.name is None and _role_goes_on(text, mention.start, index):
            continue  # "Presidium Asosiasi Industri Anyaman dan Kerajinan Indonesia (AIAKI) Sarwono"
        if index.words.titled((first_mention or mention).role) and _role_goes_on_after(text, run.end(), index):
            first_mention = first_mention or mention
            continue  # "Kepala Subdirektorat Industri Bambu dan Pandan ... Kemenperin Sukardi"
        if mention.name and first_mention is not None:
            # "Juru bicara polisi Andi Wijaya": the role opens the clause, the name follows.
            role = text[first_mention.start : mention.end - len(mention.name)].strip()
            return Mention(
                text=text[first_mention.start : mention.end],
                start=first_mention.start,
                end=mention.end,
                role=role,
                name=mention.name,
            )
        return mention
    if first_mention is not None:
        return first_mention
    titles = _LOWER_WORDS.match(text[clause_low:cue_start])
    if titles and all(index.words.is_title(word) for word in titles.group(1).split()):
        start = clause_low + titles.start(1)
        return Mention(text=titles.group(1), start=start, end=clause_low + titles.end(1), role=titles.group(1))
    return None


def _sentence_word(run: str, index: PersonIndex) -> bool:
    """Whether a capitalised run is one word that opens sentences and names nobody ("Namun")."""
    words = run.split()
    return (
        len(words) == 1
        and words[0].casefold() in index.words.lexicon.non_name_words
        and not index.words.is_title(words[0])
    )


def _party(text: str, start: int, end: int, index: PersonIndex) -> Mention | None:
    """A body or a person's camp named after a party word ("pihak Kopikita", "kubu Budi"):
    it speaks as a role, and no person of that name does."""
    before = _LAST_WORD.search(text, max(0, start - 20), start)
    if before is None or before.group(1).casefold() not in index.words.lexicon.party_words:
        return None
    low = before.start(1)
    return Mention(text=text[low:end], start=low, end=end, role=text[low:end])


def _is_party(mention: Mention, index: PersonIndex) -> bool:
    """Whether a mention names a body or a camp ("pihak Kopikita"): the speaker, whatever a
    wider clause holds."""
    words = (mention.role or "").split()
    return bool(words) and words[0].casefold() in index.words.lexicon.party_words


def _role_goes_on(text: str, start: int, index: PersonIndex) -> bool:
    """Whether the capitalised run at ``start`` goes on with a role before it, joined by a
    joining word or in brackets ("... Anyaman dan Kerajinan Indonesia (AIAKI)"), so the name
    may still follow."""
    if text[start - 1 : start] == "(":
        return True
    before = _LAST_WORD.search(text, max(0, start - 20), start)
    return before is not None and before.group(1).casefold() in index.words.lexicon.role_joiners


def _role_goes_on_after(text: str, end: int, index: PersonIndex) -> bool:
    """Whether a joining word and a capitalised run that opens with no title follow ``end``:
    the role goes on ("Industri Bambu dan Pandan ..."); not "Menteri A Budi dan Menteri B Ani"."""
    joined = _JOINED.match(text, end)
    if joined is None or joined.group(1).casefold() not in index.words.lexicon.role_joiners:
        return False
    return not index.words.is_title(joined.group(2))


def _subject_start(text: str, low: int, clause_low: int, cue_start: int, lexicon: Lexicon) -> int | None:
    """Where the subject of ``text[clause_low:cue_start]`` is looked for; None when a long
    clause neither opens with a name nor ends with one."""
    according = _according_to(lexicon).search(text, clause_low, cue_start)
    if according is not None:
        return according.end()  # "menurut penulis X yang ... menyebutkan": X is the source
    if len(text[clause_low:cue_start].split()) <= 10:
        return clause_low
    # A long clause: its subject opens it, or the name just before the cue is the subject.
    opening = _OPENING_WORD.match(text[clause_low:cue_start])
    first = CAPITALISED_RUN.match(text, clause_low + (opening.end() if opening else 0))
    if first is not None and first.group().split()[0].casefold() not in lexicon.non_name_words:
        return clause_low
    tail = _RUN_AT_END.search(text[low:cue_start])
    return low + tail.start() if tail is not None else None


def cue_after(text: str, close_end: int, limit: int, index: PersonIndex) -> Attribution | None:
    """A cue right after a closing quote mark: ``,” kata X``, ``,” ujarnya``, ``," X said``."""
    lexicon = index.words.lexicon
    match = _WORD_AHEAD.match(text, close_end, limit)
    if match is None:
        return None
    word = match.group(1)
    folded = word.casefold()
    if folded in lexicon.coref_cues:
        return Attribution(word, None, match.start(1), match.end(1))
    if _is_cue(word, lexicon, reported=True) and word[0].islower():
        mention = speaker_after(text, match.end(1), index)
        if mention is None:
            return None
        return Attribution(word, mention, match.start(1), mention.end)
    # English and some Indonesian put the speaker first: ," Peskov said / ,” Kim menambahkan
    run = CAPITALISED_RUN.match(text, match.start(1)) if word[0].isupper() else None
    if run is None and folded in lexicon.pronouns:
        verb = _WORD_AHEAD.match(text, match.end(1), limit)
        if verb and _is_cue(verb.group(1), lexicon, reported=True):
            mention = Mention(text=word, start=match.start(1), end=match.end(1), pronoun=True)
            return Attribution(verb.group(1), mention, verb.start(1), verb.end(1))
        return None
    if run is not None:
        verb = _WORD_AHEAD.match(text, run.end(), limit)
        if verb and verb.group(1)[0].islower() and _is_cue(verb.group(1), lexicon, reported=True):
            mention = _as_indexed(index.mention_at(run.start(), run.end()), index)
            return Attribution(verb.group(1), mention, verb.start(1), verb.end(1))
    return None


def cue_before(text: str, low: int, open_at: int, index: PersonIndex) -> Attribution | None:
    """A cue shortly before an opening quote mark: ``X mengatakan kepada wartawan: ”``."""
    lexicon = index.words.lexicon
    words = list(_WORDS.finditer(text, low, open_at))
    if not words:
        return None
    for position in range(len(words) - 1, max(-1, len(words) - 2 - _MAX_WORDS_AFTER_CUE), -1):
        word = words[position].group()
        if word in ".!?":
            return None
        if not _is_cue(word, lexicon, reported=True) or word[0].isupper() and position > 0:
            continue
        between = [match.group() for match in words[position + 1 :]]
        if between and between[-1] not in ":," or any(item.casefold() in lexicon.complementisers for item in between):
            return None  # "mengatakan bahwa Barat bersalah atas ”...”": a term inside reported speech
        cue = words[position]
        if word.casefold() in lexicon.coref_cues:
            return Attribution(word, None, cue.start(), cue.end())
        mention = speaker_before(text, low, cue.start(), index)
        if mention is None:
            return None
        return Attribution(word, mention, cue.start(), cue.end())
    return None
