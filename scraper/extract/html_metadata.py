"""A page's metadata: title, author, date, site name, language, summary, canonical URL.

Read from the page's own declarations first (JSON-LD, Open Graph, Dublin Core, ``<meta>``,
``<time>``, ``<html lang>``, ``rel=canonical``), which keep the precision the publisher gave
(a date stays ``2026-02`` if that is all the page says); a headline the page also shows as
its ``<h1>`` settles which declared title is the title; a Chinese page's labelled byline
under its headline comes next; trafilatura's heuristics fill the gaps, asked only when a
field is still missing.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html

from plugins.schema import LANGUAGE_TAG_RE, utc_offset_minutes, utc_offset_text
from plugins.scripts import is_wide
from scraper.extract.chinese_bylines import chinese_byline
from scraper.extract.html_tree import squash

__all__ = ["page_metadata"]

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
    r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
    r"(Z|[+-]\d{2}:?\d{2})?)?)?)?"
)


def page_metadata(tree: lxml.html.HtmlElement, url: str | None) -> dict[str, str]:
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
        out["title"] = _strip_site_suffix(squash(title), site_name)
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
        out["site_name"] = squash(site)
    language = _language_tag(
        tree.get("lang") or tree.get("xml:lang") or metas.get("content-language")
    ) or _language_tag(metas.get("og:locale"))
    if language:
        out["language"] = language
    summary = (
        metas.get("og:description") or metas.get("description") or metas.get("twitter:description")
    )
    if summary:
        out["summary"] = squash(summary)[:1000]
    canonical = _canonical(tree, metas, url)
    if canonical:
        out["canonical_url"] = canonical
    return out


#: A character reference with its semicolon: ``&quot;``, ``&#039;``, ``&#x1F62D;``.
_LEFT_REFERENCE_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


def _declared(value: str) -> str:
    """A declared value with the character references left in it decoded.

    Many sites escape a description or a headline twice (``content="来到&amp;quot;玉峰國小
    &amp;quot;"``, JSON-LD's ``"we&#039;ve"``): once read, the value still holds
    ``&quot;``, and the summary showed it as text. Readability decodes these too. Only
    references closed by a semicolon: ``html.unescape`` alone would read "Barnes&nobles"
    as "Barnes¬bles" (HTML's ``&not`` needs none)."""
    if "&" not in value:
        return value
    return _LEFT_REFERENCE_RE.sub(lambda m: html.unescape(m.group()), value)


def _meta_tags(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """First non-empty content of each ``<meta name|property|itemprop|http-equiv>``, its
    character references left by a second escaping decoded."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = _declared((meta.get("content") or "").strip())
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
    return _declared(value.strip()) if isinstance(value, str) and value.strip() else None


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
    return (squash(node.text_content()) or None) if node is not None else None


def _title_shown_as_heading(
    tree: lxml.html.HtmlElement, candidates: Iterable[str | None], site: str | None
) -> str | None:
    """The first declared title that the page also shows as its ``<h1>`` (failing that, an
    ``<h2>`` of several words), whole or as the part before a separator ("New Zealand -
    Wikipedia" over an h1 "New Zealand").

    Declarations disagree: Wikipedia's JSON-LD ``headline`` is the article's one-line
    description ("Wikimedia list article"), a ``<title>`` may end with the author's name.
    The heading readers see settles which one is the title. None when no h1 agrees.
    """
    found = _title_in_headings(tree, "h1", candidates, site, one_word=True)
    # Some templates give the page's h1 to the site or section (a fan-fiction archive's
    # "Archive of Our Own") and the work's title to an h2: a declared title that begins
    # with an h2's words, several of them, is that title.
    return found or _title_in_headings(tree, "h2", candidates, site, one_word=False)


def _title_in_headings(
    tree: lxml.html.HtmlElement,
    level: str,
    candidates: Iterable[str | None],
    site: str | None,
    *,
    one_word: bool,
) -> str | None:
    headings: dict[str, bool] = {}  # text -> a heading of the page's body, not a logo
    for heading in tree.iter(level):
        text = squash(heading.text_content()).casefold()
        if text:
            in_banner = any(a.tag in ("header", "nav", "a") for a in heading.iterancestors())
            headings[text] = headings.get(text, False) or not in_banner
    if not headings:
        return None
    site_key = squash(site or "").casefold()
    for candidate in candidates:
        text = squash(candidate or "")
        if not text:
            continue
        if text.casefold() in headings and (one_word or len(text.split()) > 1):
            return text
        for separator in _HEADING_SEPARATORS.finditer(text):
            head = text[: separator.start()]
            key = head.casefold()
            words = len(head.split())
            # A one-word head ("Vox - ...") is the title only if its h1 is not a logo's
            # (in the page's header or navigation, or a link): "Mozilla - Wikipedia".
            if key in headings and key != site_key and (words > 1 or (one_word and headings[key])):
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
            text = squash(element.text_content())
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
        found = chinese_byline(squash(element.text_content()))
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
    text = squash(text)
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
    """ISO-like text at the precision given: ``2026``, ``2026-02``, ``2026-02-06 10:52:50``,
    ``2026-02-06 10:52:50+08:00``."""
    if not value:
        return None
    m = _ISO_DATE.search(value.strip())
    if not m:
        return None
    year, month, day, hour, minute, second, zone = m.groups()
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
                out += _offset(zone)
    return out


def _offset(zone: str | None) -> str:
    """``+08:00`` for the zone a page's time gives (``+0800``, ``Z``): kept, so that the
    feed says the instant the page does, not the clock reading taken as UTC; nothing for
    one that names no offset (``+08:75``)."""
    try:
        minutes = utc_offset_minutes(zone)
    except ValueError:
        return ""
    return "" if minutes is None else utc_offset_text(minutes)


def _canonical(tree: lxml.html.HtmlElement, metas: dict[str, str], url: str | None) -> str | None:
    href = None
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            href = link.get("href")
            break
    href = href or metas.get("og:url")
    if not href:
        return None
    try:
        absolute = urljoin(url, href.strip()) if url else href.strip()
        return absolute if urlsplit(absolute).scheme in ("http", "https") else None
    except ValueError:  # "http://[oops/x": no address, as if there were no such link
        return None


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


def _language_tag(value: str | None) -> str | None:
    """The first language tag of an attribute or header ("en-US, en" gives "en-US";
    "en_GB" gives "en-GB"), or None when it holds none ("english", "{{lang}}"): the site
    writes the tag into ``lang`` attributes, and the schema accepts tags only."""
    if not value:
        return None
    first = value.replace("_", "-").split(",")[0].strip()
    return first if LANGUAGE_TAG_RE.match(first) else None
