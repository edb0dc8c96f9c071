"""Regulatory notices published as web pages.

A government site publishes a notice as an HTML page; a news site quotes one in full below
its own article. Either way the notice's paragraphs are in the page's main content, and the
notice grammar (:mod:`scraper.extract.notice`: parts, numbered articles, closing formula)
works on paragraphs as plain text. This module reads the main content as such paragraphs,
finds the notice among them, and makes its document, with the structure and anchors a
notice gets from a text capture.

* The page **is** the notice when little text comes before it (title, issuer, number, date
  lines): one notice document, with the page's title and date, and every paragraph after
  the notice's closing formula (signature, date, annexes) kept in its body.
* The page **introduces** the notice when running text comes before it: an article (the
  text before the notice, ending with a link to the notice) and the notice document.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import replace

import lxml.html

from scraper import links, mdtext
from scraper.document import Document
from scraper.extract import citations, notice
from scraper.extract.html_tree import BLOCK_TAGS

__all__ = ["split_notice", "text_blocks"]

_SPACES = re.compile(r"\s+")

#: Converts a content element to Markdown (the HTML extractor's converter).
MarkdownMaker = Callable[[lxml.html.HtmlElement], str]


def text_blocks(content: lxml.html.HtmlElement) -> list[tuple[lxml.html.HtmlElement, str]]:
    """The content's text as paragraphs in reading order, each with the element that holds
    it. A block element or a ``<br>`` ends a paragraph (sites that set a whole notice in one
    ``<div>`` separate its paragraphs with ``<br>``); no text is left out."""
    blocks: list[tuple[lxml.html.HtmlElement, str]] = []
    buffer: list[str] = []

    def flush(owner: lxml.html.HtmlElement) -> None:
        text = _SPACES.sub(" ", "".join(buffer)).strip()
        buffer.clear()
        if text:
            blocks.append((owner, text))

    def walk(element: lxml.html.HtmlElement, owner: lxml.html.HtmlElement) -> None:
        if isinstance(element.tag, str):  # comments and processing instructions hold no text
            if element.tag in BLOCK_TAGS:
                flush(owner)
                owner = element
            elif element.tag == "br":
                flush(owner)
            buffer.append(element.text or "")
            for child in element:
                walk(child, owner)
                buffer.append(child.tail or "")
            if element.tag in BLOCK_TAGS:
                flush(element)

    walk(content, content)
    flush(content)
    return blocks


def split_notice(
    content: lxml.html.HtmlElement, page: Document, to_markdown: MarkdownMaker
) -> list[Document] | None:
    """The documents of a page whose main content holds a structured notice, or None.

    ``page`` is the page's article as extracted (title, date, URLs, body); ``to_markdown``
    converts a content element to Markdown, for the article's part before the notice.
    """
    blocks = text_blocks(content)
    texts = [text for _, text in blocks]
    found = notice.locate_notice(texts)
    if found is None:
        return None
    start, end = found
    before = texts[:start]
    if not notice.is_foreword(before):
        # The page is the notice: what follows its closing formula (the issuer's name, the
        # date, annexes) is part of it.
        doc = notice.notice_document(before, texts[start:], page.title)
        return [_with_page_facts(doc, page, dated=True)]
    doc = notice.notice_document(before, texts[start:end], _quoted_title(blocks, start, page))
    notice_doc = _with_page_facts(doc, page, dated=False)
    article = replace(
        page,
        body=_foreword_markdown(content, blocks, start, to_markdown)
        + "\n"
        + links.full_text_link(notice_doc.kind, notice_doc.title, notice_doc.doc_number)
        + "\n",
        cites=citations.cited_documents("\n".join(before)),
    )
    return [article, notice_doc]


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TITLE_LINES = 3  # blocks above a quoted notice where its title or number may stand


def _quoted_title(
    blocks: list[tuple[lxml.html.HtmlElement, str]], start: int, page: Document
) -> str:
    """A title for a notice quoted below an article whose text does not name it: a heading
    just above the notice, else the one document number written there, else the page's
    title (as a text capture's notice would get)."""
    above = blocks[max(0, start - _TITLE_LINES) : start]
    for owner, text in reversed(above):
        if owner.tag in _HEADINGS:
            return text
    numbers = citations.find_doc_numbers("\n".join(text for _, text in above))
    return numbers[0] if len(numbers) == 1 else page.title


def _with_page_facts(doc: Document, page: Document, *, dated: bool) -> Document:
    """The notice with what the page says of itself: its URLs and site, and, when the page
    is the notice, its date when the notice's own sign-off gives none. A notice quoted in a
    news article is not dated by the article."""
    doc.source_url = page.source_url
    doc.canonical_url = page.canonical_url
    doc.site_name = page.site_name
    doc.origin = page.origin
    if dated:
        doc.date = doc.date or page.date  # the date it was signed comes first
        doc.summary = page.summary
    return doc


def _foreword_markdown(
    content: lxml.html.HtmlElement,
    blocks: list[tuple[lxml.html.HtmlElement, str]],
    start: int,
    to_markdown: MarkdownMaker,
) -> str:
    """Markdown of the content without the notice: the elements holding only the notice's
    paragraphs are removed from a copy. When the notice shares an element with the text
    before it (one ``<div>`` with ``<br>`` between paragraphs), that text is given as plain
    paragraphs instead."""
    before = {id(owner) for owner, _ in blocks[:start]}
    notice_owners = [owner for owner, _ in blocks[start:]]
    if any(id(owner) in before or owner is content for owner in notice_owners):
        return "\n\n".join(mdtext.paragraph(text) for _, text in blocks[:start]) + "\n"
    # The same elements in a copy: their paths from the root are the same.
    paths = {_path(content, owner) for owner in notice_owners}
    clone = copy.deepcopy(content)
    for path in sorted(paths, reverse=True):  # deepest and last first: paths stay valid
        element = _at(clone, path)
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)  # drops its tail too: the tail is notice text
    return to_markdown(clone)


def _path(root: lxml.html.HtmlElement, element: lxml.html.HtmlElement) -> tuple[int, ...]:
    steps: list[int] = []
    while element is not root:
        parent = element.getparent()
        steps.append(parent.index(element))
        element = parent
    return tuple(reversed(steps))


def _at(root: lxml.html.HtmlElement, path: tuple[int, ...]) -> lxml.html.HtmlElement:
    element = root
    for step in path:
        element = element[step]
    return element
