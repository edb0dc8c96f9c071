"""Links and pictures whose address cannot be read, caught before MkDocs reads them.

MkDocs makes every ``<a href>`` and ``<img src>`` of a page relative with
``urllib.parse.urlsplit``, which raises on an address such as ``http://[oops/a`` (an
unclosed IPv6 bracket): one slip in one editor's link stopped the whole build with a
traceback that named neither the page nor the link. This tree processor runs just before
MkDocs' (priority 0), reports each such address with its page and line, and takes it out
of the element: the link's text stays as text, the picture its alternative text. A strict
build stops on the warning; any other build finishes with a page that reads the same.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

__all__ = ["Locations", "MalformedAddresses", "unreadable_address"]

log = logging.getLogger("mkdocs.plugins.regkb.documents")

#: Runs after attr_list (8), toc (5) and MkDocs' anchor collection (5), before MkDocs'
#: ``relpath`` (0), the processor that would fail.
PRIORITY = 2

_ADDRESS_OF = {"a": "href", "img": "src"}


def unreadable_address(url: str) -> str | None:
    """Why ``urlsplit`` refuses ``url`` (``"Invalid IPv6 URL"``), or ``None`` if it reads it."""
    try:
        urlsplit(url)
    except ValueError as exc:
        return str(exc) or "not an address"
    return None


class _Check(Treeprocessor):
    def __init__(self, md: Markdown, owner: MalformedAddresses) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, root: Element) -> None:
        for element in root.iter():
            key = _ADDRESS_OF.get(element.tag) if isinstance(element.tag, str) else None
            url = element.get(key) if key else None
            if url is None:
                continue
            reason = unreadable_address(url)
            if reason is not None:
                self.owner.report(url, reason, "link" if key == "href" else "picture")
                _disarm(element)


def _disarm(element: Element) -> None:
    """The element as a ``<span>`` of what it reads as: a link's text (MkDocs expects every
    ``<a>`` to have an ``href``), a picture's alternative text."""
    alt = element.get("alt", "") if element.tag == "img" else None
    element.tag = "span"
    element.attrib.clear()
    if alt is not None:
        element.text = alt


class MalformedAddresses(Extension):
    """The Markdown extension the documents plugin adds to ``markdown_extensions``.

    MkDocs makes a new ``Markdown`` per page from the same extension list, so the page
    being rendered is told by the plugin (``where``, set in ``on_page_markdown``, which
    MkDocs calls right before it renders that page)."""

    def __init__(self) -> None:
        super().__init__()
        #: ``address -> "path:line"`` of the page being rendered; set per page.
        self.where: Callable[[str], str] = lambda _url: "page"

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_Check(md, self), "regkb_malformed_addresses", PRIORITY)

    def report(self, url: str, reason: str, what: str) -> None:
        shown = "as plain text" if what == "link" else "as its alternative text"
        log.warning(
            f"{self.where(url)}: {what} address {url!r} cannot be read ({reason}); "
            f"the {what} is shown {shown}. Check the brackets and the host name"
        )


class Locations:
    """``path:line`` of addresses in one page's file, in the order they are reported: the
    second report of one address is its second occurrence, not the first again."""

    def __init__(self, path: str, text: Callable[[], str]) -> None:
        # ``text`` is called at the first report only: for a page's file, a read from disk
        # that every page would otherwise pay for a warning few ever get.
        self.path, self._read = path, text
        self._text: str | None = None
        self._from: dict[str, int] = {}

    def __call__(self, url: str) -> str:
        if self._text is None:
            self._text = self._read()
        at = self._text.find(url, self._from.get(url, 0))
        if at < 0:
            return self.path  # Markdown may have unescaped it
        self._from[url] = at + len(url)
        return f"{self.path}:{self._text.count(chr(10), 0, at) + 1}"
