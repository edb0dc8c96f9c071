"""Paragraphs that a page wrote as runs of text between ``<br><br>``.

Blogs and older sites set a whole post in one ``<div>``, its paragraphs separated by two
line breaks. readability-lxml turns each piece of text of such a ``<div>`` into a ``<p>``
of its own, the text before a link and the text after it apart, so a sentence with a link
came out cut into three paragraphs. Readability.js, whose rules the extractor follows,
first makes paragraphs of what lies between double line breaks; this does the same, before
the main content is looked for: every run of text and inline elements between two
``<br>``s in a row (or a block) becomes one ``<p>``; a single ``<br>`` stays a line break
inside its paragraph.
"""

from __future__ import annotations

from lxml.html import HtmlElement, fromstring

__all__ = ["paragraphs_from_line_breaks"]

# What ends a paragraph besides a double line break: elements that are blocks themselves.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dd", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
    "ul",
})  # fmt: skip


def paragraphs_from_line_breaks(root: HtmlElement) -> None:
    """Wrap the runs between double ``<br>``s of every element that has them in ``<p>``."""
    parents = []
    checked: set[HtmlElement] = set()  # each parent once, however many breaks it holds
    for br in root.iter("br"):
        parent = br.getparent()
        if parent is None or parent in checked:
            continue
        checked.add(parent)
        if _has_double_break(parent):
            parents.append(parent)
    for parent in parents:
        # Inside a paragraph or a phrase a <p> cannot stand: those keep their breaks.
        if parent.tag not in ("p", "span", "a", "b", "i", "em", "strong", "font", "li"):
            _wrap_runs(parent)


def _has_double_break(element: HtmlElement) -> bool:
    """Two ``<br>`` children with only blank text between them."""
    previous_br = False
    for child in element:
        is_br = child.tag == "br"
        if is_br and previous_br:
            return True
        previous_br = is_br and not (child.tail or "").strip()
    return False


def _wrap_runs(element: HtmlElement) -> None:
    """Rebuild ``element``'s content: blocks stay as they are, each run of inline content
    between double breaks and blocks becomes a ``<p>``."""
    children = list(element)
    text = element.text
    element.text = None
    for child in children:
        element.remove(child)  # keeps its tail: lxml moves the tail with the element
    out: list[HtmlElement] = []
    run: list[HtmlElement | str] = []

    def close() -> None:
        paragraph = fromstring("<p></p>")
        last: HtmlElement | None = None  # (len() of an lxml element counts its children)
        for item in run:
            if not isinstance(item, str):
                paragraph.append(item)
                last = item
            elif last is None:
                paragraph.text = (paragraph.text or "") + item
            else:
                last.tail = (last.tail or "") + item
        run.clear()
        _trim_breaks(paragraph)
        if paragraph.text_content().strip() or any(el.tag != "br" for el in paragraph):
            out.append(paragraph)

    if text:
        run.append(text)
    for i, child in enumerate(children):
        tail, child.tail = child.tail, None
        if child.tag == "br" and i + 1 < len(children) and _break_follows(tail, children[i + 1]):
            close()  # the second break opens the next run, which drops it
        elif isinstance(child.tag, str) and child.tag in _BLOCKS:
            close()
            out.append(child)
        else:
            run.append(child)
        if tail:
            run.append(tail)
    close()
    for item in out:
        element.append(item)


def _break_follows(tail: str | None, following: HtmlElement) -> bool:
    """Whether a ``<br>`` with this tail is the first of two line breaks in a row."""
    return following.tag == "br" and not (tail or "").strip()


def _trim_breaks(paragraph: HtmlElement) -> None:
    """Line breaks at the start or end of a paragraph show nothing: drop them."""
    while len(paragraph) and paragraph[-1].tag == "br" and not (paragraph[-1].tail or "").strip():
        paragraph[-1].drop_tree()
    while len(paragraph) and paragraph[0].tag == "br" and not (paragraph.text or "").strip():
        paragraph[0].drop_tree()
