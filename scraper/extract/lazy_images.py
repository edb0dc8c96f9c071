"""Pictures that a lazy-loading page shows only once its script runs.

Many news sites write a placeholder where a picture goes (an ``<img>`` with no source, a
blank GIF, or a blurred preview forty pixels wide) and put the real ``<img>`` in a
``<noscript>`` right after it, for browsers that run no script. The scraper runs no
script either: without this step an article keeps the placeholder, or nothing at all
(readability drops an ``<img>`` without a source, and ``<noscript>`` is removed with the
rest of a page's active content).

So, before anything else reads the page, the picture in such a ``<noscript>`` takes the
place of the placeholder just before it. Only that pattern: a ``<noscript>`` whose
picture follows no placeholder (the tracking pixel of an analytics snippet, typically) is
left to be removed. Readability.js handles these pages the same way.
"""

from __future__ import annotations

import re

import lxml.html

from scraper.extract.html_markdown import PICTURE_ATTRIBUTES

__all__ = ["unwrap_noscript_images"]

_IMAGE_URL = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#\s,]|$)", re.IGNORECASE)


def unwrap_noscript_images(root: lxml.html.HtmlElement) -> int:
    """Put the picture of each ``<noscript>`` that follows a placeholder in the
    placeholder's place; return how many were put back."""
    noscripts = list(root.iter("noscript"))
    if not noscripts:
        return 0
    # An <img> that names no picture anywhere (its script would have filled it in) is
    # never shown: it goes, so that what stands before a <noscript> is the real
    # placeholder.
    for img in list(root.iter("img")):
        if not _names_a_picture(img) and not _inside_noscript(img):
            img.drop_tree()
    restored = 0
    for noscript in noscripts:
        picture = _single_image(noscript)
        if picture is None or not _names_a_picture(picture):
            continue
        placeholder = noscript.getprevious()
        while placeholder is not None and not isinstance(placeholder.tag, str):
            placeholder = placeholder.getprevious()  # a comment between the two
        if placeholder is None or _single_image(placeholder) is None:
            continue
        if (placeholder.tail or "").strip():
            continue  # text between them: the two are not one picture
        parent = placeholder.getparent()
        if parent is None:
            continue
        picture.tail = placeholder.tail
        parent.replace(placeholder, picture)
        noscript.drop_tree()
        restored += 1
    return restored


def _names_a_picture(img: lxml.html.HtmlElement) -> bool:
    if any((img.get(name) or "").strip() for name in PICTURE_ATTRIBUTES):
        return True
    return any(_IMAGE_URL.search(value) for value in img.attrib.values())


def _inside_noscript(element: lxml.html.HtmlElement) -> bool:
    return any(ancestor.tag == "noscript" for ancestor in element.iterancestors())


def _single_image(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The one ``<img>`` that ``element`` is, or holds with no text beside it, else None."""
    while element.tag != "img":
        if (element.text or "").strip():
            return None
        children = [child for child in element if isinstance(child.tag, str)]
        if len(children) != 1 or (children[0].tail or "").strip():
            return None
        element = children[0]
    return element
