"""Every user-visible output on the bundled sample and on the seeds, saved or compared byte for byte.

A refactoring must not change what users see: run ``--save DIR`` before it and ``--compare DIR``
after. Both build fresh stores (ingest + analyze) and write, per store: every export in every
format, the ``--json`` and terminal forms of the views (stories, story, storyline, trace, similar,
diff, claims, rejects), the web pages' data (summary, story, article, diff, claim) and the HTML
report with its timestamp blanked.

    PYTHONPATH=src python scripts/check_outputs_identical.py --save /tmp/before
    PYTHONPATH=src python scripts/check_outputs_identical.py --compare /tmp/before
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from newstrace.cli import main, sample_path
from newstrace.errors import NewstraceError
from newstrace.ingest import ingest
from newstrace.pipeline import analyze

SEEDS = sample_path() / "seeds"  # the five seed articles, as shipped
EXPORTS = {
    "articles": ("jsonl", "csv", "parquet"),
    "changes": ("jsonl", "csv", "parquet"),
    "borrowings": ("jsonl", "csv"),
    "claims": ("jsonl", "csv"),
}


def _cli(*args: str) -> bytes:
    result = CliRunner().invoke(main, list(args))
    return f"exit {result.exit_code}\n".encode() + result.stdout_bytes


def _ids(db: str) -> tuple[list[str], list[tuple[str, str]], list[str]]:
    """A few article ids (the largest stories' members), copy edges and claim ids to ask about."""
    stories = json.loads(_cli("stories", "--db", db, "--min-size", "1", "--limit", "6", "--json").split(b"\n", 1)[1])
    ids = [s["id"] for s in stories]
    edges: list[tuple[str, str]] = []
    for story_id in ids[:3]:
        trace = json.loads(_cli("trace", story_id, "--db", db, "--json").split(b"\n", 1)[1])
        stack = list(trace["roots"])
        while stack:
            node = stack.pop()
            for child in node["children"]:
                edges.append((node["id"], child["id"]))
                stack.append(child)
    claims_rows = _cli("export", "claims", "--db", db).split(b"\n", 1)[1].decode().splitlines()
    claim_ids = sorted({json.loads(line)["claim"] for line in claims_rows if line})[:5]
    return ids, edges[:6], claim_ids


def _outputs(db: str) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for kind, formats in EXPORTS.items():
            for fmt in formats:
                if fmt == "parquet":
                    target = Path(tmp) / f"{kind}.parquet"
                    _cli("export", kind, "--db", db, "--format", fmt, "-o", str(target))
                    out[f"export_{kind}.{fmt}"] = target.read_bytes()
                else:
                    out[f"export_{kind}.{fmt}"] = _cli("export", kind, "--db", db, "--format", fmt)
    ids, edges, claim_ids = _ids(db)
    out["stories.json"] = _cli("stories", "--db", db, "--min-size", "1", "--json")
    out["stories.txt"] = _cli("stories", "--db", db, "--min-size", "1")
    out["rejects.json"] = _cli("rejects", "--db", db, "--json")
    out["rejects.txt"] = _cli("rejects", "--db", db)
    for n, article_id in enumerate(ids):
        for view in ("story", "storyline", "trace", "similar", "claims"):
            out[f"{view}_{n}.json"] = _cli(view, article_id, "--db", db, "--json")
            out[f"{view}_{n}.txt"] = _cli(view, article_id, "--db", db)
    pairs = edges + [(b, a) for a, b in edges[:2]] + ([(ids[0], ids[-1])] if len(ids) > 1 else [])
    for n, (parent, child) in enumerate(pairs):
        out[f"diff_{n}.json"] = _cli("diff", parent, child, "--db", db, "--json")
        out[f"diff_{n}.txt"] = _cli("diff", parent, child, "--db", db)
    out.update(_web_outputs(db, ids, pairs, claim_ids))
    return out


def _web_outputs(db: str, ids: list[str], pairs: list[tuple[str, str]], claim_ids: list[str]) -> dict[str, bytes]:
    try:
        from newstrace.web import views
        from newstrace.web.report import build_report
    except ImportError:  # the web extra is not installed
        return {}
    from newstrace.store import Store

    out: dict[str, bytes] = {}

    def dump(make: Callable[[], object]) -> bytes:
        try:
            data = make()
        except NewstraceError as exc:  # a refusal is an output too
            return f"error: {exc}".encode()
        return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode()

    with Store(db, readonly=True) as store:
        out["web_summary.json"] = dump(lambda: views.summary_view(store))
        for n, article_id in enumerate(ids):
            out[f"web_story_{n}.json"] = dump(lambda a=article_id: views.story_page(store, a))
            out[f"web_article_{n}.json"] = dump(lambda a=article_id: views.article_page(store, a))
        for n, (parent, child) in enumerate(pairs):
            out[f"web_diff_{n}.json"] = dump(lambda p=parent, c=child: views.diff_page(store, p, c))
        for n, claim_id in enumerate(claim_ids):
            out[f"web_claim_{n}.json"] = dump(lambda c=claim_id: views.claim_page(store, c))
        for n, article_id in enumerate(ids[:2]):
            html, csp = build_report(store, article_id)
            html = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", "WRITTEN", html)
            out[f"report_{n}.html"] = html.encode() + b"\n" + csp.encode()
    return out


def collect(work: Path) -> dict[str, bytes]:
    """Every output, keyed by corpus and name, from fresh stores under ``work``."""
    corpora = {
        "sample": [str(sample_path() / "seeds"), str(sample_path() / "clickid-sample.jsonl")],
        "seeds": [str(SEEDS)],
    }
    found: dict[str, bytes] = {}
    for name, paths in corpora.items():
        db = str(work / f"{name}.db")
        ingest(paths, db=db)
        analyze(db)
        # Messages name the store: its temporary folder is not part of the output.
        found.update(
            {f"{name}/{key}": value.replace(str(work).encode(), b"WORK") for key, value in _outputs(db).items()}
        )
    return found


def main_(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, help="folder to save the outputs into")
    mode.add_argument("--compare", type=Path, help="folder of saved outputs to compare with")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        found = collect(Path(tmp))
    if args.save:
        for key, value in found.items():
            path = args.save / key
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(value)
        print(f"saved {len(found)} outputs to {args.save}")
        return 0
    saved = {str(p.relative_to(args.compare)): p.read_bytes() for p in args.compare.rglob("*") if p.is_file()}
    differ = sorted(k for k in saved.keys() & found.keys() if saved[k] != found[k])
    missing, extra = sorted(saved.keys() - found.keys()), sorted(found.keys() - saved.keys())
    for key in differ:
        print(f"DIFFERS {key}")
    for key in missing:
        print(f"MISSING {key}")
    for key in extra:
        print(f"NEW     {key}")
    same = len(saved.keys() & found.keys()) - len(differ)
    print(
        f"{same} of {len(saved)} outputs byte-identical; {len(differ)} differ, {len(missing)} missing, {len(extra)} new"
    )
    return 0 if not (differ or missing or extra) else 1


if __name__ == "__main__":
    sys.exit(main_())
