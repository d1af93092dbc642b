"""The adversarial simulator's claim edits change one statement on one copy edge, on the bundled sample."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from adversarial_claims import EDITS, ClaimPlanter  # noqa: E402
from simulate_adversarial import build, load  # noqa: E402

from tests.gold.gate import SAMPLE  # noqa: E402


@pytest.fixture(scope="module")
def planted():
    scenarios, _ = build(load(SAMPLE, "all"), 40, 30, "report", random.Random(3))
    edits = ClaimPlanter(random.Random(8), 0.8).plant(scenarios)
    return scenarios, edits


def test_each_edit_changes_its_copy_and_not_its_parent(planted) -> None:
    scenarios, edits = planted
    docs = {d.id: d for s in scenarios for d in s.docs}
    assert len(edits) >= 20 and {e.kind for e in edits} <= set(EDITS)
    assert {"add_unverified", "add_hedge", "change_via"} <= {e.kind for e in edits}
    for edit in edits:
        parent, child = docs[edit.parent], docs[edit.child]
        assert child.parent == parent.id
        assert edit.anchor in child.sentences
        assert child.sentences != parent.sentences
        if edit.kind in ("add_hedge", "remove_hedge", "change_via"):
            assert edit.anchor not in parent.sentences  # the statement itself was reworded
        else:
            assert edit.anchor in parent.sentences  # the sentence after it changed


def test_later_copies_carry_the_change_so_only_the_planted_edge_differs(planted) -> None:
    scenarios, edits = planted
    docs = {d.id: d for s in scenarios for d in s.docs}
    checked = 0
    for edit in (e for e in edits if e.kind == "add_unverified"):
        child = docs[edit.child]
        added = child.sentences[child.sentences.index(edit.anchor) + 1]
        stack = [d for d in docs.values() if d.parent == child.id]
        while stack:
            later = stack.pop()
            stack += [d for d in docs.values() if d.parent == later.id]
            if edit.anchor in later.sentences and not any(e.child == later.id for e in edits):
                assert added in later.sentences
                checked += 1
    assert checked


def test_planted_changes_are_recorded_for_the_change_scores(planted) -> None:
    scenarios, edits = planted
    recorded = {(p.parent, p.child) for s in scenarios for p in s.planted}
    assert all((e.parent, e.child) in recorded for e in edits)


def test_the_pipeline_links_edited_statements_to_their_parents_and_reports_the_change() -> None:
    from simulate_adversarial import simulate

    claims = simulate(SAMPLE, "all", trees=20, noise=20, seed=5, claim_edits=0.8)["claims"]
    overall = claims["overall"]
    assert overall["edits"] >= 10
    assert overall["claim_link_recall"] >= 0.95
    assert overall["certainty_change_recall"] >= 0.9
