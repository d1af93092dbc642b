"""What a near-duplicate candidate stage is measured by: this process's resident memory (the
peak of one stage alone, on Linux) and the recall of the planted (original, copy) pairs.
"""

from __future__ import annotations

import os
import resource

import numpy as np


def current_rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def reset_peak_rss() -> bool:
    """Forget the peak RSS so far (Linux clear_refs 5), so only the stage counts."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
        return True
    except OSError:
        return False


def peak_rss_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def recall(pairs: np.ndarray, planted: np.ndarray, n_docs: int) -> tuple[float, float]:
    """(share of planted pairs found as a pair, share in the same connected component)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if planted.size == 0:
        return float("nan"), float("nan")
    encoded_pairs = np.unique(np.minimum(pairs[:, 0], pairs[:, 1]) * n_docs + np.maximum(pairs[:, 0], pairs[:, 1]))
    encoded_planted = np.minimum(planted[:, 0], planted[:, 1]) * n_docs + np.maximum(planted[:, 0], planted[:, 1])
    direct = float(np.isin(encoded_planted, encoded_pairs).mean())
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n_docs, n_docs))
    _, labels = connected_components(graph, directed=False)
    clustered = float((labels[planted[:, 0]] == labels[planted[:, 1]]).mean())
    return direct, clustered
