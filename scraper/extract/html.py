"""Turn an HTML page into a ``Document``: the article's main text as Markdown, plus metadata.

The steps, each in a module of its own:

1. :mod:`scraper.extract.html_tree` parses the page (bounded: pages over ``MAX_HTML_CHARS``
   are refused, elements nested deeper than ``MAX_DEPTH`` are flattened to their text before
   any recursive code sees them, and lxml's recovering parser copes with truncated markup);
   :mod:`scraper.extract.lazy_images` puts a lazy-loading page's ``<noscript>`` pictures in
   their placeholders' place;
2. :mod:`scraper.extract.html_metadata` reads title, author, date, site, language, summary
   and canonical URL, the page's own declarations first;
3. here: boxes that are not the article (navigation, share widgets, related links, ads) are
   pruned, and the main content is chosen. It comes from readability-lxml (its HTML keeps
   headings, lists, links, tables, quotes and images while dropping navigation, ads, share
   widgets and related-article boxes); trafilatura's HTML output is the fallback when
   readability finds (next to) nothing. ``benchmarks/extraction.py`` measured this order as
   better than the reverse on Mozilla's readability test pages, and compares the result with
   both libraries alone; :mod:`scraper.extract.figures` puts back the pictures that stood
   between two paragraphs it kept;
4. :mod:`scraper.extract.html_markdown` cleans that content and writes it as safe Markdown;
5. :mod:`scraper.extract.html_notice` splits a regulatory notice the page holds into a
   document of its own.

Speed matters (a crawl ingests thousands of pages; the benchmark compares pages/s with
trafilatura alone). Parsers come from ``lxml_parser`` (no Python callback per element);
readability-lxml runs from ``readability_fast`` (a copy with a linear-time text cleaner);
markdownify's soup is built from the lxml tree by ``soup`` instead of re-parsing serialized
markup; trafilatura is asked only when its answer could change the result. Each of these
gives the same output as the straightforward code; tests/test_extract_html_fast.py checks.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import lxml.html

from plugins.scripts import text_language
from scraper.document import Document
from scraper.encoding import decode_html
from scraper.extract import ExtractError, citations, html_notice
from scraper.extract.beacons import drop_tracking_pixels
from scraper.extract.figures import restore_figures
from scraper.extract.html_markdown import ImageHook, to_markdown, visible
from scraper.extract.html_metadata import page_metadata
from scraper.extract.html_tree import MAX_DEPTH, limit_depth, parse_fragment, parse_page, squash
from scraper.extract.lazy_images import unwrap_noscript_images
from scraper.extract.line_breaks import paragraphs_from_line_breaks
from scraper.extract.mathml import linearize_math
from scraper.extract.readability_fast import readability_class

__all__ = ["MAX_DEPTH", "MAX_HTML_CHARS", "extract_html", "extract_html_documents"]

MAX_HTML_CHARS = 12_000_000  # ~12 MB of markup (the fetcher stops at 10 MB); ~1 min of work
_WORD = re.compile(r"\w")
# class/id words of boxes that sit inside articles but are not the article.
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:related|relatedposts|share|sharing|sharedaddy|social|newsletter|subscribe|"
    r"subscription|advert|advertisement|ads|adsbygoogle|sponsor|sponsored|promo|outbrain|"
    r"taboola|breadcrumbs?|cookie|paywall|signup|recommended|more-stories|"
    r"read-more|also-read|tags?-list|post-tags|comments?)(?:$|[\s_-])",
    re.IGNORECASE,
)
_NAV_TAGS = ("nav", "aside")

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("readability").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def extract_html(
    data: bytes | str, *, url: str | None = None, charset: str | None = None
) -> Document:
    """Extract the main article of an HTML page; raise ``ExtractError`` if there is none.

    ``charset`` is the HTTP ``Content-Type`` charset when the bytes were fetched
    (``FetchResult.charset``); the page's own declarations and detection cover the rest.
    """
    return _extract(data, url=url, charset=charset)[0]


def extract_html_documents(
    data: bytes | str,
    *,
    url: str | None = None,
    charset: str | None = None,
    images: ImageHook | None = None,
) -> list[Document]:
    """Every document of an HTML page: its article; or, when the page is a regulatory
    notice, the notice with its parts and numbered articles; or an article and the notice
    it quotes in full (see :mod:`scraper.extract.html_notice`).

    ``images`` decides where each kept ``<img>`` points (:mod:`scraper.images`); without
    it, at its absolute URL."""
    doc, content, base = _extract(data, url=url, charset=charset, images=images)
    if content is not None:
        found = html_notice.split_notice(content, doc, lambda part: to_markdown(part, base, images))
        if found:
            return found
    return [doc]


def _extract(
    data: bytes | str, *, url: str | None, charset: str | None, images: ImageHook | None = None
) -> tuple[Document, lxml.html.HtmlElement | None, str | None]:
    """The page's article, its main content element (cleaned) and the base URL of its links."""
    text = decode_html(data, charset) if isinstance(data, bytes) else data
    text = text.replace("\x00", "")
    if not text.strip():
        raise ExtractError("empty page")
    if len(text) > MAX_HTML_CHARS:
        raise ExtractError(
            f"page is {len(text) / 1e6:.0f} MB of HTML, over the {MAX_HTML_CHARS // 10**6} MB limit"
        )
    tree = parse_page(text)
    if not _body_shows_words(tree):
        raise ExtractError("no article text found in the page" + _cut_in_head(text))
    limit_depth(tree)
    drop_tracking_pixels(tree)
    linearize_math(tree)
    unwrap_noscript_images(tree)
    meta = page_metadata(tree, url)
    _prune_boilerplate(tree)
    paragraphs_from_line_breaks(tree)
    canonical = meta.get("canonical_url")
    base = url or canonical
    content = _main_content(tree, base)
    if content is not None:
        restore_figures(tree, content)
    body = to_markdown(content, base, images) if content is not None else ""
    if not _WORD.search(visible(body)):
        raise ExtractError("no article text found in the page")

    title = meta.get("title") or _first_heading(content) or _first_words(body)
    doc = Document(
        title=title,
        kind="article",
        body=body,
        date=meta.get("date"),
        author=meta.get("author"),
        source_url=url or canonical,
        site_name=meta.get("site_name"),
        language=meta.get("language") or _script_language(visible(body)),
        summary=meta.get("summary"),
        canonical_url=canonical,
        cites=citations.cited_documents(visible(body)),
    )
    return doc, content, base


