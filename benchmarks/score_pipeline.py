"""Score the whole pipeline, end to end, against the human judgments in labels-dev.jsonl.

Unlike score_labels.py (which measures the relation stage on the judged pairs directly), this
ingests all of clickid-dev into a fresh store, runs `analyze` exactly as a user would
(candidate generation included, so a pair the candidate stages never propose counts as
unrelated), and scores what the store says about each judged pair, both as a pairwise
relation and as group membership:

* copy:      relation copy, or same copy group        vs label copy
* story:     relation copy/same_story, or same story  vs label copy or same_story
* storyline: any relation, or same storyline          vs any label but unrelated

    python benchmarks/score_pipeline.py [--data DIR] [--db FILE]
    python benchmarks/score_pipeline.py --split day     # held out by publication day
    python benchmarks/score_pipeline.py --split outlet  # held out by outlet (one fold per outlet)
    python benchmarks/score_pipeline.py --split outlet --errors  # and list each wrong pair

The shipped relation models were calibrated on these very labels, so the plain run is
in-sample. ``--split day`` holds out by day: the judged pairs whose query was published on
2019-09-10 form one fold, the later days the other; for each fold the models are refitted on
the other fold's pairs (benchmarks/score_labels.py), the whole pipeline runs with them, and
only the fold's own pairs are scored; the two folds' predictions are pooled. ``--split outlet``
does the same with one fold per outlet of the judged pairs' queries, fitted on the pairs with no
article of that outlet (``score_labels.folds``).

``--errors`` lists every pair the relation verdict gets wrong at some level (false positives and
negatives), with both titles, outlets and times, whether the candidate stages proposed the pair,
the relation the store holds, and the measures the relation models read with each model's
probability and cut (the models of the pair's own fold). The measures are those of
``score_labels`` (TF-IDF weights from the whole corpus); the pipeline's own index covers the
time window, so a cosine can differ a little.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newstrace import Store, ingest  # noqa: E402
from newstrace.match_models import Thresholds  # noqa: E402
from newstrace.pipeline import analyze  # noqa: E402

LEVELS = {"copy": {"copy"}, "story": {"copy", "same_story"}, "storyline": {"copy", "same_story", "related"}}
GROUP_OF = {"copy": "copy_group", "story": "story", "storyline": "storyline"}
TARGETS = {"copy": 0.95, "story": 0.85, "storyline": 0.90}


def prf(pred: list[bool], gold: list[bool]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


Verdicts = dict[str, tuple[list[bool], list[bool]]]  # level -> (by relation, by group), per label


@dataclass
class Outcome:
    """What the store says about each judged pair, and which pairs the candidate stages proposed."""

    verdicts: Verdicts
    kinds: list[str]  # the stored relation of each judged pair ("" for none)
    proposed: list[bool]


def _proposed_pairs() -> set[tuple[str, str]]:
    """Record every pair the analysis verifies (the pairs its staged verdicts are saved for)."""
    import newstrace.store.analysis as analysis_db

    checked: set[tuple[str, str]] = set()
    save = analysis_db.StagedResults.save

    def recording(staged: analysis_db.StagedResults, pairs: Iterable[tuple[str, str]]) -> None:
        pairs = list(pairs)
        checked.update(tuple(sorted(p)) for p in pairs)  # type: ignore[misc]
        save(staged, pairs)

    analysis_db.StagedResults.save = recording  # type: ignore[method-assign]
    return checked


def run_and_read(db: Path, labels: list[dict]) -> Outcome:
    """Analyse ``db`` and read what it says about each judged pair, per level."""
    import newstrace.store.analysis as analysis_db

    save = analysis_db.StagedResults.save
    checked = _proposed_pairs()
    t1 = time.perf_counter()
    try:
        report = analyze(db)
    finally:
        analysis_db.StagedResults.save = save  # type: ignore[method-assign]
    print(
        f"analyze {time.perf_counter() - t1:.1f} s ({report.seconds}); "
        f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    print(
        f"relations: {report.relations}; copy groups {report.copy_groups}, stories {report.stories}, "
        f"storylines {report.storylines}"
    )
    with Store(db) as store:
        kind = {(r[0], r[1]): r[2] for r in store.conn.execute("SELECT a, b, kind FROM relations")}
        groups = {
            r[0]: {"copy_group": r[1], "story": r[2], "storyline": r[3]}
            for r in store.conn.execute("SELECT id, copy_group, story, storyline FROM groups")
        }
    pairs = [tuple(sorted((lab["query"], lab["candidate"]))) for lab in labels]
    kinds = [kind.get(pair, "") for pair in pairs]  # type: ignore[call-overload]
    verdicts: Verdicts = {}
    for level, wanted in LEVELS.items():
        column = GROUP_OF[level]
        grouped = [groups[lab["query"]][column] == groups[lab["candidate"]][column] for lab in labels]
        verdicts[level] = ([k in wanted for k in kinds], grouped)
    return Outcome(verdicts, kinds, [pair in checked for pair in pairs])


def print_scores(labels: list[dict], verdicts: Verdicts) -> None:
    print(f"\n{'level':<10}{'by':<10}{'P':>7}{'R':>7}{'F1':>7}   target")
    for level, wanted in LEVELS.items():
        gold = [lab["label"] in wanted for lab in labels]
        for by, pred in zip(("relation", "group"), verdicts[level]):
            p, r, f = prf(pred, gold)
            mark = "ok" if f >= TARGETS[level] else "below"
            print(f"{level:<10}{by:<10}{p:>7.3f}{r:>7.3f}{f:>7.3f}   >= {TARGETS[level]} {mark}")


def judge_pairs(data: Path, labels: list[dict]) -> tuple[list[dict], list[Any]]:
    """The articles by id and every judged pair measured as ``score_labels`` measures it."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import score_labels

    import newstrace.match as match

    records = [json.loads(line) for line in open(data / "clickid-dev.jsonl", encoding="utf-8")]
    docs = score_labels.build_docs(records, 2)
    judged = score_labels.measure(labels, docs, match.TfidfIndex.from_docs(docs), False)
    return records, judged


