"""How sure the tracer is: raw shares from the tree scores, and their calibration.

A parent edge's raw confidence is the softmax share of the chosen parent's weight among every
feasible parent of the child; an origin's is the softmax share of its best tree among every
origin hypothesis tried. Both are scores in log-odds-like units, not frequencies: the edit
costs were set by hand, so a raw share of 0.97 need not be right 97 times in 100.

Calibration maps each raw share to the accuracy observed at that share on held-out simulated
copy trees (``benchmarks/fit_confidence.py`` fits the maps by isotonic regression on one part
of the data, by day and outlet, and writes ``confidence_calibration.json``). Between knots the map is linear;
it is monotone, so a more confident raw answer is never stated as less likely.
Pure functions; no I/O.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from newstrace.trace import TraceConfig

__all__ = ["calibration", "calibrate", "calibrated_alternatives", "edge_shares", "origin_shares"]

CALIBRATION_FILE = "confidence_calibration.json"


@cache
def calibration() -> dict[str, tuple[list[float], list[float]]]:
    """kind -> (raw knots, calibrated values), as shipped with the package."""
    text = resources.files("newstrace").joinpath(CALIBRATION_FILE).read_text("utf-8")
    maps = json.loads(text)["maps"]
    return {kind: (table["raw"], table["calibrated"]) for kind, table in maps.items()}


def calibrate(kind: str, raw: float) -> float:
    """The probability a raw share of ``kind`` (``parent`` or ``origin``) stands for; the raw
    share itself when no map is fitted for that kind."""
    table = calibration().get(kind)
    if not table:
        return raw
    knots, values = table
    return float(np.interp(raw, knots, values))


def calibrated_alternatives(
    chosen_raw: float, chosen: float, others: list[tuple[str, float]]
) -> list[tuple[str, float]]:
    """The other hypotheses' raw shares rescaled to split what the calibrated choice leaves."""
    rest = 1.0 - chosen_raw
    scale = (1.0 - chosen) / rest if rest > 1e-9 else 0.0
    return [(name, min(1.0, p * scale)) for name, p in others]


def edge_shares(weights: np.ndarray, parents: list[int], dates: list[float], config: TraceConfig) -> list[float]:
    """Softmax share of each chosen parent's weight among every feasible parent of the child,
    the rest of the tree held fixed: the other versions and the unknown source (at its prior
    cost); for the origin, having no parent at all against each version it could copy."""
    n = len(dates)
    unknown, top = n, n + 1
    earliest = min(range(n), key=lambda v: (dates[v], v))
    origin = next((v for v in range(n) if parents[v] == top), None)
    out: list[float] = []
    for child in range(n):
        options = weights[:n, child].copy()
        if origin is not None:
            options[origin] += config.origin_child_bonus
        source = weights[unknown, child] - config.unknown_source
        if origin is None:  # the unknown source is the origin and earns the origin's bonus
            source += config.origin_child_bonus
        if child == origin:
            alone = -config.origin_not_earliest if (child != earliest and math.isfinite(dates[earliest])) else 0.0
            chosen_weight = alone
        else:
            alone = -np.inf
            chosen_weight = source if parents[child] == unknown else options[parents[child]]
        every = np.append(options, [source, alone])
        every = every[np.isfinite(every)]
        best = max(every.max(), chosen_weight)
        share = np.exp((chosen_weight - best) / config.temperature) / np.exp((every - best) / config.temperature).sum()
        out.append(float(min(1.0, share)))
    return out


def origin_shares(totals: Mapping[int, float], chosen: int, config: TraceConfig) -> dict[int, float]:
    """Softmax of each origin hypothesis's best tree score (log-odds-like units)."""
    if chosen not in totals:
        return {chosen: 1.0}
    keys = [k for k, v in totals.items() if math.isfinite(v)]
    scores = np.array([totals[k] for k in keys]) / config.temperature
    weights = np.exp(scores - scores.max())
    return {k: float(w) for k, w in zip(keys, weights / weights.sum())}
