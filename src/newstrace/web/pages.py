"""HTML rendering shared by the server and the report: one Jinja2 environment, autoescaped."""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime
from importlib import resources
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from newstrace.web.embed import json_script

__all__ = ["environment", "render", "static_text", "url_id", "csp_hash", "SERVER_CSP"]

_HERE = resources.files("newstrace.web")

# Pages load script and style from the server only; nothing inline can run, no other origin is asked.
SERVER_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def url_id(value: object) -> str:
    """An id as one URL path segment: ``/``, spaces and everything else reserved are encoded."""
    return quote(str(value), safe="")


def _when(value: str | None, precise: bool = True) -> str:
    if not value:
        return "undated"
    dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return dt.strftime("%Y-%m-%d %H:%M %z" if precise else "%Y-%m-%d")


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def static_text(name: str) -> str:
    """A file of ``web/static`` as text (for inlining into a report)."""
    return (_HERE / "static" / name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    """The CSP source expression allowing exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(_HERE / "templates")),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(urlid=url_id, when=_when, percent=_percent, json_script=json_script)
    return env


_ENV: Environment | None = None


def render(template: str, **context: Any) -> str:
    """Render a page; ``context['report']`` switches links to in-page anchors and inlines assets."""
    global _ENV
    if _ENV is None:
        _ENV = environment()
    context.setdefault("report", None)
    context.setdefault("inline", Markup(""))
    return _ENV.get_template(template).render(**context)
