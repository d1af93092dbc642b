"""Publication times as the tracer compares them: intervals, not instants.

A time that names a minute is a point; one that names only a day stands for that whole day, so
"Senin (16/9/2019)" neither precedes nor follows 18:40 that Monday. A date found only in the
body (often the day of the event) bounds publication from below and no more; so does the day
in a dateline ("JAKARTA, Senin (16/9/2019) - "), which names the day the report was filed (or
the event's) and which copies carry over from their source verbatim, so that a copy published
days later still shows it. A version with no time at all could sit anywhere. One version is
*certainly later* than another only when the whole of its interval follows the other's.

Ordering (the earliest version of a group) uses the latest moment each interval allows, so a
day never outranks a minute of that same day, and body or dateline dates or no dates come last.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["Span", "span_of", "certainly_later", "certainly_before"]

_WIDTH = {"minute": 0.0, "hour": 3600.0 - 1.0, "day": 86400.0 - 1.0}
# Where a date only says "not before": the body's, and the dateline's carried from the source.
LOWER_BOUND_SOURCES = frozenset({"body", "dateline"})


@dataclass(frozen=True, slots=True)
class Span:
    """The moments (POSIX seconds, both ends included) a version may have been published in."""

    lo: float
    hi: float

    @property
    def key(self) -> float:
        """Ordering key: the latest moment the span allows (``inf`` when open-ended)."""
        return self.hi

    @property
    def dated(self) -> bool:
        """True when the span has an end: a time, not just a lower bound or nothing."""
        return math.isfinite(self.hi)

    @property
    def exact(self) -> bool:
        return self.lo == self.hi


UNDATED = Span(-math.inf, math.inf)


def span_of(published: datetime | None, precision: str | None = "minute", source: str | None = None) -> Span:
    """The span of a publication time with its precision (``minute``, ``hour``, ``day``) and
    source (``body`` and ``dateline`` dates bound it from below only)."""
    if published is None:
        return UNDATED
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    start = published.timestamp()
    if source in LOWER_BOUND_SOURCES:
        return Span(start, math.inf)
    return Span(start, start + _WIDTH.get(precision or "minute", 0.0))


def certainly_later(a: Span, b: Span) -> bool:
    """Every moment of ``a`` follows every moment of ``b``: ``a`` cannot be ``b``'s source."""
    return a.lo > b.hi


def certainly_before(a: Span, b: Span) -> bool:
    """Every moment of ``a`` precedes every moment of ``b``."""
    return a.hi < b.lo
