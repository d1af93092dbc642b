"""Settings as data: every tunable with its default, its valid range and the help a user sees.

The command line takes its defaults and ranges from here, and the library's defaults read
``default(name)``; the table is checked when it is loaded, so a default out of its own range
fails at import, not halfway through an analysis.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Setting", "SETTINGS", "default", "setting", "SettingError"]


class SettingError(ValueError):
    """A setting's value of the wrong type or outside its range."""


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str
    minimum: float | None = None  # numbers: the smallest valid value
    maximum: float | None = None  # numbers: the largest valid value
    choices: tuple[str, ...] | None = None  # text: the valid values, when they are few

    def check(self, value: Any) -> Any:
        """``value`` if it is valid for this setting; else ``SettingError`` saying why."""
        kind = type(self.default)
        valid_type = (
            (isinstance(value, (int, float)) and not isinstance(value, bool))
            if kind is float
            else isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        )
        if not valid_type:
            raise SettingError(f"{self.name} must be a {kind.__name__}, not {value!r}")
        if self.minimum is not None and value < self.minimum:
            raise SettingError(f"{self.name} must be at least {self.minimum}, not {value!r}")
        if self.maximum is not None and value > self.maximum:
            raise SettingError(f"{self.name} must be at most {self.maximum}, not {value!r}")
        if self.choices is not None and value not in self.choices:
            raise SettingError(f"{self.name} must be one of {', '.join(self.choices)}, not {value!r}")
        return value


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "newstrace.db", "SQLite file that holds the store."),
    Setting("batch_size", 500, "Articles written per transaction during ingest.", minimum=1),
    Setting(
        "max_record_bytes",
        20_000_000,
        "Largest single record or file accepted; larger ones are rejected as too_large.",
        minimum=1,
    ),
    Setting(
        "max_gzip_ratio",
        100,
        "A .gz input may expand to this many times its size (at least max_record_bytes); "
        "beyond that it is rejected as too_large before it fills memory.",
        minimum=1,
    ),
    Setting(
        "max_analysed_chars",
        200_000,
        "Characters of an article's text that analysis reads; longer texts are analysed up to "
        "here, with a note, so one huge record cannot exhaust memory.",
        minimum=1,
    ),
    Setting("min_words", 15, "Articles with fewer clean words are rejected as no_text.", minimum=0),
    Setting(
        "boilerplate_min_articles",
        5,
        "A line recurring in this many articles of one outlet is learned as chrome.",
        minimum=1,
    ),
    Setting(
        "boilerplate_min_share",
        0.02,
        "...and in at least this share of that outlet's articles.",
        minimum=0.0,
        maximum=1.0,
    ),
    Setting("shingle_size", 5, "Words per shingle for MinHash.", minimum=1),
    Setting("num_perm", 128, "MinHash permutations per signature.", minimum=16, maximum=512),
    Setting(
        "story_window_hours",
        168.0,
        "Paraphrases (same story, other words) are sought this many hours either side.",
        minimum=0.0,
    ),
    Setting("story_neighbours", 10, "TF-IDF neighbours checked per new article within the window.", minimum=1),
    Setting("storyline_neighbours", 5, "Neighbours by title and lead checked per new article, any time.", minimum=1),
    Setting("story_min_cosine", 0.1, "Smallest TF-IDF cosine for a neighbour to be checked.", minimum=0.0, maximum=1.0),
    # Off by default (1.0): at 0.3 it cost +30% of the analysis on clickid-dev for +0.01 storyline and
    # -0.05 copy-group F1 there.
    Setting(
        "story_sure_cosine",
        1.0,
        "Neighbours within the window at this TF-IDF cosine or more are always checked "
        "(up to 50 per article), however many the store holds; 1.0 checks only the nearest.",
        minimum=0.0,
        maximum=1.0,
    ),
    Setting(
        "story_min_density",
        0.6,
        "Share of member pairs that must be related for two clusters to form one story.",
        minimum=0.0,
        maximum=1.0,
    ),
    Setting(
        "storyline_min_density",
        0.1,
        "Share of member pairs that must be related for two stories to share a storyline.",
        minimum=0.0,
        maximum=1.0,
    ),
    Setting(
        "lead_characters",
        400,
        "Characters of an article's opening, after its title, that the storyline candidate index reads.",
        minimum=1,
    ),
    Setting(
        "uncertain_below",
        0.6,
        "An origin or a copy edge below this probability is shown as weak evidence (dashed in trees).",
        minimum=0.0,
        maximum=1.0,
    ),
    Setting(
        "claim_workers",
        1,
        "Processes that extract claims while the analysis verifies pairs (0: extract after, in the same process).",
        minimum=0,
    ),
    Setting(
        "match_workers",
        2,
        "Processes that verify candidate pairs side by side (1: in the analysis process).",
        minimum=1,
    ),
    # Command-line defaults.
    Setting("jobs", 1, "Processes used for cleaning.", minimum=1),
    Setting("stories_min_size", 2, "Only stories with this many articles.", minimum=1),
    Setting("stories_limit", 50, "How many stories to list.", minimum=1),
    Setting(
        "serve_host", "127.0.0.1", "Address to listen on; anything but localhost exposes the store to the network."
    ),
    Setting("serve_port", 8765, "Port the web UI listens on.", minimum=1, maximum=65535),
    Setting("demo_db", "newstrace-demo.db", "Store to create for the demo (an existing one is replaced)."),
    Setting(
        "dedup_threshold",
        0.5,
        "Share of the shorter text's 5-word shingles found in the other at which two are duplicates.",
        minimum=0.05,
        maximum=1.0,
    ),
    Setting("dedup_keep", "earliest", "Which article of a cluster to keep.", choices=("earliest", "longest")),
    Setting(
        "dedup_num_perm",
        128,
        "MinHash permutations: 64 halves the memory per article for a little recall.",
        minimum=16,
        maximum=512,
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _validate() -> None:
    if len(_BY_NAME) != len(SETTINGS):
        raise SettingError("two settings share a name")
    for s in SETTINGS:
        s.check(s.default)


_validate()


def setting(name: str) -> Setting:
    """The setting ``name``; a KeyError names the known settings."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown setting {name!r}; known: {', '.join(_BY_NAME)}") from None


def default(name: str) -> Any:
    """The default of setting ``name``; a KeyError names the known settings."""
    return setting(name).default
