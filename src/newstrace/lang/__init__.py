"""Language knowledge: the words each stage needs to read Indonesian and English news.

One module per language (``id``, ``en``), each exporting a :class:`Lexicon`.
Extraction code reads :func:`lexicons` or :func:`merged`, never word lists of
its own, so a new language is one new module.
"""

from newstrace.lang.lexicon import NAME_CONNECTORS, Lexicon, alternation, lexicons, merged

__all__ = ["NAME_CONNECTORS", "Lexicon", "alternation", "lexicons", "merged"]
