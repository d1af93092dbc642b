"""People in an article: their mentions, split into role and name, and who a mention means.

A mention is a run of capitalised words, optionally after lowercase role words
("juru bicara Kremlin Dmitry Peskov"). Its name is the longest run of
name-like words at its end: not a role or title, not an organisation or place
word, not an acronym, and not a word the article also writes in lowercase
(that test tells "Ketua" or "Selain" from "Agus" without a name list).

A mention resolves to the fullest name the article gives: "Yayan" to an
earlier "Yayan Sopian", the role "Presiden" to an earlier "Presiden Joko
Widodo", and a pronoun or "-nya" to the nearest person mentioned before.
A long role goes on over brackets and joining words ("Ketua Umum Ikatan Ahli
Kesehatan Masyarakat Indonesia (IAKMI) Ede Surya Darmawan"). Where a name
starts is read from how the article uses its words: particles and initials
lead a name ("I Wayan Koster"), while a word the article also writes as a
place or in another phrase belongs to the role ("Ketua Bawaslu Indramayu
Nurhadi").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex

from newstrace.claims.model import Mention
from newstrace.clean.sources import is_known_medium
from newstrace.lang import NAME_CONNECTORS, Lexicon, alternation

__all__ = ["PersonIndex", "inside", "parse_mention"]

_TOKEN = r"(?:[\p{Lu}]\.(?=[ \u00a0]+[\p{Lu}])|[\p{Lu}][\p{L}\p{M}\p{N}’'\-]*)"  # "Teguh P. Nugroho"
_CONNECTOR = rf"(?:{'|'.join(NAME_CONNECTORS)})"
CAPITALISED_RUN = regex.compile(rf"(?<![\p{{L}}\p{{N}}])({_TOKEN}(?:[ \u00a0]+(?:{_CONNECTOR}[ \u00a0]+)?{_TOKEN})*)")
_WORD = regex.compile(r"[\p{Lu}]\.(?=[ \u00a0]+[\p{Lu}])|[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}’'\-]*")
_INNER_CAPITAL = regex.compile(r"-\p{Lu}")
_WORD_BEFORE = regex.compile(r"(?r)([\p{L}\-]+)[ \u00a0]+")  # matched backwards from a position
_COMMA = regex.compile(r",[ \u00a0]*")
_INITIALS = 2  # "Bambang PS Brodjonegoro", "Mahfud MD"; not "HAM" of "Komnas HAM"
# A word, not in a handle or address ("khofifah.ip", "@aniesbaswedan"); ``re`` for speed.
_PLAIN_WORD = re.compile(r"(?<![\w’'\-@./])[^\W\d_](?:[^\W\d_]|-)*+(?![._@/]\w)")
_MAX_NAME_WORDS = 4
_MAX_FULL_NAME = 5  # "I Gusti Putu Ngurah Sedana"
_MAX_TITLE_WORDS = 4


def inside(spans: Sequence[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` falls in one of ``spans`` (sorted, not overlapping)."""
    at = bisect_right(spans, (position, float("inf"))) - 1
    return at >= 0 and spans[at][0] <= position < spans[at][1]


@cache
def _role_gap(lexicon: Lexicon) -> regex.Pattern[str]:
    """What may sit between the pieces of one long role before a name, but a comma.

    Brackets ("Ketua Umum Ikatan Ahli Kesehatan Masyarakat Indonesia (IAKMI) Ede Surya
    Darmawan") and joining words ("Head of Startupindonesia.co Erwin Arifin").
    """
    joiners = alternation(lexicon.role_joiners)
    return regex.compile(rf"(?:[ \u00a0]*\([^()\n]{{1,60}}\))*[ \u00a0]*(?:(?:{joiners})[ \u00a0]+)*[ \u00a0]*")


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
        self.derived = _derived_noun(lexicon)

    @property
    def lowercase(self) -> frozenset[str]:
        """The words the text writes in lowercase, read on first use."""
        if self._lowercase is None:
            self._lowercase = lowercase_words(self._text)
        return self._lowercase

    def is_title(self, word: str) -> bool:
        return word.casefold().rstrip(".") in self.lexicon.titles

    def is_name(self, word: str) -> bool:
        known = self._names.get(word)
        if known is None:
            known = self._names[word] = self._is_name(word)
        return known

    def _is_name(self, word: str) -> bool:
        folded = word.casefold()
        if folded in self.lexicon.titles or folded in self.lexicon.non_name_words or _is_acronym(word):
            return False
        if folded in self.lexicon.hedges or folded in self.lexicon.reported_cues or folded in self.lexicon.assertions:
            return False  # "Dikabarkan, Rusia ...": a sentence opened by a hedge
        if any(char.isdigit() for char in word) or folded.endswith(("-news", "-")):
            return False
        if _INNER_CAPITAL.search(word):
            return False  # "Yogyakarta-Kutoarjo", "XSoviet-News": places and brands
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
    while not media and name_from > 0 and len(pieces) - name_from < _MAX_NAME_WORDS:
        word = pieces[name_from - 1]
        inner = name_from - 2 >= 0 and words.is_name(pieces[name_from - 2])
        leading = len(word.rstrip(".")) == 1 and name_from < len(pieces)  # "M Fadjroel Rachman", "I Wayan"
        if not (words.is_name(word) or words.is_initials(word) and (inner or leading)):
            break
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


