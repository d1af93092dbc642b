"""The per-partition steps of the Spark path, as pure functions from Arrow batches to Arrow
batches: what ``mapInArrow`` runs on the executors. No Spark here, so they are tested and
reused without a cluster; each step calls the kernels of the local ``newstrace dedup``
(``dedup.run`` for parsing and output lines, ``dedup.core`` for shingles, fingerprints,
MinHash, band keys, the overlap estimate and the representative's rank keys).

Spark has no unsigned 64-bit integers: fingerprints and id hashes travel as ``int64`` with
the top bit flipped (``to_signed``), which keeps their order, so Spark's ``min`` over them
picks what ``numpy.lexsort`` over the unsigned values picks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson
import pyarrow as pa

from newstrace.dedup.core import (
    DedupConfig,
    identity_keys,
    lsh_threshold,
    rank_keys,
    shingle_batch,
    signature_overlap,
)
from newstrace.model import RawInput, Reject

__all__ = ["ARTICLE_SCHEMA", "Kernels", "LINE_SCHEMA", "from_signed", "to_signed"]

Batches = Iterable[pa.RecordBatch]
Output = Iterator[pa.RecordBatch]

_TOP_BIT = np.uint64(1 << 63)
EMPTY_FINGERPRINT = -(1 << 63)  # to_signed(0): a text without words

# Schemas as Spark DDL (for mapInArrow) and as Arrow (for the batches built here).
LINE_SCHEMA = "file int, origin string, line long, raw binary"
ARTICLE_SCHEMA = (
    "file int, line long, id string, text string, title string, outlet string, published double, "
    "record binary, reject string, detail string"
)
SIGNED_SCHEMA = (
    "file int, line long, id string, fp long, identity long, primary double, secondary double, "
    "size int, signature binary"
)
BAND_SCHEMA = "band int, key long, fp long"
OVERLAP_SCHEMA = "a long, b long, overlap double"
LINES_OUT_SCHEMA = "value string"
PARQUET_OUT_SCHEMA = (
    "id string, url string, outlet string, title string, published string, text string, "
    "origin string, line long, dup_cluster string, keep boolean, similarity double, "
    "dup_reason string"
)


def to_signed(values: np.ndarray) -> np.ndarray:
    """uint64 to int64, order kept."""
    signed: np.ndarray = (values.astype(np.uint64) ^ _TOP_BIT).view(np.int64)
    return signed


def from_signed(values: np.ndarray) -> np.ndarray:
    """The inverse of ``to_signed``."""
    unsigned: np.ndarray = values.astype(np.int64).view(np.uint64) ^ _TOP_BIT
    return unsigned


def _one_thread() -> None:
    # Spark runs one task per core: numba's own threads would oversubscribe the executor.
    import numba

    numba.set_num_threads(1)


def _column(batch: pa.RecordBatch, name: str) -> list[Any]:
    values: list[Any] = batch.column(batch.schema.get_field_index(name)).to_pylist()
    return values


def _signatures(column: pa.Array, num_perm: int) -> np.ndarray:
    """A binary column of uint32 signatures as a ``(n, num_perm)`` array."""
    data = b"".join(column.to_pylist())
    return np.frombuffer(data, np.uint32).reshape(-1, num_perm)


@dataclass(frozen=True, slots=True)
class Kernels:
    """The steps of one run, bound to its settings (pickled to the executors)."""

    config: DedupConfig
    mapping: Mapping[str, str] | None = None
    max_bytes: int = 20_000_000

    def parse(self, batches: Batches) -> Output:
        """Lines of JSON Lines files to articles (or rejects), as ``newstrace dedup`` reads them."""
        from newstrace.dedup.run import epoch, parse_jsonl_line, record_line, to_article

        for batch in batches:
            rows: dict[str, list[Any]] = {
                name: []
                for name in ("file", "line", "id", "text", "title", "outlet", "published", "record", "reject", "detail")
            }
            for file, origin, line, raw in zip(
                _column(batch, "file"), _column(batch, "origin"), _column(batch, "line"), _column(batch, "raw")
            ):
                item = parse_jsonl_line(raw, origin, line, self.mapping, self.max_bytes)
                if item is None:
                    continue
                article = to_article(item) if isinstance(item, RawInput) else item
                rows["file"].append(file)
                rows["line"].append(line)
                if isinstance(article, Reject):
                    for name in ("id", "text", "title", "outlet", "published", "record"):
                        rows[name].append(None)
                    rows["reject"].append(article.reason)
                    rows["detail"].append(f"{origin}:{line}: {article.detail}")
                    continue
                rows["id"].append(article["id"])
                rows["text"].append(article["text"])
                rows["title"].append(article["title"])
                rows["outlet"].append(article["outlet"])
                rows["published"].append(epoch(article["published"]))
                rows["record"].append(record_line(article))
                rows["reject"].append(None)
                rows["detail"].append(None)
            yield pa.RecordBatch.from_pydict(rows, schema=_ARTICLE_ARROW)

    def sign(self, batches: Batches) -> Output:
        """Per article: its fingerprint, id hash, rank keys, shingle count and MinHash signature."""
        from newstrace.algo.minhash import MinHasher

        _one_thread()
        hasher = MinHasher(self.config.num_perm, self.config.seed)
        for batch in batches:
            values, offsets, words, fingerprints = shingle_batch(_column(batch, "text"), self.config.shingle_size)
            signatures = hasher.signatures(values, offsets)
            published = batch.column("published").to_numpy(zero_copy_only=False)
            primary, secondary = rank_keys(np.asarray(published, np.float64), words, self.config.keep)
            yield pa.RecordBatch.from_arrays(
                [
                    batch.column("file"),
                    batch.column("line"),
                    batch.column("id"),
                    pa.array(to_signed(fingerprints)),
                    pa.array(to_signed(identity_keys(_column(batch, "id")))),
                    pa.array(primary),
                    pa.array(secondary),
                    pa.array(np.diff(offsets).astype(np.int32)),
                    pa.array([row.tobytes() for row in signatures], pa.binary()),
                ],
                schema=_SIGNED_ARROW,
            )

    def bands(self, batches: Batches) -> Output:
        """One row per band of each signature: (band, key, fingerprint)."""
        from newstrace.algo.lsh import LshConfig, band_keys

        _one_thread()
        lsh = LshConfig.for_threshold(lsh_threshold(self.config.threshold), self.config.num_perm)
        for batch in batches:
            keys = band_keys(_signatures(batch.column("signature"), self.config.num_perm), lsh)
            fps = batch.column("fp").to_numpy()
            yield pa.RecordBatch.from_arrays(
                [
                    pa.array(np.tile(np.arange(lsh.bands, dtype=np.int32), fps.size)),
                    pa.array(keys.reshape(-1).view(np.int64)),
                    pa.array(np.repeat(fps, lsh.bands)),
                ],
                schema=_BAND_ARROW,
            )

    def overlap(self, batches: Batches) -> Output:
        """The overlap estimate of pairs of distinct texts, as the local verification makes it."""
        for batch in batches:
            size_a = batch.column("size_a").to_numpy()
            size_b = batch.column("size_b").to_numpy()
            estimate = signature_overlap(
                _signatures(batch.column("sig_a"), self.config.num_perm),
                _signatures(batch.column("sig_b"), self.config.num_perm),
                size_a,
                size_b,
            )
            yield pa.RecordBatch.from_arrays(
                [batch.column("a"), batch.column("b"), pa.array(estimate, pa.float64())], schema=_OVERLAP_ARROW
            )

    def lines(self, batches: Batches) -> Output:
        """Output JSON Lines, byte for byte those of ``newstrace dedup`` (without the newline)."""
        from newstrace.dedup.run import dedup_line

        for batch in batches:
            out = [
                dedup_line(record, cluster, reason, similarity)[:-1].decode("utf-8")
                for record, cluster, reason, similarity in zip(
                    _column(batch, "record"), _column(batch, "dup_cluster"), _column(batch, "reason"), _float32(batch)
                )
            ]
            yield pa.RecordBatch.from_arrays([pa.array(out, pa.string())], names=["value"])

    def parquet_rows(self, batches: Batches) -> Output:
        """Output rows for Parquet, with the columns and values of ``newstrace dedup``."""
        from newstrace.dedup.core import REASONS
        from newstrace.dedup.run import OUTPUT_FIELDS

        for batch in batches:
            records = [orjson.loads(r) for r in _column(batch, "record")]
            reason = batch.column("reason").to_numpy()
            similarity = np.round(np.asarray(_float32(batch), np.float32).astype(np.float64), 4)
            columns: dict[str, Any] = {name: [r[name] for r in records] for name in OUTPUT_FIELDS[:8]}
            columns.update(
                dup_cluster=_column(batch, "dup_cluster"),
                keep=(reason == 0).tolist(),
                similarity=similarity.tolist(),
                dup_reason=[None if code == 0 else REASONS[code] for code in reason.tolist()],
            )
            yield pa.RecordBatch.from_pydict(columns, schema=_PARQUET_ARROW)

    def relations(self, batches: Batches) -> Output:
        """Each dropped article against the one kept in its place (``dedup.relations``)."""
        from newstrace.dedup.relations import relate_to_representative

        for batch in batches:
            rows = [
                relate_to_representative(_article(r, "a_"), _article(r, "b_"), reason, similarity)
                for r, reason, similarity in zip(batch.to_pylist(), _column(batch, "reason"), _float32(batch))
            ]
            yield pa.RecordBatch.from_pylist(rows, schema=RELATION_ARROW)


def _float32(batch: pa.RecordBatch) -> list[float]:
    # The local result holds similarities as float32: the output rounds the same value.
    similarity = np.asarray(batch.column("similarity").to_numpy(zero_copy_only=False), np.float64).astype(np.float32)
    values: list[float] = similarity.tolist()
    return values


def _article(row: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    record: dict[str, Any] = orjson.loads(row[prefix + "record"])
    return record


def _arrow(ddl: str) -> pa.Schema:
    kinds: dict[str, Callable[[], pa.DataType]] = {
        "int": pa.int32,
        "long": pa.int64,
        "string": pa.string,
        "binary": pa.binary,
        "double": pa.float64,
        "boolean": pa.bool_,
    }
    fields = [part.split() for part in ddl.split(",")]
    return pa.schema([pa.field(name, kinds[kind]()) for name, kind in fields])


RELATION_SCHEMA = (
    "a string, b string, dup_reason string, similarity double, kind string, score double, "
    "shared_a double, shared_b double, passages string"
)
_ARTICLE_ARROW = _arrow(ARTICLE_SCHEMA)
_SIGNED_ARROW = _arrow(SIGNED_SCHEMA)
_BAND_ARROW = _arrow(BAND_SCHEMA)
_OVERLAP_ARROW = _arrow(OVERLAP_SCHEMA)
_PARQUET_ARROW = _arrow(PARQUET_OUT_SCHEMA)
RELATION_ARROW = _arrow(RELATION_SCHEMA)
