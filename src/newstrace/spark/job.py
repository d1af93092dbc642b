"""``newstrace spark dedup|match``: the local dedup as a DataFrame plan.

1. Lines of the JSON Lines inputs (one RDD per file, numbered as the local reader numbers
   them) are parsed into articles or rejects by ``dedup.run``'s own parser.
2. ``mapInArrow`` signs each partition: fingerprint, shingle count, MinHash signature, and the
   keys that choose a representative.
3. One signature per fingerprint (exact copies share one) is cut into band keys; a self-join on
   (band, key), buckets over ``max_bucket_size`` left out as the local index leaves them out,
   gives the candidate pairs; they are verified on the local overlap estimate.
4. Components of the verified pairs by large-star / small-star joins (``spark.graph``).
5. Per component the representative is the minimum of the local rank keys (keep rule, id hash,
   fingerprint, then input position); each article's similarity is the overlap of its
   signature with the representative's.
6. Output rows in input order, written by ``dedup.run``'s own line formatter (JSON Lines: the
   part files concatenated are the local output byte for byte) or as Parquet.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from newstrace.dedup.core import DedupConfig
from newstrace.errors import InputError
from newstrace.spark.graph import connected_components
from newstrace.spark.kernels import (
    ARTICLE_SCHEMA,
    BAND_SCHEMA,
    EMPTY_FINGERPRINT,
    LINE_SCHEMA,
    LINES_OUT_SCHEMA,
    OVERLAP_SCHEMA,
    PARQUET_OUT_SCHEMA,
    RELATION_SCHEMA,
    SIGNED_SCHEMA,
    Kernels,
)

__all__ = ["SparkReport", "session", "spark_dedup"]


@dataclass(slots=True)
class SparkReport:
    """What one run did, with the keys of the local ``DedupReport.as_dict``."""

    summary: dict[str, Any] = field(default_factory=dict)
    rejects: Counter[str] = field(default_factory=Counter)
    first_reject: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.summary,
            "rejected": sum(self.rejects.values()),
            "rejected_by_reason": dict(self.rejects),
            "seconds": round(self.seconds, 3),
        }


def session(
    master: str | None = None, shuffle_partitions: int | None = None, extra: Mapping[str, str] | None = None
) -> SparkSession:
    """A Spark session; ``master`` None leaves it to ``spark-submit``. A local master runs the
    Python workers with this interpreter."""
    if master and master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("newstrace").config("spark.python.daemon.module", "newstrace.spark.daemon")
    if master:
        builder = builder.master(master)
    if shuffle_partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(shuffle_partitions))
    for key, value in (extra or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def _has_scheme(path: str) -> bool:
    return "://" in path or path.startswith("file:")


def input_files(spark: SparkSession, paths: Sequence[str]) -> list[tuple[str, str]]:
    """``(origin, location)`` of every JSON Lines file under ``paths``, in the local reading
    order; ``origin`` is what the local path writes (the path as given), ``location`` what
    Hadoop opens. Paths with a scheme (``s3a://``, ``hdfs://``, ``gs://``) are listed by Hadoop."""
    from newstrace.dedup.run import input_files as local_files
    from newstrace.ingest.readers import detect_format

    found: list[tuple[str, str]] = []
    for given in paths:
        if not _has_scheme(given):
            if not Path(given).exists():
                raise InputError(f"no such file or folder: {given!r}")
            found.extend((str(p), p.resolve().as_uri()) for p in local_files([given]))
            continue
        jvm: Any = spark.sparkContext._jvm  # noqa: SLF001 - Hadoop's file system has no Python API
        hadoop_path = jvm.org.apache.hadoop.fs.Path(given)
        fs = hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())  # noqa: SLF001
        listing = fs.listFiles(hadoop_path, True)
        names = []
        while listing.hasNext():
            name = str(listing.next().getPath().toString())
            if not name.rsplit("/", 1)[-1].startswith((".", "_")) and detect_format(name):
                names.append(name)
        found.extend((name, name) for name in sorted(names))
    for origin, _ in found:
        name = origin.lower().removesuffix(".gz")
        if detect_format(origin) != "jsonl" or name.endswith(".json"):
            raise InputError(
                f"{origin!r}: newstrace spark reads JSON Lines (.jsonl, .jsonl.gz); "
                "run the local newstrace dedup for other formats"
            )
    if not found:
        raise InputError(f"no JSON Lines files under {', '.join(map(repr, paths))}")
    return found


