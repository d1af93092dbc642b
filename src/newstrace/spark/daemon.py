"""PySpark's worker daemon with newstrace's kernels imported before it forks its workers
(``spark.python.daemon.module``): every worker would otherwise import them anew, a few
seconds each, in every executor. Nothing is run before the fork, so no thread exists yet."""

from __future__ import annotations

from pyspark.daemon import manager

import newstrace.algo.lsh
import newstrace.algo.minhash
import newstrace.dedup.relations
import newstrace.dedup.run
import newstrace.match
import newstrace.spark.kernels  # noqa: F401

if __name__ == "__main__":
    manager()  # type: ignore[no-untyped-call]
