"""Turn an HTML page into a ``Document``: the article's main text as Markdown, plus metadata.

Main content comes from readability-lxml (its HTML keeps headings, lists, links, tables,
quotes and images while dropping navigation, ads, share widgets and related-article boxes);
trafilatura's HTML output is the fallback when readability finds (next to) nothing.
``benchmarks/extraction.py`` measured this order as better than the reverse on Mozilla's
readability test pages, and compares the result with both libraries alone.
The chosen HTML is cleaned once more (scripts, forms, embeds, event handlers and unsafe URLs
removed; relative links made absolute) and converted to Markdown with markdownify, then
passed through ``safe_markdown`` so the result is inert whatever the page contained.

Metadata is read from the page's own declarations first (JSON-LD, Open Graph, Dublin Core,
``<meta>``, ``<time>``, ``<html lang>``, ``rel=canonical``), which keep the precision the
publisher gave (a date stays ``2026-02`` if that is all the page says); trafilatura's
heuristics fill the gaps.

Hostile or broken input is bounded: pages over ``MAX_HTML_CHARS`` are refused, elements
nested deeper than ``MAX_DEPTH`` are flattened to their text before any recursive code sees
them, and lxml's recovering parser copes with truncated markup.

Speed matters (a crawl ingests thousands of pages; the benchmark compares pages/s with
trafilatura alone). Parsers come from ``lxml_parser`` (no Python callback per element);
readability-lxml runs from ``readability_fast`` (a copy with a linear-time text cleaner);
markdownify's soup is built from the lxml tree by ``soup`` instead of re-parsing serialized
markup; trafilatura is asked only when its answer could change the result. Each of these
gives the same output as the straightforward code; tests/test_extract_html_fast.py checks.
"""

from __future__ import annotations

import html.entities
import json
import logging
import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import lxml.etree
import lxml.html
from bs4.element import NavigableString, Tag
from markdownify import MarkdownConverter

from scraper import mdtext
from scraper.document import Document
from scraper.encoding import decode_html
from scraper.extract import ExtractError, citations, html_notice
from scraper.extract.chinese_bylines import chinese_byline
from scraper.extract.language import is_wide
from scraper.extract.line_breaks import paragraphs_from_line_breaks
from scraper.extract.lxml_parser import html_parser
from scraper.extract.readability_fast import readability_class
from scraper.extract.soup import soup_from_lxml
from scraper.extract.tables import unwrap_code_tables, unwrap_layout_tables
from scraper.sanitize import safe_markdown

__all__ = ["MAX_DEPTH", "MAX_HTML_CHARS", "extract_html", "extract_html_documents"]

MAX_HTML_CHARS = 12_000_000  # ~12 MB of markup (the fetcher stops at 10 MB); ~1 min of work
MAX_DEPTH = 120  # deeper subtrees are flattened to text (real pages stay far below)
_WORD = re.compile(r"\w")

# Elements whose content is never article text, and which must not reach Markdown.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
    "embed", "applet", "form", "input", "button", "select", "textarea", "svg",
    "canvas", "audio", "link", "meta", "base", "head", "dialog",
)  # fmt: skip
_SAFE_SCHEMES = ("http", "https", "mailto")
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                        "meta", "param", "source", "track", "wbr"})  # fmt: skip
# HTML5 void elements that libxml2's HTML 4 parser does not know are empty: it nests everything
# after them inside them, so dropping an ``<embed>`` would drop the rest of the article.
_UNKNOWN_VOID_TAGS = ("embed", "keygen", "source", "track", "wbr")
# class/id words of boxes that sit inside articles but are not the article.
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:related|relatedposts|share|sharing|sharedaddy|social|newsletter|subscribe|"
    r"subscription|advert|advertisement|ads|adsbygoogle|sponsor|sponsored|promo|outbrain|"
    r"taboola|breadcrumbs?|cookie|paywall|signup|recommended|more-stories|"
    r"read-more|also-read|tags?-list|post-tags|comments?)(?:$|[\s_-])",
    re.IGNORECASE,
)
_NAV_TAGS = ("nav", "aside")
_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate",
    "publishdate", "publish-date", "publication_date", "dc.date", "dc.date.issued",
    "dcterms.date", "dcterms.issued", "dcterms.created", "citation_publication_date",
    "sailthru.date", "parsely-pub-date", "article.published", "published-date",
)  # fmt: skip
_AUTHOR_META = ("dc:creator", "dc.creator", "dcterm:creator", "dcterms:creator",
                "dcterms.creator", "author", "article:author", "byl", "parsely-author",
                "sailthru.author", "citation_author")  # fmt: skip
