"""What reaches the terminal: every value read from inputs or the store passes here first.

Values come from files a user did not write (ids, outlets, titles, file names): an escape
sequence in them could clear the screen, set the window title or plant a hyperlink, and
rich markup in them (``[/x]``) would be parsed or crash the printing.
"""

from __future__ import annotations

import json
import re
from dataclasses import fields, is_dataclass
from datetime import datetime

from rich.markup import escape

__all__ = ["printable", "safe", "to_json"]

# C0 and C1 control characters (escape sequences, bells, carriage returns) and the
# bidirectional overrides that reorder what a terminal shows.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(value: object) -> str:
    """``value`` as text that cannot drive the terminal: control characters are shown as
    escapes (``\\x1b``) instead of acting."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(value))


def safe(value: object) -> str:
    """``value`` ready for a rich markup string or a table cell: printable, with its markup
    escaped, so ``[/x]`` in a file name is shown, not parsed."""
    return escape(printable(value))


def _plain(value: object) -> object:
    """Dataclasses, dicts and lists as JSON-ready values; times as ISO 8601."""
    if is_dataclass(value) and not isinstance(value, type):  # fields marked json=False are for display only
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value) if f.metadata.get("json", True)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def to_json(value: object) -> str:
    """A view's data as JSON for ``--json`` (JSON escapes control characters itself)."""
    return json.dumps(_plain(value), ensure_ascii=False, indent=2)
