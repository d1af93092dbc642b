"""Fit the calibration of the tracer's stated confidences on the FIT part of the adversarial
simulator, and write it into the package (``src/newstrace/confidence_calibration.json``).

For each seed, copy trees are planted from the fit part (other days, other outlets than the
report part), analysed with calibration switched off, and every stated parent-edge and origin
confidence is paired with whether the answer was right. An isotonic regression per kind
(``scipy.optimize.isotonic_regression``) maps raw share to observed accuracy; its blocks become
the knots of a monotone piecewise-linear map. Report on ``--part report`` afterwards:

  PYTHONPATH=src python benchmarks/fit_confidence.py --seeds 11 12 13
  PYTHONPATH=src python benchmarks/simulate_adversarial.py --part report --seed 11
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path
from unittest import mock

import numpy as np
from scipy.optimize import isotonic_regression

sys.path.insert(0, str(Path(__file__).resolve().parent))

from adversarial_score import confidence_pairs, reliability  # noqa: E402
from simulate_adversarial import DEFAULT_DATA, build, load, pipeline_prediction, run_pipeline  # noqa: E402

from newstrace import confidence  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "src" / "newstrace" / confidence.CALIBRATION_FILE


def raw_pairs(data: Path, trees: int, noise: int, seed: int) -> dict[str, list[tuple[float, bool]]]:
    """(raw stated probability, right) per kind, from one simulated fit-part store."""
    rng = random.Random(seed)
    scenarios, noise_docs = build(load(data, "fit"), trees, noise, "fit", rng)
    records = [d.record() for d in [d for s in scenarios for d in s.docs] + noise_docs]
    rng.shuffle(records)
    with tempfile.TemporaryDirectory() as tmp, mock.patch.object(confidence, "calibration", dict):
        store, _ = run_pipeline(records, Path(tmp))
        with store:
            return confidence_pairs(scenarios, noise_docs, pipeline_prediction(store))


def isotonic_map(pairs: list[tuple[float, bool]], min_block: int = 10) -> tuple[list[float], list[float]]:
    """Knots (mean raw share of each isotonic block) and the block's observed accuracy.
    Equal raw shares are pooled first, and blocks thinner than ``min_block`` pairs are
    merged into a neighbour so that a few stray answers do not make a knot."""
    raw = np.array([p for p, _ in pairs])
    right = np.array([float(ok) for _, ok in pairs])
    values, inverse, counts = np.unique(np.round(raw, 4), return_inverse=True, return_counts=True)
    mean_right = np.bincount(inverse, weights=right) / counts
    fitted = isotonic_regression(mean_right, weights=counts.astype(float), increasing=True).x
    blocks: list[list[int]] = []
    for k in range(len(values)):
        if blocks and abs(fitted[k] - fitted[blocks[-1][-1]]) < 1e-12:
            blocks[-1].append(k)
        else:
            blocks.append([k])
    merged: list[list[int]] = []
    for block in blocks:
        if merged and sum(counts[k] for k in merged[-1]) < min_block:
            merged[-1].extend(block)
        else:
            merged.append(block)
    if len(merged) > 1 and sum(counts[k] for k in merged[-1]) < min_block:
        merged[-2].extend(merged.pop())
    knots, accuracy = [], []
    for block in merged:
        w = counts[block].astype(float)
        knots.append(round(float(np.average(values[block], weights=w)), 4))
        accuracy.append(round(float(np.average(mean_right[block], weights=w)), 4))
    return knots, accuracy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seeds", type=int, nargs="+", default=[11, 12, 13])
    parser.add_argument("--trees", type=int, default=100)
    parser.add_argument("--noise", type=int, default=300)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    pooled: dict[str, list[tuple[float, bool]]] = {}
    for seed in args.seeds:
        for kind, pairs in raw_pairs(args.data, args.trees, args.noise, seed).items():
            pooled.setdefault(kind, []).extend(pairs)
        print(f"seed {seed}: " + ", ".join(f"{k} {len(v)}" for k, v in pooled.items()), flush=True)
    maps = {}
    for kind, pairs in pooled.items():
        knots, accuracy = isotonic_map(pairs)
        maps[kind] = {"raw": knots, "calibrated": accuracy}
        mapped = [(float(np.interp(p, knots, accuracy)), ok) for p, ok in pairs]
        print(
            f"{kind}: {len(pairs)} pairs on the fit part, ECE raw {reliability(pairs)[1]:.3f}, "
            f"mapped {reliability(mapped)[1]:.3f} (in-sample); {len(knots)} knots"
        )
    document = {
        "fitted_by": "benchmarks/fit_confidence.py",
        "part": "fit",
        "seeds": args.seeds,
        "trees": args.trees,
        "noise": args.noise,
        "maps": maps,
    }
    args.out.write_text(json.dumps(document, indent=1) + "\n", "utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
