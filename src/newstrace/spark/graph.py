"""Connected components of an edge DataFrame by iterated joins, no GraphFrames: the
alternating large-star / small-star rounds of Kiveris et al. ("Connected Components in
MapReduce and Beyond", SoCC 2014), which end, in O(log² n) rounds, with every component a
star around its smallest node.

* large-star: every node links each *larger* neighbour to the smallest node of its own
  neighbourhood (itself included);
* small-star: every node links itself and its *smaller* neighbours to the smallest of them.

Both keep the components and shrink the labels; the rounds stop when the edges form a
set as it was. Each round's edges are checkpointed locally so the plan stays short.
"""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

__all__ = ["connected_components"]


def _normalised(edges: DataFrame) -> DataFrame:
    """Each undirected edge once, as (u, v) with u < v."""
    return (
        edges.select(F.least("u", "v").alias("u"), F.greatest("u", "v").alias("v"))
        .where(F.col("u") != F.col("v"))
        .distinct()
    )


def _large_star(edges: DataFrame) -> DataFrame:
    both = edges.unionByName(edges.select(F.col("v").alias("u"), F.col("u").alias("v")))
    smallest = both.groupBy("u").agg(F.least(F.min("v"), F.col("u")).alias("m"))
    linked = both.where(F.col("v") > F.col("u")).join(smallest, "u")
    return _normalised(linked.select(F.col("v").alias("u"), F.col("m").alias("v")))


def _small_star(edges: DataFrame) -> DataFrame:
    # edges hold u < v: for node v, its smaller neighbours are the u's.
    smallest = edges.groupBy("v").agg(F.min("u").alias("m"))
    neighbours = edges.join(smallest, "v").select(F.col("u"), F.col("m").alias("v"))
    centres = smallest.select(F.col("v").alias("u"), F.col("m").alias("v"))
    return _normalised(neighbours.unionByName(centres))


def _is_star_forest(edges: DataFrame) -> bool:
    """True when every component is a star around its smallest node: no node is a leaf (the
    larger end) of two edges, nor both a leaf and a centre. One pass over the edges."""
    ends = (
        edges.select(F.col("v").alias("node"), F.lit(1).alias("leaf"), F.lit(0).alias("centre"))
        .unionByName(edges.select(F.col("u").alias("node"), F.lit(0).alias("leaf"), F.lit(1).alias("centre")))
        .groupBy("node")
        .agg(F.sum("leaf").alias("leaf"), F.max("centre").alias("centre"))
    )
    return ends.where((F.col("leaf") > 1) | ((F.col("leaf") == 1) & (F.col("centre") == 1))).isEmpty()


def connected_components(edges: DataFrame, max_rounds: int = 64) -> DataFrame:
    """``(node, component)`` for every node of ``edges`` (long columns ``u``, ``v``): the
    component is its smallest node. Nodes without edges are not listed."""
    current = _normalised(edges).localCheckpoint(eager=False)
    for _ in range(max_rounds):
        if _is_star_forest(current):  # most near-duplicate clusters are pairs: stars from the start
            break
        current = _small_star(_large_star(current)).localCheckpoint(eager=False)
    else:
        raise RuntimeError(f"connected components did not converge in {max_rounds} rounds")
    leaves = current.select(F.col("v").alias("node"), F.col("u").alias("component"))
    centres = current.select(F.col("u").alias("node"), F.col("u").alias("component")).distinct()
    return leaves.unionByName(centres)