def read_lines(spark: SparkSession, files: Sequence[tuple[str, str]]) -> DataFrame:
    """Every line of ``files`` as (file, origin, line, raw bytes), lines numbered from 1."""
    context = spark.sparkContext
    numbered = [
        context.textFile(location, minPartitions=1, use_unicode=False).zipWithIndex().map(_numbered(index, origin))
        for index, (origin, location) in enumerate(files)
    ]
    return spark.createDataFrame(context.union(numbered), LINE_SCHEMA)


def _numbered(index: int, origin: str) -> Callable[[tuple[Any, int]], tuple[int, str, int, bytes]]:
    def row(pair: tuple[Any, int]) -> tuple[int, str, int, bytes]:  # bytes: use_unicode=False
        return index, origin, pair[1] + 1, pair[0]

    return row


@dataclass(slots=True)
class _Plan:
    parsed: DataFrame  # every input line's article or reject
    assigned: DataFrame  # per article: file, line, dup_cluster, reason, similarity, rep_file, rep_line
    summary: dict[str, Any]


def _plan(
    spark: SparkSession,
    paths: Sequence[str],
    config: DedupConfig,
    mapping: Mapping[str, str] | None,
    report: SparkReport,
) -> _Plan:
    kernels = Kernels(config, dict(mapping) if mapping else None)
    parsed = read_lines(spark, input_files(spark, paths)).mapInArrow(kernels.parse, ARTICLE_SCHEMA).persist()
    _count_rejects(parsed, report)
    articles = parsed.where(F.col("reject").isNull()).select("file", "line", "id", "text", "published")
    signed = articles.mapInArrow(kernels.sign, SIGNED_SCHEMA).persist()
    signatures = (
        signed.where(F.col("fp") != EMPTY_FINGERPRINT)
        .groupBy("fp")
        .agg(F.first("size").alias("size"), F.first("signature").alias("signature"))
        .persist()
    )
    verified = F.col("overlap") >= config.threshold
    scored = _overlaps(_candidate_pairs(signatures, kernels, config), signatures, kernels).persist()
    pair_counts = scored.agg(
        F.count("*").alias("candidates"), F.sum(verified.cast("long")).alias("verified")
    ).collect()[0]
    edges = scored.where(verified).select(F.col("a").alias("u"), F.col("b").alias("v"))
    assigned, representatives = _assign(signed, connected_components(edges), signatures, kernels)
    summary = _summary(assigned, representatives)
    summary["candidate_pairs"] = int(pair_counts["candidates"])
    summary["verified_pairs"] = int(pair_counts["verified"] or 0)
    return _Plan(parsed, assigned, summary)


def _count_rejects(parsed: DataFrame, report: SparkReport) -> None:
    """Rejected lines counted by reason, each reason with its first example."""
    for row in (
        parsed.where(F.col("reject").isNotNull())
        .groupBy("reject")
        .agg(F.count("*").alias("n"), F.min(F.struct("file", "line", "detail")).alias("first"))
        .collect()
    ):
        report.rejects[row["reject"]] = row["n"]
        report.first_reject[row["reject"]] = row["first"]["detail"]


def _candidate_pairs(signatures: DataFrame, kernels: Kernels, config: DedupConfig) -> DataFrame:
    """Distinct pairs (a < b) of fingerprints sharing a band bucket that is not oversized."""
    bands = signatures.mapInArrow(kernels.bands, BAND_SCHEMA)
    buckets = (
        bands.groupBy("band", "key")
        .agg(F.count("*").alias("n"))
        .where((F.col("n") > 1) & (F.col("n") <= config.max_bucket_size))
        .select("band", "key")
    )
    members = bands.join(buckets, ["band", "key"])
    x, y = members.alias("x"), members.alias("y")
    same_bucket = (F.col("x.band") == F.col("y.band")) & (F.col("x.key") == F.col("y.key"))
    return (
        x.join(y, same_bucket & (F.col("x.fp") < F.col("y.fp")))
        .select(F.col("x.fp").alias("a"), F.col("y.fp").alias("b"))
        .distinct()
    )


