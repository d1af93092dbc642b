"""The per-partition kernels: pair hashes are the same in every process (each executor is one),
and unsigned keys keep their order as Spark's signed longs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from newstrace.spark.kernels import from_signed, to_signed
from tests.conftest import REPO, SEEDS

_HASH_PROBE = """
import json, sys
from newstrace.algo.passages import prepare
from newstrace.match_doc import MatchDoc
texts = json.loads(sys.stdin.read())
prepared = prepare(texts)
doc = MatchDoc.build("a", "Judul", texts)
print(json.dumps([prepared.token_hashes.tolist(), prepared.token_sentence.tolist(), doc.shingles.tolist()]))
"""


def test_pair_kernels_hash_the_same_in_every_process(tmp_path: Path) -> None:
    sentences = [line for line in SEEDS.glob("*.txt")][0].read_text(encoding="utf-8").splitlines()[:20]
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO / "src")}
        done = subprocess.run(
            [sys.executable, "-c", _HASH_PROBE],
            input=json.dumps(sentences),
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and len(json.loads(outputs[0])[0]) > 50


def test_unsigned_keys_keep_their_order_as_spark_longs() -> None:
    values = np.array([0, 1, 2**31, 2**63 - 1, 2**63, 2**64 - 2, 2**64 - 1], np.uint64)
    rng = np.random.default_rng(5)
    values = np.concatenate([values, rng.integers(0, 2**64 - 1, 500, dtype=np.uint64, endpoint=True)])
    signed = to_signed(values)
    assert signed.dtype == np.int64 and (from_signed(signed) == values).all()
    assert (np.argsort(signed, kind="stable") == np.argsort(values, kind="stable")).all()
