"""Attributed claims in an article: who said what, through whom, how surely.

Pure functions over cleaned text (no store, no I/O): :func:`extract_claims`
returns :class:`Claim` objects with offsets into the text it was given.
"""

from __future__ import annotations

from newstrace.claims.extract import extract_claims
from newstrace.claims.model import Certainty, Claim, ClaimKind, Hedge, Mention, Stance

__all__ = ["Certainty", "Claim", "ClaimKind", "Hedge", "Mention", "Stance", "extract_claims"]
