"""Pictures the main-content finder left out from between paragraphs it kept.

readability builds the article from the element it scores highest and those of its
siblings that score well; a figure between two paragraphs often sits in a box of its own
that scores nothing (no text), so a step-by-step guide keeps every step's words and none
of its photos. A picture whose nearest paragraph before it and nearest paragraph after it
in the page are both in the article is part of the article: it is put back after the
first of the two, with its caption when it has one.

Paragraphs are matched by their text, since the finder works on its own copy of the page.
A picture before the first kept paragraph or after the last one (a lead photo, a
teaser) is not put back: nothing places it inside the article.
"""

from __future__ import annotations

import copy
import re

import lxml.html

from scraper.extract.html_markdown import picture_address
from scraper.extract.html_tree import squash

__all__ = ["restore_figures"]

_BLOCKS = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote"))
# Elements a picture is never put inside: it goes after the whole of them.
_HOLDERS = _BLOCKS | {"ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "td", "th"}
# Paragraphs shorter than this ("Share", "1") recur across a page and say nothing of where
# a picture stands.
_MIN_BLOCK_CHARS = 40
# A figure whose text is longer than this is a box of content, not a picture's caption.
_MAX_CAPTION_CHARS = 400
# Words that name a page's furniture in a picture's address, class or alt text.
_FURNITURE = re.compile(
    r"(?<![a-z])(?:icons?|logos?|spinner|loading|avatars?|sprites?|badges?)(?![a-z])", re.I
)
# Declared this small (in pixels), a picture is an icon, an avatar or a tracking pixel.
_MIN_SIDE = 48


def restore_figures(page: lxml.html.HtmlElement, content: lxml.html.HtmlElement) -> int:
    """Put the pictures of ``page`` that stand between two paragraphs of ``content`` back
    into ``content``; return how many were put back."""
    kept: dict[str, lxml.html.HtmlElement] = {}
    for block in content.iter(*_BLOCKS):
        key = _key(block)
        if key:
            kept.setdefault(key, block)
    if len(kept) < 2:
        return 0
    # Told apart by address, not by src: a lazy-loading page gives many pictures one blank.
    shown = {picture_address(img) for img in content.iter("img")}
    anchor: lxml.html.HtmlElement | None = None  # the kept paragraph last passed
    waiting: list[tuple[str, lxml.html.HtmlElement]] = []  # (address, picture)
    restored = 0
    for element in page.iter(*_BLOCKS, "img"):
        if element.tag == "img":
            address = picture_address(element)
            if anchor is not None and address not in shown and _is_picture(element, address):
                waiting.append((address, element))
            continue
        key = _key(element)
        if not key:
            continue
        found = kept.get(key)
        if found is not None and anchor is not None and waiting:
            where = anchor
            for address, img in waiting:
                if address in shown:
                    continue  # the same picture twice in a row (a slideshow's copies)
                where = _insert_after(where, _figure_of(img))
                shown.add(address)
                restored += 1
        waiting = []
        anchor = found
    return restored


def _key(block: lxml.html.HtmlElement) -> str | None:
    text = squash(block.text_content())
    return text if len(text) >= _MIN_BLOCK_CHARS else None


def _is_picture(img: lxml.html.HtmlElement, address: str) -> bool:
    """Whether ``img`` (at ``address``) is a picture of the article, not page furniture."""
    if not address:
        return False
    for side in ("width", "height"):
        value = (img.get(side) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < _MIN_SIDE:
            return False
    marks = " ".join(img.get(name) or "" for name in ("src", "class", "alt"))
    return not _FURNITURE.search(marks)


def _figure_of(img: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A copy of the picture, in its ``<figure>`` with the caption when it has a small one."""
    for ancestor in img.iterancestors():
        if ancestor.tag == "figure":
            if (
                len(squash(ancestor.text_content())) <= _MAX_CAPTION_CHARS
                and sum(1 for _ in ancestor.iter("img")) == 1
            ):
                figure = lxml.html.Element("figure")
                figure.append(_bare_copy(img))
                caption = ancestor.find(".//figcaption")
                if caption is not None:
                    figure.append(copy.deepcopy(caption))
                    figure[-1].tail = None
                return figure
            break
    paragraph = lxml.html.Element("p")
    paragraph.append(_bare_copy(img))
    return paragraph


def _bare_copy(img: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    picture = copy.deepcopy(img)
    picture.tail = None
    return picture


def _insert_after(
    anchor: lxml.html.HtmlElement, element: lxml.html.HtmlElement
) -> lxml.html.HtmlElement:
    # After the block that holds the anchor: a picture after a list item's paragraph goes
    # after the list, not into it.
    while anchor.getparent() is not None and anchor.getparent().tag in _HOLDERS:
        anchor = anchor.getparent()
    anchor.addnext(element)
    return element