# The representative's fields each article carries, renamed for the output.
_REP_COLUMNS = (("fp", "rep_fp"), ("rep_id", "dup_cluster"), ("file", "rep_file"), ("line", "rep_line"))


def _assign(
    signed: DataFrame, components: DataFrame, signatures: DataFrame, kernels: Kernels
) -> tuple[DataFrame, DataFrame]:
    """Each article with its cluster's representative, the reason it is kept or dropped, and
    its similarity to the representative; and the clusters with their sizes."""
    # Texts without words are never linked: each is a group of its own, keyed by its position.
    empty = F.col("fp") == EMPTY_FINGERPRINT
    keyed = (
        signed.drop("size", "signature")
        .join(components, F.col("fp") == F.col("node"), "left")
        .withColumn("component", F.coalesce("component", "fp"))
        .withColumn("solo_file", F.when(empty, F.col("file")).otherwise(-1))
        .withColumn("solo_line", F.when(empty, F.col("line")).otherwise(-1))
    )
    group = ["component", "solo_file", "solo_line"]
    rank = F.struct("primary", "secondary", "identity", "fp", "file", "line", F.col("id").alias("rep_id"))
    representatives = keyed.groupBy(*group).agg(F.min(rank).alias("rep"), F.count("*").alias("members")).persist()
    reason = (
        F.when((F.col("file") == F.col("rep.file")) & (F.col("line") == F.col("rep.line")), 0)
        .when((F.col("fp") == F.col("rep.fp")) & ~empty, 1)
        .otherwise(2)
    )
    rep_columns = [F.col(f"rep.{name}").alias(alias) for name, alias in _REP_COLUMNS]
    with_reason = keyed.join(representatives, group).select("file", "line", "fp", *rep_columns, reason.alias("reason"))
    near = with_reason.where(F.col("reason") == 2).select(F.col("fp").alias("a"), F.col("rep_fp").alias("b")).distinct()
    near_overlap = _overlaps(near, signatures, kernels).select(
        F.col("a").alias("fp"), F.col("b").alias("rep_fp"), "overlap"
    )
    assigned = (
        with_reason.join(near_overlap, ["fp", "rep_fp"], "left")
        .withColumn("similarity", F.when(F.col("reason") == 2, F.col("overlap")).otherwise(1.0))
        .select("file", "line", "dup_cluster", "reason", "similarity", "rep_file", "rep_line")
        .persist()
    )
    return assigned, representatives


def _summary(assigned: DataFrame, representatives: DataFrame) -> dict[str, Any]:
    """The run's counts: articles, kept, clusters, dropped (by reason), the largest cluster."""
    counts = {row["reason"]: row["n"] for row in assigned.groupBy("reason").agg(F.count("*").alias("n")).collect()}
    sizes = representatives.agg(
        F.sum(F.when(F.col("members") > 1, 1).otherwise(0)).alias("clusters"), F.max("members").alias("largest")
    ).collect()[0]
    return {
        "articles": sum(counts.values()),
        "kept": counts.get(0, 0),
        "clusters": int(sizes["clusters"] or 0),
        "dropped": counts.get(1, 0) + counts.get(2, 0),
        "dropped_by_reason": {"exact": counts.get(1, 0), "near": counts.get(2, 0)},
        "largest_cluster": int(sizes["largest"] or 0),
    }


