"""Paginated listings of documents: per section, newest first, and per year.

Documents are reached through these listings (and the timeline and glossary), not through
a sidebar entry each: a sidebar with thousands of entries makes every page carry the whole
navigation, which makes build time and output size grow with the square of the corpus.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from mkdocs.utils import get_relative_url

from plugins.jurisdictions import jurisdiction_name
from plugins.languages import document_text_html, name_html, version_links
from plugins.model import DocumentPage


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class ListingPage:
    """One page of one listing: which documents, and where its neighbours are."""

    src_uri: str  # e.g. "news/index.md", "news/page/2/index.md", "news/2025/index.md"
    title: str
    docs: tuple[DocumentPage, ...]
    number: int
    count: int
    section: str
    generated: bool
    #: The years of its section (``years_of``) with documents, for the "By year" bar on
    #: each of the section's pages and year pages (a year page was a dead end without it);
    #: ``year`` is the page's own year, shown as the current one.
    years: tuple[str, ...] = ()
    years_of: str = ""
    year: str | None = None


def page_uri(section: str, number: int) -> str:
    return f"{section}/index.md" if number == 1 else f"{section}/page/{number}/index.md"


def paginate(
    section: str, title: str, docs: list[DocumentPage], size: int, first_is_real: bool
) -> list[ListingPage]:
    """Split ``docs`` into pages of ``size``; page 1 is ``<section>/index.md``."""
    count = max(1, math.ceil(len(docs) / size))
    return [
        ListingPage(
            page_uri(section, n),
            title if n == 1 else f"{title} (page {n} of {count})",
            tuple(docs[(n - 1) * size : n * size]),
            n,
            count,
            section,
            generated=not (n == 1 and first_is_real),
        )
        for n in range(1, count + 1)
    ]


def url_of(src_uri: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives a page at ``src_uri`` (an index.md)."""
    folder = src_uri[: -len("index.md")]
    return folder if use_directory_urls else folder + "index.html"


def render(
    listing: ListingPage, page_url: str, use_directory_urls: bool, site_lang: str = "en"
) -> str:
    """HTML of one listing page: years, the documents with date and summary, pager. A
    title, summary or number in another script than the site's (``site_lang``) is marked
    with its language."""
    out = []
    if listing.years:
        root = listing.years_of or listing.section

        def link(text: str, src_uri: str, current: bool) -> str:
            if current:
                return f'<strong aria-current="page">{esc(text)}</strong>'
            href = get_relative_url(url_of(src_uri, use_directory_urls), page_url)
            return f'<a href="{esc(href)}">{esc(text)}</a>'

        links = [link(y, f"{root}/{y}/index.md", y == listing.year) for y in listing.years]
        if listing.year is not None:  # a year's page: the way back to all of them
            links.insert(0, link("All years", f"{root}/index.md", False))
        out.append(f'<p class="regkb-years">By year: {" · ".join(links)}</p>')
    if not listing.docs:
        out.append('<p class="regkb-empty">No documents yet.</p>')
    else:
        items = []
        for doc in listing.docs:
            meta = doc.meta
            href = esc(get_relative_url(doc.url, page_url))
            date = (
                f'<time datetime="{esc(meta.date.iso)}">{esc(meta.date.display())}</time>'
                if meta.date
                else '<span class="regkb-undated">date unknown</span>'
            )
            bits = [esc(meta.kind.value)]
            if meta.doc_number:
                bits.append(name_html(meta.doc_number, site_lang))
            if meta.jurisdiction:
                bits.append(_jurisdiction(meta.jurisdiction))
            if doc.original is not None or doc.translations:
                bits.append(f"also in {version_links(doc.version_refs, page_url)}")
            summary = meta.summary or doc.excerpt
            items.append(
                '<li class="regkb-listing__item">'
                f'<a class="regkb-listing__title" href="{href}">'
                f"{document_text_html(meta.title, doc.language, doc.lang)}</a>"
                f'<div class="regkb-listing__meta">{date} · {" · ".join(bits)}</div>'
                + (
                    '<p class="regkb-listing__summary">'
                    f"{document_text_html(summary, doc.language, doc.lang)}</p>"
                    if summary
                    else ""
                )
                + "</li>"
            )
        out.append(f'<ol class="regkb-listing">{"".join(items)}</ol>')
    if listing.count > 1:
        out.append(_pager(listing, page_url, use_directory_urls))
    return "\n".join(out)


def _jurisdiction(code: str) -> str:
    """The code, short as listings need it, with its name on hover."""
    name = jurisdiction_name(code)
    return f'<abbr title="{esc(name)}">{esc(code)}</abbr>' if name else esc(code)


def pager_numbers(number: int, count: int, reach: int = 2) -> list[int | None]:
    """The page numbers a pager shows: the first, the last and ``reach`` either side of
    the current one; ``None`` where numbers are left out. A site of 5,000 documents has
    about 50 pages per section, too many links to show on each one."""
    shown = {1, count, *range(max(1, number - reach), min(count, number + reach) + 1)}
    out: list[int | None] = []
    previous = 0
    for n in sorted(shown):
        if n - previous == 2:
            out.append(n - 1)  # a gap of one page: the number itself is as short as "…"
        elif n - previous > 2:
            out.append(None)
        out.append(n)
        previous = n
    return out


def _pager(listing: ListingPage, page_url: str, use_directory_urls: bool) -> str:
    """Newer and older pages (the listing is newest first), and some page numbers."""

    def href(n: int) -> str:
        target = url_of(page_uri(listing.section, n), use_directory_urls)
        return esc(get_relative_url(target, page_url))

    number, count = listing.number, listing.count
    links = []
    if number > 1:
        links.append(f'<a rel="prev" href="{href(number - 1)}">← Newer</a>')
    for n in pager_numbers(number, count):
        if n is None:
            links.append('<span class="regkb-pager__gap">…</span>')
        elif n == number:
            links.append(f'<span aria-current="page">{n}</span>')
        else:
            links.append(f'<a href="{href(n)}">{n}</a>')
    if number < count:
        links.append(f'<a rel="next" href="{href(number + 1)}">Older →</a>')
    return f'<nav class="regkb-pager" aria-label="Pages">{" ".join(links)}</nav>'