_TITLE_META = ("dc:title", "dc.title", "dcterm:title", "dcterms:title", "og:title",
               "twitter:title")  # fmt: skip
_MONTHS = ("january", "february", "march", "april", "june", "july", "august", "september",
           "october", "november", "december")  # fmt: skip
_MONTH_ABBR = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)\.?"
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—»·:]\s+|\s+[\\/>]\s+")
# Chinese sites join a title's parts without spaces: "标题_栏目_网站", "标题｜网站",
# "标题——网站". Only trusted where the page's h1 shows the part before one.
_HEADING_SEPARATORS = re.compile(_TITLE_SEPARATORS.pattern + r"|_|\s*[｜|]\s*|\s*——\s*")
_ISO_DATE = re.compile(
    r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?)?)?"
)
_WS = re.compile(r"\s+")

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
    data: bytes | str, *, url: str | None = None, charset: str | None = None
) -> list[Document]:
    """Every document of an HTML page: its article; or, when the page is a regulatory
    notice, the notice with its parts and numbered articles; or an article and the notice
    it quotes in full (see :mod:`scraper.extract.html_notice`)."""
    doc, content, base = _extract(data, url=url, charset=charset)
    if content is not None:
        found = html_notice.split_notice(content, doc, lambda part: _to_markdown(part, base))
        if found:
            return found
    return [doc]


def _extract(
    data: bytes | str, *, url: str | None, charset: str | None
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
    tree = _parse(text)
    _limit_depth(tree)
    meta = _page_metadata(tree, url)
    _prune_boilerplate(tree)
    paragraphs_from_line_breaks(tree)
    canonical = meta.get("canonical_url")
    base = url or canonical
    content = _main_content(tree, base)
    body = _to_markdown(content, base) if content is not None else ""
    if not _WORD.search(_visible(body)):
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
        language=meta.get("language"),
        summary=meta.get("summary"),
        canonical_url=canonical,
        cites=citations.cited_documents(_visible(body)),
    )
    return doc, content, base


# -- parsing ----------------------------------------------------------------------------------


def _parse(text: str) -> lxml.html.HtmlElement:
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
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            self.out.append(self.get_starttag_text() or "")
            return
        if len(self.open) < self.max_depth:
            self.out.append(self.get_starttag_text() or "")
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            return
        while self.open:
            closed = self.open.pop()
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


def _limit_depth(root: lxml.html.HtmlElement, max_depth: int = MAX_DEPTH) -> None:
    """Flatten subtrees deeper than ``max_depth`` into text, without recursion.

    The elements exactly ``max_depth`` levels below ``root`` are found with one XPath
    (libxml2 walks the tree in C; nearly every page has none), and each one's subtree is
    replaced by its text. Flattening one cannot move another, so the order does not matter.
    """
    deepest = [root] if max_depth < 1 else root.xpath("/".join(["*"] * max_depth))
    for element in deepest:
        flat = " ".join(t for t in element.itertext() if t and t.strip())
        for child in list(element):
            element.remove(child)
        element.text = flat


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
        boilerplate = element.tag in _NAV_TAGS or bool(marks and _BOILERPLATE.search(marks))
        if boilerplate and _text_length(element) <= 0.15 * total:
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


# -- metadata ---------------------------------------------------------------------------------


