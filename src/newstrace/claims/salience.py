"""Who a pronoun or "-nya" stands for: the most salient person before it.

A pronoun ("dia", "ia", "beliau") or a cue with the speaker folded in ("katanya")
means the person the text last made a clause's subject or a speech verb's agent
(``subjects``), not a name mentioned in passing; without one, the nearest person
before it who may speak. A person's mention is read whole by ``PersonIndex`` and
resolved to the fullest name the article gives.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

import regex

from newstrace.claims.subjects import Role, is_subject

if TYPE_CHECKING:
    from newstrace.claims.people import Person
    from newstrace.claims.speakers import PersonIndex

__all__ = ["Found", "acting", "nearest_person", "nearest_subject"]

Found = tuple[int, str | None, str | None]  # where the person is mentioned, their name and role
_APPOSITION = regex.compile(r"(?:[ \u00a0]*\([^()\n]{1,12}\))?,[ \u00a0]*(\p{Ll}+)")
_AGE = regex.compile(r"(?:[ \u00a0]*\([^()\n]{1,12}\))?,")  # "Rina Kusuma (45),": an age may come first


def nearest_person(index: PersonIndex, position: int, skip: Sequence[tuple[int, int]] = ()) -> Found | None:
    """Where the person mentioned last before ``position`` is, and their name and role, resolved."""
    at = bisect_left(index.starts, position) - 1
    while at >= 0:
        person = index.people[at]
        at -= 1
        if _skipped(person, skip) or not _may_speak(index, person):
            continue
        found = index.resolved(person)
        if found is not None:
            return found
    return None


def nearest_subject(index: PersonIndex, position: int, skip: Sequence[tuple[int, int]] = ()) -> Found | None:
    """Where the person made a clause's subject last before ``position`` is, and their
    name and role, resolved: the one a later "-nya" means (see ``subjects``).

    A subject needs no title: the clause shows it is a person who acts or speaks.
    """
    at = bisect_left(index.starts, position) - 1
    while at >= 0:
        person = index.people[at]
        at -= 1
        if _skipped(person, skip) or acting(index, person) is None:
            continue
        found = index.resolved(person)
        if found is not None:
            return found
    return None


def acting(index: PersonIndex, person: Person) -> Role | None:
    """How ``person``'s mention acts in its clause: a speech verb's agent or a clause's subject."""
    role = is_subject(index.text, person.start, max(person.end, person.start), index.words.lexicon)
    if role is None or role == "subject" and not _may_act(index, person):
        return None
    return role


def _skipped(person: Person, skip: Sequence[tuple[int, int]]) -> bool:
    return any(low <= person.start < high for low, high in skip)


def _may_speak(index: PersonIndex, person: Person) -> bool:
    """A titled person, or one the article quotes by name; not "Kartu Prakerja" or "Metro Jaya"."""
    if index.words.titled(person.role):
        return True
    return any(word.casefold() in index.speaker_words for word in (person.name or "").split())


def _may_act(index: PersonIndex, person: Person) -> bool:
    """A person who may be a clause's subject: one who may speak, a full name with a role,
    or one named by a word of a titled person's name ("Sukirman" after "mantan Kepala
    ... Sukirman"); not "Elang Air" nor "Green Leaf"."""
    words = (person.name or "").split()
    if _may_speak(index, person) or _set_off(index, person) or _described(index, person):
        return True
    if person.role and len(words) > 1:
        return True  # a full name after its role: "Ketua ... (Orkot) Jawa Barat Sutrisno Hadi"
    titled = index.titled_words()
    return bool(words) and all(word.casefold() in titled for word in words)


def _set_off(index: PersonIndex, person: Person) -> bool:
    """A full name set off by commas after its role, or opening its sentence before one: "Pengajar
    sosiologi UNTS, Darto Wibisono, mengapresiasi ...", "Rina Kusuma (45), pedagang sayur,
    mengaku ...": a person introduced by what they do, titled or not."""
    if person.role is not None or len((person.name or "").split()) < 2:
        return False
    text = index.text
    before = text[max(0, person.start - 2) : person.start].rstrip(" \u00a0")
    return (not before or before[-1] in ",.") and _AGE.match(text, person.end) is not None


def _described(index: PersonIndex, person: Person) -> bool:
    """A full name with its role set off after it: "dialami Lina Marlina, guru honorer di Kupang":
    a person introduced by what they do."""
    if len((person.name or "").split()) < 2:
        return False
    after = _APPOSITION.match(index.text, person.end)
    return after is not None and index.words.is_title(after.group(1))
