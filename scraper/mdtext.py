"""Markdown from untrusted plain text.

Extractors build Markdown bodies out of scraped text. Text that happens to start with ``#``,
``1.`` or ``>`` would otherwise turn into a heading, a list or a quote; ``[x](javascript:...)``
into a link; ``{: onclick=...}`` into attributes (the site enables ``attr_list``); ``<script>``
into raw HTML. Escaping here, where the text is known to be *text*, is simpler and safer than
guessing afterwards which Markdown was intended. ``scraper.sanitize.safe_markdown`` still runs on
every body as a second line of defence.
"""

from __future__ import annotations

import re

__all__ = ["heading", "inline", "paragraph"]

_WS_RE = re.compile(r"\s+")
# Characters with inline meaning in Python-Markdown and its extensions, all of which accept a
# backslash escape. ``#`` and ``!`` only matter in some positions and are handled there.
_INLINE_RE = re.compile(r"([\\`*_\[\]{}])")
_ENTITY_RE = re.compile(r"&(?=#?\w+;)")
_BLOCK_START_RE = re.compile(r"^(#|>|[-+]|\d+[.)](?=\s|$)|:)")


def inline(text: str) -> str:
    """Escape ``text`` so Markdown renders it literally, on one line."""
    text = _WS_RE.sub(" ", text).strip()
    text = _INLINE_RE.sub(r"\\\1", text)
    text = _ENTITY_RE.sub("&amp;", text)
    return text.replace("<", "&lt;")


def paragraph(text: str) -> str:
    """A paragraph of literal text: inline escapes plus anything that would start a block."""
    out = inline(text)
    match = _BLOCK_START_RE.match(out)
    if match:
        lead = match.group(1)
        if lead[0].isdigit():  # "1." -> "1\." keeps the number, loses the list
            out = lead[:-1] + "\\" + out[len(lead) - 1 :]
        elif lead == ":":
            out = "&#58;" + out[1:]
        else:
            out = "\\" + out
    return out


def heading(level: int, text: str, anchor: str | None = None) -> str:
    """An ATX heading of literal text, with an optional ``{#anchor}`` (attr_list)."""
    body = inline(text)
    if body.endswith("#"):
        body = body[:-1] + "\\#"
    if body.startswith("#"):
        body = "\\" + body
    suffix = f" {{#{anchor}}}" if anchor else ""
    return f"{'#' * level} {body}{suffix}"
