"""The ``newstrace`` command: a thin layer over the Python API."""

from __future__ import annotations

import codecs
import os
import sqlite3
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import click
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from newstrace.cli_options import DB_OPTION, JSON_OPTION, console, out, setting_option
from newstrace.dedup.cli import dedup_command
from newstrace.errors import NewstraceError, StoreError
from newstrace.escape import safe, to_json
from newstrace.export import (
    export_articles,
    export_borrowings,
    export_changes,
    export_claims,
    write_records,
    write_records_to_file,
)
from newstrace.ingest import IngestReport, ingest, parse_mapping
from newstrace.spark.cli import spark_group
from newstrace.store import Store, store_error_message


class _CountColumn(ProgressColumn):
    """``done/total`` once a stage knows its total; nothing while it does not."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.completed:,.0f}/{task.total:,.0f}" if task.total else "", style="progress.download")


def _error(message: str) -> None:
    console.print(f"[red]error:[/red] {safe(message)}", soft_wrap=True)  # commands in it stay whole
    sys.exit(2)


class FriendlyGroup(click.Group):
    """Turns errors into one readable line and exit status 2: newstrace's own, a damaged or
    locked store, a file that cannot be written. No traceback reaches the user."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except NewstraceError as exc:
            _error(str(exc))
        except sqlite3.Error as exc:
            _error(store_error_message(ctx.meta.get("newstrace.db", "the store"), exc))
        except BrokenPipeError:  # the reader went away (`| head`): nothing left to say
            # Point stdout at /dev/null so the flush at exit does not complain again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except OSError as exc:
            where = f" {exc.filename}" if exc.filename else ""
            _error(f"cannot use{where}: {exc.strerror or exc}")
        return None


@click.group(cls=FriendlyGroup)
@click.version_option(package_name="newstrace")
def main() -> None:
    """Trace how news stories are copied and changed across outlets."""
    if not out.is_terminal:  # piped or redirected: room for whole ids and titles
        out.width = 160


def _print_ingest_summary(report: IngestReport, db: str) -> None:
    table = Table(title=f"ingest into {safe(db)}", show_header=False)
    table.add_row("added", str(report.added))
    table.add_row("new versions", str(report.new_versions))
    table.add_row("unchanged (already stored)", str(report.unchanged))
    table.add_row("rejected", str(report.rejected))
    if report.notes:
        table.add_row("notes (kept in the notes table)", str(len(report.notes)))
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
            reasons.add_row(safe(reason), str(count), safe(firsts[reason]))
        console.print(reasons)
        console.print(
            f"every reject is kept in the store's [bold]rejects[/bold] table (`newstrace rejects --db {safe(db)}`)",
            soft_wrap=True,
        )
    if report.notes:
        notes = Table("note", "count", "first example", title="stored, with notes")
        kinds = Counter(kind for _, kind, _ in report.notes)
        for kind, count in kinds.most_common():
            article_id, detail = next((i, d) for i, k, d in report.notes if k == kind)
            notes.add_row(safe(kind), str(count), safe(f"{article_id}: {detail}"))
        console.print(notes)


