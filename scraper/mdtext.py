"""Markdown from untrusted plain text.

Extractors build Markdown bodies out of scraped text. Text that happens to start with ``#``,
``1.``, ``>`` or ``!!!`` would otherwise turn into a heading, a list, a quote or a callout;
``[x](javascript:...)`` into a link; ``{: onclick=...}`` into attributes (the site enables
``attr_list``); ``<script>`` into raw HTML. Escaping here, where the text is known to be
*text*, is simpler and safer than guessing afterwards which Markdown was intended.
``scraper.sanitize.safe_markdown`` still runs on every body as a second line of defence.
"""

from __future__ import annotations

import re

__all__ = ["BLOCK_START_CHARS", "block_start", "heading", "inline", "list_item", "paragraph"]

_WS_RE = re.compile(r"\s+")
# Characters with inline meaning in Python-Markdown and its extensions, all of which accept a
# backslash escape. ``#`` and ``!`` only matter in some positions and are handled there.
_INLINE_RE = re.compile(r"([\\`*_\[\]{}])")
_ENTITY_RE = re.compile(r"&(?=#|\w+;)")
# What starts a block at the start of a line: headings, quotes, lists, def_list, admonition,
# pymdownx.details, superfences, a "[...]:" definition (link, footnote) or "[TOC]", a table
# row ("| a | b |", with a "|---|" row under a first one it makes a table) and a setext
# heading's underline ("===" under a line makes that line a heading).
_BLOCK_START_RE = re.compile(
    r"^(#|>|[-+]|\d+[.)](?=\s|$)|:|!!!|\?\?\?|~~~|\[(?=TOC\]\s*$|[^\]\n]*\]:)|\||=(?==*[ \t]*$))"
)
#: The characters a line opening a block starts with (``_BLOCK_START_RE``): a line that
#: starts with none of them needs no ``block_start``.
BLOCK_START_CHARS = frozenset("#>-+:!?~[0123456789|=")
# Block openers that have no backslash escape in Python-Markdown (or only with an extension
# the site may not use): the first character becomes its character reference (":" def_list,
# "???" pymdownx.details, "~~~" superfences, "|" tables, "=" a setext underline).
_AS_REFERENCE = {":": "&#58;", "?": "&#63;", "~": "&#126;", "|": "&#124;", "=": "&#61;"}


def inline(text: str) -> str:
    """Escape ``text`` so Markdown renders it literally, on one line."""
    text = _WS_RE.sub(" ", text).strip()
    text = _INLINE_RE.sub(r"\\\1", text)
    text = _ENTITY_RE.sub("&amp;", text)
    return text.replace("<", "&lt;")


def paragraph(text: str) -> str:
    """A paragraph of literal text: inline escapes plus anything that would start a block."""
    return block_start(inline(text))


def block_start(line: str) -> str:
    """``line`` (Markdown) with what would open a block at its start made literal, the rest
    as it is. Python-Markdown starts headings, quotes and callouts at any line of a
    paragraph, so the HTML extractor uses this for each line of its paragraphs; a paragraph
    "3. The issuer shall..." would otherwise become a list that the browser numbers 1."""
    match = _BLOCK_START_RE.match(line)
    if not match:
        return line
    lead = match.group(1)
    if lead[0].isdigit():  # "1." -> "1\." keeps the number, loses the list
        return lead[:-1] + "\\" + line[len(lead) - 1 :]
    if lead[0] in _AS_REFERENCE:
        return _AS_REFERENCE[lead[0]] + line[1:]
    return "\\" + line  # "#", ">", "-", "+", "!!!" and "[" take a backslash


def list_item(text: str) -> str:
    """A bullet of literal text. Its content is escaped like a paragraph: after ``- ``,
    ``# x`` would be a heading, ``1. x`` a nested list and ``!!! x`` a callout."""
    return f"- {paragraph(text)}"


def heading(level: int, text: str, anchor: str | None = None) -> str:
    """An ATX heading of literal text, with an optional ``{#anchor}`` (attr_list)."""
    body = inline(text)
    if body.endswith("#"):
        body = body[:-1] + "\\#"
    if body.startswith("#"):
        body = "\\" + body
    suffix = f" {{#{anchor}}}" if anchor else ""
    return f"{'#' * level} {body}{suffix}"
