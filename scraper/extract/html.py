"""Turn an HTML page into a ``Document``: the article's main text as Markdown, plus metadata.

Main content comes from trafilatura (its HTML output keeps headings, lists, links, tables,
quotes and images while dropping navigation, ads, share widgets and related-article boxes);
readability-lxml is the fallback when trafilatura finds nothing or far less than readability
does. ``benchmarks/extraction.py`` measures the combination against both libraries alone.
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
"""

from __future__ import annotations

import copy
import json
import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import lxml.etree
import lxml.html
from markdownify import MarkdownConverter

from scraper.document import Document
from scraper.encoding import decode_html
from scraper.extract import ExtractError
from scraper.sanitize import safe_markdown

__all__ = ["MAX_DEPTH", "MAX_HTML_CHARS", "extract_html"]

MAX_HTML_CHARS = 20_000_000  # ~20 MB of markup; the fetcher's own cap is 10 MB
MAX_DEPTH = 120  # deeper subtrees are flattened to text (real pages stay far below)
MIN_TEXT_CHARS = 25  # less main text than this is "no article found"

# Elements whose content is never article text, and which must not reach Markdown.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
    "embed", "applet", "form", "input", "button", "select", "textarea", "svg", "math",
    "canvas", "audio", "link", "meta", "base", "head", "dialog",
)  # fmt: skip
_SAFE_SCHEMES = ("http", "https", "mailto")
_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate",
    "publishdate", "publish-date", "publication_date", "dc.date", "dc.date.issued",
    "dcterms.date", "dcterms.issued", "dcterms.created", "citation_publication_date",
    "sailthru.date", "parsely-pub-date", "article.published", "published-date",
)  # fmt: skip
_AUTHOR_META = ("author", "article:author", "dc.creator", "dcterms.creator", "byl",
                "parsely-author", "sailthru.author", "citation_author")  # fmt: skip
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—»·:]\s+|\s+[\\/>]\s+")
_ISO_DATE = re.compile(
    r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?)?)?"
)
_WS = re.compile(r"\s+")

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("readability").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def extract_html(data: bytes | str, *, url: str | None = None) -> Document:
    """Extract the main article of an HTML page; raise ``ExtractError`` if there is none."""
    text = decode_html(data) if isinstance(data, bytes) else data
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
    canonical = meta.get("canonical_url")
    base = url or canonical
    content = _main_content(tree, base)
    body = _to_markdown(content, base) if content is not None else ""
    if len(_WS.sub("", _visible(body))) < MIN_TEXT_CHARS:
        raise ExtractError("no article text found in the page")

    title = meta.get("title") or _first_heading(content) or _first_words(body)
    return Document(
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
    )


# -- parsing ----------------------------------------------------------------------------------


