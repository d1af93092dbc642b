"""Command-line options shared by the ``newstrace`` commands: options whose defaults, ranges and
help come from the SETTINGS table, the store option, and the two consoles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click
from rich.console import Console

from newstrace.settings import Setting, setting

__all__ = ["DB_OPTION", "JSON_OPTION", "console", "out", "setting_option"]

console = Console(stderr=True)
FC = TypeVar("FC", bound=Callable[..., Any])
out = Console()


def _click_type(s: Setting) -> click.ParamType[Any] | None:
    """The setting's range as a click type, so the command line refuses what the table does."""
    if s.choices is not None:
        return click.Choice(list(s.choices))
    low, high = s.minimum, s.maximum
    if isinstance(s.default, int):
        return click.IntRange(None if low is None else int(low), None if high is None else int(high))
    if isinstance(s.default, float):
        return click.FloatRange(low, high)
    return None


def setting_option(*flags: str, name: str, **kwargs: Any) -> Callable[[FC], FC]:
    """A command-line option whose default, range and help come from the SETTINGS table."""
    s = setting(name)
    kwargs.setdefault("type", _click_type(s))
    kwargs.setdefault("help", s.help)
    return click.option(*flags, default=s.default, show_default=True, **kwargs)


def _remember_db(ctx: click.Context, _param: click.Parameter, value: str) -> str:
    ctx.meta["newstrace.db"] = value  # for error messages about the store
    return value


DB_OPTION = setting_option(
    "--db",
    name="db",
    envvar="NEWSTRACE_DB",
    type=click.Path(dir_okay=False),
    callback=_remember_db,
    help="SQLite store file.",
)
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print the view as JSON on standard output.")