#: Elements whose text a reader does not see as content: code, the fallback of scripts, and
#: a ``<title>`` that a page cut off in its head leaves in the body.
_UNSHOWN = frozenset({"script", "style", "noscript", "template", "title"})
_HEAD_START = re.compile(r"<head[\s>]", re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.IGNORECASE)


def _body_shows_words(tree: lxml.html.HtmlElement) -> bool:
    """Whether the page's body has any words to show.

    Checked before the extractors run because each has a fallback for an empty page that
    makes something up: trafilatura returns the meta description, or the markup of a
    tracking pixel's ``<noscript>`` as text; readability the ``<title>``. A page whose
    body is empty (a download cut off in its head, a shell filled by scripts) has no
    article to give.

    A walk that stops at the first word: an XPath excluding the unshown elements by their
    ancestors took 7 s on a 3 MB page nested 250 deep (each text node checked its whole
    ancestry), and collected every text node of an ordinary page only to look at the first.
    """
    for body in tree.iter("body"):
        if body.text and _WORD.search(body.text):
            return True
        stack: list[Iterator[lxml.html.HtmlElement]] = [iter(body)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                continue
            if child.tail and _WORD.search(child.tail):
                return True
            if isinstance(child.tag, str) and child.tag not in _UNSHOWN:
                if child.text and _WORD.search(child.text):
                    return True
                stack.append(iter(child))
    return False


def _cut_in_head(text: str) -> str:
    """Why the page may be empty, when its markup stops inside ``<head>``."""
    if _HEAD_START.search(text) and not _HEAD_END.search(text):
        return ": it ends inside its <head> (a download cut off?)"
    return ""


def _script_language(text: str) -> str | None:
    """The language of a page that declares none, where its script tells: Chinese,
    Japanese or Korean. Latin letters do not say which language they write, so a page in
    them is left without one rather than called English."""
    found = text_language(text)
    return found if found in ("zh", "ja", "ko") else None


# -- boilerplate --------------------------------------------------------------------------------


_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _prune_boilerplate(tree: lxml.html.HtmlElement) -> None:
    """Remove navigation, share widgets, related-article and ad boxes before extraction.

    A box is only removed if it holds a minor part of the page's text, so a wrapper that
    happens to carry a matching class (``post-comments-enabled``...) cannot take the
    article with it.
    """
    body = tree.find("body")
    total = _text_length(body if body is not None else tree)
    doomed = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "article", "main"):
            continue
        marks = f"{element.get('class') or ''} {element.get('id') or ''}".strip()
        if _hidden_from_readers(element):
            doomed.append(element)
            continue
        # A heading's id is made of its words ("related-party-transactions",
        # "marketing-on-social-media"): it names a section, not a widget.
        boilerplate = element.tag in _NAV_TAGS or bool(
            marks and element.tag not in _HEADING_TAGS and _BOILERPLATE.search(marks)
        )
        if boilerplate and _text_length(element) <= 0.15 * total:
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _hidden_from_readers(element: lxml.html.HtmlElement) -> bool:
    """Marked ``aria-hidden="true"``: what a page shows only to the eye, a duplicate of
    what it says in words (an icon, a decorative copy of a headline, a formula drawn
    beside its MathML). Readability drops these too, but for a picture that stands in for
    a missing one ("fallback-image")."""
    return (element.get("aria-hidden") or "").strip().lower() == "true" and (
        "fallback-image" not in (element.get("class") or "")
    )


