"""The lexicon each language provides, and the union of them that extraction reads."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

__all__ = ["NAME_CONNECTORS", "Lexicon", "alternation", "lexicons", "merged"]

NAME_CONNECTORS = ("bin", "binti", "van", "von", "der", "de", "al", "el", "da", "dos", "du", "le")
"""Lowercase particles inside people's names ("Abu Bakar bin Ali", "Robin van Persie")."""


def alternation(phrases: object) -> str:
    """A regular-expression alternation of ``phrases``, longest first, any run of spaces between words."""
    ordered = sorted(phrases, key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(regex.escape(phrase).replace(r"\ ", r"\s+") for phrase in ordered)


@dataclass(slots=True, frozen=True, eq=False)  # hashed by identity: a cache key
class Lexicon:
    """The words one language uses to attribute, hedge, deny and confirm.

    All entries are lowercase. Hedge and assertion strengths are in [0, 1]: how
    far the word moves a statement away from (hedge) or towards (assertion) a
    plain fact; ``unverified`` phrases are hedges that say outright that nobody
    has checked the statement.
    """

    speech_cues: frozenset[str]  # "kata", "ujar", "said": a cue right next to a quote
    coref_cues: dict[str, str]  # "katanya" -> "kata": the cue with the speaker folded in
    reported_cues: frozenset[str]  # "mengatakan", "menyebut", "said": X CUE (bahwa) ...
    according_to: frozenset[str]  # "menurut", "according to": CUE X, ...
    complementisers: frozenset[str]  # "bahwa", "that"
    pronouns: frozenset[str]  # third-person pronouns that stand for a speaker
    titles: frozenset[str]  # words of roles and titles ("presiden", "juru bicara")
    non_name_words: frozenset[str]  # capitalised words that are not parts of a person's name
    hedges: dict[str, float]
    unverified: dict[str, float]
    assertions: dict[str, float]
    denials: frozenset[str]
    confirmations: frozenset[str]
    refer_back: frozenset[str]  # "laporan ini", "this report": a sentence about the previous one
    platforms: dict[str, str]  # "twitter" -> "Twitter"
    platform_cues: frozenset[str]  # "cuitannya", "postingannya": posts on a platform
    citation_cues: frozenset[str] = frozenset()  # "mengutip", "dilansir": the outlet cites a medium
    media_suffixes: frozenset[str] = frozenset()  # "news", "times": a name ending so is a medium
    place_prepositions: frozenset[str] = frozenset()  # "di", "ke": a place follows, not a person
    role_joiners: frozenset[str] = frozenset()  # "dan", "untuk": a long role goes on after them
    place_openers: frozenset[str] = frozenset()  # "Kabupaten", "warga": the next word names a place or body
    title_ends: frozenset[str] = frozenset()  # "Kota" of "Wali Kota": place openers that also close a title
    derived_noun: str = ""  # a regular expression for nouns made by affixes ("Kepulauan"): never names
    negations: frozenset[str] = frozenset()  # "tidak": "tidak membantah" confirms, "tidak dibenarkan" does not
    not_stance: frozenset[str] = frozenset()  # "penyebaran hoaks", "menepis bola": stance words in another sense
    not_hedge: frozenset[str] = frozenset()  # "sebagaimana dilaporkan": hedge words in another sense
    connectives: frozenset[str] = frozenset()  # "tetapi", "namun": open a sentence, name nobody
    name_particles: frozenset[str] = frozenset()  # "Muhammad", "I", "Raden": lead a name, rarely used alone
    name_openers: frozenset[str] = frozenset()  # "Muhammad", "I": always a name's first word, but after particles
    ranks: frozenset[str] = frozenset()  # "Jenderal", "Kombes": right before the name, initials and all
    heads: frozenset[str] = frozenset()  # "CEO", "pendiri": the body they head comes before the name
    auxiliaries: frozenset[str] = frozenset()  # "sudah", "akan": before a verb, the verb is the predicate
    passive_cues: frozenset[str] = frozenset()  # "disampaikan": the speaker is named after it
    not_predicates: frozenset[str] = frozenset()  # "yang", "dan", "dari": after a name, no verb of its own
    alias_cues: frozenset[str] = frozenset()  # "disapa", "known as": the name a person goes by follows
    argument_openers: frozenset[str] = frozenset()  # "apalagi": the sentence backs the one before
    nickname_cues: frozenset[str] = frozenset()  # "atau": a one-word name the person also goes by follows
    party_words: frozenset[str] = frozenset()  # "pihak", "kubu": a body or someone's camp follows, no person


@cache
def lexicons() -> dict[str, Lexicon]:
    """Each language's lexicon by its ISO 639-1 code."""
    from newstrace.lang import en, id  # noqa: A004 - "id" names the language

    return {"id": id.LEXICON, "en": en.LEXICON}


@cache
def merged() -> Lexicon:
    """Indonesian and English together: Indonesian news quotes English sources verbatim."""
    languages = list(lexicons().values())

    def union_set(name: str) -> frozenset[str]:
        return frozenset().union(*(getattr(lexicon, name) for lexicon in languages))

    def union_map(name: str) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for lexicon in languages:
            result.update(getattr(lexicon, name))
        return result

    return Lexicon(
        speech_cues=union_set("speech_cues"),
        coref_cues=union_map("coref_cues"),
        reported_cues=union_set("reported_cues"),
        according_to=union_set("according_to"),
        complementisers=union_set("complementisers"),
        pronouns=union_set("pronouns"),
        titles=union_set("titles"),
        non_name_words=union_set("non_name_words"),
        hedges=union_map("hedges"),
        unverified=union_map("unverified"),
        assertions=union_map("assertions"),
        denials=union_set("denials"),
        confirmations=union_set("confirmations"),
        refer_back=union_set("refer_back"),
        platforms=union_map("platforms"),
        platform_cues=union_set("platform_cues"),
        citation_cues=union_set("citation_cues"),
        media_suffixes=union_set("media_suffixes"),
        place_prepositions=union_set("place_prepositions"),
        role_joiners=union_set("role_joiners"),
        place_openers=union_set("place_openers"),
        title_ends=union_set("title_ends"),
        negations=union_set("negations"),
        not_stance=union_set("not_stance"),
        not_hedge=union_set("not_hedge"),
        connectives=union_set("connectives"),
        name_particles=union_set("name_particles"),
        name_openers=union_set("name_openers"),
        ranks=union_set("ranks"),
        heads=union_set("heads"),
        auxiliaries=union_set("auxiliaries"),
        passive_cues=union_set("passive_cues"),
        not_predicates=union_set("not_predicates"),
        alias_cues=union_set("alias_cues"),
        argument_openers=union_set("argument_openers"),
        nickname_cues=union_set("nickname_cues"),
        party_words=union_set("party_words"),
        derived_noun="|".join(f"(?:{lexicon.derived_noun})" for lexicon in languages if lexicon.derived_noun),
    )
