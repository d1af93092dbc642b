"""A person mention as the person index reads it, and what the index reads of an article."""

from __future__ import annotations

from dataclasses import dataclass

from newstrace.claims.model import Mention

__all__ = ["ArticleRuns", "Person"]


@dataclass(slots=True, frozen=True)
class Person:
    """One person mention as the index read it: where it is, its role and its name."""

    start: int
    role: str | None  # as written
    name: str | None
    end: int = -1

    @property
    def role_words(self) -> set[str]:
        return set(self.role.casefold().split()) if self.role else set()


@dataclass(slots=True)
class ArticleRuns:
    """What the index reads of an article once: its people and its capitalised runs."""

    people: list[Person]
    starts: list[int]
    runs: list[tuple[int, list[str]]]  # every capitalised run and its words
    places: set[str]  # words the article writes after "di", "Kabupaten" and the like
    where: dict[str, list[tuple[int, int]]]  # a run word, folded: which runs hold it, at which word
    bare: list[Mention]  # mentions of one name word alone that are no person by themselves
