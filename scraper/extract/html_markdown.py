"""An article's HTML as safe Markdown.

The content element is cleaned first (scripts, forms, embeds, event handlers and unsafe URLs
removed; relative links made absolute; tables that set code or lay out the page unwrapped),
then converted with markdownify, whose converter is extended so page text stays text (a
paragraph "3. The issuer shall..." is not a list, "&amp;lt;" not a "<") and code fences
cannot be closed by the code. ``safe_markdown`` runs on the result as a second line of
defence. The soup markdownify walks is built from the lxml tree (:mod:`scraper.extract.soup`)
rather than by parsing serialized markup again.
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import lxml.html
from bs4.element import NavigableString, Tag
from markdownify import MarkdownConverter

from scraper import mdtext
from scraper.extract import ExtractError
from scraper.extract.html_tree import squash
from scraper.extract.soup import soup_from_lxml
from scraper.extract.tables import unwrap_code_tables, unwrap_layout_tables
from scraper.sanitize import safe_markdown

__all__ = ["MARKDOWN_OPTIONS", "to_markdown", "visible"]

# Elements whose content is never article text, and which must not reach Markdown.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
    "embed", "applet", "form", "input", "button", "select", "textarea", "svg",
    "canvas", "audio", "link", "meta", "base", "head", "dialog",
)  # fmt: skip
_SAFE_SCHEMES = ("http", "https", "mailto")

#: How markdownify writes our Markdown (``#`` headings, ``-`` bullets, ``*`` emphasis).
MARKDOWN_OPTIONS: dict[str, object] = {
    "heading_style": "atx",
    "bullets": "-",
    "strong_em_symbol": "*",
    "escape_misc": False,
    "table_infer_header": True,
}


_TRAILING_SPACE_RE = re.compile(r"(\S)  \n(?=[^\n]*\S)|[ \t]+\n")


#: Answers where an ``<img>`` of the page points (``scraper.images.ImageResolver``): given its
#: ``src`` as written and the page's base URL, a path under docs/ or a URL, or None to keep
#: only the alternative text.
ImageHook = Callable[[str, str | None], str | None]


def to_markdown(
    content: lxml.html.HtmlElement, base: str | None, images: ImageHook | None = None
) -> str:
    _clean_content(content, base, images)
    try:
        markdown = _Converter(**MARKDOWN_OPTIONS).convert_soup(
            soup_from_lxml(content, element_classes={Tag: _Tag})
        )
    except RecursionError:
        raise ExtractError("page structure too deeply nested to convert") from None
    # Trailing whitespace goes, except the two spaces of a line break (<br>) between lines.
    markdown = _TRAILING_SPACE_RE.sub(lambda m: f"{m[1]}  \n" if m[1] else "\n", markdown)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip()
    return safe_markdown(markdown) + "\n" if markdown else ""


def _clean_content(
    content: lxml.html.HtmlElement, base: str | None, images: ImageHook | None = None
) -> None:
    """Remove active content and unsafe URLs; make links absolute; tables that set code or
    lay out the page give way to what they hold (:mod:`scraper.extract.tables`); images
    point where ``images`` says (without it: their absolute URL)."""
    for element in list(content.iter(*_DROP_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    unwrap_code_tables(content)
    unwrap_layout_tables(content)
    for element in content.iter():
        if not isinstance(element.tag, str):
            continue
        for name in list(element.attrib):
            if name.lower().startswith("on") or name.lower() in ("style", "srcdoc"):
                del element.attrib[name]
        if element.tag == "img" and images is not None:
            target = images(_image_source(element), base)
            if target is not None and not urlsplit(target).scheme:
                element.set("src", target)  # a kept image's path under docs/
                continue
            if target is None:
                element.attrib.pop("src", None)
                continue
            element.set("src", target)
        for name in ("href", "src"):
            if name in element.attrib:
                fixed = _safe_url(element.get(name) or "", base)
                if fixed is None:
                    del element.attrib[name]
                else:
                    element.set(name, fixed)
        if element.tag == "img" and "src" not in element.attrib:
            fixed = _safe_url(_image_source(element), base)
            if fixed:
                element.set("src", fixed)


# Where lazy-loading scripts keep the real address of an image until it scrolls into view.
_LAZY_SRC = ("data-src", "data-original", "data-lazy-src")


# Where pages list the same picture at several sizes (``<img srcset="a.jpg 480w, b.jpg 960w">``).
_SRCSET = ("srcset", "data-srcset")
# The widest candidate of a srcset kept, when the page gives widths: enough for the column
# on any screen, without fetching a print-size original.
_MAX_SRCSET_WIDTH = 1600


def _image_source(img: lxml.html.HtmlElement) -> str:
    """The address of the picture an ``<img>`` shows: its ``src``, unless that is missing or
    a placeholder written into the page (``data:``) while a lazy-loading attribute holds
    the real one, or the page names the picture only in a ``srcset``."""
    src = (img.get("src") or "").strip()
    if src and not src.lower().startswith("data:"):
        return src
    lazy = next((value.strip() for name in _LAZY_SRC if (value := img.get(name))), "")
    if lazy:
        return lazy
    for name in _SRCSET:
        chosen = srcset_choice(img.get(name) or "")
        if chosen:
            return chosen
    return src


def picture_address(img: lxml.html.HtmlElement) -> str:
    """The address of the picture an ``<img>`` shows (see ``_image_source``), or "" when it
    names none but a ``data:`` placeholder."""
    address = _image_source(img)
    return "" if address.lower().startswith("data:") else address


#: Every attribute in which a page names the picture of an ``<img>``.
PICTURE_ATTRIBUTES = ("src", *_LAZY_SRC, *_SRCSET)


def srcset_candidates(srcset: str) -> list[tuple[str, str]]:
    """The ``(url, descriptor)`` candidates of a ``srcset``, descriptors lower-cased,
    ``data:`` placeholders left out.

    Candidates are split as the HTML standard does: a URL is a run of non-space characters
    (so a comma inside it, as in ``w_400,h_300``, stays), and a comma ends its descriptors.
    """
    candidates: list[tuple[str, str]] = []
    position, end = 0, len(srcset)
    while position < end:
        while position < end and (srcset[position].isspace() or srcset[position] == ","):
            position += 1
        start = position
        while position < end and not srcset[position].isspace():
            position += 1
        url = srcset[start:position]
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            start = position
            while position < end and srcset[position] != ",":
                position += 1
            descriptor = srcset[start:position].strip().lower()
        if url and not url.lower().startswith("data:"):
            candidates.append((url, descriptor))
    return candidates


def srcset_choice(srcset: str) -> str | None:
    """The candidate of ``srcset`` to keep: the widest up to ``_MAX_SRCSET_WIDTH`` (else the
    narrowest) when widths are given, else the densest up to 2x; ``None`` when empty."""
    candidates = srcset_candidates(srcset)
    if not candidates:
        return None
    widths = [(int(d[:-1]), url) for url, d in candidates if d[:-1].isdigit() and d.endswith("w")]
    if widths:
        fitting = [pair for pair in widths if pair[0] <= _MAX_SRCSET_WIDTH]
        return max(fitting)[1] if fitting else min(widths)[1]
    densities = []
    for url, descriptor in candidates:
        try:
            density = float(descriptor[:-1]) if descriptor.endswith("x") else 1.0
        except ValueError:
            density = 1.0
        densities.append((density, url))
    fitting = [pair for pair in densities if pair[0] <= 2]
    return max(fitting, key=lambda pair: pair[0])[1] if fitting else densities[0][1]


def _safe_url(value: str, base: str | None) -> str | None:
    """An absolute http(s)/mailto URL, or None (link dropped, text kept)."""
    value = value.strip()
    if not value or value.startswith("#"):
        return None
    try:
        absolute = urljoin(base, value) if base else value
        scheme = urlsplit(absolute).scheme.lower()
    except ValueError:  # "http://[oops/x": no URL at all; the link goes, its text stays
        return None
    if scheme not in _SAFE_SCHEMES:
        return None
    # Characters that would end or confuse a Markdown link destination.
    return quote(absolute, safe=":/?#[]@!$&'*+,;=%~-._")


class _Tag(Tag):
    """A BeautifulSoup tag whose plain ``find_parent("pre")`` is a short loop.

    markdownify asks every tag whether it sits inside a ``<pre>``; bs4 answers through its
    general search machinery (filters, result sets), which made that question a sixth of
    the Markdown conversion. Anything but a bare tag name goes to bs4 as before.
    """

    def find_parent(self, name: Any = None, attrs: Any = None, **kwargs: Any) -> Any:
        if not isinstance(name, str) or attrs is not None or kwargs:
            return super().find_parent(name, attrs, **kwargs)
        parent = self.parent
        while parent is not None:
            if parent.name == name:
                return parent
            parent = parent.parent
        return None


# Elements after or at the start of which text begins a new Markdown line (markdownify puts
# their content on lines of its own); text in table cells never starts a block.
_LINE_BREAKING = frozenset(
    {"p", "div", "section", "article", "blockquote", "li", "ol", "ul", "dl", "dt", "dd"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "pre", "br", "hr", "table", "figure", "[document]"}
)
# Text that reads as a character reference after parsing was written escaped in the page
# ("&amp;lt;" shows "&lt;"), so it is escaped again. Only references lxml itself decodes
# count: it leaves HTML5-only names such as "&percnt;" as they are, and a browser would
# show "%" for those.
_ENTITY_LIKE_RE = re.compile(
    r"&(?=#|(?:" + "|".join(sorted(html.entities.name2codepoint, key=len, reverse=True)) + r");)"
)


_TEXT_SPECIAL_RE = re.compile(r"([\[\]`])")
# Text of the permalink anchors that sites put at the end of headings.
#: Markup written into a picture's description as text: some sites copy the caption's HTML
#: there ("Can you spot the anomaly?<br><small>Photo by <a href=...>"), which a screen
#: reader would spell out. Its tags go; their words stay. Only tags a caption holds: "<Ctrl>"
#: in a description of a keyboard is words.
_ALT_MARKUP_RE = re.compile(
    r"</?(?:a|abbr|b|br|cite|code|div|em|figcaption|i|img|p|s|small|span|strong|sub|sup|u)"
    r"(?:\s[^<>]*)?/?>",
    re.I,
)
_PERMALINK_MARKS = frozenset({"#", "¶", "§", "🔗", "link", "permalink"})


def _starts_line(node: Any) -> bool:
    """Whether a text node begins a line of the Markdown: nothing but blank text between it
    and the start of its block, or a block or ``<br>`` right before it."""
    while True:
        prev = node.previous_sibling
        while isinstance(prev, NavigableString) and not prev.strip():
            prev = prev.previous_sibling
        if prev is not None:
            return getattr(prev, "name", None) in _LINE_BREAKING
        parent = node.parent
        if parent is None or parent.name in ("td", "th"):
            return parent is None
        if parent.name in _LINE_BREAKING:
            return True
        node = parent


def _ends_heading(el: Any) -> bool:
    """Whether ``el`` is the last thing in a heading (blank text aside)."""
    parent = el.parent
    if parent is None or parent.name not in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return False
    after = el.next_sibling
    while isinstance(after, NavigableString) and not after.strip():
        after = after.next_sibling
    return after is None


class _Converter(MarkdownConverter):
    """markdownify with code fences that cannot be closed early by the code itself, and
    page text that stays text: a paragraph "3. The issuer shall..." is not a list (which the
    browser would number 1), "# 1" not a heading, "!!! note" not a callout, "&amp;lt;" not
    a "<"."""

    def convert_li(self, el: Any, text: str, parent_tags: set[str]) -> str:
        """markdownify indents what an item holds by the bullet's width ("- ": two spaces);
        Python-Markdown, which MkDocs uses, nests only what is indented by four, so a nested
        list came out flat. Same bullets, four-space indent."""
        text = (text or "").strip()
        if not text:
            return "\n"
        parent = el.parent
        if parent is not None and parent.name == "ol":
            start = str(parent.get("start") or "")
            number = (int(start) if start.isnumeric() else 1) + len(el.find_previous_siblings("li"))
            bullet = f"{number}. "
        else:
            bullet = f"{self.options['bullets'][0]} "
        indent = " " * max(4, len(bullet))
        first, _, rest = text.partition("\n")
        rest = "\n".join(indent + line if line.strip() else "" for line in rest.split("\n"))
        return f"{bullet}{first}\n{rest}\n" if rest.strip() else f"{bullet}{first}\n"

    def escape(self, text: str, parent_tags: set[str]) -> str:
        """Text as text: besides markdownify's ``*`` and ``_``, a character reference,
        ``<`` (an autolink), brackets (a link), backticks (code) and, in a table cell, ``|``
        (a new cell) are escaped."""
        text = _ENTITY_LIKE_RE.sub("&amp;", super().escape(text, parent_tags))
        text = _TEXT_SPECIAL_RE.sub(r"\\\1", text).replace("<", "&lt;")
        if "td" in parent_tags or "th" in parent_tags:
            text = text.replace("|", "\\|")
        return text

    def convert_hN(self, n: int, el: Any, text: str, parent_tags: set[str]) -> str:
        text = text.rstrip()
        # A "#" that ends the text would be read as closing the heading and dropped.
        if text.endswith("#") and not text.endswith("\\#"):
            text = text[:-1] + "\\#"
        return super().convert_hN(n, el, text, parent_tags)

    def process_text(self, el: Any, parent_tags: set[str] | None = None) -> str:
        text = super().process_text(el, parent_tags)
        if not text or "_noformat" in (parent_tags or ()) or "pre" in (parent_tags or ()):
            return text
        # markdownify keeps a newline of the page's source layout next to a <br>: "passed
        # to the\n<br/>\nRequest()" became a blank line, a paragraph cut in two.
        if getattr(el.next_sibling, "name", None) == "br":
            text = text.rstrip(" \t\n")
        if getattr(el.previous_sibling, "name", None) == "br":
            text = text.lstrip(" \t\n")
            if not text:
                return text
        lines = text.split("\n")
        for i in range(1, len(lines)):
            lines[i] = mdtext.block_start(lines[i])
        body = lines[0].lstrip(" ")
        # Most text starts with a letter: only a possible block marker costs the walk.
        if body[:1] in mdtext.BLOCK_START_CHARS and _starts_line(el):
            lines[0] = lines[0][: len(lines[0]) - len(body)] + mdtext.block_start(body)
        return "\n".join(lines)

    def convert_pre(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if not text.strip():
            return ""
        longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"\n\n{fence}\n{text.strip(chr(10))}\n{fence}\n\n"

    def convert_img(self, el: Any, text: str, parent_tags: set[str]) -> str:
        src = el.attrs.get("src") or ""
        alt = squash(_ALT_MARKUP_RE.sub(" ", el.attrs.get("alt") or ""))
        alt = alt.replace("[", "(").replace("]", ")")
        if not src:
            return alt
        if not _HEADINGS.isdisjoint(parent_tags):
            return alt  # a heading's picture is an icon; its words are the heading
        if "td" in parent_tags or "th" in parent_tags:
            alt = alt.replace("|", "\\|")  # a bare "|" would end the table cell
        return f"![{alt}]({src})"

    def convert_table(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return "\n\n" + _table_markdown(text.strip()) + "\n\n"

    def convert_a(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if text.strip() in _PERMALINK_MARKS and _ends_heading(el):
            return ""  # a heading's permalink ("#", pilcrow): page chrome, not text
        href = el.get("href")
        prefix, suffix, text = _chomp(text)
        if not href or not text or "_noformat" in parent_tags:
            return prefix + text + suffix
        # No title: link titles mostly repeat the text (or a teaser) and are not shown.
        return f"{prefix}[{text}]({href}){suffix}"


def _chomp(text: str) -> tuple[str, str, str]:
    """Split surrounding spaces off link text so they stay outside the brackets."""
    stripped = text.strip()
    if not stripped:
        return "", "", ""
    prefix = " " if text[:1].isspace() else ""
    suffix = " " if text[-1:].isspace() else ""
    return prefix, suffix, stripped.replace("\n", " ")


_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))

# A "|" that ends a cell: not escaped by a backslash (itself not escaped).
_CELL_BAR = re.compile(r"(?<!\\)(?:\\\\)*\|")
_DELIMITER_ROW = re.compile(r"\|(?: ?:?-+:? ?\|)+")


def _table_markdown(text: str) -> str:
    """A table as markdownify writes it, made whole for Python-Markdown.

    Python-Markdown draws as many columns as the header row has and drops the cells of a
    row beyond them, so a table whose first row has fewer cells than the rest (a header row
    a page's cleaning emptied, a row of merged cells) would lose whole columns: empty header
    cells are added instead (narrower rows are fine). And without the ``| --- |`` line
    under the header it is no table at all but a paragraph of bars: markdownify leaves it
    out when a ``<caption>`` precedes the first row, so it is put in.
    """
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.startswith("|")), None)
    if first is None:
        return text
    rows = lines[first:]
    widths = [len(_CELL_BAR.findall(row)) - 1 for row in rows]
    if len(rows) < 2 or not _DELIMITER_ROW.fullmatch(rows[1]):
        rows.insert(1, "|" + " --- |" * widths[0])
        widths.insert(1, widths[0])
    missing = max(widths) - widths[0]
    if missing > 0:
        rows[0] += "  |" * missing
        rows[1] += " --- |" * missing
    return "\n".join(lines[:first] + rows)


_BACKSLASH_ESCAPE_RE = re.compile(r"\\([^\w\s])")
# A link's text and destination, each up to the next unescaped bracket (parenthesis) on
# its line. Read to any "]" instead, a line of many "[" and no "]" was scanned to its end
# from every "[": time grew with the square of its length (2 s for 20,000 "[").
_LINK_TEXT = r"((?:[^\[\]\\\n]|\\.)*)"
_LINK_DEST = r"\((?:[^()\\\n]|\\.)*\)"
_IMAGE_RE = re.compile(rf"(?<!\\)!\[{_LINK_TEXT}\]{_LINK_DEST}")
_LINK_RE = re.compile(rf"(?<!\\)\[{_LINK_TEXT}\]{_LINK_DEST}")


def visible(markdown: str) -> str:
    """Rough visible text of Markdown (for length checks and fallback titles)."""
    text = _IMAGE_RE.sub(r"\1", markdown)
    text = _LINK_RE.sub(r"\1", text)
    # Escapes are not words: "\\[" is "[", and "&lt;" is "<" (not the word "lt").
    text = html.unescape(_BACKSLASH_ESCAPE_RE.sub(r"\1", text))
    return re.sub(r"[#*_`>|\-]+", " ", text)