def preceding_titles(text: str, start: int, words: Words) -> int:
    """Where role words before ``start`` begin ("juru bicara" in "kata juru bicara Kremlin")."""
    cursor = start
    for _ in range(_MAX_TITLE_WORDS):
        match = _WORD_BEFORE.match(text, max(0, cursor - 40), cursor)
        if match is None or not words.is_title(match.group(1)):
            break
        cursor = match.start()
    return cursor


@dataclass(slots=True, frozen=True)
class _Person:
    start: int
    role: str | None  # as written
    name: str | None
    end: int = -1

    @property
    def role_words(self) -> set[str]:
        return set(self.role.casefold().split()) if self.role else set()


@dataclass(slots=True)
class _Built:
    people: list[_Person]
    starts: list[int]
    runs: list[tuple[int, list[str]]]  # every capitalised run and its words
    places: set[str]  # words the article writes after "di", "Kabupaten" and the like
    where: dict[str, list[tuple[int, int]]]  # a run word, folded: which runs hold it, at which word


class PersonIndex:
    """Every person mention of one article, for resolving later mentions to full names."""

    def __init__(self, text: str, lexicon: Lexicon, exclude: Sequence[tuple[int, int]] = ()) -> None:
        self.text = text
        self.words = Words(lexicon, text)
        self._exclude = exclude
        self._built: _Built | None = None  # read on first use: most articles quote no one
        self._speaker_words: set[str] = set()
        self._followers: dict[str, frozenset[str]] | None = None
        self._short_names: set[str] = set()  # one-word names statements are attributed to

    @property
    def people(self) -> list[_Person]:
        return self._build().people

    @property
    def _starts(self) -> list[int]:
        return self._build().starts

    @property
    def _runs(self) -> list[tuple[int, list[str]]]:
        return self._build().runs

    @property
    def _places(self) -> set[str]:
        return self._build().places

    def _build(self) -> _Built:
        if self._built is not None:
            return self._built
        mentions: list[Mention] = []
        runs: list[tuple[int, list[str]]] = []
        places: set[str] = set()
        for match in CAPITALISED_RUN.finditer(self.text):
            pieces = match.group().split()  # the run's tokens ("Teguh P. Nugroho")
            places.update(self._places_in_run(match.start(), pieces))
            if inside(self._exclude, match.start()):
                continue
            runs.append((match.start(), pieces))
            self._add_mention(mentions, match.start(), match.end(), pieces)
        people = self._people(mentions)
        where: dict[str, list[tuple[int, int]]] = {}
        for number, (_, pieces) in enumerate(runs):
            for at, piece in enumerate(pieces):
                where.setdefault(piece.casefold(), []).append((number, at))
        self._built = _Built(people, [person.start for person in people], runs, places, where)
        return self._built

    def _places_in_run(self, start: int, pieces: list[str]) -> set[str]:
        """Words after one that opens a place or body: "di Banyumas", "Kabupaten Indramayu";
        not "Wali Kota Arief" (a title) nor "Di" opening a sentence."""
        openers = self.words.lexicon.place_openers
        places: set[str] = set()
        before = _WORD_BEFORE.match(self.text, max(0, start - 20), start)
        if before is not None and before.group(1).casefold() in openers and before.group(1) not in ("Di", "Ke"):
            if not self._after_title(before.start()):
                places.add(pieces[0].casefold())
        for at in range(1, len(pieces)):
            if pieces[at - 1].casefold() in openers and pieces[at - 1] not in ("Di", "Ke"):
                if not (at >= 2 and self.words.is_title(pieces[at - 2])):
                    places.add(pieces[at].casefold())
        return places

    def _add_mention(self, mentions: list[Mention], start: int, end: int, pieces: list[str]) -> None:
        """The mention a capitalised run makes, appended to ``mentions`` or merged into the
        one before it (a role going on, its bracketed acronym, an apposition)."""
        text, lexicon = self.text, self.words.lexicon
        if len(pieces) == 1 and not self.words.is_name(pieces[0]) and not self.words.is_title(pieces[0]):
            if text[start - 1 : start] not in (" ", "\u00a0"):
                return  # "Namun", "Jakarta": a common or place word alone names no one
        begin = preceding_titles(text, start, self.words)
        if begin == start:
            before = _WORD_BEFORE.match(text, max(0, begin - 20), begin)
            if before is not None and before.group(1).casefold() in lexicon.place_prepositions:
                return  # "di Pasar Rebo", "ke Candi Borobudur": a place
        mention = parse_mention(text, begin, end, self.words)
        previous = mentions[-1] if mentions else None
        if previous is not None and text[begin - 1 : begin] == "(" and self._continues_role(previous, begin, None):
            return  # the role's acronym: "(IAKMI)"
        if previous is not None and self._continues_role(previous, begin, mention):
            whole = parse_mention(text, previous.start, end, self.words)
            if whole.name is not None or previous.name is None:
                mentions[-1] = whole
                return
        if previous is not None and self._role_of_previous(previous, begin, mention):
            # "Abdian Saputra, Koordinator Ekajaya Fast Boat, ...": the role of the name before.
            mentions[-1] = Mention(previous.text, previous.start, previous.end, text[begin:end], previous.name)
            return
        mentions.append(mention)

    def _role_of_previous(self, previous: Mention, begin: int, mention: Mention) -> bool:
        return bool(
            previous.role is None
            and previous.name
            and _COMMA.fullmatch(self.text[previous.end : begin])
            and mention.role
            and self.words.is_title(mention.role.split()[0])
            and (mention.name is None or len(previous.name.split()) > 1)
        )

    def _people(self, mentions: list[Mention]) -> list[_Person]:
        """The mentions that name people; a lone name word counts when it belongs to a
        longer name the article gives."""
        name_words = {
            word.casefold()
            for mention in mentions
            if mention.name and len(mention.name.split()) > 1
            for word in mention.name.split()
        }
        return [
            _Person(mention.start, mention.role, mention.name, mention.end)
            for mention in mentions
            if self._is_person(mention) or (mention.name and mention.name.casefold() in name_words)
        ]

    def _after_title(self, position: int) -> bool:
        before = _WORD_BEFORE.match(self.text, max(0, position - 20), position)
        return before is not None and self.words.is_title(before.group(1))

    def _continues_role(self, previous: Mention, begin: int, mention: Mention | None) -> bool:
        """Whether ``mention`` goes on with the role of ``previous``, which has no full name yet."""
        if not self.words.titled(previous.role):
            return False
        gap = self.text[previous.end : begin]
        if previous.name is not None and len(previous.name.split()) > 1:
            # "Menteri Keuangan Sri Mulyani (SMI)": the name is complete, unless a name follows
            # the bracket: "Koordinator Destructive Fishing Watch (DFW) Indonesia Abdi Suhufan".
            if mention is None or "(" not in gap or mention.name is None:
                return False
        if mention is None:
            return self.text[previous.end : begin].strip() == "("
        if mention.role and mention.role[0].isupper() and self.words.is_title(mention.role.split()[0]):
            return False  # "Menteri X dan Menteri Y": two people
        titled_name = mention is not None and bool(mention.role) and (mention.role or " ")[0].islower()
        if not gap.strip() and not titled_name:  # "... Kendari dr Algazali" goes on
            return False
        return _role_gap(self.words.lexicon).fullmatch(gap) is not None

    def mark_speakers(self, mentions: list[Mention]) -> None:
        """Names a cue attributes statements to: the people a pronoun may stand for."""
        if not mentions:
            return
        built = self._build()
        known = set(built.starts)
        self._followers = None
        for mention in mentions:
            if mention.name and (mention.role is None or " " not in mention.name):
                self._short_names.update(mention.name.casefold().split())  # "kata Sri Mulyani"
            if mention.name:
                self._speaker_words.update(word.casefold() for word in mention.name.split())
                if mention.start not in known:  # "ucap Alamsyah": a person even without a title
                    self.people.append(_Person(mention.start, mention.role, mention.name, mention.end))
                    known.add(mention.start)
        built.people.sort(key=lambda person: person.start)
        built.starts = [person.start for person in built.people]

    def person_at(self, start: int, end: int) -> Mention | None:
        """The named person whose mention covers ``text[start:end]``, as the index read it.

        The index reads long roles whole ("Ketua ... (IAKMI) Ede Surya Darmawan"), where a
        clause alone may see only their last piece.
        """
        index = bisect_right(self._starts, start) - 1
        if index < 0:
            return None
        person = self.people[index]
        if person.name is None or person.end < end:
            return None
        return Mention(self.text[person.start : person.end], person.start, person.end, person.role, person.name)

    def _may_speak(self, person: _Person) -> bool:
        """A titled person, or one the article quotes by name; not "Kartu Prakerja" or "Metro Jaya"."""
        if self.words.titled(person.role):
            return True
        return any(word.casefold() in self._speaker_words for word in (person.name or "").split())

    def _is_person(self, mention: Mention) -> bool:
        if mention.name is None:
            return mention.role is not None and self.words.is_title(mention.role.split()[0])
        if mention.role is not None and self.words.is_title(mention.role.split()[0]):
            return True
        return len(mention.name.split()) >= 2

    def mention_at(self, start: int, end: int) -> Mention:
        """The mention written at ``text[start:end]`` (role words and a name, or a pronoun)."""
        return parse_mention(self.text, start, end, self.words)

    def resolve(self, mention: Mention, skip: Sequence[tuple[int, int]] = ()) -> tuple[str | None, str | None]:
        """The fullest name the article gives for ``mention`` and that person's role.

        Without any name, the name is the role. A pronoun resolves to the
        nearest person before it, passing over people inside ``skip`` (the
        content of other statements, whose people are talked about, not talking).
        """
        if mention.pronoun:
            return self.nearest_before(mention.start, skip)
        if mention.name:
            # A bare name ("kata Listyo") is how the text names the speaker; after role words
            # where the name starts is a reading, which _trim may correct.
            return self._fullest(mention.name, mention.start, mention.role, as_written=mention.role is None)
        if mention.role:
            found = self._by_role(mention.role, mention.start)
            return found if found[0] else (mention.role, mention.role)
        return None, None

    def nearest_before(self, position: int, skip: Sequence[tuple[int, int]] = ()) -> tuple[str | None, str | None]:
        """The person mentioned last before ``position``, resolved."""
        found = self.nearest_person(position, skip)
        return (found[1], found[2]) if found else (None, None)

    def nearest_person(
        self, position: int, skip: Sequence[tuple[int, int]] = ()
    ) -> tuple[int, str | None, str | None] | None:
        """Where the person mentioned last before ``position`` is, and their name and role, resolved."""
        index = bisect_left(self._starts, position) - 1
        while index >= 0:
            person = self.people[index]
            index -= 1
            if any(low <= person.start < high for low, high in skip) or not self._may_speak(person):
                continue
            if person.name:
                return (person.start, *self._fullest(person.name, person.start, person.role))
            if person.role:
                found = self._by_role(person.role, person.start)
                if found[0]:
                    return (person.start, *found)
        return None

    def _fullest(
        self, name: str, position: int, role: str | None, *, as_written: bool = False
    ) -> tuple[str, str | None]:
        """The longest name around ``name`` in any capitalised run: "Arifi" -> "Arifi Saiman".

        A short mention is mostly a first name, so the name grows to the right
        over name words, and a little to the left. ``as_written``: ``name`` is how the text
        names the speaker ("kata Listyo"), so the full name keeps it, even where the
        article also writes a word of it in another phrase ("Sigit Riyanto").
        """
        words = name.casefold().split()
        size = len(words)
        best: tuple[int, str, int] | None = None  # words, name, where ``name`` starts in it
        best_after: tuple[int, str, int] | None = None
        runs = self._runs
        for number, at in self._build().where.get(words[0], ()) if words else ():
            start, pieces = runs[number]
            if [piece.casefold() for piece in pieces[at : at + size]] != words:
                continue
            right = at + size
            while right < len(pieces) and right - at < _MAX_NAME_WORDS and self._name_word(pieces, right):
                right += 1
            left = at
            # A surname ("Koster") grows to the left by up to two words, a middle name
            # only over particles and initials ("Ahmed" of "Ahmed Zaki Iskandar");
            # words of the role before the name come off in _trim.
            reach = 2 if right == at + size else 0
            while left > 0 and right - left < _MAX_FULL_NAME and self._name_word(pieces, left - 1):
                if at - left >= reach and not self._particle(pieces[left - 1]):
                    break
                left -= 1
            candidate = (right - left, " ".join(pieces[left:right]), at - left)
            if start < position:
                # The latest earlier full name: "Kim" after "Kim Song" is him; but "Wayan Koster"
                # after "I Wayan Koster" is still the longer one.
                longer = best is not None and f" {candidate[1]} " in f" {best[1]} "
                if candidate[0] > size and not longer:
                    best = candidate
            elif best_after is None or candidate[0] > best_after[0]:
                best_after = candidate
        chosen = (
            best if best is not None and best[0] > size else best_after if best_after and best_after[0] > size else None
        )
        if chosen is None:
            return (name if as_written else self._trim(name)), role
        return self._trim(chosen[1], chosen[2] if as_written else None), role

    def _trim(self, name: str, written_from: int | None = None) -> str:
        """``name`` without the words before it that belong to the role.

        Read from the last word leftwards, a word stays in the name when it is a name
        particle or an initial ("I Wayan Koster", "M Fadjroel Rachman"), or when the
        article never writes it in another capitalised phrase. A word written as a place
        ("di Cilacap") or in another phrase ("Kabupaten Indramayu", "Partai Golkar") names
        the body or place of the role: "Ketua Bawaslu Indramayu Nurhadi" is Nurhadi.
        """
        words = name.split()
        keep = len(words) - 1
        # From ``written_from`` on, the words are the speaker's name as the text writes it
        # ("kata Listyo"), and the name grown to the right of it: they stay.
        if written_from is not None:
            keep = min(keep, written_from)
        while keep > 0:
            word, after = words[keep - 1].casefold(), words[keep].casefold()
            if word in self._places:
                break
            if not self._particle(words[keep - 1]):
                if self._elsewhere().get(word, frozenset()) - {after}:
                    break
            keep -= 1
        return " ".join(words[keep:])

    def _particle(self, word: str) -> bool:
        return word.casefold() in self.words.lexicon.name_particles or self.words.is_initials(word)

    def _elsewhere(self) -> dict[str, frozenset[str]]:
        """Each capitalised word and the words that follow it in phrases of two words or more."""
        if self._followers is None:
            followers: dict[str, set[str]] = {}
            for start, pieces in self._runs:
                if len(pieces) < 2:
                    continue  # a word alone is often a person's short name ("kata Deden")
                folded = [piece.casefold() for piece in pieces]
                if folded[0] in self.words.lowercase and self._opens_sentence(start):
                    folded = folded[1:]  # "Praktis Bima ...": a common word capitalised to open a sentence
                    if len(folded) < 2:
                        continue
                for at, word in enumerate(folded):
                    if at + 1 < len(folded):
                        if folded[at + 1] not in self.words.lexicon.non_name_words:  # not "Anies Rabu"
                            followers.setdefault(word, set()).add(folded[at + 1])
                    elif word not in self._short_names:  # "Menurut Deden": a short name still
                        followers.setdefault(word, set()).add("")
            self._followers = {word: frozenset(after) for word, after in followers.items()}
        return self._followers

    def _opens_sentence(self, position: int) -> bool:
        before = self.text[max(0, position - 3) : position].rstrip(" \u00a0\"”“’'")
        return not before or before[-1] in ".!?\n"

    def _name_word(self, pieces: list[str], at: int) -> bool:
        word = pieces[at]
        if self.words.is_name(word):
            return True
        after_name = at > 0 and self.words.is_name(pieces[at - 1])  # "Mahfud MD", "Bambang PS Brodjonegoro"
        before_name = len(word.rstrip(".")) == 1 and at + 1 < len(pieces) and self.words.is_name(pieces[at + 1])
        return self.words.is_initials(word) and (after_name or before_name)

    def _by_role(self, role: str, position: int) -> tuple[str | None, str | None]:
        role_words = set(role.casefold().split())
        index = bisect_left(self._starts, position) - 1
        while index >= 0:
            person = self.people[index]
            if person.name and person.role and role_words <= person.role_words:
                return self._fullest(person.name, person.start, person.role)
            index -= 1
        return None, None
