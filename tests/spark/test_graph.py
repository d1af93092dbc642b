"""Connected components by iterated joins, on graphs label propagation would be slow on."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.timeout(300)
def test_components_of_a_long_chain_and_a_star(spark: Any) -> None:
    from newstrace.spark.graph import connected_components

    chain = [(i, i + 1) for i in range(40, 80)]  # diameter 40: label propagation would need 40 rounds
    star = [(7, 3), (7, 5), (5, 1)]
    edges = spark.createDataFrame(list(reversed(chain)) + star, "u long, v long")
    components = {row["node"]: row["component"] for row in connected_components(edges).collect()}
    assert components == {**{i: 40 for i in range(40, 81)}, **{i: 1 for i in (1, 3, 5, 7)}}
