"""Entry point for ``spark-submit``: ``spark-submit [options] $(python -m newstrace.spark.submit)
dedup|match INPUT... OUTPUT``. Run as a module it prints its own path; submitted, it runs
``newstrace spark`` on the cluster's session (the master comes from spark-submit)."""

from __future__ import annotations

import sys


def run() -> None:
    from newstrace.cli import main
    from newstrace.spark.cli import SUBMITTED

    main(["spark", *sys.argv[1:]], obj={SUBMITTED: True})


if __name__ == "__main__":
    if sys.argv[1:]:
        run()
    else:
        print(__file__)
