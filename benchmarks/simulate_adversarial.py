"""Adversarial propagation simulator: plant each failure mode of provenance in real text, run
the real pipeline on what a scraper would write, score it per mode beside a plain baseline.

Designed apart from ``simulate_propagation.py`` (which grows trees from cleaned sentences and
calls the tracer directly): here real CLICK-ID articles, raw as scraped, become JSONL records
(``id``, ``outlet``, ``url``, ``title``, ``published`` -- sometimes missing, date-only, in
WITA/WIT or UTC -- and ``text``), and ``newstrace.ingest`` + ``newstrace.analyze`` run on them
in a temporary store. Each copy tree carries one failure mode (rates in
``adversarial_plant.MODES``): undated copies or roots, copies whose only date is the event day
in the body, versions minutes apart, zone offsets, a root recapping 1-3 sentences of an earlier
report ("Diberitakan sebelumnya, ..."), round-up pages stitched from several reports, an absent
wire source with many siblings, heavy chrome and "Baca juga" lines, truncated copies, copies
naming their source ("dikutip dari <outlet>") with a date-only time.

Figures, overall and per mode, for newstrace and for the plain baseline (5-gram containment
or TF-IDF cosine, union-find, earliest dated member as origin):
  ari               copy-group ARI (per mode: over the mode's records and all records
                    predicted into a group with one of them)
  parent_accuracy   the parent of every copy (an id, or an unknown source for wire siblings)
  origin_accuracy   the origin the export names, by majority over a tree's versions
  change_*          planted changes against the pipeline's diff along the true edge (recall,
                    precision); end to end: the stored changes of the predicted edges
  borrow_not_copy   planted borrowings (recaps, round-ups) not put in one copy group
and a reliability table: stated parent-edge confidence (origin confidence when the export
gives one) against observed correctness, with the expected calibration error.

Claims (``--claim-edits``, 80% of the copies by default; ``adversarial_claims``): copies change
the hedging or the source of a statement they share with their parent (an added, changed or
dropped "belum diverifikasi oleh ..." sentence, a hedged reporting verb, a named medium); the
report's claims section gives, per kind of change, the share whose statement the pipeline
extracted, whose claim in the copy links to the parent's (target >= 0.95), and whose change
is reported on that claim along the edge, on the true edges and end to end.

Honest split (``--part``): source articles are split by day and by outlet; ``fit`` uses
10, 12, 14 September from okezone, kompas, tribunnews; ``report`` uses 11, 13 September from
tempo, sindonews, fimela, kapanlagi; the outlets copies appear in differ between the parts too.
Fit costs only on ``--part fit``; quote ``--part report``.

  PYTHONPATH=src python benchmarks/simulate_adversarial.py --part report --trees 80 --noise 250
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from adversarial_claims import TARGETS as CLAIM_TARGETS  # noqa: E402
from adversarial_claims import ClaimPlanter  # noqa: E402
from adversarial_claims import score as score_claims  # noqa: E402
from adversarial_plant import MODES, UNKNOWN, Doc, Planter, Scenario, Source  # noqa: E402
from adversarial_plant import split_sentences as split_raw  # noqa: E402
from adversarial_score import (  # noqa: E402
    FIGURES,
    TARGETS,
    Prediction,
    baseline,
    confidence_pairs,
    reliability,
    score,
)

import newstrace  # noqa: E402
from newstrace.changes import diff_articles  # noqa: E402
from newstrace.clean import split_sentences  # noqa: E402
from newstrace.model import Change  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "clickid-dev.jsonl"
PARTS: dict[str, tuple[set[str], set[str]]] = {
    "fit": ({"2019-09-10", "2019-09-12", "2019-09-14"}, {"okezone.com", "kompas.com", "tribunnews.com"}),
    "report": ({"2019-09-11", "2019-09-13"}, {"tempo.co", "sindonews.com", "fimela.com", "kapanlagi.com"}),
}


def load(path: Path, part: str) -> list[Source]:
    """Raw articles of one part (``all``: every article)."""
    sources = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if part != "all":
                days, outlets = PARTS[part]
                if record["published"][:10] not in days or record["outlet"] not in outlets:
                    continue
            sources.append(
                Source(
                    record["id"],
                    record["outlet"],
                    record.get("title") or "",
                    datetime.fromisoformat(record["published"]),
                    record.get("category") or "",
                    split_raw(record["text"]),
                )
            )
    return sources


def distinct(sources: list[Source]) -> list[Source]:
    """Articles with no copy or near-paraphrase among the others, so that the corpus's own
    reuse does not blur the planted truth."""
    records = [{"id": s.id, "text": "\n\n".join(s.sentences)} for s in sources]
    loose = baseline(records, containment=0.15, cosine=0.5)
    sizes = defaultdict(int)
    for group in loose.group.values():
        sizes[group] += 1
    return [s for s in sources if sizes[loose.group[s.id]] == 1]


def build(
    sources: list[Source], trees: int, noise: int, part: str, rng: random.Random
) -> tuple[list[Scenario], list[Doc]]:
    pool = [s for s in distinct(sources) if 8 <= len(s.sentences) <= 40]
    rng.shuffle(pool)
    # Every mode at its rate (largest remainders), so that a modest run still covers each.
    quotas = {m: rate * trees for m, rate in MODES.items()}
    counts = {m: int(q) for m, q in quotas.items()}
    for m in sorted(quotas, key=lambda m: counts[m] - quotas[m])[: trees - sum(counts.values())]:
        counts[m] += 1
    modes = [m for m, n in counts.items() for _ in range(n)]
    rng.shuffle(modes)
    lenders_needed = modes.count("borrowing")
    if len(pool) < trees + noise + lenders_needed:
        raise SystemExit(f"only {len(pool)} distinct articles in part {part!r}: ask for fewer --trees/--noise")
    roots, unrelated = pool[:trees], pool[trees : trees + noise]
    spare = pool[trees + noise :]
    lenders = spare[:lenders_needed]
    used = {s.id for s in roots + unrelated + lenders}
    planter = Planter(rng, part, [s for s in sources if s.id not in used])
    if modes.count("aggregator") == 1:  # a round-up of one report would be a truncated copy
        modes[modes.index("aggregator")] = "plain"
    scenarios = [
        planter.scenario(mode, root, [lenders.pop()] if mode == "borrowing" else []) for mode, root in zip(modes, roots)
    ]
    # Round-up pages, each stitched from two or three of the aggregator trees.
    waiting = [s for s in scenarios if s.mode == "aggregator"]
    while waiting:
        take = len(waiting) if len(waiting) <= 3 else rng.randint(2, min(3, len(waiting) - 2))
        chunk, waiting = waiting[:take], waiting[take:]
        chunk[0].docs.append(planter.aggregate(chunk))
    noise_docs = []
    for source in unrelated:
        doc = planter.root_doc(source, "noise")
        doc.role = "noise"
        noise_docs.append(doc)
    return scenarios, noise_docs


def run_pipeline(records: list[dict[str, str]], tmp: Path) -> tuple[newstrace.Store, dict[str, float]]:
    """Ingest the records as a scraper's file and analyse them; the open store."""
    path = tmp / "scraped.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    db = tmp / "simulated.db"
    seconds = {}
    started = time.perf_counter()
    newstrace.ingest([str(path)], db=str(db))
    seconds["ingest"] = time.perf_counter() - started
    started = time.perf_counter()
    newstrace.analyze(str(db))
    seconds["analyze"] = time.perf_counter() - started
    return newstrace.Store(str(db)), seconds


