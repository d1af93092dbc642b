"""``newstrace dedup INPUT... --out OUT``: near-duplicate marking of crawl files, without a store."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.progress import Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newstrace.cli_options import console, setting_option
from newstrace.escape import safe
from newstrace.ingest import parse_mapping

__all__ = ["dedup_command"]


@click.command("dedup")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--out",
    "output",
    required=True,
    type=click.Path(dir_okay=False),
    help="File to write every article to, with dup_cluster, keep, similarity and dup_reason.",
)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet"]), default="jsonl", show_default=True)
@setting_option("--threshold", name="dedup_threshold")
@setting_option("--keep", name="dedup_keep")
@click.option("--map", "maps", multiple=True, metavar="NAME=FIELD", help="Map an input field, as for ingest.")
@click.option(
    "--input-format",
    type=click.Choice(["jsonl", "csv", "txt", "html", "warc", "parquet"]),
    help="Read every input as this format (default: from the file suffix).",
)
@setting_option("--num-perm", name="dedup_num_perm")
@click.option("--summary", "summary_path", type=click.Path(dir_okay=False), help="Also write the summary as JSON.")
def dedup_command(
    paths: tuple[str, ...],
    output: str,
    fmt: str,
    threshold: float,
    keep: str,
    maps: tuple[str, ...],
    input_format: str | None,
    num_perm: int,
    summary_path: str | None,
) -> None:
    """Mark near-duplicate articles in files or folders, without a store: every article is
    written with its cluster (the id of the article kept), whether it is kept, and its
    similarity to the kept one. JSON Lines, CSV, Parquet, WARC, HTML and text inputs."""
    from newstrace.dedup.core import DedupConfig
    from newstrace.dedup.run import dedup_files

    config = DedupConfig(threshold=threshold, keep=keep, num_perm=num_perm)  # type: ignore[arg-type]
    with Progress(
        TextColumn("deduplicating"),
        TextColumn("{task.completed:,.0f} articles"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("dedup", total=None)
        report = dedup_files(
            paths,
            output,
            fmt=fmt,
            config=config,
            mapping=parse_mapping(list(maps)),
            input_format=input_format,
            on_progress=lambda n: progress.advance(task, n),
        )
    summary = report.as_dict()
    table = Table(title=f"dedup into {safe(output)}", show_header=False)
    for label, key in (
        ("articles", "articles"),
        ("kept", "kept"),
        ("clusters (2 or more articles)", "clusters"),
        ("dropped", "dropped"),
        ("largest cluster", "largest_cluster"),
        ("rejected", "rejected"),
    ):
        table.add_row(label, f"{summary[key]:,}")
    for reason, count in summary["dropped_by_reason"].items():
        table.add_row(f"  dropped as {reason} copies", f"{count:,}")
    table.add_row("seconds", f"{report.seconds:.1f}")
    console.print(table)
    for reason, count in report.rejects.most_common():
        console.print(f"rejected {count:,} as {safe(reason)}, e.g. {safe(report.first_reject[reason])}", soft_wrap=True)
    if summary_path:
        Path(summary_path).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
