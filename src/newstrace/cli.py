"""The ``newstrace`` command: a thin layer over the Python API."""

from __future__ import annotations

import sys
import tempfile
from importlib import resources
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newstrace.errors import NewstraceError
from newstrace.export import export_articles, write_records
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


@export_group.command("articles")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (default stdout).")
def export_articles_command(db: str, fmt: str, output: str | None) -> None:
    """One record per article: id, outlet, url, title, published, byline, sources, text, ..."""
    with Store(db, readonly=True) as store:
        if output:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                n = write_records(export_articles(store), fh, fmt)
            console.print(f"wrote {n} articles to {output}")
        else:
            write_records(export_articles(store), sys.stdout, fmt)


def sample_path() -> Path:
    """The bundled sample data (seeds and a CLICK-ID sample)."""
    return Path(str(resources.files("newstrace") / "sample"))


@main.command("demo")
@click.option("--db", type=click.Path(dir_okay=False), help="Store to use (default: a temporary file).")
def demo_command(db: str | None) -> None:
    """Run the whole pipeline on the bundled sample data and show what it finds."""
    from newstrace.demo import run_demo

    if db is None:
        with tempfile.TemporaryDirectory() as tmp:
            run_demo(sample_path(), str(Path(tmp) / "demo.db"), out)
    else:
        run_demo(sample_path(), db, out)


if __name__ == "__main__":
    main()
