"""The near-duplicate path on Spark: ``newstrace spark dedup|match``.

DataFrame code only (no GraphFrames jar): ``kernels`` holds the per-partition steps run by
``mapInArrow`` (pure Arrow in, Arrow out, calling the local dedup's kernels), ``graph`` the
connected components by iterated joins, ``job`` the plan. Needs ``pip install 'newstrace[spark]'``
and Java 17.
"""
