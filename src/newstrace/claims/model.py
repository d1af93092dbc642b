"""What claim extraction returns: attributed statements with their certainty and stance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Certainty", "Claim", "ClaimKind", "Hedge", "Mention", "Stance"]

ClaimKind = Literal["direct", "reported"]
Certainty = Literal["asserted", "hedged", "unverified", "denied"]
Stance = Literal["denial", "confirmation"]


@dataclass(slots=True, frozen=True)
class Mention:
    """A reference to a person as written, split into its role and its name.

    ``"juru bicara Kremlin Dmitry Peskov"`` is role ``"juru bicara Kremlin"``
    and name ``"Dmitry Peskov"``; a pronoun or ``-nya`` has neither and sets
    ``pronoun``. ``start`` and ``end`` are offsets in the cleaned text.
    """

    text: str
    start: int
    end: int
    role: str | None = None
    name: str | None = None
    pronoun: bool = False


@dataclass(slots=True, frozen=True)
class Hedge:
    """A word that weakens (``kind="hedge"``/``"unverified"``) or strengthens a claim."""

    word: str  # as written
    kind: Literal["hedge", "unverified", "assertion"]
    strength: float  # in [0, 1]
    start: int  # offset in the cleaned text


@dataclass(slots=True)
class Claim:
    """One attributed statement in one article.

    ``quote`` is the statement exactly as printed, without quote marks, at
    ``text[char_start:char_end]``. ``speaker`` is the fullest name the article
    gives for ``speaker_mention``; when only a role is known it is the role.
    ``via`` is the chain the statement came through, innermost first: the
    speaker's medium or platform, then the media the outlet cites
    (``("XSoviet-News", "Twitter", "Mirror")``).
    """

    kind: ClaimKind
    quote: str
    char_start: int
    char_end: int
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_role: str | None = None
    cue: str | None = None
    via: tuple[str, ...] = ()
    certainty: Certainty = "asserted"
    hedges: tuple[Hedge, ...] = ()
    stance: Stance | None = None
    stance_words: tuple[str, ...] = ()

    def chain(self, outlet: str | None = None) -> tuple[str, ...]:
        """Speaker, media and platforms, then the outlet: who said it, through whom, to whom."""
        links = [self.speaker] if self.speaker else []
        links.extend(self.via)
        if outlet:
            links.append(outlet)
        return tuple(links)
