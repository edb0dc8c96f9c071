"""Pictures the main-content finder left out from between paragraphs it kept.

readability builds the article from the element it scores highest and those of its
siblings that score well; a figure between two paragraphs often sits in a box of its own
that scores nothing (no text), so a step-by-step guide keeps every step's words and none
of its photos. A picture whose nearest paragraph before it and nearest paragraph after it
in the page are both in the article is part of the article: it is put back after the
first of the two, with its caption when it has one.

The lead photo above the first kept paragraph is put back before it when nothing but short
lines (a byline, a date) stands between them and it is framed as a photo (``<figure>``,
``<picture>``) inside the element that holds the article: a byline's headshot, a "listen"
button and a teaser's picture above another story's paragraph are not. A picture after
the last kept paragraph (a teaser, a related story) is not put back.

Paragraphs are matched by their text, since the finder works on its own copy of the page.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator

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
    r"(?<![a-z])(?:icons?|logos?|spinner|loading|avatars?|sprites?|badges?|mugshots?|headshots?)"
    r"(?![a-z])",
    re.I,
)
# Declared this small (in pixels), a picture is an icon, an avatar or a tracking pixel.
_MIN_SIDE = 48


def restore_figures(page: lxml.html.HtmlElement, content: lxml.html.HtmlElement) -> int:
    """Put the pictures of ``page`` that stand between two paragraphs of ``content``, and
    its lead photo, back into ``content``; return how many were put back."""
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
    started = False  # whether the first kept paragraph has been passed
    restored = 0
    # The page's pictures and blocks in order, each block with its text read once: the lead
    # photo's rule reads them again for the article's first and last paragraphs.
    sequence = [(el, None if el.tag == "img" else _key(el)) for el in page.iter(*_BLOCKS, "img")]
    for element, key in sequence:
        if element.tag == "img":
            address = picture_address(element)
            if address not in shown and _is_picture(element, address):
                waiting.append((address, element))
            continue
        if not key:
            continue
        found = kept.get(key)
        if found is not None and anchor is not None:  # between two kept paragraphs
            # After the block holding the paragraph: after a list, not into it.
            where = _outermost_holder(anchor, content)
            for img in _not_shown(waiting, shown) if where is not content else ():
                where.addnext(_figure_of(img))
                where = where.getnext()
                restored += 1
        elif found is not None and not started and waiting:  # right before the first one
            first = _outermost_holder(found, content)
            article = _article_element(sequence, kept)
            leads = [(a, img) for a, img in waiting if _is_lead_photo(img, article)]
            for img in _not_shown(leads, shown) if first is not content else ():
                first.addprevious(_figure_of(img))
                restored += 1
        started = started or found is not None
        waiting = []
        anchor = found
    return restored


def _not_shown(
    waiting: list[tuple[str, lxml.html.HtmlElement]], shown: set[str]
) -> Iterator[lxml.html.HtmlElement]:
    """The waiting pictures not shown yet, each marked shown as it is given: the same
    picture twice in a row (a slideshow's copies) comes back once."""
    for address, img in waiting:
        if address not in shown:
            shown.add(address)
            yield img


def _article_element(
    sequence: list[tuple[lxml.html.HtmlElement, str | None]],
    kept: dict[str, lxml.html.HtmlElement],
) -> lxml.html.HtmlElement | None:
    """The smallest element of the page holding its first and last kept paragraphs
    (``sequence``: the page's blocks in order, with their keys)."""
    first = last = None
    for block, key in sequence:
        if key is not None and key in kept:
            first = first if first is not None else block
            last = block
    if first is None or last is None:
        return None
    # Compared by identity while held: lxml makes a new Python object for an element no
    # longer referenced, so an id() kept without the object can name another one.
    around = [last, *last.iterancestors()]
    for candidate in (first, *first.iterancestors()):
        if any(candidate is other for other in around):
            return candidate
    return None


def _is_lead_photo(img: lxml.html.HtmlElement, article: lxml.html.HtmlElement | None) -> bool:
    """Whether ``img``, met before the article's first paragraph, is its lead photo: in a
    ``<figure>`` or ``<picture>`` inside the element that holds the article (the box of the
    paragraphs readability kept, and its header beside it). A byline's headshot, a "listen"
    button or a section's logo sits in neither."""
    holder = article.getparent() if article is not None else None
    framed = False
    for ancestor in img.iterancestors():
        framed = framed or ancestor.tag in ("figure", "picture")
        if ancestor is holder:
            return framed
    return False


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


def _outermost_holder(
    block: lxml.html.HtmlElement, content: lxml.html.HtmlElement
) -> lxml.html.HtmlElement:
    """The outermost list, table or paragraph of ``content`` that holds ``block``: where a
    picture may stand beside it. ``content`` itself when the article is that one list or
    paragraph, where a figure has no place."""
    while block is not content and block.getparent() is not None:
        if block.getparent().tag not in _HOLDERS:
            break
        block = block.getparent()
    return block
