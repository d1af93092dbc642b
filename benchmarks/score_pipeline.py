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

The shipped relation models were calibrated on these very labels, so the plain run is
in-sample. ``--split day`` holds out by day: the judged pairs whose query was published on
2019-09-10 form one fold, the later days the other; for each fold the models are refitted on
the other fold's pairs (benchmarks/score_labels.py), the whole pipeline runs with them, and
only the fold's own pairs are scored; the two folds' predictions are pooled. ``--split outlet``
does the same with one fold per outlet of the judged pairs' queries, fitted on the pairs with no
article of that outlet (``score_labels.folds``).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newstrace import Store, ingest  # noqa: E402
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


def run_and_read(db: Path, labels: list[dict]) -> Verdicts:
    """Analyse ``db`` and read what it says about each judged pair, per level."""
    t1 = time.perf_counter()
    report = analyze(db)
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
    verdicts: Verdicts = {}
    for level, wanted in LEVELS.items():
        pairwise = [kind.get(tuple(sorted((lab["query"], lab["candidate"]))), "") in wanted for lab in labels]  # type: ignore[arg-type]
        column = GROUP_OF[level]
        grouped = [groups[lab["query"]][column] == groups[lab["candidate"]][column] for lab in labels]
        verdicts[level] = (pairwise, grouped)
    return verdicts


def print_scores(labels: list[dict], verdicts: Verdicts) -> None:
    print(f"\n{'level':<10}{'by':<10}{'P':>7}{'R':>7}{'F1':>7}   target")
    for level, wanted in LEVELS.items():
        gold = [lab["label"] in wanted for lab in labels]
        for by, pred in zip(("relation", "group"), verdicts[level]):
            p, r, f = prf(pred, gold)
            mark = "ok" if f >= TARGETS[level] else "below"
            print(f"{level:<10}{by:<10}{p:>7.3f}{r:>7.3f}{f:>7.3f}   >= {TARGETS[level]} {mark}")


def refitted_folds(data: Path, labels: list[dict], db: Path, by: str) -> Verdicts:
    """Held out by day or outlet: each fold scored by a pipeline whose models never saw its pairs."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import score_labels

    import newstrace.match as match

    records = [json.loads(line) for line in open(data / "clickid-dev.jsonl", encoding="utf-8")]
    docs = score_labels.build_docs(records, 2)
    judged = score_labels.measure(labels, docs, match.TfidfIndex.from_docs(docs), False)
    if by == "day":
        first_day = [j.days[0] == "2019-09-10" for j in judged]
        split = [[k for k, first in enumerate(first_day) if first == held] for held in (True, False)]
        fold_list = [(test, [k for k in range(len(judged)) if k not in set(test)]) for test in split]
    else:
        fold_list = score_labels.folds(judged, by)
    pooled: Verdicts = {level: ([False] * len(labels), [False] * len(labels)) for level in LEVELS}
    for number, (test, train) in enumerate(fold_list):
        thresholds = score_labels.fit_thresholds([judged[k].features for k in train], [judged[k].label for k in train])
        match.default_thresholds = lambda fitted=thresholds: fitted  # what analyze uses
        fold_db = db.with_name(f"{db.stem}-fold{number}.db")
        shutil.copy(db, fold_db)
        verdicts = run_and_read(fold_db, labels)
        print(f"fold {number + 1} of {len(fold_list)}: {len(test)} pairs held out, fitted on {len(train)}", flush=True)
        for level, (pairwise, grouped) in verdicts.items():
            for k in test:
                pooled[level][0][k], pooled[level][1][k] = pairwise[k], grouped[k]
    return pooled


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
    args = ap.parse_args()
    data = Path(args.data)
    db = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "clickid.db"
    t0 = time.perf_counter()
    ingest([str(data / "clickid-dev.jsonl")], db=db, jobs=2)
    print(f"ingest {time.perf_counter() - t0:.1f} s")
    labels = [json.loads(line) for line in open(data / "labels-dev.jsonl", encoding="utf-8")]
    if args.split != "none":
        print_scores(labels, refitted_folds(data, labels, db, args.split))
    else:
        print_scores(labels, run_and_read(db, labels))


if __name__ == "__main__":
    main()
