"""lxml HTML parsers whose elements are created without calling back into Python.

``lxml.html.HTMLParser`` picks each element's Python class through a lookup written in
Python, run every time lxml makes an element object: over a million calls for the 130
readability test pages, about 6% of ``extract_html``'s time. Its only purpose is to give
``<form>``, ``<input>``, ``<select>``, ``<textarea>`` and ``<label>`` form-handling
subclasses, which nothing in the extractors, readability-lxml or trafilatura uses. The
parsers made here use lxml's C-level default-class lookup instead: every element is a
plain ``HtmlElement`` (with ``text_content``, ``drop_tree``... as before), comments and
processing instructions keep their HTML classes.
"""

from __future__ import annotations

from typing import Any

import lxml.etree
import lxml.html

__all__ = ["html_parser"]

_CLASSES = lxml.etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)


def html_parser(**options: Any) -> lxml.html.HTMLParser:
    """``lxml.html.HTMLParser(**options)`` with the C-level element class lookup."""
    parser = lxml.html.HTMLParser(**options)
    parser.set_element_class_lookup(_CLASSES)
    return parser
