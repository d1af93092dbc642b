"""Ingest: read inputs (``readers``, one per format family, with ``fields`` mapping record keys),
turn each into an article or a reject (``prepare``), and write them (``newstrace.pipeline``)."""

from newstrace.ingest.fields import FieldUsage, parse_mapping
from newstrace.ingest.prepare import clean_raw
from newstrace.pipeline import IngestReport, ingest

__all__ = ["ingest", "IngestReport", "FieldUsage", "clean_raw", "parse_mapping"]
