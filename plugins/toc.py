"""Headings a plugin writes as HTML, listed in the page's table of contents."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink


def extend_toc(page: Page, entries: Sequence[AnchorLink]) -> None:
    """Add generated headings (with their children) to the page's table of contents, under
    its h1 when it has one (Material then shows the h1's children), and make every one of
    their anchors a valid link target."""
    items = list(page.toc)
    parent = items[0].children if items and items[0].level == 1 else page.toc.items
    parent.extend(entries)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(_ids(entries))


def _ids(entries: Iterable[AnchorLink]) -> Iterable[str]:
    for entry in entries:
        yield entry.id
        yield from _ids(entry.children)
