"""The relation models: three small logistic models calibrated on human judgments (copy, same
story, related), what each reads of a pair's ``PairFeatures`` and the sign its weights are held
to, and ``Thresholds``, the calibrated set stored as ``match_thresholds.json`` (fitted by
``benchmarks/score_labels.py``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from newstrace.algo.passages import DEFAULT_MIN_SIMILARITY
from newstrace.match_features import PairFeatures

__all__ = [
    "COPY_FEATURES",
    "COPY_MIN_COVERAGE",
    "DEFAULT_IMPUTE",
    "EMBED_FEATURES",
    "OPTIONAL_STORY_FEATURES",
    "STORY_FEATURES",
    "LogisticModel",
    "Thresholds",
    "model_inputs",
]

# What each model reads, and the sign its weight is held to: +1 more similar means closer,
# -1 (time apart) the opposite. Fixed signs keep the models monotone, which is what keeps
# them sane on pairs less alike than any judged one.
COPY_FEATURES: dict[str, int] = {
    "shared_max": 1,
    "shared_min": 1,
    "log_run": 1,
    "ngram_containment": 1,
    "log_start": -1,  # versions of one text share their beginning; borrowed background comes late
}
_NO_REUSE_START = 50.0  # stands for "nothing shared" (clipped to the calibrated range anyway)
STORY_FEATURES: dict[str, int] = {
    "tfidf_cosine": 1,
    "title_similarity": 1,
    "lead_cosine": 1,
    "opener_cosine": 1,
    "entity_overlap": 1,
    "lead_entity_overlap": 1,  # held out, it lifts storyline F1 by 0.01-0.02 (score_labels --ablate)
    "number_overlap": 1,
    "date_agreement": 1,
    "log_hours": -1,
    "shared_max": 1,
    "ngram_containment": 1,
}
EMBED_FEATURES: dict[str, int] = {**STORY_FEATURES, "embed_cosine": 1}
# Measures the story models may read; benchmarks/score_labels.py --ablate weighs each on
# held-out pairs, and only those that help there are in STORY_FEATURES.
OPTIONAL_STORY_FEATURES: dict[str, int] = {
    **STORY_FEATURES,
    "rare_entity_overlap": 1,
    "place_overlap": 1,
    "title_overlap": 1,
}

DEFAULT_IMPUTE = {"log_hours": math.log1p(12.0), "embed_cosine": 0.9}


def model_inputs(features: PairFeatures) -> dict[str, float]:
    """The derived measures the models read (``nan`` where unavailable)."""
    return {
        "shared_max": max(features.shared_a, features.shared_b),
        "shared_min": min(features.shared_a, features.shared_b),
        "log_run": math.log1p(features.longest_run),
        "log_start": math.log1p(min(features.reuse_start, _NO_REUSE_START)),
        "ngram_containment": features.ngram_containment,
        "tfidf_cosine": features.tfidf_cosine,
        "title_similarity": features.title_similarity,
        "lead_cosine": features.lead_cosine,
        "opener_cosine": features.opener_cosine,
        "entity_overlap": features.entity_overlap,
        "rare_entity_overlap": features.rare_entity_overlap,
        "lead_entity_overlap": features.lead_entity_overlap,
        "place_overlap": features.place_overlap,
        "title_overlap": features.title_overlap,
        "number_overlap": features.number_overlap,
        "date_agreement": features.date_agreement,
        "log_hours": math.log1p(features.hours_apart),
        "embed_cosine": features.embed_cosine,
    }


@dataclass(frozen=True, slots=True)
class LogisticModel:
    """P(yes) = sigmoid(bias + sum weight * (value - mean) / scale); "yes" when P >= cut.

    Values are first clipped to the range seen in calibration (``low``..``high``): past it
    the judged pairs say nothing, so a pair six days apart counts as one at the window's edge.
    A missing value (nan) takes ``impute``'s value, else the calibration mean (no evidence).
    """

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    cut: float
    low: tuple[float, ...]
    high: tuple[float, ...]

    def probability(self, inputs: Mapping[str, float], impute: Mapping[str, float]) -> float:
        z = self.bias
        for k, name in enumerate(self.features):
            value = inputs[name]
            if math.isnan(value):
                value = impute.get(name, self.mean[k])
            value = min(max(value, self.low[k]), self.high[k])
            z += self.weights[k] * (value - self.mean[k]) / self.scale[k]
        return 0.5 * (1.0 + math.tanh(0.5 * z))  # the logistic function, free of overflow

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "weights": list(self.weights),
            "bias": self.bias,
            "cut": self.cut,
            "low": list(self.low),
            "high": list(self.high),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LogisticModel:
        def floats(key: str) -> tuple[float, ...]:
            return tuple(float(v) for v in data[key])

        return cls(
            features=tuple(data["features"]),
            mean=floats("mean"),
            scale=floats("scale"),
            weights=floats("weights"),
            bias=float(data["bias"]),
            cut=float(data["cut"]),
            low=floats("low"),
            high=floats("high"),
        )


# A copy is a version of the other text: a majority of the shorter text lies in sentences the
# longer one carries. Less is borrowing: a recap, a shared quote, one report's lead in a digest.
COPY_MIN_COVERAGE = 0.5

_MODEL_SLOTS = ("copy", "story", "related", "story_embed", "related_embed")


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The calibrated decision: copy model, then same-story model, then related model.

    ``story_embed``/``related_embed`` replace the plain ones when a pair has an embedding
    cosine and they were calibrated. ``impute`` fills measures a pair lacks (no time).
    """

    copy: LogisticModel
    story: LogisticModel
    related: LogisticModel
    story_embed: LogisticModel | None = None
    related_embed: LogisticModel | None = None
    min_similarity: float = DEFAULT_MIN_SIMILARITY
    copy_min_coverage: float = COPY_MIN_COVERAGE
    impute: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_IMPUTE))
    info: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        models = {name: model.to_json() for name in _MODEL_SLOTS if (model := getattr(self, name)) is not None}
        return {
            "min_similarity": self.min_similarity,
            "copy_min_coverage": self.copy_min_coverage,
            "impute": dict(self.impute),
            "models": models,
            "info": dict(self.info),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Thresholds:
        models = {name: LogisticModel.from_json(m) for name, m in data["models"].items()}
        missing = {"copy", "story", "related"} - set(models)
        if missing:
            raise ValueError(f"thresholds lack the {', '.join(sorted(missing))} model(s)")
        return cls(
            copy=models["copy"],
            story=models["story"],
            related=models["related"],
            story_embed=models.get("story_embed"),
            related_embed=models.get("related_embed"),
            min_similarity=float(data.get("min_similarity", DEFAULT_MIN_SIMILARITY)),
            copy_min_coverage=float(data.get("copy_min_coverage", COPY_MIN_COVERAGE)),
            impute={k: float(v) for k, v in data.get("impute", DEFAULT_IMPUTE).items()},
            info=dict(data.get("info", {})),
        )
