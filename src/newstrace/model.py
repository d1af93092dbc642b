"""The data model: every record newstrace reads, stores or returns.

All stages speak these types; the store maps them to tables one to one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

__all__ = [
    "RawInput",
    "Person",
    "CitedSource",
    "Cleaned",
    "Article",
    "Reject",
    "Passage",
    "Relation",
    "RelationKind",
    "Borrowing",
    "CopyEdge",
    "Change",
    "ChangeKind",
]

RelationKind = Literal["copy", "same_story", "related"]
ChangeKind = Literal["added", "removed", "reworded"]


@dataclass(slots=True)
class RawInput:
    """One article's input exactly as read, before any cleaning.

    ``fields`` holds the record's fields already mapped to newstrace names
    (``id``, ``url``, ``outlet``, ``title``, ``published``, ``text``, ``html``,
    ``byline``); ``payload`` is the untouched input (a JSON line, a CSV or Parquet
    row as JSON, a file's or WARC response's decoded content) and is stored verbatim.
    """

    origin: str  # file path, or "-" for stdin
    line: int | None  # 1-based line or row number within origin; None for a whole file
    format: Literal["jsonl", "csv", "txt", "html", "parquet"]
    payload: str
    fields: dict[str, str | None] = field(default_factory=dict)
    # (kind, detail) of what reading changed or could not use, kept with the article.
    notes: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class Person:
    """A byline entry: ``role`` is ``author``, ``editor``, ``reporter`` or ``photographer``."""

    role: str
    name: str


@dataclass(slots=True)
class CitedSource:
    """An external source an article cites, with the words that cite it.

    ``name`` is normalised for grouping ("Mirror", "Express UK", "Twitter");
    ``phrase`` is the citing phrase as it stands in the text ("Mengutip Mirror").
    """

    name: str
    phrase: str


@dataclass(slots=True)
class Cleaned:
    """What cleaning makes of one page: body text plus harvested metadata.

    ``text`` is the clean body, paragraphs separated by one blank line.
    ``removed`` lists the lines dropped as chrome with the reason for each,
    so that nothing is lost silently.
    ``published_from`` says where the time came from: ``record``, ``html`` (page
    metadata), ``page`` (the page's header or footer), ``dateline``, ``url`` or
    ``body`` (only found in the body text, often the event's day).
    ``published_precision`` says what it names: a ``minute``, an ``hour`` or only a
    ``day`` (then ``published`` is midnight and stands for the whole day).
    """

    text: str
    title: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    published_from: str | None = None
    published_precision: str | None = None
    byline: list[Person] = field(default_factory=list)
    dateline: str | None = None
    sources: list[CitedSource] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (line, reason)
    url: str | None = None  # the page's own address (record url, else canonical / og:url)


@dataclass(slots=True)
class Article:
    """A clean article as stored: identity, metadata and clean text.

    ``id`` is the caller's id, else the file name, else the URL, else a hash of
    the content. The same id with different text is kept as a new ``version``.
    ``published_from`` and ``published_precision`` are as in :class:`Cleaned`.
    """

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: datetime | None = None
    published_from: str | None = None
    published_precision: str | None = None
    byline: list[Person] = field(default_factory=list)
    dateline: str | None = None
    sources: list[CitedSource] = field(default_factory=list)
    version: int = 1
    text_hash: str = ""

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]


@dataclass(slots=True)
class Reject:
    """An input that could not become an article, with where and why.

    ``reason`` is a short stable code (``empty``, ``binary``, ``encoding``,
    ``bad_json``, ``bad_csv``, ``no_text``, ``too_large``, ``no_article``,
    ``unreadable``); ``detail`` tells the user what was wrong and what to do.
    """

    origin: str
    line: int | None
    reason: str
    detail: str
    excerpt: str = ""
    payload: str | None = None  # the whole rejected input when it is small enough to keep


@dataclass(slots=True)
class Passage:
    """A run of aligned sentences shared by two articles (0-based, end exclusive)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    text: str  # the passage as it reads in article a
    similarity: float = 1.0  # mean sentence similarity over the run


@dataclass(slots=True)
class Relation:
    """How two articles relate. ``shared_a``/``shared_b``: share of each text reused."""

    a: str
    b: str
    kind: RelationKind
    score: float
    shared_a: float = 0.0
    shared_b: float = 0.0
    passages: list[Passage] = field(default_factory=list)


@dataclass(slots=True)
class Borrowing:
    """``borrower`` reuses these passages of ``source`` without being a version of it.

    A background recap ("Diberitakan sebelumnya, ..."), a shared quote or statement, a digest
    stitched from several reports: partial reuse, kept apart from copies. The borrower is the
    later article. ``share``: share of the borrower's words in the borrowed sentences.
    ``passages`` read as in the borrower (``a_*``: borrower sentences, ``b_*``: source's).
    """

    borrower: str
    source: str
    share: float
    passages: list[Passage] = field(default_factory=list)


@dataclass(slots=True)
class CopyEdge:
    """Provenance inside a copy group: ``child`` most likely derives from ``parent``.

    ``parent`` is None for an origin; an id starting with ``unknown:`` stands for
    an absent common source (a wire story or press release) that siblings copy.
    ``uncertain`` marks a place that publication times cannot confirm: the child (or
    parent) is undated or names only a day that overlaps the other's time, so the
    text alone put it there; for an origin, another version may have come first.
    """

    child: str
    parent: str | None
    confidence: float
    uncertain: bool = False


@dataclass(slots=True)
class Change:
    """One sentence-level change along a copy edge, parent to child."""

    parent: str
    child: str
    kind: ChangeKind
    old: str | None
    new: str | None
    tags: list[str] = field(default_factory=list)
    word_diff: list[tuple[str, str]] = field(default_factory=list)  # (op, words): "=", "-", "+"
