"""Band keys: one band's keys are that column of all of them, and the empty text keeps key 0."""

from __future__ import annotations

import json

import numpy as np

from newstrace.algo.lsh import band_key_column, band_keys
from newstrace.algo.minhash import MinHasher
from newstrace.algo.shingles import batch_shingle_hashes
from newstrace.dedup import Deduplicator
from tests.conftest import CLICKID_SAMPLE


def _sample_texts(limit: int) -> list[str]:
    return [json.loads(line)["text"] for line in CLICKID_SAMPLE.read_text(encoding="utf-8").splitlines()][:limit]


def test_one_band_keys_are_that_column_of_all_band_keys() -> None:
    engine = Deduplicator()  # the band layout the dedup command uses
    signatures = MinHasher().signatures(*batch_shingle_hashes(["", *_sample_texts(60)]))
    every = band_keys(signatures, engine.lsh)
    for band in (0, 7, engine.lsh.bands - 1):
        column = band_key_column(signatures, band, engine.lsh)
        assert (column == every[:, band]).all() and column[0] == 0  # the empty text keeps key 0
    assert np.unique(every[1:, 0]).size > 50  # the keys tell the texts apart