def _check_encoding(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        try:
            codecs.lookup(value)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {value!r}; e.g. utf-8, latin-1, cp1252, utf-16") from None
    return value


def _print_field_usage(report: IngestReport) -> None:
    """Which keys of each record file were read as which field, which were ignored, and the
    ``--map`` options that would read the ignored ones."""
    for origin, usage in sorted(report.fields.items()):
        used = ", ".join(f"{key}→{target}" for (key, target), _ in sorted(usage.used.items()))
        console.print(f"[bold]{safe(origin)}[/bold]: {usage.records} records; fields read: {safe(used or 'none')}")
        if not usage.ignored:
            continue
        suggestions = usage.suggestions()
        ignored = ", ".join(
            f"{key} (likely {suggestions[key]})" if key in suggestions else key
            for key, _ in usage.ignored.most_common()
        )
        console.print(f"  [yellow]ignored[/yellow] (kept in raw_inputs, not analysed): {safe(ignored)}")
        if suggestions:
            options = " ".join(f"--map {key}={target}" for key, target in sorted(suggestions.items()))
            console.print(f"  to read them, ingest again with: {safe(options)}")


def _emit(data: object, as_json: bool, show: Callable[[], None]) -> None:
    """A view as JSON on standard output, or shown on the terminal."""
    if as_json:
        click.echo(to_json(data))
    else:
        show()


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="NAME=FIELD",
    help="Map an input field to a newstrace field, e.g. --map judul=title "
    "--map isi_berita=text. Common names are recognised without it.",
)
@click.option(
    "--format",
    "input_format",
    type=click.Choice(["jsonl", "csv", "txt", "html", "warc", "parquet"]),
    help="Read every input as this format (default: from the file suffix; stdin: jsonl).",
)
@click.option(
    "--encoding",
    callback=_check_encoding,
    help="Text encoding of the inputs (default UTF-8; a byte-order mark always wins).",
)
@setting_option("--jobs", name="jobs")
def ingest_command(
    paths: tuple[str, ...], db: str, maps: tuple[str, ...], input_format: str | None, encoding: str | None, jobs: int
) -> None:
    """Ingest files, folders (recursively) or - (stdin): JSONL, CSV, .txt, .html, WARC (gzipped or
    not) and Parquet.

    Exit status: 0 when everything went in, 1 when some inputs were rejected,
    2 when the command itself could not run.
    """
    mapping = parse_mapping(list(maps))
    with Progress(
        TextColumn("ingesting"),
        BarColumn(bar_width=None),
        TextColumn("{task.fields[records]} inputs"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=None, records=0)

        def advance(records: int, done: int, total: int) -> None:
            progress.update(
                task, completed=done, total=total or None, records=progress.tasks[0].fields["records"] + records
            )

        report = ingest(
            paths, db=db, mapping=mapping, input_format=input_format, encoding=encoding, jobs=jobs, on_bytes=advance
        )
    _print_ingest_summary(report, db)
    _print_field_usage(report)
    sys.exit(1 if report.rejected else 0)


@main.command("analyze")
@DB_OPTION
@click.option(
    "--embed",
    is_flag=True,
    help="Also compare the leads of new articles with multilingual embeddings (needs newstrace[embed]; slow).",
)
@click.option(
    "--regroup", is_flag=True, help="Group the whole store again and retrace every copy group, even with nothing new."
)
def analyze_command(db: str, embed: bool, regroup: bool) -> None:
    """Match, group and trace what was ingested since the last analysis (cheap when nothing is new)."""
    from newstrace.pipeline import AnalyzeConfig, analyze
    from newstrace.store.analysis import pending_count

    if not Path(db).exists():
        raise StoreError(f"no store at {db}; run `newstrace ingest PATH --db {db}` first")
    with Store(db) as store:
        store.check()
        pending = pending_count(store)
    articles = f"{pending:,} new articles" if pending else "no new articles"
    with Progress(
        TextColumn("analysing {task.fields[articles]}: {task.description}"),
        BarColumn(bar_width=None),
        _CountColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        tasks: list[TaskID] = [progress.add_task("reading the store", total=None, articles=articles)]

        def on_stage(name: str) -> None:  # a fresh task per stage: its own clock, no stale total
            progress.remove_task(tasks[-1])
            tasks.append(progress.add_task(name, total=None, articles=articles))

        def on_count(done: int, total: int) -> None:
            progress.update(tasks[-1], description="verifying candidate pairs", completed=done, total=total)

        report = analyze(db, config=AnalyzeConfig(embed=embed), regroup=regroup, on_stage=on_stage, on_count=on_count)
    if report.nothing_new:
        console.print(
            "nothing new to analyse" + ("; --embed compares new articles only, so it did nothing" if embed else "")
        )
        return
    if embed and report.new_articles == 0:
        console.print(
            "--embed did nothing: regrouping reuses the stored relations, and embeddings are "
            "computed only for new articles"
        )
    table = Table(title=f"analysis of {safe(db)}", show_header=False)
    table.add_row("articles analysed", str(report.new_articles))
    table.add_row("candidate pairs checked", str(report.candidate_pairs))
    for kind in ("copy", "same_story", "related"):
        table.add_row(f"{kind} relations (all)", str(report.relations.get(kind, 0)))
    table.add_row(
        "copy groups / stories / storylines", f"{report.copy_groups} / {report.stories} / {report.storylines}"
    )
    table.add_row("copy groups traced, changes found", f"{report.traced_groups}, {report.changes}")
    table.add_row("seconds", ", ".join(f"{k} {v:.1f}" for k, v in report.seconds.items()))
    console.print(table)


@main.command("similar")
@click.argument("article_id")
@DB_OPTION
@JSON_OPTION
def similar_command(article_id: str, db: str, as_json: bool) -> None:
    """An article's copies, same-story and related articles, with shared passages."""
    from newstrace.render.terminal import show_similar
    from newstrace.views import similar_view

    with Store(db, readonly=True) as store:
        view = similar_view(store, article_id)
    _emit(view, as_json, lambda: show_similar(out, view))


@main.command("stories")
@DB_OPTION
@setting_option("--min-size", name="stories_min_size")
@setting_option("--limit", name="stories_limit")
@JSON_OPTION
def stories_command(db: str, min_size: int, limit: int, as_json: bool) -> None:
    """Stories with their sizes, outlets and time spans, largest first."""
    from newstrace.render.terminal import show_stories
    from newstrace.views import stories

    with Store(db, readonly=True) as store:
        found = stories(store, min_size=min_size)[:limit]
    _emit(found, as_json, lambda: show_stories(out, found))


@main.command("story")
@click.argument("article_id")
@DB_OPTION
@JSON_OPTION
def story_command(article_id: str, db: str, as_json: bool) -> None:
    """The articles of a story (give a story id or any member's id), by copy group, oldest first."""
    from newstrace.render.terminal import show_story
    from newstrace.views import story

    with Store(db, readonly=True) as store:
        view = story(store, article_id)
    _emit(view, as_json, lambda: show_story(out, view))


@main.command("storyline")
@click.argument("article_id")
@DB_OPTION
@JSON_OPTION
def storyline_command(article_id: str, db: str, as_json: bool) -> None:
    """The stories of a storyline (give any member's id), oldest first."""
    from newstrace.render.terminal import show_storyline
    from newstrace.views import storyline

    with Store(db, readonly=True) as store:
        view = storyline(store, article_id)
    _emit(view, as_json, lambda: show_storyline(out, view))


@main.command("trace")
@click.argument("article_id")
@DB_OPTION
@JSON_OPTION
def trace_command(article_id: str, db: str, as_json: bool) -> None:
    """The family tree of an article's copy group: origin, parents, times, outlets, changes."""
    from newstrace.render.terminal import show_trace
    from newstrace.views import trace

    with Store(db, readonly=True) as store:
        view = trace(store, article_id)
    _emit(view, as_json, lambda: show_trace(out, view))


@main.command("diff")
@click.argument("parent_id")
@click.argument("child_id")
@DB_OPTION
@JSON_OPTION
def diff_command(parent_id: str, child_id: str, db: str, as_json: bool) -> None:
    """What CHILD changed relative to PARENT: sentences added, removed, reworded, tagged."""
    from newstrace.render.terminal import diff_summary, show_diff
    from newstrace.views import diff_view

    with Store(db, readonly=True) as store:
        view = diff_view(store, parent_id, child_id)
    _emit(
        {
            "parent": parent_id,
            "child": child_id,
            "edge": view.edge,
            "relation": view.relation,
            "note": view.note,
            "summary": diff_summary(view.changes),
            "changes": view.changes,
        },
        as_json,
        lambda: show_diff(out, view),
    )


@main.command("rejects")
@DB_OPTION
@JSON_OPTION
def rejects_command(db: str, as_json: bool) -> None:
    """List every rejected input with file, line and reason."""
    with Store(db, readonly=True) as store:
        rejects = store.rejects()
    if as_json:
        click.echo(to_json(rejects))
        return
    table = Table("origin", "line", "reason", "detail")
    for r in rejects:
        table.add_row(safe(r.origin), str(r.line or ""), safe(r.reason), safe(r.detail))
    out.print(table)


@main.group("export")
def export_group() -> None:
    """Export records for other tools."""


def _write(records: Iterator[dict[str, Any]], fmt: str, output: str | None, noun: str, db: str) -> None:
    if fmt == "parquet" and not output:
        raise click.UsageError("Parquet is written to a file: add -o FILE.parquet")
    if output:
        n = write_records_to_file(records, output, fmt, protect=[db])
        console.print(f"wrote {n} {noun} to {safe(output)}")
    else:
        write_records(records, sys.stdout, fmt)


@export_group.command("articles")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (default stdout).")
def export_articles_command(db: str, fmt: str, output: str | None) -> None:
    """One record per article: id, outlet, url, title, published, byline, sources, text,
    copy_group, story, storyline, parent, origin."""
    with Store(db, readonly=True) as store:
        _write(export_articles(store), fmt, output, "articles", db)


@export_group.command("changes")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (default stdout).")
def export_changes_command(db: str, fmt: str, output: str | None) -> None:
    """One record per change along a copy edge: parent, child, kind, old, new, tags."""
    with Store(db, readonly=True) as store:
        _write(export_changes(store), fmt, output, "changes", db)


@main.command("serve")
@DB_OPTION
@setting_option("--host", name="serve_host")
@setting_option("--port", name="serve_port")
def serve_command(db: str, host: str, port: int) -> None:
    """Explore the store in a browser: search, stories, copy trees, diffs (read-only; needs newstrace[web])."""
    try:
        import uvicorn

        from newstrace.web.app import create_app
    except ImportError as exc:
        raise NewstraceError(
            f"the web UI needs its extra: pip install 'newstrace[web]' ({exc.name} is missing)"
        ) from None
    app = create_app(db)
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print(
            f"[yellow]warning:[/yellow] listening on {safe(host)}: anyone who can reach this machine "
            "can read the whole store (there is no login); use --host 127.0.0.1 to keep it local"
        )
    shown = f"[{host}]" if ":" in host else host
    console.print(f"serving {safe(db)} read-only at http://{safe(shown)}:{port}/  (Ctrl+C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.command("report")
@click.argument("story_or_article")
@DB_OPTION
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(dir_okay=False),
    help="HTML file to write: one self-contained page that opens offline.",
)
def report_command(story_or_article: str, db: str, out: str) -> None:
    """Write one HTML file showing a story's copy trees, timeline and diffs, to share (needs newstrace[web])."""
    try:
        from newstrace.web.report import write_report
    except ImportError as exc:
        raise NewstraceError(
            f"reports need the web extra: pip install 'newstrace[web]' ({exc.name} is missing)"
        ) from None
    with Store(db, readonly=True) as store:
        size = write_report(store, story_or_article, out)
    console.print(f"wrote {safe(out)} ({size / 1e6:.2f} MB)")


@export_group.command("borrowings")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (default stdout).")
def export_borrowings_command(db: str, fmt: str, output: str | None) -> None:
    """One record per partial reuse that makes no copy: borrower, source, passages, share."""
    with Store(db, readonly=True) as store:
        _write(export_borrowings(store), fmt, output, "borrowings", db)


@export_group.command("claims")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (default stdout).")
def export_claims_command(db: str, fmt: str, output: str | None) -> None:
    """One record per claim occurrence: article, claim, quote, kind, speaker, speaker_mention, cue,
    via, certainty, hedges, stance, stance_to, char_start, char_end."""
    with Store(db, readonly=True) as store:
        _write(export_claims(store), fmt, output, "claim occurrences", db)


@main.command("claims")
@click.argument("story_or_article")
@DB_OPTION
@JSON_OPTION
def claims_command(story_or_article: str, db: str, as_json: bool) -> None:
    """A story's attributed claims: who said what through whom, their carriers over time, the
    certainty each version gives them, and the denials and confirmations of them."""
    from newstrace.render.terminal import show_claims
    from newstrace.views import claims

    with Store(db, readonly=True) as store:
        view = claims(store, story_or_article)
    _emit(view, as_json, lambda: show_claims(out, view))


def sample_path() -> Path:
    """The bundled sample data (seeds and a CLICK-ID sample)."""
    return Path(str(resources.files("newstrace") / "sample"))


@main.command("demo")
@setting_option("--db", name="demo_db", type=click.Path(dir_okay=False))
def demo_command(db: str) -> None:
    """Run the whole pipeline on the bundled sample data and show what it finds."""
    from newstrace.demo import run_demo

    for suffix in ("", "-wal", "-shm"):
        Path(db + suffix).unlink(missing_ok=True)
    run_demo(sample_path(), db, out)


main.add_command(spark_group)
main.add_command(dedup_command)


if __name__ == "__main__":
    main()