def _overlaps(pairs: DataFrame, signatures: DataFrame, kernels: Kernels) -> DataFrame:
    """``pairs`` (a, b of fingerprints) with the overlap estimate of their texts."""
    side_a = signatures.select(F.col("fp").alias("a"), F.col("size").alias("size_a"), F.col("signature").alias("sig_a"))
    side_b = signatures.select(F.col("fp").alias("b"), F.col("size").alias("size_b"), F.col("signature").alias("sig_b"))
    return (
        pairs.join(side_a, "a")
        .join(side_b, "b")
        .select("a", "b", "size_a", "size_b", "sig_a", "sig_b")
        .mapInArrow(kernels.overlap, OVERLAP_SCHEMA)
    )


def _check_output(output: str, paths: Sequence[str]) -> None:
    if _has_scheme(output):
        return
    target = Path(output).resolve()
    if target.exists():
        raise InputError(f"{output!r} exists; Spark writes a new folder: remove it or choose another")
    if not target.parent.is_dir():
        raise InputError(f"cannot write {output!r}: the folder {str(target.parent)!r} does not exist; create it first")
    for given in paths:
        if not _has_scheme(given) and target.is_relative_to(Path(given).resolve()):
            raise InputError(f"the output {output!r} lies among the inputs; choose another folder")


def spark_dedup(
    spark: SparkSession,
    paths: Sequence[str],
    output: str,
    *,
    fmt: str = "jsonl",
    config: DedupConfig | None = None,
    mapping: Mapping[str, str] | None = None,
) -> SparkReport:
    """``newstrace dedup`` on Spark: ``output`` is a folder of part files which, read in
    name order, hold the local output's records in the local order."""
    if fmt not in ("jsonl", "parquet"):
        raise InputError(f"unknown dedup output format {fmt!r}; use jsonl or parquet")
    _check_output(output, paths)
    config = config or DedupConfig()
    started = time.perf_counter()
    report = SparkReport()
    plan = _plan(spark, paths, config, mapping, report)
    kernels = Kernels(config)
    rows = (
        plan.parsed.where(F.col("reject").isNull())
        .select("file", "line", "record")
        .join(plan.assigned, ["file", "line"])
        .orderBy("file", "line")
    )
    if fmt == "jsonl":
        rows.mapInArrow(kernels.lines, LINES_OUT_SCHEMA).write.text(output)
    else:
        rows.mapInArrow(kernels.parquet_rows, PARQUET_OUT_SCHEMA).write.option("compression", "zstd").parquet(output)
    report.summary = plan.summary
    report.seconds = time.perf_counter() - started
    return report


def spark_match(
    spark: SparkSession,
    paths: Sequence[str],
    output: str,
    *,
    fmt: str = "jsonl",
    config: DedupConfig | None = None,
    mapping: Mapping[str, str] | None = None,
) -> SparkReport:
    """Each dropped article's relation to the article kept in its place (``dedup.relations``),
    in input order: ``output`` is a folder of JSON Lines or Parquet part files."""
    if fmt not in ("jsonl", "parquet"):
        raise InputError(f"unknown match output format {fmt!r}; use jsonl or parquet")
    _check_output(output, paths)
    config = config or DedupConfig()
    started = time.perf_counter()
    report = SparkReport()
    plan = _plan(spark, paths, config, mapping, report)
    records = plan.parsed.where(F.col("reject").isNull()).select("file", "line", "record")
    side_b = records.select(
        F.col("file").alias("rep_file"), F.col("line").alias("rep_line"), F.col("record").alias("b_record")
    )
    pairs = (
        plan.assigned.where(F.col("reason") != 0)
        .join(records.withColumnRenamed("record", "a_record"), ["file", "line"])
        .join(side_b, ["rep_file", "rep_line"])
        .orderBy("file", "line")
        .select("a_record", "b_record", "reason", "similarity")
    )
    relations = pairs.mapInArrow(Kernels(config).relations, RELATION_SCHEMA)
    if fmt == "jsonl":
        relations.write.option("ignoreNullFields", "false").json(output)
    else:
        relations.write.option("compression", "zstd").parquet(output)
    report.summary = {**plan.summary, "relations": plan.summary["dropped"]}  # one per dropped article
    report.seconds = time.perf_counter() - started
    return report