def fold_list(judged: list[Any], by: str) -> list[tuple[list[int], list[int]]]:
    """(held-out, training) pair indices of each fold."""
    import score_labels

    if by == "day":
        first_day = [j.days[0] == "2019-09-10" for j in judged]
        split = [[k for k, first in enumerate(first_day) if first == held] for held in (True, False)]
        return [(test, [k for k in range(len(judged)) if k not in set(test)]) for test in split]
    return score_labels.folds(judged, by)  # type: ignore[no-any-return]


def refitted_folds(db: Path, labels: list[dict], judged: list[Any], by: str) -> tuple[Outcome, list[Thresholds]]:
    """Held out by day or outlet: each fold scored by a pipeline whose models never saw its pairs.

    Returns the pooled outcome and, per judged pair, the models of its fold."""
    import score_labels

    import newstrace.match as match

    folds = fold_list(judged, by)
    pooled = Outcome(
        {level: ([False] * len(labels), [False] * len(labels)) for level in LEVELS},
        [""] * len(labels),
        [False] * len(labels),
    )
    models: list[Thresholds] = [match.default_thresholds()] * len(labels)
    for number, (test, train) in enumerate(folds):
        thresholds = score_labels.fit_thresholds([judged[k].features for k in train], [judged[k].label for k in train])
        match.default_thresholds = lambda fitted=thresholds: fitted  # what analyze uses
        fold_db = db.with_name(f"{db.stem}-fold{number}.db")
        shutil.copy(db, fold_db)
        outcome = run_and_read(fold_db, labels)
        print(f"fold {number + 1} of {len(folds)}: {len(test)} pairs held out, fitted on {len(train)}", flush=True)
        for k in test:
            for level, (pairwise, grouped) in outcome.verdicts.items():
                pooled.verdicts[level][0][k], pooled.verdicts[level][1][k] = pairwise[k], grouped[k]
            pooled.kinds[k], pooled.proposed[k], models[k] = outcome.kinds[k], outcome.proposed[k], thresholds
    return pooled, models