def pipeline_prediction(store: newstrace.Store) -> Prediction:
    """The export's answers (and the stored edge confidences) as a Prediction."""
    prediction = Prediction(group={}, parent={}, origin={})
    edge_confidence = {r[0]: float(r[1]) for r in store.conn.execute("SELECT child, confidence FROM copy_edges")}
    for record in newstrace.export_articles(store):
        article_id = record["id"]
        parent = record.get("parent")
        prediction.group[article_id] = record.get("copy_group") or article_id
        prediction.parent[article_id] = UNKNOWN if parent and parent.startswith("unknown:") else parent
        prediction.origin[article_id] = record.get("origin") or article_id
        stated = record.get("parent_confidence", edge_confidence.get(article_id))
        if stated is not None:
            prediction.parent_confidence[article_id] = float(stated)
        if record.get("origin_confidence") is not None:
            prediction.origin_confidence[article_id] = float(record["origin_confidence"])

    def changes(parent_id: str, child_id: str) -> list[Change]:
        # Along a traced edge the stored changes; along a true edge the tracer missed, the
        # comparison the analysis would have stored there, so that change recall measures the
        # diff itself and the end-to-end figure the tracing.
        if prediction.parent.get(child_id) == parent_id:
            return newstrace.diff(store, parent_id, child_id)
        parent, child = store.article(parent_id), store.article(child_id)
        return diff_articles(parent.id, child.id, split_sentences(parent.text), split_sentences(child.text))

    prediction.diff = changes
    return prediction