def _parse(text: str) -> lxml.html.HtmlElement:
    # An XML declaration with an encoding makes lxml refuse str input; it says nothing now.
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text, count=1)
    parser = lxml.html.HTMLParser(recover=True, remove_comments=True, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as error:
        raise ExtractError(f"not an HTML page ({error})") from None
    if root is None:
        raise ExtractError("not an HTML page")
    return root


def _limit_depth(root: lxml.html.HtmlElement, max_depth: int = MAX_DEPTH) -> None:
    """Flatten subtrees deeper than ``max_depth`` into text, without recursion."""
    stack = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        if depth >= max_depth:
            flat = " ".join(t for t in element.itertext() if t and t.strip())
            for child in list(element):
                element.remove(child)
            element.text = flat
            continue
        stack.extend((child, depth + 1) for child in element)


# -- metadata ---------------------------------------------------------------------------------


def _page_metadata(tree: lxml.html.HtmlElement, url: str | None) -> dict[str, str]:
    metas = _meta_tags(tree)
    ld = list(_json_ld_objects(tree))
    article = next((o for o in ld if _ld_is_article(o)), ld[0] if ld else {})
    fallback = _trafilatura_metadata(tree, url)

    out: dict[str, str] = {}
    title = (
        _ld_text(article.get("headline"))
        or metas.get("og:title")
        or metas.get("twitter:title")
        or metas.get("dc.title")
        or _clean_title(tree, metas)
        or fallback.get("title")
    )
    if title:
        out["title"] = _squash(title)
    author = (
        _ld_author(article.get("author"))
        or _first(metas, _AUTHOR_META, reject_urls=True)
        or _byline_element(tree)
        or fallback.get("author")
    )
    if author:
        out["author"] = _squash(author)[:200]
    date = _partial_iso(_ld_text(article.get("datePublished")) or _first(metas, _DATE_META))
    date = date or _time_element_date(tree) or _partial_iso(fallback.get("date"))
    if date:
        out["date"] = date
    site = (
        metas.get("og:site_name")
        or _ld_name(article.get("publisher"))
        or metas.get("application-name")
        or fallback.get("sitename")
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


def _json_ld_objects(tree: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
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


def _clean_title(tree: lxml.html.HtmlElement, metas: dict[str, str]) -> str | None:
    """The ``<title>`` without a trailing or leading site name."""
    node = tree.find(".//title")
    raw = _squash(node.text_content()) if node is not None else ""
    if not raw:
        return None
    parts = _TITLE_SEPARATORS.split(raw)
    if len(parts) > 1:
        site = (metas.get("og:site_name") or "").lower()
        kept = [p for p in parts if p.strip().lower() != site] if site else parts
        longest = max(kept or parts, key=len)
        if len(longest.split()) >= 3:
            return longest
    return raw


def _byline_element(tree: lxml.html.HtmlElement) -> str | None:
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        rel = (element.get("rel") or "").lower()
        marks = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
        itemprop = (element.get("itemprop") or "").lower()
        if rel == "author" or itemprop == "author" or re.search(r"\bbyline\b", marks):
            text = _squash(element.text_content())
            text = re.sub(r"^(by|von|par|por)\s+", "", text, flags=re.IGNORECASE)
            if 0 < len(text) <= 100:
                return text
    return None


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

    try:
        found = extract_metadata(copy.deepcopy(tree), default_url=url, extensive=False)
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
    """The article's HTML: trafilatura's, or readability's when that finds clearly more."""
    primary = _trafilatura_content(tree, base)
    primary_len = len(_WS.sub("", primary.text_content())) if primary is not None else 0
    if primary_len >= 500:
        return primary
    fallback = _readability_content(tree)
    fallback_len = len(_WS.sub("", fallback.text_content())) if fallback is not None else 0
    if fallback is not None and fallback_len > max(2 * primary_len, MIN_TEXT_CHARS):
        return fallback
    return primary if primary is not None else fallback


def _trafilatura_content(
    tree: lxml.html.HtmlElement, base: str | None
) -> lxml.html.HtmlElement | None:
    import trafilatura

    try:
        result = trafilatura.extract(
            copy.deepcopy(tree),
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
    from readability import Document as Readability

    try:
        html = lxml.html.tostring(tree, encoding="unicode")
        summary = Readability(html).summary(html_partial=True)
    except Exception:  # same: heuristic code, failure means no candidate
        return None
    return _fragment(summary) if summary else None


def _fragment(html: str) -> lxml.html.HtmlElement | None:
    try:
        element = lxml.html.fragment_fromstring(html, create_parent="div")
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


def _to_markdown(content: lxml.html.HtmlElement, base: str | None) -> str:
    _clean_content(content, base)
    html = lxml.html.tostring(content, encoding="unicode")
    try:
        markdown = _Converter(
            heading_style="atx",
            bullets="-",
            strong_em_symbol="*",
            escape_misc=False,
            table_infer_header=True,
        ).convert(html)
    except RecursionError:
        raise ExtractError("page structure too deeply nested to convert") from None
    markdown = re.sub(r"[ \t]+\n", "\n", markdown)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip()
    return safe_markdown(markdown) + "\n" if markdown else ""


def _clean_content(content: lxml.html.HtmlElement, base: str | None) -> None:
    """Remove active content and unsafe URLs; make links absolute."""
    for element in list(content.iter(*_DROP_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
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


class _Converter(MarkdownConverter):
    """markdownify with code fences that cannot be closed early by the code itself."""

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
        if not el.get("href"):
            return text
        return super().convert_a(el, text, parent_tags)


def _visible(markdown: str) -> str:
    """Rough visible text of Markdown (for length checks and fallback titles)."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[#*_`>|\-]+", " ", text)


def _squash(value: str) -> str:
    return _WS.sub(" ", value).strip()
