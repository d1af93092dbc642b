"""Ingest benchmark: all of clickid-dev into a fresh store.

Prints articles per second, peak memory, the share of articles with a parsed
publication time (with the record's own date, and with it withheld so that the
time must come from the text), rejects by reason, and for scale the floor of
json.loads + a bare SQLite insert of the same records.

    python benchmarks/bench_ingest.py [--data ../shared/data/clickid-dev.jsonl] [--jobs 1]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "clickid-dev.jsonl"


def _child(mode: str, data: str, jobs: int) -> dict[str, object]:
    """Run one measurement in a fresh process so peak memory is its own."""
    code = f"""
import json, resource, sqlite3, sys, tempfile, time
from pathlib import Path
mode, data, jobs = {mode!r}, {data!r}, {jobs}
tmp = Path(tempfile.mkdtemp())
src = data
if mode == "no_record_dates":
    src = str(tmp / "nodates.jsonl")
    with open(data, encoding="utf-8") as fh, open(src, "w", encoding="utf-8") as out:
        for line in fh:
            rec = json.loads(line); rec.pop("published", None); out.write(json.dumps(rec) + "\\n")
t = time.perf_counter()
if mode == "floor":
    conn = sqlite3.connect(tmp / "floor.db"); conn.execute("CREATE TABLE a(id, text)")
    with open(src, encoding="utf-8") as fh:
        rows = [(r["id"], r["text"]) for r in map(json.loads, fh)]
    conn.executemany("INSERT INTO a VALUES (?,?)", rows); conn.commit(); n = len(rows); extra = {{}}
else:
    from newstrace import ingest, Store
    report = ingest([src], db=tmp / "s.db", jobs=jobs)
    n = report.added
    with Store(tmp / "s.db") as store:
        rows = store.conn.execute("SELECT published_from, COUNT(*) FROM articles GROUP BY 1").fetchall()
    dated = sum(c for f, c in rows if f)
    extra = {{"rejects": dict(report.reasons()), "dated": dated,
              "dated_from": {{str(f): c for f, c in rows}}, "learned": report.boilerplate_learned}}
secs = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(dict(n=n, secs=secs, peak_mb=peak, **extra)))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    total = sum(1 for _ in open(args.data, encoding="utf-8"))
    print(f"corpus: {args.data} ({total} records)")
    print(f"{'run':<34}{'articles':>9}{'seconds':>9}{'art/s':>9}{'peak MB':>9}  dated")
    for mode, label in (
        ("full", f"newstrace ingest (jobs={args.jobs})"),
        ("no_record_dates", "newstrace, record dates withheld"),
        ("floor", "floor: json.loads + sqlite insert"),
    ):
        r = _child(mode, args.data, args.jobs)
        n, secs = int(r["n"]), float(r["secs"])  # type: ignore[arg-type]
        dated = f"{int(r['dated']) / max(n, 1):.1%} {r['dated_from']}" if "dated" in r else "-"  # type: ignore[call-overload]
        print(f"{label:<34}{n:>9}{secs:>9.1f}{n / secs:>9.0f}{float(r['peak_mb']):>9.0f}  {dated}")  # type: ignore[arg-type]
        if r.get("rejects"):
            print(f"{'':<34}rejects by reason: {r['rejects']}")
        if r.get("learned"):
            print(f"{'':<34}chrome lines learned from the corpus: {r['learned']}")
    print("target: under 60 s for the 7,400 articles on 2 cores")


if __name__ == "__main__":
    main()
