"""One local Spark session (``local[2]``) for every Spark test: starting one takes seconds."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.memory": "768m",
    "spark.sql.adaptive.enabled": "false",
    "spark.default.parallelism": "2",
}


@pytest.fixture(scope="package")
def spark() -> Iterator[Any]:
    # CI installs both (.ci/run): there a missing one is a failure, not a skip.
    missing = pytest.fail if os.environ.get("CI") == "true" else pytest.skip
    try:
        import pyspark  # noqa: F401
    except ImportError:
        missing("PySpark is not installed: pip install 'newstrace[spark]'")
    if shutil.which("java") is None:
        missing("no Java runtime for Spark: install openjdk-17-jre-headless")
    from newstrace.spark.job import session

    spark = session("local[2]", 2, SPARK_CONF)
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()
