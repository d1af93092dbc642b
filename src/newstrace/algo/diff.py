"""Former home of sentence alignment and change classification, kept as a re-export while
callers move to :mod:`newstrace.algo.align` and :mod:`newstrace.changes`."""

from newstrace.algo.align import MIN_SIMILARITY, Alignment, align_sentences, is_chrome_sentence, strip_dateline
from newstrace.changes import (
    CHANGE_TAGS,
    classify_change,
    diff_articles,
    is_substantive,
    summarise_changes,
    word_diff,
)

__all__ = [
    "CHANGE_TAGS",
    "MIN_SIMILARITY",
    "Alignment",
    "align_sentences",
    "classify_change",
    "diff_articles",
    "is_chrome_sentence",
    "is_substantive",
    "strip_dateline",
    "summarise_changes",
    "word_diff",
]
