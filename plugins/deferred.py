"""Generated HTML that goes into a page's output file without ever living in ``page.content``.

MkDocs keeps every page's ``content`` in memory until the build ends. The lists the plugins
generate grow with the corpus: a timeline page lists every event, a glossary term every
document that mentions it, a listing fifty documents. Held in ``page.content`` they were the
largest part of what the plugins add to a build's peak memory (about 30 MB per 1,000
documents, growing faster than the corpus).

So a plugin puts a placeholder comment in ``page.content`` (in ``on_page_context``, where
the table of contents can still be extended) with a function that makes the HTML, and in
``on_post_page`` the placeholder in the rendered output is replaced by what the function
returns. The HTML exists only while that one page is written.

Placeholders are HTML comments: invisible if one were ever left behind, and never produced
by a document page, whose HTML is cleaned of comments. Plugins fill them in ``on_post_page``
at priority 100, before any other plugin's handler: a minifier that strips comments, or
anything else reading the output, sees the finished page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["DeferredHTML"]


class DeferredHTML:
    """The pending fragments of one plugin, by page."""

    def __init__(self, name: str) -> None:
        if not re.fullmatch(r"[a-z][a-z0-9-]*", name):
            raise ValueError(f"placeholder name must be lower-case letters and dashes: {name!r}")
        self._name = name
        self._pattern = re.compile(rf"<!--regkb-deferred:{name}:(\d+)-->")
        self._pending: dict[str, list[Callable[[], str]]] = {}

    def clear(self) -> None:
        """Forget everything pending (a new build starts)."""
        self._pending.clear()

    def add(self, src_uri: str, make: Callable[[], str]) -> str:
        """A placeholder to put in the page's content (or in the Markdown of a page the
        plugin generates); ``make()`` is called when the page is written and its HTML takes
        the placeholder's place."""
        makers = self._pending.setdefault(src_uri, [])
        makers.append(make)
        return f"<!--regkb-deferred:{self._name}:{len(makers) - 1}-->"

    def fill(self, output: str, src_uri: str) -> str:
        """The page's output with its placeholders replaced; nothing pending stays behind."""
        makers = self._pending.pop(src_uri, None)
        if not makers:
            return output

        def replace(match: re.Match[str]) -> str:
            index = int(match.group(1))
            return makers[index]() if index < len(makers) else ""

        return self._pattern.sub(replace, output)
