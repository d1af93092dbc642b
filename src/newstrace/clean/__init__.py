"""Cleaning: from a scraped page (text or HTML) to clean body text and metadata.

Pure functions, no file or database I/O, one module per stage: ``page`` cleans a scraped text
(chrome, title, dateline, byline, sources, time), ``from_html`` extracts the article from HTML
first, ``boilerplate`` learns and drops lines recurring across an outlet; ``chrome``, ``dates``,
``meta``, ``sources``, ``segment`` and ``text`` are their parts.
"""

from newstrace.clean.boilerplate import drop_lines, learn_boilerplate
from newstrace.clean.from_html import clean_html
from newstrace.clean.page import NoArticleError, clean_page
from newstrace.clean.segment import split_paragraphs, split_sentences
from newstrace.clean.sources import is_credit_phrase

__all__ = [
    "NoArticleError",
    "clean_html",
    "clean_page",
    "is_credit_phrase",
    "drop_lines",
    "learn_boilerplate",
    "split_paragraphs",
    "split_sentences",
]
