"""A short plain-text excerpt of a Markdown body, for listings of documents with no summary."""

from __future__ import annotations

import re

_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARK_RE = re.compile(r"[*_`>#]+|\{[:#.][^}]*\}")


def excerpt(body: str, words: int = 40) -> str | None:
    """The first prose paragraph (not a heading, list, table, code or HTML), cut at
    ``words`` words; None when the body has no such paragraph."""
    in_fence = False
    for block in re.split(r"\n\s*\n", body):
        text = block.strip()
        if text.startswith(("```", "~~~")):
            in_fence = not in_fence if text.count("```") + text.count("~~~") == 1 else in_fence
            continue
        if in_fence or not text:
            continue
        if text[0] in "#-*+|<>!" or re.match(r"\d+[.)]\s", text) or text.startswith("    "):
            continue
        plain = _MARK_RE.sub("", _LINK_RE.sub(r"\1", text))
        plain = " ".join(plain.split())
        if not plain:
            continue
        parts = plain.split(" ")
        return plain if len(parts) <= words else " ".join(parts[:words]) + " …"
    return None
