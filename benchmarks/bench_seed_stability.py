"""Seed relations in stores of three sizes: the seeds alone, the demo store, all of clickid-dev.

    python benchmarks/bench_seed_stability.py                 # ../shared/data/clickid-dev.jsonl
    python benchmarks/bench_seed_stability.py --skip-corpus   # only the two small stores

A pair's relation should not depend on what else is stored: this ingests and analyses the five
seed pages alone, beside the bundled sample (330 CLICK-ID articles) and beside the 7,400 of
clickid-dev, prints the relation of every seed pair in each, and exits 1 if any differ or if a
seed pair is not what a reader expects (000, 002, 004 copies; 001 the same story as 000; 003
related to all).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newstrace import Store, ingest  # noqa: E402
from newstrace.pipeline import analyze  # noqa: E402
from newstrace.views import similar  # noqa: E402

SAMPLE = REPO / "src" / "newstrace" / "sample"
SEEDS = SAMPLE / "seeds"
COPIES = {"000", "002", "004"}


def expected(a: str, b: str) -> set[str]:
    """What a reader accepts: the paraphrase 001 is the same story as the original 000; beside
    the copies with a new lead (004) or a long appendix (002) it may come out only related."""
    if {a, b} <= COPIES:
        return {"copy"}
    if "003" in (a, b):
        return {"related"}
    return {"same_story"} if "000" in (a, b) else {"same_story", "related"}


def seed_relations(inputs: Sequence[Path], workdir: Path, name: str) -> tuple[dict[tuple[str, str], str], float]:
    """Relation kind of every related seed pair (by three-digit key) after one analysis."""
    db = workdir / f"{name}.db"
    ingest([str(p) for p in inputs], db=db)
    started = time.perf_counter()
    analyze(db)
    seconds = time.perf_counter() - started
    ids = {p.stem: p.stem[:3] for p in SEEDS.glob("*.txt")}
    found: dict[tuple[str, str], str] = {}
    with Store(db) as store:
        for article_id, key in ids.items():
            for relation in similar(store, article_id):
                if relation.b in ids:
                    other = ids[relation.b]
                    found[(min(key, other), max(key, other))] = relation.kind
    return found, seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=Path, default=REPO.parent / "shared" / "data" / "clickid-dev.jsonl")
    parser.add_argument("--skip-corpus", action="store_true", help="leave out the clickid-dev store")
    args = parser.parse_args(argv)
    stores = {"alone": [SEEDS], "demo": [SEEDS, SAMPLE / "clickid-sample.jsonl"]}
    if not args.skip_corpus:
        stores["clickid-dev"] = [SEEDS, args.docs]
    results: dict[str, dict[tuple[str, str], str]] = {}
    with tempfile.TemporaryDirectory() as workdir:
        for name, inputs in stores.items():
            results[name], seconds = seed_relations(inputs, Path(workdir), name)
            print(f"{name:<12} analysed in {seconds:6.1f} s")
    keys = sorted({p.stem[:3] for p in SEEDS.glob("*.txt")})
    print(f"\n{'pair':<9} {'expected':<19}" + "".join(f"{n:<13}" for n in results))
    failures = 0
    for a, b in itertools.combinations(keys, 2):
        kinds = [results[n].get((a, b), "-") for n in results]
        ok = len(set(kinds)) == 1 and kinds[0] in expected(a, b)
        failures += not ok
        wanted = "/".join(sorted(expected(a, b)))
        print(f"{a}-{b}  {wanted:<19}" + "".join(f"{k:<13}" for k in kinds) + ("" if ok else "  <- differs"))
    print(
        f"\n{failures} of {len(keys) * (len(keys) - 1) // 2} seed pairs differ from the expected relation or between stores"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
