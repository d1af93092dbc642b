"""People in an article and who a mention means (mentions themselves: ``mentions``).

A mention resolves to the fullest name the article gives: "Yayan" to an
earlier "Yayan Sopian" or "Lintang" to "Dwi Arsa Lintang Prakoso" set off by commas
earlier, the role "Presiden" to an earlier "Presiden Joko Widodo", and a
pronoun or "-nya" to the most salient person before it (``salience``).
A long role goes on over brackets and joining words ("Ketua Umum Ikatan Ahli
Kesehatan Masyarakat Indonesia (IAKMI) Ede Surya Darmawan"). Where a name
starts is read from how the article uses its words: particles and initials
lead a name ("I Wayan Koster"), while a word the article also writes as a
place or in another phrase belongs to the role ("Ketua Bawaslu Indramayu
Nurhadi").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache

import regex

from newstrace.claims.aliases import alias_table
from newstrace.claims.mentions import (
    MAX_NAME_WORDS,
    WORD_BEFORE,
    Words,
    called_start,
    capitalised_runs,
    heads_body,
    inside,
    made_of_heads,
    name_word,
    opens_name,
    opens_sentence,
    parse_mention,
    places_in_run,
    preceding_titles,
)
from newstrace.claims.model import Mention
from newstrace.claims.people import ArticleRuns, Person
from newstrace.claims.salience import Found, nearest_person
from newstrace.lang import Lexicon, alternation

__all__ = ["Person", "PersonIndex"]

_COMMA = regex.compile(r",[ \u00a0]*")
_MAX_FULL_NAME = 5  # "I Gusti Putu Ngurah Sedana"
_MIN_NICKNAME = 4  # "Mardi"; not "Ari" of "Arifin"


@cache
def _role_gap(lexicon: Lexicon) -> regex.Pattern[str]:
    """What may sit between the pieces of one long role before a name, but a comma.

    Brackets ("Ketua Umum Ikatan Ahli Kesehatan Masyarakat Indonesia (IAKMI) Ede Surya
    Darmawan") and joining words ("Head of Pasarku.id Rina Anggraeni").
    """
    joiners = alternation(lexicon.role_joiners)
    return regex.compile(rf"(?:[ \u00a0]*\([^()\n]{{1,60}}\))*[ \u00a0]*(?:(?:{joiners})[ \u00a0]+)*[ \u00a0]*")


def _bare(mention: Mention) -> bool:
    return mention.role is None and mention.name is not None and " " not in mention.name


class PersonIndex:
    """Every person mention of one article, for resolving later mentions to full names."""

    def __init__(self, text: str, lexicon: Lexicon, exclude: Sequence[tuple[int, int]] = ()) -> None:
        self.text = text
        self.words = Words(lexicon, text)
        self._exclude = exclude
        self._built: ArticleRuns | None = None  # read on first use: most articles quote no one
        self._speaker_words: set[str] = set()
        self._followers: dict[str, frozenset[str]] | None = None
        self._short_names: set[str] = set()  # one-word names statements are attributed to
        self._called: set[str] = set()  # words the text calls a speaker by alone ("kata Hadi")
        self._titled: frozenset[str] | None = None  # name words of titled people
        self._alone_words: frozenset[str] | None = None
        self._aliases: dict[str, Person] | None = None

    @property
    def people(self) -> list[Person]:
        return self._build().people

    @property
    def starts(self) -> list[int]:
        """Where each person's mention starts, in text order."""
        return self._build().starts

    @property
    def speaker_words(self) -> set[str]:
        """The name words of people a cue attributes statements to."""
        return self._speaker_words

    @property
    def _runs(self) -> list[tuple[int, list[str]]]:
        return self._build().runs

    @property
    def _places(self) -> set[str]:
        return self._build().places

    def _build(self) -> ArticleRuns:
        if self._built is not None:
            return self._built
        mentions: list[Mention] = []
        runs: list[tuple[int, list[str]]] = []
        places: set[str] = set()
        for start, end in capitalised_runs(self.text, self.words):
            pieces = self.text[start:end].split()  # the run's tokens ("Yudi P. Santoso")
            places.update(places_in_run(self.text, start, pieces, self.words))
            if inside(self._exclude, start):
                continue
            runs.append((start, pieces))
            self._add_mention(mentions, start, end, pieces)
        people = self._people(mentions)
        where: dict[str, list[tuple[int, int]]] = {}
        for number, (_, pieces) in enumerate(runs):
            for at, piece in enumerate(pieces):
                where.setdefault(piece.casefold(), []).append((number, at))
        known = {person.start for person in people}
        bare = [mention for mention in mentions if mention.start not in known and _bare(mention)]
        self._built = ArticleRuns(people, [person.start for person in people], runs, places, where, bare)
        return self._built

    def _add_mention(self, mentions: list[Mention], start: int, end: int, pieces: list[str]) -> None:
        """The mention a capitalised run makes, appended to ``mentions`` or merged into the
        one before it (a role going on, its bracketed acronym, an apposition)."""
        text, lexicon = self.text, self.words.lexicon
        if len(pieces) == 1 and not self.words.is_name(pieces[0]) and not self.words.is_title(pieces[0]):
            if text[start - 1 : start] not in (" ", "\u00a0"):
                return  # "Namun", "Jakarta": a common or place word alone names no one
        begin = preceding_titles(text, start, self.words)
        if begin == start:
            before = WORD_BEFORE.match(text, max(0, begin - 20), begin)
            if before is not None and before.group(1).casefold() in lexicon.place_prepositions:
                return  # "di Pasar Rebo", "ke Candi Borobudur": a place
            if before is not None and before.group(1).casefold() in lexicon.party_words:
                return  # "pihak Kopikita", "kubu Budi": a body or a camp, not the person
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

    def _people(self, mentions: list[Mention]) -> list[Person]:
        """The mentions that name people; a lone name word counts when it belongs to a
        longer name the article gives, or when a speech cue names its speaker so ("kata Anton")."""
        name_words = {
            word.casefold()
            for mention in mentions
            if mention.name and len(mention.name.split()) > 1
            for word in mention.name.split()
        }
        return [
            Person(mention.start, mention.role, mention.name, mention.end)
            for mention in mentions
            if self._is_person(mention)
            or mention.name
            and (mention.name.casefold() in name_words or mention.role is None and self._after_cue(mention.start))
        ]

    def _after_cue(self, position: int) -> bool:
        """Whether a speech cue stands right before ``position``: "kata Anton", "menurut Anton",
        "ditegaskan Anton"."""
        before = WORD_BEFORE.match(self.text, max(0, position - 20), position)
        lexicon = self.words.lexicon
        if before is None:
            return False
        word = before.group(1)
        return word in lexicon.speech_cues or word in lexicon.according_to or word in lexicon.passive_cues

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
        self._titled = None
        for mention in mentions:
            if mention.name and (mention.role is None or " " not in mention.name):
                self._short_names.update(mention.name.casefold().split())  # "kata Sri Mulyani"
            if mention.name and " " not in mention.name:
                self._called.add(mention.name.casefold())
            if mention.name:
                self._speaker_words.update(word.casefold() for word in mention.name.split())
                if mention.start not in known:  # "ucap Alamsyah": a person even without a title
                    self.people.append(Person(mention.start, mention.role, mention.name, mention.end))
                    known.add(mention.start)
        # A name the text quotes by names that person wherever it stands: "Darmin berharap ...";
        # inside a cue's own mention ("ujar manajer Rina, Tono,") it is that mention.
        spans = sorted((mention.start, mention.end) for mention in mentions)
        for mention in built.bare:
            if mention.start in known or inside(spans, mention.start):
                continue
            if (mention.name or "").casefold() in self._called:
                self.people.append(Person(mention.start, mention.role, mention.name, mention.end))
                known.add(mention.start)
        built.people.sort(key=lambda person: person.start)
        built.starts = [person.start for person in built.people]

    def person_at(self, start: int, end: int) -> Mention | None:
        """The named person whose mention covers ``text[start:end]``, as the index read it.

        The index reads long roles whole ("Ketua ... (IAKMI) Ede Surya Darmawan"), where a
        clause alone may see only their last piece.
        """
        index = bisect_right(self.starts, start) - 1
        if index < 0:
            return None
        person = self.people[index]
        if person.name is None or person.end < end:
            return None
        return Mention(self.text[person.start : person.end], person.start, person.end, person.role, person.name)

    def titled_words(self) -> frozenset[str]:
        """The name words of titled people: a bare mention of one of them is a person."""
        if self._titled is None:
            self._titled = frozenset(
                word.casefold()
                for person in self.people
                if person.name and self.words.titled(person.role)
                for word in person.name.split()
            )
        return self._titled

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
            nearest = nearest_person(self, mention.start, skip)
            return (nearest[1], nearest[2]) if nearest else (None, None)
        if mention.name:
            # A bare name ("kata Listyo") is how the text names the speaker; after role words
            # where the name starts is a reading, which _trim may correct.
            if mention.role is None:
                return self._fullest(mention.name, mention.start, None, as_written=True)
            name = self._as_called(Person(mention.start, mention.role, mention.name, mention.end))
            return self._fullest(name, mention.start, mention.role)
        if mention.role:
            found = self._by_role(mention.role, mention.start)
            return found if found[0] else (mention.role, mention.role)
        return None, None

    def resolved(self, person: Person) -> Found | None:
        """Where ``person`` is mentioned, and their fullest name and role."""
        if person.name:
            # A name that starts clearly ("(MGI) Hasan Mulyadi") keeps the words it is written with.
            clear = person.role is not None and " " in person.name and self._starts_clearly(person, person.name.split())
            return (person.start, *self._fullest(self._as_called(person), person.start, person.role, as_written=clear))
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
        aliased = self._aliased(name, position)
        if aliased is not None:
            return self._fullest(self._as_called(aliased), aliased.start, role or aliased.role)
        words = name.casefold().split()
        size = len(words)
        best: tuple[int, str, int] | None = None  # words, name, where ``name`` starts in it
        best_after: tuple[int, str, int] | None = None
        runs = self._runs
        for number, at in self._build().where.get(words[0], ()) if words else ():
            start, pieces = runs[number]
            if [piece.casefold() for piece in pieces[at : at + size]] != words:
                continue
            candidate = self._grown(pieces, at, size)
            if start < position:
                # The latest earlier full name: "Kim" after "Kim Song" is him; but "Wayan Koster"
                # after "I Wayan Koster" is still the longer one.
                longer = best is not None and f" {candidate[1]} " in f" {best[1]} "
                if candidate[0] > size and not longer and self._grows(candidate, size):
                    best = candidate
            elif best_after is None or candidate[0] > best_after[0]:
                best_after = candidate
        chosen = (
            best if best is not None and best[0] > size else best_after if best_after and best_after[0] > size else None
        )
        introduced = self._introduced(words, position)
        if introduced is not None and (chosen is None or introduced[0] > chosen[0]):
            chosen = introduced
        if chosen is None:
            nicknamed = self._nicknamed(words, position)
            if nicknamed is not None:
                return nicknamed, role
            return (name if as_written else self._trim(name)), role
        return self._trim(chosen[1], chosen[2] if as_written else None), role

    def _aliased(self, name: str, position: int) -> Person | None:
        """The person the article said before ``position`` goes by ``name``: "Ompong" is
        "Teuku Rizal Mahendra" after "..., yang akrab disapa Ompong,"."""
        if self._aliases is None:
            self._aliases = alias_table(self.text, self.words, self.people, self.starts)
        person = self._aliases.get(name.casefold())
        return person if person is not None and person.start < position else None

    def _nicknamed(self, words: list[str], position: int) -> str | None:
        """The full name a one-word nickname is made from, as the article gave it before:
        "Jokowi" of "Joko Widodo", "Mardi" of "Sri Mardiningsih" (the heads of name words)."""
        if len(words) != 1 or len(words[0]) < _MIN_NICKNAME:
            return None
        index = bisect_left(self.starts, position) - 1
        while index >= 0:
            person = self.people[index]
            index -= 1
            pieces = (person.name or "").split()
            if len(pieces) > 1 and made_of_heads(words[0], [piece.casefold() for piece in pieces]):
                return self._trim(person.name or "")
        return None

    def _grows(self, candidate: tuple[int, str, int], size: int) -> bool:
        """Whether a longer name keeps more words than the short one once its role words
        come off: "Sekarwangi Sukamaju Hendra" of "RSUD RA Sekarwangi Sukamaju Hendra" does not."""
        return candidate[0] - candidate[2] > size or len(self._trim(candidate[1], candidate[2]).split()) > size

    def _grown(self, pieces: list[str], at: int, size: int) -> tuple[int, str, int]:
        """The name around ``pieces[at : at + size]`` in one run: its words, the name, and
        where the short name starts in it."""
        right = at + size
        # A body after a title that heads it ("pihak Kopikita" of "CEO Kopikita Budi") is no first name.
        body = heads_body(pieces, at, self.words.lexicon) and size == 1
        while not body and right < len(pieces) and right - at < MAX_NAME_WORDS and name_word(pieces, right, self.words):
            right += 1
        left = at
        # A surname ("Koster") grows to the left by up to two words, a middle name
        # only over particles and initials ("Ahmed" of "Ahmed Zaki Iskandar");
        # words of the role before the name come off in _trim.
        # A name opening with the word the text calls the person by ("ujar Hadi") has its start.
        called = self._called | self.words.spoken
        given = any(piece.casefold() in called for piece in pieces[at : at + size - 1])
        reach = 2 if right == at + size and not given else 0
        while left > 0 and right - left < _MAX_FULL_NAME and name_word(pieces, left - 1, self.words):
            if at - left >= reach and not self._particle(pieces[left - 1]):
                break
            if (
                heads_body(pieces, left - 1, self.words.lexicon)
                and right - left >= 2
                or opens_name(pieces, left, self.words)
            ):
                break
            left -= 1
        return right - left, " ".join(pieces[left:right]), at - left

    def _introduced(self, words: list[str], position: int) -> tuple[int, str, int] | None:
        """The latest name before ``position`` that holds ``words`` and is longer, as the
        index split it from its role: "Lintang" is "Dwi Arsa Lintang Prakoso" after "epidemiolog
        UNTS, Dwi Arsa Lintang Prakoso,". Its words, the name, and where ``words`` start in it."""
        index = bisect_left(self.starts, position) - 1
        while index >= 0 and words:
            person = self.people[index]
            index -= 1
            pieces = (person.name or "").split()
            if len(pieces) <= len(words):
                continue
            folded = [piece.casefold() for piece in pieces]
            for at in range(len(folded) - len(words) + 1):
                if folded[at : at + len(words)] == words and (at == 0 or self._starts_clearly(person, pieces)):
                    return len(pieces), person.name or "", at
        return None

    def _as_called(self, person: Person) -> str:
        """``person``'s name from the word the text calls them by, when a role's run may hide
        in its start (see ``called_start``); a name set off by commas keeps all its words."""
        pieces = (person.name or "").split()
        if len(pieces) < 2 or self._starts_clearly(person, pieces):
            return person.name or ""
        called, last = self._called | self.words.spoken, pieces[-1].casefold()
        if last in called and self._continued(last):
            return pieces[-1]  # "RSUD Soewondo Kendal Bagus" of "kata Bagus", who is "Bagus Pratama"
        return " ".join(pieces[called_start(pieces, called, self.words) :])

    def _starts_clearly(self, person: Person, pieces: list[str]) -> bool:
        """Whether nothing of a role can hide at the start of ``person``'s name: it opens
        with a name particle, or follows a comma, a bracket or a rank ("Jenderal (Pol)
        Raden Prabowo Argo Yuwono", "epidemiolog UNTS, Dwi Arsa Lintang Prakoso", "AKP Dwi
        Hari Santoso"); not "Pimpinan Pusat Jamiyah Nusantara Abdul Karim"."""
        if self._particle(pieces[0]):
            return True
        start = self.text.rfind(pieces[0], person.start, person.end)
        before = self.text[max(0, start - 2) : start].strip()
        rank = WORD_BEFORE.match(self.text, max(0, start - 20), start)
        return (
            not before
            or before[-1] in ",()—"
            or rank is not None
            and rank.group(1).casefold() in self.words.lexicon.ranks
        )

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
            if word in self._places and word not in self.words.spoken:
                break  # "Kabupaten Indramayu"; not "PT Melati Group" of her, who is "kata Melati"
            if not self._particle(words[keep - 1]):
                # Another phrase holding the word is no sign of a role when the text attributes
                # statements to the word itself: "Rudi Hartanto" after "Rudi Hartono, kuasa hukum,
                # ... menyebutkan" and "Rudi menyatakan".
                if self._elsewhere().get(word, frozenset()) - {after} and word not in self._short_names:
                    break
                if self._other_alone(word, words[keep:]):
                    break
            keep -= 1
        return " ".join(words[keep:])

    def _other_alone(self, word: str, rest: list[str]) -> bool:
        """Whether the article writes ``word`` alone and also a word of the name after it:
        the person goes by the latter ("kata Galih"), so "Vestara" alone is a body
        ("pengurus Vestara"), not the same person: "Vestara Galih Surya Permana" is Galih's."""
        alone = self._alone()
        return word in alone and any(piece.casefold() in alone for piece in rest)

    def _alone(self) -> frozenset[str]:
        """The words the article writes as a capitalised word on its own."""
        if self._alone_words is None:
            self._alone_words = frozenset(pieces[0].casefold() for _, pieces in self._runs if len(pieces) == 1)
        return self._alone_words

    def _particle(self, word: str) -> bool:
        return word.casefold() in self.words.lexicon.name_particles or self.words.is_initials(word)

    def _elsewhere(self) -> dict[str, frozenset[str]]:
        """Each capitalised word and the words that follow it in phrases of two words or more."""
        if self._followers is None:
            followers: dict[str, set[str]] = {}
            for start, pieces in self._runs:
                folded = self._phrase(start, pieces)
                # Within a person's full name the words follow each other as that person's, no
                # other phrase: people share given names ("Budi Santoso", "Budi Gunawan").
                name_from = self._name_from(start, pieces) - (len(pieces) - len(folded))
                for at, word in enumerate(folded):
                    if at + 1 < len(folded):
                        if at >= name_from:
                            continue
                        if folded[at + 1] not in self.words.lexicon.non_name_words:  # not "Anies Rabu"
                            followers.setdefault(word, set()).add(folded[at + 1])
                    elif word not in self._short_names and not self._ends_person(start, pieces):
                        # "Menurut Deden": a short name still; "Ketua Subak Ketut Arta": a person's
                        # surname, which another person may share.
                        followers.setdefault(word, set()).add("")
            self._followers = {word: frozenset(after) for word, after in followers.items()}
        return self._followers

    def _continued(self, word: str) -> bool:
        """Whether a run writes ``word`` (folded) followed by another word of a name or phrase."""
        runs, lexicon = self._runs, self.words.lexicon
        return any(
            at + 1 < len(runs[number][1]) and runs[number][1][at + 1].casefold() not in lexicon.non_name_words
            for number, at in self._build().where.get(word, ())
        )

    def _name_from(self, start: int, pieces: list[str]) -> int:
        """Where in the run at ``start`` the full name of a titled person it ends in starts;
        the run's length when it ends in none."""
        end = self.text.find(pieces[-1], start) + len(pieces[-1])
        at = bisect_right(self.starts, end) - 1
        if at < 0:
            return len(pieces)
        person = self.people[at]
        names = (person.name or "").split()
        if person.end != end or len(names) < 2 or not self.words.titled(person.role) or len(names) > len(pieces):
            return len(pieces)
        return len(pieces) - len(names)

    def _ends_person(self, start: int, pieces: list[str]) -> bool:
        """Whether the run at ``start`` ends in the full name of a person the article clearly
        names so: with a name particle ("Ketut Arta"), or after a title and quoted by a
        word of it alone ("kata Arta"); not "Vice President Marketing Sinar Jaya Global"."""
        end = self.text.find(pieces[-1], start) + len(pieces[-1])
        at = bisect_right(self.starts, end) - 1
        if at < 0:
            return False
        person = self.people[at]
        names = (person.name or "").split()
        if person.end != end or len(names) < 2:
            return False
        if any(self._particle(name) for name in names[:-1]):
            return True  # the body's words may run into the name: "Subak Uma Ketut Arta"
        return self.words.titled(person.role) and any(name.casefold() in self._short_names for name in names)

    def _phrase(self, start: int, pieces: list[str]) -> list[str]:
        """A run's words, folded, as a phrase of two or more that may hold a role's words;
        empty for a word alone, often a person's short name ("kata Deden")."""
        folded = [piece.casefold() for piece in pieces]
        if len(pieces) > 1 and opens_sentence(self.text, start) and self._may_be_common(pieces[0]):
            folded = folded[1:]  # "Praktis Bima ...": a common word capitalised to open a sentence
        while folded and self.words.is_title(folded[0]):
            folded = folded[1:]  # "Bupati Dewi": a name after its title, no other phrase
        return folded if len(folded) > 1 else []

    def _may_be_common(self, word: str) -> bool:
        """Whether a word opening a sentence may be a common word: one the text writes in
        lowercase, or any word that neither opens a name nor names a body or role ("Bank")."""
        folded = word.casefold()
        if folded in self.words.lowercase:
            return True
        return not (self._particle(word) or folded in self.words.lexicon.non_name_words or self.words.is_title(word))

    def _by_role(self, role: str, position: int) -> tuple[str | None, str | None]:
        role_words = set(role.casefold().split())
        index = bisect_left(self.starts, position) - 1
        while index >= 0:
            person = self.people[index]
            if person.name and person.role and role_words <= person.role_words:
                return self._fullest(person.name, person.start, person.role)
            index -= 1
        return None, None
