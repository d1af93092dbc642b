"""Person mentions as written: runs of capitalised words, split into role and name.

A mention is a run of capitalised words, optionally after lowercase role words
("juru bicara Kremlin Dmitry Peskov"). Its name is the longest run of
name-like words at its end: not a role or title, not an organisation or place
word, not an acronym, and not a word the article also writes in lowercase
(that test tells "Ketua" or "Selain" from "Agus" without a name list).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterator, Sequence
from functools import cache

import regex

from newstrace.claims.model import Mention
from newstrace.clean.sources import is_known_medium
from newstrace.lang import NAME_CONNECTORS, Lexicon

__all__ = [
    "CAPITALISED_RUN",
    "MAX_NAME_WORDS",
    "WORD_BEFORE",
    "Words",
    "called_start",
    "capitalised_runs",
    "heads_body",
    "inside",
    "made_of_heads",
    "name_word",
    "opens_name",
    "opens_sentence",
    "parse_mention",
    "places_in_run",
    "preceding_titles",
]

# "Yudi P. Santoso"; a web address whole: "Head of Pasarku.id Rina Anggraeni".
_TOKEN = r"(?:[\p{Lu}]\.(?=[ \u00a0]+[\p{Lu}])|[\p{Lu}][\p{L}\p{M}\p{N}’'\-]*(?:\.\p{Ll}{2,3}(?![\p{L}\p{N}]))*)"
_CONNECTOR = rf"(?:{'|'.join(NAME_CONNECTORS)})"
CAPITALISED_RUN = regex.compile(rf"(?<![\p{{L}}\p{{N}}])({_TOKEN}(?:[ \u00a0]+(?:{_CONNECTOR}[ \u00a0]+)?{_TOKEN})*)")
_WORD = regex.compile(
    r"[\p{Lu}]\.(?=[ \u00a0]+[\p{Lu}])|[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}’'\-]*(?:\.\p{Ll}{2,3}(?![\p{L}\p{N}]))*"
)
_INNER_CAPITAL = regex.compile(r"-\p{Lu}")
WORD_BEFORE = regex.compile(r"(?r)([\p{L}\-]+)[ \u00a0]+")  # matched backwards from a position
# A speech cue and one capitalised word ending the attribution: "kata Agung.", "ujar Hari, ...".
_AFTER_CUE = regex.compile(r"(?<![\p{L}])(\p{L}\p{Ll}*)[ \u00a0]+(\p{Lu}\p{Ll}+)(?=[,.;]|[ \u00a0]+\p{Ll})")
_INITIALS = 2  # "Bambang PS Brodjonegoro", "Mahfud MD"; not "HAM" of "Komnas HAM"
# A word, not in a handle or address ("khofifah.ip", "@aniesbaswedan"); ``re`` for speed.
_PLAIN_WORD = re.compile(r"(?<![\w’'\-@./])[^\W\d_](?:[^\W\d_]|-)*+(?![._@/]\w)")
MAX_NAME_WORDS = 4
_MAX_TITLE_WORDS = 4


_PAIR_JOINT = regex.compile(r"(?<=\p{Ll}{2})-(?=\p{Lu}\p{Ll})")


def capitalised_runs(text: str, words: Words) -> Iterator[tuple[int, int]]:
    """Where each run of capitalised words starts and ends, a pair of full names joined by a
    hyphen split in two: running mates "Dewi Sartika Wulan-Bima Santoso" are two people;
    not places ("rute Solo-Semarang")."""
    for match in CAPITALISED_RUN.finditer(text):
        start = match.start()
        for joint in _PAIR_JOINT.finditer(text, match.start(), match.end()):
            names = text[start : joint.start()].split()[-2:]
            if len(names) == 2 and all(words.is_name(name) for name in names):
                yield start, joint.start()
                start = joint.end()
        yield start, match.end()


def inside(spans: Sequence[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` falls in one of ``spans`` (sorted, not overlapping)."""
    at = bisect_right(spans, (position, float("inf"))) - 1
    return at >= 0 and spans[at][0] <= position < spans[at][1]


