"""Values printed to the terminal cannot drive it, and rich markup in them is shown as text."""

from __future__ import annotations

import io

from rich.console import Console

from newstrace.escape import printable, safe


def test_control_characters_are_shown_not_acted_on() -> None:
    hostile = "id\x1b]0;title\x07\x1b[2J\r\u202e\x9b"
    shown = printable(hostile)
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c == "\u202e" for c in shown)
    assert shown == "id\\x1b]0;title\\x07\\x1b[2J\\r\\u202e\\x9b"
    assert printable("Kim Jong Un — Rusia, 21 Maret") == "Kim Jong Un — Rusia, 21 Maret"


def test_markup_in_values_prints_as_written() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=200, color_system=None)
    value = "a[/x] [red]b\\"
    console.print(f"[bold]{safe(value)}[/bold]")
    assert buffer.getvalue().strip() == value
