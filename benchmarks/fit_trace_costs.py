"""Fit the tracer's edit costs and priors on simulated copy trees, then score held-out trees.

The costs in ``newstrace.trace.TraceConfig`` are log-odds-like weights of edits (a reworded
sentence, a dropped run, a new lead) and of priors (an absent source, an origin other than
the earliest). Here they are fitted by coordinate search, maximising parent plus origin
accuracy with the true copy groups given, on the trees of two simulators at once:

* the training seeds of ``simulate_propagation.py`` (trees grown from clean clickid-dev text);
* the ``fit`` part of ``simulate_adversarial.py`` (``--adversarial-seed``): every failure mode
  planted in raw records, which are ingested and analysed, so that the tracer sees the
  versions exactly as the pipeline hands them over (times with their precision and source,
  cited outlets, credits).

The result is reported on other seeds of the first and on the ``report`` part of the second
(other days, other outlets), so the figures for the fitted costs are held out; a cost that
only one simulator rewards shows there as a loss on the other.

  PYTHONPATH=src python3 benchmarks/fit_trace_costs.py --train 1 2 --test 7 11 --adversarial-seed 4
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import sys
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import propagation_plant as plant  # noqa: E402
import simulate_propagation as sim  # noqa: E402

from newstrace.clean import split_sentences  # noqa: E402
from newstrace.trace import DEFAULT_CONFIG, TraceConfig, TraceItem, trace_group  # noqa: E402

# Each cost is tried at these multiples of its current value (and at these values when 0).
STEPS = (0.0, 0.5, 0.75, 1.33, 2.0)
ZERO_STEPS = (0.25, 0.5, 1.0)
FITTED = (
    "own_edit",
    "reword_per_word",
    "own_addition",
    "borrowed",
    "dropped",
    "truncated",
    "dropped_lead",
    "unknown_source",
    "source_spread_per_hour",
    "origin_not_earliest",
    "origin_child_bonus",
    "run_extra",
)


@dataclass(slots=True)
class Case:
    """One simulated tree as the tracer sees it, with its truth."""

    items: list[TraceItem]
    parent: dict[str, str | None]  # truth, ``plant.UNKNOWN`` for siblings of an absent source
    origin: set[str]  # the earliest known version(s), as the export's `origin` should be
    mode: str = ""  # the adversarial failure mode planted in the tree


def load_cases(seeds: Iterable[int], trees: int, data: Path = sim.DEFAULT_DATA) -> list[Case]:
    sources = plant.load_sources(data)
    cases = []
    for seed in seeds:
        grown, _ = plant.build(sources, trees, 0, random.Random(seed), 1.0)
        for tree in grown:
            items = [
                TraceItem(v.id, v.published, v.outlet, split_sentences("\n\n".join(v.sentences)))
                for v in tree.versions.values()
            ]
            cases.append(Case(items, dict(tree.parent), sim.first_known_versions(tree)))
    return cases


def load_adversarial_cases(part: str, seed: int, trees: int, data: Path = sim.DEFAULT_DATA) -> list[Case]:
    """The copy groups of one adversarial run, as the pipeline passes them to the tracer,
    with the planted truth of their versions."""
    import simulate_adversarial as adversarial  # the pipeline run; only needed here
    from adversarial_score import members

    rng = random.Random(seed)
    scenarios, noise = adversarial.build(adversarial.load(data, part), trees, 250, part, rng)
    records = [d.record() for d in [d for s in scenarios for d in s.docs] + noise]
    rng.shuffle(records)
    seen: list[list[TraceItem]] = []
    analysis = importlib.import_module("newstrace.analyze")  # the package exports a function of that name
    tracer = analysis.trace_group

    def recording(items: list[TraceItem], **options: object) -> object:
        seen.append(list(items))
        return tracer(items, **options)

    analysis.trace_group = recording
    try:
        with tempfile.TemporaryDirectory() as tmp:
            adversarial.run_pipeline(records, Path(tmp))[0].close()
    finally:
        analysis.trace_group = tracer
    truth = {d.id: (d.parent, s) for s in scenarios for d in members(s)}
    cases = []
    for items in seen:
        known = [item.id for item in items if item.id in truth]
        if not known:
            continue
        scenario = truth[known[0]][1]
        parent = {i: truth[i][0] for i in known}
        cases.append(Case(items, parent, set(scenario.origin), scenario.mode))
    return cases


def score(cases: list[Case], config: TraceConfig) -> tuple[float, float]:
    """(parent accuracy, origin accuracy) over ``cases``."""
    parent_hits = parent_total = origin_hits = 0
    for case in cases:
        result = trace_group(case.items, config=config)
        predicted = {e.child: _plain(e.parent) for e in result.edges}
        for child, parent in case.parent.items():
            if parent is not None:
                parent_total += 1
                parent_hits += predicted.get(child) == parent
        origin_hits += result.first_known in case.origin
    return parent_hits / max(1, parent_total), origin_hits / max(1, len(cases))


def _plain(node: str | None) -> str | None:
    return plant.UNKNOWN if node and node.startswith("unknown:") else node


_CASES: list[Case] = []


def _init(cases: list[Case]) -> None:
    global _CASES
    _CASES = cases


def _objective(values: dict[str, float]) -> tuple[float, float]:
    return score(_CASES, replace(DEFAULT_CONFIG, **values))


def fit(cases: list[Case], rounds: int, jobs: int, names: Iterable[str] = FITTED) -> dict[str, float]:
    current = {name: getattr(DEFAULT_CONFIG, name) for name in names}
    with ProcessPoolExecutor(jobs, initializer=_init, initargs=(cases,)) as pool:
        best = sum(pool.submit(_objective, current).result())
        print(f"start: parent+origin {best:.4f}")
        for round_ in range(rounds):
            improved = False
            for name in list(current):
                value = current[name]
                options = [round(value * s, 4) for s in STEPS] if value else list(ZERO_STEPS)
                options = [o for o in dict.fromkeys(options) if o != value]
                trials = [dict(current, **{name: o}) for o in options]
                results = list(pool.map(_objective, trials))
                for trial, (parent, origin) in zip(trials, results):
                    if parent + origin > best + 1e-9:
                        best, current, improved = parent + origin, trial, True
                print(f"round {round_ + 1} {name:24s} -> {current[name]:<7} parent+origin {best:.4f}", flush=True)
            if not improved:
                break
    return current


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", type=Path, default=sim.DEFAULT_DATA, help="clickid-dev.jsonl (default: ../shared/data)"
    )
    parser.add_argument("--train", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--test", type=int, nargs="+", default=[7, 11])
    parser.add_argument("--trees", type=int, default=200)
    parser.add_argument(
        "--adversarial-seed",
        type=int,
        default=None,
        help="also fit on the adversarial simulator's fit part (this seed) and report on its report part",
    )
    parser.add_argument("--adversarial-trees", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--costs", nargs="+", choices=FITTED, default=list(FITTED), help="fit only these")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--score-only", action="store_true", help="no fitting: score the current costs on the held-out trees"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="with --score-only: score these costs instead of the defaults",
    )
    return parser.parse_args(argv)


def _held_out(args: argparse.Namespace) -> dict[str, list[Case]]:
    """The reporting trees: each --test seed, and the adversarial report part."""
    held = {f"seed {seed}": load_cases([seed], args.trees, args.data) for seed in args.test}
    if args.adversarial_seed is not None:
        cases = load_adversarial_cases("report", args.adversarial_seed, args.adversarial_trees, args.data)
        held[f"adversarial report {args.adversarial_seed}"] = cases
    return held


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    start = time.perf_counter()
    held = _held_out(args)
    if args.score_only:
        chosen = replace(DEFAULT_CONFIG, **{k: float(v) for k, v in (item.split("=", 1) for item in args.set)})
        print(f"{'trees':>26} {'parent':>7} {'origin':>7}")
        for name, cases in held.items():
            parent, origin = score(cases, chosen)
            print(f"{name:>26} {parent:7.4f} {origin:7.4f}", flush=True)
        return 0
    train = load_cases(args.train, args.trees, args.data)
    if args.adversarial_seed is not None:
        train += load_adversarial_cases("fit", args.adversarial_seed, args.adversarial_trees, args.data)
    print(f"loaded {len(train)} training trees in {time.perf_counter() - start:.0f}s")
    fitted = fit(train, args.rounds, args.jobs, args.costs)
    config = replace(DEFAULT_CONFIG, **fitted)
    changed = {k: v for k, v in fitted.items() if v != getattr(DEFAULT_CONFIG, k)}
    print("fitted (changed from the defaults):", json.dumps(changed))
    print(f"{'trees':>26} {'config':8s} {'parent':>7} {'origin':>7}")
    for name, cases in held.items():
        for label, cfg in (("default", DEFAULT_CONFIG), ("fitted", config)):
            parent, origin = score(cases, cfg)
            print(f"{name:>26} {label:8s} {parent:7.4f} {origin:7.4f}")
    print(
        "all fitted values:",
        json.dumps({f.name: getattr(config, f.name) for f in fields(config) if f.name in args.costs}),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