@cache
def _derived_noun(lexicon: Lexicon) -> regex.Pattern[str] | None:
    return regex.compile(lexicon.derived_noun, regex.IGNORECASE) if lexicon.derived_noun else None


def lowercase_words(text: str) -> frozenset[str]:
    """Words the text writes in lowercase: capitalised, they are common words, not names.

    Handles and addresses do not count ("khofifah.ip", "@aniesbaswedan").
    """
    return frozenset(word for word in _PLAIN_WORD.findall(text) if word[0].islower())


def _is_acronym(token: str) -> bool:
    letters = [char for char in token if char.isalpha()]
    return len(letters) > 1 and all(char.isupper() for char in letters)


class Words:
    """The tests that tell a name word from a role, organisation or common word."""

    def __init__(self, lexicon: Lexicon, text: str) -> None:
        self.lexicon = lexicon
        self._text = text
        self._lowercase: frozenset[str] | None = None
        self._names: dict[str, bool] = {}
        self._spoken: frozenset[str] | None = None
        self.derived = _derived_noun(lexicon)

    @property
    def lowercase(self) -> frozenset[str]:
        """The words the text writes in lowercase, read on first use."""
        if self._lowercase is None:
            self._lowercase = lowercase_words(self._text)
        return self._lowercase

    @property
    def spoken(self) -> frozenset[str]:
        """Words the text writes alone right after a speech cue: "”...,” kata Agung.", "Menurut Agung,"."""
        if self._spoken is None:
            self._spoken = frozenset(
                match.group(2).casefold()
                for match in _AFTER_CUE.finditer(self._text)
                if match.group(1) in self.lexicon.speech_cues or match.group(1).casefold() in self.lexicon.according_to
            )
        return self._spoken

    def is_title(self, word: str) -> bool:
        return word.casefold().rstrip(".") in self.lexicon.titles

    def is_name(self, word: str) -> bool:
        known = self._names.get(word)
        if known is None:
            known = self._names[word] = self._is_name(word)
        return known

    def _is_name(self, word: str) -> bool:
        folded = word.casefold()
        if folded in self.lexicon.titles or _is_acronym(word):
            return False
        if folded in self.spoken:
            return True  # "kata Agung", "ujar Hari": a common word the text makes a speaker's name
        if folded in self.lexicon.non_name_words or folded in self.lexicon.platforms:
            return False  # "Kepala Dinas", "kanal YouTube Darius"
        if folded in self.lexicon.hedges or folded in self.lexicon.reported_cues or folded in self.lexicon.assertions:
            return False  # "Dikabarkan, Rusia ...": a sentence opened by a hedge
        if any(char.isdigit() for char in word) or folded.endswith(("-news", "-")) or "." in folded.rstrip("."):
            return False
        if _INNER_CAPITAL.search(word):
            return False  # "Yogyakarta-Kutoarjo", "XSoviet-News": places and brands
        head, joint, rest = folded.partition("-")
        if joint and rest.startswith(head):
            return False  # "Kritikan-kritikan", "Anak-anaknya": a common word repeated; not "Hyun-koo"
        if self.derived is not None and self.derived.fullmatch(word):
            return False
        return folded not in self.lowercase

    def titled(self, role: str | None) -> bool:
        """Whether a role holds a title among its first words (a subheading may run into it)."""
        return bool(role) and any(self.is_title(word) for word in (role or "").split()[:3])

    def is_initials(self, word: str) -> bool:
        letters = word.rstrip(".")
        return 0 < len(letters) <= _INITIALS and letters.isalpha() and letters.isupper()


def _medium_at(pieces: list[str]) -> int:
    """How many words at the end name a medium ("The Express", "Kantor Berita Yonhap" -> 1)."""
    for size in range(min(len(pieces), 5), 0, -1):
        tail = pieces[-size:]
        if tail[0] == "The" and size > 1 or is_known_medium(" ".join(tail)):
            return size
    return 0