def _page_metadata(tree: lxml.html.HtmlElement, url: str | None) -> dict[str, str]:
    metas = _meta_tags(tree)
    ld = list(_json_ld_objects(tree))
    article = next((o for o in ld if _ld_is_article(o)), ld[0] if ld else {})
    found: list[dict[str, str]] = []

    def fallback(key: str) -> str | None:
        """trafilatura's guess, asked only when the page's own declarations lack the field
        (most pages declare all of them, and the guess costs as much as the rest)."""
        if not found:
            found.append(_trafilatura_metadata(tree, url))
        return found[0].get(key)

    labelled_found: list[tuple[str | None, str | None]] = []

    def labelled() -> tuple[str | None, str | None]:
        """A Chinese page's labelled byline under its headline (looked for once, and only
        on a page whose title or language is Chinese or Japanese)."""
        if not labelled_found:
            wide = any(is_wide(ch) for ch in out.get("title", "")[:40])
            cjk = wide or (tree.get("lang") or "").lower().startswith(("zh", "ja"))
            labelled_found.append((_labelled_byline(tree) if cjk else None) or (None, None))
        return labelled_found[0]

    out: dict[str, str] = {}
    site_name = metas.get("og:site_name") or _ld_name(article.get("publisher"))
    headline = _ld_text(article.get("headline"))
    title_element = _title_element(tree)
    title = _title_shown_as_heading(
        tree,
        (
            headline,
            _ld_text(article.get("name")),
            *(metas.get(key) for key in _TITLE_META),
            title_element,
        ),
        site_name,
    )
    title = title or (
        headline
        or _first(metas, _TITLE_META)
        or _clean_title(title_element, metas)
        or fallback("title")
    )
    if title:
        out["title"] = _strip_site_suffix(_squash(title), site_name)
    # Each source of a byline in turn, until one gives something that reads as a name.
    author = next(
        (
            name
            for source in (
                lambda: _ld_author(article.get("author")),
                lambda: _first(metas, _AUTHOR_META, reject_urls=True),
                lambda: _byline_element(tree),
                lambda: labelled()[0],
                lambda: fallback("author"),
            )
            if (name := _clean_byline(source() or ""))
        ),
        None,
    )
    if author:
        out["author"] = author[:200]
    date = _partial_iso(_ld_text(article.get("datePublished")) or _first(metas, _DATE_META))
    date = date or _time_element_date(tree) or labelled()[1] or _partial_iso(fallback("date"))
    if date:
        out["date"] = date
    site = (
        metas.get("og:site_name")
        or _ld_name(article.get("publisher"))
        or metas.get("application-name")
        or fallback("sitename")
    )
    if site:
        out["site_name"] = _squash(site)
    language = tree.get("lang") or tree.get("xml:lang") or metas.get("content-language")
    if language:
        out["language"] = language.strip().replace("_", "-")[:35]
    elif metas.get("og:locale"):
        out["language"] = metas["og:locale"].replace("_", "-")[:35]
    summary = (
        metas.get("og:description") or metas.get("description") or metas.get("twitter:description")
    )
    if summary:
        out["summary"] = _squash(summary)[:1000]
    canonical = _canonical(tree, metas, url)
    if canonical:
        out["canonical_url"] = canonical
    return out


