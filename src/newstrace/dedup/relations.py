"""What each dropped article shares with the article kept in its place: the relation the
``newstrace dedup`` output implies, measured with the analysis's own pair kernels
(``match.compare``: shared passages, the copy model).

One row per dropped article, never all pairs of a cluster, so the output grows with the input.
``kind`` is ``copy`` when the copy model calls the pair a copy (it reads shared-text evidence
only, as in ``newstrace analyze``), ``borrowing`` when the two share passages without being
copies, and null when they share no passage. Same-story and related relations are not
judged: they need corpus word weights that a dedup run has no store for.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from newstrace.dedup.core import REASONS

__all__ = ["RELATION_FIELDS", "published_time", "relate_to_representative", "relations_of_output"]

RELATION_FIELDS = ("a", "b", "dup_reason", "similarity", "kind", "score", "shared_a", "shared_b", "passages")


def published_time(value: object) -> datetime | None:
    """An output record's ``published`` as an aware time (naive read as UTC), or None."""
    from newstrace.dedup.run import epoch

    seconds = epoch(value) if isinstance(value, str) else None
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


def relate_to_representative(
    article: Mapping[str, Any], representative: Mapping[str, Any], reason: int, similarity: float
) -> dict[str, Any]:
    """The relation row of a dropped ``article`` (an output record without the dedup fields
    or with them) to its ``representative``; ``reason`` and ``similarity`` as in the output."""
    from newstrace.clean import split_sentences
    from newstrace.match import classify, default_thresholds
    from newstrace.match_doc import MatchDoc
    from newstrace.match_features import pair_features

    a, b = (
        MatchDoc.build(
            r["id"],
            r.get("title"),
            split_sentences(r["text"]),
            published=published_time(r.get("published")),
            outlet=r.get("outlet"),
        )
        for r in (article, representative)
    )
    thresholds = default_thresholds()
    features = pair_features(a, b, min_similarity=thresholds.min_similarity)  # no corpus index: count cosines
    kind, score = classify(features, thresholds)
    is_copy = kind == "copy"
    return {
        "a": a.id,
        "b": b.id,
        "dup_reason": REASONS[reason],
        "similarity": round(similarity, 4),
        "kind": "copy" if is_copy else "borrowing" if features.passages else None,
        "score": round(score, 4) if is_copy else None,
        "shared_a": round(features.shared_a, 4),
        "shared_b": round(features.shared_b, 4),
        "passages": json.dumps(
            [[p.a_start, p.a_end, p.b_start, p.b_end, p.text, p.similarity] for p in features.passages],
            ensure_ascii=False,
        ),
    }


def relations_of_output(records: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """The relation rows of a ``newstrace dedup`` output, in its order."""
    records = list(records)
    kept = {r["id"]: r for r in records if r["keep"]}
    for record in records:
        if not record["keep"]:
            yield relate_to_representative(
                record, kept[record["dup_cluster"]], REASONS.index(record["dup_reason"]), float(record["similarity"])
            )
