"""The ``newstrace`` command: a thin layer over the Python API."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newstrace.errors import NewstraceError
from newstrace.export import export_articles, export_borrowings, export_changes, write_records
from newstrace.ingest import IngestReport, ingest, parse_mapping
from newstrace.store import Store

console = Console(stderr=True)
out = Console()

DB_OPTION = click.option("--db", default="newstrace.db", show_default=True, envvar="NEWSTRACE_DB",
                         type=click.Path(dir_okay=False), help="SQLite store file.")


class FriendlyGroup(click.Group):
    """Turns newstrace's own errors into one readable line and exit status 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except NewstraceError as exc:
            console.print(f"[red]error:[/red] {exc}")
            sys.exit(2)


@click.group(cls=FriendlyGroup)
@click.version_option(package_name="newstrace")
def main() -> None:
    """Trace how news stories are copied and changed across outlets."""
    if not out.is_terminal:  # piped or redirected: room for whole ids and titles
        out.width = 160


def _print_ingest_summary(report: IngestReport, db: str) -> None:
    table = Table(title=f"ingest into {db}", show_header=False)
    table.add_row("added", str(report.added))
    table.add_row("new versions", str(report.new_versions))
    table.add_row("unchanged (already stored)", str(report.unchanged))
    table.add_row("rejected", str(report.rejected))
    if report.boilerplate_learned:
        table.add_row("chrome lines learned", str(report.boilerplate_learned))
    console.print(table)
    if report.rejects:
        reasons = Table("reason", "count", "first example", title="rejects")
        firsts: dict[str, str] = {}
        for r in report.rejects:
            where = f"{r.origin}:{r.line}" if r.line else r.origin
            firsts.setdefault(r.reason, f"{where}: {r.detail}")
        for reason, count in report.reasons().most_common():
            reasons.add_row(reason, str(count), firsts[reason])
        console.print(reasons)
        console.print("every reject is kept in the store's [bold]rejects[/bold] table "
                      "(`newstrace rejects`)")


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--map", "maps", multiple=True, metavar="NAME=FIELD",
              help="Map an input field to a newstrace field, e.g. --map judul=title "
                   "--map isi_berita=text. Common names are recognised without it.")
@click.option("--format", "input_format", type=click.Choice(["jsonl", "csv", "txt", "html"]),
              help="Read every input as this format (default: from the file suffix; stdin: jsonl).")
@click.option("--encoding", help="Text encoding of the inputs (default UTF-8).")
@click.option("--jobs", default=1, show_default=True, help="Processes used for cleaning.")
def ingest_command(paths: tuple[str, ...], db: str, maps: tuple[str, ...], input_format: str | None,
                   encoding: str | None, jobs: int) -> None:
    """Ingest files, folders (recursively) or - (stdin): JSONL, CSV, .txt, .html, gzipped or not.

    Exit status: 0 when everything went in, 1 when some inputs were rejected,
    2 when the command itself could not run.
    """
    mapping = parse_mapping(list(maps))
    with Progress(TextColumn("ingesting"), BarColumn(bar_width=None), TextColumn("{task.completed} inputs"),
                  TimeElapsedColumn(), console=console, transient=True) as progress:
        task = progress.add_task("ingest", total=None)
        report = ingest(paths, db=db, mapping=mapping, input_format=input_format, encoding=encoding,
                        jobs=jobs, on_progress=lambda n: progress.advance(task, n))
    _print_ingest_summary(report, db)
    sys.exit(1 if report.rejected else 0)


@main.command("analyze")
@DB_OPTION
@click.option("--embed", is_flag=True,
              help="Also compare leads with multilingual embeddings (needs newstrace[embed]; slow).")
@click.option("--regroup", is_flag=True,
              help="Group the whole store again and retrace every copy group, even with nothing new.")
def analyze_command(db: str, embed: bool, regroup: bool) -> None:
    """Match, group and trace what was ingested since the last analysis (cheap when nothing is new)."""
    from newstrace.analyze import AnalyzeConfig, analyze

    with console.status("analysing") as status:
        report = analyze(db, config=AnalyzeConfig(embed=embed), regroup=regroup,
                         on_stage=lambda name: status.update(f"analysing: {name}"))
    if report.nothing_new:
        console.print("nothing new to analyse")
        return
    table = Table(title=f"analysis of {db}", show_header=False)
    table.add_row("articles analysed", str(report.new_articles))
    table.add_row("candidate pairs checked", str(report.candidate_pairs))
    for kind in ("copy", "same_story", "related"):
        table.add_row(f"{kind} relations (all)", str(report.relations.get(kind, 0)))
    table.add_row("copy groups / stories / storylines",
                  f"{report.copy_groups} / {report.stories} / {report.storylines}")
    table.add_row("copy groups traced, changes found", f"{report.traced_groups}, {report.changes}")
    table.add_row("seconds", ", ".join(f"{k} {v:.1f}" for k, v in report.seconds.items()))
    console.print(table)


