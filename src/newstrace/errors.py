"""Exceptions newstrace raises for bad calls (bad records are rejects, not exceptions).

    NewstraceError
    ├── StoreError            the database cannot be opened, is too new, or is locked
    ├── InputError            a path, field mapping or option given by the caller is wrong
    └── NotFoundError         an article id or story id is not in the store

Batch loops never raise for one bad article: they record a ``Reject`` and go on.
"""

from __future__ import annotations

__all__ = ["NewstraceError", "StoreError", "InputError", "NotFoundError"]


class NewstraceError(Exception):
    """Base of every error newstrace raises on purpose; the message says the fix."""


class StoreError(NewstraceError):
    """The store cannot be used as asked."""


class InputError(NewstraceError):
    """An input path, option or field mapping is wrong."""


class NotFoundError(NewstraceError, KeyError):
    """An id asked for is not in the store."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""