def parse_mention(text: str, start: int, end: int, words: Words) -> Mention:
    """Split ``text[start:end]`` (role words and a capitalised run) into role and name."""
    tokens = [(match.start() + start, match.end() + start) for match in _WORD.finditer(text[start:end])]
    pieces = [text[a:b] for a, b in tokens]
    if len(pieces) == 1 and pieces[0].casefold() in words.lexicon.pronouns:
        return Mention(text=pieces[0], start=start, end=end, pronoun=True)
    media = _medium_at(pieces)
    name_from = len(pieces) - media if media else len(pieces)
    while not media and name_from > 0 and len(pieces) - name_from < MAX_NAME_WORDS:
        word = pieces[name_from - 1]
        inner = name_from - 2 >= 0 and words.is_name(pieces[name_from - 2])
        # "M Fadjroel Rachman", "I Wayan", and initials after a rank: "Irjen AB Santoso".
        after_rank = name_from >= 2 and pieces[name_from - 2].casefold() in words.lexicon.ranks
        leading = name_from < len(pieces) and (len(word.rstrip(".")) == 1 or after_rank)
        if not (words.is_name(word) or words.is_initials(word) and (inner or leading)):
            break
        if heads_body(pieces, name_from - 1, words.lexicon) and len(pieces) - name_from >= 2:
            break  # "CEO Kopikita Budi Hartanto": the body the title heads
        if opens_name(pieces, name_from, words):
            break  # "Universitas Tanjung Harapan Muhammad Hanif": "Muhammad" opens the name
        a, b = tokens[name_from - 1]
        if text[a - 1 : a] == "(" or text[b : b + 1] == ")":
            break  # "(Kemenhub) Edi Nursalam": an acronym in brackets belongs to the role
        name_from -= 1
    # Connectors inside a name ("bin", "van") stay with it.
    name = " ".join(pieces[name_from:]) or None
    if name is not None and not pieces[name_from][0].isupper():
        name = None
    role_end = tokens[name_from - 1][1] if name_from > 0 else None
    if role_end is not None and text[role_end : role_end + 1] == ")":
        role_end += 1  # "... (IAKMI)": the bracket closes in the role
    role = text[start:role_end].strip(" ,") if role_end is not None else None
    mention_start = tokens[0][0] if tokens else start
    mention_end = tokens[-1][1] if tokens else end
    return Mention(
        text=text[mention_start:mention_end], start=mention_start, end=mention_end, role=role or None, name=name
    )


def opens_name(pieces: Sequence[str], at: int, words: Words) -> bool:
    """Whether ``pieces[at]`` opens a name, so the word before it is the role's."""
    if not 0 < at < len(pieces) or pieces[at].casefold() not in words.lexicon.name_openers:
        return False
    before = pieces[at - 1]
    return before.casefold() not in words.lexicon.name_particles and not words.is_initials(before)


def heads_body(pieces: Sequence[str], at: int, lexicon: Lexicon) -> bool:
    """Whether ``pieces[at]`` names the body of a title that heads one ("Kopikita" of "CEO
    Kopikita Budi Hartanto", "Indef" of "Direktur Eksekutif Indef Tauhid Ahmad"): news writes
    the body between such a title, with the title words after it, and the name."""
    before = at - 1
    while before >= 0 and pieces[before].casefold() not in lexicon.heads:
        if pieces[before].casefold().rstrip(".") not in lexicon.titles:
            return False
        before -= 1
    return before >= 0


def called_start(pieces: Sequence[str], called: Collection[str], words: Words) -> int:
    """Where a name read off a role's run starts when the article calls the person by an inner
    word of it alone ("ujar Hadi" after "PT Laba Kencana Hadi Wiyono"): Indonesians
    go by a given name, so the words before it are the role's, but for particles and initials
    ("Ahmed" of "kata Zaki", "M" of "kata Fadjroel"). A last word called alone is a surname."""
    particles = words.lexicon.name_particles
    for at in range(1, len(pieces) - 1):
        if pieces[at].casefold() in called:
            while at > 0 and (words.is_initials(pieces[at - 1]) or pieces[at - 1].casefold() in particles):
                at -= 1
            return at
    return 0


