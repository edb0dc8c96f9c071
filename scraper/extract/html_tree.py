"""Parsing untrusted HTML into lxml trees that later steps can walk safely.

A page is parsed with libxml2's recovering parser (truncated or broken markup still gives a
tree); markup nested deeper than libxml2's limit is flattened and parsed again instead of
losing everything below the limit; subtrees deeper than ``MAX_DEPTH`` become their text, so
no recursive code (readability, markdownify) can overflow on them; and the HTML5 void
elements libxml2 turns into containers are undone.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import lxml.etree
import lxml.html

from scraper.extract import ExtractError
from scraper.extract.lxml_parser import html_parser

__all__ = ["BLOCK_TAGS", "MAX_DEPTH", "limit_depth", "parse_fragment", "parse_page", "squash"]

MAX_DEPTH = 120  # deeper subtrees are flattened to text (real pages stay far below)
#: Elements that start a paragraph of their own (a notice's text blocks end at them; a
#: formula's inline wrapper does not reach past them).
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
})  # fmt: skip
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                        "meta", "param", "source", "track", "wbr"})  # fmt: skip
# HTML5 void elements that libxml2's HTML 4 parser does not know are empty: it nests everything
# after them inside them, so dropping an ``<embed>`` would drop the rest of the article.
_UNKNOWN_VOID_TAGS = ("embed", "keygen", "source", "track", "wbr")
_WS = re.compile(r"\s+")


def parse_page(text: str) -> lxml.html.HtmlElement:
    # An XML declaration with an encoding makes lxml refuse str input; it says nothing now.
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text, count=1)
    root, too_deep = _lxml_parse(text)
    if too_deep:
        # libxml2 silently drops everything below its depth limit; rebuild the markup
        # with the excess nesting removed (text kept) and parse again.
        root, _ = _lxml_parse(_flatten_deep_markup(text))
    _unnest_void_elements(root)
    return root


def _unnest_void_elements(root: lxml.html.HtmlElement) -> None:
    """Remove the void elements libxml2 wrongly made containers, keeping what it put in them.

    None of them carries article text of its own (embeds, media sources, word-break hints),
    and the HTML serializer would write them without an end tag, so keeping the element
    would make every later parse (readability's included) nest the page into it again.
    """
    for element in list(root.iter(*_UNKNOWN_VOID_TAGS)):
        if element.getparent() is not None:
            element.drop_tag()


def _lxml_parse(text: str) -> tuple[lxml.html.HtmlElement, bool]:
    parser = html_parser(recover=True, remove_comments=True, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as error:
        raise ExtractError(f"not an HTML page ({error})") from None
    if root is None:
        raise ExtractError("not an HTML page")
    too_deep = any("Excessive depth" in entry.message for entry in parser.error_log)
    return root, too_deep


class _Flattener(HTMLParser):
    """Re-serialize markup, dropping the tags (not the text) nested deeper than a limit."""

    def __init__(self, max_depth: int) -> None:
        super().__init__(convert_charrefs=False)
        self.max_depth = max_depth
        self.open: list[str] = []
        # How many of each tag are open: "is it open?" in constant time, where a search of
        # the stack would read it again for each end tag (quadratic on a page of tags that
        # are never closed, the very pages that come here).
        self.open_count: Counter[str] = Counter()
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            self.out.append(self.get_starttag_text() or "")
            return
        if len(self.open) < self.max_depth:
            self.out.append(self.get_starttag_text() or "")
        self.open.append(tag)
        self.open_count[tag] += 1

    def handle_endtag(self, tag: str) -> None:
        if not self.open_count[tag]:
            return
        while self.open:
            closed = self.open.pop()
            self.open_count[closed] -= 1
            if len(self.open) < self.max_depth:
                self.out.append(f"</{closed}>")
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        self.out.append(data.replace("<", "&lt;"))

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")


def _flatten_deep_markup(text: str) -> str:
    flattener = _Flattener(MAX_DEPTH)
    flattener.feed(text)
    flattener.close()
    return "".join(flattener.out)


def limit_depth(root: lxml.html.HtmlElement, max_depth: int = MAX_DEPTH) -> None:
    """Flatten subtrees deeper than ``max_depth`` into text, without recursion.

    The elements exactly ``max_depth`` levels below ``root`` are found with one XPath
    (libxml2 walks the tree in C; nearly every page has none), and each one's subtree is
    replaced by its text. Flattening one cannot move another, so the order does not matter.
    """
    deepest = [root] if max_depth < 1 else root.xpath("/".join(["*"] * max_depth))
    for element in deepest:
        flatten(element)


def flatten(element: lxml.html.HtmlElement) -> None:
    """Replace ``element``'s subtree with its text, a line per paragraph of it.

    A page of unclosed "<span><font><p>" ran its last 160 paragraphs into one line. Not
    as paragraphs (``<p>``): the main content would then be this element alone, without
    the paragraphs above it, which are its ancestors' text."""
    paragraphs, opens_block = _paragraph_texts(element)
    for child in list(element):
        element.remove(child)
    element.text = None if opens_block else paragraphs.pop(0)
    for text in paragraphs:
        lxml.etree.SubElement(element, "br").tail = text


def _paragraph_texts(element: lxml.html.HtmlElement) -> tuple[list[str], bool]:
    """The text of ``element``'s subtree, cut where a block element or a line break
    starts or ends one, each piece whitespace-squashed; without recursion. And whether
    its first text is in a block of its own (not going on from the text before it)."""
    paragraphs: list[str] = []
    words: list[str] = []
    opens_block = False

    def cut() -> None:
        if words:
            paragraphs.append(" ".join(words))
            words.clear()

    def add(text: str | None) -> None:
        if text and text.strip():
            words.append(squash(text))

    add(element.text)
    for event, node in lxml.etree.iterwalk(element, events=("start", "end")):
        if node is element:
            continue
        tag = node.tag if isinstance(node.tag, str) else None  # a comment has no text here
        if event == "start":
            if tag in BLOCK_TAGS or tag == "br":
                opens_block = opens_block or not (words or paragraphs)
                cut()
            if tag:
                add(node.text)
        else:
            if tag in BLOCK_TAGS:
                cut()
            add(node.tail)
    cut()
    return paragraphs or [""], opens_block


def parse_fragment(html: str) -> lxml.html.HtmlElement | None:
    """The fragment in a ``<div>``, or ``None`` when it holds no body.

    lxml checks the body it found with a bare ``assert``: a page cut off inside ``<head>``
    (a truncated download) reaches here as ``<html><head>...</head></html>``, and the
    assertion's message would quote the whole head as the reason the source failed (under
    ``python -O`` it is an ``IndexError`` instead).
    """
    try:
        element = lxml.html.fragment_fromstring(html, create_parent="div", parser=html_parser())
    except (lxml.etree.ParserError, ValueError, AssertionError, IndexError):
        return None
    limit_depth(element)
    return element


def squash(value: str) -> str:
    """Runs of whitespace (newlines included) as one space, the ends trimmed."""
    return _WS.sub(" ", value).strip()
