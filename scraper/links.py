"""Links between generated documents, written before their paths are known.

An extractor knows that an article links to "the notice Yinfa [2026] No. 42" but not where that
notice's page will be written (its year and slug come later, and may get a ``-2`` suffix). It
writes a placeholder target, ``regkb-doc:<key>``; once every output path is planned,
:func:`resolve` swaps each placeholder for a relative ``.md`` link (which MkDocs checks in a
strict build) or, when the target was not produced, for the link text alone.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from urllib.parse import quote, unquote

from scraper import mdtext

__all__ = ["doc_link", "full_text_link", "resolve", "title_link"]

_SCHEME = "regkb-doc:"
# An escaped character is read as a pair first, so an escaped "[" never starts a link, and
# link text (escaped by mdtext.inline) stops at the next unescaped bracket. Otherwise every
# "[" of scraped text ("\[" in Markdown) started a scan to the end of the body: 20,000 of
# them took 4 s, time growing with the square of their number.
_LINK_RE = re.compile(
    r"\\.|\[(?P<text>(?:\\.|[^\[\]\\])*)\]\(regkb-doc:(?P<kind>number|title)/(?P<key>[^)\s]*)\)"
)


def doc_link(text: str, number: str) -> str:
    """A Markdown link to the document with this document number."""
    return f"[{mdtext.inline(text)}]({_SCHEME}number/{quote(number, safe='')})"


def title_link(text: str, title: str) -> str:
    """A Markdown link to the document with this title (when it has no number)."""
    return f"[{mdtext.inline(text)}]({_SCHEME}title/{quote(title, safe='')})"


def full_text_link(kind: str, title: str, number: str | None) -> str:
    """The line an article ends with when the notice it introduces became a page of its own:
    "Full text of the notice (Yinfa [2026] No. 42)", linked by number, else by title."""
    if number:
        return doc_link(f"Full text of the {kind} ({number})", number)
    return title_link(f"Full text of the {kind}", title)


def resolve(body: str, find: Callable[[str, str], str | None], from_path: str) -> str:
    """Replace placeholders in ``body``. ``find(kind, key)`` gives the target's path (POSIX,
    relative to the docs dir) or None; ``from_path`` is the linking page's path."""

    def swap(m: re.Match[str]) -> str:
        if m["kind"] is None:
            return m[0]  # an escaped character, not a link
        target = find(m["kind"], unquote(m["key"]))
        if target is None:
            return m["text"]
        rel = posixpath.relpath(target, posixpath.dirname(from_path) or ".")
        return f"[{m['text']}]({quote(rel)})"

    return _LINK_RE.sub(swap, body)
