"""Data embedded in HTML: JSON inside a ``<script>`` element that no text can break out of."""

from __future__ import annotations

import json

from markupsafe import Markup, escape

__all__ = ["json_for_script", "json_script"]

# As Django's json_script: a title holding ``</script>`` or ``<!--`` cannot end or comment out the
# element, because <, > and & never appear literally; U+2028/9 are escaped for old JavaScript parsers.
_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}


def json_for_script(value: object) -> str:
    """``value`` as JSON safe to place between ``<script>`` tags."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)


def json_script(value: object, element_id: str) -> Markup:
    """A ``<script type="application/json">`` element holding ``value``, read with
    ``JSON.parse(document.getElementById(element_id).textContent)``."""
    return Markup('<script type="application/json" id="{}">{}</script>').format(
        escape(element_id), Markup(json_for_script(value))
    )
