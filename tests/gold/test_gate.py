"""Quality gate: held-out figures may not silently drop below the floors in baseline.json.

A figure may fall by at most the file's ``tolerance``; the calibration error (``*_ece``) may
rise by at most as much. A change that raises a figure should raise its floor too
(``PYTHONPATH=src python -m tests.gold.gate --write``).
"""

from __future__ import annotations

import json

import pytest

from tests.gold.gate import BASELINE, LABELS, SIMULATION, label_figures, simulated_figures

PINNED = json.loads(BASELINE.read_text("utf-8"))
TOLERANCE = float(PINNED["tolerance"])


def _below_floor(measured: dict[str, float], floors: dict[str, float]) -> list[str]:
    failures = []
    for name, floor in floors.items():
        value = measured[name]
        worse = value > floor + TOLERANCE if name.endswith("_ece") else value < floor - TOLERANCE
        if worse:
            failures.append(f"{name} {value:.4f} (pinned {floor:.4f}, tolerance {TOLERANCE})")
    return failures


def test_baseline_pins_what_the_gate_measures() -> None:
    assert PINNED["simulation_settings"] == SIMULATION
    assert {
        "ari",
        "parent_accuracy",
        "origin_accuracy",
        "change_recall",
        "change_precision",
        "borrow_not_copy",
        "parent_ece",
    } <= set(PINNED["simulation"])
    assert set(PINNED["labels"]) == {"copy_f1", "story_f1", "storyline_f1"}
    assert 0 < TOLERANCE <= 0.05


def test_planted_propagation_figures_hold_their_floors() -> None:
    measured = simulated_figures()
    assert not _below_floor(measured, PINNED["simulation"])


@pytest.mark.skipif(not LABELS.exists(), reason="the human judgments are not beside the repository")
def test_judged_pair_figures_hold_their_floors() -> None:
    measured = label_figures()
    assert not _below_floor(measured, PINNED["labels"])
