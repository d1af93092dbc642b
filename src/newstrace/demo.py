"""The demo: ingest the bundled sample and show what newstrace makes of it."""

from __future__ import annotations

import shlex
import time
from pathlib import Path

from rich.console import Console
from rich.table import Column, Table

from newstrace.escape import safe
from newstrace.ingest import ingest
from newstrace.pipeline import analyze
from newstrace.render.terminal import show_diff, show_stories, show_trace
from newstrace.store import Store
from newstrace.store.analysis import edges_of_group
from newstrace.views import diff_view, stories, trace

__all__ = ["run_demo"]


def _show_articles(store: Store, ids: list[str], console: Console) -> None:
    table = Table(
        Column("id", no_wrap=True),
        "outlet",
        "published",
        "byline",
        "cited sources",
        "words",
        title="the seed story, as ingested",
    )
    for article_id in ids:
        a = store.article(article_id)
        table.add_row(
            safe(a.id[:20]),
            safe(a.outlet or "-"),
            (a.published.isoformat() + f" ({a.published_precision}, {a.published_from})") if a.published else "-",
            safe(", ".join(f"{p.name} ({p.role})" for p in a.byline) or "-"),
            safe(", ".join(s.name for s in a.sources) or "-"),
            str(len(a.text.split())),
        )
    console.print(table)


def run_demo(sample: Path, db: str, console: Console) -> None:
    started = time.perf_counter()
    seeds = sorted((sample / "seeds").glob("*.txt"))
    report = ingest([str(sample / "seeds"), str(sample / "clickid-sample.jsonl")], db=db)
    console.print(
        f"ingested {report.added} articles ({report.rejected} rejected, "
        f"{report.unchanged} already stored) into {safe(db)} "
        f"in {time.perf_counter() - started:.1f} s"
    )
    with Store(db) as store:
        _show_articles(store, [p.stem for p in seeds], console)
        started = time.perf_counter()
        analysed = analyze(store)
        console.print(
            f"\nanalysed {analysed.new_articles} articles in {time.perf_counter() - started:.1f} s: "
            f"{analysed.relations.get('copy', 0)} copy, {analysed.relations.get('same_story', 0)} "
            f"same-story and {analysed.relations.get('related', 0)} related pairs; "
            f"{analysed.copy_groups} copy groups, {analysed.stories} stories, "
            f"{analysed.storylines} storylines\n"
        )
        first = seeds[0].stem
        view = trace(store, first)
        show_trace(console, view)
        origin = view.origin
        for edge in edges_of_group(store, origin):
            if edge.parent == origin and "tribun" in (store.article(edge.child).outlet or ""):
                console.print()
                show_diff(console, diff_view(store, origin, edge.child))
        console.print("\nlargest stories in the sample:")
        show_stories(console, stories(store, min_size=2)[:8])
        db_arg = safe(shlex.quote(db))
        console.print("\nexplore further (ids are in the first column of each view):")
        for command in (
            f"newstrace stories --db {db_arg}",
            f"newstrace story {safe(first)} --db {db_arg}",
            f"newstrace trace ID --db {db_arg}",
            f"newstrace similar ID --db {db_arg}",
            f"newstrace diff PARENT CHILD --db {db_arg}",
            f"newstrace export articles --db {db_arg} -o articles.jsonl",
        ):
            console.print("  " + command, soft_wrap=True)
