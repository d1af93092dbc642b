"""newstrace: trace how news stories spread, get copied and mutate across outlets.

The public API; everything else is implementation.
"""

from __future__ import annotations

import logging

from newstrace.errors import InputError, NewstraceError, NotFoundError, StoreError
from newstrace.export import export_articles, export_borrowings, export_changes, export_claims
from newstrace.ingest import IngestReport, ingest
from newstrace.model import (
    Article,
    Borrowing,
    Change,
    CitedSource,
    Cleaned,
    CopyEdge,
    Passage,
    Person,
    Reject,
    Relation,
)
from newstrace.pipeline import AnalyzeConfig, AnalyzeReport, analyze
from newstrace.store import Store
from newstrace.views import (
    ClaimsView,
    ClaimView,
    DiffView,
    StorySummary,
    TraceView,
    borrowings,
    claims,
    diff,
    diff_view,
    similar,
    stories,
    trace,
)

__all__ = [
    "AnalyzeConfig",
    "AnalyzeReport",
    "Article",
    "Borrowing",
    "Change",
    "ClaimView",
    "ClaimsView",
    "CitedSource",
    "Cleaned",
    "CopyEdge",
    "DiffView",
    "IngestReport",
    "InputError",
    "NewstraceError",
    "NotFoundError",
    "Passage",
    "Person",
    "Reject",
    "Relation",
    "Store",
    "StoreError",
    "StorySummary",
    "TraceView",
    "analyze",
    "borrowings",
    "claims",
    "diff",
    "diff_view",
    "export_articles",
    "export_borrowings",
    "export_changes",
    "export_claims",
    "ingest",
    "similar",
    "stories",
    "trace",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
