"""Score sentence certainty and stance on the labelled set (benchmarks/data/certainty_id.jsonl).

    PYTHONPATH=src python benchmarks/score_certainty.py            # both parts
    PYTHONPATH=src python benchmarks/score_certainty.py --errors   # also list the fit part's errors

Each sentence is labelled asserted, hedged, denied or confirmed by a reader following
benchmarks/data/CERTAINTY_GUIDELINE.md. The set is split by publication day: ``fit`` (10, 12, 14
September 2019 and the seed pages) is what lexicons and rules are tuned on; ``held_out`` (11 and
13 September) is only scored. Printed per part: per-class precision, recall and F1, macro F1,
accuracy and the confusion matrix (rows gold, columns predicted).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newstrace.claims.certainty import sentence_label  # noqa: E402
from newstrace.lang import merged  # noqa: E402

DEFAULT_DATA = REPO / "benchmarks" / "data" / "certainty_id.jsonl"
LABELS = ("asserted", "hedged", "denied", "confirmed")
TARGET = 0.85


def load(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def predict(sentence: str) -> str:
    return sentence_label(sentence, 0, len(sentence), merged())


def scores(pairs: list[tuple[str, str]]) -> dict[str, object]:
    """Per-class precision/recall/F1, macro F1 and accuracy of (gold, predicted) pairs."""
    per_class: dict[str, dict[str, float]] = {}
    for label in LABELS:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        predicted = sum(1 for _, p in pairs if p == label)
        gold = sum(1 for g, _ in pairs if g == label)
        precision = tp / predicted if predicted else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": precision, "recall": recall, "f1": f1, "support": gold}
    macro = sum(c["f1"] for c in per_class.values()) / len(LABELS)
    accuracy = sum(1 for g, p in pairs if g == p) / len(pairs) if pairs else 0.0
    return {
        "classes": per_class,
        "macro_f1": macro,
        "accuracy": accuracy,
        "confusion": Counter(pairs),
        "count": len(pairs),
    }


def report(part: str, result: dict) -> None:
    print(
        f"\n{part}: {result['count']} sentences, accuracy {result['accuracy']:.3f}, "
        f"macro F1 {result['macro_f1']:.3f} (target {TARGET:.2f} held out)"
    )
    print(f"  {'class':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
    for label, c in result["classes"].items():
        print(f"  {label:<10} {c['precision']:6.3f} {c['recall']:6.3f} {c['f1']:6.3f} {int(c['support']):5d}")
    print("  confusion, rows gold, columns predicted:")
    print(f"  {'':<10}" + "".join(f"{label:>10}" for label in LABELS))
    for gold in LABELS:
        print(f"  {gold:<10}" + "".join(f"{result['confusion'][(gold, p)]:>10}" for p in LABELS))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--errors", action="store_true", help="list the misclassified sentences of the fit part")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    rows = load(args.data)
    figures = {}
    for part in ("fit", "held_out"):
        labelled = [(row, predict(row["sentence"])) for row in rows if row["part"] == part]
        result = scores([(row["label"], predicted) for row, predicted in labelled])
        report(part, result)
        figures[part] = {k: v for k, v in result.items() if k != "confusion"}
        if args.errors and part == "fit":
            for row, predicted in labelled:
                if predicted != row["label"]:
                    print(f"    {row['id']} gold {row['label']:<9} got {predicted:<9} {row['sentence']}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
