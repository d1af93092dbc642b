"""The demo: ingest the bundled sample and show what newstrace makes of it."""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newstrace.ingest import ingest
from newstrace.store import Store

__all__ = ["run_demo"]


def _show_articles(store: Store, ids: list[str], console: Console) -> None:
    table = Table("id", "outlet", "published", "byline", "cited sources", "words",
                  title="the seed story, as ingested")
    for article_id in ids:
        a = store.article(article_id)
        table.add_row(
            a.id[:20], a.outlet or "-",
            (a.published.isoformat() + f" ({a.published_from})") if a.published else "-",
            ", ".join(f"{p.name} ({p.role})" for p in a.byline) or "-",
            ", ".join(s.name for s in a.sources) or "-",
            str(len(a.text.split())),
        )
    console.print(table)


def run_demo(sample: Path, db: str, console: Console) -> None:
    started = time.perf_counter()
    seeds = sorted((sample / "seeds").glob("*.txt"))
    report = ingest([str(sample / "seeds"), str(sample / "clickid-sample.jsonl")], db=db)
    console.print(f"ingested {report.added} articles ({report.rejected} rejected, "
                  f"{report.unchanged} already stored) into {db} "
                  f"in {time.perf_counter() - started:.1f} s")
    with Store(db) as store:
        _show_articles(store, [p.stem for p in seeds], console)
