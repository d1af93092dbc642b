"""newstrace: trace how news stories spread, get copied and mutate across outlets.

The public API; everything else is implementation.
"""

from __future__ import annotations

import logging

from newstrace.errors import InputError, NewstraceError, NotFoundError, StoreError
from newstrace.export import export_articles
from newstrace.ingest import IngestReport, ingest
from newstrace.model import (
    Article,
    Change,
    CitedSource,
    Cleaned,
    CopyEdge,
    Passage,
    Person,
    Reject,
    Relation,
)
from newstrace.store import Store

__all__ = [
    "Article",
    "Change",
    "CitedSource",
    "Cleaned",
    "CopyEdge",
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
    "export_articles",
    "ingest",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
