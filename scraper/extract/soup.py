"""A BeautifulSoup tree built straight from an lxml element, for markdownify.

markdownify converts BeautifulSoup trees. The article is already an lxml tree, so instead of
serializing it and having Python's ``html.parser`` tokenize the markup again, the lxml tree
is walked (iteratively, so nesting depth costs no stack) and its events are fed to the same
bs4 ``html.parser`` tree-building code the markup would have reached. The soup is the one
``BeautifulSoup(lxml.html.tostring(element), "html.parser")`` would give, down to what
libxml2's serializer leaves out: the content of elements it writes as empty (``<br>``,
``<img>``...), and the way bs4 closes void elements at once. Details that differ:

* An empty ``<li>`` stays empty. libxml2 writes it without an end tag, so ``html.parser``
  nested the following list items inside it; the tree has them as siblings, as the page did.
* Attribute values are the tree's own: the serializer percent-escapes spaces and non-ASCII
  in ``href``/``src`` (``extract_html`` has already quoted those) and writes boolean
  attributes without a value (markdownify reads neither kind).
* No source positions are recorded.

``tests/test_extract_html_fast.py`` compares both soups on generated fragments.
"""

from __future__ import annotations

from typing import Any

import lxml.etree
from bs4 import BeautifulSoup
from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder

__all__ = ["soup_from_lxml"]

# Elements libxml2's HTML serializer writes as a lone start tag, dropping anything inside.
_SERIALIZED_EMPTY = frozenset(
    {"area", "base", "basefont", "br", "col", "frame", "hr", "img", "input", "isindex",
     "link", "meta", "param"}
)  # fmt: skip


def soup_from_lxml(root: Any, element_classes: dict[type, type] | None = None) -> BeautifulSoup:
    """The ``html.parser`` soup of ``root`` (with its tail), built without markup."""
    return BeautifulSoup("", builder=_LxmlTreeBuilder(root), element_classes=element_classes)


class _LxmlTreeBuilder(HTMLParserTreeBuilder):
    """bs4's html.parser builder, fed from an lxml tree instead of markup."""

    def __init__(self, root: Any) -> None:
        super().__init__(store_line_numbers=False)
        self._root = root

    def feed(self, markup: Any) -> None:
        parser = BeautifulSoupHTMLParser(self.soup, convert_charrefs=False)
        _replay(self._root, parser)
        parser.already_closed_empty_element = []


def _replay(root: Any, parser: BeautifulSoupHTMLParser) -> None:
    """Send ``root``'s start tags, text, end tags and comments to ``parser``, in order."""
    skipping = None  # an element whose content the serializer would not write
    for event, node in lxml.etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if skipping is not None:
            if node is skipping and event == "end":
                skipping = None
                if node.tail:
                    parser.handle_data(node.tail)
            continue
        if event == "start":
            name = node.tag.lower() if isinstance(node.tag, str) else None
            if name is None:
                continue  # comments and PIs arrive as their own events
            parser.handle_starttag(name, [(k.lower(), v) for k, v in node.items()])
            if name in _SERIALIZED_EMPTY:
                skipping = node
            elif node.text:
                parser.handle_data(node.text)
            continue
        if event == "comment":
            parser.handle_comment(node.text or "")
        elif event == "pi":
            parser.handle_pi(f"{node.target} {node.text}" if node.text else node.target)
        elif isinstance(node.tag, str):
            parser.handle_endtag(node.tag.lower())
        if node.tail:
            parser.handle_data(node.tail)
