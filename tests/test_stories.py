"""Copy groups hold versions of one text: a page stitched from several reports joins none, and
groups do not chain through one article that copies from two."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from newstrace.model import Relation
from newstrace.stories import group_articles, stitched_articles

T0 = datetime(2019, 9, 12, 8, 0, tzinfo=timezone(timedelta(hours=7)))


def _times(*ids: str) -> dict[str, datetime | None]:
    return {article_id: T0 + timedelta(minutes=10 * k) for k, article_id in enumerate(ids)}


def test_a_round_up_of_two_reports_joins_neither_copy_group() -> None:
    """The round-up carries a third of its text from each report: its link to the first is
    a copy (several whole sentences), to the second a borrowing; the reports' copies link."""
    relations = [
        Relation("a1", "a2", "copy", 0.95, 0.9, 0.9),
        Relation("b1", "b2", "copy", 0.95, 0.9, 0.9),
        Relation("digest", "a1", "copy", 0.6, 0.35, 0.25),
        Relation("digest", "a2", "copy", 0.6, 0.35, 0.25),
        Relation("digest", "b1", "related", 0.3, 0.3, 0.25),
    ]
    assert stitched_articles(relations) == {"digest"}
    groups = group_articles(["a1", "a2", "b1", "b2", "digest"], relations, _times("a1", "a2", "b1", "b2", "digest"))
    assert groups.copy_group["digest"] == "digest"
    assert groups.copy_group["a2"] == "a1" and groups.copy_group["b2"] == "b1"
    # Still the same story as the report it shares most with.
    assert groups.story["digest"] == groups.story["a1"]
    # Two reports' leads, half of the page each: still a round-up, not a version of either.
    halves = [
        Relation("a1", "a2", "copy", 0.95, 0.9, 0.9),
        Relation("digest", "a1", "copy", 0.6, 0.5, 0.3),
        Relation("digest", "b1", "copy", 0.6, 0.5, 0.3),
    ]
    assert stitched_articles(halves) == {"digest"}
    # One report supplies just over half of the page, another two fifths: the page carries a
    # quarter of each report, so it is a version of neither.
    lopsided = [
        Relation("a1", "a2", "copy", 0.95, 0.9, 0.9),
        Relation("digest", "a1", "copy", 0.85, 0.52, 0.24),
        Relation("b1", "digest", "related", 0.3, 0.12, 0.38),
    ]
    assert stitched_articles(lopsided) == {"digest"}


def test_versions_of_one_text_are_not_stitched() -> None:
    """A copy of a copy whose two neighbours share little with each other, and a copy that
    keeps half of its parent and adds its own half, are versions, not round-ups."""
    chain = [
        Relation("a", "b", "copy", 0.9, 0.8, 0.8),
        Relation("b", "c", "copy", 0.9, 0.7, 0.7),
        Relation("c", "d", "copy", 0.6, 0.55, 0.5),
    ]
    assert stitched_articles(chain) == set()
    # 002 of the seeds: a third of it is 000's whole text, the rest its own, and it shares a
    # sentence with the paraphrase 001.
    longer = [
        Relation("000", "002", "copy", 0.99, 0.93, 0.41),
        Relation("002", "004", "copy", 0.98, 0.33, 0.76),
        Relation("000", "004", "copy", 0.99, 0.76, 0.76),
        Relation("001", "002", "same_story", 0.58, 0.15, 0.08),
    ]
    assert stitched_articles(longer) == set()
    # A cut copy (a third of its report, four fifths of itself) with a recap of another report.
    recap = [
        Relation("cut", "report", "copy", 0.9, 0.8, 0.33),
        Relation("cut", "earlier", "related", 0.4, 0.2, 0.1),
    ]
    assert stitched_articles(recap) == set()


def _copy(a: str, b: str, share: float = 0.9) -> Relation:
    return Relation(a, b, "copy", 0.9, share, share)


def test_copy_groups_do_not_chain_through_one_article() -> None:
    # r1 and r2 each have a copy; x is a copy of r1's pair (a majority of it) and of r2 alone.
    ids = ["r1", "r1b", "r2", "r2b", "x"]
    relations = [
        _copy("r1", "r1b"),
        _copy("r2", "r2b"),
        _copy("x", "r1", 0.6),
        _copy("x", "r1b", 0.6),
        _copy("x", "r2", 0.45),
    ]
    groups = group_articles(ids, relations, {}).copy_group
    assert groups["r1"] == groups["r1b"] == groups["x"]
    assert groups["r2"] == groups["r2b"] != groups["r1"]
    # A copy of a copy joins its parent's pair; a chain of four does not become one group.
    trio = group_articles(["a", "b", "c"], [_copy("a", "b"), _copy("b", "c", 0.6)], {})
    assert len(set(trio.copy_group.values())) == 1
    chain = group_articles(
        ["a", "b", "c", "d"], [_copy("a", "b"), _copy("b", "c", 0.6), _copy("c", "d", 0.55)], {}
    ).copy_group
    assert len(set(chain.values())) == 2 and chain["a"] == chain["b"]


def test_a_statement_quoted_elsewhere_is_a_version_not_a_round_up() -> None:
    """``v`` reproduces ``p``'s statement with its own additions; two unrelated reports each
    quote one sentence of that statement. Told which sentences each neighbour shares, those
    quotes are no parts of their own, so ``v`` stays a version and joins ``p``'s group."""
    relations = [
        Relation("v", "p", "copy", 0.8, 0.45, 0.45),
        Relation("v", "q1", "related", 0.3, 0.08, 0.1),
        Relation("v", "q2", "related", 0.3, 0.05, 0.06),
    ]
    assert stitched_articles(relations) == {"v"}  # shares alone cannot tell
    coverage = {"v": {"p": frozenset(range(2, 9)), "q1": frozenset({4}), "q2": frozenset({5})}}
    assert stitched_articles(relations, coverage) == set()
    groups = group_articles(["p", "q1", "q2", "v"], relations, _times("p", "q1", "q2", "v"), coverage=coverage)
    assert groups.copy_group["v"] == groups.copy_group["p"] == "p"
    # A round-up: each report supplies a lead of its own.
    digest = [
        Relation("d", "r1", "copy", 0.6, 0.35, 0.25),
        Relation("d", "r2", "related", 0.3, 0.3, 0.25),
    ]
    parts = {"d": {"r1": frozenset({0, 1, 2}), "r2": frozenset({4, 5})}}
    assert stitched_articles(digest, parts) == {"d"}


def test_reports_of_one_event_supply_one_part() -> None:
    """Two reports of one event that an article draws on are one source set, not two."""
    relations = [
        Relation("v", "p", "copy", 0.8, 0.45, 0.45),
        Relation("v", "s", "same_story", 0.5, 0.2, 0.2),
        Relation("p", "s", "same_story", 0.6, 0.1, 0.1),
    ]
    assert stitched_articles(relations) == set()
    relations[2] = Relation("p", "s", "related", 0.3, 0.1, 0.1)
    assert stitched_articles(relations) == {"v"}
