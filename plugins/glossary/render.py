"""HTML the glossary adds to pages: the term header, "Used in", "Related terms", the index.

Every string that comes from an editor or a scraped document (term names, aliases,
summaries, document titles) is escaped here; nothing is passed through as markup.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from plugins.languages import document_text_html, name_html

if TYPE_CHECKING:
    from plugins.glossary.terms import Term
    from plugins.model import DocumentPage

__all__ = [
    "UsedIn",
    "index_letter",
    "render_header",
    "render_index",
    "render_related",
    "render_used_in",
    "used_in_cells",
]


@dataclass(frozen=True)
class UsedIn:
    """One row of a term's "Used in" table."""

    doc: DocumentPage
    count: int


def _e(text: str) -> str:
    return escape(text, quote=True)


def _href(target_url: str, page_url: str) -> str:
    return _e(get_relative_url(target_url, page_url))


# Generated lists repeat other pages' titles and summaries: left out of the search index
# (Material's search and Pagefind), so a search for a document finds the document itself.
_NO_SEARCH = "data-search-exclude data-pagefind-ignore"


def _heading(level: int, anchor: str, text: str) -> str:
    """A heading with the permalink the toc extension gives Markdown headings."""
    return (
        f'<h{level} id="{anchor}">{_e(text)}'
        f'<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a></h{level}>'
    )


def render_title(term: Term, site_lang: str) -> str:
    """The term page's ``<h1>``, in its content so that Material does not make one of the
    title: a term written in another script is marked with its language there (the
    ``<title>`` cannot be)."""
    return f"<h1>{name_html(term.term, site_lang)}</h1>\n"


def render_header(term: Term, site_lang: str) -> str:
    """The summary, shown prominently above the body, and the other names of the term.

    The plugin adds it after linking the page: the summary reads as the editor wrote it,
    the same text the tooltips show. Names and summaries in another script than the site's
    are marked with their language (:func:`plugins.languages.name_html`), here and in the
    lists below."""
    out = [f'<p class="glossary-summary">{name_html(term.summary, site_lang)}</p>']
    if term.aliases:
        names = ", ".join(f"<span>{name_html(a, site_lang)}</span>" for a in term.aliases)
        out.append(f'<p class="glossary-aliases">Also: {names}</p>')
    return "\n".join(out)


def used_in_cells(doc: DocumentPage) -> str:
    """A document's "Used in" row after the link's ``href``: its escaped title, kind and
    date, the same on every term page that lists it (the plugin makes it once per build)."""
    meta = doc.meta
    date = (
        f'<time datetime="{_e(meta.date.iso)}">{_e(meta.date.display())}</time>'
        if meta.date is not None
        else '<span class="glossary-undated">date unknown</span>'
    )
    title = document_text_html(meta.title, doc.language, doc.lang)
    return f"{title}</a></td><td>{_e(meta.kind.value)}</td><td>{date}</td>"


def render_used_in(
    rows: Sequence[UsedIn],
    page_url: str,
    anchor: str,
    cells: dict[str, str] | None = None,
) -> str:
    """Every document that mentions the term, as the caller ordered them (newest first).

    ``cells`` keeps :func:`used_in_cells` by document across the term pages of a build: a
    document mentioned by many terms is escaped and formatted once, not on each page."""
    parts = [f'<section class="glossary-used-in">{_heading(2, anchor, "Used in")}']
    if not rows:
        parts.append('<p class="glossary-empty">No document of this site mentions it yet.</p>')
    else:
        count = f"{len(rows):,} document{'s' if len(rows) != 1 else ''}, newest first."
        parts.append(f'<p class="glossary-count">{count}</p>')
        parts.append(
            f"<table {_NO_SEARCH}>\n<thead><tr><th>Document</th><th>Kind</th><th>Date</th>"
            "<th>Mentions</th></tr></thead>\n<tbody>"
        )
        cache = {} if cells is None else cells
        for row in rows:
            doc = row.doc
            static = cache.get(doc.src_uri)
            if static is None:
                static = cache[doc.src_uri] = used_in_cells(doc)
            parts.append(
                f'<tr><td><a href="{_href(doc.url, page_url)}">{static}<td>{row.count}</td></tr>'
            )
        parts.append("</tbody>\n</table>")
    parts.append("</section>")
    return "\n".join(parts)


def render_related(terms: Sequence[Term], page_url: str, anchor: str, site_lang: str) -> str:
    """Related terms, each with its summary; empty when there are none."""
    if not terms:
        return ""
    items = "\n".join(
        f'<li><a href="{_href(t.url, page_url)}" title="{_e(t.summary)}">'
        f"{name_html(t.term, site_lang)}</a> — {name_html(t.summary, site_lang)}</li>"
        for t in terms
    )
    return (
        f'<section class="glossary-related">{_heading(2, anchor, "Related terms")}\n'
        f"<ul {_NO_SEARCH}>\n{items}\n</ul>\n</section>"
    )


def index_letter(term: str) -> str:
    """The A-Z group of a term: its first letter without accents, or "#" for anything else
    (digits, CJK names)."""
    for ch in unicodedata.normalize("NFKD", term.strip()):
        if unicodedata.combining(ch):
            continue
        up = ch.upper()
        return up if "A" <= up <= "Z" else "#"
    return "#"


def render_index(
    terms: Sequence[Term], page_url: str, site_lang: str
) -> tuple[str, list[AnchorLink]]:
    """The A-Z glossary: a letter bar, then per letter each term with summary and aliases.

    Returns the HTML and the table-of-contents entries of its letter headings."""
    groups: dict[str, list[Term]] = {}
    for term in sorted(terms, key=lambda t: (t.term.casefold(), t.term)):
        groups.setdefault(index_letter(term.term), []).append(term)
    letters = sorted(groups, key=lambda k: (k == "#", k))
    bar = " ".join(f'<a href="#glossary-{_anchor(k)}">{_e(k)}</a>' for k in letters)
    parts = [f'<nav class="glossary-letters" aria-label="Glossary letters">{bar}</nav>']
    toc = []
    for letter in letters:
        anchor = f"glossary-{_anchor(letter)}"
        parts.append(_heading(2, anchor, letter))
        toc.append(AnchorLink(_e(letter), anchor, 2))
        parts.append('<dl class="glossary-index">')
        for term in groups[letter]:
            name = name_html(term.term, site_lang)
            parts.append(f'<dt><a href="{_href(term.url, page_url)}">{name}</a></dt>')
            aliases = ""
            if term.aliases:
                aliases = (
                    '<br><span class="glossary-aliases">Also: '
                    + ", ".join(name_html(a, site_lang) for a in term.aliases)
                    + "</span>"
                )
            parts.append(f"<dd>{name_html(term.summary, site_lang)}{aliases}</dd>")
        parts.append("</dl>")
    return "\n".join(parts), toc


def _anchor(letter: str) -> str:
    return "other" if letter == "#" else letter.lower()