def show(scenarios: list[Scenario], mode: str, store: newstrace.Store, prediction: Prediction) -> None:
    """Every record of one mode's trees: the truth beside what the pipeline made of it."""
    stored = {
        r[0]: (r[1], r[2])
        for r in store.conn.execute("SELECT id, published, published_from FROM articles WHERE is_current")
    }
    for scenario in scenarios:
        if scenario.mode != mode:
            continue
        print(f"\n{mode}: true origin {', '.join(sorted(scenario.origin))}")
        for doc in scenario.docs:
            time_read, source = stored.get(doc.id, (None, None))
            confidence = prediction.parent_confidence.get(doc.id)
            print(
                f"  {doc.id} {doc.role:<10} parent {doc.parent or '-':<16} written {doc.published!s:<34}"
                f" true {doc.instant:%d %H:%M%z}  read {time_read} ({source})\n"
                f"  {'':<27} predicted parent {prediction.parent.get(doc.id) or '-':<16}"
                f" ({'-' if confidence is None else f'{confidence:.2f}'})"
                f" origin {prediction.origin.get(doc.id)} group {prediction.group.get(doc.id)}"
            )


def simulate(
    data: Path, part: str, trees: int, noise: int, seed: int, show_mode: str | None = None, claim_edits: float = 0.0
) -> dict[str, object]:
    """Build, run and score; everything a report or a quality gate needs, as data.

    ``claim_edits``: the share of copies that change the hedging or attribution of a statement
    they share with their parent (``adversarial_claims``), from a random stream of its own."""
    rng = random.Random(seed)
    started = time.perf_counter()
    scenarios, noise_docs = build(load(data, part), trees, noise, part, rng)
    edits = ClaimPlanter(random.Random(seed * 7919 + 1), claim_edits).plant(scenarios) if claim_edits else []
    docs = [d for s in scenarios for d in s.docs] + noise_docs
    records = [d.record() for d in docs]
    rng.shuffle(records)
    build_seconds = time.perf_counter() - started
    modes = list(MODES)
    with tempfile.TemporaryDirectory() as tmp:
        store, seconds = run_pipeline(records, Path(tmp))
        with store:
            prediction = pipeline_prediction(store)
            ours = score(scenarios, noise_docs, prediction, modes)
            confidences = confidence_pairs(scenarios, noise_docs, prediction)
            claims = score_claims(edits, store, prediction.parent) if edits else None
            if show_mode:
                show(scenarios, show_mode, store, prediction)
    plain = score(scenarios, noise_docs, baseline(records), modes)
    calibration = {}
    for kind, pairs in confidences.items():
        if pairs:
            rows, error = reliability(pairs)
            calibration[kind] = {"ece": error, "rows": rows, "count": len(pairs)}
    seconds["build"] = build_seconds
    result = {
        "newstrace": ours,
        "baseline": plain,
        "calibration": calibration,
        "seconds": seconds,
        "records": len(records),
        "trees": len(scenarios),
        "part": part,
        "seed": seed,
    }
    if claims is not None:
        result["claims"] = claims
    return result


def _cell(value: float | None) -> str:
    return "   -  " if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:6.3f}"


