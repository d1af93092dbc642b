"""The calibrated classifier's thresholds and models, saved as JSON."""

from __future__ import annotations

import json

from newstrace.match import default_thresholds
from newstrace.match_models import Thresholds


def test_thresholds_round_trip_through_json() -> None:
    thresholds = default_thresholds()
    again = Thresholds.from_json(json.loads(json.dumps(thresholds.to_json())))
    assert again == thresholds
    assert thresholds.info.get("pairs") == 301  # calibrated on the dev labels
