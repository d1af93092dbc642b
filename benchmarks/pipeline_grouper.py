"""newstrace's own matcher as a grouper for simulate_propagation.py.

    python benchmarks/simulate_propagation.py --grouper pipeline_grouper:copy_groups

Runs the same stages as ``newstrace analyze`` on the simulated documents (MinHash LSH
candidates, verification with the calibrated relation models, copy groups by majority linkage of
copy relations), so the ARI scores the real pipeline rather than a stand-in.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from newstrace.algo.lsh import LshConfig, LshIndex, band_keys  # noqa: E402
from newstrace.algo.minhash import MinHasher  # noqa: E402
from newstrace.algo.shingles import batch_shingle_hashes  # noqa: E402
from newstrace.match import TfidfIndex, relate  # noqa: E402
from newstrace.match_doc import MatchDoc  # noqa: E402
from newstrace.stories import group_articles  # noqa: E402


def copy_groups(docs: dict[str, list[str]]) -> list[list[str]]:
    ids = list(docs)
    values, offsets = batch_shingle_hashes([" ".join(docs[i]) for i in ids])
    signatures = MinHasher().signatures(values, offsets)
    config = LshConfig()
    index = LshIndex(config)
    index.add(np.arange(len(ids), dtype=np.int64), band_keys(signatures, config))
    match_docs = [MatchDoc.build(i, None, docs[i]) for i in ids]
    tfidf = TfidfIndex.from_docs(match_docs)
    relations = [
        r for a, b in index.candidate_pairs() if (r := relate(match_docs[a], match_docs[b], index=tfidf)) is not None
    ]
    groups = group_articles(ids, relations, {})
    members: dict[str, list[str]] = {}
    for article_id, group in groups.copy_group.items():
        members.setdefault(group, []).append(article_id)
    return list(members.values())
