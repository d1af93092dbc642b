"""The banding of a MinHash signature that best separates pairs above a similarity
threshold from those below it."""

from __future__ import annotations

import numpy as np

__all__ = ["optimal_bands"]

_GRID_POINTS = 2001


def optimal_bands(
    threshold: float,
    num_perm: int,
    false_positive_weight: float = 0.5,
    false_negative_weight: float = 0.5,
) -> tuple[int, int]:
    """``(bands, rows)`` with ``bands * rows <= num_perm`` minimising the weighted
    area of false positives (below ``threshold``) and false negatives (above)
    under the S-curve ``1 - (1 - s**rows)**bands``: the criterion of datasketch's
    ``MinHashLSH``, integrated on a fixed grid instead of adaptively.
    """
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"threshold must lie strictly between 0 and 1, got {threshold}")
    if num_perm < 1:
        raise ValueError(f"num_perm must be positive, got {num_perm}")
    pairs = np.array(
        [(bands, rows) for bands in range(1, num_perm + 1) for rows in range(1, num_perm // bands + 1)],
        dtype=np.float64,
    )
    bands, rows = pairs[:, :1], pairs[:, 1:]
    below = np.linspace(0.0, threshold, _GRID_POINTS)[None, :]
    above = np.linspace(threshold, 1.0, _GRID_POINTS)[None, :]
    false_positive = np.trapezoid(1.0 - (1.0 - below**rows) ** bands, below, axis=1)
    false_negative = np.trapezoid((1.0 - above**rows) ** bands, above, axis=1)
    error = false_positive * false_positive_weight + false_negative * false_negative_weight
    best = int(np.argmin(error))
    return int(pairs[best, 0]), int(pairs[best, 1])