def _meta_tags(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """First non-empty content of each ``<meta name|property|itemprop|http-equiv>``."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            for key in (meta.get(attr) or "").lower().split():
                found.setdefault(key, content)
    return found


# A script's JSON wrapped for XHTML or old browsers: <![CDATA[ ... ]]> or <!-- ... -->.
_LD_WRAPPER_RE = re.compile(r"^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$")


def _json_ld_objects(tree: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(_LD_WRAPPER_RE.sub("", script.text or ""))
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [])
                yield item


def _ld_is_article(obj: dict[str, Any]) -> bool:
    kinds = obj.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(
        isinstance(k, str) and ("Article" in k or k in {"BlogPosting", "Report"}) for k in kinds
    )


def _ld_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _ld_text(value.get("name"))
    return _ld_text(value)


def _ld_author(value: Any) -> str | None:
    values = value if isinstance(value, list) else [value]
    names = [n for n in (_ld_name(v) for v in values) if n and not _looks_like_url(n)]
    return ", ".join(dict.fromkeys(names)) or None


def _first(metas: dict[str, str], keys: tuple[str, ...], reject_urls: bool = False) -> str | None:
    for key in keys:
        value = metas.get(key)
        if value and not (reject_urls and _looks_like_url(value)):
            return value
    return None


def _looks_like_url(value: str) -> bool:
    return bool(re.match(r"https?://|www\.", value.strip()))


def _title_element(tree: lxml.html.HtmlElement) -> str | None:
    node = tree.find(".//title")
    return (_squash(node.text_content()) or None) if node is not None else None


def _title_shown_as_heading(
    tree: lxml.html.HtmlElement, candidates: Iterable[str | None], site: str | None
) -> str | None:
    """The first declared title that the page also shows as its ``<h1>``, whole or as the
    part before a separator ("New Zealand - Wikipedia" over an h1 "New Zealand").

    Declarations disagree: Wikipedia's JSON-LD ``headline`` is the article's one-line
    description ("Wikimedia list article"), a ``<title>`` may end with the author's name.
    The heading readers see settles which one is the title. None when no h1 agrees.
    """
    headings: dict[str, bool] = {}  # text -> a heading of the page's body, not a logo
    for h1 in tree.iter("h1"):
        text = _squash(h1.text_content()).casefold()
        if text:
            in_banner = any(a.tag in ("header", "nav", "a") for a in h1.iterancestors())
            headings[text] = headings.get(text, False) or not in_banner
    if not headings:
        return None
    site_key = _squash(site or "").casefold()
    for candidate in candidates:
        text = _squash(candidate or "")
        if not text:
            continue
        if text.casefold() in headings:
            return text
        for separator in _HEADING_SEPARATORS.finditer(text):
            head = text[: separator.start()]
            key = head.casefold()
            # A one-word head ("Vox - ...") is the title only if its h1 is not a logo's
            # (in the page's header or navigation, or a link): "Mozilla - Wikipedia".
            if key in headings and key != site_key and (headings[key] or len(head.split()) > 1):
                return head
    return None


def _clean_title(raw: str | None, metas: dict[str, str]) -> str | None:
    """The ``<title>``'s text (``raw``) without a trailing or leading site name."""
    if not raw:
        return None
    parts = _TITLE_SEPARATORS.split(raw)
    wide = any(is_wide(ch) for ch in raw)
    if len(parts) == 1 and wide:
        parts = _HEADING_SEPARATORS.split(raw)  # "标题_栏目_网站": no spaces around them
    if len(parts) > 1:
        site = (metas.get("og:site_name") or "").lower()
        kept = [p for p in parts if p.strip().lower() != site] if site else parts
        longest = max(kept or parts, key=len)
        if len(longest.split()) >= 3 or sum(is_wide(ch) for ch in longest) >= 8:
            return longest.strip()
    return raw


def _strip_site_suffix(title: str, site: str | None) -> str:
    """``Headline | Site`` -> ``Headline`` when the suffix is the page's declared site name."""
    if not site:
        return title
    separators = list(_TITLE_SEPARATORS.finditer(title))
    if separators:
        last = separators[-1]
        if title[last.end() :].strip().lower() == site.strip().lower():
            return title[: last.start()].strip() or title
    return title


def _byline_element(tree: lxml.html.HtmlElement) -> str | None:
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        rel = (element.get("rel") or "").lower()
        marks = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
        itemprop = (element.get("itemprop") or "").lower()
        if rel == "author" or itemprop == "author" or re.search(r"\bbyline\b", marks):
            text = _squash(element.text_content())
            if 0 < len(text) <= 100:
                return text
    return None


#: Elements a labelled byline is read from, and how far below the headline it may be.
_BYLINE_TAGS = frozenset({"div", "p", "span", "section", "header", "li", "td", "small",
                          "em", "address", "time", "h2", "h3", "h4", "h5", "h6"})  # fmt: skip
_BYLINE_REACH = 60


def _labelled_byline(tree: lxml.html.HtmlElement) -> tuple[str | None, str | None] | None:
    """(author, date) from the first short element below the page's headline that reads as
    a Chinese byline ("来源：新华社 2026-02-06"); a container of several labelled spans is
    read whole, so their parts come together."""
    heading = next(
        (
            h1
            for h1 in tree.iter("h1")
            if not any(a.tag in ("header", "nav") for a in h1.iterancestors())
        ),
        None,
    )
    started = heading is None
    seen = 0
    for element in tree.iter():
        if element is heading:
            started = True
            continue
        if not started or not isinstance(element.tag, str) or element.tag not in _BYLINE_TAGS:
            continue
        seen += 1
        if seen > _BYLINE_REACH:
            break
        found = chinese_byline(_squash(element.text_content()))
        if found is not None:
            return found
    return None


# Where a second credit starts: "Written by A Edited by B", "A Additional reporting by B".
_CREDIT_CUT = (
    r"(?i:\s+(?:edited|photos?|photographs|illustrations?|additional reporting|video)\s+by\b)"
)
_ROLE_RE = re.compile(
    r"(?:^|,?\s+)(?:(?:senior|chief|deputy|staff|contributing|managing|executive|[A-Z][a-z]+)\s+)?"
    r"(?:editor|reporter|correspondent|writer|columnist|contributor|producer|analyst)$",
    re.IGNORECASE,
)


def _clean_byline(text: str) -> str | None:
    """A name from a byline: no "By", no trailing date, handle, role or separator."""
    text = _squash(text)
    if (found := chinese_byline(text)) is not None:
        return found[0]  # "记者 李四 报道", "来源：新华社": the name without its label
    text = re.sub(
        r"^(?:(?:written|posted|reported|words|story|text)\s+)?(?:by|von|par|por|di|door)\b"
        r"\s*:?\s*",
        "",
        text,
        flags=re.IGNORECASE,
    )
    text = re.split(r"\s+[—–•|·]\s*|\s+-\s+|\s*@\w+|" + _CREDIT_CUT, text)[0]
    # A role after the name: "Ben Silverman Games Editor", "Jane Doe, Senior Reporter".
    text = _ROLE_RE.sub("", text)
    months = "|".join(_MONTHS)
    text = re.sub(
        rf"\s+(?:on\s+)?(?:{months}|{_MONTH_ABBR}|may)\s+\d.*$", "", text, flags=re.IGNORECASE
    )
    # A month name left alone at the end ("May" is also a surname, so not that one).
    text = re.sub(rf"\s+(?:{months})$", "", text, flags=re.IGNORECASE)
    # Names hold no digits: what follows one is a date or a count ("Lucas Nolan22 Dec 2016").
    text = re.sub(r"\s*\d.*$", "", text)
    text = text.strip(" ,;:—–-•|")
    return text if _not_a_label(text) else None


def _not_a_label(text: str) -> bool:
    """False for what bylines hold besides names: labels ("Last Updated"), initials alone."""
    if not text:
        return False
    if re.match(r"(?:last\s+)?(?:updated|modified|published|posted)\b", text, re.IGNORECASE):
        return False
    return any(len(re.sub(r"\W", "", word)) > 1 for word in text.split())


def _time_element_date(tree: lxml.html.HtmlElement) -> str | None:
    for element in tree.iter("time"):
        if (element.get("itemprop") or "").lower() in ("datepublished", "") or element.get(
            "pubdate"
        ) is not None:
            date = _partial_iso(element.get("datetime"))
            if date:
                return date
    return None


def _partial_iso(value: str | None) -> str | None:
    """ISO-like text at the precision given: ``2026``, ``2026-02``, ``2026-02-06 10:52:50``."""
    if not value:
        return None
    m = _ISO_DATE.search(value.strip())
    if not m:
        return None
    year, month, day, hour, minute, second = m.groups()
    if not 1000 <= int(year) <= 2999:
        return None
    out = year
    if month and 1 <= int(month) <= 12:
        out += f"-{int(month):02d}"
        if day and 1 <= int(day) <= 31:
            out += f"-{int(day):02d}"
            if hour is not None and minute is not None and int(hour) < 24 and int(minute) < 60:
                out += f" {int(hour):02d}:{minute}"
                out += f":{second}" if second else ""
    return out


def _canonical(tree: lxml.html.HtmlElement, metas: dict[str, str], url: str | None) -> str | None:
    href = None
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            href = link.get("href")
            break
    href = href or metas.get("og:url")
    if not href:
        return None
    absolute = urljoin(url, href.strip()) if url else href.strip()
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _trafilatura_metadata(tree: lxml.html.HtmlElement, url: str | None) -> dict[str, str]:
    from trafilatura.metadata import extract_metadata

    # No copy of the tree: extract_metadata copies before pruning anything (its author and
    # date searches each take their own copy), and the test suite checks it stays so.
    try:
        found = extract_metadata(tree, default_url=url, extensive=False)
    except Exception:  # a heuristic failing is no reason to lose the page
        return {}
    if found is None:
        return {}
    return {
        key: value
        for key in ("title", "author", "date", "sitename")
        if isinstance(value := getattr(found, key, None), str) and value.strip()
    }


# -- main content -----------------------------------------------------------------------------


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
    return _fragment(result)


def _readability_content(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    try:
        html = lxml.html.tostring(tree, encoding="unicode")
        summary = readability_class()(html).summary(html_partial=True)
    except Exception:  # same: heuristic code, failure means no candidate
        return None
    return _fragment(summary) if summary else None


def _fragment(html: str) -> lxml.html.HtmlElement | None:
    try:
        element = lxml.html.fragment_fromstring(html, create_parent="div", parser=html_parser())
    except (lxml.etree.ParserError, ValueError):
        return None
    _limit_depth(element)
    return element


def _first_heading(content: lxml.html.HtmlElement | None) -> str | None:
    if content is None:
        return None
    for tag in ("h1", "h2"):
        node = content.find(f".//{tag}")
        if node is not None and _squash(node.text_content()):
            return _squash(node.text_content())
    return None


def _first_words(body: str) -> str:
    words = _visible(body).split()
    title = " ".join(words[:12])
    return title + ("…" if len(words) > 12 else "")


# -- Markdown ---------------------------------------------------------------------------------


#: How markdownify writes our Markdown (``#`` headings, ``-`` bullets, ``*`` emphasis).
MARKDOWN_OPTIONS: dict[str, object] = {
    "heading_style": "atx",
    "bullets": "-",
    "strong_em_symbol": "*",
    "escape_misc": False,
    "table_infer_header": True,
}


_TRAILING_SPACE_RE = re.compile(r"(\S)  \n(?=[^\n]*\S)|[ \t]+\n")


def _to_markdown(content: lxml.html.HtmlElement, base: str | None) -> str:
    _clean_content(content, base)
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


def _clean_content(content: lxml.html.HtmlElement, base: str | None) -> None:
    """Remove active content and unsafe URLs; make links absolute; tables that set code or
    lay out the page give way to what they hold (:mod:`scraper.extract.tables`)."""
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
        for name in ("href", "src"):
            if name in element.attrib:
                fixed = _safe_url(element.get(name) or "", base)
                if fixed is None:
                    del element.attrib[name]
                else:
                    element.set(name, fixed)
        if element.tag == "img" and "src" not in element.attrib:
            for lazy in ("data-src", "data-original", "data-lazy-src"):
                fixed = _safe_url(element.get(lazy) or "", base)
                if fixed:
                    element.set("src", fixed)
                    break


def _safe_url(value: str, base: str | None) -> str | None:
    """An absolute http(s)/mailto URL, or None (link dropped, text kept)."""
    value = value.strip()
    if not value or value.startswith("#"):
        return None
    absolute = urljoin(base, value) if base else value
    scheme = urlsplit(absolute).scheme.lower()
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


_BLOCK_MARK_CHARS = frozenset("#>-+:!?~[0123456789")
_TEXT_SPECIAL_RE = re.compile(r"([\[\]`])")
# Text of the permalink anchors that sites put at the end of headings.
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
        if body[:1] in _BLOCK_MARK_CHARS and _starts_line(el):
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
        alt = _squash(el.attrs.get("alt") or "").replace("[", "(").replace("]", ")")
        if not src:
            return alt
        if "_inline" in parent_tags and el.parent.name not in ("p", "div", "figure"):
            return alt
        return f"![{alt}]({src})"

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


_BACKSLASH_ESCAPE_RE = re.compile(r"\\([^\w\s])")
# A link's text and destination, each up to the next unescaped bracket (parenthesis) on
# its line. Read to any "]" instead, a line of many "[" and no "]" was scanned to its end
# from every "[": time grew with the square of its length (2 s for 20,000 "[").
_LINK_TEXT = r"((?:[^\[\]\\\n]|\\.)*)"
_LINK_DEST = r"\((?:[^()\\\n]|\\.)*\)"
_IMAGE_RE = re.compile(rf"(?<!\\)!\[{_LINK_TEXT}\]{_LINK_DEST}")
_LINK_RE = re.compile(rf"(?<!\\)\[{_LINK_TEXT}\]{_LINK_DEST}")


def _visible(markdown: str) -> str:
    """Rough visible text of Markdown (for length checks and fallback titles)."""
    text = _IMAGE_RE.sub(r"\1", markdown)
    text = _LINK_RE.sub(r"\1", text)
    # Escapes are not words: "\\[" is "[", and "&lt;" is "<" (not the word "lt").
    text = html.unescape(_BACKSLASH_ESCAPE_RE.sub(r"\1", text))
    return re.sub(r"[#*_`>|\-]+", " ", text)


def _squash(value: str) -> str:
    return _WS.sub(" ", value).strip()
