"""The navigation tab a page outside the navigation belongs to.

A site lists its sections in the navigation (News, Regulations, Glossary, Timeline, Tags)
and keeps its thousands of documents, terms, tag and year pages out of it. Material marks
a tab as the current one from the navigation alone, so on every one of those pages no tab
was: a reader arriving from search could not see which part of the site they were in.
A page belongs to the top-level item whose folder holds it (``news/2025/x.md`` to
``news/index.md``, ``tags/rwa/index.md`` to ``tags.md``); that item is marked active while
the page is written, as MkDocs marks a page's own ancestors.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


def _folder(src_uri: str) -> str:
    """The folder a navigation page stands for: its own for an index, else its name."""
    name = posixpath.basename(src_uri)
    if name in ("index.md", "README.md"):
        return posixpath.dirname(src_uri)
    return posixpath.splitext(src_uri)[0]


def _pages(item: object) -> Iterator[Page]:
    if isinstance(item, Page):
        yield item
    elif isinstance(item, Section):
        for child in item.children:
            yield from _pages(child)


class NavTabs:
    """Top-level navigation items by the folders their pages stand for."""

    def __init__(self, nav: Navigation) -> None:
        self._by_folder: dict[str, object] = {}
        self._in_nav = {id(page) for page in nav.pages}
        for item in nav.items:
            for page in _pages(item):
                folder = _folder(page.file.src_uri)
                if folder:  # the home page stands for no folder: it would hold them all
                    self._by_folder.setdefault(folder, item)

    def item_for(self, page: Page) -> object | None:
        """The top-level item ``page`` belongs to; None for a page in the navigation (its
        own ancestors are marked by MkDocs) or in no item's folder."""
        if id(page) in self._in_nav:
            return None
        folder = posixpath.dirname(page.file.src_uri)
        while folder:
            item = self._by_folder.get(folder)
            if item is not None:
                return item
            folder = posixpath.dirname(folder)
        return None
