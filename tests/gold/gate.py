"""The quality gate's measurements, on bundled data only.

A small adversarial simulation (``benchmarks/simulate_adversarial.py`` planted in the bundled
CLICK-ID sample) and the relation stage against the human judgments of the sample's pairs
(``benchmarks/score_labels.py``; the judgments live beside the repository in
``../shared/data/labels-dev.jsonl``, or where ``NEWSTRACE_LABELS`` points; that part is skipped
where they are absent).

``baseline.json`` pins the figures as floors (the expected calibration error as a ceiling).
After a change that raises them, write the new floors with

    PYTHONPATH=src python -m tests.gold.gate --write
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import newstrace  # noqa: E402

SAMPLE = Path(newstrace.__file__).parent / "sample" / "clickid-sample.jsonl"
LABELS = Path(os.environ.get("NEWSTRACE_LABELS", REPO.parent / "shared" / "data" / "labels-dev.jsonl"))
BASELINE = Path(__file__).with_name("baseline.json")
SIMULATION = {"trees": 30, "noise": 70, "seed": 5}
SIMULATED = (
    "ari",
    "parent_accuracy",
    "origin_accuracy",
    "change_recall",
    "change_precision",
    "change_recall_end_to_end",
    "borrow_not_copy",
)


def simulated_figures() -> dict[str, float]:
    """Overall figures of newstrace on a small planted sample, and the calibration error of
    its stated parent confidence."""
    from simulate_adversarial import simulate

    result = simulate(SAMPLE, "all", **SIMULATION)
    overall = result["newstrace"]["overall"]
    figures = {name: float(overall[name]) for name in SIMULATED}
    figures["parent_ece"] = float(result["calibration"]["parent"]["ece"])
    return figures


def label_figures(labels: Path = LABELS) -> dict[str, float]:
    """F1 of copy, story and storyline on the judged pairs, TF-IDF fitted on the sample."""
    from score_labels import build_docs, level_scores, measure, predict_all

    from newstrace.match import TfidfIndex, default_thresholds

    records = [json.loads(line) for line in SAMPLE.open(encoding="utf-8")]
    judgments = [json.loads(line) for line in labels.open(encoding="utf-8")]
    docs = build_docs(records, workers=1)
    with contextlib.redirect_stdout(io.StringIO()):
        judged = measure(judgments, docs, TfidfIndex.from_docs(docs), embed=False)
    predicted = predict_all(judged, default_thresholds())
    scores = level_scores(predicted, [j.label for j in judged])
    return {f"{level}_f1": round(f1, 4) for level, (_, _, f1) in scores.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the quality gate's figures")
    parser.add_argument("--write", action="store_true", help="pin the measured figures in baseline.json")
    args = parser.parse_args(argv)
    current = json.loads(BASELINE.read_text("utf-8")) if BASELINE.exists() else {}
    measured = {"simulation": {k: round(v, 4) for k, v in simulated_figures().items()}}
    if LABELS.exists():
        measured["labels"] = label_figures()
    print(json.dumps(measured, indent=1))
    if args.write:
        current.update(measured)
        current.setdefault("tolerance", 0.02)
        current["simulation_settings"] = SIMULATION
        BASELINE.write_text(json.dumps(current, indent=1) + "\n", "utf-8")
        print(f"wrote {BASELINE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