@main.command("similar")
@click.argument("article_id")
@DB_OPTION
def similar_command(article_id: str, db: str) -> None:
    """An article's copies, same-story and related articles, with shared passages."""
    from newstrace.explore import borrowings, similar
    from newstrace.render import show_similar

    with Store(db, readonly=True) as store:
        relations = similar(store, article_id)
        others = {r.b: store.article(r.b) for r in relations}
        show_similar(out, store.article(article_id), relations, others, borrowings(store, article_id))


@main.command("stories")
@DB_OPTION
@click.option("--min-size", default=2, show_default=True, help="Only stories with this many articles.")
@click.option("--limit", default=50, show_default=True, help="How many stories to list.")
def stories_command(db: str, min_size: int, limit: int) -> None:
    """Stories with their sizes, outlets and time spans, largest first."""
    from newstrace.explore import stories
    from newstrace.render import show_stories

    with Store(db, readonly=True) as store:
        show_stories(out, stories(store, min_size=min_size)[:limit])


@main.command("trace")
@click.argument("article_id")
@DB_OPTION
def trace_command(article_id: str, db: str) -> None:
    """The family tree of an article's copy group: origin, parents, times, outlets, changes."""
    from newstrace.explore import trace
    from newstrace.render import show_trace

    with Store(db, readonly=True) as store:
        show_trace(out, trace(store, article_id))


@main.command("diff")
@click.argument("parent_id")
@click.argument("child_id")
@DB_OPTION
def diff_command(parent_id: str, child_id: str, db: str) -> None:
    """What CHILD changed relative to PARENT: sentences added, removed, reworded, tagged."""
    from newstrace.explore import diff
    from newstrace.render import show_diff

    with Store(db, readonly=True) as store:
        show_diff(out, store.article(parent_id), store.article(child_id), diff(store, parent_id, child_id))


@main.command("rejects")
@DB_OPTION
def rejects_command(db: str) -> None:
    """List every rejected input with file, line and reason."""
    with Store(db, readonly=True) as store:
        table = Table("origin", "line", "reason", "detail")
        for r in store.rejects():
            table.add_row(r.origin, str(r.line or ""), r.reason, r.detail)
        out.print(table)


@main.group("export")
def export_group() -> None:
    """Export records for other tools."""


def _write(records: Iterator[dict[str, Any]], fmt: str, output: str | None, noun: str) -> None:
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            n = write_records(records, fh, fmt)
        console.print(f"wrote {n} {noun} to {output}")
    else:
        write_records(records, sys.stdout, fmt)


@export_group.command("articles")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (default stdout).")
def export_articles_command(db: str, fmt: str, output: str | None) -> None:
    """One record per article: id, outlet, url, title, published, byline, sources, text,
    copy_group, story, storyline, parent, origin."""
    with Store(db, readonly=True) as store:
        _write(export_articles(store), fmt, output, "articles")


@export_group.command("changes")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (default stdout).")
def export_changes_command(db: str, fmt: str, output: str | None) -> None:
    """One record per change along a copy edge: parent, child, kind, old, new, tags."""
    with Store(db, readonly=True) as store:
        _write(export_changes(store), fmt, output, "changes")


@export_group.command("borrowings")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (default stdout).")
def export_borrowings_command(db: str, fmt: str, output: str | None) -> None:
    """One record per partial reuse that makes no copy: borrower, source, passages, share."""
    with Store(db, readonly=True) as store:
        _write(export_borrowings(store), fmt, output, "borrowings")


def sample_path() -> Path:
    """The bundled sample data (seeds and a CLICK-ID sample)."""
    return Path(str(resources.files("newstrace") / "sample"))


@main.command("demo")
@click.option("--db", default="newstrace-demo.db", show_default=True, type=click.Path(dir_okay=False),
              help="Store to create for the demo (an existing one is replaced).")
def demo_command(db: str) -> None:
    """Run the whole pipeline on the bundled sample data and show what it finds."""
    from newstrace.demo import run_demo

    for suffix in ("", "-wal", "-shm"):
        Path(db + suffix).unlink(missing_ok=True)
    run_demo(sample_path(), db, out)


if __name__ == "__main__":
    main()