def print_report(result: dict) -> None:
    ours, plain = result["newstrace"], result["baseline"]
    print(f"part {result['part']}, seed {result['seed']}: {result['trees']} trees, {result['records']} records")
    names = ["ari", "parent_accuracy", "origin_accuracy", "borrow_not_copy"]
    short = {"ari": "ARI", "parent_accuracy": "parent", "origin_accuracy": "origin", "borrow_not_copy": "borrow"}
    header = "".join(f" {short[n]:>6}/{'base':<6}" for n in names)
    print(f"{'mode':<14} {'trees':>5} {'copies':>6}{header} {'chgR':>6} {'chgP':>6} {'e2eR':>6}")
    for mode, figures in ours.items():
        base = plain.get(mode, {})
        cells = "".join(f" {_cell(figures.get(n))}/{_cell(base.get(n))}" for n in names)
        print(
            f"{mode:<14} {int(figures['trees']):>5} {int(figures.get('copies', 0)):>6}{cells} "
            f"{_cell(figures.get('change_recall'))} {_cell(figures.get('change_precision'))} "
            f"{_cell(figures.get('change_recall_end_to_end'))}"
        )
    overall = ours["overall"]
    print(
        "targets: "
        + ", ".join(f"{k} {v:.2f} ({'ok' if overall.get(k, 0) >= v else 'MISSED'})" for k, v in TARGETS.items())
    )
    for kind, table in result["calibration"].items():
        print(
            f"\nreliability of stated {kind} confidence ({table['count']} stated; "
            f"expected calibration error {table['ece']:.3f}, target < 0.05)"
        )
        print(f"  {'bin':>9} {'stated':>7} {'observed':>8} {'count':>6}")
        for low, stated, observed, count in table["rows"]:
            print(f"  {low:4.1f}-{low + 0.1:3.1f} {stated:7.3f} {observed:8.3f} {count:6d}")
    if "origin" not in result["calibration"]:
        print("  (no origin confidence in the export yet)")
    if result.get("claims"):
        print_claims(result["claims"])
    print("\ntiming: " + ", ".join(f"{k} {v:.1f}s" for k, v in result["seconds"].items()))


def print_claims(claims: dict) -> None:
    """The claims section: planted hedge and attribution changes on statements along copy edges."""
    print("\nclaims: hedge and attribution changes planted on statements along copy edges")
    print("  (link, change: over statements extracted in the parent; e2e: on traced edges; all: over every edit)")
    print(
        f"  {'edit':<18} {'edits':>5} {'parent':>6} {'link':>6} {'change':>6} {'link e2e':>8} "
        f"{'chg e2e':>7} {'link all':>8}"
    )
    for name, f in claims.items():
        print(
            f"  {name:<18} {int(f['edits']):>5} {_cell(f['in_parent'])} {_cell(f.get('claim_link_recall'))} "
            f"{_cell(f.get('certainty_change_recall'))} {_cell(f.get('claim_link_recall_end_to_end')):>8} "
            f"{_cell(f.get('certainty_change_recall_end_to_end')):>7} {_cell(f['claim_link_recall_all']):>8}"
        )
    overall = claims["overall"]
    print(
        "  targets: "
        + ", ".join(f"{k} {v:.2f} ({'ok' if overall.get(k, 0) >= v else 'MISSED'})" for k, v in CLAIM_TARGETS.items())
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--part",
        choices=["fit", "report", "all"],
        default="report",
        help="which split of the source articles to plant in (fit costs on fit only)",
    )
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--trees", type=int, default=80, help="copy trees to plant")
    parser.add_argument("--noise", type=int, default=250, help="unrelated untouched articles mixed in")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument(
        "--show",
        choices=list(MODES),
        default=None,
        help="print every record of this mode's trees: truth beside prediction",
    )
    parser.add_argument(
        "--claim-edits",
        type=float,
        default=0.8,
        help="share of copies that change the hedging or attribution of a shared statement (0: none)",
    )
    args = parser.parse_args(argv)
    result = simulate(args.data, args.part, args.trees, args.noise, args.seed, args.show, args.claim_edits)
    print_report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=float) + "\n", "utf-8")
    return 0


__all__ = ["FIGURES", "simulate"]

if __name__ == "__main__":
    sys.exit(main())