def _main_content(tree: lxml.html.HtmlElement, base: str | None) -> lxml.html.HtmlElement | None:
    """The article's HTML: readability's, or trafilatura's when that is clearly better.

    Measured on the readability test pages (benchmarks/extraction.py), readability-lxml
    keeps the article more faithfully; trafilatura rescues pages where readability finds
    (next to) nothing, and keeps data tables that readability's cleaning throws away.
    """
    primary = _readability_content(tree)
    primary_len = _text_length(primary)
    if (
        primary is not None
        and primary_len >= 200
        and _count(tree, "table") <= _count(primary, "table")
    ):
        # Neither rule below can pick trafilatura's text here (it cannot keep more tables
        # than the page has), so it is not run: that halves the time of most pages.
        return primary
    fallback = _trafilatura_content(tree, base)
    fallback_len = _text_length(fallback)
    if primary is None or (primary_len < 200 and fallback_len > primary_len):
        return fallback if fallback is not None else primary
    if (
        fallback is not None
        and _count(fallback, "table") > _count(primary, "table")
        and fallback_len >= 0.8 * primary_len
    ):
        return fallback
    return primary


def _count(element: lxml.html.HtmlElement, tag: str) -> int:
    return sum(1 for _ in element.iter(tag))


def _text_length(element: lxml.html.HtmlElement | None) -> int:
    """Characters of text, whitespace not counted (``str.split`` and ``\\s`` agree on it)."""
    return sum(map(len, element.text_content().split())) if element is not None else 0


def _trafilatura_content(
    tree: lxml.html.HtmlElement, base: str | None
) -> lxml.html.HtmlElement | None:
    import trafilatura

    try:
        result = trafilatura.extract(
            tree,  # not copied: trafilatura works on its own copy of a tree it is given
            url=base,
            output_format="html",
            include_comments=False,
            include_tables=True,
            include_images=True,
            include_links=True,
            include_formatting=True,
            deduplicate=False,
        )
    except Exception:  # trafilatura is heuristic code; any failure means "try the fallback"
        return None
    if not result:
        return None
    return parse_fragment(result)


def _readability_content(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    # Outside the try: without readability-lxml (a dependency) every page would silently
    # lose its second candidate; a broken install is an error, not a worse extraction.
    document = readability_class()
    try:
        html = lxml.html.tostring(tree, encoding="unicode")
        # Without keep_all_images, readability's cleaning drops every box holding a picture
        # and little text: the figures of an article (its photos with their captions).
        summary = document(html).summary(html_partial=True, keep_all_images=True)
    except Exception:  # same: heuristic code, failure means no candidate
        return None
    return parse_fragment(summary) if summary else None


def _first_heading(content: lxml.html.HtmlElement | None) -> str | None:
    if content is None:
        return None
    for tag in ("h1", "h2"):
        node = content.find(f".//{tag}")
        if node is not None and squash(node.text_content()):
            return squash(node.text_content())
    return None


def _first_words(body: str) -> str:
    words = visible(body).split()
    title = " ".join(words[:12])
    return title + ("…" if len(words) > 12 else "")