def places_in_run(text: str, start: int, pieces: Sequence[str], words: Words) -> set[str]:
    """The words of the run at ``start`` that follow one opening a place or body: "di Banyumas",
    "Kabupaten Indramayu", "Imam Besar Masjid Baiturrahman"; not "Wali Kota Arief" (a title) nor
    "Di" opening a sentence."""
    lexicon = words.lexicon
    places: set[str] = set()
    before = WORD_BEFORE.match(text, max(0, start - 20), start)
    opener = before.group(1) if before is not None else ""
    if before is not None and opener.casefold() in lexicon.place_openers and opener not in ("Di", "Ke"):
        title = WORD_BEFORE.match(text, max(0, before.start() - 20), before.start())
        if opener.casefold() not in lexicon.title_ends or title is None or not words.is_title(title.group(1)):
            places.add(pieces[0].casefold())
    for at in range(1, len(pieces)):
        opener = pieces[at - 1].casefold()
        if opener in lexicon.place_openers and pieces[at - 1] not in ("Di", "Ke"):
            if not (at >= 2 and opener in lexicon.title_ends and words.is_title(pieces[at - 2])):
                places.add(_namesake(pieces, at, words).casefold())
    if before is not None and words.is_title(before.group(1)) and _opened_before(text, before, words):
        places.add(_namesake(pieces, 0, words).casefold())  # "RSUD dr Wiratmo"
    return places


def _namesake(pieces: Sequence[str], at: int, words: Words) -> str:
    """The word naming a body after its opener, past the titles and initials of the person it is
    named after: "Wiratmo" of "RSUD dr Wiratmo", "Sardi" of "RSUP Dr M Sardi"."""
    while at + 1 < len(pieces) and (words.is_title(pieces[at]) or words.is_initials(pieces[at])):
        at += 1
    return pieces[at]


def _opened_before(text: str, title: regex.Match[str], words: Words) -> bool:
    """Whether a place or body opener stands before the lowercase ``title``: "RSUD dr"."""
    opener = WORD_BEFORE.match(text, max(0, title.start() - 20), title.start())
    return opener is not None and opener.group(1).casefold() in words.lexicon.place_openers


def preceding_titles(text: str, start: int, words: Words) -> int:
    """Where role words before ``start`` begin ("juru bicara" in "kata juru bicara Kremlin")."""
    cursor = start
    for _ in range(_MAX_TITLE_WORDS):
        match = WORD_BEFORE.match(text, max(0, cursor - 40), cursor)
        if match is None or not words.is_title(match.group(1)):
            break
        cursor = match.start()
    return cursor


def made_of_heads(nickname: str, words: list[str]) -> bool:
    """Whether ``nickname`` is the heads of consecutive ``words``: "jokowi" of "joko widodo"
    ("joko" + "wi"), "mardi" of "sri mardiningsih"; the first head of three letters or more,
    the others of two or more, and not a whole word alone."""
    for first in range(len(words)):
        if _heads_from(nickname, words, first, leading=True):
            return nickname not in words
    return False


def _heads_from(rest: str, words: list[str], at: int, *, leading: bool) -> bool:
    if not rest:
        return not leading
    if at >= len(words):
        return False
    shortest = 3 if leading else 2
    for size in range(min(len(words[at]), len(rest)), shortest - 1, -1):
        if words[at][:size] == rest[:size] and _heads_from(rest[size:], words, at + 1, leading=False):
            return True
    return False


def name_word(pieces: Sequence[str], at: int, words: Words) -> bool:
    """Whether ``pieces[at]`` may be part of a person's name: a name word, or initials beside one."""
    word = pieces[at]
    if words.is_name(word):
        return True
    after_name = at > 0 and words.is_name(pieces[at - 1])  # "Mahfud MD", "Bambang PS Brodjonegoro"
    before_name = at + 1 < len(pieces) and words.is_name(pieces[at + 1])
    # "M Fadjroel", and initials right after a rank: "Inspektur Jenderal AB Santoso Wirawan".
    leading = len(word.rstrip(".")) == 1 or at > 0 and pieces[at - 1].casefold() in words.lexicon.ranks
    return words.is_initials(word) and (after_name or before_name and leading)


def opens_sentence(text: str, position: int) -> bool:
    before = text[max(0, position - 3) : position].rstrip(" \u00a0\"”“’'")
    return not before or before[-1] in ".!?\n"
