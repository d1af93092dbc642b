"""Settings as data: every tunable with its default and the help a user sees."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Setting", "SETTINGS", "default"]


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "newstrace.db", "SQLite file that holds the store."),
    Setting("batch_size", 500, "Articles written per transaction during ingest."),
    Setting(
        "max_record_bytes",
        20_000_000,
        "Largest single record or file accepted; larger ones are rejected as too_large.",
    ),
    Setting(
        "max_gzip_ratio",
        100,
        "A .gz input may expand to this many times its size (at least max_record_bytes); "
        "beyond that it is rejected as too_large before it fills memory.",
    ),
    Setting(
        "max_analysed_chars",
        200_000,
        "Characters of an article's text that analysis reads; longer texts are analysed up to "
        "here, with a note, so one huge record cannot exhaust memory.",
    ),
    Setting("min_words", 15, "Articles with fewer clean words are rejected as no_text."),
    Setting(
        "boilerplate_min_articles",
        5,
        "A line recurring in this many articles of one outlet is learned as chrome.",
    ),
    Setting(
        "boilerplate_min_share",
        0.02,
        "...and in at least this share of that outlet's articles.",
    ),
    Setting("shingle_size", 5, "Words per shingle for MinHash."),
    Setting("num_perm", 128, "MinHash permutations per signature."),
    Setting("story_window_hours", 168.0,
            "Paraphrases (same story, other words) are sought this many hours either side."),
    Setting("story_neighbours", 10, "TF-IDF neighbours checked per new article within the window."),
    Setting("storyline_neighbours", 5, "Neighbours by title and lead checked per new article, any time."),
    Setting("story_min_cosine", 0.1, "Smallest TF-IDF cosine for a neighbour to be checked."),
    # Off by default (1.0): at 0.3 it cost +30% of the analysis on clickid-dev for +0.01 storyline and
    # -0.05 copy-group F1 there.
    Setting("story_sure_cosine", 1.0,
            "Neighbours within the window at this TF-IDF cosine or more are always checked "
            "(up to 50 per article), however many the store holds; 1.0 checks only the nearest."),
    Setting("story_min_density", 0.6,
            "Share of member pairs that must be related for two clusters to form one story."),
    Setting("storyline_min_density", 0.1,
            "Share of member pairs that must be related for two stories to share a storyline."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def default(name: str) -> Any:
    """The default of setting ``name``; a KeyError names the known settings."""
    try:
        return _BY_NAME[name].default
    except KeyError:
        raise KeyError(f"unknown setting {name!r}; known: {', '.join(_BY_NAME)}") from None
