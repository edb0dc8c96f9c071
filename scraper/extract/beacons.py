"""Tracking pixels: pictures of one pixel or none that report who reads a page.

An advertiser's beacon is an ``<img>`` declared 1 x 1 (or 0 x 0 in its style) whose
address carries an account and a visit code. Kept in a scraped article, it would be
loaded by every reader's browser from the site, telling the advertiser who reads it and
where. They are removed before anything reads the page; this has to happen before the
main-content finder, whose cleaning drops the ``width``, ``height`` and ``style`` that
give them away.
"""

from __future__ import annotations

import re

import lxml.html

__all__ = ["drop_tracking_pixels"]

# A side of 0 to 2 pixels, declared in an attribute or the style.
_PIXEL_SIDE = re.compile(r"\s*[0-2](?:\.\d*)?\s*(?:px)?\s*")
_STYLE_SIDE = re.compile(r"(?:^|;)\s*(width|height)\s*:\s*([^;]*)", re.I)
# A picture sized 0 x 0 but stretched to its box (Next.js's "fill" pictures).
_STRETCHED = re.compile(r"(?:^|;)\s*min-(?:width|height)\s*:\s*[1-9]", re.I)


def drop_tracking_pixels(root: lxml.html.HtmlElement) -> int:
    """Remove every ``<img>`` declared 2 pixels or less on both sides; return how many."""
    pixels = [img for img in root.iter("img") if _is_pixel(img)]
    for img in pixels:
        img.drop_tree()  # its tail (text after it) stays
    return len(pixels)


def _is_pixel(img: lxml.html.HtmlElement) -> bool:
    """Both sides declared, both of 2 pixels or less: a divider line 464 x 2 is a picture,
    and so is a photo declared 570 x 0 (its height left to the browser)."""
    sides = {side: img.get(side) for side in ("width", "height")}
    style = img.get("style") or ""
    for side, value in _STYLE_SIDE.findall(style):
        sides[side.lower()] = value.replace("!important", "")
    if _STRETCHED.search(style):
        return False
    return all(value is not None and _PIXEL_SIDE.fullmatch(value) for value in sides.values())
