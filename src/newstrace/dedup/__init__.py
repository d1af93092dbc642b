"""Near-duplicate removal for crawls, without a store: ``core`` holds the pure clustering
(batches in, clusters out), ``run`` streams files through it for ``newstrace dedup``."""

from newstrace.dedup.core import DedupConfig, Deduplicator, DedupResult

__all__ = ["DedupConfig", "DedupResult", "Deduplicator"]