_SHOWN = (
    "shared_max", "shared_min", "log_run", "ngram_containment", "log_start", "tfidf_cosine", "title_similarity",
    "lead_cosine", "opener_cosine", "entity_overlap", "lead_entity_overlap", "number_overlap", "date_agreement",
    "log_hours",
)  # fmt: skip


def print_errors(
    labels: list[dict], outcome: Outcome, records: list[dict], judged: list[Any], models: list[Thresholds]
) -> None:
    """Every pair whose stored relation is wrong at some level, with what the models read."""
    from newstrace.match import classify
    from newstrace.match_models import model_inputs

    by_id = {r["id"]: r for r in records}
    for level, wanted in LEVELS.items():
        for side, expect in (("false positives", False), ("false negatives", True)):
            wrong = [
                k
                for k, lab in enumerate(labels)
                if (lab["label"] in wanted) == expect and outcome.verdicts[level][0][k] != expect
            ]
            print(f"\n== {level}: {side} ({len(wrong)})")
            for k in wrong:
                lab, features, thresholds = labels[k], judged[k].features, models[k]
                offline = classify(features, thresholds)[0] or "unrelated"
                print(
                    f"- label {lab['label']} ({lab.get('shared') or '-'}), stored {outcome.kinds[k] or 'none'}, "
                    f"proposed {'yes' if outcome.proposed[k] else 'NO'}, models here say {offline}"
                )
                for article_id in (lab["query"], lab["candidate"]):
                    r = by_id[article_id]
                    print(f"    {article_id} {r['outlet']:<15} {r['published']}  {r['title'][:90]}")
                inputs = model_inputs(features)
                print("    " + " ".join(f"{name}={inputs[name]:.2f}" for name in _SHOWN))
                print(
                    f"    coverage={features.coverage:.2f} carried={features.carried_sentences} "
                    f"same_outlet={features.same_outlet}  "
                    + " ".join(
                        f"P({name})={getattr(thresholds, name).probability(inputs, thresholds.impute):.2f}"
                        f"/{getattr(thresholds, name).cut:.2f}"
                        for name in ("copy", "story", "related")
                    )
                )
                if lab.get("note"):
                    print(f"    note: {lab['note']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--db", help="Store to build (default: a temporary file).")
    ap.add_argument(
        "--split",
        choices=("none", "day", "outlet"),
        default="none",
        help="day, outlet: refit the relation models per fold and score held-out pairs only",
    )
    ap.add_argument("--errors", action="store_true", help="list the pairs whose relation is wrong, with measures")
    args = ap.parse_args()
    data = Path(args.data)
    db = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "clickid.db"
    t0 = time.perf_counter()
    ingest([str(data / "clickid-dev.jsonl")], db=db, jobs=2)
    print(f"ingest {time.perf_counter() - t0:.1f} s")
    labels = [json.loads(line) for line in open(data / "labels-dev.jsonl", encoding="utf-8")]
    records: list[dict] = []
    judged: list[Any] = []
    if args.split != "none" or args.errors:
        records, judged = judge_pairs(data, labels)
    if args.split != "none":
        outcome, models = refitted_folds(db, labels, judged, args.split)
    else:
        outcome = run_and_read(db, labels)
        from newstrace.match import default_thresholds

        models = [default_thresholds()] * len(labels)
    print_scores(labels, outcome.verdicts)
    if args.errors:
        print_errors(labels, outcome, records, judged, models)


if __name__ == "__main__":
    main()
