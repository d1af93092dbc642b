"""``newstrace spark dedup|match INPUT... OUTPUT``; also the entry point of ``spark-submit``
(``python -m newstrace.spark.submit`` prints its path). PySpark is imported only when a
command runs, so the rest of the CLI works without it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from newstrace.errors import InputError

__all__ = ["spark_group"]

SUBMITTED = "newstrace.spark.submitted"


def _options(function: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        [
            click.argument("paths", nargs=-1, required=True),
            click.option("--master", help="Spark master (default local[*]; under spark-submit, its --master)."),
            click.option(
                "--format", "fmt", type=click.Choice(["jsonl", "parquet"]), default="jsonl", show_default=True
            ),
            click.option(
                "--threshold",
                default=0.5,
                show_default=True,
                type=click.FloatRange(0.05, 1.0),
                help="Share of the shorter text's 5-word shingles found in the other at which two are duplicates.",
            ),
            click.option(
                "--keep",
                type=click.Choice(["earliest", "longest"]),
                default="earliest",
                show_default=True,
                help="Which article of a cluster to keep.",
            ),
            click.option(
                "--map", "maps", multiple=True, metavar="NAME=FIELD", help="Map an input field, as for ingest."
            ),
            click.option(
                "--num-perm", default=128, show_default=True, type=click.IntRange(16, 512), help="MinHash permutations."
            ),
            click.option("--partitions", type=click.IntRange(1), help="Shuffle partitions (default: Spark's)."),
            click.option(
                "--summary",
                "summary_path",
                type=click.Path(dir_okay=False),
                help="Also write the summary as JSON (a local file).",
            ),
        ]
    ):
        function = option(function)
    return function


@click.group("spark")
def spark_group() -> None:
    """The dedup path on Spark: the same kernels and the same output as ``newstrace dedup``.
    Needs ``pip install 'newstrace[spark]'`` and Java 17."""


def _run(
    ctx: click.Context,
    command: str,
    paths: tuple[str, ...],
    master: str | None,
    fmt: str,
    threshold: float,
    keep: str,
    maps: tuple[str, ...],
    num_perm: int,
    partitions: int | None,
    summary_path: str | None,
) -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise InputError("PySpark is not installed: pip install 'newstrace[spark]' (and Java 17)") from None
    from newstrace.dedup.core import DedupConfig
    from newstrace.ingest.fields import parse_mapping
    from newstrace.spark.job import session, spark_dedup, spark_match

    if len(paths) < 2:
        raise InputError(f"give the inputs and then the output folder: newstrace spark {command} INPUT... OUTPUT")
    *inputs, output = paths
    submitted = bool(ctx.find_root().obj and ctx.find_root().obj.get(SUBMITTED))
    config = DedupConfig(threshold=threshold, keep=keep, num_perm=num_perm)  # type: ignore[arg-type]
    spark = session(
        master or (None if submitted else "local[*]"), partitions, {"spark.ui.showConsoleProgress": "false"}
    )
    run = spark_dedup if command == "dedup" else spark_match
    try:
        report = run(spark, inputs, output, fmt=fmt, config=config, mapping=parse_mapping(list(maps)))
    finally:
        if not submitted:
            spark.stop()
    summary = report.as_dict()
    click.echo(json.dumps(summary, indent=2))
    for reason, count in report.rejects.most_common():
        click.echo(f"rejected {count:,} as {reason}, e.g. {report.first_reject[reason]}", err=True)
    if summary_path:
        Path(summary_path).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")


@spark_group.command("dedup")
@_options
@click.pass_context
def spark_dedup_command(ctx: click.Context, /, **options: Any) -> None:
    """Write every article of the JSON Lines INPUTs (files or folders, local or on object
    storage) to the OUTPUT folder with dup_cluster, keep, similarity and dup_reason: the records
    of ``newstrace dedup``, in its order, split into part files."""
    _run(ctx, "dedup", **options)


@spark_group.command("match")
@_options
@click.pass_context
def spark_match_command(ctx: click.Context, /, **options: Any) -> None:
    """Write, for every dropped article, its relation to the article kept in its place: a, b,
    dup_reason, similarity, kind (copy, borrowing or null: the copy model of ``analyze`` on
    their shared passages), score, shared_a, shared_b and passages."""
    _run(ctx, "match", **options)
